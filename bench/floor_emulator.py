"""The floor for the emulator: the fastest correct Invoke API + Runtime API pair we can write in Python.

What it does, per warm buffered invoke, with one execution environment (one runtime process):
- Invoke API listener: ``POST /2015-03-31/functions/{name}/invocations`` (a query string is ignored); the
  body (empty -> ``{}``) must parse with ``orjson.loads`` (else 400), be at most 6 MiB + 100 bytes (else
  413) and the name must be the function's (else 404). Answer: 200 with the runtime's body and
  ``X-Amzn-RequestId``, ``X-Amz-Executed-Version``, ``Content-Type`` (the runtime's, default
  ``application/json``); after ``/error`` also ``X-Amz-Function-Error: Unhandled``.
- Runtime API listener (``AWS_LAMBDA_RUNTIME_API``): ``GET .../invocation/next`` is held until an invoke
  arrives, then answered with the payload and ``Lambda-Runtime-Aws-Request-Id`` (uuid4 format),
  ``-Deadline-Ms``, ``-Invoked-Function-Arn``, ``-Trace-Id`` (a generated X-Ray id). ``POST
  .../{id}/response`` and ``.../{id}/error`` are answered 202 when ``{id}`` (percent-decoded) is the
  dispatched invoke's, else 400; ``/init/error`` 202.
- Requests are parsed by llhttp (httptools): bodies split across reads, keep-alive, ``Connection: close``.
  Everything is done in protocol callbacks (asyncio.Protocol, no streams, no task per request).
- The runtime is spawned at start with ``AWS_LAMBDA_RUNTIME_API``, ``_HANDLER``, ``LAMBDA_TASK_ROOT`` and
  ``PATH`` only, in the task root. If it exits, waiting and later invokes get ``Runtime.ExitError``.

Not in the floor (the emulator has them): START/END/REPORT lines and the runtime's output, memory reading
(/proc), the lifecycle table, extensions, timeouts (invoke, init, idle/slow HTTP), restarts, more than one
environment and 429 (a busy environment makes an invoke wait its turn), Event/DryRun invokes, streaming,
client context and the caller's trace id, pipelined requests (a caller waits for each answer), size limits
on the Runtime API side.

Use: ``async with FloorEmulator(handler=..., task_root=..., command=...) as floor: floor.port``; or
``python bench/floor_emulator.py [--handler MOD.FN] [--task-root DIR] [--port N] [-- COMMAND...]`` prints
the port and serves until SIGINT/SIGTERM (the default command is bench/floor_runtime.py). It runs on the
emulator's event loop (``lambda_runtime.emulator.loop.run``: uvloop when installed, unless
``LAMBDA_EMULATOR_LOOP=asyncio``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import cast
from urllib.parse import unquote_to_bytes

import httptools
import orjson

from lambda_runtime.emulator.loop import run

__all__ = ["FloorEmulator", "main", "run"]

FLOOR_RUNTIME = Path(__file__).resolve().parent / "floor_runtime.py"

_MAX_PAYLOAD = 6 * 1024 * 1024 + 100
_INVOCATION = b"/2018-06-01/runtime/invocation/"
_NEXT = _INVOCATION + b"next"
_INIT_ERROR = b"/2018-06-01/runtime/init/error"
_VARIANT = dict(zip(b"0123456789abcdef", (b"8", b"9", b"a", b"b") * 4, strict=True))
_ACCEPTED_BODY = b'{"status":"OK"}'
_ACCEPTED = b"HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
    len(_ACCEPTED_BODY),
    _ACCEPTED_BODY,
)


def _error(status: bytes, error_type: str, message: str) -> bytes:
    """A whole error response with Lambda's JSON error body."""
    body = orjson.dumps({"errorType": error_type, "errorMessage": message})
    return b"HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
        status,
        len(body),
        body,
    )


class _Invocation:
    __slots__ = ("caller", "keep_alive", "payload", "request_id", "trace_id")

    def __init__(self, caller: _InvokeConnection, keep_alive: bool, payload: bytes) -> None:
        self.caller = caller
        self.keep_alive = keep_alive
        self.payload = payload
        # One read of the random source for both ids: uuid4 layout, then an X-Ray root and parent.
        h = os.urandom(36).hex().encode("ascii")
        variant = _VARIANT[h[16]]
        self.request_id = b"%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], variant, h[17:20], h[20:32])
        self.trace_id = b"Root=1-%08x-%s;Parent=%s;Sampled=0" % (int(time.time()), h[32:56], h[56:72])


class _Connection(asyncio.Protocol):
    """One HTTP/1.1 connection: llhttp callbacks collect a request, ``request`` serves it."""

    def __init__(self, floor: FloorEmulator) -> None:
        self.floor = floor
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpRequestParser(self)
        self.url = b""
        self.body: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass
        self.floor.connections.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.floor.connections.discard(self)
        self.transport = None

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self.send(_error(b"400 Bad Request", "BadRequest", str(exc) or type(exc).__name__), False)
        except httptools.HttpParserUpgrade:
            self.send(_error(b"400 Bad Request", "BadRequest", "upgrade is not served"), False)

    def send(self, data: bytes, keep_alive: bool) -> None:
        transport = self.transport
        if transport is None:
            return
        transport.write(data)
        if not keep_alive:
            transport.close()

    # llhttp callbacks
    def on_message_begin(self) -> None:
        self.url = b""
        self.body = []

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        body = self.body
        self.request(
            self.parser.get_method(),
            self.url,
            body[0] if len(body) == 1 else b"".join(body),
            self.parser.should_keep_alive(),
        )

    def request(self, method: bytes, url: bytes, body: bytes, keep_alive: bool) -> None:
        raise NotImplementedError


class _InvokeConnection(_Connection):
    def request(self, method: bytes, url: bytes, body: bytes, keep_alive: bool) -> None:
        floor = self.floor
        path = url.partition(b"?")[0] if b"?" in url else url
        if path != floor.invoke_path or method != b"POST":
            if path.startswith(b"/2015-03-31/functions/") and path.endswith(b"/invocations"):
                name = path[22:-12].decode("utf-8", "replace")
                message = f"Function not found: {floor.function_arn.rpartition(':')[0]}:{name}"
                self.send(_error(b"404 Not Found", "ResourceNotFoundException", message), keep_alive)
            else:
                message = f"Unknown operation {method.decode()} {path.decode('utf-8', 'replace')}"
                self.send(_error(b"404 Not Found", "UnknownOperationException", message), keep_alive)
            return
        if len(body) > _MAX_PAYLOAD:
            message = f"Request must be smaller than {_MAX_PAYLOAD} bytes for the InvokeFunction operation"
            status = b"413 Request Entity Too Large"
            self.send(_error(status, "RequestTooLargeException", message), keep_alive)
            return
        if not body.strip():
            body = b"{}"
        try:
            orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            message = f"Could not parse request body into json: {exc}"
            self.send(_error(b"400 Bad Request", "InvalidRequestContentException", message), keep_alive)
            return
        floor.invoke(_Invocation(self, keep_alive, body))


class _RuntimeConnection(_Connection):
    def __init__(self, floor: FloorEmulator) -> None:
        super().__init__(floor)
        self.content_type = b"application/json"

    def on_message_begin(self) -> None:
        self.url = b""
        self.body = []
        self.content_type = b"application/json"

    def on_header(self, name: bytes, value: bytes) -> None:
        if len(name) == 12 and name.lower() == b"content-type":
            self.content_type = value

    def request(self, method: bytes, url: bytes, body: bytes, keep_alive: bool) -> None:
        floor = self.floor
        if url == _NEXT and method == b"GET":
            floor.next_from(self, keep_alive)
            return
        if url.startswith(_INVOCATION) and method == b"POST":
            request_id, _, action = url[len(_INVOCATION) :].rpartition(b"/")
            if action in {b"response", b"error"}:
                if b"%" in request_id:
                    request_id = unquote_to_bytes(request_id)
                floor.answer_from(self, keep_alive, request_id, action == b"error", body)
                return
        if url == _INIT_ERROR and method == b"POST":
            self.send(_ACCEPTED, keep_alive)
            return
        message = f"Unknown Runtime API path: {method.decode()} {url.decode('utf-8', 'replace')}"
        self.send(_error(b"404 Not Found", "NotFound", message), keep_alive)


class FloorEmulator:
    """One function, one execution environment; ``port`` is the Invoke API's once started."""

    def __init__(
        self,
        *,
        handler: str,
        task_root: Path,
        command: Sequence[str] = (sys.executable, str(FLOOR_RUNTIME)),
        function_name: str = "function",
        timeout_s: float = 3.0,
        region: str = "us-east-1",
        account_id: str = "123456789012",
        version: str = "$LATEST",
    ) -> None:
        self.handler = handler
        self.task_root = task_root
        self.command = tuple(command)
        self.function_arn = f"arn:aws:lambda:{region}:{account_id}:function:{function_name}"
        self.invoke_path = b"/2015-03-31/functions/%s/invocations" % function_name.encode()
        self.timeout_ms = int(timeout_s * 1000)
        self.connections: set[_Connection] = set()
        self._invoke_server: asyncio.Server | None = None
        self._runtime_server: asyncio.Server | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._watch: asyncio.Task[None] | None = None
        self._exit_error: bytes | None = None
        # The runtime's /next waiting for an invoke; the invoke it has; those waiting their turn.
        self._parked: tuple[_RuntimeConnection, bool] | None = None
        self._current: _Invocation | None = None
        self._queue: deque[_Invocation] = deque()
        self._next_head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: %s\r\n"
            b"Lambda-Runtime-Deadline-Ms: %d\r\nLambda-Runtime-Invoked-Function-Arn: "
            + self.function_arn.encode()
            + b"\r\nLambda-Runtime-Trace-Id: %s\r\nContent-Length: %d\r\n\r\n"
        )
        self._result_head = (
            b"HTTP/1.1 200 OK\r\nX-Amzn-RequestId: %s\r\nX-Amz-Executed-Version: "
            + version.encode()
            + b"\r\n%sContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
        )

    @property
    def port(self) -> int:
        if self._invoke_server is None:
            raise RuntimeError("the floor emulator is not started")
        port: int = self._invoke_server.sockets[0].getsockname()[1]
        return port

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        loop = asyncio.get_running_loop()
        self._runtime_server = await loop.create_server(lambda: _RuntimeConnection(self), "127.0.0.1", 0)
        runtime_port = self._runtime_server.sockets[0].getsockname()[1]
        env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{runtime_port}",
            "_HANDLER": self.handler,
            "LAMBDA_TASK_ROOT": str(self.task_root),
        }
        self._process = await asyncio.create_subprocess_exec(
            *self.command, env=env, cwd=str(self.task_root), stdin=asyncio.subprocess.DEVNULL
        )
        self._watch = asyncio.ensure_future(self._watch_runtime(self._process))
        self._invoke_server = await loop.create_server(lambda: _InvokeConnection(self), host, port)

    async def close(self) -> None:
        for server in (self._invoke_server, self._runtime_server):
            if server is not None:
                server.close()
        for connection in list(self.connections):
            if connection.transport is not None:
                connection.transport.close()
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 2.0)
            except asyncio.TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        if self._watch is not None:
            await self._watch

    async def __aenter__(self) -> FloorEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _watch_runtime(self, process: asyncio.subprocess.Process) -> None:
        status = await process.wait()
        self._exit_error = orjson.dumps(
            {"errorType": "Runtime.ExitError", "errorMessage": f"Runtime exited with status {status}"}
        )
        waiting = [self._current, *self._queue] if self._current is not None else list(self._queue)
        self._current = None
        self._queue.clear()
        for invocation in waiting:
            self._fail(invocation, self._exit_error)

    # -- the exchange ------------------------------------------------------------------------------

    def invoke(self, invocation: _Invocation) -> None:
        if self._exit_error is not None:
            self._fail(invocation, self._exit_error)
        elif self._parked is not None and self._current is None:
            runtime, keep_alive = self._parked
            self._parked = None
            if runtime.transport is not None:
                self._dispatch(runtime, keep_alive, invocation)
            else:  # that connection is gone: the invoke waits for the runtime's next /next
                self._queue.append(invocation)
        else:
            self._queue.append(invocation)

    def next_from(self, runtime: _RuntimeConnection, keep_alive: bool) -> None:
        if self._queue and self._current is None:
            self._dispatch(runtime, keep_alive, self._queue.popleft())
        else:
            self._parked = (runtime, keep_alive)

    def _dispatch(self, runtime: _RuntimeConnection, keep_alive: bool, invocation: _Invocation) -> None:
        self._current = invocation
        payload = invocation.payload
        deadline = time.time_ns() // 1_000_000 + self.timeout_ms
        head = self._next_head % (invocation.request_id, deadline, invocation.trace_id, len(payload))
        runtime.send(head + payload, keep_alive)

    def answer_from(
        self, runtime: _RuntimeConnection, keep_alive: bool, request_id: bytes, is_error: bool, body: bytes
    ) -> None:
        current = self._current
        if current is None or request_id != current.request_id:
            message = f"Invalid request ID: {request_id.decode('utf-8', 'replace')!r}"
            runtime.send(_error(b"400 Bad Request", "InvalidRequestID", message), keep_alive)
            return
        self._current = None
        if is_error:
            head = self._result_head % (
                current.request_id,
                b"X-Amz-Function-Error: Unhandled\r\n",
                b"application/json",
                len(body),
            )
        else:
            head = self._result_head % (current.request_id, b"", runtime.content_type, len(body))
        current.caller.send(head + body, current.keep_alive)
        runtime.send(_ACCEPTED, keep_alive)
        if self._queue and self._parked is not None:
            parked, parked_keep_alive = self._parked
            self._parked = None
            self._dispatch(parked, parked_keep_alive, self._queue.popleft())

    def _fail(self, invocation: _Invocation, body: bytes) -> None:
        head = self._result_head % (
            invocation.request_id,
            b"X-Amz-Function-Error: Unhandled\r\n",
            b"application/json",
            len(body),
        )
        invocation.caller.send(head + body, invocation.keep_alive)


async def _serve(floor: FloorEmulator, host: str, port: int) -> None:
    await floor.start(host, port)
    try:
        print(floor.port, flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
    finally:
        await floor.close()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python bench/floor_emulator.py", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--handler", default="lambda_function.handler")
    parser.add_argument("--task-root", type=Path, default=Path.cwd())
    parser.add_argument("--function-name", default="function")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="Invoke API port (default: any free one)")
    parser.add_argument("command", nargs="*", help="the runtime (default: bench/floor_runtime.py)")
    args = parser.parse_args(argv)
    floor = FloorEmulator(
        handler=args.handler,
        task_root=args.task_root.resolve(),
        command=args.command or (sys.executable, str(FLOOR_RUNTIME)),
        function_name=args.function_name,
    )
    run(_serve(floor, args.host, args.port))


if __name__ == "__main__":
    main()
