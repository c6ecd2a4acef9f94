"""Typed example handlers for part-B families, checked by ``mypy --strict`` (the repo's mypy run covers
this file) and run through the runtime's real decode -> call -> encode path (``adapt`` +
``encode_result``). A second test proves the types have teeth: mypy rejects misuse."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from lambda_runtime.events import (
    AppSyncLambdaAuthorizerRequest,
    AppSyncLambdaAuthorizerResponse,
    BedrockAgentEvent,
    BedrockAgentResponse,
    CloudFormationCustomResourceRequest,
    CloudFormationCustomResourceResponse,
    CognitoEventUserPoolsPreSignup,
    CognitoEventUserPoolsPreTokenGenV2,
    ConfigEvent,
    IoTCoreCustomAuthorizerRequest,
    IoTCoreCustomAuthorizerResponse,
    KafkaEvent,
    RabbitMQEvent,
    SecretsManagerSecretRotationEvent,
)
from lambda_runtime.runtime.context import Context
from lambda_runtime.runtime.handlers.adapters import BufferedTarget, adapt
from lambda_runtime.runtime.handlers.base import LambdaBufferedHandler
from lambda_runtime.runtime.handlers.codec import encode_result
from tests.support.paths import FIXTURE_EVENTS, REPO_ROOT

# ---- the example handlers (what users write) ----


def pre_signup(event: CognitoEventUserPoolsPreSignup, context: Context) -> CognitoEventUserPoolsPreSignup:
    """Auto-confirm users from one domain; Cognito reads the returned event."""
    email: str = event.request.user_attributes.get("email", "")
    if email.endswith("@example.com"):
        event.response.auto_confirm_user = True
        event.response.auto_verify_email = True
    return event


def pre_token_v2(
    event: CognitoEventUserPoolsPreTokenGenV2, context: Context
) -> CognitoEventUserPoolsPreTokenGenV2:
    from lambda_runtime.events import (
        AccessTokenGeneration,
        ClaimsAndScopeOverrideDetails,
        CognitoEventUserPoolsPreTokenGenV2Response,
    )

    scopes: list[str] = event.request.scopes or []
    event.response = CognitoEventUserPoolsPreTokenGenV2Response(
        claims_and_scope_override_details=ClaimsAndScopeOverrideDetails(
            access_token_generation=AccessTokenGeneration(scopes_to_add=[f"{s}:extra" for s in scopes])
        )
    )
    return event


def kafka_sum(event: KafkaEvent, context: Context) -> dict[str, int]:
    """Count records and value bytes per topic."""
    totals: dict[str, int] = {}
    for record in event:
        value = record.decoded_value() or b""
        totals[record.topic] = totals.get(record.topic, 0) + len(value)
    return totals


class RabbitBodies(LambdaBufferedHandler[RabbitMQEvent, list[Any]]):
    def handle_request(self, event: RabbitMQEvent, context: Context) -> list[Any]:
        return [message.json_data() for message in event]


class AppSyncAuthorizer(
    LambdaBufferedHandler[AppSyncLambdaAuthorizerRequest, AppSyncLambdaAuthorizerResponse]
):
    def handle_request(
        self, event: AppSyncLambdaAuthorizerRequest, context: Context
    ) -> AppSyncLambdaAuthorizerResponse:
        allowed = event.authorization_token.startswith("Example")
        return AppSyncLambdaAuthorizerResponse(
            is_authorized=allowed,
            resolver_context={"api": event.request_context.api_id},
            ttl_override=10,
        )


def iot_authorizer(
    event: IoTCoreCustomAuthorizerRequest, context: Context
) -> IoTCoreCustomAuthorizerResponse:
    mqtt = event.protocol_data.mqtt if event.protocol_data else None
    client = mqtt.client_id if mqtt and mqtt.client_id else "unknown"
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Action": "iot:Connect", "Effect": "Allow", "Resource": f"client/{client}"}],
    }
    return IoTCoreCustomAuthorizerResponse(
        is_authenticated=bool(event.signature_verified), principal_id=client, policy_documents=[policy]
    )


def custom_resource(
    event: CloudFormationCustomResourceRequest, context: Context
) -> CloudFormationCustomResourceResponse:
    name = str((event.resource_properties or {}).get("Name", ""))
    return CloudFormationCustomResourceResponse.for_request(event, physical_resource_id=f"res-{name}")


def bedrock_action(event: BedrockAgentEvent, context: Context) -> BedrockAgentResponse:
    city = event.parameter("city") or "nowhere"
    return BedrockAgentResponse.for_api(event, body={"city": city, "temperature": 21})


def config_rule(event: ConfigEvent, context: Context) -> dict[str, Any]:
    invoking: dict[str, Any] = event.invoking_event_json()
    return {"type": invoking["messageType"], "params": event.rule_parameters_json()}


def rotate(event: SecretsManagerSecretRotationEvent, context: Context) -> None:
    if event.step not in ("createSecret", "setSecret", "testSecret", "finishSecret"):
        raise ValueError(f"unknown step {event.step}")


# ---- running them through the runtime's codec ----

CONTEXT = Context(
    aws_request_id="req-1",
    invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:f",
    function_name="f",
    function_version="$LATEST",
    memory_limit_in_mb=128,
    log_group_name="/aws/lambda/f",
    log_stream_name="stream",
)


def invoke(handler: Any, body: bytes) -> Any:
    target = adapt(handler)
    assert isinstance(target, BufferedTarget)
    event = target.decode(body)
    result = target.call(event, CONTEXT)
    return json.loads(encode_result(result).body)


def fixture(name: str) -> bytes:
    return (FIXTURE_EVENTS / name).read_bytes()


def test_cognito_handlers() -> None:
    doc = json.loads(fixture("cognito-event-userpools-presignup.json"))
    doc["request"]["userAttributes"]["email"] = "ann@example.com"
    out = invoke(pre_signup, json.dumps(doc).encode())
    assert out["response"] == {"autoConfirmUser": True, "autoVerifyEmail": True, "autoVerifyPhone": True}
    assert out["request"] == doc["request"]
    token = invoke(pre_token_v2, fixture("cognito-event-userpools-pretokengen-v2.json"))
    assert token["response"] == {
        "claimsAndScopeOverrideDetails": {
            "accessTokenGeneration": {"scopesToAdd": ["aws.cognito.signin.user.admin:extra"]}
        }
    }


def test_broker_handlers() -> None:
    assert invoke(kafka_sum, fixture("kafka-event.json")) == {"AWSKafkaTopic": 36}
    assert invoke(RabbitBodies, fixture("rabbitmq-event.json")) == [
        {"timeout": 0, "data": "CZrmf0Gw8Ov4bqLQxD4E"}
    ]


def test_authorizer_handlers() -> None:
    assert invoke(AppSyncAuthorizer, fixture("appsync-lambda-auth-request.json")) == {
        "isAuthorized": True,
        "resolverContext": {"api": "aaaaaa123123123example123"},
        "ttlOverride": 10,
    }
    iot = invoke(iot_authorizer, fixture("iot-custom-auth-request.json"))
    assert iot["isAuthenticated"] is True
    assert iot["principalId"] == "myClientId"
    assert iot["policyDocuments"][0]["Statement"][0]["Resource"] == "client/myClientId"


def test_resource_agent_and_rule_handlers() -> None:
    request = {
        "RequestType": "Create",
        "ResponseURL": "http://127.0.0.1:9/unused",
        "StackId": "stack",
        "RequestId": "r1",
        "ResourceType": "Custom::Thing",
        "LogicalResourceId": "Thing",
        "ResourceProperties": {"Name": "a"},
    }
    assert invoke(custom_resource, json.dumps(request).encode()) == {
        "Status": "SUCCESS",
        "PhysicalResourceId": "res-a",
        "StackId": "stack",
        "RequestId": "r1",
        "LogicalResourceId": "Thing",
    }
    agent = {
        "messageVersion": "1.0",
        "agent": {"name": "a", "id": "i", "alias": "al", "version": "1"},
        "sessionId": "s",
        "actionGroup": "g",
        "apiPath": "/w",
        "httpMethod": "GET",
        "parameters": [{"name": "city", "type": "string", "value": "Oslo"}],
    }
    out = invoke(bedrock_action, json.dumps(agent).encode())
    assert out["response"]["responseBody"] == {
        "application/json": {"body": '{"city":"Oslo","temperature":21}'}
    }
    assert invoke(config_rule, fixture("config-event.json")) == {
        "type": "ConfigurationSnapshotDeliveryCompleted",
        "params": {"myParameterKey": "myParameterValue"},
    }
    assert invoke(rotate, fixture("secretsmanager-secret-rotation-event.json")) is None


def test_wrong_shape_is_an_unmarshal_fault() -> None:
    from lambda_runtime.protocol.errors import UnmarshalFault

    target = adapt(kafka_sum)
    with pytest.raises(UnmarshalFault, match="as KafkaEvent"):
        target.decode(b"[1, 2]")


MISUSE = """
from lambda_runtime.events import CognitoEventUserPoolsPreSignup, KafkaEvent, LexResponse

def f(event: CognitoEventUserPoolsPreSignup, kafka: KafkaEvent) -> None:
    event.response.auto_confirm_user = "yes"
    n: int = event.request.user_attributes["email"]
    for record in kafka:
        record.decoded_value().decode()
    LexResponse.close(fulfillment_state=3)
"""


def test_mypy_rejects_misuse(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    source = tmp_path / "misuse.py"
    source.write_text(textwrap.dedent(MISUSE))
    stdout, _, status = api.run(
        [
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "--config-file",
            str(REPO_ROOT / "pyproject.toml"),
            str(source),
        ]
    )
    assert status == 1
    lines = [line for line in stdout.splitlines() if "misuse.py" in line]
    assert any(":5:" in line and "bool" in line for line in lines), stdout
    assert any(":6:" in line and "int" in line for line in lines), stdout
    assert any(":8:" in line and "None" in line for line in lines), stdout
    assert any(":9:" in line and "str" in line for line in lines), stdout
