"""Response classes users build: keyword constructors, defaults, and the exact JSON AWS expects."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.error
from collections.abc import Iterator
from typing import Any

import pytest

from lambda_runtime.events import (
    AccessTokenGeneration,
    AppSyncLambdaAuthorizerResponse,
    BedrockAgentEvent,
    BedrockAgentResponse,
    ClaimsAndScopeOverrideDetails,
    ClaimsOverrideDetails,
    ClientVPNConnectionHandlerResponse,
    CloudFormationCustomResourceRequest,
    CloudFormationCustomResourceResponse,
    CognitoEventUserPoolsCreateAuthChallengeResponse,
    CognitoEventUserPoolsDefineAuthChallengeResponse,
    CognitoEventUserPoolsMigrateUserResponse,
    CognitoEventUserPoolsPreSignup,
    CognitoEventUserPoolsPreSignupResponse,
    CognitoEventUserPoolsPreTokenGenResponse,
    CognitoEventUserPoolsPreTokenGenV2Response,
    CognitoEventUserPoolsResponse,
    CognitoEventUserPoolsVerifyAuthChallengeResponse,
    ConnectResponse,
    GroupConfiguration,
    IDTokenGeneration,
    IoTCoreCustomAuthorizerResponse,
    IoTPreProvisionHookResponse,
    KinesisAnalyticsOutputDeliveryEvent,
    KinesisAnalyticsOutputDeliveryResponse,
    KinesisAnalyticsOutputDeliveryResponseRecord,
    LexAttachment,
    LexResponse,
    LexResponseCard,
    SimpleEmailDisposition,
    VPCLatticeResponse,
)
from tests.support.paths import FIXTURE_EVENTS


def load(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((FIXTURE_EVENTS / name).read_text())
    return doc


# ---- Cognito ----


def test_cognito_responses_encode_exactly() -> None:
    assert CognitoEventUserPoolsPreSignupResponse(auto_confirm_user=True).to_dict() == {
        "autoConfirmUser": True,
        "autoVerifyEmail": False,
        "autoVerifyPhone": False,
    }
    assert CognitoEventUserPoolsResponse().to_dict() == {}
    assert CognitoEventUserPoolsDefineAuthChallengeResponse(issue_tokens=True).to_dict() == {
        "issueTokens": True,
        "failAuthentication": False,
    }
    assert CognitoEventUserPoolsCreateAuthChallengeResponse(
        public_challenge_parameters={"q": "2+2"}, private_challenge_parameters={"a": "4"}
    ).to_dict() == {"publicChallengeParameters": {"q": "2+2"}, "privateChallengeParameters": {"a": "4"}}
    assert CognitoEventUserPoolsVerifyAuthChallengeResponse(answer_correct=True).to_dict() == {
        "answerCorrect": True
    }
    assert CognitoEventUserPoolsMigrateUserResponse(
        user_attributes={"email": "a@example.com", "email_verified": "true"},
        final_user_status="CONFIRMED",
        message_action="SUPPRESS",
    ).to_dict() == {
        "userAttributes": {"email": "a@example.com", "email_verified": "true"},
        "finalUserStatus": "CONFIRMED",
        "messageAction": "SUPPRESS",
    }


def test_cognito_pre_token_generation_responses() -> None:
    v1 = CognitoEventUserPoolsPreTokenGenResponse(
        claims_override_details=ClaimsOverrideDetails(
            claims_to_add_or_override={"tier": "gold"},
            group_override_details=GroupConfiguration(groups_to_override=["admins"]),
        )
    )
    assert v1.to_dict() == {
        "claimsOverrideDetails": {
            "claimsToAddOrOverride": {"tier": "gold"},
            "groupOverrideDetails": {"groupsToOverride": ["admins"]},
        }
    }
    v2 = CognitoEventUserPoolsPreTokenGenV2Response(
        claims_and_scope_override_details=ClaimsAndScopeOverrideDetails(
            id_token_generation=IDTokenGeneration(claims_to_add_or_override={"n": 2, "list": [1]}),
            access_token_generation=AccessTokenGeneration(scopes_to_add=["read"]),
        )
    )
    assert v2.to_dict() == {
        "claimsAndScopeOverrideDetails": {
            "idTokenGeneration": {"claimsToAddOrOverride": {"n": 2, "list": [1]}},
            "accessTokenGeneration": {"scopesToAdd": ["read"]},
        }
    }
    assert CognitoEventUserPoolsPreTokenGenResponse().to_dict() == {}


def test_cognito_event_response_replaced_with_constructed_one() -> None:
    event = CognitoEventUserPoolsPreSignup.from_dict(load("cognito-event-userpools-presignup.json"))
    event.response = CognitoEventUserPoolsPreSignupResponse(auto_confirm_user=True, auto_verify_email=True)
    assert event.to_dict()["response"] == {
        "autoConfirmUser": True,
        "autoVerifyEmail": True,
        "autoVerifyPhone": False,
    }
    assert event.response.auto_confirm_user is True


# ---- IoT, AppSync, Client VPN, Connect, SES, Kinesis Analytics ----


def test_iot_responses_match_fixtures() -> None:
    policy = load("iot-custom-auth-response.json")["policyDocuments"]
    built = IoTCoreCustomAuthorizerResponse(
        is_authenticated=True, principal_id="xxxxxxxx", policy_documents=policy
    )
    assert built.to_dict() == load("iot-custom-auth-response.json")
    hook = IoTPreProvisionHookResponse(
        allow_provisioning=True,
        parameter_overrides={"Key1": "newCustomValue1", "Key2": "newCustomValue2"},
    )
    assert hook.to_dict() == load("iot-preprovision-hook-response.json")
    assert IoTPreProvisionHookResponse(allow_provisioning=False).to_dict() == {"allowProvisioning": False}


def test_appsync_authorizer_response() -> None:
    built = AppSyncLambdaAuthorizerResponse(
        is_authorized=True, resolver_context={"banana": "very yellow", "apple": "very green"}
    )
    assert built.to_dict() == load("appsync-lambda-auth-response.json")
    denied = AppSyncLambdaAuthorizerResponse(
        is_authorized=False, denied_fields=["Mutation.x"], ttl_override=0
    )
    assert denied.to_dict() == {"isAuthorized": False, "deniedFields": ["Mutation.x"], "ttlOverride": 0}


def test_clientvpn_response() -> None:
    assert ClientVPNConnectionHandlerResponse(allow=True).to_dict() == {
        "allow": True,
        "error-msg-on-failed-posture-compliance": "",
        "posture-compliance-statuses": [],
        "schema-version": "v1",
    }


def test_connect_response_strings_only() -> None:
    response = ConnectResponse({"a": "1"}, b="2")
    response["c"] = "3"
    assert response.to_dict() == {"a": "1", "b": "2", "c": "3"}
    assert response["b"] == "2"
    with pytest.raises(TypeError, match="'n' is int"):
        ConnectResponse(n=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be strings"):
        response["d"] = 4  # type: ignore[assignment]
    assert response.to_dict() == {"a": "1", "b": "2", "c": "3"}


def test_ses_disposition_and_kinesis_analytics_response() -> None:
    assert SimpleEmailDisposition().to_dict() == {"disposition": "CONTINUE"}
    assert SimpleEmailDisposition(SimpleEmailDisposition.STOP_RULE_SET).to_dict() == {
        "disposition": "STOP_RULE_SET"
    }
    event = KinesisAnalyticsOutputDeliveryEvent.from_dict(
        load("kinesis-analytics-output-delivery-event.json")
    )
    assert KinesisAnalyticsOutputDeliveryResponse.all_ok(event).to_dict() == load(
        "kinesis-analytics-output-delivery-response.json"
    )
    failed = KinesisAnalyticsOutputDeliveryResponse(
        [KinesisAnalyticsOutputDeliveryResponseRecord(record_id="r", result="DeliveryFailed")]
    )
    assert failed.to_dict() == {"records": [{"recordId": "r", "result": "DeliveryFailed"}]}


# ---- Lex ----


def test_lex_response_matches_fixture() -> None:
    fixture = load("lex-response.json")
    action = fixture["dialogAction"]
    card = LexResponseCard(
        [
            LexAttachment(
                title="card-title",
                sub_title="card-sub-title",
                image_url="URL of the image to be shown",
                attachment_link_url="URL of the attachment to be associated with the card",
                buttons=[{"text": "button-text", "value": "value sent to server on button click"}],
            )
        ],
        version=3,
    )
    from lambda_runtime.events import LexDialogAction

    built = LexResponse(
        session_attributes=fixture["sessionAttributes"],
        dialog_action=LexDialogAction(
            type=action["type"],
            fulfillment_state=action["fulfillmentState"],
            message=action["message"],
            intent_name=action["intentName"],
            slots=action["slots"],
            slot_to_elicit=action["slotToElicit"],
            response_card=card,
        ),
    )
    assert built.to_dict() == fixture


def test_lex_shortcuts() -> None:
    assert LexResponse.close("Fulfilled", "Done").to_dict() == {
        "sessionAttributes": {},
        "dialogAction": {
            "type": "Close",
            "fulfillmentState": "Fulfilled",
            "message": {"contentType": "PlainText", "content": "Done"},
        },
    }
    elicit = LexResponse.elicit_slot(
        "Order", {"size": None}, "size", "Which size?", session_attributes={"k": "v"}
    )
    assert elicit.to_dict()["dialogAction"] == {
        "type": "ElicitSlot",
        "intentName": "Order",
        "slots": {"size": None},
        "slotToElicit": "size",
        "message": {"contentType": "PlainText", "content": "Which size?"},
    }
    assert elicit.session_attributes == {"k": "v"}
    assert LexResponse.delegate({"a": "1"}).to_dict()["dialogAction"] == {
        "type": "Delegate",
        "slots": {"a": "1"},
    }
    assert LexResponse.elicit_intent().to_dict()["dialogAction"] == {"type": "ElicitIntent"}
    confirm = LexResponse.confirm_intent("Order", {"a": "1"})
    assert confirm.to_dict()["dialogAction"]["type"] == "ConfirmIntent"


# ---- VPC Lattice ----


def test_vpc_lattice_response_bodies() -> None:
    assert VPCLatticeResponse(body="hi", headers={"Content-Type": "text/plain"}).to_dict() == {
        "statusCode": 200,
        "isBase64Encoded": False,
        "headers": {"Content-Type": "text/plain"},
        "body": "hi",
    }
    assert VPCLatticeResponse(
        status_code=201, body=b"\x00\x01", status_description="201 Created"
    ).to_dict() == {
        "statusCode": 201,
        "statusDescription": "201 Created",
        "isBase64Encoded": True,
        "body": "AAE=",
    }
    assert VPCLatticeResponse.json({"ok": True}, status_code=202).to_dict() == {
        "statusCode": 202,
        "isBase64Encoded": False,
        "headers": {"Content-Type": "application/json"},
        "body": '{"ok":true}',
    }


# ---- Bedrock agents ----

AGENT_API_EVENT: dict[str, Any] = {
    "messageVersion": "1.0",
    "agent": {"name": "TestAgent", "id": "AGENT1", "alias": "TSTALIASID", "version": "DRAFT"},
    "inputText": "What is the weather in Paris?",
    "sessionId": "123456789012345",
    "actionGroup": "WeatherGroup",
    "apiPath": "/weather/{city}",
    "httpMethod": "POST",
    "parameters": [{"name": "city", "type": "string", "value": "Paris"}],
    "requestBody": {
        "content": {"application/json": {"properties": [{"name": "units", "type": "string", "value": "C"}]}}
    },
    "sessionAttributes": {"user": "u1"},
    "promptSessionAttributes": {},
}


def test_bedrock_api_event_and_response() -> None:
    event = BedrockAgentEvent.from_dict(json.loads(json.dumps(AGENT_API_EVENT)))
    assert event.agent.alias == "TSTALIASID"
    assert event.parameter("city") == "Paris"
    assert event.parameter("absent") is None
    assert event.body_properties() == {"units": "C"}
    assert event.body_properties("text/plain") == {}
    assert event.function is None
    response = BedrockAgentResponse.for_api(event, body={"temperature": 21})
    assert response.to_dict() == {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "WeatherGroup",
            "apiPath": "/weather/{city}",
            "httpMethod": "POST",
            "httpStatusCode": 200,
            "responseBody": {"application/json": {"body": '{"temperature":21}'}},
        },
        "sessionAttributes": {"user": "u1"},
        "promptSessionAttributes": {},
    }
    assert response.response.http_status_code == 200


def test_bedrock_function_event_and_response() -> None:
    doc = {k: v for k, v in AGENT_API_EVENT.items() if k not in ("apiPath", "httpMethod", "requestBody")}
    doc["function"] = "get_weather"
    event = BedrockAgentEvent.from_dict(doc)
    assert event.api_path is None
    response = BedrockAgentResponse.for_function(
        event, text="21 C", response_state="REPROMPT", session_attributes={}
    )
    assert response.to_dict() == {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "WeatherGroup",
            "function": "get_weather",
            "functionResponse": {"responseState": "REPROMPT", "responseBody": {"TEXT": {"body": "21 C"}}},
        },
        "sessionAttributes": {},
        "promptSessionAttributes": {},
    }


# ---- CloudFormation custom resources ----

CFN_CREATE: dict[str, Any] = {
    "RequestType": "Create",
    "ServiceToken": "arn:aws:lambda:us-west-2:123456789012:function:provider",
    "ResponseURL": "http://pre-signed-S3-url-for-response",
    "StackId": "arn:aws:cloudformation:us-west-2:123456789012:stack/stack-name/guid",
    "RequestId": "unique id for this create request",
    "ResourceType": "Custom::TestResource",
    "LogicalResourceId": "MyTestResource",
    "ResourceProperties": {"Name": "Value", "List": ["1", "2", "3"]},
}


def test_cloudformation_request_and_response() -> None:
    request = CloudFormationCustomResourceRequest.from_dict(dict(CFN_CREATE))
    assert request.request_type == CloudFormationCustomResourceRequest.CREATE
    assert request.physical_resource_id is None
    assert request.resource_properties == {"Name": "Value", "List": ["1", "2", "3"]}
    response = CloudFormationCustomResourceResponse.for_request(request, data={"Arn": "arn:x"})
    assert response.to_dict() == {
        "Status": "SUCCESS",
        "PhysicalResourceId": "MyTestResource",
        "StackId": CFN_CREATE["StackId"],
        "RequestId": CFN_CREATE["RequestId"],
        "LogicalResourceId": "MyTestResource",
        "Data": {"Arn": "arn:x"},
    }
    update = CloudFormationCustomResourceRequest.from_dict(
        dict(CFN_CREATE, RequestType="Update", PhysicalResourceId="phys-1", OldResourceProperties={})
    )
    failed = CloudFormationCustomResourceResponse.for_request(update, status="FAILED")
    assert failed.physical_resource_id == "phys-1"
    assert failed.reason == "See the details in CloudWatch Log Stream"


def test_cloudformation_response_rejects_bad_status_and_oversize() -> None:
    with pytest.raises(ValueError, match="SUCCESS or FAILED"):
        CloudFormationCustomResourceResponse(
            status="OK", physical_resource_id="p", stack_id="s", request_id="r", logical_resource_id="l"
        )
    request = CloudFormationCustomResourceRequest.from_dict(dict(CFN_CREATE))
    big = CloudFormationCustomResourceResponse.for_request(request, data={"blob": "x" * 5000})
    with pytest.raises(ValueError, match="at most 4096"):
        big.body()


class _Recorder(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, str, dict[str, str], bytes]]
    status = 200

    def do_PUT(self) -> None:
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        type(self).received.append((self.command, self.path, dict(self.headers), body))
        self.send_response(type(self).status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def put_server() -> Iterator[tuple[str, type[_Recorder]]]:
    handler = type("Recorder", (_Recorder,), {"received": [], "status": 200})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_cloudformation_send_puts_the_body(put_server: tuple[str, type[_Recorder]]) -> None:
    base, handler = put_server
    request = CloudFormationCustomResourceRequest.from_dict(
        dict(CFN_CREATE, ResponseURL=f"{base}/bucket/key?X-Sig=abc")
    )
    response = CloudFormationCustomResourceResponse.for_request(request, physical_resource_id="res-1")
    assert response.send(request.response_url) == 200
    ((method, path, headers, body),) = handler.received
    assert (method, path) == ("PUT", "/bucket/key?X-Sig=abc")
    assert headers.get("Content-Type", "") == ""
    assert json.loads(body) == response.to_dict()


def test_cloudformation_send_reports_http_errors(put_server: tuple[str, type[_Recorder]]) -> None:
    base, handler = put_server
    handler.status = 403
    request = CloudFormationCustomResourceRequest.from_dict(dict(CFN_CREATE, ResponseURL=f"{base}/expired"))
    response = CloudFormationCustomResourceResponse.for_request(request)
    with pytest.raises(urllib.error.HTTPError) as info:
        response.send(request.response_url)
    assert info.value.code == 403
