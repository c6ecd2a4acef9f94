"""Fixture events of the HTTP, storage, queue and stream families (API Gateway, ALB, function URLs, S3,
SNS, SQS, Kinesis, DynamoDB, CloudWatch Logs): file name -> the class it decodes into."""

from __future__ import annotations

from lambda_runtime.events._base import EventObject
from lambda_runtime.events.alb import ALBTargetGroupRequest, ALBTargetGroupResponse
from lambda_runtime.events.api_gateway import (
    APIGatewayProxyRequest,
    APIGatewayProxyResponse,
    APIGatewayV2HTTPRequest,
    APIGatewayWebsocketProxyRequest,
)
from lambda_runtime.events.authorizers import (
    APIGatewayCustomAuthorizerRequest,
    APIGatewayCustomAuthorizerRequestTypeRequest,
    APIGatewayCustomAuthorizerResponse,
    APIGatewayV2CustomAuthorizerV1Request,
    APIGatewayV2CustomAuthorizerV2Request,
)
from lambda_runtime.events.cloudwatch import CloudWatchLogsEvent
from lambda_runtime.events.dynamodb import DynamoDBEvent, DynamoDBTimeWindowEvent
from lambda_runtime.events.function_url import LambdaFunctionURLRequest, LambdaFunctionURLResponse
from lambda_runtime.events.kinesis import (
    KinesisEvent,
    KinesisFirehoseEvent,
    KinesisFirehoseResponse,
    KinesisTimeWindowEvent,
)
from lambda_runtime.events.s3 import S3BatchJobEvent, S3BatchJobResponse, S3Event, S3ObjectLambdaEvent
from lambda_runtime.events.sns import SNSEvent
from lambda_runtime.events.sqs import SQSEvent

__all__ = ["FIXTURES", "MALFORMED"]

# The one deliberately invalid JSON file in the corpus.
MALFORMED = "dynamodb-event-malformed.2.json"

FIXTURES: dict[str, type[EventObject]] = {
    "alb-lambda-target-request-headers-only.json": ALBTargetGroupRequest,
    "alb-lambda-target-request-multivalue-headers.json": ALBTargetGroupRequest,
    "alb-lambda-target-response.json": ALBTargetGroupResponse,
    "apigw-custom-auth-request-type-request.json": APIGatewayCustomAuthorizerRequestTypeRequest,
    "apigw-custom-auth-request.json": APIGatewayCustomAuthorizerRequest,
    "apigw-custom-auth-response.json": APIGatewayCustomAuthorizerResponse,
    "apigw-request.json": APIGatewayProxyRequest,
    "apigw-response.json": APIGatewayProxyResponse,
    "apigw-restapi-openapi-request.json": APIGatewayProxyRequest,
    "apigw-v2-custom-authorizer-v1-request.json": APIGatewayV2CustomAuthorizerV1Request,
    "apigw-v2-custom-authorizer-v2-request.json": APIGatewayV2CustomAuthorizerV2Request,
    "apigw-v2-request-iam.json": APIGatewayV2HTTPRequest,
    "apigw-v2-request-jwt-authorizer.json": APIGatewayV2HTTPRequest,
    "apigw-v2-request-lambda-authorizer.json": APIGatewayV2HTTPRequest,
    "apigw-v2-request-no-authorizer.json": APIGatewayV2HTTPRequest,
    "apigw-websocket-request-disconnect.json": APIGatewayWebsocketProxyRequest,
    "apigw-websocket-request-send-message.json": APIGatewayWebsocketProxyRequest,
    "apigw-websocket-request.json": APIGatewayWebsocketProxyRequest,
    "cloudwatch-logs-event.json": CloudWatchLogsEvent,
    "dynamodb-event.json": DynamoDBEvent,
    "dynamodb-time-window-event.json": DynamoDBTimeWindowEvent,
    "kinesis-event.json": KinesisEvent,
    "kinesis-firehose-event.json": KinesisFirehoseEvent,
    "kinesis-firehose-response.json": KinesisFirehoseResponse,
    "kinesis-time-window-event.json": KinesisTimeWindowEvent,
    "lambda-urls-request.json": LambdaFunctionURLRequest,
    "lambda-urls-response.json": LambdaFunctionURLResponse,
    "s3-batch-job-event-request-1.0.json": S3BatchJobEvent,
    "s3-batch-job-event-request-2.0.json": S3BatchJobEvent,
    "s3-batch-job-event-response.json": S3BatchJobResponse,
    "s3-event-with-decoded.json": S3Event,
    "s3-event.json": S3Event,
    "s3-glacier-event.json": S3Event,
    "s3-intelligenttier-event.json": S3Event,
    "s3-lifecycle-event.json": S3Event,
    "s3-object-lambda-event-get-object-assumed-role.json": S3ObjectLambdaEvent,
    "s3-object-lambda-event-get-object-iam.json": S3ObjectLambdaEvent,
    "s3-object-lambda-event-head-object-iam.json": S3ObjectLambdaEvent,
    "s3-object-lambda-event-list-objects-iam.json": S3ObjectLambdaEvent,
    "s3-object-lambda-event-list-objects-v2-iam.json": S3ObjectLambdaEvent,
    "s3-replication-event.json": S3Event,
    "s3-restore-event.json": S3Event,
    "sns-event.json": SNSEvent,
    "sqs-event.json": SQSEvent,
}
