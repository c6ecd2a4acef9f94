"""Fixture events of the service families (message brokers, AppSync, Auto Scaling, Code*, Cognito, IoT,
Lex, SES, ...): file name -> the class it decodes into. test_fixtures.py round-trips every entry and checks
every file is mapped once."""

from __future__ import annotations

from lambda_runtime.events.appsync import (
    AppSyncCognitoIdentity,
    AppSyncIAMIdentity,
    AppSyncLambdaAuthorizerRequest,
    AppSyncLambdaAuthorizerResponse,
)
from lambda_runtime.events.autoscaling import AutoScalingEvent
from lambda_runtime.events.clientvpn import ClientVPNConnectionHandlerRequest
from lambda_runtime.events.code_services import (
    CodeBuildEvent,
    CodeCommitEvent,
    CodeDeployEvent,
    CodePipelineCloudWatchEvent,
    CodePipelineJobEvent,
)
from lambda_runtime.events.cognito import (
    CognitoEvent,
    CognitoEventUserPoolsCreateAuthChallenge,
    CognitoEventUserPoolsCustomMessage,
    CognitoEventUserPoolsDefineAuthChallenge,
    CognitoEventUserPoolsInboundFederation,
    CognitoEventUserPoolsMigrateUser,
    CognitoEventUserPoolsPostAuthentication,
    CognitoEventUserPoolsPostConfirmation,
    CognitoEventUserPoolsPreAuthentication,
    CognitoEventUserPoolsPreSignup,
    CognitoEventUserPoolsPreTokenGen,
    CognitoEventUserPoolsPreTokenGenV2,
    CognitoEventUserPoolsVerifyAuthChallenge,
)
from lambda_runtime.events.config_rules import ConfigEvent
from lambda_runtime.events.connect import ConnectEvent
from lambda_runtime.events.ecr import ECRImageActionEvent, ECRScanEvent
from lambda_runtime.events.ecs import ECSContainerInstanceEvent
from lambda_runtime.events.iot import (
    IoTButtonEvent,
    IoTCoreCustomAuthorizerRequest,
    IoTCoreCustomAuthorizerResponse,
    IoTOneClickEvent,
    IoTPreProvisionHookRequest,
    IoTPreProvisionHookResponse,
)
from lambda_runtime.events.kafka import KafkaEvent
from lambda_runtime.events.kinesis_analytics import (
    KinesisAnalyticsOutputDeliveryEvent,
    KinesisAnalyticsOutputDeliveryResponse,
)
from lambda_runtime.events.lex import LexEvent, LexResponse
from lambda_runtime.events.mq import ActiveMQEvent, RabbitMQEvent
from lambda_runtime.events.secrets_manager import SecretsManagerSecretRotationEvent
from lambda_runtime.events.ses import SimpleEmailEvent
from lambda_runtime.events.sns import SNSEvent

__all__ = ["FIXTURES"]

FIXTURES: dict[str, type] = {
    "activemq-event.json": ActiveMQEvent,
    "rabbitmq-event.json": RabbitMQEvent,
    "kafka-event.json": KafkaEvent,
    "appsync-identity-cognito.json": AppSyncCognitoIdentity,
    "appsync-identity-iam.json": AppSyncIAMIdentity,
    "appsync-lambda-auth-request.json": AppSyncLambdaAuthorizerRequest,
    "appsync-lambda-auth-response.json": AppSyncLambdaAuthorizerResponse,
    "autoscaling-event-launch-successful.json": AutoScalingEvent,
    "autoscaling-event-launch-unsuccessful.json": AutoScalingEvent,
    "autoscaling-event-lifecycle-action.json": AutoScalingEvent,
    "autoscaling-event-terminate-action.json": AutoScalingEvent,
    "autoscaling-event-terminate-successful.json": AutoScalingEvent,
    "autoscaling-event-terminate-unsuccessful.json": AutoScalingEvent,
    # alarm notifications arrive as SNS events; CloudWatchAlarmSNSPayload reads their Message
    "cloudwatch-alarm-sns-payload-multiple-metrics.json": SNSEvent,
    "cloudwatch-alarm-sns-payload-single-metric.json": SNSEvent,
    "clientvpn-connectionhandler-request.json": ClientVPNConnectionHandlerRequest,
    "code-commit-event.json": CodeCommitEvent,
    "codebuild-phase-change.json": CodeBuildEvent,
    "codebuild-state-change.json": CodeBuildEvent,
    "codedeploy-deployment-event.json": CodeDeployEvent,
    "codedeploy-instance-event.json": CodeDeployEvent,
    "codepipeline-action-execution-stage-change-event.json": CodePipelineCloudWatchEvent,
    "codepipeline-execution-stage-change-event.json": CodePipelineCloudWatchEvent,
    "codepipeline-execution-state-change-event.json": CodePipelineCloudWatchEvent,
    "codepipeline-job-event.json": CodePipelineJobEvent,
    "cognito-event.json": CognitoEvent,
    "cognito-event-userpools-create-auth-challenge.json": CognitoEventUserPoolsCreateAuthChallenge,
    "cognito-event-userpools-custommessage.json": CognitoEventUserPoolsCustomMessage,
    "cognito-event-userpools-define-auth-challenge.json": CognitoEventUserPoolsDefineAuthChallenge,
    "cognito-event-userpools-inbound-federation-oidc.json": CognitoEventUserPoolsInboundFederation,
    "cognito-event-userpools-inbound-federation-saml.json": CognitoEventUserPoolsInboundFederation,
    "cognito-event-userpools-migrateuser.json": CognitoEventUserPoolsMigrateUser,
    "cognito-event-userpools-postauthentication.json": CognitoEventUserPoolsPostAuthentication,
    "cognito-event-userpools-postconfirmation.json": CognitoEventUserPoolsPostConfirmation,
    "cognito-event-userpools-preauthentication.json": CognitoEventUserPoolsPreAuthentication,
    "cognito-event-userpools-presignup.json": CognitoEventUserPoolsPreSignup,
    "cognito-event-userpools-pretokengen.json": CognitoEventUserPoolsPreTokenGen,
    "cognito-event-userpools-pretokengen-v2.json": CognitoEventUserPoolsPreTokenGenV2,
    "cognito-event-userpools-pretokengen-v2_0.json": CognitoEventUserPoolsPreTokenGenV2,
    "cognito-event-userpools-verify-auth-challenge.json": CognitoEventUserPoolsVerifyAuthChallenge,
    "config-event.json": ConfigEvent,
    "connect-event.json": ConnectEvent,
    "ecr-image-push-event.json": ECRImageActionEvent,
    "ecr-image-scan-event.json": ECRScanEvent,
    "ecs-container-instance-state-change.json": ECSContainerInstanceEvent,
    "iot-1-click-event.json": IoTOneClickEvent,
    "iot-button-event.json": IoTButtonEvent,
    "iot-custom-auth-request.json": IoTCoreCustomAuthorizerRequest,
    "iot-custom-auth-response.json": IoTCoreCustomAuthorizerResponse,
    "iot-preprovision-hook-request.json": IoTPreProvisionHookRequest,
    "iot-preprovision-hook-response.json": IoTPreProvisionHookResponse,
    "kinesis-analytics-output-delivery-event.json": KinesisAnalyticsOutputDeliveryEvent,
    "kinesis-analytics-output-delivery-response.json": KinesisAnalyticsOutputDeliveryResponse,
    "lex-event.json": LexEvent,
    "lex-response.json": LexResponse,
    "secretsmanager-secret-rotation-event.json": SecretsManagerSecretRotationEvent,
    "ses-lambda-event.json": SimpleEmailEvent,
    "ses-s3-event.json": SimpleEmailEvent,
    "ses-sns-event.json": SimpleEmailEvent,
}
