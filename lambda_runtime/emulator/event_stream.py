"""AWS event-stream framing (``application/vnd.amazon.eventstream``), sans-IO.

Rule: this module turns messages into bytes and bytes into messages; it never touches a socket and imports
nothing of the emulator. Both sides import it: the Invoke API (``http/invoke.py``) encodes, the ``invoke``
client (``client/invoke.py``) decodes; neither keeps its own copy of the prelude or the CRCs.
The streaming Invoke API answers ``PayloadChunk`` messages followed by one ``InvokeComplete``.

A message, big-endian::

    total_len:u32 | headers_len:u32 | prelude_crc:u32 | headers | payload | message_crc:u32

``prelude_crc`` is the CRC32 of the first 8 bytes, ``message_crc`` the CRC32 of everything before it.
A header is ``name_len:u8 | name | type:u8 | value``. The encoder writes string headers only (type 7,
``u16`` length); the decoder reads every header type the format defines.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import orjson

__all__ = [
    "EVENT_STREAM_CONTENT_TYPE",
    "MAX_HEADERS_BYTES",
    "MAX_MESSAGE_BYTES",
    "EventStreamDecoder",
    "EventStreamError",
    "EventStreamMessage",
    "HeaderValue",
    "InvokeComplete",
    "decode_all",
    "encode_invoke_complete",
    "encode_message",
    "encode_payload_chunk",
    "parse_invoke_complete",
]

EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream"

# The limits botocore enforces when it reads a stream; the encoder refuses to write past them.
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
MAX_HEADERS_BYTES = 128 * 1024

_PRELUDE = struct.Struct(">II")
_U32 = struct.Struct(">I")
_PRELUDE_BYTES = 12  # two lengths and the prelude CRC
_OVERHEAD = _PRELUDE_BYTES + 4  # plus the message CRC

# Header value types of the format.
_TRUE, _FALSE, _BYTE, _SHORT, _INT, _LONG, _BYTES, _STRING, _TIMESTAMP, _UUID = range(10)
_FIXED = {
    _BYTE: struct.Struct(">b"),
    _SHORT: struct.Struct(">h"),
    _INT: struct.Struct(">i"),
    _LONG: struct.Struct(">q"),
    _TIMESTAMP: struct.Struct(">q"),
}

HeaderValue = str | bytes | bool | int | uuid.UUID


class EventStreamError(ValueError):
    """Bytes that are not a well-formed event-stream message (bad length, CRC or header)."""


@dataclass(frozen=True, slots=True)
class EventStreamMessage:
    headers: Mapping[str, HeaderValue]
    payload: bytes

    @property
    def event_type(self) -> str | None:
        value = self.headers.get(":event-type")
        return value if isinstance(value, str) else None

    @property
    def message_type(self) -> str | None:
        value = self.headers.get(":message-type")
        return value if isinstance(value, str) else None


def _encode_header(name: str, value: str) -> bytes:
    name_bytes = name.encode("utf-8")
    value_bytes = value.encode("utf-8")
    if not 0 < len(name_bytes) < 256:
        raise EventStreamError(f"header name must be 1..255 bytes: {name!r}")
    if len(value_bytes) > 0xFFFF:
        raise EventStreamError(f"header {name!r} value is longer than 65535 bytes")
    return b"".join(
        (
            bytes((len(name_bytes),)),
            name_bytes,
            bytes((_STRING,)),
            struct.pack(">H", len(value_bytes)),
            value_bytes,
        )
    )


def encode_message(headers: Iterable[tuple[str, str]], payload: bytes) -> bytes:
    """Frame one message; ``headers`` are string headers, written in the given order."""
    header_bytes = b"".join(_encode_header(name, value) for name, value in headers)
    if len(header_bytes) > MAX_HEADERS_BYTES:
        raise EventStreamError(f"headers take {len(header_bytes)} bytes; the limit is {MAX_HEADERS_BYTES}")
    total = _OVERHEAD + len(header_bytes) + len(payload)
    if total > MAX_MESSAGE_BYTES:
        raise EventStreamError(f"message of {total} bytes exceeds the limit of {MAX_MESSAGE_BYTES}")
    prelude = _PRELUDE.pack(total, len(header_bytes))
    head = prelude + _U32.pack(zlib.crc32(prelude)) + header_bytes
    crc = zlib.crc32(payload, zlib.crc32(head))
    return b"".join((head, payload, _U32.pack(crc)))


def _event_headers(event_type: str, content_type: str) -> tuple[tuple[str, str], ...]:
    # Lambda's order; it fixes the message CRC of a given event.
    return ((":event-type", event_type), (":content-type", content_type), (":message-type", "event"))


# A single PayloadChunk carries at most this much; larger bodies are split by ``encode_payload_chunk``.
_MAX_CHUNK_PAYLOAD = MAX_MESSAGE_BYTES - _OVERHEAD - 256


def encode_payload_chunk(data: bytes) -> bytes:
    """One ``PayloadChunk`` event carrying ``data`` (several messages when it exceeds one message's limit)."""
    headers = _event_headers("PayloadChunk", "application/octet-stream")
    if len(data) <= _MAX_CHUNK_PAYLOAD:
        return encode_message(headers, data)
    view = memoryview(data)
    return b"".join(
        encode_message(headers, bytes(view[start : start + _MAX_CHUNK_PAYLOAD]))
        for start in range(0, len(data), _MAX_CHUNK_PAYLOAD)
    )


@dataclass(frozen=True, slots=True)
class InvokeComplete:
    """The final event of a streamed invoke: an error code and details when the function failed."""

    error_code: str | None = None
    error_details: str | None = None
    log_result: str | None = None

    def to_json(self) -> bytes:
        body: dict[str, str] = {}
        if self.error_code is not None:
            body["ErrorCode"] = self.error_code
        if self.error_details is not None:
            body["ErrorDetails"] = self.error_details
        if self.log_result is not None:
            body["LogResult"] = self.log_result
        return orjson.dumps(body)


def encode_invoke_complete(
    error_code: str | None = None, error_details: str | None = None, log_result: str | None = None
) -> bytes:
    """The ``InvokeComplete`` event that ends a streamed invoke (``log_result`` is base64 text)."""
    payload = InvokeComplete(error_code, error_details, log_result).to_json()
    return encode_message(_event_headers("InvokeComplete", "application/json"), payload)


def parse_invoke_complete(message: EventStreamMessage) -> InvokeComplete:
    """Read an ``InvokeComplete`` payload back into a value."""
    if message.event_type != "InvokeComplete":
        raise EventStreamError(f"expected an InvokeComplete event, got {message.event_type!r}")
    try:
        body = orjson.loads(message.payload) if message.payload else {}
    except orjson.JSONDecodeError as exc:
        raise EventStreamError(f"InvokeComplete payload is not JSON: {exc}") from None
    if not isinstance(body, dict):
        raise EventStreamError("InvokeComplete payload is not a JSON object")

    def text(key: str) -> str | None:
        value = body.get(key)
        return value if isinstance(value, str) else None

    return InvokeComplete(text("ErrorCode"), text("ErrorDetails"), text("LogResult"))


def _decode_headers(data: bytes) -> dict[str, HeaderValue]:
    headers: dict[str, HeaderValue] = {}
    pos = 0
    end = len(data)

    def take(count: int) -> bytes:
        nonlocal pos
        if pos + count > end:
            raise EventStreamError("header runs past the end of the headers section")
        chunk = data[pos : pos + count]
        pos += count
        return chunk

    while pos < end:
        name_len = take(1)[0]
        if name_len == 0:
            raise EventStreamError("header with an empty name")
        try:
            name = take(name_len).decode("utf-8")
        except UnicodeDecodeError:
            raise EventStreamError("header name is not UTF-8") from None
        kind = take(1)[0]
        value: HeaderValue
        if kind == _TRUE:
            value = True
        elif kind == _FALSE:
            value = False
        elif kind in _FIXED:
            fmt = _FIXED[kind]
            value = int(fmt.unpack(take(fmt.size))[0])
        elif kind in (_BYTES, _STRING):
            (length,) = struct.unpack(">H", take(2))
            raw = take(length)
            if kind == _BYTES:
                value = raw
            else:
                try:
                    value = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise EventStreamError(f"header {name!r} string value is not UTF-8") from None
        elif kind == _UUID:
            value = uuid.UUID(bytes=take(16))
        else:
            raise EventStreamError(f"header {name!r} has unknown value type {kind}")
        if name in headers:
            raise EventStreamError(f"duplicate header {name!r}")
        headers[name] = value
    return headers


@dataclass
class EventStreamDecoder:
    """Incremental decoder: ``feed`` bytes as they arrive, get the messages completed so far.

    After an error the decoder stays broken: an event stream has no way to resynchronise.
    """

    _buffer: bytearray = field(default_factory=bytearray)
    _failed: EventStreamError | None = None

    def feed(self, data: bytes) -> list[EventStreamMessage]:
        if self._failed is not None:
            raise self._failed
        self._buffer += data
        messages: list[EventStreamMessage] = []
        try:
            while (message := self._next()) is not None:
                messages.append(message)
        except EventStreamError as exc:
            self._failed = exc
            raise
        return messages

    @property
    def pending_bytes(self) -> int:
        """Bytes of an incomplete message held back; non-zero at end of stream means truncation."""
        return len(self._buffer)

    def _next(self) -> EventStreamMessage | None:
        buffer = self._buffer
        if len(buffer) < _PRELUDE_BYTES:
            return None
        total, headers_len = _PRELUDE.unpack_from(buffer, 0)
        (prelude_crc,) = _U32.unpack_from(buffer, 8)
        if zlib.crc32(bytes(buffer[:8])) != prelude_crc:
            raise EventStreamError("prelude CRC mismatch")
        if total > MAX_MESSAGE_BYTES:
            raise EventStreamError(f"message of {total} bytes exceeds the limit of {MAX_MESSAGE_BYTES}")
        if headers_len > MAX_HEADERS_BYTES:
            raise EventStreamError(f"headers of {headers_len} bytes exceed the limit of {MAX_HEADERS_BYTES}")
        if total < _OVERHEAD + headers_len:
            raise EventStreamError(f"total length {total} is too small for {headers_len} bytes of headers")
        if len(buffer) < total:
            return None
        frame = bytes(buffer[:total])
        del buffer[:total]
        (message_crc,) = _U32.unpack_from(frame, total - 4)
        if zlib.crc32(frame[: total - 4]) != message_crc:
            raise EventStreamError("message CRC mismatch")
        headers = _decode_headers(frame[_PRELUDE_BYTES : _PRELUDE_BYTES + headers_len])
        return EventStreamMessage(headers, frame[_PRELUDE_BYTES + headers_len : total - 4])


def decode_all(data: bytes) -> list[EventStreamMessage]:
    """Decode a complete stream; trailing partial bytes are an error."""
    decoder = EventStreamDecoder()
    messages = decoder.feed(data)
    if decoder.pending_bytes:
        raise EventStreamError(f"stream ends inside a message ({decoder.pending_bytes} bytes left over)")
    return messages
