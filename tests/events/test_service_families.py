"""Spot checks of typed fields and helpers, family by family, on the fixture events; bad input gets a
clear ``EventDecodeError`` and leaves the document as it was."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from lambda_runtime.events import (
    ActiveMQEvent,
    AppSyncCognitoIdentity,
    AppSyncIAMIdentity,
    AppSyncLambdaAuthorizerRequest,
    AutoScalingEvent,
    ClientVPNConnectionHandlerRequest,
    CloudWatchAlarmEvent,
    CloudWatchAlarmSNSPayload,
    CodeBuildEvent,
    CodeCommitEvent,
    CodeDeployEvent,
    CodePipelineCloudWatchEvent,
    CodePipelineJobEvent,
    CognitoEvent,
    CognitoEventUserPoolsCustomMessage,
    CognitoEventUserPoolsDefineAuthChallenge,
    CognitoEventUserPoolsInboundFederation,
    CognitoEventUserPoolsMigrateUser,
    CognitoEventUserPoolsPreSignup,
    CognitoEventUserPoolsPreTokenGen,
    CognitoEventUserPoolsPreTokenGenV2,
    ConfigEvent,
    ConnectEvent,
    ECRImageActionEvent,
    ECRScanEvent,
    ECSContainerInstanceEvent,
    EventDecodeError,
    IoTButtonEvent,
    IoTCoreCustomAuthorizerRequest,
    IoTOneClickEvent,
    IoTPreProvisionHookRequest,
    KafkaEvent,
    KinesisAnalyticsOutputDeliveryEvent,
    LexEvent,
    LexResponse,
    MissingFieldError,
    RabbitMQEvent,
    SecretsManagerSecretRotationEvent,
    SimpleEmailEvent,
    VPCLatticeRequest,
    VPCLatticeRequestV2,
)
from lambda_runtime.events.sns import SNSEvent
from tests.support.paths import FIXTURE_EVENTS


def load(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((FIXTURE_EVENTS / name).read_text())
    return doc


# ---- streams and brokers ----


def test_kafka_records_flatten_and_decode() -> None:
    event = KafkaEvent.from_dict(load("kafka-event.json"))
    assert event.event_source == "aws:kafka"
    assert not event.is_self_managed
    assert list(event.records) == ["AWSKafkaTopic-0"]
    (record,) = list(event)
    assert (record.topic, record.partition, record.offset) == ("AWSKafkaTopic", 0, 0)
    assert record.timestamp_type == "CREATE_TIME"
    assert record.decoded_value() == b"8d5596b4-1813-4238-b24b-6dad8e3d1c0c"
    assert record.text_value() == "8d5596b4-1813-4238-b24b-6dad8e3d1c0c"
    assert record.decoded_key() == record.decoded_value()
    # signed bytes from Java: -36 is 0xdc, -128 is 0x80
    assert record.decoded_headers() == [("headerKey", b"v\xdc\x00\x7f\x80")]
    assert record.header("headerKey") == b"v\xdc\x00\x7f\x80"
    assert record.header("absent") is None


def test_self_managed_kafka_has_no_arn() -> None:
    doc = load("kafka-event.json")
    doc["eventSource"] = "SelfManagedKafka"
    del doc["eventSourceArn"]
    event = KafkaEvent.from_dict(doc)
    assert event.is_self_managed
    assert event.event_source_arn is None


def test_kafka_tombstone_and_json_value() -> None:
    doc = load("kafka-event.json")
    record_doc = doc["records"]["AWSKafkaTopic-0"][0]
    del record_doc["value"]
    record = next(iter(KafkaEvent.from_dict(doc)))
    assert record.decoded_value() is None
    assert record.json_value() is None
    record.value = "eyJhIjogMX0="  # {"a": 1}
    assert record.json_value() == {"a": 1}
    assert record_doc["value"] == "eyJhIjogMX0="


def test_kafka_bad_base64_is_a_clear_error_and_loses_nothing() -> None:
    doc = load("kafka-event.json")
    doc["records"]["AWSKafkaTopic-0"][0]["value"] = "not base64!"
    pristine = copy.deepcopy(doc)
    record = next(iter(KafkaEvent.from_dict(doc)))
    with pytest.raises(EventDecodeError, match=r"KafkaRecord\.value is not valid base64"):
        record.decoded_value()
    assert doc == pristine


def test_kafka_records_must_be_arrays_of_objects() -> None:
    with pytest.raises(EventDecodeError, match=r"records\.t-0"):
        list(KafkaEvent.from_dict({"eventSource": "aws:kafka", "records": {"t-0": "oops"}}))
    with pytest.raises(EventDecodeError, match="expected a JSON object"):
        list(KafkaEvent.from_dict({"eventSource": "aws:kafka", "records": []}))
    doc = load("kafka-event.json")
    doc["records"]["AWSKafkaTopic-0"][0]["headers"] = [{"k": ["x"]}]
    record = next(iter(KafkaEvent.from_dict(doc)))
    with pytest.raises(EventDecodeError, match="not an array of integers"):
        record.decoded_headers()


def test_activemq_message() -> None:
    event = ActiveMQEvent.from_dict(load("activemq-event.json"))
    (message,) = list(event)
    assert event.event_source == "aws:mq"
    assert message.message_type == "jms/text-message"
    assert message.destination is not None
    assert message.destination.physical_name == "testQueue"
    assert message.text_data() == "Enter some text here for the message body..."
    assert message.properties == {"testKey": "testValue"}
    assert message.broker_out_time == 1599863938944


def test_rabbitmq_messages_and_byte_headers() -> None:
    event = RabbitMQEvent.from_dict(load("rabbitmq-event.json"))
    assert list(event.messages_by_queue) == ["test::/"]
    (message,) = list(event)
    props = message.basic_properties
    assert props.content_type == "text/plain"
    assert props.content_encoding is None
    assert props.priority == 34
    assert props.decoded_headers() == {"header1": b"value1", "header2": b"value2", "numberInHeader": 10}
    assert message.json_data() == {"timeout": 0, "data": "CZrmf0Gw8Ov4bqLQxD4E"}


def test_mq_bad_body_json() -> None:
    doc = load("activemq-event.json")
    message = ActiveMQEvent.from_dict(doc).messages[0]
    with pytest.raises(EventDecodeError, match=r"ActiveMQMessage\.data is not valid JSON"):
        message.json_data()


def test_kinesis_analytics_output_delivery() -> None:
    event = KinesisAnalyticsOutputDeliveryEvent.from_dict(
        load("kinesis-analytics-output-delivery-event.json")
    )
    assert event.invocation_id == "invocationIdExample"
    assert event.records[0].decoded_data() == b"This is a test from Kinesis Analytics"


# ---- Cognito ----


def test_cognito_pre_signup_read_and_answer_in_place() -> None:
    doc = load("cognito-event-userpools-presignup.json")
    event = CognitoEventUserPoolsPreSignup.from_dict(doc)
    assert event.trigger_source == "PreSignUp_SignUp"
    assert event.caller_context is not None
    assert event.caller_context.client_id == "<apps client id>"
    assert event.request.user_attributes["email"] == "<email>"
    assert event.request.validation_data == {"k1": "v1", "k2": "v2"}
    assert event.response.auto_confirm_user is False
    event.response.auto_confirm_user = True
    assert event.to_dict()["response"]["autoConfirmUser"] is True


def test_cognito_define_auth_challenge_session() -> None:
    event = CognitoEventUserPoolsDefineAuthChallenge.from_dict(
        load("cognito-event-userpools-define-auth-challenge.json")
    )
    assert event.request.session is not None
    first = event.request.session[0]
    assert (first.challenge_name, first.challenge_result) == ("PASSWORD_VERIFIER", True)
    assert event.request.user_not_found is False
    assert event.response.issue_tokens is True


def test_cognito_custom_message_attributes_keep_json_types() -> None:
    event = CognitoEventUserPoolsCustomMessage.from_dict(load("cognito-event-userpools-custommessage.json"))
    assert event.request.user_attributes == {"phone_number_verified": True, "email_verified": False}
    assert event.request.code_parameter == "####"
    assert event.response.email_subject == "<custom email subject>"


def test_cognito_migrate_user_and_pre_token_generation() -> None:
    migrate = CognitoEventUserPoolsMigrateUser.from_dict(load("cognito-event-userpools-migrateuser.json"))
    assert migrate.request.password == "<password>"
    assert migrate.response.desired_delivery_mediums == [
        "<desired-delivery-mediums-1>",
        "<desired-delivery-mediums-2>",
    ]
    v1 = CognitoEventUserPoolsPreTokenGen.from_dict(load("cognito-event-userpools-pretokengen.json"))
    assert v1.request.group_configuration is not None
    assert v1.request.group_configuration.preferred_role == "arn:aws:iam::XXXXXXXXXXX:role/sns_caller"
    details = v1.response.claims_override_details
    assert details is not None
    assert details.claims_to_suppress == ["email"]
    v2 = CognitoEventUserPoolsPreTokenGenV2.from_dict(load("cognito-event-userpools-pretokengen-v2_0.json"))
    assert v2.request.scopes == ["aws.cognito.signin.user.admin"]
    assert v2.request.group_configuration is not None
    assert v2.request.group_configuration.preferred_role is None
    override = v2.response.claims_and_scope_override_details
    assert override is not None
    assert override.access_token_generation is not None
    assert override.access_token_generation.claims_to_add_or_override == {
        "family_name": "xyz",
        "favorite_number": 2,
    }
    assert override.access_token_generation.scopes_to_suppress == ["phone_number"]


def test_cognito_inbound_federation_oidc_and_saml() -> None:
    oidc = CognitoEventUserPoolsInboundFederation.from_dict(
        load("cognito-event-userpools-inbound-federation-oidc.json")
    )
    assert oidc.request.provider_type == "OIDC"
    assert oidc.request.attributes.id_token == {
        "sub": "user123",
        "email": "testuser@example.com",
        "email_verified": "true",
    }
    assert oidc.request.attributes.saml_response is None
    saml = CognitoEventUserPoolsInboundFederation.from_dict(
        load("cognito-event-userpools-inbound-federation-saml.json")
    )
    assert saml.request.attributes.saml_response is not None
    assert saml.request.attributes.token_response is None
    assert saml.response.user_attributes_to_map == {
        "email": "testuser@example.com",
        "given_name": "Test",
        "family_name": "User",
    }


def test_cognito_sync_event() -> None:
    event = CognitoEvent.from_dict(load("cognito-event.json"))
    assert event.version == 2
    record = event.dataset_records["SampleKey1"]
    assert (record.old_value, record.new_value, record.op) == ("oldValue1", "newValue1", "replace")


def test_cognito_missing_request_is_named() -> None:
    doc = load("cognito-event-userpools-presignup.json")
    del doc["request"]
    event = CognitoEventUserPoolsPreSignup.from_dict(doc)
    with pytest.raises(MissingFieldError, match="CognitoEventUserPoolsPreSignup: required field 'request'"):
        _ = event.request


# ---- email, secrets, config, connect ----


def test_ses_lambda_event() -> None:
    event = SimpleEmailEvent.from_dict(load("ses-lambda-event.json"))
    (record,) = list(event)
    mail = record.ses.mail
    assert mail.common_headers.from_ == ["Amazon Web Services <aws@amazon.com>"]
    assert mail.common_headers.subject == "Test Subject"
    assert mail.header("content-type") == "multipart/alternative; boundary=94eb2c0742269658b10542f452a9"
    assert mail.header("X-Absent") is None
    receipt = record.ses.receipt
    assert receipt.spam_verdict.status == "PASS"
    assert receipt.action.type == "Lambda"
    assert (
        receipt.action.function_arn == "arn:aws:lambda:us-east-1:000000000000:function:my-ses-lambda-function"
    )
    assert receipt.processing_time_millis == 574


def test_ses_s3_and_sns_actions() -> None:
    s3 = SimpleEmailEvent.from_dict(load("ses-s3-event.json")).records[0].ses.receipt.action
    assert (s3.type, s3.bucket_name, s3.object_key) == ("S3", "my-S3-bucket", "email")
    sns = SimpleEmailEvent.from_dict(load("ses-sns-event.json")).records[0].ses
    assert sns.receipt.action.topic_arn == "arn:aws:sns:us-east-1:012345678912:example-topic"
    assert sns.mail.common_headers.cc == ["cc@example.com", "cc2@example.com"]


def test_secrets_manager_rotation() -> None:
    event = SecretsManagerSecretRotationEvent.from_dict(load("secretsmanager-secret-rotation-event.json"))
    assert event.step == SecretsManagerSecretRotationEvent.CREATE_SECRET
    assert event.secret_id.endswith(":secret:id-ABCD1E")
    assert event.rotation_token == "abcd1234-efgh-5678-ijkl-8ab4515a7db0"


def test_config_event_embedded_json() -> None:
    event = ConfigEvent.from_dict(load("config-event.json"))
    assert event.config_rule_name == "periodic-config-rule"
    assert event.event_left_scope is False
    assert event.invoking_event_json()["messageType"] == "ConfigurationSnapshotDeliveryCompleted"
    assert event.rule_parameters_json() == {"myParameterKey": "myParameterValue"}
    event.rule_parameters = None
    assert event.rule_parameters_json() == {}
    event.invoking_event = "{not json"
    with pytest.raises(EventDecodeError, match=r"ConfigEvent\.invokingEvent is not valid JSON"):
        event.invoking_event_json()


def test_connect_event() -> None:
    event = ConnectEvent.from_dict(load("connect-event.json"))
    data = event.details.contact_data
    assert event.name == "ContactFlowExecution"
    assert event.details.parameters == {"key1": "value1", "key2": "value2"}
    assert data.contact_id == "ASDAcxcasDFSSDFs"
    assert data.customer_endpoint is not None
    assert data.customer_endpoint.address == "+14802021091"
    assert data.queue is not None
    assert data.queue.name == "PrimaryPhoneQueue"


# ---- developer tools ----


def test_codepipeline_job() -> None:
    job = CodePipelineJobEvent.from_dict(load("codepipeline-job-event.json")).codepipeline_job
    assert job.account_id == "111111111111"
    config = job.data.action_configuration.configuration
    assert config.function_name == "MyLambdaFunctionForAWSCodePipeline"
    artifact = job.data.input_artifacts[0]
    assert artifact.name == "ArtifactName"
    assert artifact.revision is None
    assert artifact.location.s3_location is not None
    assert artifact.location.s3_location.bucket_name.startswith("the name of the bucket")
    assert job.data.output_artifacts == []
    credentials = job.data.artifact_credentials
    assert credentials is not None
    assert credentials.access_key_id == "AKIAIOSFODNN7EXAMPLE"
    assert "wJalr" not in repr(credentials)


def test_codepipeline_state_changes() -> None:
    action = CodePipelineCloudWatchEvent.from_dict(
        load("codepipeline-action-execution-stage-change-event.json")
    )
    assert action.detail_type == "CodePipeline Action Execution State Change"
    assert action.detail.stage == "Prod"
    assert action.detail.type is not None
    assert action.detail.type.provider == "CodeDeploy"
    stage = CodePipelineCloudWatchEvent.from_dict(load("codepipeline-execution-stage-change-event.json"))
    assert stage.detail.action is None
    assert stage.detail.execution_id == "01234567-0123-0123-0123-012345678901"


def test_codecommit_codebuild_codedeploy() -> None:
    commit = CodeCommitEvent.from_dict(load("code-commit-event.json")).records[0]
    assert commit.codecommit.references[0].ref == "refs/heads/master"
    assert commit.codecommit.references[0].created is None
    assert commit.event_part_number == 1
    phase = CodeBuildEvent.from_dict(load("codebuild-phase-change.json"))
    assert phase.detail_type == CodeBuildEvent.PHASE_CHANGE
    assert phase.detail.completed_phase == "COMPLETED"
    assert phase.detail.build_status is None
    info = phase.detail.additional_information
    assert info is not None
    assert info.phases is not None
    assert info.phases[-1].end_time is None
    assert info.phases[2].duration_in_seconds == 36
    state = CodeBuildEvent.from_dict(load("codebuild-state-change.json"))
    assert state.detail.build_status == "SUCCEEDED"
    env = state.detail.additional_information
    assert env is not None
    assert env.environment is not None
    assert env.environment.environment_variables is not None
    assert env.environment.environment_variables[0].value == "TEST"
    instance = CodeDeployEvent.from_dict(load("codedeploy-instance-event.json"))
    assert instance.detail_type == CodeDeployEvent.INSTANCE
    assert instance.detail.instance_id == "i-0000000aaaaaaaaaa"
    deployment = CodeDeployEvent.from_dict(load("codedeploy-deployment-event.json"))
    assert deployment.detail.instance_id is None
    assert deployment.detail.state == "SUCCESS"


# ---- IoT, Lex, AppSync, Client VPN ----


def test_iot_events() -> None:
    button = IoTButtonEvent.from_dict(load("iot-button-event.json"))
    assert (button.serial_number, button.click_type) == ("ABCDEFG12345", "SINGLE")
    click = IoTOneClickEvent.from_dict(load("iot-1-click-event.json"))
    assert click.device_event.button_clicked.click_type == "SINGLE"
    assert click.device_info.remaining_life == 5.0
    assert click.placement_info.devices == {"myButton": "G030PMXXXXXXXXXX"}
    auth = IoTCoreCustomAuthorizerRequest.from_dict(load("iot-custom-auth-request.json"))
    assert auth.protocols == ["tls", "http", "mqtt"]
    data = auth.protocol_data
    assert data is not None
    assert data.mqtt is not None
    assert data.mqtt.decoded_password() == b"myPassword"
    assert data.http is not None
    assert data.http.header("x-request-id") == data.http.header("X-REQUEST-ID") == "abc123"
    assert data.http.header("x-absent") is None
    assert data.tls is not None
    assert data.tls.server_name == "serverName"
    hook = IoTPreProvisionHookRequest.from_dict(load("iot-preprovision-hook-request.json"))
    assert hook.parameters == {"param1": "parma1value", "param2": "param2value"}


def test_lex_event_and_response() -> None:
    event = LexEvent.from_dict(load("lex-event.json"))
    intent = event.current_intent
    assert intent is not None
    assert intent.name == "intent-name"
    assert intent.slots == {"slot name1": "value1", "slot name2": "value2"}
    assert intent.slot_details is not None
    assert intent.slot_details["slot name1"].original_value == "original text"
    assert event.bot is not None
    assert event.bot.alias == "bot alias"
    assert event.alternative_intents is None
    response = LexResponse.from_dict(load("lex-response.json"))
    action = response.dialog_action
    assert action is not None
    assert action.slot_to_elicit == "slot-name"
    assert action.response_card is not None
    attachment = action.response_card.generic_attachments[0]
    assert attachment.buttons == [{"text": "button-text", "value": "value sent to server on button click"}]


def test_appsync_identities_and_authorizer() -> None:
    cognito = AppSyncCognitoIdentity.from_dict(load("appsync-identity-cognito.json"))
    assert cognito.sub == "123-456"
    assert cognito.claims is not None
    assert cognito.claims["cognito:username"] == "user1"
    assert cognito.source_ip == ["192.168.196.186", "193.168.196.186"]
    iam = AppSyncIAMIdentity.from_dict(load("appsync-identity-iam.json"))
    assert iam.user_arn == "arn:aws:iam::123456789012:user/appsync"
    request = AppSyncLambdaAuthorizerRequest.from_dict(load("appsync-lambda-auth-request.json"))
    assert request.authorization_token == "ExampleAUTHtoken123123123"
    assert request.request_context.operation_name == "MyQuery"
    assert request.request_context.variables == {}


def test_clientvpn_request() -> None:
    request = ClientVPNConnectionHandlerRequest.from_dict(load("clientvpn-connectionhandler-request.json"))
    assert request.connection_id == "cvpn-connection-04e7e1b2f0daf9460"
    assert request.public_ip == "10.11.12.13"
    assert request.schema_version == "v1"


# ---- EventBridge families ----


def test_autoscaling_events() -> None:
    launch = AutoScalingEvent.from_dict(load("autoscaling-event-launch-successful.json"))
    assert launch.detail_type == AutoScalingEvent.LAUNCH_SUCCESSFUL
    assert launch.source == "aws.autoscaling"
    assert launch.detail.details == {"Availability Zone": "us-west-2b", "Subnet ID": "subnet-12345678"}
    assert launch.detail.lifecycle_hook_name is None
    hook = AutoScalingEvent.from_dict(load("autoscaling-event-lifecycle-action.json"))
    assert hook.detail.lifecycle_transition == "autoscaling:EC2_INSTANCE_LAUNCHING"
    assert hook.detail.notification_metadata == "additional-info"
    assert hook.detail.status_code is None


def test_ecr_and_ecs_events() -> None:
    push = ECRImageActionEvent.from_dict(load("ecr-image-push-event.json"))
    assert (push.detail.action_type, push.detail.image_tag) == ("PUSH", "latest")
    assert push.resources == []
    scan = ECRScanEvent.from_dict(load("ecr-image-scan-event.json"))
    counts = scan.detail.finding_severity_counts
    assert counts is not None
    assert (counts.critical, counts.high, counts.informational) == (10, 2, 0)
    assert counts.total() == 24
    assert scan.detail.image_tags == ["1572471135"]
    ecs = ECSContainerInstanceEvent.from_dict(load("ecs-container-instance-state-change.json"))
    detail = ecs.detail
    assert detail.agent_connected is True
    assert detail.registered_resources is not None
    cpu, _, ports, _ = detail.registered_resources
    assert (cpu.name, cpu.integer_value, cpu.string_set_value) == ("CPU", 2048, None)
    assert ports.string_set_value == ["22", "2376", "2375", "51678", "51679"]
    assert detail.version_info is not None
    assert detail.version_info.agent_version == "1.13.0"
    assert ecs.raw_detail() is ecs.to_dict()["detail"]


# ---- CloudWatch alarms ----


def test_cloudwatch_alarm_sns_payloads() -> None:
    single = CloudWatchAlarmSNSPayload.from_sns_event(
        SNSEvent.from_dict(load("cloudwatch-alarm-sns-payload-single-metric.json"))
    )[0]
    assert single.aws_account_id == "123456789012"
    assert single.new_state_value == "ALARM"
    assert single.trigger is not None
    assert single.trigger.metric_name == "NetworkOut"
    assert single.trigger.dimensions is not None
    assert (single.trigger.dimensions[0].name, single.trigger.dimensions[0].value) == (
        "InstanceId",
        "TestInstance",
    )
    assert single.trigger.metrics is None
    multi = CloudWatchAlarmSNSPayload.from_sns_event(
        SNSEvent.from_dict(load("cloudwatch-alarm-sns-payload-multiple-metrics.json"))
    )[0]
    assert multi.trigger is not None
    assert multi.trigger.metrics is not None
    expression, metric = multi.trigger.metrics
    assert (expression.id, expression.expression, expression.return_data) == ("e1", "m1*1", True)
    assert metric.metric_stat is not None
    assert metric.metric_stat.metric.metric_name == "NetworkOut"
    assert metric.metric_stat.stat == "Average"


def test_cloudwatch_alarm_sns_message_not_json() -> None:
    with pytest.raises(EventDecodeError, match="CloudWatchAlarmSNSPayload"):
        CloudWatchAlarmSNSPayload.from_sns_message("plain text notification")
    with pytest.raises(EventDecodeError, match="needs a JSON object"):
        CloudWatchAlarmSNSPayload.from_sns_message("[1, 2]")


ALARM_EVENT: dict[str, Any] = {
    "source": "aws.cloudwatch",
    "alarmArn": "arn:aws:cloudwatch:us-east-1:444455556666:alarm:lambda-demo-metric-alarm",
    "accountId": "444455556666",
    "time": "2023-08-04T12:36:15.490+0000",
    "region": "us-east-1",
    "alarmData": {
        "alarmName": "lambda-demo-metric-alarm",
        "state": {
            "value": "ALARM",
            "reason": "test",
            "reasonData": '{"version":"1.0","queryDate":"2023-08-04T12:36:15.490+0000"}',
            "timestamp": "2023-08-04T12:36:15.490+0000",
        },
        "previousState": {"value": "INSUFFICIENT_DATA", "reason": "Insufficient Data", "timestamp": "x"},
        "configuration": {
            "description": "Metric Alarm to test Lambda actions",
            "metrics": [
                {
                    "id": "1234e046-06f0-a3da-9534-EXAMPLEe4c",
                    "metricStat": {
                        "metric": {
                            "namespace": "AWS/Logs",
                            "name": "CallCount",
                            "dimensions": {"InstanceId": "i-12345678"},
                        },
                        "period": 60,
                        "stat": "SampleCount",
                    },
                    "returnData": True,
                }
            ],
        },
    },
}


def test_cloudwatch_alarm_direct_event() -> None:
    doc = copy.deepcopy(ALARM_EVENT)
    event = CloudWatchAlarmEvent.from_dict(doc)
    data = event.alarm_data
    assert data.state.value == "ALARM"
    assert data.state.reason_data_json() == {"version": "1.0", "queryDate": "2023-08-04T12:36:15.490+0000"}
    assert data.previous_state is not None
    assert data.previous_state.reason_data_json() is None
    assert data.configuration is not None
    assert data.configuration.alarm_rule is None
    assert data.configuration.metrics is not None
    stat = data.configuration.metrics[0].metric_stat
    assert stat is not None
    assert stat.metric is not None
    assert stat.metric.dimensions == {"InstanceId": "i-12345678"}
    assert event.to_dict() == ALARM_EVENT


# ---- VPC Lattice ----

LATTICE_V1: dict[str, Any] = {
    "raw_path": "/testpath?order-id=1",
    "method": "GET",
    "headers": {"user-agent": "curl/7.64.1", "x-forwarded-for": "10.213.229.10"},
    "query_string_parameters": {"order-id": "1"},
    "body": "eyJ0ZXN0IjogImV2ZW50In0=",
    "is_base64_encoded": True,
}

LATTICE_V2: dict[str, Any] = {
    "version": "2.0",
    "path": "/todos",
    "method": "POST",
    "headers": {"user-agent": ["curl/7.64.1"], "accept": ["a/b", "c/d"], "x-single": "one"},
    "queryStringParameters": {"order-id": ["1"], "plain": "p"},
    "body": '{"message": "Hello from Lambda!"}',
    "isBase64Encoded": False,
    "requestContext": {
        "serviceNetworkArn": "arn:aws:vpc-lattice:us-east-2:123456789012:servicenetwork/sn-0bf3f2882e9cc805a",
        "serviceArn": "arn:aws:vpc-lattice:us-east-2:123456789012:service/svc-0a40eebed65f8d69c",
        "targetGroupArn": "arn:aws:vpc-lattice:us-east-2:123456789012:targetgroup/tg-6d0ecf831eec9f09",
        "identity": {"sourceVpcArn": "arn:aws:ec2:region:123456789012:vpc/vpc-0b8276c84697e7339"},
        "region": "us-east-2",
        "timeEpoch": "1690497599177430",
    },
}


def test_vpc_lattice_v1() -> None:
    event = VPCLatticeRequest.from_dict(copy.deepcopy(LATTICE_V1))
    assert event.path == "/testpath"
    assert event.http_method == event.method == LATTICE_V1["method"]
    assert event.header("User-Agent") == "curl/7.64.1"
    assert event.body_bytes() == b'{"test": "event"}'
    assert event.json_body() == {"test": "event"}
    assert event.to_dict() == LATTICE_V1


def test_vpc_lattice_v2() -> None:
    event = VPCLatticeRequestV2.from_dict(copy.deepcopy(LATTICE_V2))
    assert event.http_method == event.method == LATTICE_V2["method"]
    assert event.header("USER-AGENT") == "curl/7.64.1"
    assert event.header_values("accept") == ["a/b", "c/d"]
    assert event.header_values("x-single") == ["one"]
    assert event.header("absent") is None
    assert event.query_parameter("order-id") == "1"
    assert event.query_parameter("plain") == "p"
    assert event.json_body() == {"message": "Hello from Lambda!"}
    assert event.body_text() == '{"message": "Hello from Lambda!"}'
    context = event.request_context
    assert context.time_epoch == "1690497599177430"
    assert context.identity is not None
    assert context.identity.type is None
    assert event.to_dict() == LATTICE_V2


def test_vpc_lattice_bad_bodies() -> None:
    bad_b64 = dict(LATTICE_V1, body="***")
    with pytest.raises(EventDecodeError, match=r"VPCLatticeRequest\.body is not valid base64"):
        VPCLatticeRequest.from_dict(bad_b64).body_bytes()
    not_text = dict(LATTICE_V1, body="//79", is_base64_encoded=True)  # b"\xff\xfe\xfd"
    with pytest.raises(EventDecodeError, match="is not utf-8 text"):
        VPCLatticeRequest.from_dict(not_text).body_text()
    numeric = dict(LATTICE_V2, body=12)
    with pytest.raises(EventDecodeError, match="expected a string"):
        VPCLatticeRequestV2.from_dict(numeric).body_bytes()
    assert VPCLatticeRequestV2.from_dict({"version": "2.0"}).body_bytes() == b""
