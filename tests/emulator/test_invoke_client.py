"""The ``invoke`` command against a small real HTTP server that answers like the Invoke API."""

from __future__ import annotations

import argparse
import base64
import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from lambda_runtime.emulator.client.invoke import (
    EXIT_FUNCTION_ERROR,
    EXIT_OK,
    EXIT_SERVICE_ERROR,
    register,
    run,
)
from lambda_runtime.emulator.event_stream import encode_invoke_complete, encode_payload_chunk


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Peer:
    """What the fake Invoke API answers, and what it saw."""

    answer: Callable[[BaseHTTPRequestHandler], None] = lambda h: None
    seen: list[Seen] = field(default_factory=list)
    port: int = 0


def _handler_for(peer: Peer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            peer.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            peer.answer(self)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def peer() -> Iterator[Peer]:
    state = Peer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(state))
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _reply(status: int, body: bytes, headers: dict[str, str] | None = None) -> Callable[..., None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def _stream_reply(*messages: bytes) -> Callable[..., None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/vnd.amazon.eventstream")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for message in messages:
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(message), message))
        handler.wfile.write(b"0\r\n\r\n")

    return answer


@dataclass
class Result:
    status: int
    stdout: bytes
    stderr: str


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> Result:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["invoke", *argv])
    out = io.BytesIO()
    err = io.StringIO()
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(out))
    monkeypatch.setattr("sys.stderr", err)
    status = run(args)
    return Result(status, out.getvalue(), err.getvalue())


def test_success_prints_the_body_and_sends_lambda_headers(
    peer: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    peer.answer = _reply(200, b'{"ok": true}')
    result = _run(
        ["--port", str(peer.port), "--function-name", "my-fn:prod", "--payload", '{"a": 1}'], monkeypatch
    )
    assert result.status == EXIT_OK
    assert result.stdout == b'{"ok": true}'
    (seen,) = peer.seen
    assert seen.path == "/2015-03-31/functions/my-fn%3Aprod/invocations"
    assert seen.body == b'{"a": 1}'
    assert seen.headers["x-amz-invocation-type"] == "RequestResponse"
    assert "x-amz-log-type" not in seen.headers


def test_function_error_and_log_tail(peer: Peer, monkeypatch: pytest.MonkeyPatch) -> None:
    log = "START RequestId: r1\nboom\nEND RequestId: r1\n"
    error = b'{"errorType":"ValueError","errorMessage":"bad"}'
    peer.answer = _reply(
        200,
        error,
        {"X-Amz-Function-Error": "Unhandled", "X-Amz-Log-Result": base64.b64encode(log.encode()).decode()},
    )
    result = _run(["--port", str(peer.port), "--log-tail"], monkeypatch)
    assert result.status == EXIT_FUNCTION_ERROR
    assert result.stdout == error
    assert log in result.stderr
    assert "function error (Unhandled)" in result.stderr
    assert peer.seen[0].headers["x-amz-log-type"] == "Tail"
    assert peer.seen[0].body == b"{}"


def test_service_error_names_the_type_and_message(peer: Peer, monkeypatch: pytest.MonkeyPatch) -> None:
    peer.answer = _reply(
        404,
        b'{"Type":"User","message":"Function not found: nope"}',
        {"X-Amzn-ErrorType": "ResourceNotFoundException:http://internal"},
    )
    result = _run(["--port", str(peer.port), "--function-name", "nope"], monkeypatch)
    assert result.status == EXIT_SERVICE_ERROR
    assert result.stdout == b""
    assert "HTTP 404 ResourceNotFoundException: Function not found: nope" in result.stderr


def test_event_invoke_is_accepted(peer: Peer, monkeypatch: pytest.MonkeyPatch) -> None:
    peer.answer = _reply(202, b"")
    result = _run(["--port", str(peer.port), "--invocation-type", "Event"], monkeypatch)
    assert result.status == EXIT_OK
    assert "accepted: HTTP 202" in result.stderr
    assert peer.seen[0].headers["x-amz-invocation-type"] == "Event"


def test_stream_prints_chunks_and_reports_completion(peer: Peer, monkeypatch: pytest.MonkeyPatch) -> None:
    log = base64.b64encode(b"END RequestId: r2\n").decode()
    peer.answer = _stream_reply(
        encode_payload_chunk(b"one,"), encode_payload_chunk(b"two"), encode_invoke_complete(log_result=log)
    )
    result = _run(["--port", str(peer.port), "--stream", "--log-tail"], monkeypatch)
    assert result.status == EXIT_OK
    assert result.stdout == b"one,two"
    assert "END RequestId: r2" in result.stderr
    assert peer.seen[0].path == "/2021-11-15/functions/function/response-streaming-invocations"


def test_stream_function_error(peer: Peer, monkeypatch: pytest.MonkeyPatch) -> None:
    peer.answer = _stream_reply(
        encode_payload_chunk(b"partial"),
        encode_invoke_complete(error_code="Unhandled", error_details='{"errorType":"KeyError"}'),
    )
    result = _run(["--port", str(peer.port), "--stream"], monkeypatch)
    assert result.status == EXIT_FUNCTION_ERROR
    assert result.stdout == b"partial"
    assert 'function error (Unhandled): {"errorType":"KeyError"}' in result.stderr


def test_stream_without_invoke_complete_is_a_service_error(
    peer: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    peer.answer = _stream_reply(encode_payload_chunk(b"cut"))
    result = _run(["--port", str(peer.port), "--stream"], monkeypatch)
    assert result.status == EXIT_SERVICE_ERROR
    assert result.stdout == b"cut"
    assert "without an InvokeComplete" in result.stderr


def test_stream_with_corrupt_bytes_is_a_service_error(peer: Peer, monkeypatch: pytest.MonkeyPatch) -> None:
    peer.answer = _stream_reply(b"\x00" * 16)
    result = _run(["--port", str(peer.port), "--stream"], monkeypatch)
    assert result.status == EXIT_SERVICE_ERROR
    assert "malformed event stream: prelude CRC mismatch" in result.stderr


def test_payload_file_is_sent_verbatim(peer: Peer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    peer.answer = _reply(200, b"null")
    event = tmp_path / "event.json"
    event.write_bytes(b'{"from": "file"}\n')
    result = _run(["--port", str(peer.port), "--payload-file", str(event)], monkeypatch)
    assert result.status == EXIT_OK
    assert peer.seen[0].body == b'{"from": "file"}\n'


def test_client_context_is_base64(peer: Peer, monkeypatch: pytest.MonkeyPatch) -> None:
    peer.answer = _reply(200, b"{}")
    result = _run(["--port", str(peer.port), "--client-context", '{"custom": {"k": "v"}}'], monkeypatch)
    assert result.status == EXIT_OK
    sent = peer.seen[0].headers["x-amz-client-context"]
    assert base64.b64decode(sent) == b'{"custom": {"k": "v"}}'


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--payload", "{not json"], "--payload is not valid JSON"),
        (["--payload-file", "/nonexistent/event.json"], "cannot read --payload-file"),
        (["--port", "70000"], "--port must be 1..65535"),
        (["--stream", "--invocation-type", "Event"], "--stream works only with"),
        (["--timeout", "0"], "--timeout must be positive"),
        (["--client-context", "nope"], "--client-context is not valid JSON"),
    ],
)
def test_bad_input_is_a_clear_error_and_sends_nothing(
    argv: list[str], message: str, peer: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _run(["--port", str(peer.port), *argv] if "--port" not in argv else argv, monkeypatch)
    assert result.status == EXIT_SERVICE_ERROR
    assert message in result.stderr
    assert peer.seen == []


def test_unreachable_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = _run(["--port", str(port)], monkeypatch)
    assert result.status == EXIT_SERVICE_ERROR
    assert f"cannot reach http://127.0.0.1:{port}" in result.stderr
