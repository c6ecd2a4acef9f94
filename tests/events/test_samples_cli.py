"""``lambda-runtime events generate``: every part-A sample decodes into its class, reads fully and
round-trips; the command prints it; an unknown family is a clear error."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from lambda_runtime.cli import main
from lambda_runtime.events._base import EventObject
from lambda_runtime.events.alb import ALBTargetGroupRequest
from lambda_runtime.events.api_gateway import (
    APIGatewayProxyRequest,
    APIGatewayV2HTTPRequest,
    APIGatewayWebsocketProxyRequest,
)
from lambda_runtime.events.authorizers import (
    APIGatewayCustomAuthorizerRequest,
    APIGatewayCustomAuthorizerRequestTypeRequest,
    APIGatewayV2CustomAuthorizerV2Request,
)
from lambda_runtime.events.cli import list_families, read_sample
from lambda_runtime.events.cloudwatch import CloudWatchEvent, CloudWatchLogsEvent
from lambda_runtime.events.dynamodb import DynamoDBEvent
from lambda_runtime.events.function_url import LambdaFunctionURLRequest
from lambda_runtime.events.kinesis import KinesisEvent, KinesisFirehoseEvent
from lambda_runtime.events.s3 import S3BatchJobEvent, S3Event, S3EventBridgeEvent, S3ObjectLambdaEvent
from lambda_runtime.events.sns import SNSEvent
from lambda_runtime.events.sqs import SQSEvent
from tests.events._walk import read_every_field

SAMPLES_A: dict[str, type[EventObject]] = {
    "alb": ALBTargetGroupRequest,
    "apigateway-authorizer-http": APIGatewayV2CustomAuthorizerV2Request,
    "apigateway-authorizer-request": APIGatewayCustomAuthorizerRequestTypeRequest,
    "apigateway-authorizer-token": APIGatewayCustomAuthorizerRequest,
    "apigateway-http": APIGatewayV2HTTPRequest,
    "apigateway-rest": APIGatewayProxyRequest,
    "apigateway-websocket": APIGatewayWebsocketProxyRequest,
    "cloudwatch-logs": CloudWatchLogsEvent,
    "dynamodb": DynamoDBEvent,
    "eventbridge": CloudWatchEvent,
    "function-url": LambdaFunctionURLRequest,
    "kinesis": KinesisEvent,
    "kinesis-firehose": KinesisFirehoseEvent,
    "s3": S3Event,
    "s3-batch": S3BatchJobEvent,
    "s3-eventbridge": S3EventBridgeEvent,
    "s3-object-lambda": S3ObjectLambdaEvent,
    "scheduled": CloudWatchEvent,
    "sns": SNSEvent,
    "sqs": SQSEvent,
    "sqs-fifo": SQSEvent,
}


@pytest.mark.parametrize(("family", "cls"), sorted(SAMPLES_A.items()), ids=sorted(SAMPLES_A))
def test_sample_decodes_and_round_trips(family: str, cls: type[EventObject]) -> None:
    doc = json.loads(read_sample(family))
    pristine = copy.deepcopy(doc)
    event = cls.from_dict(doc)
    assert read_every_field(event) > 0
    assert event.to_dict() == pristine


def test_every_http_and_stream_sample_is_listed() -> None:
    assert set(SAMPLES_A) <= set(list_families())


def test_samples_decode_their_nested_payloads() -> None:
    logs = CloudWatchLogsEvent.from_dict(json.loads(read_sample("cloudwatch-logs"))).parse()
    assert logs.log_group == "/aws/lambda/orders"
    assert "payment declined" in logs.log_events[0].message
    url = LambdaFunctionURLRequest.from_dict(json.loads(read_sample("function-url")))
    assert url.json_body()["orderId"] == "A-1001"


def test_generate_prints_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "generate", "sqs"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert SQSEvent.from_dict(printed).records[0].json_body()["orderId"] == "A-1001"


def test_generate_unknown_family_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "generate", "carrier-pigeon"]) == 2
    err = capsys.readouterr().err
    assert "unknown event family 'carrier-pigeon'; known families: " in err
    assert "apigateway-http" in err


def test_list_names_the_families(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "list"]) == 0
    assert "sqs-fifo" in capsys.readouterr().out.split()


def test_console_command_runs_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lambda_runtime.cli", "events", "generate", "apigateway-http"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert APIGatewayV2HTTPRequest.from_json(done.stdout).raw_path == "/orders/A-1001"
