"""EventBridge (CloudWatch Events) events, scheduled events, and CloudWatch Logs subscriptions.

Rule: ``CloudWatchLogsEvent`` keeps ``awslogs.data`` as sent (base64 of gzip); ``parse()`` decodes it
on request into ``CloudWatchLogsData``.
"""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import EventObject, Field, ListOf, Obj, OptionalField

__all__ = [
    "CloudWatchEvent",
    "CloudWatchLogsData",
    "CloudWatchLogsEvent",
    "CloudWatchLogsLogEvent",
    "CloudWatchLogsRawData",
    "EventBridgeEnvelope",
    "EventBridgeEvent",
    "ScheduledEvent",
]


class EventBridgeEnvelope(EventObject):
    """The fields every EventBridge event has; subclasses add a typed ``detail``."""

    __slots__ = ()
    version = Field[str]("version")
    id = Field[str]("id")
    detail_type = Field[str]("detail-type")
    source = Field[str]("source")
    account = Field[str]("account")
    time = Field[str]("time")  # RFC 3339, UTC
    region = Field[str]("region")
    resources = Field[list[str]]("resources")
    replay_name = OptionalField[str]("replay-name")


class CloudWatchEvent(EventBridgeEnvelope):
    """Any EventBridge event, ``detail`` as parsed JSON. Scheduled events have ``detail == {}``."""

    __slots__ = ()
    detail = OptionalField[Any]("detail")


EventBridgeEvent = CloudWatchEvent
ScheduledEvent = CloudWatchEvent


class CloudWatchLogsRawData(EventObject):
    __slots__ = ()
    data = Field[str]("data")  # base64 of gzip of JSON


class CloudWatchLogsLogEvent(EventObject):
    __slots__ = ()
    id = Field[str]("id")
    timestamp = Field[int]("timestamp")  # epoch milliseconds
    message = Field[str]("message")
    extracted_fields = OptionalField[dict[str, str]]("extractedFields")


class CloudWatchLogsData(EventObject):
    """The decoded payload of a subscription filter delivery."""

    __slots__ = ()
    owner = Field[str]("owner")
    log_group = Field[str]("logGroup")
    log_stream = Field[str]("logStream")
    subscription_filters = Field[list[str]]("subscriptionFilters")
    message_type = Field[str]("messageType")  # DATA_MESSAGE or CONTROL_MESSAGE
    log_events = ListOf("logEvents", CloudWatchLogsLogEvent)
    policy_level = OptionalField[str]("policyLevel")


class CloudWatchLogsEvent(EventObject):
    __slots__ = ()
    aws_logs = Obj("awslogs", CloudWatchLogsRawData)

    def parse(self) -> CloudWatchLogsData:
        """``awslogs.data`` base64-decoded, gunzipped and parsed; bad data raises ``EventDecodeError``."""
        from lambda_runtime.events._decode import decode_base64, gunzip, parse_json

        where = "CloudWatchLogsEvent.awslogs.data"
        doc = parse_json(gunzip(decode_base64(self.aws_logs.data, where), where), where)
        return CloudWatchLogsData.from_dict(doc)

    @classmethod
    def encode(cls, data: CloudWatchLogsData) -> CloudWatchLogsEvent:
        """The event CloudWatch Logs would deliver for ``data`` (for tests and samples)."""
        import base64
        import gzip

        import orjson

        payload = base64.b64encode(gzip.compress(orjson.dumps(data.to_dict()))).decode("ascii")
        return cls.from_dict({"awslogs": {"data": payload}})
