"""Amazon SES email receiving: the Lambda action event (``SimpleEmailEvent``, also what the S3 and SNS
actions' notifications carry) and the disposition a synchronous Lambda action may return."""

from __future__ import annotations

from collections.abc import Iterator

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    ListOf,
    Obj,
    OptionalField,
    OptionalListOf,
)

__all__ = [
    "SimpleEmailCommonHeaders",
    "SimpleEmailDisposition",
    "SimpleEmailEvent",
    "SimpleEmailHeader",
    "SimpleEmailMessage",
    "SimpleEmailReceipt",
    "SimpleEmailReceiptAction",
    "SimpleEmailRecord",
    "SimpleEmailService",
    "SimpleEmailVerdict",
]


class SimpleEmailHeader(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    value = Field[str]("value")


class SimpleEmailCommonHeaders(EventObject):
    __slots__ = ()
    from_ = OptionalField[list[str]]("from")
    to = OptionalField[list[str]]("to")
    cc = OptionalField[list[str]]("cc")
    bcc = OptionalField[list[str]]("bcc")
    sender = OptionalField[list[str]]("sender")
    reply_to = OptionalField[list[str]]("replyTo")
    return_path = OptionalField[str]("returnPath")
    message_id = OptionalField[str]("messageId")
    date = OptionalField[str]("date")
    subject = OptionalField[str]("subject")


class SimpleEmailMessage(EventObject):
    __slots__ = ()
    common_headers = Obj("commonHeaders", SimpleEmailCommonHeaders)
    source = Field[str]("source")
    timestamp = Field[str]("timestamp")
    destination = Field[list[str]]("destination")
    headers = OptionalListOf("headers", SimpleEmailHeader)
    headers_truncated = OptionalField[bool]("headersTruncated")
    message_id = Field[str]("messageId")

    def header(self, name: str) -> str | None:
        """The first raw header with this name, compared case-insensitively (as email does)."""
        wanted = name.lower()
        for header in self.headers or ():
            if header.name.lower() == wanted:
                return header.value
        return None


class SimpleEmailVerdict(EventObject):
    __slots__ = ()
    status = Field[str]("status")  # PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED


class SimpleEmailReceiptAction(EventObject):
    __slots__ = ()
    type = Field[str]("type")  # Lambda, S3, SNS, Bounce, Stop, WorkMail, AddHeader
    topic_arn = OptionalField[str]("topicArn")
    bucket_name = OptionalField[str]("bucketName")
    object_key_prefix = OptionalField[str]("objectKeyPrefix")
    object_key = OptionalField[str]("objectKey")
    smtp_reply_code = OptionalField[str]("smtpReplyCode")
    status_code = OptionalField[str]("statusCode")
    message = OptionalField[str]("message")
    sender = OptionalField[str]("sender")
    invocation_type = OptionalField[str]("invocationType")
    function_arn = OptionalField[str]("functionArn")
    organization_arn = OptionalField[str]("organizationArn")
    encoding = OptionalField[str]("encoding")


class SimpleEmailReceipt(EventObject):
    __slots__ = ()
    recipients = Field[list[str]]("recipients")
    timestamp = Field[str]("timestamp")
    spam_verdict = Obj("spamVerdict", SimpleEmailVerdict)
    dkim_verdict = Obj("dkimVerdict", SimpleEmailVerdict)
    dmarc_verdict = Obj("dmarcVerdict", SimpleEmailVerdict)
    dmarc_policy = OptionalField[str]("dmarcPolicy")
    spf_verdict = Obj("spfVerdict", SimpleEmailVerdict)
    virus_verdict = Obj("virusVerdict", SimpleEmailVerdict)
    action = Obj("action", SimpleEmailReceiptAction)
    processing_time_millis = OptionalField[int]("processingTimeMillis")


class SimpleEmailService(EventObject):
    __slots__ = ()
    mail = Obj("mail", SimpleEmailMessage)
    receipt = Obj("receipt", SimpleEmailReceipt)


class SimpleEmailRecord(EventObject):
    __slots__ = ()
    event_version = Field[str]("eventVersion")
    event_source = Field[str]("eventSource")  # aws:ses
    ses = Obj("ses", SimpleEmailService)


class SimpleEmailEvent(EventObject):
    __slots__ = ()
    records = ListOf("Records", SimpleEmailRecord)

    def __iter__(self) -> Iterator[SimpleEmailRecord]:
        return iter(self.records)


class SimpleEmailDisposition(EventResponse):
    """What a RequestResponse Lambda action returns to steer the receipt rule set."""

    __slots__ = ()
    CONTINUE = "CONTINUE"
    STOP_RULE = "STOP_RULE"
    STOP_RULE_SET = "STOP_RULE_SET"
    disposition = Field[str]("disposition")

    def __init__(self, disposition: str = "CONTINUE") -> None:
        super().__init__({"disposition": disposition})
