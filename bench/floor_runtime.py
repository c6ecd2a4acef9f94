"""The floor for bench_runtime: the fastest correct Lambda runtime loop we can write in Python.

Per invoke, over one keep-alive socket: GET /next; parse the answer's status and every header into a dict
(lower-case names, values stripped); set ``_X_AMZN_TRACE_ID`` from ``Lambda-Runtime-Trace-Id`` or remove it
when absent (visible to ``os.environ`` and C ``getenv``, without growing memory: see ``_TraceEnv``); build a
context with request id, deadline and ARN; ``orjson.loads`` the event, call the handler, ``orjson.dumps``
the result; POST /response, or /error (type, message, request id) when anything raised; read the answer.
Request ids are percent-encoded into the path when they hold anything but unreserved characters.

It reads Content-Length answers only (what the Runtime API sends); no chunked bodies, streaming, logging,
typed events, or 4xx handling beyond exiting. Stdlib and orjson only.

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

_TRACE_KEY = b"_X_AMZN_TRACE_ID"
_TRACE_START = len(_TRACE_KEY) + 1
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


class FloorContext:
    """The Context attributes a small handler reads."""

    __slots__ = ("aws_request_id", "deadline_ms", "invoked_function_arn")

    def __init__(self, aws_request_id: str, deadline_ms: int, invoked_function_arn: str) -> None:
        self.aws_request_id = aws_request_id
        self.deadline_ms = deadline_ms
        self.invoked_function_arn = invoked_function_arn

    def get_remaining_time_in_millis(self) -> int:
        return max(0, self.deadline_ms - int(time.time() * 1000))


class _TraceEnv:
    """``_X_AMZN_TRACE_ID`` in a buffer given to C putenv once and rewritten in place per invoke.

    ``os.environ[name] = value`` would call setenv, which never frees the string it replaces (one lost
    string per invoke). ctypes (~5 ms of imports) is loaded after the first response, so until then the
    value goes through os.environ once.
    """

    __slots__ = ("buffer", "data", "installed", "putenv", "room", "view")

    def __init__(self) -> None:
        self.data: dict[bytes, bytes] = os.environ._data  # type: ignore[attr-defined]
        self.view: memoryview | None = None
        self.installed: object = None
        self.room = 0

    def prepare(self) -> None:
        import ctypes

        self.putenv = ctypes.CDLL(None).putenv
        self.putenv.argtypes = (ctypes.c_void_p,)
        self.buffer = ctypes.create_string_buffer(_TRACE_KEY + b"=", 256)
        self.view = memoryview(self.buffer).cast("B")
        self.room = 256 - _TRACE_START - 1
        self.installed = self  # never a value of the mapping: the buffer is not in the environment yet

    def set(self, value: bytes) -> None:
        view = self.view
        if view is None or len(value) > self.room or 0 in value:
            os.environ["_X_AMZN_TRACE_ID"] = value.decode("utf-8", "surrogateescape")
            self.installed = self
            return
        end = _TRACE_START + len(value)
        view[_TRACE_START:end] = value
        view[end] = 0
        if self.data.get(_TRACE_KEY) is not self.installed:
            self.putenv(self.buffer)
        self.data[_TRACE_KEY] = self.installed = value

    def remove(self) -> None:
        if _TRACE_KEY in self.data:
            os.environ.pop("_X_AMZN_TRACE_ID", None)  # unsetenv frees nothing putenv was given
            self.installed = self


def _quote(request_id: str) -> str:
    if request_id.isascii() and request_id.replace("-", "").isalnum():
        return request_id
    return "".join(
        chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in request_id.encode("utf-8", "surrogateescape")
    )


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
    recv, sendall = sock.recv, sock.sendall
    next_request = f"GET {base}next HTTP/1.1\r\nHost: {authority}\r\n\r\n".encode()
    post_head = (
        f"POST {base}%s/%s HTTP/1.1\r\nHost: {authority}\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
    )
    trace_env = _TraceEnv()
    loads, dumps = orjson.loads, orjson.dumps
    pending = b""  # bytes received past the last answer

    def answer() -> tuple[str, dict[str, str], bytes]:
        """(status, headers with lower-case names, body) of the next answer."""
        nonlocal pending
        data = pending or recv(65536)
        while (end := data.find(b"\r\n\r\n")) < 0:
            more = recv(65536)
            if not more:
                raise ConnectionError("the Runtime API closed the connection")
            data += more
        lines = data[:end].decode("utf-8", "surrogateescape").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        stop = end + 4 + int(headers.get("content-length", 0))
        while len(data) < stop:
            more = recv(65536)
            if not more:
                raise ConnectionError("the Runtime API closed the connection")
            data += more
        pending = data[stop:]
        return lines[0][9:12], headers, data[end + 4 : stop]

    first = True
    while True:
        sendall(next_request)
        status, headers, body = answer()
        if status != "200":
            raise SystemExit(f"floor_runtime: /next answered {status}: {body[:200]!r}")
        request_id = headers["lambda-runtime-aws-request-id"]
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id:
            trace_env.set(trace_id.encode("utf-8", "surrogateescape"))
        else:
            trace_env.remove()
        context = FloorContext(
            request_id,
            int(headers.get("lambda-runtime-deadline-ms", 0)),
            headers.get("lambda-runtime-invoked-function-arn", ""),
        )
        try:
            payload = dumps(handler(loads(body), context))
            action, content_type = "response", "application/json"
        except Exception as exc:
            payload = dumps(
                {"errorMessage": str(exc), "errorType": type(exc).__name__, "requestId": request_id}
            )
            action, content_type = "error", "application/vnd.aws.lambda.error+json"
        sendall((post_head % (_quote(request_id), action, content_type, len(payload))).encode() + payload)
        status, _, body = answer()
        if status == "500":
            raise SystemExit(f"floor_runtime: /{action} answered 500: {body[:200]!r}")
        if first:
            first = False
            trace_env.prepare()


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
