"""Amazon SNS notifications delivered to Lambda (and the same message when SNS fans out to SQS)."""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import EventObject, Field, ListOf, Obj, OptionalField, OptionalMapOf
from lambda_runtime.events._decode import parse_json

__all__ = ["SNSEntity", "SNSEvent", "SNSEventRecord", "SNSMessageAttribute"]


class SNSMessageAttribute(EventObject):
    __slots__ = ()
    type = Field[str]("Type")  # String, Number, Binary, String.Array
    value = Field[str]("Value")


class SNSEntity(EventObject):
    """One SNS message. Also the body of an SQS message from an SNS subscription without raw delivery."""

    __slots__ = ()
    signature = OptionalField[str]("Signature")
    message_id = Field[str]("MessageId")
    type = Field[str]("Type")  # "Notification"
    topic_arn = Field[str]("TopicArn")
    message_attributes = OptionalMapOf("MessageAttributes", SNSMessageAttribute)
    signature_version = OptionalField[str]("SignatureVersion")
    timestamp = Field[str]("Timestamp")
    signing_cert_url = OptionalField[str]("SigningCertUrl")  # "SigningCertURL" when it came through SQS
    message = Field[str]("Message")
    unsubscribe_url = OptionalField[str]("UnsubscribeUrl")
    subject = OptionalField[str]("Subject")

    def json_message(self) -> Any:
        """``Message`` parsed as JSON."""
        return parse_json(self.message, "SNSEntity.Message")


class SNSEventRecord(EventObject):
    __slots__ = ()
    event_version = Field[str]("EventVersion")
    event_subscription_arn = Field[str]("EventSubscriptionArn")
    event_source = Field[str]("EventSource")
    sns = Obj("Sns", SNSEntity)


class SNSEvent(EventObject):
    __slots__ = ()
    records = ListOf("Records", SNSEventRecord)
