"""emulator/http/server.py at the edges of HTTP/1.1, over real sockets: ambiguous framing, oversized heads,
dead connections, a peer that leaves while a response streams, and the path prefix."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from lambda_runtime.emulator.http.parser import Body, EndOfMessage, ProtocolError, RequestHead, RequestParser
from lambda_runtime.emulator.http.server import (
    MAX_HEAD_BYTES,
    HttpRequest,
    HttpResponse,
    HttpServer,
    Router,
    StreamingHttpResponse,
)

# Generous bounds for reads that must end (configuration of the test, not a measurement).
PATIENCE_S = 10.0


async def _ok(request: HttpRequest) -> HttpResponse:
    body = await request.read()
    return HttpResponse(200, (("X-Path", request.path),), b"ok:" + body)


async def _server(**options: object) -> HttpServer:
    router = Router()
    router.add("POST", "/echo", _ok)
    router.add("GET", "/echo", _ok)
    server = HttpServer(router, **options)  # type: ignore[arg-type]
    await server.start()
    return server


async def _read_to_eof(reader: asyncio.StreamReader) -> bytes:
    received = b""
    while True:
        chunk = await asyncio.wait_for(reader.read(65536), PATIENCE_S)
        if not chunk:
            return received
        received += chunk


async def _send_and_read_to_eof(server: HttpServer, data: bytes) -> bytes:
    reader, writer = await asyncio.open_connection(server.host, server.port)
    try:
        writer.write(data)
        return await _read_to_eof(reader)
    finally:
        writer.close()


@pytest.mark.parametrize(
    "head",
    [
        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
    ],
)
def test_content_length_with_transfer_encoding_is_400_and_closed(head: bytes) -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            # A smuggling attempt: whatever follows must never be served as a second request.
            smuggled = b"3\r\nabc\r\n0\r\n\r\nGET /echo HTTP/1.1\r\nHost: x\r\n\r\n"
            answer = await _send_and_read_to_eof(server, head + smuggled)
            assert answer.startswith(b"HTTP/1.1 400 ")
            assert b"Connection: close" in answer
            assert answer.count(b"HTTP/1.1") == 1
        finally:
            await server.close()

    asyncio.run(scenario())


@pytest.mark.parametrize("extra", [1, 2048])
def test_request_head_over_64_kib_is_431_in_one_write(extra: int) -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            filler = b"a" * (MAX_HEAD_BYTES + extra)
            head = b"GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + filler + b"\r\n\r\n"
            answer = await _send_and_read_to_eof(server, head)
            assert answer.startswith(b"HTTP/1.1 431 ")
            # Just under the limit is served.
            fits = b"GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
            fits += b"a" * (MAX_HEAD_BYTES - len(fits) - 4) + b"\r\n\r\n"
            assert len(fits) == MAX_HEAD_BYTES
            assert (await _send_and_read_to_eof(server, fits)).startswith(b"HTTP/1.1 200 ")
        finally:
            await server.close()

    asyncio.run(scenario())


def test_idle_connection_is_closed() -> None:
    async def scenario() -> None:
        server = await _server(idle_timeout_s=0.2)
        try:
            # Never a byte: closed.
            assert await _send_and_read_to_eof(server, b"") == b""
            # After an answer on a kept-alive connection, nothing more: closed.
            answer = await _send_and_read_to_eof(server, b"GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")
            assert answer.startswith(b"HTTP/1.1 200 ")
        finally:
            await server.close()

    asyncio.run(scenario())


def test_slow_header_connection_is_closed() -> None:
    async def scenario() -> None:
        server = await _server(header_timeout_s=0.3)
        reader, writer = await asyncio.open_connection(server.host, server.port)
        try:
            writer.write(b"GET /echo HTTP/1.1\r\n")

            async def trickle() -> None:
                # A header line now and then, never the end of the head (slowloris).
                for index in range(10_000):
                    writer.write(b"X-%d: y\r\n" % index)
                    await writer.drain()
                    await asyncio.sleep(0.05)

            trickling = asyncio.create_task(trickle())
            try:
                assert await _read_to_eof(reader) == b""
            finally:
                trickling.cancel()
                await asyncio.gather(trickling, return_exceptions=True)
        finally:
            writer.close()
            await server.close()

    asyncio.run(scenario())


def test_peer_leaving_ends_a_streamed_response_at_once() -> None:
    async def scenario() -> None:
        closed = asyncio.Event()
        started = asyncio.Event()

        async def forever(request: HttpRequest) -> StreamingHttpResponse:
            async def chunks() -> AsyncIterator[bytes]:
                try:
                    yield b"first"
                    started.set()
                    await asyncio.Event().wait()  # a producer that has nothing more for now
                    yield b"never"
                finally:
                    closed.set()

            return StreamingHttpResponse(200, (), chunks())

        router = Router()
        router.add("GET", "/forever", forever)
        server = HttpServer(router)
        await server.start()
        try:
            _reader, writer = await asyncio.open_connection(server.host, server.port)
            writer.write(b"GET /forever HTTP/1.1\r\nHost: x\r\n\r\n")
            await asyncio.wait_for(started.wait(), PATIENCE_S)
            writer.close()
            await asyncio.wait_for(closed.wait(), PATIENCE_S)
        finally:
            await server.close()

    asyncio.run(scenario())


def test_path_prefix_is_required_and_removed() -> None:
    async def scenario() -> None:
        server = await _server(path_prefix="/s3cret")
        try:
            inside = await _send_and_read_to_eof(
                server, b"GET /s3cret/echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            assert inside.startswith(b"HTTP/1.1 200 ")
            assert b"X-Path: /echo\r\n" in inside
            for path in (b"/echo", b"/s3cret", b"/s3cretX/echo", b"/s3cre/echo", b"/other/s3cret/echo"):
                outside = await _send_and_read_to_eof(
                    server, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                )
                assert outside.startswith(b"HTTP/1.1 404 "), path
        finally:
            await server.close()

    asyncio.run(scenario())


def test_server_close_during_a_streamed_response_closes_the_iterator() -> None:
    async def scenario() -> None:
        closed = asyncio.Event()
        started = asyncio.Event()

        async def forever(request: HttpRequest) -> StreamingHttpResponse:
            async def chunks() -> AsyncIterator[bytes]:
                try:
                    yield b"first"
                    started.set()
                    await asyncio.Event().wait()
                    yield b"never"
                finally:
                    closed.set()

            return StreamingHttpResponse(200, (), chunks())

        router = Router()
        router.add("GET", "/forever", forever)
        server = HttpServer(router)
        await server.start()
        _reader, writer = await asyncio.open_connection(server.host, server.port)
        try:
            writer.write(b"GET /forever HTTP/1.1\r\nHost: x\r\n\r\n")
            await asyncio.wait_for(started.wait(), PATIENCE_S)
            await asyncio.wait_for(server.close(), PATIENCE_S)
            assert closed.is_set()
            pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            assert pending == []
        finally:
            writer.close()

    asyncio.run(scenario())


def test_body_bytes_never_count_toward_the_next_head() -> None:
    """A body larger than the head limit, its last read ending with it, then the next request: served
    (the head limit counts head bytes only, never the bytes of a body)."""
    parser = RequestParser(max_head_bytes=1024)
    body = b"x" * 10_000
    parser.receive_data(b"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body))
    parser.receive_data(body[:10])
    parser.receive_data(body[10:])  # ends exactly with the body: none of it is head
    parser.receive_data(b"GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
    kinds = []
    while True:
        event = parser.next_event()
        if not isinstance(event, (RequestHead, Body, EndOfMessage)):
            break
        kinds.append(type(event).__name__ if not isinstance(event, RequestHead) else event.target.decode())
    assert kinds[0] == "/a"
    assert kinds[-2:] == ["/b", "EndOfMessage"]


def _first_event_after(pieces: list[bytes], limit: int) -> object:
    parser = RequestParser(max_head_bytes=limit)
    for piece in pieces:
        parser.receive_data(piece)
    try:
        return parser.next_event()
    except ProtocolError as error:
        return error


@pytest.mark.parametrize("split", [1, 30, 500, 1000, 1020])
def test_head_limit_holds_however_the_head_is_split(split: int) -> None:
    """A head one byte over the limit is 431 whether it arrives whole or in two reads anywhere; one
    exactly at the limit, and one after a pipelined request in the same read, are served."""
    limit = 1024
    start = b"GET /a HTTP/1.1\r\nHost: x\r\nX-Big: "
    exact = start + b"a" * (limit - len(start) - 4) + b"\r\n\r\n"
    over = start + b"a" * (limit - len(start) - 3) + b"\r\n\r\n"
    assert (len(exact), len(over)) == (limit, limit + 1)
    refused = _first_event_after([over[:split], over[split:]], limit)
    assert isinstance(refused, ProtocolError)
    assert refused.status == 431
    served = _first_event_after([exact[:split], exact[split:]], limit)
    assert isinstance(served, RequestHead)
    assert served.target == b"/a"
    small = b"GET /s HTTP/1.1\r\nHost: x\r\n\r\n"
    pipelined = RequestParser(max_head_bytes=limit)
    pipelined.receive_data(small + exact[:split])
    pipelined.receive_data(exact[split:])
    targets = []
    while isinstance(event := pipelined.next_event(), (RequestHead, EndOfMessage)):
        if isinstance(event, RequestHead):
            targets.append(event.target)
    assert targets == [b"/s", b"/a"]
    piped_over = RequestParser(max_head_bytes=limit)
    piped_over.receive_data(small + over[:split])
    piped_over.receive_data(over[split:])
    assert isinstance(piped_over.next_event(), RequestHead)
    assert isinstance(piped_over.next_event(), EndOfMessage)
    with pytest.raises(ProtocolError) as caught:
        piped_over.next_event()
    assert caught.value.status == 431
