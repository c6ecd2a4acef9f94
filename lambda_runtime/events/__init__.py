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

from lambda_runtime.events._base import EventDecodeError, EventObject, MissingFieldError

if TYPE_CHECKING:
    # --- part A exports ---
    # --- end part A ---
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
        CognitoEventUserPoolsCustomMessage as CognitoEventUserPoolsCustomMessage,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCustomMessageRequest as CognitoEventUserPoolsCustomMessageRequest,
    )
    from lambda_runtime.events.cognito import (
        CognitoEventUserPoolsCustomMessageResponse as CognitoEventUserPoolsCustomMessageResponse,
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
    "CognitoEventUserPoolsCustomMessage": "cognito",
    "CognitoEventUserPoolsCustomMessageRequest": "cognito",
    "CognitoEventUserPoolsCustomMessageResponse": "cognito",
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
    "GroupConfiguration": "cognito",
    "IDTokenGeneration": "cognito",
    "ConfigEvent": "config_rules",
    "ConnectContactData": "connect",
    "ConnectDetails": "connect",
    "ConnectEndpoint": "connect",
    "ConnectEvent": "connect",
    "ConnectQueue": "connect",
    "ConnectResponse": "connect",
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

__all__ = ["EventDecodeError", "EventObject", "MissingFieldError", *_EXPORTS]  # noqa: PLE0604


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
