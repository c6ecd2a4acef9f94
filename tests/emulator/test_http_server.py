"""emulator/http/server.py over real sockets: keep-alive, chunked bodies with trailers, caps, bad input."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from lambda_runtime.emulator.http.server import (
    HttpRequest,
    HttpResponse,
    HttpServer,
    Router,
    StreamingHttpResponse,
)


async def _echo(request: HttpRequest) -> HttpResponse:
    body = await request.read(16)
    trailers = ",".join(f"{name}={value}" for name, value in request.trailers)
    return HttpResponse(200, (("X-Trailers", trailers), ("X-Param", request.params.get("x", ""))), body)


async def _stream(request: HttpRequest) -> StreamingHttpResponse:
    async def chunks() -> AsyncIterator[bytes]:
        for index in range(3):
            yield f"chunk{index};".encode()

    return StreamingHttpResponse(200, (("Content-Type", "text/plain"),), chunks())


async def _reflect(request: HttpRequest) -> HttpResponse:
    """Puts the body into a response header: how a peer's text can reach a header value."""
    return HttpResponse(200, (("X-Reflected", (await request.read()).decode()),), b"ok")


async def _fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("handler bug")


async def _server() -> HttpServer:
    router = Router()
    router.add("POST", "/echo/{x}", _echo)
    router.add("GET", "/stream", _stream)
    router.add("HEAD", "/stream", _stream)
    router.add("GET", "/fail", _fail)
    router.add("POST", "/reflect", _reflect)
    server = HttpServer(router)
    await server.start()
    return server


async def _exchange(server: HttpServer, data: bytes, until: bytes = b"") -> bytes:
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(data)
    received = b""
    try:
        while True:
            chunk = await asyncio.wait_for(reader.read(65536), 5)
            if not chunk:
                break
            received += chunk
            if until and until in received:
                break
    finally:
        writer.close()
    return received


def test_keep_alive_serves_several_requests_on_one_connection() -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            one = b"POST /echo/a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            two = b"POST /echo/b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nde"
            answer = await _exchange(server, one + two)
            assert answer.count(b"HTTP/1.1 200") == 2
            assert b"X-Param: a" in answer
            assert answer.endswith(b"de")
        finally:
            await server.close()

    asyncio.run(scenario())


def test_http_1_0_and_connection_close_end_the_connection_after_the_answer() -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            old = b"POST /echo/a HTTP/1.0\r\nContent-Length: 1\r\n\r\nz"
            ignored = b"POST /echo/b HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\ny"
            answer = await _exchange(server, old + ignored)  # returns once the server closes
            assert answer.count(b"HTTP/1.1 200") == 1
            assert b"Connection: close\r\n" in answer
            assert answer.endswith(b"z")
        finally:
            await server.close()

    asyncio.run(scenario())


def test_a_header_value_with_a_line_break_is_never_written() -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            body = b"a\r\nInjected: yes"
            bad = b"POST /reflect HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
            answer = await _exchange(server, bad)
            assert b"Injected" not in answer
            good = b"POST /reflect HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nplain"
            assert b"X-Reflected: plain\r\n" in await _exchange(server, good)
        finally:
            await server.close()

    asyncio.run(scenario())


def test_head_requests_get_heads_only_and_keep_the_connection() -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            heads = b"HEAD /nothing HTTP/1.1\r\nHost: x\r\n\r\nHEAD /stream HTTP/1.1\r\nHost: x\r\n\r\n"
            after = b"GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            answer = await _exchange(server, heads + after)
            first, second, third = answer.split(b"HTTP/1.1 ")[1:]
            assert first.startswith(b"404")
            assert first.endswith(b"\r\n\r\n")
            assert b"Content-Length: " in first
            assert b"errorType" not in first
            assert second.startswith(b"200")
            assert b"chunk0" not in second
            assert third.startswith(b"200")
            assert b"chunk2;" in third
        finally:
            await server.close()

    asyncio.run(scenario())


def test_chunked_body_with_trailers() -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            request = (
                b"POST /echo/t HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTrailer: A\r\n"
                b"Connection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\nA: b\r\n\r\n"
            )
            answer = await _exchange(server, request)
            assert answer.startswith(b"HTTP/1.1 200")
            assert b"X-Trailers: a=b" in answer
            assert answer.endswith(b"abcde")
        finally:
            await server.close()

    asyncio.run(scenario())


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_body_over_the_cap_is_413_and_the_connection_survives(framing: str) -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            big = b"y" * 1000
            if framing == "content-length":
                request = b"POST /echo/a HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + big
            else:
                request = (
                    b"POST /echo/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n" + big
                )
                request += b"\r\n0\r\n\r\n"
            follow_up = (
                b"POST /echo/a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            )
            answer = await _exchange(server, request + follow_up)
            assert answer.startswith(b"HTTP/1.1 413")
            assert b"HTTP/1.1 200" in answer
            assert answer.endswith(b"ok")
        finally:
            await server.close()

    asyncio.run(scenario())


def test_streaming_response_is_chunked() -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            answer = await _exchange(server, b"GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert b"Transfer-Encoding: chunked" in answer
            assert b"chunk0;" in answer
            assert answer.endswith(b"0\r\n\r\n")
        finally:
            await server.close()

    asyncio.run(scenario())


def test_malformed_request_is_400_and_the_listener_keeps_serving() -> None:
    async def scenario() -> None:
        server = await _server()
        try:
            for garbage in (
                b"garbage\r\n\r\n",
                b"GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                b"\x00\xff" * 50 + b"\r\n\r\n",
            ):
                answer = await _exchange(server, garbage)
                assert answer.startswith(b"HTTP/1.1 400"), garbage
            failing = await _exchange(server, b"GET /fail HTTP/1.1\r\nHost: x\r\n\r\n", until=b"}")
            assert failing.startswith(b"HTTP/1.1 500")
            unknown = await _exchange(server, b"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n", until=b"}")
            assert unknown.startswith(b"HTTP/1.1 404")
            ok = await _exchange(
                server, b"POST /echo/z HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n!", b"!"
            )
            assert ok.startswith(b"HTTP/1.1 200")
        finally:
            await server.close()

    asyncio.run(scenario())
