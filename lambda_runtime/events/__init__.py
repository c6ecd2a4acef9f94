"""Typed AWS Lambda events and responses: ``from lambda_runtime.events import SQSEvent``.

Every class wraps the parsed JSON document without copying or walking it and exposes typed, snake_case
attributes; ``cls.from_dict(doc)`` / ``obj.to_dict()`` is the runtime's decode/encode protocol, and
``to_dict()`` gives back the very document (fields nobody modelled survive).

Rule: importing this package imports no family module. Names resolve on first use through
``_EXPORTS`` (name -> module); mypy sees the real classes through the TYPE_CHECKING imports. Adding a
class means adding it to both, and to the module's ``__all__``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lambda_runtime.events._base import EventDecodeError, EventObject, EventResponse, MissingFieldError

if TYPE_CHECKING:
    # --- part A exports ---
    from lambda_runtime.events._batch_response import (
        BatchItemFailure as BatchItemFailure,
    )
    from lambda_runtime.events._batch_response import (
        BatchItemFailuresResponse as BatchItemFailuresResponse,
    )
    from lambda_runtime.events._http import (
        CaseInsensitiveMapping as CaseInsensitiveMapping,
    )
    from lambda_runtime.events.alb import (
        ALBTargetGroupRequest as ALBTargetGroupRequest,
    )
    from lambda_runtime.events.alb import (
        ALBTargetGroupRequestContext as ALBTargetGroupRequestContext,
    )
    from lambda_runtime.events.alb import (
        ALBTargetGroupResponse as ALBTargetGroupResponse,
    )
    from lambda_runtime.events.alb import (
        ELBContext as ELBContext,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayClientCertificate as APIGatewayClientCertificate,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayClientCertificateValidity as APIGatewayClientCertificateValidity,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayProxyRequest as APIGatewayProxyRequest,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayProxyRequestContext as APIGatewayProxyRequestContext,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayProxyResponse as APIGatewayProxyResponse,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayRequestIdentity as APIGatewayRequestIdentity,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayV2HTTPRequest as APIGatewayV2HTTPRequest,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayV2HTTPRequestContext as APIGatewayV2HTTPRequestContext,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayV2HTTPRequestContextAuthentication as APIGatewayV2HTTPRequestContextAuthentication,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayV2HTTPRequestContextAuthorizerDescription as APIGatewayV2HTTPRequestContextAuthorizerDescription,  # noqa: E501
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayV2HTTPRequestContextAuthorizerIAMDescription as APIGatewayV2HTTPRequestContextAuthorizerIAMDescription,  # noqa: E501
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayV2HTTPRequestContextAuthorizerJWTDescription as APIGatewayV2HTTPRequestContextAuthorizerJWTDescription,  # noqa: E501
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayV2HTTPRequestContextHTTPDescription as APIGatewayV2HTTPRequestContextHTTPDescription,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayV2HTTPResponse as APIGatewayV2HTTPResponse,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayWebsocketProxyRequest as APIGatewayWebsocketProxyRequest,
    )
    from lambda_runtime.events.api_gateway import (
        APIGatewayWebsocketProxyRequestContext as APIGatewayWebsocketProxyRequestContext,
    )
    from lambda_runtime.events.authorizers import (
        APIGatewayCustomAuthorizerPolicy as APIGatewayCustomAuthorizerPolicy,
    )
    from lambda_runtime.events.authorizers import (
        APIGatewayCustomAuthorizerRequest as APIGatewayCustomAuthorizerRequest,
    )
    from lambda_runtime.events.authorizers import (
        APIGatewayCustomAuthorizerRequestTypeRequest as APIGatewayCustomAuthorizerRequestTypeRequest,
    )
    from lambda_runtime.events.authorizers import (
        APIGatewayCustomAuthorizerRequestTypeRequestContext as APIGatewayCustomAuthorizerRequestTypeRequestContext,  # noqa: E501
    )
    from lambda_runtime.events.authorizers import (
        APIGatewayCustomAuthorizerResponse as APIGatewayCustomAuthorizerResponse,
    )
    from lambda_runtime.events.authorizers import (
        APIGatewayV2CustomAuthorizerIAMPolicyResponse as APIGatewayV2CustomAuthorizerIAMPolicyResponse,
    )
    from lambda_runtime.events.authorizers import (
        APIGatewayV2CustomAuthorizerSimpleResponse as APIGatewayV2CustomAuthorizerSimpleResponse,
    )
    from lambda_runtime.events.authorizers import (
        APIGatewayV2CustomAuthorizerV1Request as APIGatewayV2CustomAuthorizerV1Request,
    )
    from lambda_runtime.events.authorizers import (
        APIGatewayV2CustomAuthorizerV2Request as APIGatewayV2CustomAuthorizerV2Request,
    )
    from lambda_runtime.events.authorizers import (
        IAMPolicyStatement as IAMPolicyStatement,
    )
    from lambda_runtime.events.cloudwatch import (
        CloudWatchEvent as CloudWatchEvent,
    )
    from lambda_runtime.events.cloudwatch import (
        CloudWatchLogsData as CloudWatchLogsData,
    )
    from lambda_runtime.events.cloudwatch import (
        CloudWatchLogsEvent as CloudWatchLogsEvent,
    )
    from lambda_runtime.events.cloudwatch import (
        CloudWatchLogsLogEvent as CloudWatchLogsLogEvent,
    )
    from lambda_runtime.events.cloudwatch import (
        CloudWatchLogsRawData as CloudWatchLogsRawData,
    )
    from lambda_runtime.events.cloudwatch import (
        EventBridgeEnvelope as EventBridgeEnvelope,
    )
    from lambda_runtime.events.cloudwatch import (
        EventBridgeEvent as EventBridgeEvent,
    )
    from lambda_runtime.events.cloudwatch import (
        ScheduledEvent as ScheduledEvent,
    )
    from lambda_runtime.events.dynamodb import (
        DynamoDBBatchItemFailure as DynamoDBBatchItemFailure,
    )
    from lambda_runtime.events.dynamodb import (
        DynamoDBEvent as DynamoDBEvent,
    )
    from lambda_runtime.events.dynamodb import (
        DynamoDBEventRecord as DynamoDBEventRecord,
    )
    from lambda_runtime.events.dynamodb import (
        DynamoDBEventResponse as DynamoDBEventResponse,
    )
    from lambda_runtime.events.dynamodb import (
        DynamoDBStreamRecord as DynamoDBStreamRecord,
    )
    from lambda_runtime.events.dynamodb import (
        DynamoDBTimeWindowEvent as DynamoDBTimeWindowEvent,
    )
    from lambda_runtime.events.dynamodb import (
        DynamoDBTimeWindowEventResponse as DynamoDBTimeWindowEventResponse,
    )
    from lambda_runtime.events.dynamodb import (
        DynamoDBUserIdentity as DynamoDBUserIdentity,
    )
    from lambda_runtime.events.dynamodb import (
        TimeWindow as TimeWindow,
    )
    from lambda_runtime.events.dynamodb import (
        from_attribute_value as from_attribute_value,
    )
    from lambda_runtime.events.dynamodb import (
        from_item as from_item,
    )
    from lambda_runtime.events.dynamodb import (
        to_attribute_value as to_attribute_value,
    )
    from lambda_runtime.events.dynamodb import (
        to_item as to_item,
    )
    from lambda_runtime.events.function_url import (
        LambdaFunctionURLRequest as LambdaFunctionURLRequest,
    )
    from lambda_runtime.events.function_url import (
        LambdaFunctionURLRequestContext as LambdaFunctionURLRequestContext,
    )
    from lambda_runtime.events.function_url import (
        LambdaFunctionURLRequestContextAuthorizerDescription as LambdaFunctionURLRequestContextAuthorizerDescription,  # noqa: E501
    )
    from lambda_runtime.events.function_url import (
        LambdaFunctionURLResponse as LambdaFunctionURLResponse,
    )
    from lambda_runtime.events.kinesis import (
        KinesisBatchItemFailure as KinesisBatchItemFailure,
    )
    from lambda_runtime.events.kinesis import (
        KinesisEvent as KinesisEvent,
    )
    from lambda_runtime.events.kinesis import (
        KinesisEventRecord as KinesisEventRecord,
    )
    from lambda_runtime.events.kinesis import (
        KinesisEventResponse as KinesisEventResponse,
    )
    from lambda_runtime.events.kinesis import (
        KinesisFirehoseEvent as KinesisFirehoseEvent,
    )
    from lambda_runtime.events.kinesis import (
        KinesisFirehoseEventRecord as KinesisFirehoseEventRecord,
    )
    from lambda_runtime.events.kinesis import (
        KinesisFirehoseRecordMetadata as KinesisFirehoseRecordMetadata,
    )
    from lambda_runtime.events.kinesis import (
        KinesisFirehoseResponse as KinesisFirehoseResponse,
    )
    from lambda_runtime.events.kinesis import (
        KinesisFirehoseResponseRecord as KinesisFirehoseResponseRecord,
    )
    from lambda_runtime.events.kinesis import (
        KinesisFirehoseResponseRecordMetadata as KinesisFirehoseResponseRecordMetadata,
    )
    from lambda_runtime.events.kinesis import (
        KinesisRecord as KinesisRecord,
    )
    from lambda_runtime.events.kinesis import (
        KinesisTimeWindowEvent as KinesisTimeWindowEvent,
    )
    from lambda_runtime.events.kinesis import (
        KinesisTimeWindowEventResponse as KinesisTimeWindowEventResponse,
    )
    from lambda_runtime.events.s3 import (
        S3BatchJob as S3BatchJob,
    )
    from lambda_runtime.events.s3 import (
        S3BatchJobEvent as S3BatchJobEvent,
    )
    from lambda_runtime.events.s3 import (
        S3BatchJobResponse as S3BatchJobResponse,
    )
    from lambda_runtime.events.s3 import (
        S3BatchJobResult as S3BatchJobResult,
    )
    from lambda_runtime.events.s3 import (
        S3BatchJobTask as S3BatchJobTask,
    )
    from lambda_runtime.events.s3 import (
        S3Bucket as S3Bucket,
    )
    from lambda_runtime.events.s3 import (
        S3Entity as S3Entity,
    )
    from lambda_runtime.events.s3 import (
        S3Event as S3Event,
    )
    from lambda_runtime.events.s3 import (
        S3EventBridgeBucket as S3EventBridgeBucket,
    )
    from lambda_runtime.events.s3 import (
        S3EventBridgeDetail as S3EventBridgeDetail,
    )
    from lambda_runtime.events.s3 import (
        S3EventBridgeEvent as S3EventBridgeEvent,
    )
    from lambda_runtime.events.s3 import (
        S3EventBridgeObject as S3EventBridgeObject,
    )
    from lambda_runtime.events.s3 import (
        S3EventRecord as S3EventRecord,
    )
    from lambda_runtime.events.s3 import (
        S3GlacierEventData as S3GlacierEventData,
    )
    from lambda_runtime.events.s3 import (
        S3Object as S3Object,
    )
    from lambda_runtime.events.s3 import (
        S3ObjectLambdaConfiguration as S3ObjectLambdaConfiguration,
    )
    from lambda_runtime.events.s3 import (
        S3ObjectLambdaContext as S3ObjectLambdaContext,
    )
    from lambda_runtime.events.s3 import (
        S3ObjectLambdaEvent as S3ObjectLambdaEvent,
    )
    from lambda_runtime.events.s3 import (
        S3ObjectLambdaUserRequest as S3ObjectLambdaUserRequest,
    )
    from lambda_runtime.events.s3 import (
        S3RestoreEventData as S3RestoreEventData,
    )
    from lambda_runtime.events.s3 import (
        S3UserIdentity as S3UserIdentity,
    )
    from lambda_runtime.events.sns import (
        SNSEntity as SNSEntity,
    )
    from lambda_runtime.events.sns import (
        SNSEvent as SNSEvent,
    )
    from lambda_runtime.events.sns import (
        SNSEventRecord as SNSEventRecord,
    )
    from lambda_runtime.events.sns import (
        SNSMessageAttribute as SNSMessageAttribute,
    )
    from lambda_runtime.events.sqs import (
        SQSBatchItemFailure as SQSBatchItemFailure,
    )
    from lambda_runtime.events.sqs import (
        SQSEvent as SQSEvent,
    )
    from lambda_runtime.events.sqs import (
        SQSEventResponse as SQSEventResponse,
    )
    from lambda_runtime.events.sqs import (
        SQSMessage as SQSMessage,
    )
    from lambda_runtime.events.sqs import (
        SQSMessageAttribute as SQSMessageAttribute,
    )

    # --- end part A ---
    # isort: split
    # --- part B exports ---
    from lambda_runtime.events.appsync import (
        AppSyncCognitoIdentity as AppSyncCognitoIdentity,
    )
    from lambda_runtime.events.appsync import (
        AppSyncIAMIdentity as AppSyncIAMIdentity,
    )
    from lambda_runtime.events.appsync import (
        AppSyncLambdaAuthorizerRequest as AppSyncLambdaAuthorizerRequest,
    )
    from lambda_runtime.events.appsync import (
        AppSyncLambdaAuthorizerRequestContext as AppSyncLambdaAuthorizerRequestContext,
    )
    from lambda_runtime.events.appsync import (
        AppSyncLambdaAuthorizerResponse as AppSyncLambdaAuthorizerResponse,
    )
    from lambda_runtime.events.appsync import (
        AppSyncResolverEvent as AppSyncResolverEvent,
    )
    from lambda_runtime.events.autoscaling import (
        AutoScalingEvent as AutoScalingEvent,
    )
    from lambda_runtime.events.autoscaling import (
        AutoScalingEventDetail as AutoScalingEventDetail,
    )
    from lambda_runtime.events.bedrock import (
        BedrockAgentEvent as BedrockAgentEvent,
    )
    from lambda_runtime.events.bedrock import (
        BedrockAgentInfo as BedrockAgentInfo,
    )
    from lambda_runtime.events.bedrock import (
        BedrockAgentParameter as BedrockAgentParameter,
    )
    from lambda_runtime.events.bedrock import (
        BedrockAgentRequestBody as BedrockAgentRequestBody,
    )
    from lambda_runtime.events.bedrock import (
        BedrockAgentRequestMedia as BedrockAgentRequestMedia,
    )
    from lambda_runtime.events.bedrock import (
        BedrockAgentResponse as BedrockAgentResponse,
    )
    from lambda_runtime.events.bedrock import (
        BedrockAgentResponsePayload as BedrockAgentResponsePayload,
    )
    from lambda_runtime.events.clientvpn import (
        ClientVPNConnectionHandlerRequest as ClientVPNConnectionHandlerRequest,
    )
    from lambda_runtime.events.clientvpn import (
        ClientVPNConnectionHandlerResponse as ClientVPNConnectionHandlerResponse,
    )
    from lambda_runtime.events.cloudformation import (
        CloudFormationCustomResourceRequest as CloudFormationCustomResourceRequest,
    )
    from lambda_runtime.events.cloudformation import (
        CloudFormationCustomResourceResponse as CloudFormationCustomResourceResponse,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchAlarmConfiguration as CloudWatchAlarmConfiguration,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchAlarmData as CloudWatchAlarmData,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchAlarmEvent as CloudWatchAlarmEvent,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchAlarmEventMetric as CloudWatchAlarmEventMetric,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchAlarmEventMetricDataQuery as CloudWatchAlarmEventMetricDataQuery,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchAlarmEventMetricStat as CloudWatchAlarmEventMetricStat,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchAlarmSNSPayload as CloudWatchAlarmSNSPayload,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchAlarmState as CloudWatchAlarmState,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchAlarmTrigger as CloudWatchAlarmTrigger,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchDimension as CloudWatchDimension,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchMetric as CloudWatchMetric,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchMetricDataQuery as CloudWatchMetricDataQuery,
    )
    from lambda_runtime.events.cloudwatch_alarms import (
        CloudWatchMetricStat as CloudWatchMetricStat,
    )
    from lambda_runtime.events.code_services import (
        CodeBuildArtifact as CodeBuildArtifact,
    )
    from lambda_runtime.events.code_services import (
        CodeBuildEnvironment as CodeBuildEnvironment,
    )
    from lambda_runtime.events.code_services import (
        CodeBuildEnvironmentVariable as CodeBuildEnvironmentVariable,
    )
    from lambda_runtime.events.code_services import (
        CodeBuildEvent as CodeBuildEvent,
    )
    from lambda_runtime.events.code_services import (
        CodeBuildEventAdditionalInformation as CodeBuildEventAdditionalInformation,
    )
    from lambda_runtime.events.code_services import (
        CodeBuildEventDetail as CodeBuildEventDetail,
    )
    from lambda_runtime.events.code_services import (
        CodeBuildLogs as CodeBuildLogs,
    )
    from lambda_runtime.events.code_services import (
        CodeBuildPhase as CodeBuildPhase,
    )
    from lambda_runtime.events.code_services import (
        CodeBuildSource as CodeBuildSource,
    )
    from lambda_runtime.events.code_services import (
        CodeCommitCodeCommit as CodeCommitCodeCommit,
    )
    from lambda_runtime.events.code_services import (
        CodeCommitEvent as CodeCommitEvent,
    )
    from lambda_runtime.events.code_services import (
        CodeCommitRecord as CodeCommitRecord,
    )
    from lambda_runtime.events.code_services import (
        CodeCommitReference as CodeCommitReference,
    )
    from lambda_runtime.events.code_services import (
        CodeDeployEvent as CodeDeployEvent,
    )
    from lambda_runtime.events.code_services import (
        CodeDeployEventDetail as CodeDeployEventDetail,
    )
    from lambda_runtime.events.code_services import (
        CodeDeployLifecycleHookEvent as CodeDeployLifecycleHookEvent,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineActionConfiguration as CodePipelineActionConfiguration,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineArtifact as CodePipelineArtifact,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineArtifactCredentials as CodePipelineArtifactCredentials,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineArtifactLocation as CodePipelineArtifactLocation,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineCloudWatchEvent as CodePipelineCloudWatchEvent,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineConfiguration as CodePipelineConfiguration,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineData as CodePipelineData,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineEvent as CodePipelineEvent,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineEventBridgeEvent as CodePipelineEventBridgeEvent,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineEventDetail as CodePipelineEventDetail,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineEventDetailExecutionResult as CodePipelineEventDetailExecutionResult,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineEventDetailType as CodePipelineEventDetailType,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineJob as CodePipelineJob,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineJobEvent as CodePipelineJobEvent,
    )
    from lambda_runtime.events.code_services import (
        CodePipelineS3Location as CodePipelineS3Location,
    )
    from lambda_runtime.events.cognito import (
        AccessTokenGeneration as AccessTokenGeneration,
    )
    from lambda_runtime.events.cognito import (
        ClaimsAndScopeOverrideDetails as ClaimsAndScopeOverrideDetails,
    )
    from lambda_runtime.events.cognito import (
        ClaimsOverrideDetails as ClaimsOverrideDetails,
    )
    from lambda_runtime.events.cognito import (
        CognitoDatasetRecord as CognitoDatasetRecord,
    )
    from lambda_runtime.events.cognito import (
        CognitoEvent as CognitoEvent,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCallerContext as CognitoEventUserPoolsCallerContext,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsChallengeResult as CognitoEventUserPoolsChallengeResult,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCreateAuthChallenge as CognitoEventUserPoolsCreateAuthChallenge,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCreateAuthChallengeRequest as CognitoEventUserPoolsCreateAuthChallengeRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCreateAuthChallengeResponse as CognitoEventUserPoolsCreateAuthChallengeResponse,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCustomEmailSender as CognitoEventUserPoolsCustomEmailSender,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCustomEmailSenderRequest as CognitoEventUserPoolsCustomEmailSenderRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCustomMessage as CognitoEventUserPoolsCustomMessage,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCustomMessageRequest as CognitoEventUserPoolsCustomMessageRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCustomMessageResponse as CognitoEventUserPoolsCustomMessageResponse,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCustomSMSSender as CognitoEventUserPoolsCustomSMSSender,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCustomSMSSenderRequest as CognitoEventUserPoolsCustomSMSSenderRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsDefineAuthChallenge as CognitoEventUserPoolsDefineAuthChallenge,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsDefineAuthChallengeRequest as CognitoEventUserPoolsDefineAuthChallengeRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsDefineAuthChallengeResponse as CognitoEventUserPoolsDefineAuthChallengeResponse,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsHeader as CognitoEventUserPoolsHeader,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsInboundFederation as CognitoEventUserPoolsInboundFederation,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsInboundFederationAttributes as CognitoEventUserPoolsInboundFederationAttributes,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsInboundFederationRequest as CognitoEventUserPoolsInboundFederationRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsInboundFederationResponse as CognitoEventUserPoolsInboundFederationResponse,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsMigrateUser as CognitoEventUserPoolsMigrateUser,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsMigrateUserRequest as CognitoEventUserPoolsMigrateUserRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsMigrateUserResponse as CognitoEventUserPoolsMigrateUserResponse,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPostAuthentication as CognitoEventUserPoolsPostAuthentication,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPostAuthenticationRequest as CognitoEventUserPoolsPostAuthenticationRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPostConfirmation as CognitoEventUserPoolsPostConfirmation,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPostConfirmationRequest as CognitoEventUserPoolsPostConfirmationRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreAuthentication as CognitoEventUserPoolsPreAuthentication,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreAuthenticationRequest as CognitoEventUserPoolsPreAuthenticationRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreSignup as CognitoEventUserPoolsPreSignup,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreSignupRequest as CognitoEventUserPoolsPreSignupRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreSignupResponse as CognitoEventUserPoolsPreSignupResponse,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreTokenGen as CognitoEventUserPoolsPreTokenGen,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreTokenGenRequest as CognitoEventUserPoolsPreTokenGenRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreTokenGenResponse as CognitoEventUserPoolsPreTokenGenResponse,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreTokenGenV2 as CognitoEventUserPoolsPreTokenGenV2,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreTokenGenV2Request as CognitoEventUserPoolsPreTokenGenV2Request,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsPreTokenGenV2Response as CognitoEventUserPoolsPreTokenGenV2Response,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsResponse as CognitoEventUserPoolsResponse,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsVerifyAuthChallenge as CognitoEventUserPoolsVerifyAuthChallenge,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsVerifyAuthChallengeRequest as CognitoEventUserPoolsVerifyAuthChallengeRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsVerifyAuthChallengeResponse as CognitoEventUserPoolsVerifyAuthChallengeResponse,
    )
    from lambda_runtime.events.cognito import (
        GroupConfiguration as GroupConfiguration,
    )
    from lambda_runtime.events.cognito import (
        IDTokenGeneration as IDTokenGeneration,
    )
    from lambda_runtime.events.config_rules import (
        ConfigEvent as ConfigEvent,
    )
    from lambda_runtime.events.connect import (
        ConnectContactData as ConnectContactData,
    )
    from lambda_runtime.events.connect import (
        ConnectDetails as ConnectDetails,
    )
    from lambda_runtime.events.connect import (
        ConnectEndpoint as ConnectEndpoint,
    )
    from lambda_runtime.events.connect import (
        ConnectEvent as ConnectEvent,
    )
    from lambda_runtime.events.connect import (
        ConnectQueue as ConnectQueue,
    )
    from lambda_runtime.events.connect import (
        ConnectResponse as ConnectResponse,
    )
    from lambda_runtime.events.documentdb import (
        DocumentDBChangeEvent as DocumentDBChangeEvent,
    )
    from lambda_runtime.events.documentdb import (
        DocumentDBClusterTime as DocumentDBClusterTime,
    )
    from lambda_runtime.events.documentdb import (
        DocumentDBEvent as DocumentDBEvent,
    )
    from lambda_runtime.events.documentdb import (
        DocumentDBEventRecord as DocumentDBEventRecord,
    )
    from lambda_runtime.events.documentdb import (
        DocumentDBNamespace as DocumentDBNamespace,
    )
    from lambda_runtime.events.documentdb import (
        DocumentDBResumeToken as DocumentDBResumeToken,
    )
    from lambda_runtime.events.documentdb import (
        DocumentDBTimestamp as DocumentDBTimestamp,
    )
    from lambda_runtime.events.documentdb import (
        DocumentDBUpdateDescription as DocumentDBUpdateDescription,
    )
    from lambda_runtime.events.ecr import (
        ECRImageActionEvent as ECRImageActionEvent,
    )
    from lambda_runtime.events.ecr import (
        ECRImageActionEventDetailType as ECRImageActionEventDetailType,
    )
    from lambda_runtime.events.ecr import (
        ECRScanEvent as ECRScanEvent,
    )
    from lambda_runtime.events.ecr import (
        ECRScanEventDetailType as ECRScanEventDetailType,
    )
    from lambda_runtime.events.ecr import (
        ECRScanEventFindingSeverityCounts as ECRScanEventFindingSeverityCounts,
    )
    from lambda_runtime.events.ecs import (
        ECSContainerInstanceEvent as ECSContainerInstanceEvent,
    )
    from lambda_runtime.events.ecs import (
        ECSContainerInstanceEventAttribute as ECSContainerInstanceEventAttribute,
    )
    from lambda_runtime.events.ecs import (
        ECSContainerInstanceEventDetailType as ECSContainerInstanceEventDetailType,
    )
    from lambda_runtime.events.ecs import (
        ECSContainerInstanceEventResource as ECSContainerInstanceEventResource,
    )
    from lambda_runtime.events.ecs import (
        ECSContainerInstanceEventVersionInfo as ECSContainerInstanceEventVersionInfo,
    )
    from lambda_runtime.events.iot import (
        IoTButtonEvent as IoTButtonEvent,
    )
    from lambda_runtime.events.iot import (
        IoTCoreConnectionMetadata as IoTCoreConnectionMetadata,
    )
    from lambda_runtime.events.iot import (
        IoTCoreCustomAuthorizerRequest as IoTCoreCustomAuthorizerRequest,
    )
    from lambda_runtime.events.iot import (
        IoTCoreCustomAuthorizerResponse as IoTCoreCustomAuthorizerResponse,
    )
    from lambda_runtime.events.iot import (
        IoTCoreHTTPContext as IoTCoreHTTPContext,
    )
    from lambda_runtime.events.iot import (
        IoTCoreMQTTContext as IoTCoreMQTTContext,
    )
    from lambda_runtime.events.iot import (
        IoTCoreProtocolData as IoTCoreProtocolData,
    )
    from lambda_runtime.events.iot import (
        IoTCoreTLSContext as IoTCoreTLSContext,
    )
    from lambda_runtime.events.iot import (
        IoTOneClickButtonClicked as IoTOneClickButtonClicked,
    )
    from lambda_runtime.events.iot import (
        IoTOneClickDeviceEvent as IoTOneClickDeviceEvent,
    )
    from lambda_runtime.events.iot import (
        IoTOneClickDeviceInfo as IoTOneClickDeviceInfo,
    )
    from lambda_runtime.events.iot import (
        IoTOneClickEvent as IoTOneClickEvent,
    )
    from lambda_runtime.events.iot import (
        IoTOneClickPlacementInfo as IoTOneClickPlacementInfo,
    )
    from lambda_runtime.events.iot import (
        IoTPreProvisionHookRequest as IoTPreProvisionHookRequest,
    )
    from lambda_runtime.events.iot import (
        IoTPreProvisionHookResponse as IoTPreProvisionHookResponse,
    )
    from lambda_runtime.events.kafka import (
        KafkaEvent as KafkaEvent,
    )
    from lambda_runtime.events.kafka import (
        KafkaRecord as KafkaRecord,
    )
    from lambda_runtime.events.kafka import (
        decode_kafka_header_value as decode_kafka_header_value,
    )
    from lambda_runtime.events.kinesis_analytics import (
        KinesisAnalyticsOutputDeliveryEvent as KinesisAnalyticsOutputDeliveryEvent,
    )
    from lambda_runtime.events.kinesis_analytics import (
        KinesisAnalyticsOutputDeliveryEventRecord as KinesisAnalyticsOutputDeliveryEventRecord,
    )
    from lambda_runtime.events.kinesis_analytics import (
        KinesisAnalyticsOutputDeliveryResponse as KinesisAnalyticsOutputDeliveryResponse,
    )
    from lambda_runtime.events.kinesis_analytics import (
        KinesisAnalyticsOutputDeliveryResponseRecord as KinesisAnalyticsOutputDeliveryResponseRecord,
    )
    from lambda_runtime.events.lex import (
        LexAlternativeIntents as LexAlternativeIntents,
    )
    from lambda_runtime.events.lex import (
        LexAttachment as LexAttachment,
    )
    from lambda_runtime.events.lex import (
        LexBot as LexBot,
    )
    from lambda_runtime.events.lex import (
        LexCurrentIntent as LexCurrentIntent,
    )
    from lambda_runtime.events.lex import (
        LexDialogAction as LexDialogAction,
    )
    from lambda_runtime.events.lex import (
        LexEvent as LexEvent,
    )
    from lambda_runtime.events.lex import (
        LexResponse as LexResponse,
    )
    from lambda_runtime.events.lex import (
        LexResponseCard as LexResponseCard,
    )
    from lambda_runtime.events.lex import (
        LexSlotDetail as LexSlotDetail,
    )
    from lambda_runtime.events.mq import (
        ActiveMQDestination as ActiveMQDestination,
    )
    from lambda_runtime.events.mq import (
        ActiveMQEvent as ActiveMQEvent,
    )
    from lambda_runtime.events.mq import (
        ActiveMQMessage as ActiveMQMessage,
    )
    from lambda_runtime.events.mq import (
        RabbitMQBasicProperties as RabbitMQBasicProperties,
    )
    from lambda_runtime.events.mq import (
        RabbitMQEvent as RabbitMQEvent,
    )
    from lambda_runtime.events.mq import (
        RabbitMQMessage as RabbitMQMessage,
    )
    from lambda_runtime.events.secrets_manager import (
        SecretsManagerSecretRotationEvent as SecretsManagerSecretRotationEvent,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailCommonHeaders as SimpleEmailCommonHeaders,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailDisposition as SimpleEmailDisposition,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailEvent as SimpleEmailEvent,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailHeader as SimpleEmailHeader,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailMessage as SimpleEmailMessage,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailReceipt as SimpleEmailReceipt,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailReceiptAction as SimpleEmailReceiptAction,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailRecord as SimpleEmailRecord,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailService as SimpleEmailService,
    )
    from lambda_runtime.events.ses import (
        SimpleEmailVerdict as SimpleEmailVerdict,
    )
    from lambda_runtime.events.vpc_lattice import (
        VPCLatticeRequest as VPCLatticeRequest,
    )
    from lambda_runtime.events.vpc_lattice import (
        VPCLatticeRequestV2 as VPCLatticeRequestV2,
    )
    from lambda_runtime.events.vpc_lattice import (
        VPCLatticeRequestV2Context as VPCLatticeRequestV2Context,
    )
    from lambda_runtime.events.vpc_lattice import (
        VPCLatticeRequestV2Identity as VPCLatticeRequestV2Identity,
    )
    from lambda_runtime.events.vpc_lattice import (
        VPCLatticeResponse as VPCLatticeResponse,
    )

    # --- end part B ---
    pass

# Public name -> module (relative to this package) that defines it.
_EXPORTS: dict[str, str] = {
    # --- part A exports ---
    "BatchItemFailure": "_batch_response",
    "BatchItemFailuresResponse": "_batch_response",
    "CaseInsensitiveMapping": "_http",
    "ALBTargetGroupRequest": "alb",
    "ALBTargetGroupRequestContext": "alb",
    "ALBTargetGroupResponse": "alb",
    "ELBContext": "alb",
    "APIGatewayClientCertificate": "api_gateway",
    "APIGatewayClientCertificateValidity": "api_gateway",
    "APIGatewayProxyRequest": "api_gateway",
    "APIGatewayProxyRequestContext": "api_gateway",
    "APIGatewayProxyResponse": "api_gateway",
    "APIGatewayRequestIdentity": "api_gateway",
    "APIGatewayV2HTTPRequest": "api_gateway",
    "APIGatewayV2HTTPRequestContext": "api_gateway",
    "APIGatewayV2HTTPRequestContextAuthentication": "api_gateway",
    "APIGatewayV2HTTPRequestContextAuthorizerDescription": "api_gateway",
    "APIGatewayV2HTTPRequestContextAuthorizerIAMDescription": "api_gateway",
    "APIGatewayV2HTTPRequestContextAuthorizerJWTDescription": "api_gateway",
    "APIGatewayV2HTTPRequestContextHTTPDescription": "api_gateway",
    "APIGatewayV2HTTPResponse": "api_gateway",
    "APIGatewayWebsocketProxyRequest": "api_gateway",
    "APIGatewayWebsocketProxyRequestContext": "api_gateway",
    "APIGatewayCustomAuthorizerPolicy": "authorizers",
    "APIGatewayCustomAuthorizerRequest": "authorizers",
    "APIGatewayCustomAuthorizerRequestTypeRequest": "authorizers",
    "APIGatewayCustomAuthorizerRequestTypeRequestContext": "authorizers",
    "APIGatewayCustomAuthorizerResponse": "authorizers",
    "APIGatewayV2CustomAuthorizerIAMPolicyResponse": "authorizers",
    "APIGatewayV2CustomAuthorizerSimpleResponse": "authorizers",
    "APIGatewayV2CustomAuthorizerV1Request": "authorizers",
    "APIGatewayV2CustomAuthorizerV2Request": "authorizers",
    "IAMPolicyStatement": "authorizers",
    "CloudWatchEvent": "cloudwatch",
    "CloudWatchLogsData": "cloudwatch",
    "CloudWatchLogsEvent": "cloudwatch",
    "CloudWatchLogsLogEvent": "cloudwatch",
    "CloudWatchLogsRawData": "cloudwatch",
    "EventBridgeEnvelope": "cloudwatch",
    "EventBridgeEvent": "cloudwatch",
    "ScheduledEvent": "cloudwatch",
    "DynamoDBBatchItemFailure": "dynamodb",
    "DynamoDBEvent": "dynamodb",
    "DynamoDBEventRecord": "dynamodb",
    "DynamoDBEventResponse": "dynamodb",
    "DynamoDBStreamRecord": "dynamodb",
    "DynamoDBTimeWindowEvent": "dynamodb",
    "DynamoDBTimeWindowEventResponse": "dynamodb",
    "DynamoDBUserIdentity": "dynamodb",
    "TimeWindow": "dynamodb",
    "from_attribute_value": "dynamodb",
    "from_item": "dynamodb",
    "to_attribute_value": "dynamodb",
    "to_item": "dynamodb",
    "LambdaFunctionURLRequest": "function_url",
    "LambdaFunctionURLRequestContext": "function_url",
    "LambdaFunctionURLRequestContextAuthorizerDescription": "function_url",
    "LambdaFunctionURLResponse": "function_url",
    "KinesisBatchItemFailure": "kinesis",
    "KinesisEvent": "kinesis",
    "KinesisEventRecord": "kinesis",
    "KinesisEventResponse": "kinesis",
    "KinesisFirehoseEvent": "kinesis",
    "KinesisFirehoseEventRecord": "kinesis",
    "KinesisFirehoseRecordMetadata": "kinesis",
    "KinesisFirehoseResponse": "kinesis",
    "KinesisFirehoseResponseRecord": "kinesis",
    "KinesisFirehoseResponseRecordMetadata": "kinesis",
    "KinesisRecord": "kinesis",
    "KinesisTimeWindowEvent": "kinesis",
    "KinesisTimeWindowEventResponse": "kinesis",
    "S3BatchJob": "s3",
    "S3BatchJobEvent": "s3",
    "S3BatchJobResponse": "s3",
    "S3BatchJobResult": "s3",
    "S3BatchJobTask": "s3",
    "S3Bucket": "s3",
    "S3Entity": "s3",
    "S3Event": "s3",
    "S3EventBridgeBucket": "s3",
    "S3EventBridgeDetail": "s3",
    "S3EventBridgeEvent": "s3",
    "S3EventBridgeObject": "s3",
    "S3EventRecord": "s3",
    "S3GlacierEventData": "s3",
    "S3Object": "s3",
    "S3ObjectLambdaConfiguration": "s3",
    "S3ObjectLambdaContext": "s3",
    "S3ObjectLambdaEvent": "s3",
    "S3ObjectLambdaUserRequest": "s3",
    "S3RestoreEventData": "s3",
    "S3UserIdentity": "s3",
    "SNSEntity": "sns",
    "SNSEvent": "sns",
    "SNSEventRecord": "sns",
    "SNSMessageAttribute": "sns",
    "SQSBatchItemFailure": "sqs",
    "SQSEvent": "sqs",
    "SQSEventResponse": "sqs",
    "SQSMessage": "sqs",
    "SQSMessageAttribute": "sqs",
    # --- end part A ---
    # --- part B exports ---
    "AppSyncCognitoIdentity": "appsync",
    "AppSyncIAMIdentity": "appsync",
    "AppSyncLambdaAuthorizerRequest": "appsync",
    "AppSyncLambdaAuthorizerRequestContext": "appsync",
    "AppSyncLambdaAuthorizerResponse": "appsync",
    "AppSyncResolverEvent": "appsync",
    "AutoScalingEvent": "autoscaling",
    "AutoScalingEventDetail": "autoscaling",
    "BedrockAgentEvent": "bedrock",
    "BedrockAgentInfo": "bedrock",
    "BedrockAgentParameter": "bedrock",
    "BedrockAgentRequestBody": "bedrock",
    "BedrockAgentRequestMedia": "bedrock",
    "BedrockAgentResponse": "bedrock",
    "BedrockAgentResponsePayload": "bedrock",
    "ClientVPNConnectionHandlerRequest": "clientvpn",
    "ClientVPNConnectionHandlerResponse": "clientvpn",
    "CloudFormationCustomResourceRequest": "cloudformation",
    "CloudFormationCustomResourceResponse": "cloudformation",
    "CloudWatchAlarmConfiguration": "cloudwatch_alarms",
    "CloudWatchAlarmData": "cloudwatch_alarms",
    "CloudWatchAlarmEvent": "cloudwatch_alarms",
    "CloudWatchAlarmEventMetric": "cloudwatch_alarms",
    "CloudWatchAlarmEventMetricDataQuery": "cloudwatch_alarms",
    "CloudWatchAlarmEventMetricStat": "cloudwatch_alarms",
    "CloudWatchAlarmSNSPayload": "cloudwatch_alarms",
    "CloudWatchAlarmState": "cloudwatch_alarms",
    "CloudWatchAlarmTrigger": "cloudwatch_alarms",
    "CloudWatchDimension": "cloudwatch_alarms",
    "CloudWatchMetric": "cloudwatch_alarms",
    "CloudWatchMetricDataQuery": "cloudwatch_alarms",
    "CloudWatchMetricStat": "cloudwatch_alarms",
    "CodeBuildArtifact": "code_services",
    "CodeBuildEnvironment": "code_services",
    "CodeBuildEnvironmentVariable": "code_services",
    "CodeBuildEvent": "code_services",
    "CodeBuildEventAdditionalInformation": "code_services",
    "CodeBuildEventDetail": "code_services",
    "CodeBuildLogs": "code_services",
    "CodeBuildPhase": "code_services",
    "CodeBuildSource": "code_services",
    "CodeCommitCodeCommit": "code_services",
    "CodeCommitEvent": "code_services",
    "CodeCommitRecord": "code_services",
    "CodeCommitReference": "code_services",
    "CodeDeployEvent": "code_services",
    "CodeDeployEventDetail": "code_services",
    "CodeDeployLifecycleHookEvent": "code_services",
    "CodePipelineActionConfiguration": "code_services",
    "CodePipelineArtifact": "code_services",
    "CodePipelineArtifactCredentials": "code_services",
    "CodePipelineArtifactLocation": "code_services",
    "CodePipelineCloudWatchEvent": "code_services",
    "CodePipelineConfiguration": "code_services",
    "CodePipelineData": "code_services",
    "CodePipelineEvent": "code_services",
    "CodePipelineEventBridgeEvent": "code_services",
    "CodePipelineEventDetail": "code_services",
    "CodePipelineEventDetailExecutionResult": "code_services",
    "CodePipelineEventDetailType": "code_services",
    "CodePipelineJob": "code_services",
    "CodePipelineJobEvent": "code_services",
    "CodePipelineS3Location": "code_services",
    "AccessTokenGeneration": "cognito",
    "ClaimsAndScopeOverrideDetails": "cognito",
    "ClaimsOverrideDetails": "cognito",
    "CognitoDatasetRecord": "cognito",
    "CognitoEvent": "cognito",
    "CognitoEventUserPoolsCallerContext": "cognito",
    "CognitoEventUserPoolsChallengeResult": "cognito",
    "CognitoEventUserPoolsCreateAuthChallenge": "cognito",
    "CognitoEventUserPoolsCreateAuthChallengeRequest": "cognito",
    "CognitoEventUserPoolsCreateAuthChallengeResponse": "cognito",
    "CognitoEventUserPoolsCustomEmailSender": "cognito",
    "CognitoEventUserPoolsCustomEmailSenderRequest": "cognito",
    "CognitoEventUserPoolsCustomMessage": "cognito",
    "CognitoEventUserPoolsCustomMessageRequest": "cognito",
    "CognitoEventUserPoolsCustomMessageResponse": "cognito",
    "CognitoEventUserPoolsCustomSMSSender": "cognito",
    "CognitoEventUserPoolsCustomSMSSenderRequest": "cognito",
    "CognitoEventUserPoolsDefineAuthChallenge": "cognito",
    "CognitoEventUserPoolsDefineAuthChallengeRequest": "cognito",
    "CognitoEventUserPoolsDefineAuthChallengeResponse": "cognito",
    "CognitoEventUserPoolsHeader": "cognito",
    "CognitoEventUserPoolsInboundFederation": "cognito",
    "CognitoEventUserPoolsInboundFederationAttributes": "cognito",
    "CognitoEventUserPoolsInboundFederationRequest": "cognito",
    "CognitoEventUserPoolsInboundFederationResponse": "cognito",
    "CognitoEventUserPoolsMigrateUser": "cognito",
    "CognitoEventUserPoolsMigrateUserRequest": "cognito",
    "CognitoEventUserPoolsMigrateUserResponse": "cognito",
    "CognitoEventUserPoolsPostAuthentication": "cognito",
    "CognitoEventUserPoolsPostAuthenticationRequest": "cognito",
    "CognitoEventUserPoolsPostConfirmation": "cognito",
    "CognitoEventUserPoolsPostConfirmationRequest": "cognito",
    "CognitoEventUserPoolsPreAuthentication": "cognito",
    "CognitoEventUserPoolsPreAuthenticationRequest": "cognito",
    "CognitoEventUserPoolsPreSignup": "cognito",
    "CognitoEventUserPoolsPreSignupRequest": "cognito",
    "CognitoEventUserPoolsPreSignupResponse": "cognito",
    "CognitoEventUserPoolsPreTokenGen": "cognito",
    "CognitoEventUserPoolsPreTokenGenRequest": "cognito",
    "CognitoEventUserPoolsPreTokenGenResponse": "cognito",
    "CognitoEventUserPoolsPreTokenGenV2": "cognito",
    "CognitoEventUserPoolsPreTokenGenV2Request": "cognito",
    "CognitoEventUserPoolsPreTokenGenV2Response": "cognito",
    "CognitoEventUserPoolsResponse": "cognito",
    "CognitoEventUserPoolsVerifyAuthChallenge": "cognito",
    "CognitoEventUserPoolsVerifyAuthChallengeRequest": "cognito",
    "CognitoEventUserPoolsVerifyAuthChallengeResponse": "cognito",
    "GroupConfiguration": "cognito",
    "IDTokenGeneration": "cognito",
    "ConfigEvent": "config_rules",
    "ConnectContactData": "connect",
    "ConnectDetails": "connect",
    "ConnectEndpoint": "connect",
    "ConnectEvent": "connect",
    "ConnectQueue": "connect",
    "ConnectResponse": "connect",
    "DocumentDBChangeEvent": "documentdb",
    "DocumentDBClusterTime": "documentdb",
    "DocumentDBEvent": "documentdb",
    "DocumentDBEventRecord": "documentdb",
    "DocumentDBNamespace": "documentdb",
    "DocumentDBResumeToken": "documentdb",
    "DocumentDBTimestamp": "documentdb",
    "DocumentDBUpdateDescription": "documentdb",
    "ECRImageActionEvent": "ecr",
    "ECRImageActionEventDetailType": "ecr",
    "ECRScanEvent": "ecr",
    "ECRScanEventDetailType": "ecr",
    "ECRScanEventFindingSeverityCounts": "ecr",
    "ECSContainerInstanceEvent": "ecs",
    "ECSContainerInstanceEventAttribute": "ecs",
    "ECSContainerInstanceEventDetailType": "ecs",
    "ECSContainerInstanceEventResource": "ecs",
    "ECSContainerInstanceEventVersionInfo": "ecs",
    "IoTButtonEvent": "iot",
    "IoTCoreConnectionMetadata": "iot",
    "IoTCoreCustomAuthorizerRequest": "iot",
    "IoTCoreCustomAuthorizerResponse": "iot",
    "IoTCoreHTTPContext": "iot",
    "IoTCoreMQTTContext": "iot",
    "IoTCoreProtocolData": "iot",
    "IoTCoreTLSContext": "iot",
    "IoTOneClickButtonClicked": "iot",
    "IoTOneClickDeviceEvent": "iot",
    "IoTOneClickDeviceInfo": "iot",
    "IoTOneClickEvent": "iot",
    "IoTOneClickPlacementInfo": "iot",
    "IoTPreProvisionHookRequest": "iot",
    "IoTPreProvisionHookResponse": "iot",
    "KafkaEvent": "kafka",
    "KafkaRecord": "kafka",
    "decode_kafka_header_value": "kafka",
    "KinesisAnalyticsOutputDeliveryEvent": "kinesis_analytics",
    "KinesisAnalyticsOutputDeliveryEventRecord": "kinesis_analytics",
    "KinesisAnalyticsOutputDeliveryResponse": "kinesis_analytics",
    "KinesisAnalyticsOutputDeliveryResponseRecord": "kinesis_analytics",
    "LexAlternativeIntents": "lex",
    "LexAttachment": "lex",
    "LexBot": "lex",
    "LexCurrentIntent": "lex",
    "LexDialogAction": "lex",
    "LexEvent": "lex",
    "LexResponse": "lex",
    "LexResponseCard": "lex",
    "LexSlotDetail": "lex",
    "ActiveMQDestination": "mq",
    "ActiveMQEvent": "mq",
    "ActiveMQMessage": "mq",
    "RabbitMQBasicProperties": "mq",
    "RabbitMQEvent": "mq",
    "RabbitMQMessage": "mq",
    "SecretsManagerSecretRotationEvent": "secrets_manager",
    "SimpleEmailCommonHeaders": "ses",
    "SimpleEmailDisposition": "ses",
    "SimpleEmailEvent": "ses",
    "SimpleEmailHeader": "ses",
    "SimpleEmailMessage": "ses",
    "SimpleEmailReceipt": "ses",
    "SimpleEmailReceiptAction": "ses",
    "SimpleEmailRecord": "ses",
    "SimpleEmailService": "ses",
    "SimpleEmailVerdict": "ses",
    "VPCLatticeRequest": "vpc_lattice",
    "VPCLatticeRequestV2": "vpc_lattice",
    "VPCLatticeRequestV2Context": "vpc_lattice",
    "VPCLatticeRequestV2Identity": "vpc_lattice",
    "VPCLatticeResponse": "vpc_lattice",
    # --- end part B ---
}

__all__ = ["EventDecodeError", "EventObject", "EventResponse", "MissingFieldError", *_EXPORTS]  # noqa: PLE0604


# Runtime only: under a type checker every public name is a real import above, and a misspelt name
# must be an error rather than ``Any``.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module_name = _EXPORTS.get(name)
        if module_name is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(__all__)
