"""Spot checks of typed fields and helpers per family, on the fixture events and small documents."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

import pytest

from lambda_runtime.events import EventDecodeError, MissingFieldError
from lambda_runtime.events.alb import ALBTargetGroupRequest, ALBTargetGroupResponse
from lambda_runtime.events.api_gateway import (
    APIGatewayProxyRequest,
    APIGatewayProxyResponse,
    APIGatewayV2HTTPRequest,
    APIGatewayV2HTTPResponse,
    APIGatewayWebsocketProxyRequest,
)
from lambda_runtime.events.authorizers import (
    APIGatewayCustomAuthorizerRequest,
    APIGatewayCustomAuthorizerResponse,
    APIGatewayV2CustomAuthorizerSimpleResponse,
    APIGatewayV2CustomAuthorizerV2Request,
)
from lambda_runtime.events.cloudwatch import CloudWatchLogsData, CloudWatchLogsEvent
from lambda_runtime.events.dynamodb import (
    DynamoDBEvent,
    from_attribute_value,
    from_item,
    to_attribute_value,
    to_item,
)
from lambda_runtime.events.function_url import LambdaFunctionURLRequest, LambdaFunctionURLResponse
from lambda_runtime.events.kinesis import (
    KinesisEvent,
    KinesisFirehoseEvent,
    KinesisFirehoseResponse,
    KinesisFirehoseResponseRecord,
)
from lambda_runtime.events.s3 import S3BatchJobEvent, S3Event, S3ObjectLambdaEvent
from lambda_runtime.events.sns import SNSEvent
from lambda_runtime.events.sqs import SQSEvent, SQSEventResponse
from tests.support.paths import FIXTURE_EVENTS


def load(name: str) -> Any:
    return json.loads((FIXTURE_EVENTS / name).read_text(encoding="utf-8"))


def test_api_gateway_v1_request() -> None:
    event = APIGatewayProxyRequest.from_dict(load("apigw-request.json"))
    assert event.http_method == "POST"
    assert event.path == "/hello/world"
    assert event.headers["user-agent"] == event.headers["User-Agent"]  # v1 keeps the client's casing
    assert event.multi_value_headers["accept-encoding"] == ["gzip, deflate"]
    assert event.query_string_parameters == {"name": "me"}
    assert event.request_context.identity.source_ip == "192.168.196.186"
    assert event.request_context.stage == "testStage"
    assert event.header("HOST") == "gy415nuibc.execute-api.us-east-1.amazonaws.com"


def test_header_views_follow_the_document_and_refuse_unknown_names() -> None:
    event = APIGatewayProxyRequest.from_dict({"headers": {"X-Mixed-CASE": "1", "Content-Type": "text/plain"}})
    assert event.headers["content-type"] == "text/plain"  # lower case misses; Title-Case finds it
    assert event.headers["x-mixed-case"] == "1"  # neither does: the view's index finds it
    assert event.headers.get("x-absent") is None
    with pytest.raises(KeyError):
        event.headers["X-Absent"]
    event.headers = {"Accept": "*/*"}
    assert dict(event.headers) == {"Accept": "*/*"}  # each read is a view of the current document
    assert event.to_dict()["headers"] == {"Accept": "*/*"}
    del event.headers
    assert len(event.headers) == 0
    assert "headers" not in event.to_dict()


def test_header_name_cache_stays_bounded() -> None:
    from lambda_runtime.events import _http

    event = APIGatewayV2HTTPRequest.from_dict({"headers": {"x-n": "v"}})
    for index in range(_http._FOLDED_MAX + 50):
        assert event.headers.get(f"X-Unknown-{index}") is None
    assert len(_http._FOLDED) <= _http._FOLDED_MAX
    assert event.headers["X-N"] == "v"


def test_api_gateway_v2_request_and_authorizers() -> None:
    jwt = APIGatewayV2HTTPRequest.from_dict(load("apigw-v2-request-jwt-authorizer.json"))
    assert jwt.request_context.http.method == "GET"
    assert jwt.cookies == ["cookie1", "cookie2"]
    assert jwt.cookie_map() == {"cookie1": "", "cookie2": ""}
    authorizer = jwt.request_context.authorizer
    assert authorizer is not None
    assert authorizer.jwt is not None
    assert authorizer.jwt.scopes == ["scope1", "scope2"]
    assert authorizer.iam is None
    iam = APIGatewayV2HTTPRequest.from_dict(load("apigw-v2-request-iam.json")).request_context.authorizer
    assert iam is not None
    assert iam.iam is not None
    assert iam.iam.access_key == "ARIA2ZJZYVUEREEIHAKY"
    lam = APIGatewayV2HTTPRequest.from_dict(load("apigw-v2-request-lambda-authorizer.json"))
    assert lam.request_context.authorizer is not None
    assert lam.request_context.authorizer.lambda_ == {"key": "value"}
    none = APIGatewayV2HTTPRequest.from_dict(load("apigw-v2-request-no-authorizer.json"))
    assert none.request_context.authorizer is None
    assert none.headers["X-Forwarded-Proto"] == "https"
    assert none.body is None
    assert none.body_bytes() == b""


def test_http_bodies_decode_base64_text_and_json() -> None:
    doc = {"body": base64.b64encode(b'{"a": [1, "\xc3\xa9"]}').decode(), "isBase64Encoded": True}
    event = LambdaFunctionURLRequest.from_dict(doc)
    assert event.body_bytes() == b'{"a": [1, "\xc3\xa9"]}'
    assert event.body_text() == '{"a": [1, "é"]}'
    assert event.json_body() == {"a": [1, "é"]}
    bad = LambdaFunctionURLRequest.from_dict({"body": "%%%", "isBase64Encoded": True})
    with pytest.raises(EventDecodeError, match=r"LambdaFunctionURLRequest\.body is not valid base64"):
        bad.body_bytes()
    not_json = LambdaFunctionURLRequest.from_dict({"body": "{nope", "isBase64Encoded": False})
    with pytest.raises(EventDecodeError, match="body is not valid JSON"):
        not_json.json_body()


def test_cookies_from_v1_cookie_header() -> None:
    event = APIGatewayProxyRequest.from_dict({"headers": {"cookie": "a=1; b=two=2"}})
    assert event.cookie_map() == {"a": "1", "b": "two=2"}


def test_websocket_request() -> None:
    event = APIGatewayWebsocketProxyRequest.from_dict(load("apigw-websocket-request-send-message.json"))
    assert event.request_context.event_type == "MESSAGE"
    assert event.request_context.connection_id == "R1kmxc2VNjMCFIA="


def test_http_responses_encode_what_aws_expects() -> None:
    assert APIGatewayV2HTTPResponse(200, "hi").to_dict() == {
        "statusCode": 200,
        "body": "hi",
        "isBase64Encoded": False,
    }
    assert APIGatewayV2HTTPResponse(204).to_dict() == {"statusCode": 204}
    binary = APIGatewayProxyResponse(200, b"\x00\x01", headers={"Content-Type": "image/png"})
    assert binary.to_dict() == {
        "statusCode": 200,
        "headers": {"Content-Type": "image/png"},
        "body": "AAE=",
        "isBase64Encoded": True,
    }
    assert APIGatewayV2HTTPResponse.json({"ok": True}, 201, headers={"x-id": "7"}).to_dict() == {
        "statusCode": 201,
        "headers": {"content-type": "application/json", "x-id": "7"},
        "body": '{"ok":true}',
        "isBase64Encoded": False,
    }
    url = LambdaFunctionURLResponse(302, headers={"location": "/x"}, cookies=["a=1"])
    assert url.to_dict() == {"statusCode": 302, "headers": {"location": "/x"}, "cookies": ["a=1"]}
    resp = APIGatewayV2HTTPResponse(200)
    resp.status_code = 404
    resp.body = "missing"
    assert resp.to_dict() == {"statusCode": 404, "body": "missing"}


def test_alb_request_and_response() -> None:
    event = ALBTargetGroupRequest.from_dict(load("alb-lambda-target-request-multivalue-headers.json"))
    assert event.uses_multi_value_headers
    assert event.request_context.elb.target_group_arn.startswith("arn:aws:elasticloadbalancing:")
    assert ALBTargetGroupResponse(404, "nope").to_dict() == {
        "statusCode": 404,
        "statusDescription": "404 Not Found",
        "body": "nope",
        "isBase64Encoded": False,
    }
    fixture = load("alb-lambda-target-response.json")
    assert ALBTargetGroupResponse.from_dict(fixture).status_description == "200 OK"


def test_authorizers() -> None:
    request = APIGatewayCustomAuthorizerRequest.from_dict(load("apigw-custom-auth-request.json"))
    assert request.authorization_token == "allow"
    allow = APIGatewayCustomAuthorizerResponse.allow("user-1", request.method_arn, context={"tier": "gold"})
    assert allow.to_dict() == {
        "principalId": "user-1",
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": request.method_arn}
            ],
        },
        "context": {"tier": "gold"},
    }
    fixture = APIGatewayCustomAuthorizerResponse.from_dict(load("apigw-custom-auth-response.json"))
    assert fixture.policy_document.statement[0].action == ["execute-api:Invoke"]
    assert APIGatewayV2CustomAuthorizerSimpleResponse(True).to_dict() == {"isAuthorized": True}
    v2 = APIGatewayV2CustomAuthorizerV2Request.from_dict(load("apigw-v2-custom-authorizer-v2-request.json"))
    assert v2.identity_source == ["user1", "123"]


def test_sqs_sns_and_unwrapping() -> None:
    event = SQSEvent.from_dict(load("sqs-event.json"))
    message = event.records[0]
    assert message.message_id == "MessageID_1"
    assert message.attributes["ApproximateReceiveCount"] == "2"
    assert message.message_attributes["Attribute3"].binary_bytes() == b"1100"
    assert message.message_group_id is None
    sns = SNSEvent.from_dict(load("sns-event.json")).records[0].sns
    assert sns.topic_arn.startswith("arn:aws:sns:")
    assert sns.message_attributes is not None
    assert sns.message_attributes["Test"].value == "TestString"
    wrapped = dict(message.to_dict(), body=json.dumps(sns.to_dict()))
    assert SQSEvent.from_dict({"Records": [wrapped]}).records[0].sns_notification().message == sns.message
    s3_doc = load("s3-event.json")
    via_sns = json.dumps({"Type": "Notification", "TopicArn": "arn:aws:sns:x", "Message": json.dumps(s3_doc)})
    for body in (json.dumps(s3_doc), via_sns):
        record = SQSEvent.from_dict({"Records": [dict(message.to_dict(), body=body)]}).records[0]
        assert record.s3_event().records[0].s3.bucket.name == "sourcebucket"
    with pytest.raises(EventDecodeError, match="SQSMessage 'MessageID_1' body is not valid JSON"):
        message.sns_notification()
    plain = SQSEvent.from_dict({"Records": [dict(message.to_dict(), body="[1]")]}).records[0]
    with pytest.raises(EventDecodeError, match="body is not an S3 event"):
        plain.s3_event()
    assert SQSEventResponse(["a"]).to_dict() == {"batchItemFailures": [{"itemIdentifier": "a"}]}


def test_s3_families() -> None:
    record = S3Event.from_dict(load("s3-event.json")).records[0]
    assert record.event_name == "ObjectCreated:Put"
    assert record.s3.object.key == "Happy%20Face.jpg"
    assert record.s3.object.url_decoded_key == "Happy Face.jpg"
    assert record.s3.object.size == 1024
    plus = S3Event.from_dict({"Records": [{"s3": {"object": {"key": "a+b%2Fc.txt"}}}]})
    assert plus.records[0].s3.object.url_decoded_key == "a b/c.txt"
    batch = S3BatchJobEvent.from_dict(load("s3-batch-job-event-request-2.0.json"))
    assert batch.job.user_arguments == {"k1": "v1", "k2": "v2"}
    assert batch.tasks[0].s3_bucket is not None
    head = S3ObjectLambdaEvent.from_dict(load("s3-object-lambda-event-head-object-iam.json"))
    assert head.get_object_context is None
    context = head.object_context()
    assert context is not None
    assert context.input_s3_url.startswith("https://")


def test_dynamodb_stream_and_attribute_values() -> None:
    record = DynamoDBEvent.from_dict(load("dynamodb-event.json")).records[0]
    assert record.event_name == "INSERT"
    assert record.dynamodb.stream_view_type == "NEW_AND_OLD_IMAGES"
    image = record.dynamodb.new_image_dict()
    assert image is not None
    assert image["asdf1"] == base64.b64decode("AAEqQQ==")
    assert from_attribute_value({"N": "1.50"}) == Decimal("1.50")
    assert from_attribute_value({"N": "10"}) == 10
    assert isinstance(from_attribute_value({"N": "10"}), int)
    assert from_attribute_value({"N": "10"}, numbers="decimal") == Decimal(10)
    item = {
        "s": "x",
        "n": 3,
        "d": Decimal("2.5"),
        "b": b"\x00",
        "ok": True,
        "none": None,
        "ss": {"a", "b"},
        "ns": {1, 2},
        "bs": {b"\x01"},
        "l": [1, "two", {"m": [None]}],
        "m": {"nested": {"deep": 1}},
    }
    assert from_item(to_item(item)) == item
    assert to_attribute_value({1, 2}) == {"NS": ["1", "2"]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"X": "1"}, r"\$: unknown AttributeValue type 'X'"),
        ({"N": "abc"}, r"\$: 'abc' is not a DynamoDB number"),
        ({"S": "a", "N": "1"}, "an AttributeValue is an object with one type key"),
        ({"B": "***"}, r"\$\.B is not valid base64"),
        ({"M": {"inner": {"N": "NaN"}}}, r"\$\.inner: 'NaN' is not a DynamoDB number"),
    ],
)
def test_bad_attribute_values_are_clear_errors(value: dict[str, Any], message: str) -> None:
    with pytest.raises(EventDecodeError, match=message):
        from_attribute_value(value)


@pytest.mark.parametrize("value", [set(), {1, "a"}, float("nan"), object()])
def test_values_dynamodb_cannot_hold_are_refused(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        to_attribute_value(value)


def test_kinesis_and_firehose() -> None:
    record = KinesisEvent.from_dict(load("kinesis-event.json")).records[0]
    assert record.kinesis.data_bytes() == b"Hello World"
    assert record.kinesis.partition_key == "s1"
    firehose = KinesisFirehoseEvent.from_dict(load("kinesis-firehose-event.json"))
    assert firehose.records[0].data_bytes() == b"Hello World"
    record_id = firehose.records[0].record_id
    out = KinesisFirehoseResponse(
        [KinesisFirehoseResponseRecord(record_id, "Ok", b"HELLO", partition_keys={"y": "1"})]
    )
    assert out.to_dict()["records"][0] == {
        "recordId": record_id,
        "result": "Ok",
        "data": "SEVMTE8=",
        "metadata": {"partitionKeys": {"y": "1"}},
    }


def test_cloudwatch_logs_payload_decodes_on_request() -> None:
    event = CloudWatchLogsEvent.from_dict(load("cloudwatch-logs-event.json"))
    data = event.parse()
    assert data.log_group == "testLogGroup"
    assert data.log_events[0].message == "[ERROR] First test message"
    again = CloudWatchLogsEvent.encode(data).parse()
    assert again == CloudWatchLogsData.from_dict(data.to_dict())
    with pytest.raises(EventDecodeError, match=r"awslogs\.data is not gzip data"):
        CloudWatchLogsEvent.from_dict({"awslogs": {"data": base64.b64encode(b"plain").decode()}}).parse()
    with pytest.raises(MissingFieldError, match="CloudWatchLogsEvent: required field 'awslogs' is missing"):
        CloudWatchLogsEvent.from_dict({}).parse()


def test_format_2_requests_read_the_method_as_format_1_spells_it() -> None:
    v2 = APIGatewayV2HTTPRequest.from_dict(load("apigw-v2-request-no-authorizer.json"))
    url = LambdaFunctionURLRequest.from_dict(load("lambda-urls-request.json"))
    authorizer = APIGatewayV2CustomAuthorizerV2Request.from_dict(
        load("apigw-v2-custom-authorizer-v2-request.json")
    )
    assert (v2.http_method, url.http_method, authorizer.http_method) == (
        v2.request_context.http.method,
        url.request_context.http.method,
        authorizer.request_context.http.method,
    )
    assert v2.http_method == "GET"
