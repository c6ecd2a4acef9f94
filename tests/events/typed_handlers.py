"""Typed example handlers, one per major family. ``mypy --strict`` checks this file with the rest of the
tests; test_typed_handlers.py runs each through the runtime's decode/encode step."""

from __future__ import annotations

from lambda_runtime.events import (
    ALBTargetGroupRequest,
    ALBTargetGroupResponse,
    APIGatewayCustomAuthorizerRequest,
    APIGatewayCustomAuthorizerResponse,
    APIGatewayProxyRequest,
    APIGatewayProxyResponse,
    APIGatewayV2CustomAuthorizerSimpleResponse,
    APIGatewayV2CustomAuthorizerV2Request,
    APIGatewayV2HTTPRequest,
    APIGatewayV2HTTPResponse,
    CloudWatchEvent,
    CloudWatchLogsEvent,
    DynamoDBEvent,
    DynamoDBEventResponse,
    KinesisEvent,
    KinesisEventResponse,
    KinesisFirehoseEvent,
    KinesisFirehoseResponse,
    KinesisFirehoseResponseRecord,
    LambdaFunctionURLRequest,
    LambdaFunctionURLResponse,
    S3Event,
    SNSEvent,
    SQSEvent,
    SQSEventResponse,
)
from lambda_runtime.events.batch import process_batch
from lambda_runtime.events.sqs import SQSMessage
from lambda_runtime.runtime.context import Context
from lambda_runtime.runtime.handlers.base import LambdaBufferedHandler

__all__ = [
    "OrdersQueueHandler",
    "alb_handler",
    "authorizer",
    "dynamodb_handler",
    "eventbridge_handler",
    "firehose_transform",
    "function_url_handler",
    "http_api_handler",
    "http_api_simple_authorizer",
    "kinesis_handler",
    "logs_handler",
    "rest_api_handler",
    "s3_handler",
    "sns_handler",
]


def http_api_handler(event: APIGatewayV2HTTPRequest, context: Context) -> APIGatewayV2HTTPResponse:
    method: str = event.http_method
    assert method == event.request_context.http.method
    agent: str | None = event.headers.get("User-Agent")
    query: dict[str, str] | None = event.query_string_parameters
    return APIGatewayV2HTTPResponse.json(
        {"method": method, "path": event.raw_path, "agent": agent, "q": query}
    )


def rest_api_handler(event: APIGatewayProxyRequest, context: Context) -> APIGatewayProxyResponse:
    source_ip: str | None = event.request_context.identity.source_ip
    return APIGatewayProxyResponse(200, f"{event.http_method} {event.path} from {source_ip}")


def function_url_handler(event: LambdaFunctionURLRequest, context: Context) -> LambdaFunctionURLResponse:
    return LambdaFunctionURLResponse(
        201, event.body_bytes(), headers={"content-type": "application/octet-stream"}
    )


def alb_handler(event: ALBTargetGroupRequest, context: Context) -> ALBTargetGroupResponse:
    return ALBTargetGroupResponse(200, event.path, headers={"Content-Type": "text/plain"})


def authorizer(
    event: APIGatewayCustomAuthorizerRequest, context: Context
) -> APIGatewayCustomAuthorizerResponse:
    if event.authorization_token == "allow":
        return APIGatewayCustomAuthorizerResponse.allow("user", event.method_arn)
    return APIGatewayCustomAuthorizerResponse.deny("user", event.method_arn)


def http_api_simple_authorizer(
    event: APIGatewayV2CustomAuthorizerV2Request, context: Context
) -> APIGatewayV2CustomAuthorizerSimpleResponse:
    sources: list[str] = event.identity_source or []
    return APIGatewayV2CustomAuthorizerSimpleResponse(bool(sources), context={"sources": len(sources)})


class OrdersQueueHandler(LambdaBufferedHandler[SQSEvent, SQSEventResponse]):
    def handle_request(self, event: SQSEvent, context: Context) -> SQSEventResponse:
        return process_batch(event, self.handle_message)

    def handle_message(self, message: SQSMessage) -> None:
        body: str = message.body
        if body == "poison":
            raise ValueError("poison message")


def sns_handler(event: SNSEvent, context: Context) -> list[str]:
    return [record.sns.message for record in event.records]


def s3_handler(event: S3Event, context: Context) -> list[str]:
    return [f"{r.s3.bucket.name}/{r.s3.object.url_decoded_key}" for r in event.records]


def dynamodb_handler(event: DynamoDBEvent, context: Context) -> DynamoDBEventResponse:
    def apply(record: object) -> None:
        return None

    return process_batch(event, apply)


def kinesis_handler(event: KinesisEvent, context: Context) -> KinesisEventResponse:
    return process_batch(event, lambda record: record.kinesis.data_bytes())


def firehose_transform(event: KinesisFirehoseEvent, context: Context) -> KinesisFirehoseResponse:
    return KinesisFirehoseResponse(
        KinesisFirehoseResponseRecord(r.record_id, "Ok", r.data_bytes().upper()) for r in event.records
    )


def eventbridge_handler(event: CloudWatchEvent, context: Context) -> str:
    return f"{event.source}: {event.detail_type}"


def logs_handler(event: CloudWatchLogsEvent, context: Context) -> list[str]:
    return [log.message for log in event.parse().log_events]
