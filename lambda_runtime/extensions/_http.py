"""A small threaded HTTP/1.1 server on h11, for the telemetry listener and the cache's endpoints.

Rules:
- h11 parses and renders every byte; this module only moves bytes between sockets and h11.
- One thread per connection; keep-alive is honoured; a body over ``max_body`` is answered 413.
- A handler gets a ``Request`` and returns a ``Response``; an exception in it is a 500.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import h11

__all__ = ["HttpServer", "Request", "Response"]


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    target: str
    headers: dict[str, str]  # names lower-cased
    body: bytes


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def json(cls, status: int, body: bytes) -> Response:
        return cls(status, body, [("Content-Type", "application/json")])


Handler = Callable[[Request], Response]


class HttpServer:
    def __init__(
        self, handler: Handler, *, host: str = "127.0.0.1", port: int = 0, max_body: int = 8 * 1024 * 1024
    ) -> None:
        self._handler = handler
        self._max_body = max_body
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._sock.bind((host, port))
        except OSError:
            self._sock.close()
            raise
        self._sock.listen(64)
        self.host, self.port = self._sock.getsockname()[:2]
        self._closed = False
        self._thread = threading.Thread(target=self._accept_loop, name=f"http:{self.port}", daemon=True)

    def start(self) -> HttpServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        h = h11.Connection(h11.SERVER)
        try:
            while True:
                request = self._read_request(h, conn)
                if request is None:
                    return
                if isinstance(request, Response):
                    response = request
                else:
                    try:
                        response = self._handler(request)
                    except Exception as exc:
                        print(f"listener: handler failed: {exc!r}", file=sys.stderr)
                        response = Response(500, b"internal error")
                self._send(h, conn, response)
                if h.our_state is h11.MUST_CLOSE or h.their_state is h11.MUST_CLOSE:
                    return
                h.start_next_cycle()
        except (OSError, h11.ProtocolError):
            return
        finally:
            conn.close()

    def _read_request(self, h: h11.Connection, conn: socket.socket) -> Request | Response | None:
        head: h11.Request | None = None
        body = bytearray()
        while True:
            event = h.next_event()
            if event is h11.NEED_DATA:
                data = conn.recv(65536)
                h.receive_data(data)
                if not data and head is None:
                    return None
                continue
            if isinstance(event, h11.Request):
                head = event
            elif isinstance(event, h11.Data):
                body += event.data
                if len(body) > self._max_body:
                    return Response(413, b"request body too large", [("Connection", "close")])
            elif isinstance(event, h11.EndOfMessage):
                assert head is not None
                headers = {
                    name.decode("latin-1").lower(): value.decode("latin-1") for name, value in head.headers
                }
                return Request(head.method.decode(), head.target.decode("latin-1"), headers, bytes(body))
            elif isinstance(event, h11.ConnectionClosed) or event is h11.PAUSED:
                return None

    def _send(self, h: h11.Connection, conn: socket.socket, response: Response) -> None:
        headers = [*response.headers, ("Content-Length", str(len(response.body)))]
        out = h.send(h11.Response(status_code=response.status, headers=headers)) or b""
        if response.body:
            out += h.send(h11.Data(data=response.body)) or b""
        out += h.send(h11.EndOfMessage()) or b""
        conn.sendall(out)
