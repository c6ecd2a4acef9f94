"""The keep-alive client against canned server bytes over real loopback sockets."""

from __future__ import annotations

import socket
import threading

import pytest

from lambda_runtime.protocol.runtime_api import Endpoint, NextInvocation, Request, StreamingResponseStart
from lambda_runtime.runtime.transport import Connection, TransportError, _resolvable_host
from tests.support.runtime_harness import RuntimeApiServer

GET = Request("GET", "/x", (), b"")


class CannedServer:
    """Answers each request with the next canned reply; a None after a reply closes the connection."""

    def __init__(self, replies: list[bytes | None]) -> None:
        self.replies = replies
        self.received: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.endpoint = Endpoint("127.0.0.1", self.listener.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while self.replies:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                while self.replies:
                    data = connection.recv(65536)
                    if not data:
                        break
                    self.received.append(data)
                    reply = self.replies.pop(0)
                    if reply is not None:
                        connection.sendall(reply)
                    if not self.replies or self.replies[0] is None:
                        if self.replies:
                            self.replies.pop(0)
                        break


def test_content_length_and_keep_alive() -> None:
    server = CannedServer(
        [b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", b"HTTP/1.1 202 OK\r\nContent-Length: 0\r\n\r\n"]
    )
    connection = Connection(server.endpoint)
    first = connection.request(GET)
    second = connection.request(Request("POST", "/y", (("X-A", "1"),), b"body"))
    assert (first.status, first.body, second.status) == (200, b"hi", 202)
    assert server.received[1].endswith(b"Content-Length: 4\r\n\r\nbody")
    assert b"X-A: 1\r\n" in server.received[1]


def test_chunked_answer_with_trailers() -> None:
    reply = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nT: v\r\n\r\n"
    )
    server = CannedServer([reply])
    answer = Connection(server.endpoint).request(GET)
    assert answer.body == b"abcde"


def test_body_until_close() -> None:
    server = CannedServer([b"HTTP/1.0 200 OK\r\n\r\nall of it", None])
    answer = Connection(server.endpoint).request(GET)
    assert answer.body == b"all of it"


def test_reconnects_when_server_closed_a_reused_connection() -> None:
    ok = b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n"
    server = CannedServer([ok + b"1", None, ok + b"2"])
    connection = Connection(server.endpoint)
    assert connection.request(GET).body == b"1"
    assert connection.request(GET).body == b"2"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (b"SMTP ready\r\n\r\n", "malformed status line"),
        (b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed header"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", "bad Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "mid-body"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "bad chunk size"),
    ],
)
def test_malformed_answers_are_transport_errors(reply: bytes, message: str) -> None:
    server = CannedServer([reply, None])
    with pytest.raises(TransportError, match=message):
        Connection(server.endpoint).request(GET)


def test_unreachable_server_is_a_transport_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TransportError, match="cannot connect"):
        Connection(Endpoint("127.0.0.1", port)).request(GET)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "sandbox.localdomain"])
def test_ascii_hosts_are_resolved_as_the_bytes_the_idna_codec_gives(host: str) -> None:
    assert _resolvable_host(host) == host.encode("idna")


def test_a_non_ascii_host_is_left_to_the_idna_codec() -> None:
    assert _resolvable_host("bücher.example") == "bücher.example"


def test_a_named_host_connects() -> None:
    server = CannedServer([b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"])
    answer = Connection(Endpoint("localhost", server.endpoint.port)).request(GET)
    assert (answer.status, answer.body) == (200, b"ok")


def test_a_malformed_host_is_a_transport_error() -> None:
    # The idna codec raised UnicodeError for an empty label; resolution now fails as any bad name does.
    with pytest.raises(TransportError, match=r"cannot connect to the Runtime API at a\.\.b:9001"):
        Connection(Endpoint("a..b", 9001)).request(GET)


def test_chunked_upload_with_trailers() -> None:
    with RuntimeApiServer() as api:
        request_id = api.add_invocation(b"{}")
        connection = Connection(Endpoint.parse(api.endpoint))
        connection.request(NextInvocation().render(connection.endpoint))
        upload = connection.start_chunked(StreamingResponseStart(request_id).render(connection.endpoint))
        upload.write(b"hello")
        upload.write(b"")
        upload.write(b" world")
        answer = upload.finish([("Lambda-Runtime-Function-Error-Type", "Function.X")])
        posted = api.wait_for(request_id)
    assert answer.status == 202
    assert posted.chunks == [b"hello", b" world"]
    assert posted.trailers == {"lambda-runtime-function-error-type": "Function.X"}
    assert upload.bytes_sent == 11
