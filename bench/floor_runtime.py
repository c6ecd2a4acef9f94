"""The floor for bench_runtime: the least a correct Lambda runtime can do per invoke, in Python.

One keep-alive socket: GET /next, ``orjson.loads`` the event, call the handler, ``orjson.dumps`` the result,
POST /response, read the 202; repeat. Header parsing is minimal (request id, deadline, ARN, trace id,
Content-Length). It also does the two things every runtime must: set ``_X_AMZN_TRACE_ID`` per invoke and
post /error (type and message only) when the handler raises. No imports beyond the stdlib and orjson.

Run: ``python bench/floor_runtime.py`` with ``AWS_LAMBDA_RUNTIME_API``, ``_HANDLER`` (``module.function``)
and ``LAMBDA_TASK_ROOT`` set, as a Lambda runtime is run.
"""

from __future__ import annotations

import importlib
import os
import socket
import sys
import time

import orjson

# Typing names are for the checker only: importing typing would add to the floor's cold start.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["FloorContext", "main", "serve"]

_HEAD_END = b"\r\n\r\n"


class FloorContext:
    """The Context attributes a small handler reads."""

    __slots__ = ("aws_request_id", "deadline_ms", "invoked_function_arn")

    def __init__(self, aws_request_id: str, deadline_ms: int, invoked_function_arn: str) -> None:
        self.aws_request_id = aws_request_id
        self.deadline_ms = deadline_ms
        self.invoked_function_arn = invoked_function_arn

    def get_remaining_time_in_millis(self) -> int:
        return max(0, self.deadline_ms - int(time.time() * 1000))


class _Reader:
    """Reads HTTP answers with Content-Length bodies off one socket (the Runtime API sends nothing else)."""

    __slots__ = ("_buffer", "_sock")

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._buffer = b""

    def _fill(self) -> None:
        data = self._sock.recv(262144)
        if not data:
            raise ConnectionError("the Runtime API closed the connection")
        self._buffer += data

    def answer(self) -> tuple[bytes, dict[bytes, bytes], bytes]:
        """(status code, lower-case headers, body) of the next answer."""
        while (end := self._buffer.find(_HEAD_END)) < 0:
            self._fill()
        lines = self._buffer[:end].split(b"\r\n")
        headers: dict[bytes, bytes] = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get(b"content-length", b"0"))
        start = end + 4
        while len(self._buffer) < start + length:
            self._fill()
        body = self._buffer[start : start + length]
        self._buffer = self._buffer[start + length :]
        return lines[0].split(b" ", 2)[1], headers, body


def _load_handler(spec: str, task_root: str) -> Callable[[Any, Any], Any]:
    module_name, _, attribute = spec.rpartition(".")
    if task_root not in sys.path:
        sys.path.insert(0, task_root)
    handler: Callable[[Any, Any], Any] = getattr(importlib.import_module(module_name), attribute)
    return handler


def serve(api: str, handler: Callable[[Any, Any], Any]) -> None:
    """Serve invocations from the Runtime API at ``api`` until it closes the connection."""
    authority, _, prefix = api.removeprefix("http://").partition("/")
    host, _, port = authority.rpartition(":")
    base = f"/{prefix}/2018-06-01/runtime/invocation/" if prefix else "/2018-06-01/runtime/invocation/"
    # Bytes: the socket module then skips the idna codec (about 1.5 ms of imports on the first connect).
    sock = socket.create_connection((host.encode("ascii"), int(port)))  # type: ignore[arg-type]
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    reader = _Reader(sock)
    next_request = f"GET {base}next HTTP/1.1\r\nHost: {authority}\r\n\r\n".encode()
    post_head = (
        f"POST {base}%s/%s HTTP/1.1\r\nHost: {authority}\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
    )
    environ = os.environ
    while True:
        sock.sendall(next_request)
        status, headers, body = reader.answer()
        if status != b"200":
            raise SystemExit(f"floor_runtime: /next answered {status.decode()}: {body[:200]!r}")
        request_id = headers[b"lambda-runtime-aws-request-id"].decode()
        trace_id = headers.get(b"lambda-runtime-trace-id")
        if trace_id:
            environ["_X_AMZN_TRACE_ID"] = trace_id.decode()
        else:
            environ.pop("_X_AMZN_TRACE_ID", None)
        context = FloorContext(
            request_id,
            int(headers.get(b"lambda-runtime-deadline-ms", b"0")),
            headers.get(b"lambda-runtime-invoked-function-arn", b"").decode(),
        )
        try:
            payload = orjson.dumps(handler(orjson.loads(body), context))
            action, content_type = "response", "application/json"
        except Exception as exc:
            payload = orjson.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)})
            action, content_type = "error", "application/vnd.aws.lambda.error+json"
        head = post_head % (request_id, action, content_type, len(payload))
        sock.sendall(head.encode() + payload)
        status, _, body = reader.answer()
        if status == b"500":
            raise SystemExit(f"floor_runtime: /{action} answered 500: {body[:200]!r}")


def main() -> None:
    try:
        api = os.environ["AWS_LAMBDA_RUNTIME_API"]
        spec = os.environ["_HANDLER"]
    except KeyError as exc:
        raise SystemExit(f"floor_runtime: {exc.args[0]} is not set") from None
    handler = _load_handler(spec, os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    try:
        serve(api, handler)
    except ConnectionError:
        return


if __name__ == "__main__":
    main()
