"""Amazon MSK and self-managed Apache Kafka event source mappings (``KafkaEvent``).

Keys and values arrive base64-encoded; header values arrive as arrays of signed bytes (-128..127).
The helpers decode both without touching the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambda_runtime.events._base import EventDecodeError, EventObject, Field, OptionalField
from lambda_runtime.events._decode import decode_base64, parse_json
from lambda_runtime.events._shapes import MapOfLists

__all__ = ["KafkaEvent", "KafkaRecord", "decode_kafka_header_value"]


def decode_kafka_header_value(value: list[int]) -> bytes:
    """Kafka header bytes as Lambda sends them (signed integers) turned into ``bytes``."""
    try:
        return bytes(b & 0xFF for b in value)
    except TypeError as exc:
        raise EventDecodeError(f"Kafka header value is not an array of integers: {value!r}") from exc


def _b64(value: str | None, what: str) -> bytes | None:
    return None if value is None else decode_base64(value, f"KafkaRecord.{what}")


class KafkaRecord(EventObject):
    __slots__ = ()
    topic = Field[str]("topic")
    partition = Field[int]("partition")
    offset = Field[int]("offset")
    timestamp = Field[int]("timestamp")  # milliseconds since the epoch
    timestamp_type = OptionalField[str]("timestampType")  # CREATE_TIME or LOG_APPEND_TIME
    key = OptionalField[str]("key")  # base64
    value = OptionalField[str]("value")  # base64
    headers = OptionalField[list[dict[str, list[int]]]]("headers")

    def decoded_key(self) -> bytes | None:
        return _b64(self.key, "key")

    def decoded_value(self) -> bytes | None:
        """The message value as bytes (``None`` for a tombstone or a record without a value)."""
        return _b64(self.value, "value")

    def text_value(self, encoding: str = "utf-8") -> str | None:
        raw = self.decoded_value()
        return None if raw is None else raw.decode(encoding)

    def json_value(self) -> Any:
        """The value parsed as JSON (``None`` when there is no value)."""
        raw = self.decoded_value()
        if raw is None:
            return None
        return parse_json(raw, "KafkaRecord.value")

    def decoded_headers(self) -> list[tuple[str, bytes]]:
        """Headers in order, as (name, bytes) pairs; Kafka allows repeated names."""
        out: list[tuple[str, bytes]] = []
        for header in self.headers or ():
            for name, value in header.items():
                out.append((name, decode_kafka_header_value(value)))
        return out

    def header(self, name: str) -> bytes | None:
        """The first header named ``name`` (exact match, as Kafka compares them), or ``None``."""
        for header_name, value in self.decoded_headers():
            if header_name == name:
                return value
        return None


class KafkaEvent(EventObject):
    """``eventSource`` is ``aws:kafka`` (MSK) or ``SelfManagedKafka``; records are grouped by
    ``"<topic>-<partition>"``."""

    __slots__ = ()
    event_source = Field[str]("eventSource")
    event_source_arn = OptionalField[str]("eventSourceArn")  # absent for self-managed Kafka
    bootstrap_servers = OptionalField[str]("bootstrapServers")
    records = MapOfLists("records", KafkaRecord)

    def __iter__(self) -> Iterator[KafkaRecord]:
        """Every record, partition by partition, in delivery order."""
        for batch in self.records.values():
            yield from batch

    @property
    def is_self_managed(self) -> bool:
        return self.event_source == "SelfManagedKafka"
