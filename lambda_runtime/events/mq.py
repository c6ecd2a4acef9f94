"""Amazon MQ event source mappings: ActiveMQ (``ActiveMQEvent``) and RabbitMQ (``RabbitMQEvent``).

Message bodies arrive base64-encoded in ``data``. RabbitMQ header values that are byte strings arrive as
``{"bytes": [ints]}``; ``RabbitMQBasicProperties.decoded_headers()`` turns them into ``bytes``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambda_runtime.events._base import EventObject, Field, ListOf, Obj, OptionalField, OptionalObj
from lambda_runtime.events._decode import decode_base64, parse_json
from lambda_runtime.events._shapes import MapOfLists

__all__ = [
    "ActiveMQDestination",
    "ActiveMQEvent",
    "ActiveMQMessage",
    "RabbitMQBasicProperties",
    "RabbitMQEvent",
    "RabbitMQMessage",
]


class _DataMixin(EventObject):
    """``data`` holds the message body in base64."""

    __slots__ = ()
    data = OptionalField[str]("data")

    def decoded_data(self) -> bytes:
        """The body as bytes (empty when there is none)."""
        data = self.data
        return b"" if data is None else decode_base64(data, f"{type(self).__name__}.data")

    def text_data(self, encoding: str = "utf-8") -> str:
        return self.decoded_data().decode(encoding)

    def json_data(self) -> Any:
        return parse_json(self.decoded_data(), f"{type(self).__name__}.data")


class ActiveMQDestination(EventObject):
    __slots__ = ()
    physical_name = Field[str]("physicalName")


class ActiveMQMessage(_DataMixin):
    __slots__ = ()
    message_id = Field[str]("messageID")
    message_type = OptionalField[str]("messageType")  # jms/text-message or jms/bytes-message
    timestamp = OptionalField[int]("timestamp")  # milliseconds since the epoch
    delivery_mode = OptionalField[int]("deliveryMode")
    correlation_id = OptionalField[str]("correlationID")
    reply_to = OptionalField[str]("replyTo")
    destination = OptionalObj("destination", ActiveMQDestination)
    redelivered = OptionalField[bool]("redelivered")
    type = OptionalField[str]("type")
    expiration = OptionalField[int]("expiration")
    priority = OptionalField[int]("priority")
    broker_in_time = OptionalField[int]("brokerInTime")
    broker_out_time = OptionalField[int]("brokerOutTime")
    properties = OptionalField[dict[str, str]]("properties")


class ActiveMQEvent(EventObject):
    __slots__ = ()
    event_source = Field[str]("eventSource")  # aws:mq
    event_source_arn = Field[str]("eventSourceArn")
    messages = ListOf("messages", ActiveMQMessage)

    def __iter__(self) -> Iterator[ActiveMQMessage]:
        return iter(self.messages)


class RabbitMQBasicProperties(EventObject):
    __slots__ = ()
    content_type = OptionalField[str]("contentType")
    content_encoding = OptionalField[str]("contentEncoding")
    headers = OptionalField[dict[str, Any]]("headers")
    delivery_mode = OptionalField[int]("deliveryMode")
    priority = OptionalField[int]("priority")
    correlation_id = OptionalField[str]("correlationId")
    reply_to = OptionalField[str]("replyTo")
    expiration = OptionalField[str]("expiration")
    message_id = OptionalField[str]("messageId")
    timestamp = OptionalField[str]("timestamp")
    type = OptionalField[str]("type")
    user_id = OptionalField[str]("userId")
    app_id = OptionalField[str]("appId")
    cluster_id = OptionalField[str]("clusterId")
    body_size = OptionalField[int]("bodySize")

    def decoded_headers(self) -> dict[str, Any]:
        """Headers with ``{"bytes": [...]}`` values turned into ``bytes``; other values as sent."""
        out: dict[str, Any] = {}
        for name, value in (self.headers or {}).items():
            if isinstance(value, dict) and set(value) == {"bytes"} and isinstance(value["bytes"], list):
                out[name] = bytes(b & 0xFF for b in value["bytes"])
            else:
                out[name] = value
        return out


class RabbitMQMessage(_DataMixin):
    __slots__ = ()
    basic_properties = Obj("basicProperties", RabbitMQBasicProperties)
    redelivered = OptionalField[bool]("redelivered")


class RabbitMQEvent(EventObject):
    """Messages grouped by ``"<queue>::<virtual host>"``."""

    __slots__ = ()
    event_source = Field[str]("eventSource")  # aws:rmq
    event_source_arn = Field[str]("eventSourceArn")
    messages_by_queue = MapOfLists("rmqMessagesByQueue", RabbitMQMessage)

    def __iter__(self) -> Iterator[RabbitMQMessage]:
        for messages in self.messages_by_queue.values():
            yield from messages
