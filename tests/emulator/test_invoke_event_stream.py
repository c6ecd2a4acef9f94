"""Event-stream framing: the protocols doc's example, botocore's own parser, and broken input."""

from __future__ import annotations

import contextlib
import struct
import threading
import uuid
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from botocore.eventstream import EventStreamBuffer
from hypothesis import given, settings
from hypothesis import strategies as st

from lambda_runtime.emulator.event_stream import (
    EVENT_STREAM_CONTENT_TYPE,
    EventStreamDecoder,
    EventStreamError,
    InvokeComplete,
    decode_all,
    encode_invoke_complete,
    encode_message,
    encode_payload_chunk,
    parse_invoke_complete,
)


def test_payload_chunk_matches_the_documented_example() -> None:
    message = encode_payload_chunk(b"hello")
    assert len(message) == 111
    assert message[:12] == bytes.fromhex("0000006f0000005af5fe871f")
    assert message[-4:] == bytes.fromhex("29e71260")


def _botocore_messages(data: bytes) -> list[Any]:
    buffer = EventStreamBuffer()
    buffer.add_data(data)
    return list(buffer)


def test_botocore_decodes_chunks_and_invoke_complete() -> None:
    stream = (
        encode_payload_chunk(b"first ")
        + encode_payload_chunk(b"\x00binary\xff")
        + encode_invoke_complete(error_code="Unhandled", error_details="boom", log_result="bG9n")
    )
    messages = _botocore_messages(stream)
    assert [m.headers[":event-type"] for m in messages] == ["PayloadChunk", "PayloadChunk", "InvokeComplete"]
    assert [m.headers[":message-type"] for m in messages] == ["event"] * 3
    assert messages[0].payload == b"first "
    assert messages[1].payload == b"\x00binary\xff"
    assert messages[1].headers[":content-type"] == "application/octet-stream"
    assert messages[2].headers[":content-type"] == "application/json"
    assert messages[2].payload == b'{"ErrorCode":"Unhandled","ErrorDetails":"boom","LogResult":"bG9n"}'


def test_successful_invoke_complete_is_an_empty_object() -> None:
    (message,) = _botocore_messages(encode_invoke_complete())
    assert message.payload == b"{}"


@settings(max_examples=60, deadline=None)
@given(payloads=st.lists(st.binary(max_size=300), max_size=5))
def test_botocore_and_our_decoder_agree_with_the_encoder(payloads: list[bytes]) -> None:
    stream = b"".join(encode_payload_chunk(p) for p in payloads) + encode_invoke_complete()
    assert [m.payload for m in _botocore_messages(stream)][:-1] == payloads
    ours = decode_all(stream)
    assert [m.payload for m in ours][:-1] == payloads
    assert parse_invoke_complete(ours[-1]) == InvokeComplete()


def test_decoder_is_incremental_byte_by_byte() -> None:
    stream = encode_payload_chunk(b"abc") + encode_invoke_complete(error_code="Unhandled")
    decoder = EventStreamDecoder()
    seen = []
    for index in range(len(stream)):
        seen.extend(decoder.feed(stream[index : index + 1]))
    assert [m.event_type for m in seen] == ["PayloadChunk", "InvokeComplete"]
    assert decoder.pending_bytes == 0
    assert parse_invoke_complete(seen[1]).error_code == "Unhandled"


def _raw_header(name: str, kind: int, value: bytes) -> bytes:
    return bytes((len(name),)) + name.encode() + bytes((kind,)) + value


def _frame(headers: bytes, payload: bytes) -> bytes:
    prelude = struct.pack(">II", 16 + len(headers) + len(payload), len(headers))
    head = prelude + struct.pack(">I", zlib.crc32(prelude)) + headers + payload
    return head + struct.pack(">I", zlib.crc32(head))


def test_decoder_reads_every_header_type() -> None:
    ident = uuid.uuid4()
    headers = b"".join(
        (
            _raw_header("t", 0, b""),
            _raw_header("f", 1, b""),
            _raw_header("b", 2, b"\xff"),
            _raw_header("s", 3, struct.pack(">h", -2)),
            _raw_header("i", 4, struct.pack(">i", 70000)),
            _raw_header("l", 5, struct.pack(">q", 2**40)),
            _raw_header("y", 6, b"\x00\x03abc"),
            _raw_header("x", 7, b"\x00\x02hi"),
            _raw_header("ts", 8, struct.pack(">q", 1_700_000_000_000)),
            _raw_header("u", 9, ident.bytes),
        )
    )
    (message,) = decode_all(_frame(headers, b"p"))
    assert dict(message.headers) == {
        "t": True, "f": False, "b": -1, "s": -2, "i": 70000, "l": 2**40,
        "y": b"abc", "x": "hi", "ts": 1_700_000_000_000, "u": ident,
    }  # fmt: skip
    assert message.payload == b"p"


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda m: m[:8] + b"\x00\x00\x00\x00" + m[12:], "prelude CRC"),
        (lambda m: m[:-1] + bytes((m[-1] ^ 1,)), "message CRC"),
        (lambda m: m[:20] + bytes((m[20] ^ 0x40,)) + m[21:], "message CRC"),
    ],
)
def test_corruption_is_a_clear_error(mangle: Any, reason: str) -> None:
    with pytest.raises(EventStreamError, match=reason):
        decode_all(mangle(encode_payload_chunk(b"hello")))


def test_bad_headers_are_clear_errors() -> None:
    with pytest.raises(EventStreamError, match="unknown value type 42"):
        decode_all(_frame(_raw_header("a", 42, b""), b""))
    with pytest.raises(EventStreamError, match="duplicate header"):
        decode_all(_frame(_raw_header("a", 0, b"") * 2, b""))
    with pytest.raises(EventStreamError, match="runs past"):
        decode_all(_frame(_raw_header("a", 7, b"\x00\x09ab"), b""))
    prelude = struct.pack(">II", 16, 8)
    with pytest.raises(EventStreamError, match="too small"):
        decode_all(prelude + struct.pack(">I", zlib.crc32(prelude)) + b"\x00" * 8)


def test_truncated_stream_is_an_error_and_a_broken_decoder_stays_broken() -> None:
    message = encode_payload_chunk(b"hello")
    with pytest.raises(EventStreamError, match="ends inside a message"):
        decode_all(message[:-3])
    decoder = EventStreamDecoder()
    with pytest.raises(EventStreamError):
        decoder.feed(b"\x00" * 8 + b"\x01\x02\x03\x04")
    with pytest.raises(EventStreamError):
        decoder.feed(message)


def test_encoder_refuses_bad_headers() -> None:
    with pytest.raises(EventStreamError, match="header name"):
        encode_message([("", "x")], b"")
    with pytest.raises(EventStreamError, match="65535"):
        encode_message([("a", "x" * 70000)], b"")


def test_invoke_complete_parse_rejects_other_events_and_bad_json() -> None:
    (chunk,) = decode_all(encode_payload_chunk(b"{}"))
    with pytest.raises(EventStreamError, match="expected an InvokeComplete"):
        parse_invoke_complete(chunk)
    (bad,) = decode_all(encode_message([(":event-type", "InvokeComplete")], b"not json"))
    with pytest.raises(EventStreamError, match="not JSON"):
        parse_invoke_complete(bad)


@settings(max_examples=200, deadline=None)
@given(junk=st.binary(max_size=200))
def test_random_bytes_never_escape_as_another_exception(junk: bytes) -> None:
    with contextlib.suppress(EventStreamError):
        decode_all(junk)


# boto3 reading a stream over a real socket, from a minimal server that answers with our bytes.
class _StreamingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", EVENT_STREAM_CONTENT_TYPE)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for message in (
            encode_payload_chunk(b'{"part": 1}'),
            encode_payload_chunk(b'{"part": 2}'),
            encode_invoke_complete(error_code="Unhandled", error_details="ValueError: bad"),
        ):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(message), message))
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def streaming_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _StreamingHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_boto3_invoke_with_response_stream_reads_our_messages(streaming_server: str) -> None:
    import boto3
    from botocore.config import Config

    client = boto3.client(
        "lambda",
        endpoint_url=streaming_server,
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
        config=Config(retries={"max_attempts": 0}),
    )
    response = client.invoke_with_response_stream(FunctionName="function", Payload=b"{}")
    events = list(response["EventStream"])
    assert events == [
        {"PayloadChunk": {"Payload": b'{"part": 1}'}},
        {"PayloadChunk": {"Payload": b'{"part": 2}'}},
        {"InvokeComplete": {"ErrorCode": "Unhandled", "ErrorDetails": "ValueError: bad"}},
    ]
