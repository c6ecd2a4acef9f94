"""A small HTTP/1.1 server on asyncio, shared by every API of the emulator.

Rules this module keeps:
- Requests are parsed by llhttp (parser.py); nothing here reads HTTP by hand. Responses are written here:
  a Content-Length response in one piece, a streamed one with chunked framing; a header value holding a
  line break or NUL is refused before anything is written (``_ResponseError``, the connection closes).
- One request at a time per connection, connections kept alive (HTTP/1.1 without ``Connection: close``).
  Pipelined requests wait in the parser's queue and are served in order.
- Framing the RFC forbids is refused before any handler runs: Content-Length together with
  Transfer-Encoding (RFC 9112 section 6.1) -> 400 and close; a request head (request line plus headers)
  over ``MAX_HEAD_BYTES`` -> 431 and close, however the bytes arrived.
- Dead connections close: ``idle_timeout_s`` without the first byte of a next request, or
  ``header_timeout_s`` from then until its head is complete (slow headers). Bodies have no timeout.
- While a streamed (chunked) response is being written after the request body was consumed, the
  connection is watched: a peer that goes away (EOF, half-close included, or an error) ends the response
  at once (the chunk iterator is closed), instead of at the next chunk.
- ``path_prefix``: when set, only paths under it are served (the prefix is removed before routing);
  a request without it is served only when ``trust_peer(peer_address, server_port)`` says so for its
  connection (asked once per connection), otherwise 404.
- The listener never floods the log: an accept() failure such as running out of file descriptors (EMFILE,
  ENFILE) is logged once per server and kind, then accepting backs off (up to ``_ACCEPT_BACKOFF_MAX_S``)
  and resumes.
- Request bodies are read on demand by the handler: ``await request.read(limit)`` (buffered, capped; raises
  ``BodyTooLarge`` without buffering the excess) or ``async for chunk in request.stream()`` (as it arrives).
  Trailers of a chunked body are on ``request.trailers`` once the body is consumed. Whatever a handler leaves
  unread is drained and discarded after the response, up to ``drain_limit`` bytes; beyond that the
  connection closes.
- A handler answers ``HttpResponse`` (Content-Length) or ``StreamingHttpResponse`` (chunked, each chunk
  written as the iterator produces it).
- Nothing a peer sends takes the listener down: malformed HTTP -> 400 and close, an unknown path -> the
  router's fallback (404), a handler that raises -> 500.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import hmac
import logging
import re
import socket
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import cast

import orjson

from lambda_runtime.emulator.http.parser import (
    CLOSED,
    NEED_DATA,
    Body,
    EndOfMessage,
    ProtocolError,
    RequestHead,
    RequestParser,
)
from lambda_runtime.emulator.tasks import TaskGroup

__all__ = [
    "BodyTooLarge",
    "Handler",
    "Headers",
    "HttpRequest",
    "HttpResponse",
    "HttpServer",
    "Route",
    "Router",
    "StreamingHttpResponse",
]

_log = logging.getLogger(__name__)

# Header pairs; names of a request's headers are lower-case.
Headers = tuple[tuple[str, str], ...]

_READ_SIZE = 256 * 1024
DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024 + 100
DEFAULT_DRAIN_LIMIT = 64 * 1024 * 1024
# Request line plus headers.
MAX_HEAD_BYTES = 64 * 1024
# A kept-alive connection closes after this long without a next request.
DEFAULT_IDLE_TIMEOUT_S = 60.0
# A request head must be complete this long after its first byte.
DEFAULT_HEADER_TIMEOUT_S = 10.0
_ACCEPT_BACKOFF_MIN_S = 0.01
_ACCEPT_BACKOFF_MAX_S = 1.0
# accept() failing with these: try again at once (the peer gave up, or a signal). Any other failure (EMFILE,
# ENFILE, ENOBUFS, ENOMEM: out of descriptors or memory) backs off; the connection waits in the backlog.
_ACCEPT_TRANSIENT_ERRORS = frozenset({errno.ECONNABORTED, errno.EPROTO, errno.EINTR, errno.EAGAIN})
_BACKLOG = 128
# A head timer that fires this close to its deadline counts as on time (event loop clocks are coarse).
_TIMER_SLACK_S = 0.001


class BodyTooLarge(Exception):
    """The request body is longer than the limit the handler read it with."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body exceeds {limit} bytes")
        self.limit = limit


class _Disconnected(Exception):
    """The peer closed the connection in the middle of a request."""


class _TimedOut(Exception):
    """The peer sent nothing (idle) or too slowly (a request head) for too long."""


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    headers: Headers = ()
    body: bytes = b""

    @classmethod
    def json(cls, status: int, doc: object, headers: Iterable[tuple[str, str]] = ()) -> HttpResponse:
        return cls(status, (("Content-Type", "application/json"), *headers), orjson.dumps(doc))


@dataclass(frozen=True, slots=True)
class StreamingHttpResponse:
    """A response sent with chunked framing; each item of ``chunks`` is written as soon as it is produced."""

    status: int
    headers: Headers
    chunks: AsyncIterable[bytes]


Response = HttpResponse | StreamingHttpResponse


class HttpRequest:
    """One request: its head at once, its body on demand. Header names are looked up without regard to
    case; a name sent twice answers its first value."""

    __slots__ = (
        "_body_done",
        "_conn",
        "_fields",
        "_raw",
        "method",
        "params",
        "path",
        "query",
        "target",
        "trailers",
    )

    def __init__(self, conn: _Connection, event: RequestHead) -> None:
        self._conn = conn
        self.method = event.method.decode("ascii", "replace")
        self.target = event.target.decode("ascii", "replace")
        self.path, _, self.query = self.target.partition("?")
        self._raw = event.headers
        # Reversed, so that the first of repeated names is the one kept.
        self._fields = {
            name.decode("latin-1"): value.decode("latin-1") for name, value in reversed(event.headers)
        }
        self.params: dict[str, str] = {}
        self.trailers: Headers = ()
        self._body_done = False

    @property
    def headers(self) -> Headers:
        """Every header as sent, in order (names lower-case)."""
        return tuple((name.decode("latin-1"), value.decode("latin-1")) for name, value in self._raw)

    def header(self, name: str) -> str | None:
        return self._fields.get(name.lower())

    @property
    def content_length(self) -> int | None:
        text = self._fields.get("content-length")
        return int(text) if text is not None and text.isdigit() else None

    async def stream(self) -> AsyncIterator[bytes]:
        """The body's chunks as they arrive (the parser already removed the chunked framing)."""
        while not self._body_done:
            chunk = await self._conn.next_body_chunk(self)
            if chunk:
                yield chunk

    async def read(self, limit: int = DEFAULT_MAX_BODY_BYTES) -> bytes:
        """The whole body; ``BodyTooLarge`` as soon as it is known to exceed ``limit``."""
        declared = self.content_length
        if declared is not None and declared > limit:
            raise BodyTooLarge(limit)
        if not self._body_done:
            whole = self._conn.whole_body_at_hand(self)
            if whole is not None:
                if len(whole) > limit:
                    raise BodyTooLarge(limit)
                return whole
        parts: list[bytes] = []
        size = 0
        while not self._body_done:
            chunk = await self._conn.next_body_chunk(self)
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge(limit)
            parts.append(chunk)
        return b"".join(parts)

    def _finish(self, trailers: Headers) -> None:
        self._body_done = True
        self.trailers = trailers


Handler = Callable[[HttpRequest], Awaitable[Response]]

_PARAM = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Route:
    """``method`` and a path ``pattern`` like ``/functions/{name}/invocations``; {x} matches one segment."""

    method: str
    pattern: str
    handler: Handler
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = _PARAM.split(self.pattern)
        source = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
        )
        object.__setattr__(self, "regex", re.compile(source))


async def _not_found(request: HttpRequest) -> HttpResponse:
    return HttpResponse.json(
        404, {"errorMessage": f"no route for {request.method} {request.path}", "errorType": "NotFound"}
    )


class Router:
    """Method + path -> handler. Exact paths are looked up first, then patterns in the order added."""

    def __init__(self, fallback: Handler = _not_found) -> None:
        self._exact: dict[tuple[str, str], Handler] = {}
        self._patterns: list[Route] = []
        self.fallback = fallback

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        self.add_route(Route(method, pattern, handler))

    def add_route(self, route: Route) -> None:
        if "{" in route.pattern:
            self._patterns.append(route)
        else:
            self._exact[(route.method, route.pattern)] = route.handler

    def resolve(self, request: HttpRequest) -> Handler:
        handler = self._exact.get((request.method, request.path))
        if handler is not None:
            return handler
        for route in self._patterns:
            if route.method != request.method:
                continue
            match = route.regex.fullmatch(request.path)
            if match is not None:
                request.params = match.groupdict()
                return route.handler
        return self.fallback


@functools.lru_cache(maxsize=64)
def _status_line(status: int) -> bytes:
    try:
        reason = HTTPStatus(status).phrase.encode("ascii")
    except ValueError:
        reason = b""
    return b"HTTP/1.1 %d %s\r\n" % (status, reason)


_NO_BODY_STATUSES = frozenset({204, 304})


def _framing_error(request: HttpRequest) -> ProtocolError | None:
    """What makes ``request`` unacceptable before its body is read, if anything (llhttp refuses
    Content-Length with Transfer-Encoding itself; the check stays so the rule does not hang on it)."""
    fields = request._fields
    if "content-length" in fields and "transfer-encoding" in fields:
        return ProtocolError("both Content-Length and Transfer-Encoding (RFC 9112 section 6.1)")
    return None


def _decoded(pairs: list[tuple[bytes, bytes]]) -> Headers:
    if not pairs:
        return ()
    return tuple((name.decode("latin-1"), value.decode("latin-1")) for name, value in pairs)


def _failure_response(request: HttpRequest, error: Exception) -> HttpResponse:
    """The answer to a handler that raised: 413 for a body over its limit, 500 (logged) otherwise."""
    if isinstance(error, BodyTooLarge):
        return HttpResponse.json(413, {"errorMessage": str(error), "errorType": "RequestEntityTooLarge"})
    _log.error("handler for %s %s failed", request.method, request.path, exc_info=error)
    return HttpResponse.json(
        500, {"errorMessage": "internal error in the emulator", "errorType": "ServiceException"}
    )


class _ResponseError(ValueError):
    """A response that cannot be written as asked (a header that would break the framing)."""


def _encode_head(status: int, headers: Headers, framing: bytes, keep_alive: bool) -> bytes:
    """Status line and headers, then ``framing`` (a Content-Length or Transfer-Encoding line, or nothing)
    and ``Connection: close`` unless kept alive; ``_ResponseError`` for a line break or NUL in a header."""
    fields = "".join([f"{name}: {value}\n" for name, value in headers])
    if fields.count("\n") != len(headers) or "\r" in fields or "\0" in fields:
        raise _ResponseError(f"illegal character in response headers {headers!r}")
    return b"".join(
        (
            _status_line(status),
            fields.replace("\n", "\r\n").encode("latin-1"),
            framing,
            b"\r\n" if keep_alive else b"Connection: close\r\n\r\n",
        )
    )


def _encode_response(response: HttpResponse, keep_alive: bool, *, head_only: bool = False) -> bytes:
    """A whole Content-Length response; ``head_only`` (HEAD): the head with the body's length.
    204 and 304 have neither a length nor a body."""
    if response.status in _NO_BODY_STATUSES:
        return _encode_head(response.status, response.headers, b"", keep_alive)
    framing = b"Content-Length: %d\r\n" % len(response.body)
    head = _encode_head(response.status, response.headers, framing, keep_alive)
    return head if head_only else head + response.body


def _encode_chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


_LAST_CHUNK = b"0\r\n\r\n"


class _Wire(asyncio.Protocol):
    """A connection's bytes without asyncio streams: what the peer sent waits here until ``read`` (reading
    pauses while over ``_READ_SIZE`` is unread), ``write`` goes straight to the transport, and ``drain``
    waits only while the transport is over its high-water mark. A peer's half-close keeps the connection
    open for the response."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.transport: asyncio.Transport | None = None
        self._chunks: deque[bytes] = deque()
        self._unread = 0
        self._eof = False
        self._lost = False
        self._error: BaseException | None = None
        self._reading_paused = False
        self._writing_paused = False
        self._waiter: asyncio.Future[None] | None = None
        self._drain_waiter: asyncio.Future[None] | None = None

    # -- asyncio.Protocol ---------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's transports do not subclass it

    def data_received(self, data: bytes) -> None:
        self._chunks.append(data)
        self._unread += len(data)
        if self._unread > _READ_SIZE and not self._reading_paused and self.transport is not None:
            self._reading_paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self._eof = True
        self._wake()
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        self._eof = True
        self._lost = True
        self._error = exc
        self._wake()
        waiter = self._drain_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def pause_writing(self) -> None:
        self._writing_paused = True

    def resume_writing(self) -> None:
        self._writing_paused = False
        waiter = self._drain_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.done():
                waiter.set_result(None)

    # -- for the connection ---------------------------------------------------------------------------

    def take(self) -> bytes | None:
        """The next bytes the peer sent; ``b""`` at its end (the error that ended it, if any, raised);
        None while nothing new has arrived (await ``arrival()``)."""
        if not self._chunks:
            if self._eof:
                if self._error is not None:
                    raise self._error
                return b""
            return None
        data = self._chunks.popleft()
        self._unread -= len(data)
        if self._reading_paused and self._unread <= _READ_SIZE and not self._lost:
            self._reading_paused = False
            assert self.transport is not None
            self.transport.resume_reading()
        return data

    def arrival(self) -> asyncio.Future[None]:
        """Done once bytes or the end arrive (one waiter at a time)."""
        waiter = self.loop.create_future()
        self._waiter = waiter
        return waiter

    async def read(self) -> bytes:
        """The next bytes the peer sent; ``b""`` at its end (the error that ended it, if any, raised)."""
        while (data := self.take()) is None:
            await self.arrival()
        return data

    def write(self, data: bytes) -> bool:
        """Send ``data``; True when ``drain`` has something to do (writing paused, or the connection gone)."""
        assert self.transport is not None
        self.transport.write(data)
        return self._writing_paused or self._lost

    async def drain(self) -> None:
        """Wait while the transport's buffer is over its high-water mark; ``ConnectionResetError`` once
        the connection is gone."""
        if self._lost:
            raise ConnectionResetError("connection lost")
        while self._writing_paused:
            waiter = self.loop.create_future()
            self._drain_waiter = waiter
            try:
                await waiter
            finally:
                self._drain_waiter = None
            if self._lost:
                raise ConnectionResetError("connection lost")

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.abort()

    def get_extra_info(self, name: str) -> object:
        return None if self.transport is None else self.transport.get_extra_info(name)


class _Connection:
    """One client connection: reads requests, runs handlers, writes responses."""

    def __init__(self, server: HttpServer, wire: _Wire) -> None:
        self._server = server
        self._wire = wire
        self._parser = RequestParser(MAX_HEAD_BYTES)
        # Of the request in hand: whether the connection stays open, whether its response has begun.
        self._keep_alive = True
        self._responding = False
        self._trusted: bool | None = None
        self._expired = False
        # The head deadline in force (None while no head is awaited) and the timer that checks it.
        self._deadline: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._timer_at = 0.0

    def _peer_trusted(self) -> bool:
        """``trust_peer`` for this connection's peer, asked once."""
        if self._trusted is None:
            check = self._server.trust_peer
            peer = self._wire.get_extra_info("peername")
            self._trusted = bool(
                check is not None
                and isinstance(peer, tuple)
                and check((str(peer[0]), int(peer[1])), self._server.port)
            )
        return self._trusted

    async def _next_event(self, head: bool = False) -> RequestHead | Body | EndOfMessage | object:
        """The next parser event; ``head``: of a request head, under the idle and header timeouts
        (one timer per connection aborts it, see ``_arm``: cheaper than ``asyncio.wait_for``)."""
        parser = self._parser
        event = parser.next_event()
        if event is not NEED_DATA:
            return event
        server = self._server
        wire = self._wire
        loop = wire.loop
        deadline = loop.time() + server.idle_timeout_s if head else None
        started = False
        while True:
            data = wire.take()
            if data is None:
                if deadline is None:
                    await wire.arrival()
                    continue
                self._arm(loop, deadline)
                try:
                    await wire.arrival()
                finally:
                    self._deadline = None
                if self._expired:
                    raise _TimedOut
                continue
            if deadline is not None and data and not started:
                started = True
                deadline = loop.time() + server.header_timeout_s
            parser.receive_data(data)
            event = parser.next_event()
            if event is not NEED_DATA:
                return event

    def _body_consumed(self, request: HttpRequest) -> bool:
        """Whether ``request``'s body has been read, counting a bodiless request (no Content-Length or 0,
        no Transfer-Encoding) as read: the parser has its end at hand without any I/O."""
        if request._body_done:
            return True
        fields = request._fields
        if "transfer-encoding" in fields or fields.get("content-length", "0") != "0":
            return False
        event = self._parser.next_event()
        if isinstance(event, EndOfMessage):
            request._finish(())
            return True
        raise ProtocolError(f"unexpected {event!r} after a bodiless request")

    def _arm(self, loop: asyncio.AbstractEventLoop, deadline: float) -> None:
        """Abort the connection at ``deadline`` unless ``_deadline`` is cleared first. The connection's one
        timer is moved only when the deadline comes earlier than it fires; firing early, it re-arms itself."""
        self._deadline = deadline
        timer = self._timer
        if timer is not None:
            if self._timer_at <= deadline:
                return
            timer.cancel()
        self._timer = loop.call_at(deadline, self._on_timer, loop)
        self._timer_at = deadline

    def _on_timer(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        deadline = self._deadline
        if deadline is None:
            return
        if loop.time() + _TIMER_SLACK_S < deadline:
            self._arm(loop, deadline)
            return
        self._expire()

    def _expire(self) -> None:
        """A head timeout: the pending read ends (with EOF) and ``_next_event`` raises ``_TimedOut``."""
        self._expired = True
        self._wire.abort()

    async def next_body_chunk(self, request: HttpRequest) -> bytes:
        return self._body_event(request, await self._next_event())

    def whole_body_at_hand(self, request: HttpRequest) -> bytes | None:
        """The rest of ``request``'s body if the parser has all of it already (no I/O), else None."""
        taken = self._parser.take_whole_body()
        if taken is None:
            return None
        data, trailers = taken
        request._finish(_decoded(trailers))
        return data

    @staticmethod
    def _body_event(request: HttpRequest, event: object) -> bytes:
        if isinstance(event, Body):
            return event.data
        if isinstance(event, EndOfMessage):
            request._finish(_decoded(event.trailers))
            return b""
        raise _Disconnected

    async def _write_streaming(
        self, response: StreamingHttpResponse, *, head_only: bool = False, watch_peer: bool = False
    ) -> None:
        """Write ``response`` with chunked framing; ``head_only`` (a HEAD request): its head only.
        ``watch_peer``: read the connection while chunks are written, to notice a peer that left (only
        once the request body is consumed: the chunk iterator may still be reading it otherwise)."""
        head = _encode_head(
            response.status, response.headers, b"Transfer-Encoding: chunked\r\n", self._keep_alive
        )
        self._responding = True
        self._wire.write(head)
        await self._wire.drain()
        if head_only:
            return
        if watch_peer:
            await self._write_chunks(response.chunks)
        else:
            async for chunk in response.chunks:
                if chunk:
                    self._wire.write(_encode_chunk(chunk))
                    await self._wire.drain()
        self._wire.write(_LAST_CHUNK)
        await self._wire.drain()

    async def _write_chunks(self, chunks: AsyncIterable[bytes]) -> None:
        """Write each chunk as produced; ``_Disconnected`` (the iterator closed) once the peer is gone."""
        iterator = aiter(chunks)
        watch = asyncio.ensure_future(self._watch_peer())
        step: asyncio.Future[bytes] | None = None
        try:
            while True:
                step = asyncio.ensure_future(anext(iterator))
                await asyncio.wait((step, watch), return_when=asyncio.FIRST_COMPLETED)
                if not step.done():
                    raise _Disconnected
                try:
                    chunk = step.result()
                except StopAsyncIteration:
                    return
                if chunk:
                    self._wire.write(_encode_chunk(chunk))
                    await self._wire.drain()
        finally:
            # The iterator is never left running: a pending step is cancelled (into the iterator) first.
            if step is not None and not step.done():
                step.cancel()
                with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                    await step
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch
            close = getattr(iterator, "aclose", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    await close()

    async def _watch_peer(self) -> None:
        """Return once the peer closed or broke the connection; what it sends meanwhile (a pipelined
        request) goes to the parser's queue for later. Stops reading (but keeps waiting) past one read's
        worth."""
        buffered = 0
        while buffered <= _READ_SIZE:
            try:
                data = await self._wire.read()
            except (ConnectionError, OSError):
                return
            if not data:
                return
            buffered += len(data)
            self._parser.receive_data(data)
        await asyncio.Event().wait()

    async def _drain_body(self, request: HttpRequest) -> bool:
        """Discard the unread rest of the body; False when it is too long to be worth reading."""
        budget = self._server.drain_limit
        try:
            async for chunk in request.stream():
                budget -= len(chunk)
                if budget < 0:
                    return False
        except (_Disconnected, ProtocolError):
            return False
        return True

    async def _bad_request(self, error: ProtocolError) -> None:
        """Answer a request the parser refused (400, or 431 for a head too long) and let the connection
        close; nothing is written when a response has already begun."""
        if self._responding:
            return
        body = orjson.dumps({"errorMessage": f"malformed HTTP request: {error}", "errorType": "BadRequest"})
        headers = (("Content-Type", "application/json"),)
        try:
            self._wire.write(_encode_response(HttpResponse(error.status, headers, body), keep_alive=False))
            await self._wire.drain()
        except ConnectionError:
            pass

    def _write_buffered(self, request: HttpRequest, response: HttpResponse) -> bool:
        """Write a Content-Length ``response`` (its head only for HEAD); True when ``drain`` is due."""
        self._body_consumed(request)
        self._responding = True
        data = _encode_response(response, self._keep_alive, head_only=request.method == "HEAD")
        return self._wire.write(data)

    async def serve(self, sock: socket.socket) -> None:
        """Serve the accepted ``sock`` until the peer leaves, a request ends the connection, or ``close``
        (which cancels: the connection then ends quietly)."""
        wire = self._wire
        try:
            await wire.loop.connect_accepted_socket(lambda: wire, sock)
        except BaseException:
            sock.close()
            raise
        try:
            while True:
                try:
                    event = await self._next_event(head=True)
                except ProtocolError as error:
                    await self._bad_request(error)
                    return
                except _TimedOut:
                    return
                if event is CLOSED or not isinstance(event, RequestHead):
                    return
                self._responding = False
                request = HttpRequest(self, event)
                refusal = _framing_error(request)
                if refusal is not None:
                    await self._bad_request(refusal)
                    return
                server = self._server
                allowed = server.strip_prefix(request) if server.path_prefix else True
                if allowed is None:
                    allowed = self._peer_trusted()
                self._keep_alive = event.keep_alive
                # The handler runs in this coroutine (not one of its own): every wait of the handler
                # resumes one frame less. Its error is a 413 or 500 answer; a broken connection or a
                # malformed request ends the connection.
                handler = server.router.resolve(request) if allowed else _not_found
                try:
                    try:
                        response = await handler(request)
                    except (_Disconnected, ProtocolError):
                        raise
                    except Exception as exc:
                        response = _failure_response(request, exc)
                    if isinstance(response, StreamingHttpResponse):
                        watch_peer = self._body_consumed(request)
                        head_only = request.method == "HEAD"
                        await self._write_streaming(response, head_only=head_only, watch_peer=watch_peer)
                    elif self._write_buffered(request, response):
                        await wire.drain()
                except ProtocolError as error:
                    await self._bad_request(error)
                    return
                except _Disconnected:
                    return
                if not request._body_done and not await self._drain_body(request):
                    return
                if not self._keep_alive:
                    return
        except (ConnectionError, asyncio.IncompleteReadError, _ResponseError, asyncio.CancelledError):
            return
        except Exception:
            _log.exception("%s: connection failed", self._server.name)
        finally:
            if self._timer is not None:
                self._timer.cancel()
            self._wire.close()


class HttpServer:
    """Serve ``router`` on one listening socket until ``close()``."""

    def __init__(
        self,
        router: Router,
        *,
        name: str = "http",
        drain_limit: int = DEFAULT_DRAIN_LIMIT,
        path_prefix: str = "",
        trust_peer: Callable[[tuple[str, int], int], bool] | None = None,
        idle_timeout_s: float = DEFAULT_IDLE_TIMEOUT_S,
        header_timeout_s: float = DEFAULT_HEADER_TIMEOUT_S,
    ) -> None:
        if path_prefix and (not path_prefix.startswith("/") or path_prefix.endswith("/")):
            raise ValueError(f"a path prefix starts with '/' and does not end with one: {path_prefix!r}")
        if idle_timeout_s <= 0 or header_timeout_s <= 0:
            raise ValueError("connection timeouts must be positive")
        self.router = router
        self.name = name
        self.drain_limit = drain_limit
        self.path_prefix = path_prefix
        self._prefix_bytes = path_prefix.encode("latin-1")
        self.trust_peer = trust_peer
        self.idle_timeout_s = idle_timeout_s
        self.header_timeout_s = header_timeout_s
        self._socket: socket.socket | None = None
        self._acceptor: asyncio.Task[None] | None = None
        self._connections = TaskGroup(f"{name} connections")
        # The errno values of accept() failures already logged: each is logged once per server.
        self._accept_errors_logged: set[int | None] = set()
        self.host = ""
        self.port = 0

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        if not infos:
            raise OSError(f"cannot resolve {host!r}")
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.listen(_BACKLOG)
            sock.setblocking(False)
        except BaseException:
            sock.close()
            raise
        self._socket = sock
        sockname = sock.getsockname()
        self.host, self.port = str(sockname[0]), int(sockname[1])
        self._acceptor = asyncio.create_task(self._accept_loop(sock))

    @property
    def authority(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def strip_prefix(self, request: HttpRequest) -> bool | None:
        """Remove ``path_prefix`` from ``request.path``: True when it was there (or none is set), False
        when the path is outside it and no ``trust_peer`` can vouch, None when ``trust_peer`` must decide."""
        prefix = self.path_prefix
        if not prefix:
            return True
        size = len(prefix)
        head = request.path[:size]
        rest = request.path[size:]
        if hmac.compare_digest(head.encode("latin-1"), self._prefix_bytes) and rest.startswith("/"):
            request.path = rest
            return True
        return None if self.trust_peer is not None else False

    async def _accept_loop(self, sock: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        backoff = _ACCEPT_BACKOFF_MIN_S
        while True:
            try:
                conn, _ = await loop.sock_accept(sock)
            except OSError as exc:
                if exc.errno in _ACCEPT_TRANSIENT_ERRORS:
                    continue
                if exc.errno not in self._accept_errors_logged:
                    self._accept_errors_logged.add(exc.errno)
                    _log.warning(
                        "%s: cannot accept connections (%s); backing off, accepting resumes by itself "
                        "(logged once)",
                        self.name,
                        exc.strerror or exc,
                    )
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, _ACCEPT_BACKOFF_MAX_S)
                continue
            backoff = _ACCEPT_BACKOFF_MIN_S
            conn.setblocking(False)
            self._connections.start(_Connection(self, _Wire(loop)).serve(conn))

    async def close(self) -> None:
        if self._acceptor is not None:
            self._acceptor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._acceptor
            self._acceptor = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        await self._connections.aclose()
