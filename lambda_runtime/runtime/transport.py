"""Keep-alive HTTP/1.1 client over one socket, stdlib only: the runtime's link to the Runtime API.

Rules:
- One connection, reused for every request; reconnect when the server closed it.
- No timeout on reads: the process is frozen between invokes and /next may block for hours.
- Reads Content-Length, chunked and read-until-close bodies; sends Content-Length bodies and chunked bodies
  with trailers (streamed responses report late errors in trailers, which http.client cannot send).
"""

from __future__ import annotations

import socket
from collections.abc import Iterable

from lambda_runtime._record import Record, set_field
from lambda_runtime.runtime.protocol import Endpoint, Request

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

__all__ = ["ChunkedUpload", "Connection", "Response", "TransportError"]

# Bodies up to this size are joined with the head and sent in one write.
_SMALL_BODY = 64 * 1024
_MAX_LINE = 64 * 1024
_MAX_HEADERS = 200


class TransportError(Exception):
    """The Runtime API could not be reached, or answered something that is not HTTP."""


class Response(Record):
    __slots__ = ("body", "headers", "status")
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        set_field(self, "status", status)
        set_field(self, "headers", headers)
        set_field(self, "body", body)


def _render_head(request: Request, authority: str, extra: Iterable[tuple[str, str]]) -> bytes:
    lines = [f"{request.method} {request.path} HTTP/1.1", f"Host: {authority}"]
    lines.extend(f"{name}: {value}" for name, value in request.headers)
    lines.extend(f"{name}: {value}" for name, value in extra)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _resolvable_host(host: str) -> str | bytes:
    """The host as ``getaddrinfo`` should get it: ASCII hosts (IP addresses, plain names) as bytes.

    A ``str`` host is encoded by the ``idna`` codec, whose first use imports ``encodings.idna``,
    ``stringprep`` and ``unicodedata`` (1-7 ms of cold start); for an ASCII host the bytes are the same.
    """
    return host.encode("ascii") if host.isascii() else host


class Connection:
    """A persistent HTTP/1.1 connection to the Runtime API."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self._address = (_resolvable_host(endpoint.host), endpoint.port)
        self._sock: socket.socket | None = None
        self._reader: BinaryIO | None = None

    # -- connection management -------------------------------------------------------------------------

    def _open(self) -> tuple[socket.socket, BinaryIO]:
        if self._sock is None or self._reader is None:
            try:
                sock = socket.create_connection(self._address)  # type: ignore[arg-type]  # bytes host
            except OSError as exc:
                raise TransportError(
                    f"cannot connect to the Runtime API at {self.endpoint.authority}: {exc}"
                ) from exc
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._sock = sock
            self._reader = sock.makefile("rb")
        return self._sock, self._reader

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        if self._sock is not None:
            self._sock.close()
        self._sock = None
        self._reader = None

    # -- requests ----------------------------------------------------------------------------------------

    def request(self, request: Request) -> Response:
        """Send a request with a Content-Length body and read the answer.

        A request on a reused connection that the server had already closed is sent once more on a new one.
        """
        body = request.body or b""
        reused = self._sock is not None
        try:
            return self._exchange(request, body)
        except (ConnectionError, _PeerClosed):
            self.close()
            if not reused:
                raise TransportError(
                    f"the Runtime API at {self.endpoint.authority} closed the connection"
                ) from None
        except OSError as exc:
            self.close()
            raise TransportError(f"Runtime API request failed: {exc}") from exc
        try:
            return self._exchange(request, body)
        except (OSError, _PeerClosed) as exc:
            self.close()
            raise TransportError(f"Runtime API request failed: {exc}") from exc

    def _exchange(self, request: Request, body: bytes) -> Response:
        sock, _ = self._open()
        head = _render_head(request, self.endpoint.authority, (("Content-Length", str(len(body))),))
        if len(body) <= _SMALL_BODY:
            sock.sendall(head + body)
        else:
            sock.sendall(head)
            sock.sendall(body)
        return self._read_response(request.method)

    def start_chunked(self, request: Request) -> ChunkedUpload:
        """Send the head of a chunked request; the caller writes chunks and then finishes."""
        if self._sock is not None and self._reader is not None:
            # A streamed body cannot be replayed, so make sure the connection is alive before using it.
            self._sock.setblocking(False)
            try:
                if self._sock.recv(1, socket.MSG_PEEK) == b"":
                    self.close()
            except BlockingIOError:
                pass
            except OSError:
                self.close()
            finally:
                if self._sock is not None:
                    self._sock.setblocking(True)
        sock, _ = self._open()
        try:
            sock.sendall(_render_head(request, self.endpoint.authority, ()))
        except OSError as exc:
            self.close()
            raise TransportError(f"Runtime API request failed: {exc}") from exc
        return ChunkedUpload(self, sock, request.method)

    # -- reading answers ---------------------------------------------------------------------------------

    def _readline(self, reader: BinaryIO) -> bytes:
        line = reader.readline(_MAX_LINE + 1)
        if not line:
            raise _PeerClosed("connection closed by the Runtime API")
        if len(line) > _MAX_LINE or not line.endswith(b"\n"):
            raise TransportError("Runtime API sent an over-long line")
        return line

    def _read_response(self, method: str) -> Response:
        _, reader = self._open()
        status_line = self._readline(reader)
        parts = status_line.split(None, 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
            self.close()
            raise TransportError(f"Runtime API sent a malformed status line: {status_line[:100]!r}")
        status = int(parts[1])
        headers = self._read_headers(reader)
        body = self._read_body(reader, method, status, headers)
        if headers.get("connection", "").lower() == "close" or parts[0] == b"HTTP/1.0":
            self.close()
        return Response(status, headers, body)

    def _read_headers(self, reader: BinaryIO) -> dict[str, str]:
        headers: dict[str, str] = {}
        for _ in range(_MAX_HEADERS):
            line = self._readline(reader)
            if line in (b"\r\n", b"\n"):
                return headers
            # UTF-8 where it is, the raw bytes kept (as surrogates) where not: a request id read here is
            # quoted back to the same bytes in the response path.
            name, sep, value = line.decode("utf-8", "surrogateescape").partition(":")
            if not sep:
                self.close()
                raise TransportError(f"Runtime API sent a malformed header line: {line[:100]!r}")
            key = name.strip().lower()
            value = value.strip()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        self.close()
        raise TransportError("Runtime API sent too many headers")

    def _read_body(self, reader: BinaryIO, method: str, status: int, headers: dict[str, str]) -> bytes:
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return b""
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return self._read_chunked(reader)
        length_text = headers.get("content-length")
        if length_text is not None:
            if not length_text.isdigit():
                self.close()
                raise TransportError(f"Runtime API sent a bad Content-Length: {length_text!r}")
            length = int(length_text)
            body = reader.read(length)
            if len(body) != length:
                self.close()
                raise TransportError("Runtime API closed the connection mid-body")
            return body
        body = reader.read()
        self.close()
        return body

    def _read_chunked(self, reader: BinaryIO) -> bytes:
        pieces: list[bytes] = []
        while True:
            size_text = self._readline(reader).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                self.close()
                raise TransportError(f"Runtime API sent a bad chunk size: {size_text[:20]!r}") from None
            if size == 0:
                self._read_headers(reader)  # trailers, ignored
                return b"".join(pieces)
            chunk = reader.read(size)
            if len(chunk) != size:
                self.close()
                raise TransportError("Runtime API closed the connection mid-chunk")
            pieces.append(chunk)
            self._readline(reader)


class _PeerClosed(Exception):
    pass


class ChunkedUpload:
    """The body of a chunked request in flight."""

    def __init__(self, connection: Connection, sock: socket.socket, method: str) -> None:
        self._connection = connection
        self._sock = sock
        self._method = method
        self.bytes_sent = 0

    def _socket(self) -> socket.socket:
        if self._connection._sock is not self._sock:
            raise TransportError("the Runtime API connection was lost mid-stream")
        return self._sock

    def write(self, data: bytes) -> None:
        if not data:
            return
        sock = self._socket()
        try:
            sock.sendall(b"%X\r\n%b\r\n" % (len(data), data))
        except OSError as exc:
            self._connection.close()
            raise TransportError(f"streaming to the Runtime API failed: {exc}") from exc
        self.bytes_sent += len(data)

    def finish(self, trailers: Iterable[tuple[str, str]] = ()) -> Response:
        """Send the last chunk (and trailers), then read the answer."""
        tail = "".join(f"{name}: {value}\r\n" for name, value in trailers)
        sock = self._socket()
        try:
            sock.sendall(b"0\r\n" + tail.encode("latin-1") + b"\r\n")
            return self._connection._read_response(self._method)
        except (OSError, _PeerClosed) as exc:
            self._connection.close()
            raise TransportError(f"streaming to the Runtime API failed: {exc}") from exc
