"""The service families' samples for ``lambda-runtime events generate <family>``: each decodes into its
class with every field readable, round-trips, and comes out of the real command unchanged."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from lambda_runtime.events import (
    ActiveMQEvent,
    AppSyncLambdaAuthorizerRequest,
    AutoScalingEvent,
    BedrockAgentEvent,
    ClientVPNConnectionHandlerRequest,
    CloudFormationCustomResourceRequest,
    CloudWatchAlarmEvent,
    CodeBuildEvent,
    CodeCommitEvent,
    CodeDeployEvent,
    CodePipelineCloudWatchEvent,
    CodePipelineJobEvent,
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
    ConfigEvent,
    ConnectEvent,
    ECRImageActionEvent,
    ECRScanEvent,
    ECSContainerInstanceEvent,
    IoTButtonEvent,
    IoTCoreCustomAuthorizerRequest,
    IoTPreProvisionHookRequest,
    KafkaEvent,
    KinesisAnalyticsOutputDeliveryEvent,
    LexEvent,
    RabbitMQEvent,
    SecretsManagerSecretRotationEvent,
    SimpleEmailEvent,
    VPCLatticeRequest,
    VPCLatticeRequestV2,
)
from lambda_runtime.events._base import EventObject
from lambda_runtime.events.cli import list_families, read_sample
from tests.events.test_service_fixtures import read_all_fields

SAMPLES: dict[str, type[EventObject]] = {
    "activemq": ActiveMQEvent,
    "appsync-authorizer": AppSyncLambdaAuthorizerRequest,
    "autoscaling-lifecycle-action": AutoScalingEvent,
    "bedrock-agent": BedrockAgentEvent,
    "bedrock-agent-function": BedrockAgentEvent,
    "clientvpn-connection-handler": ClientVPNConnectionHandlerRequest,
    "cloudformation-custom-resource": CloudFormationCustomResourceRequest,
    "cloudwatch-alarm": CloudWatchAlarmEvent,
    "codebuild-state-change": CodeBuildEvent,
    "codecommit": CodeCommitEvent,
    "codedeploy-deployment": CodeDeployEvent,
    "codepipeline-job": CodePipelineJobEvent,
    "codepipeline-state-change": CodePipelineCloudWatchEvent,
    "cognito-create-auth-challenge": CognitoEventUserPoolsCreateAuthChallenge,
    "cognito-custom-message": CognitoEventUserPoolsCustomMessage,
    "cognito-define-auth-challenge": CognitoEventUserPoolsDefineAuthChallenge,
    "cognito-inbound-federation": CognitoEventUserPoolsInboundFederation,
    "cognito-migrate-user": CognitoEventUserPoolsMigrateUser,
    "cognito-post-authentication": CognitoEventUserPoolsPostAuthentication,
    "cognito-post-confirmation": CognitoEventUserPoolsPostConfirmation,
    "cognito-pre-authentication": CognitoEventUserPoolsPreAuthentication,
    "cognito-pre-signup": CognitoEventUserPoolsPreSignup,
    "cognito-pre-token-generation": CognitoEventUserPoolsPreTokenGen,
    "cognito-pre-token-generation-v2": CognitoEventUserPoolsPreTokenGenV2,
    "cognito-verify-auth-challenge": CognitoEventUserPoolsVerifyAuthChallenge,
    "config-rule": ConfigEvent,
    "connect": ConnectEvent,
    "ecr-image-push": ECRImageActionEvent,
    "ecr-image-scan": ECRScanEvent,
    "ecs-container-instance-state-change": ECSContainerInstanceEvent,
    "iot-button": IoTButtonEvent,
    "iot-custom-authorizer": IoTCoreCustomAuthorizerRequest,
    "iot-preprovision-hook": IoTPreProvisionHookRequest,
    "kafka": KafkaEvent,
    "kinesis-analytics-output": KinesisAnalyticsOutputDeliveryEvent,
    "lex": LexEvent,
    "rabbitmq": RabbitMQEvent,
    "secrets-manager-rotation": SecretsManagerSecretRotationEvent,
    "self-managed-kafka": KafkaEvent,
    "ses": SimpleEmailEvent,
    "vpc-lattice": VPCLatticeRequest,
    "vpc-lattice-v2": VPCLatticeRequestV2,
}


@pytest.mark.parametrize("family", sorted(SAMPLES))
def test_sample_decodes_reads_and_round_trips(family: str) -> None:
    doc = json.loads(read_sample(family))
    pristine = copy.deepcopy(doc)
    event = SAMPLES[family].from_dict(doc)
    assert read_all_fields(event) > 0
    assert event.to_dict() == pristine


def test_samples_are_listed() -> None:
    assert set(SAMPLES) <= set(list_families())


def test_sample_helpers_work() -> None:
    kafka = KafkaEvent.from_json(read_sample("kafka"))
    assert [r.json_value() for r in kafka] == [
        {"orderId": "1001", "total": 42.5},
        {"orderId": "1002", "total": 7.99},
    ]
    assert next(iter(kafka)).header("content-type") == b"application/json"
    lattice = VPCLatticeRequestV2.from_json(read_sample("vpc-lattice-v2"))
    assert lattice.json_body() == {"item": "book", "qty": 1}
    alarm = CloudWatchAlarmEvent.from_json(read_sample("cloudwatch-alarm"))
    assert alarm.alarm_data.state.reason_data_json()["recentDatapoints"] == [12.0]


def test_generate_command_prints_the_sample() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "lambda_runtime.cli", "events", "generate", "cognito-pre-signup"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    event = CognitoEventUserPoolsPreSignup.from_json(completed.stdout)
    assert event.trigger_source == "PreSignUp_SignUp"
