"""A Runtime API server on loopback, and the real runtime run against it as a subprocess.

The server speaks HTTP through h11 over real sockets. Tests queue events, start ``python -m lambda_runtime``
with a handler from a temporary directory, and read back what the runtime posted: responses, errors,
streamed chunks and trailers, init errors.

Usage::

    with RuntimeApiServer() as api, RuntimeProcess(api, "app.handler", task_root) as runtime:
        request_id = api.add_invocation(b'{"x": 1}')
        posted = api.wait_for(request_id)
        assert posted.kind == "response"
"""

from __future__ import annotations

import contextlib
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import h11

from lambda_runtime.protocol.routes import RouteKind, parse_route
from lambda_runtime.protocol.runtime_api import MAX_PAYLOAD_BYTES, Invocation

__all__ = ["Posted", "RuntimeApiServer", "RuntimeProcess", "write_module"]

_WAIT_SECONDS = 20.0


@dataclass
class Posted:
    """What the runtime posted for one invocation (or for init, with request_id None)."""

    kind: str  # "response" | "error" | "init_error"
    request_id: str | None
    headers: dict[str, str]
    body: bytes
    trailers: dict[str, str] = field(default_factory=dict)
    chunks: list[bytes] = field(default_factory=list)


class RuntimeApiServer:
    """A Runtime API for tests. Invocations are served in the order they were added."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._pending: queue.Queue[Invocation | None] = queue.Queue()
        self._posted: dict[str | None, queue.Queue[Posted]] = {}
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._connections: list[socket.socket] = []
        # Status codes to answer, in order, instead of the normal behaviour (e.g. [500] for /next).
        self.next_overrides: list[int] = []
        self.post_overrides: list[int] = []
        self.requests: list[tuple[str, str]] = []
        self.connections_accepted = 0
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}{self.prefix}"

    def __enter__(self) -> RuntimeApiServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._closed.set()
        self._pending.put(None)
        self._listener.close()
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()

    # -- the test's side ---------------------------------------------------------------------------------

    def add_invocation(
        self,
        body: bytes,
        *,
        request_id: str | None = None,
        deadline_ms: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> str:
        request_id = request_id or str(uuid.uuid4())
        raw = {k.lower(): v for k, v in (headers or {}).items()}
        raw["lambda-runtime-aws-request-id"] = request_id
        deadline = deadline_ms if deadline_ms is not None else int(time.time() * 1000) + 30_000
        raw.setdefault("lambda-runtime-deadline-ms", str(deadline))
        raw.setdefault(
            "lambda-runtime-invoked-function-arn", "arn:aws:lambda:us-east-1:123456789012:function:test"
        )
        self._pending.put(Invocation.from_headers(raw, body))
        return request_id

    def _results(self, request_id: str | None) -> queue.Queue[Posted]:
        with self._lock:
            return self._posted.setdefault(request_id, queue.Queue())

    def wait_for(self, request_id: str | None, timeout: float = _WAIT_SECONDS) -> Posted:
        """What was posted for ``request_id`` (None: the init error)."""
        try:
            return self._results(request_id).get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"nothing posted for {request_id!r} within {timeout} s") from None

    def wait_init_error(self, timeout: float = _WAIT_SECONDS) -> Posted:
        return self.wait_for(None, timeout)

    # -- the server's side --------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self._connections.append(connection)
                self.connections_accepted += 1
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        conn = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_PAYLOAD_BYTES * 2)
        try:
            while not self._closed.is_set():
                request, body, chunks, trailers = self._read_request(conn, connection)
                if request is None:
                    return
                self._dispatch(conn, connection, request, body, chunks, trailers)
                if conn.our_state is h11.MUST_CLOSE:
                    return
                conn.start_next_cycle()
        except (OSError, h11.ProtocolError):
            return
        finally:
            connection.close()

    def _read_request(
        self, conn: h11.Connection, connection: socket.socket
    ) -> tuple[h11.Request | None, bytes, list[bytes], dict[str, str]]:
        request: h11.Request | None = None
        chunks: list[bytes] = []
        trailers: dict[str, str] = {}
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                data = connection.recv(65536)
                conn.receive_data(data)
                if not data and request is None:
                    return None, b"", [], {}
                continue
            if isinstance(event, h11.Request):
                request = event
            elif isinstance(event, h11.Data):
                chunks.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                trailers = {k.decode().lower(): v.decode() for k, v in event.headers}
                return request, b"".join(chunks), chunks, trailers
            elif isinstance(event, h11.ConnectionClosed):
                return None, b"", [], {}

    def _answer(
        self,
        conn: h11.Connection,
        connection: socket.socket,
        status: int,
        body: bytes,
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        # Values as UTF-8 bytes: h11 takes only ASCII str, and tests send request ids beyond ASCII.
        all_headers = [(name.encode(), value.encode()) for name, value in headers or []]
        all_headers.append((b"Content-Length", str(len(body)).encode()))
        if body and not any(name.lower() == b"content-type" for name, _ in all_headers):
            all_headers.append((b"Content-Type", b"application/json"))
        # One write for head and body, as a server answering a small request does.
        connection.sendall(
            (conn.send(h11.Response(status_code=status, headers=all_headers)) or b"")
            + (conn.send(h11.Data(data=body)) or b"")
            + (conn.send(h11.EndOfMessage()) or b"")
        )

    def _dispatch(
        self,
        conn: h11.Connection,
        connection: socket.socket,
        request: h11.Request,
        body: bytes,
        chunks: list[bytes],
        trailers: dict[str, str],
    ) -> None:
        method, target = request.method.decode(), request.target.decode()
        self.requests.append((method, target))
        headers = {k.decode().lower(): v.decode() for k, v in request.headers}
        route = parse_route(method, target, self.prefix)
        if route is None:
            self._answer(conn, connection, 404, b'{"errorType":"NotFound","errorMessage":"unknown path"}')
            return
        if route.kind is RouteKind.NEXT:
            if self.next_overrides:
                status = self.next_overrides.pop(0)
                message = b'{"errorType":"Runtime.Failure","errorMessage":"overridden status"}'
                self._answer(conn, connection, status, message)
                return
            invocation = self._pending.get()
            if invocation is None:
                raise OSError("server closed")
            self._answer(conn, connection, 200, invocation.body, invocation.response_headers())
            return
        if self.post_overrides:
            status = self.post_overrides.pop(0)
            self._answer(conn, connection, status, b'{"errorType":"Overridden","errorMessage":"overridden"}')
        else:
            self._answer(conn, connection, 202, b'{"status":"OK"}')
        kind = {RouteKind.RESPONSE: "response", RouteKind.ERROR: "error"}.get(route.kind, "init_error")
        self._results(route.request_id).put(Posted(kind, route.request_id, headers, body, trailers, chunks))


def write_module(directory: Path, name: str, source: str) -> Path:
    path = directory / f"{name}.py"
    path.write_text(source)
    return path


class RuntimeProcess:
    """``python -m lambda_runtime`` as a subprocess serving ``handler`` against ``api``."""

    def __init__(
        self,
        api: RuntimeApiServer,
        handler: str,
        task_root: Path,
        env: Mapping[str, str] | None = None,
        command: list[str] | None = None,
        pass_fds: tuple[int, ...] = (),
    ) -> None:
        self.stdout_path = task_root / "runtime.stdout"
        self.stderr_path = task_root / "runtime.stderr"
        full_env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("AWS_LAMBDA_", "_LAMBDA_", "_X_AMZN"))
        }
        full_env.update(
            {
                "AWS_LAMBDA_RUNTIME_API": api.endpoint,
                "_HANDLER": handler,
                "LAMBDA_TASK_ROOT": str(task_root),
                "AWS_LAMBDA_FUNCTION_NAME": "test-function",
                "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
                "AWS_LAMBDA_LOG_STREAM_NAME": "2026/11/22/[$LATEST]0123456789abcdef",
            }
        )
        full_env.update(env or {})
        self._command = command or [sys.executable, "-m", "lambda_runtime"]
        self._env = full_env
        self._cwd = task_root
        self._pass_fds = pass_fds
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> RuntimeProcess:
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.process = subprocess.Popen(
                self._command, env=self._env, cwd=self._cwd, stdout=out, stderr=err, pass_fds=self._pass_fds
            )
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def wait(self, timeout: float = _WAIT_SECONDS) -> int:
        assert self.process is not None
        return self.process.wait(timeout=timeout)

    # Read as bytes: universal newlines would turn the \r that joins a TEXT log record into \n.
    @property
    def stdout(self) -> str:
        return self.stdout_path.read_bytes().decode(errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_bytes().decode(errors="replace")
