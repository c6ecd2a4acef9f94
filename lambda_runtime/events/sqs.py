"""Amazon SQS messages delivered to Lambda, the partial-batch response, and unwrapping helpers.

Rule: unwrapping (SNS-in-SQS, S3-in-SQS, EventBridge-in-SQS) parses the body on request and raises
``EventDecodeError`` naming the message when the body is not what was asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lambda_runtime.events._base import EventDecodeError, EventObject, Field, ListOf, MapOf, OptionalField
from lambda_runtime.events._batch_response import BatchItemFailure, BatchItemFailuresResponse
from lambda_runtime.events._decode import decode_base64, parse_json

if TYPE_CHECKING:
    from lambda_runtime.events.cloudwatch import CloudWatchEvent
    from lambda_runtime.events.s3 import S3Event
    from lambda_runtime.events.sns import SNSEntity

__all__ = [
    "SQSBatchItemFailure",
    "SQSEvent",
    "SQSEventResponse",
    "SQSMessage",
    "SQSMessageAttribute",
]


class SQSMessageAttribute(EventObject):
    __slots__ = ()
    string_value = OptionalField[str]("stringValue")
    binary_value = OptionalField[str]("binaryValue")  # base64
    string_list_values = OptionalField[list[str]]("stringListValues")
    binary_list_values = OptionalField[list[str]]("binaryListValues")
    data_type = Field[str]("dataType")  # String, Number, Binary, with optional ".custom" suffix

    def binary_bytes(self) -> bytes | None:
        """``binaryValue`` decoded."""
        value = self.binary_value
        return None if value is None else decode_base64(value, "SQSMessageAttribute.binaryValue")


class SQSMessage(EventObject):
    __slots__ = ()
    message_id = Field[str]("messageId")
    receipt_handle = Field[str]("receiptHandle")
    body = Field[str]("body")
    md5_of_body = OptionalField[str]("md5OfBody")
    md5_of_message_attributes = OptionalField[str]("md5OfMessageAttributes")
    # ApproximateReceiveCount, SentTimestamp, SenderId, MessageGroupId, SequenceNumber, ...
    attributes = Field[dict[str, str]]("attributes")
    message_attributes = MapOf("messageAttributes", SQSMessageAttribute)
    event_source_arn = Field[str]("eventSourceARN")
    event_source = Field[str]("eventSource")
    aws_region = Field[str]("awsRegion")

    @property
    def message_group_id(self) -> str | None:
        """The FIFO message group (``attributes.MessageGroupId``), None on a standard queue."""
        return self.attributes.get("MessageGroupId")

    def json_body(self) -> Any:
        """``body`` parsed as JSON."""
        return parse_json(self.body, self._where())

    def sns_notification(self) -> SNSEntity:
        """The SNS message in the body (an SNS subscription without raw message delivery)."""
        from lambda_runtime.events.sns import SNSEntity

        doc = self._json_object("an SNS notification")
        if "TopicArn" not in doc or "Message" not in doc:
            raise EventDecodeError(f"{self._where()} is not an SNS notification")
        return SNSEntity.from_dict(doc)

    def s3_event(self) -> S3Event:
        """The S3 notification in the body (S3 -> SQS, or S3 -> SNS -> SQS)."""
        from lambda_runtime.events.s3 import S3Event

        doc = self._json_object("an S3 event")
        if "TopicArn" in doc and isinstance(doc.get("Message"), str):
            doc = parse_json(doc["Message"], f"SQSMessage {self._doc.get('messageId')!r} SNS Message")
        if not isinstance(doc, dict) or not isinstance(doc.get("Records"), list):
            raise EventDecodeError(f"{self._where()} is not an S3 event")
        return S3Event.from_dict(doc)

    def eventbridge_event(self) -> CloudWatchEvent:
        """The EventBridge event in the body (an EventBridge rule targeting the queue)."""
        from lambda_runtime.events.cloudwatch import CloudWatchEvent

        doc = self._json_object("an EventBridge event")
        if "detail-type" not in doc:
            raise EventDecodeError(f"{self._where()} is not an EventBridge event")
        return CloudWatchEvent.from_dict(doc)

    def _where(self) -> str:
        return f"SQSMessage {self._doc.get('messageId')!r} body"

    def _json_object(self, what: str) -> dict[str, Any]:
        doc = self.json_body()
        if not isinstance(doc, dict):
            raise EventDecodeError(f"{self._where()} is not {what}")
        return doc


class SQSEvent(EventObject):
    __slots__ = ()
    records = ListOf("Records", SQSMessage)


class SQSBatchItemFailure(BatchItemFailure):
    """One message to retry, by ``messageId``."""

    __slots__ = ()


class SQSEventResponse(BatchItemFailuresResponse):
    """The partial batch response (``ReportBatchItemFailures``): the messages to retry."""

    __slots__ = ()
