"""HTTP/1.1 requests parsed by llhttp (httptools) into events; the emulator's server reads HTTP only here.

Rules this module keeps:
- llhttp parses; this module only turns its callbacks into events, queued in order: ``RequestHead``,
  ``Body`` (chunked framing already removed), ``EndOfMessage`` (with the trailers of a chunked body).
  Pipelined requests wait in the queue until the server takes them.
- A request head (request line plus header lines) over ``max_head_bytes`` is a ``ProtocolError`` with
  status 431, however the bytes arrive; whatever llhttp refuses (Content-Length together with
  Transfer-Encoding included) is a ``ProtocolError`` with status 400. After an error nothing more is parsed.
- End of input between requests is ``CLOSED``; inside a request it is a ``ProtocolError``. An upgrade
  request is served like any other and is the connection's last.
- Header names are lower-case bytes; values and the target are bytes as sent.
"""

from __future__ import annotations

from collections import deque

try:
    import httptools
except ModuleNotFoundError as exc:  # pragma: no cover - depends on the installation
    raise ModuleNotFoundError(
        "the Lambda emulator parses HTTP with httptools, which is not installed: "
        "pip install 'lambda-runtime[emulator]' (or: pip install httptools)",
        name="httptools",
    ) from exc

__all__ = ["CLOSED", "NEED_DATA", "Body", "EndOfMessage", "ProtocolError", "RequestHead", "RequestParser"]

RawHeaders = list[tuple[bytes, bytes]]


class ProtocolError(Exception):
    """A request the server cannot accept; answered with ``status`` and the connection closes."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class RequestHead:
    """A request line and its headers; ``keep_alive``: HTTP/1.1 without ``Connection: close``."""

    __slots__ = ("headers", "keep_alive", "method", "target")

    def __init__(self, method: bytes, target: bytes, headers: RawHeaders, keep_alive: bool) -> None:
        self.method = method
        self.target = target
        self.headers = headers
        self.keep_alive = keep_alive


def _head_size(method: bytes, target: bytes, headers: RawHeaders) -> int:
    """The bytes of a request line and its header lines as sent (CRLF line ends)."""
    size = len(method) + len(target) + len(b"  HTTP/1.1\r\n\r\n")
    for name, value in headers:
        size += len(name) + len(value) + 4
    return size


class Body:
    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


class EndOfMessage:
    __slots__ = ("trailers",)

    def __init__(self, trailers: RawHeaders) -> None:
        self.trailers = trailers


# The end of a message without trailers (most of them): one shared, never changed.
_END = EndOfMessage([])


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


class _Stop(Exception):
    """Raised by a callback that recorded an error: llhttp stops parsing."""


NEED_DATA = _Marker("NEED_DATA")
CLOSED = _Marker("CLOSED")
Event = RequestHead | Body | EndOfMessage | _Marker


class RequestParser:
    """Feed bytes with ``receive_data`` (``b""`` at end of input); take events with ``next_event``."""

    def __init__(self, max_head_bytes: int) -> None:
        self._max_head_bytes = max_head_bytes
        self._parser = httptools.HttpRequestParser(self)
        self._events: deque[Event | ProtocolError] = deque()
        self._url = bytearray()
        self._headers: RawHeaders = []
        # Between the first byte of a message and its end; and while its head is not complete.
        self._in_message = False
        self._in_head = True
        self._head_bytes = 0
        # Bytes fed so far, where the read being parsed starts, and where the read the head began in starts.
        self._fed = 0
        self._read_start = 0
        self._head_start = 0
        self._began = False
        self._finished = False  # an error, an upgrade or the end of input: nothing more is parsed

    def receive_data(self, data: bytes) -> None:
        if self._finished:
            return
        if not data:
            self._finished = True
            if self._in_message or self._head_bytes:
                self._events.append(
                    ProtocolError("the peer closed the connection in the middle of a request")
                )
            return
        # Only a read that starts inside a head (or between requests) counts toward the head's size: one
        # that starts in a body may end with the first bytes of the next request.
        counting = self._in_head
        self._began = False
        self._read_start = self._fed
        self._fed += len(data)
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._finished = True
            return
        except httptools.HttpParserError as exc:
            if not self._finished:  # else a callback already recorded the error (``_Stop``)
                self._fail(ProtocolError(str(exc) or type(exc).__name__))
            return
        if counting and self._in_head and not self._began:
            # Bytes of a head that began in an earlier read; a head that began in this read is measured
            # exactly once complete (``_head_size``), or from the next read on.
            self._head_bytes += len(data)
        if self._in_head and self._head_bytes > self._max_head_bytes:
            self._fail(ProtocolError(f"request head exceeds {self._max_head_bytes} bytes", 431))

    def _fail(self, error: ProtocolError) -> None:
        self._finished = True
        self._events.append(error)

    def next_event(self) -> Event:
        """The next event; ``NEED_DATA`` when more bytes are needed; ``ProtocolError`` raised in turn."""
        if self._events:
            event = self._events.popleft()
            if isinstance(event, ProtocolError):
                self._events.appendleft(event)  # every later call raises it too
                raise event
            return event
        return CLOSED if self._finished else NEED_DATA

    def take_whole_body(self) -> tuple[bytes, RawHeaders] | None:
        """The rest of the current request's body and its trailers, taken at once when the queue holds
        all of it as at most one ``Body`` and its ``EndOfMessage``; None otherwise (nothing taken)."""
        events = self._events
        if not events:
            return None
        first = events[0]
        if type(first) is EndOfMessage:
            events.popleft()
            return b"", first.trailers
        if type(first) is Body and len(events) > 1 and type(events[1]) is EndOfMessage:
            events.popleft()
            end = events.popleft()
            assert isinstance(end, EndOfMessage)
            return first.data, end.trailers
        return None

    # -- llhttp callbacks ---------------------------------------------------------------------------

    def on_message_begin(self) -> None:
        self._url = bytearray()
        self._headers = []
        self._in_message = True
        self._in_head = True
        self._head_bytes = 0
        self._head_start = self._read_start
        self._began = True

    def on_url(self, url: bytes) -> None:
        self._url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        parser = self._parser
        method, target, headers = parser.get_method(), bytes(self._url), self._headers
        self._headers = []  # from here on: trailers
        self._in_head = False
        # The head lies within the reads from the one it began in to this one: it is measured only when
        # those could hold more than the limit.
        limit = self._max_head_bytes
        if self._fed - self._head_start > limit and _head_size(method, target, headers) > limit:
            self._fail(ProtocolError(f"request head exceeds {limit} bytes", 431))
            raise _Stop
        keep_alive = parser.should_keep_alive() and parser.get_http_version() == "1.1"
        self._events.append(RequestHead(method, target, headers, keep_alive))

    def on_body(self, body: bytes) -> None:
        self._events.append(Body(bytes(body)))

    def on_message_complete(self) -> None:
        self._events.append(EndOfMessage(self._headers) if self._headers else _END)
        self._headers = []
        self._in_message = False
        self._in_head = True
        self._head_bytes = 0
