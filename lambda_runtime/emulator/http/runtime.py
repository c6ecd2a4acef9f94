"""The Runtime API of one execution environment (section 1 of the protocols doc), over http/server.py.

Rule: routes come from the runtime's own protocol module (``parse_route``); this module translates between
HTTP and the environment's callbacks, and turns refusals into the status codes Lambda uses:
illegal lifecycle transition -> 403, unknown or stale request id -> 400, body over the limit -> 413.

Access: an environment's Runtime, Extensions and Telemetry APIs share one listener whose paths all sit
under a secret prefix (``core.environment.new_path_prefix``), passed in ``AWS_LAMBDA_RUNTIME_API`` as
``127.0.0.1:PORT/<prefix>``: another local process that knows only host:port and the standard paths gets
404, never an invocation. A request without the prefix is served only when the connection comes from the
runtime's own process tree (``peers.peer_in_tree``, Linux): awslambdaric posts /init/error with
``http.client``, which cannot take a path in the address.
Request ids in paths arrive percent-decoded (``parse_route``), so runtimes that quote them work.
"""

from __future__ import annotations

from collections.abc import Mapping

from lambda_runtime.emulator.core.environment import ExecutionEnvironment, Rejected
from lambda_runtime.emulator.core.invoke_state import InvokeRecord
from lambda_runtime.emulator.core.outcome import Failure, Success
from lambda_runtime.emulator.http.server import BodyTooLarge, HttpRequest, HttpResponse
from lambda_runtime.protocol.errors import ErrorReport, ErrorTrailers
from lambda_runtime.protocol.lifecycle import IllegalTransition
from lambda_runtime.protocol.routes import RouteKind, parse_route
from lambda_runtime.protocol.runtime_api import MAX_PAYLOAD_BYTES, STREAMING_CONTENT_TYPE, Header

__all__ = ["RuntimeApi", "error_failure", "trailer_failure"]


_ACCEPTED = HttpResponse.json(202, {"status": "OK"})


def _error(status: int, error_type: str, message: str) -> HttpResponse:
    return HttpResponse.json(status, {"errorMessage": message, "errorType": error_type})


def _too_large(limit: int = MAX_PAYLOAD_BYTES) -> HttpResponse:
    return _error(
        413, "RequestEntityTooLarge", f"Request body exceeds the maximum allowed size ({limit} bytes)"
    )


def error_failure(header_error_type: str | None, body: bytes, default_type: str) -> Failure:
    """An /error or /init/error post (its ``Lambda-Runtime-Function-Error-Type`` header and body) as the
    failure the caller will see: the body itself when it is an error document, else one built from the
    header (``ErrorReport.from_post``)."""
    return _failure(ErrorReport.from_post(body, header_error_type or default_type), body)


def _failure(report: ErrorReport, body: bytes) -> Failure:
    """The caller's failure: an error document passes on byte for byte, anything else is rebuilt."""
    if ErrorReport.is_document(body):
        return Failure(report.error_type, body)
    return Failure.of(report.error_type, report.error_message)


def _error_failure(request: HttpRequest, body: bytes, default_type: str) -> Failure:
    return error_failure(request.header(Header.FUNCTION_ERROR_TYPE), body, default_type)


class RuntimeApi:
    def __init__(self, env: ExecutionEnvironment) -> None:
        self.env = env

    async def handle(self, request: HttpRequest) -> HttpResponse:
        route = parse_route(request.method, request.path)
        if route is None:
            return _error(404, "NotFound", f"Unknown Runtime API path: {request.method} {request.path}")
        try:
            if route.kind is RouteKind.NEXT:
                invocation = await self.env.next_invocation()
                return HttpResponse(200, tuple(invocation.response_headers()), invocation.body)
            if route.kind is RouteKind.INIT_ERROR:
                return await self._init_error(request)
            assert route.request_id is not None
            record = self.env.answer_target(route.request_id)
            if route.kind is RouteKind.RESPONSE:
                return await self._response(request, record)
            return await self._error(request, record)
        except Rejected as exc:
            return _error(exc.status, exc.error_type, exc.message)
        except IllegalTransition as exc:
            return _error(403, "InvalidStateTransition", str(exc))

    async def _init_error(self, request: HttpRequest) -> HttpResponse:
        try:
            body = await request.read(MAX_PAYLOAD_BYTES)
        except BodyTooLarge:
            return _too_large()
        self.env.init_error(_error_failure(request, body, "Runtime.Unknown"))
        return _ACCEPTED

    async def _error(self, request: HttpRequest, record: InvokeRecord) -> HttpResponse:
        try:
            body = await request.read(MAX_PAYLOAD_BYTES)
        except BodyTooLarge:
            return _too_large()
        self.env.respond(record, _error_failure(request, body, "Function.Unknown"), is_error=True)
        return _ACCEPTED

    async def _response(self, request: HttpRequest, record: InvokeRecord) -> HttpResponse:
        mode = request.header(Header.RESPONSE_MODE)
        if mode is not None and mode.lower() != "streaming":
            return _error(400, "InvalidFunctionResponseMode", f"Invalid response mode: {mode!r}")
        content_type = request.header("content-type")
        if mode is not None:
            return await self._streamed(request, record, content_type or STREAMING_CONTENT_TYPE)
        try:
            body = await request.read(MAX_PAYLOAD_BYTES)
        except BodyTooLarge:
            failure = Failure.response_too_large(MAX_PAYLOAD_BYTES)
            self.env.respond(record, failure, is_error=True)
            return _too_large()
        self.env.respond(record, Success(body, content_type or "application/json"), is_error=False)
        return _ACCEPTED

    async def _streamed(self, request: HttpRequest, record: InvokeRecord, content_type: str) -> HttpResponse:
        stream = self.env.begin_stream(record, content_type)
        limit = self.env.config.max_streamed_response_bytes
        try:
            async for chunk in request.stream():
                if stream.produced_bytes + len(chunk) > limit:
                    self.env.end_stream(record, Failure.response_too_large(limit))
                    return _too_large(limit)
                await stream.put(chunk)
        except BaseException:
            self.env.end_stream(
                record, Failure.of("Runtime.TruncatedResponse", "The runtime's streamed response broke off")
            )
            raise
        self.env.end_stream(record, _trailer_failure(request))
        return _ACCEPTED


def _trailer_failure(request: HttpRequest) -> Failure | None:
    return trailer_failure(dict(request.trailers))


def trailer_failure(trailers: Mapping[str, str]) -> Failure | None:
    """The failure a streamed response's trailers report (keys lower-case); None when they report none."""
    parsed = ErrorTrailers.parse(trailers)
    if parsed is None:
        return None
    return _failure(parsed.report(), parsed.body)
