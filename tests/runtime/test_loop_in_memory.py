"""The invocation loop paired with an in-memory Runtime API: no sockets, no threads, no processes.

``InMemoryRuntimeApi`` has exactly the calls of ``runtime.transport_api.Transport``; it parses what the loop
sends with the server side of the protocol (``protocol.routes``) and answers /next from a queue.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import orjson

from lambda_runtime._record import Record, set_field
from lambda_runtime.protocol.errors import ERROR_TYPE_HEADER, ErrorReport, ErrorTrailers
from lambda_runtime.protocol.routes import RouteKind, parse_route
from lambda_runtime.protocol.runtime_api import Endpoint, Invocation, Request
from lambda_runtime.runtime.config import FunctionInfo, RuntimeConfig
from lambda_runtime.runtime.handlers.adapters import adapt
from lambda_runtime.runtime.loop import InvocationLoop
from lambda_runtime.runtime.transport import Answer, Response
from lambda_runtime.runtime.transport_api import Transport, Upload

ENDPOINT = Endpoint("127.0.0.1", 9001)
CONFIG = RuntimeConfig(ENDPOINT, "app.handler", ".", FunctionInfo("f", "$LATEST", 128, "/g", "s"))
_ACCEPTED: Answer = (202, {"content-type": "application/json"}, b'{"status":"OK"}')


class Posted(Record):
    """What the runtime posted for one invocation."""

    __slots__ = ("body", "headers", "kind", "request_id", "trailers")
    kind: RouteKind
    request_id: str | None
    headers: dict[str, str]
    body: bytes
    trailers: dict[str, str]

    def __init__(
        self,
        kind: RouteKind,
        request_id: str | None,
        headers: dict[str, str],
        body: bytes,
        trailers: dict[str, str] | None = None,
    ) -> None:
        set_field(self, "kind", kind)
        set_field(self, "request_id", request_id)
        set_field(self, "headers", headers)
        set_field(self, "body", body)
        set_field(self, "trailers", trailers or {})


class _InMemoryUpload:
    def __init__(self, api: InMemoryRuntimeApi, request: Request) -> None:
        self._api = api
        self._request = request
        self._chunks: list[bytes] = []

    def write(self, data: bytes) -> None:
        self._chunks.append(data)

    def finish(self, trailers: Iterable[tuple[str, str]] = ()) -> Response:
        lowered = {name.lower(): value for name, value in trailers}
        return Response(*self._api.receive(self._request, b"".join(self._chunks), lowered))


class InMemoryRuntimeApi:
    """The Runtime API as a value: queued invocations out, posts recorded."""

    def __init__(self, endpoint: Endpoint) -> None:
        self._prefix = endpoint.prefix
        self.pending: deque[Invocation] = deque()
        self.posted: list[Posted] = []

    def add(self, invocation: Invocation) -> None:
        self.pending.append(invocation)

    def receive(self, request: Request, body: bytes, trailers: dict[str, str] | None = None) -> Answer:
        route = parse_route(request.method, request.path, self._prefix)
        if route is None:
            return 404, {}, b'{"errorType": "NotFound"}'
        if route.kind is RouteKind.NEXT:
            invocation = self.pending.popleft()
            headers = {name.lower(): value for name, value in invocation.response_headers()}
            return 200, headers, invocation.body
        headers = {name.lower(): value for name, value in request.headers}
        self.posted.append(Posted(route.kind, route.request_id, headers, body, trailers))
        return _ACCEPTED

    # -- the Transport calls ------------------------------------------------------------------------------

    def exchange(self, request: Request) -> Answer:
        return self.receive(request, request.body or b"")

    def post(self, path: str, content_type: str, body: bytes) -> Answer:
        return self.exchange(Request("POST", path, (("Content-Type", content_type),), body))

    def request(self, request: Request) -> Response:
        return Response(*self.exchange(request))

    def start_chunked(self, request: Request) -> Upload:
        return _InMemoryUpload(self, request)


def _serve(handler: object, *invocations: Invocation) -> list[Posted]:
    api = InMemoryRuntimeApi(ENDPOINT)
    transport: Transport = api
    loop = InvocationLoop(CONFIG, transport, adapt(handler))
    for invocation in invocations:
        api.add(invocation)
        loop.serve_one()
    return api.posted


def test_a_buffered_invoke_posts_the_encoded_result() -> None:
    def handler(event: dict[str, object], context: object) -> dict[str, object]:
        return {"echo": event["n"]}

    [posted] = _serve(handler, Invocation("id/1 ä", b'{"n": 7}', deadline_ms=2**41))
    assert posted.kind is RouteKind.RESPONSE
    assert posted.request_id == "id/1 ä"
    assert posted.headers["content-type"] == "application/json"
    assert orjson.loads(posted.body) == {"echo": 7}


def test_an_error_invoke_posts_the_error_report_and_the_loop_goes_on() -> None:
    class OrderRejectedError(Exception):
        pass

    def handler(event: dict[str, object], context: object) -> str:
        if event["fail"]:
            raise OrderRejectedError("no stock")
        return "ok"

    failed, served = _serve(
        handler, Invocation("req-1", b'{"fail": true}'), Invocation("req-2", b'{"fail": false}')
    )
    assert failed.kind is RouteKind.ERROR
    assert failed.request_id == "req-1"
    assert failed.headers[ERROR_TYPE_HEADER.lower()] == "Function.OrderRejectedError"
    report = ErrorReport.from_json(failed.body)
    assert (report.error_type, report.error_message, report.request_id) == (
        "OrderRejectedError",
        "no stock",
        "req-1",
    )
    assert served.kind is RouteKind.RESPONSE
    assert orjson.loads(served.body) == "ok"


def test_a_stream_that_fails_after_its_first_byte_reports_in_trailers() -> None:
    def handler(event: object, context: object) -> Iterable[bytes]:
        yield b"partial"
        raise ValueError("broke off")

    [posted] = _serve(handler, Invocation("req-3", b"{}"))
    assert posted.kind is RouteKind.RESPONSE
    assert posted.body == b"partial"
    trailers = ErrorTrailers.parse(posted.trailers)
    assert trailers is not None
    assert trailers.report().error_message == "broke off"
