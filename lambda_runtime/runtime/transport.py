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
from lambda_runtime.protocol.runtime_api import Endpoint, Request

__all__ = ["Answer", "ChunkedUpload", "Connection", "Response", "TransportError"]

# Bodies up to this size are joined with the head and sent in one write.
_SMALL_BODY = 64 * 1024
_MAX_LINE = 64 * 1024
_MAX_HEADERS = 200
_MAX_LINES = _MAX_HEADERS + 1  # of a head: the status line and the headers
_MAX_HEAD = 4 * _MAX_LINE
_RECV_SIZE = 65536


# The status lines the Runtime API sends most, and their codes: HTTP/1.1, statuses that have a body (the
# fast path reads their Content-Length body off the buffer). Any other line goes through Connection._status.
_USUAL_STATUS_LINES = {
    f"HTTP/1.1 {code}{reason}": code
    for code, reasons in ((200, (" OK", " ", "")), (202, (" Accepted", " ", "")))
    for reason in reasons
}


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


# (status, headers with lower-case names, body): an answer as the loop reads it, without building a
# Response (a Record's ``set_field`` per field adds up when two answers are read per invocation).
Answer = tuple[int, dict[str, str], bytes]


def _render_head(request: Request, authority: str, content_length: int | None) -> bytes:
    parts = [f"{request.method} {request.path} HTTP/1.1\r\nHost: {authority}\r\n"]
    for name, value in request.headers:
        parts.append(f"{name}: {value}\r\n")
    if content_length is not None:
        parts.append(f"Content-Length: {content_length}\r\n")
    parts.append("\r\n")
    return "".join(parts).encode("utf-8")


def _resolvable_host(host: str) -> str | bytes:
    """The host as ``getaddrinfo`` should get it: ASCII hosts (IP addresses, plain names) as bytes.

    A ``str`` host is encoded by the ``idna`` codec, whose first use imports ``encodings.idna``,
    ``stringprep`` and ``unicodedata`` (1-7 ms of cold start); for an ASCII host the bytes are the same.
    """
    return host.encode("ascii") if host.isascii() else host


class _Reader:
    """What the server sent and nobody read yet, over one socket (a ``recv`` per segment, no file object)."""

    __slots__ = ("data", "sock")

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.data = b""

    def fill(self, size: int = _RECV_SIZE) -> None:
        more = self.sock.recv(size)
        if not more:
            raise _PeerClosed("connection closed by the Runtime API")
        self.data += more

    def head(self) -> bytes:
        """The status line and header lines up to the blank line, taken off the buffer."""
        while True:
            data = self.data
            end = data.find(b"\r\n\r\n")
            if end >= 0:
                self.data = data[end + 4 :]
                return data[:end]
            end = data.find(b"\n\n")  # bare LF line ends, which HTTP/1.1 parsers accept
            if end >= 0:
                self.data = data[end + 2 :]
                return data[:end]
            if len(data) > _MAX_HEAD:
                raise TransportError("Runtime API sent an over-long line")
            self.fill()

    def readline(self) -> bytes:
        while (end := self.data.find(b"\n")) < 0:
            if len(self.data) > _MAX_LINE:
                raise TransportError("Runtime API sent an over-long line")
            self.fill()
        line, self.data = self.data[: end + 1], self.data[end + 1 :]
        if len(line) > _MAX_LINE + 2:
            raise TransportError("Runtime API sent an over-long line")
        return line

    def read(self, size: int) -> bytes:
        """Exactly ``size`` bytes; _PeerClosed when the connection ends first."""
        data = self.data
        if len(data) < size:
            pieces = [data]
            have = len(data)
            while have < size:
                more = self.sock.recv(max(size - have, _RECV_SIZE))
                if not more:
                    self.data = b"".join(pieces)
                    raise _PeerClosed("the Runtime API closed the connection mid-body")
                pieces.append(more)
                have += len(more)
            data = b"".join(pieces)
        self.data = data[size:]
        return data[:size]

    def read_to_end(self) -> bytes:
        pieces = [self.data]
        while more := self.sock.recv(_RECV_SIZE):
            pieces.append(more)
        self.data = b""
        return b"".join(pieces)


class Connection:
    """A persistent HTTP/1.1 connection to the Runtime API."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self._authority = endpoint.authority
        self._address = (_resolvable_host(endpoint.host), endpoint.port)
        self._sock: socket.socket | None = None
        self._reader: _Reader | None = None
        # The last bodiless request sent and its rendered head (the loop sends the same /next every time).
        self._cached: tuple[Request, bytes] | None = None

    # -- connection management -------------------------------------------------------------------------

    def _open(self) -> tuple[socket.socket, _Reader]:
        if self._sock is None or self._reader is None:
            try:
                sock = socket.create_connection(self._address)  # type: ignore[arg-type]  # bytes host
            except OSError as exc:
                raise TransportError(
                    f"cannot connect to the Runtime API at {self.endpoint.authority}: {exc}"
                ) from exc
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._sock = sock
            self._reader = _Reader(sock)
        return self._sock, self._reader

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
        self._sock = None
        self._reader = None

    # -- requests ----------------------------------------------------------------------------------------

    def request(self, request: Request) -> Response:
        """Send a request with a Content-Length body and read the answer.

        A request on a reused connection that the server had already closed is sent once more on a new one.
        """
        return Response(*self.exchange(request))

    def exchange(self, request: Request) -> Answer:
        """``request``, answering a plain tuple."""
        cached = self._cached
        if cached is not None and cached[0] is request and self._reader is not None:
            # The /next request again, on the open connection: its head is already rendered.
            try:
                self._reader.sock.sendall(cached[1])
                return self._read_response(self._reader, request.method)
            except (ConnectionError, _PeerClosed):
                self.close()  # closed by the server while idle: sent again on a new connection below
            except OSError as exc:
                self.close()
                raise TransportError(f"Runtime API request failed: {exc}") from exc
        reused = self._sock is not None
        try:
            return self._exchange(request)
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
            return self._exchange(request)
        except (OSError, _PeerClosed) as exc:
            self.close()
            raise TransportError(f"Runtime API request failed: {exc}") from exc

    def post(self, path: str, content_type: str, body: bytes) -> Answer:
        """``exchange(Request("POST", path, (("Content-Type", content_type),), body))``, without building the
        Request: the one request every invocation sends (its response)."""
        if len(body) > _SMALL_BODY:
            return self.exchange(Request("POST", path, (("Content-Type", content_type),), body))
        reused = self._sock is not None
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self._authority}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        try:
            reader = self._reader
            if reader is None:
                reader = self._open()[1]
            reader.sock.sendall(head + body)
            return self._read_response(reader, "POST")
        except (ConnectionError, _PeerClosed):
            self.close()
            if not reused:
                raise TransportError(
                    f"the Runtime API at {self.endpoint.authority} closed the connection"
                ) from None
        except OSError as exc:
            self.close()
            raise TransportError(f"Runtime API request failed: {exc}") from exc
        return self.exchange(Request("POST", path, (("Content-Type", content_type),), body))

    def _exchange(self, request: Request) -> Answer:
        sock, reader = self._open()
        body = request.body
        if not body:
            cached = self._cached
            if cached is not None and cached[0] is request:
                head = cached[1]
            else:
                head = _render_head(request, self._authority, 0)
                self._cached = (request, head)
            sock.sendall(head)
        elif len(body) <= _SMALL_BODY:
            sock.sendall(_render_head(request, self._authority, len(body)) + body)
        else:
            sock.sendall(_render_head(request, self._authority, len(body)))
            sock.sendall(body)
        return self._read_response(reader, request.method)

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
            sock.sendall(_render_head(request, self._authority, None))
        except OSError as exc:
            self.close()
            raise TransportError(f"Runtime API request failed: {exc}") from exc
        return ChunkedUpload(self, sock, request.method)

    # -- reading answers ---------------------------------------------------------------------------------

    def _read_response(self, reader: _Reader, method: str) -> Answer:
        data = reader.data or reader.sock.recv(_RECV_SIZE)
        end = data.find(b"\r\n\r\n")
        if end >= 0:  # the whole head arrived in one segment (the usual case)
            reader.data = data[end + 4 :]
            lines = data[:end].decode("utf-8", "surrogateescape").split("\r\n")
        else:
            if not data:
                raise _PeerClosed("connection closed by the Runtime API")
            reader.data = data
            try:
                head = reader.head()
            except TransportError:
                self.close()
                raise
            lines = head.decode("utf-8", "surrogateescape").split("\n")  # CRLF or bare LF
        status = _USUAL_STATUS_LINES.get(lines[0], 0)
        usual = status > 0  # HTTP/1.1 and a status that has a body
        http_1_0 = False
        if not usual:
            status, http_1_0 = self._status(lines[0])
        if len(lines) > _MAX_LINES:
            self.close()
            raise TransportError("Runtime API sent too many headers")
        headers: dict[str, str] = {}
        # UTF-8 where it is, the raw bytes kept (as surrogates) where not: a request id read here is
        # quoted back to the same bytes in the response path.
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep:
                self.close()
                raise TransportError(f"Runtime API sent a malformed header line: {line[:100]!r}")
            headers[name.strip().lower()] = value.strip()
        if len(headers) != len(lines) - 1:  # a repeated name: its values joined, in order
            headers = _joined_headers(lines)
        length_text = headers.get("content-length")
        if (
            usual
            and length_text is not None
            and length_text.isdigit()
            and len(reader.data) >= (length := int(length_text))
            and method != "HEAD"
            and "transfer-encoding" not in headers
        ):  # the whole body is here as well
            data = reader.data
            body = data[:length]
            reader.data = data[length:]
        else:
            body = self._read_body(reader, method, status, headers)
        if http_1_0 or ("connection" in headers and headers["connection"].lower() == "close"):
            self.close()
        return status, headers, body

    def _status(self, status_line: str) -> tuple[int, bool]:
        """(status code, whether the version is HTTP/1.0) of a status line; TransportError when malformed."""
        version, _, rest = status_line.partition(" ")
        code = rest[:3]
        if not version.startswith("HTTP/1.") or not code.isdigit() or rest[3:4] not in ("", " "):
            self.close()
            raise TransportError(f"Runtime API sent a malformed status line: {status_line[:100]!r}")
        return int(code), version == "HTTP/1.0"

    def _read_body(self, reader: _Reader, method: str, status: int, headers: dict[str, str]) -> bytes:
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return b""
        length_text = headers.get("content-length")
        if length_text is not None and "transfer-encoding" not in headers:
            if not length_text.isdigit():
                self.close()
                raise TransportError(f"Runtime API sent a bad Content-Length: {length_text!r}")
            try:
                return reader.read(int(length_text))
            except _PeerClosed:
                self.close()
                raise TransportError("Runtime API closed the connection mid-body") from None
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return self._read_chunked(reader)
        body = reader.read_to_end()
        self.close()
        return body

    def _read_chunked(self, reader: _Reader) -> bytes:
        pieces: list[bytes] = []
        while True:
            size_text = reader.readline().split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                self.close()
                raise TransportError(f"Runtime API sent a bad chunk size: {size_text[:20]!r}") from None
            if size == 0:
                while reader.readline() not in (b"\r\n", b"\n"):  # trailers, ignored
                    pass
                return b"".join(pieces)
            try:
                pieces.append(reader.read(size))
            except _PeerClosed:
                self.close()
                raise TransportError("Runtime API closed the connection mid-chunk") from None
            reader.readline()


def _joined_headers(lines: list[str]) -> dict[str, str]:
    """Header lines to a dict with lower-case names, the values of a repeated name joined with ", "."""
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        key = name.strip().lower()
        headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    return headers


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
        reader = self._connection._reader
        assert reader is not None
        try:
            sock.sendall(b"0\r\n" + tail.encode("latin-1") + b"\r\n")
            return Response(*self._connection._read_response(reader, self._method))
        except (OSError, _PeerClosed) as exc:
            self._connection.close()
            raise TransportError(f"streaming to the Runtime API failed: {exc}") from exc
