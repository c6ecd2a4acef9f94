"""The Invoke API (section 4): what boto3, the AWS CLI and ``lambda-runtime invoke`` call.

Rules:
- Every answer has Content-Length or chunked framing (botocore hangs on keep-alive answers without).
- Bad input is a service error botocore can name (http/service_errors.py), checked before any environment
  is used.
- RequestResponse beyond the pool's size is 429 at once; Event invokes queue and run in the background.
  At most ``FunctionConfig.max_queued_events`` Event invokes wait for a slot; one more is 429.
- Payload limits: 6 MiB + 100 B synchronous, ``ASYNC_PAYLOAD_BYTES`` (1 MB, as AWS since 2025) Event; over
  it 413 RequestTooLargeException.
- When a slot is taken, winds down and is free again is core/invocation.py's rule; this module marks the
  answer known (``Invocation.answered``) before writing it, so the next request of the same connection
  (keep-alive, pipelined) waits for the slot instead of getting 429, and reports a streaming caller that
  left before the end (``Invocation.caller_gone``: the invoke ends, the environment is reset).
- ``X-Amz-Client-Context`` is re-serialised compactly (the runtime gets it as a one-line header);
  ``X-Amzn-Trace-Id`` and ``X-Amz-Tenant-Id`` are passed to the runtime as given.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, unquote

import orjson

from lambda_runtime.emulator import event_stream
from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.core.invocation import Invocation, Invocations
from lambda_runtime.emulator.core.invoke_state import InvokeRequest
from lambda_runtime.emulator.core.logs import LogSink
from lambda_runtime.emulator.core.outcome import Failure, Outcome, StreamedResult, Success
from lambda_runtime.emulator.core.pool import Pool, Slot
from lambda_runtime.emulator.http.server import (
    BodyTooLarge,
    HttpRequest,
    HttpResponse,
    Router,
    StreamingHttpResponse,
)
from lambda_runtime.emulator.http.service_errors import ServiceError
from lambda_runtime.emulator.tasks import TaskGroup
from lambda_runtime.protocol.runtime_api import MAX_PAYLOAD_BYTES

__all__ = ["ASYNC_PAYLOAD_BYTES", "INVOKE_PATH", "STREAMING_INVOKE_PATH", "InvokeApi"]

INVOKE_PATH = "/2015-03-31/functions/{name}/invocations"
STREAMING_INVOKE_PATH = "/2021-11-15/functions/{name}/response-streaming-invocations"
# The name AWS's RIE serves; accepted as an alias of the configured function.
RIE_FUNCTION_NAME = "function"
_INVOCATION_TYPES = ("RequestResponse", "Event", "DryRun")
# Event (asynchronous) invoke payload limit: 1 MB (1,048,576 bytes; 256 KB before 2025).
ASYNC_PAYLOAD_BYTES = 1024 * 1024
_LOG_TYPES = ("None", "Tail")


def split_function_name(raw: str) -> tuple[str, str | None]:
    """``name``, ``name:qualifier``, a full or partial ARN -> (name, qualifier)."""
    text = unquote(raw)
    parts = text.split(":")
    if text.startswith("arn:") and len(parts) >= 7 and parts[5] == "function":
        return parts[6], parts[7] if len(parts) > 7 else None
    if len(parts) >= 3 and parts[1] == "function":  # 123456789012:function:name[:qualifier]
        return parts[2], parts[3] if len(parts) > 3 else None
    if len(parts) == 2:
        return parts[0], parts[1]
    return text, None


class _Accepted:
    """An invoke request that passed every check."""

    __slots__ = ("invocation_type", "request")

    def __init__(self, request: InvokeRequest, invocation_type: str) -> None:
        self.request = request
        self.invocation_type = invocation_type

    @property
    def tail(self) -> bool:
        return self.request.log_tail


class InvokeApi:
    def __init__(self, config: FunctionConfig, pool: Pool, log_sink: LogSink) -> None:
        self.config = config
        self.pool = pool
        self._sink = log_sink
        # Event invokes waiting for a slot or running.
        self._background = TaskGroup("invoke-api")
        self.invocations = Invocations(pool)
        # Event invokes accepted but not yet holding a slot.
        self._queued_events = 0

    def router(self) -> Router:
        router = Router(self._unknown_path)
        router.add("POST", INVOKE_PATH, self.invoke)
        router.add("POST", STREAMING_INVOKE_PATH, self.invoke_streaming)
        return router

    async def close(self) -> None:
        await self._background.aclose()

    async def _unknown_path(self, request: HttpRequest) -> HttpResponse:
        return ServiceError(
            404, "UnknownOperationException", f"Unknown operation {request.method} {request.path}"
        ).response()

    # -- checks -----------------------------------------------------------------------------------

    async def _accept(self, request: HttpRequest, invocation_types: tuple[str, ...]) -> _Accepted:
        name, qualifier = split_function_name(request.params["name"])
        if request.query:
            qualifier = parse_qs(request.query).get("Qualifier", [None])[0] or qualifier
        if name not in (self.config.function_name, RIE_FUNCTION_NAME):
            raise ServiceError.not_found(
                f"Function not found: {self.config.function_arn.rsplit(':', 1)[0]}:{name}"
            )
        if qualifier not in (None, "", self.config.version):
            raise ServiceError.not_found(f"Function not found: {self.config.function_arn}:{qualifier}")
        invocation_type = request.header("x-amz-invocation-type") or "RequestResponse"
        if invocation_type not in invocation_types:
            raise ServiceError.bad_parameter(
                f"Invalid InvocationType {invocation_type!r}: expected one of {', '.join(invocation_types)}"
            )
        log_type = request.header("x-amz-log-type") or "None"
        if log_type not in _LOG_TYPES:
            raise ServiceError.bad_parameter(f"Invalid LogType {log_type!r}: expected None or Tail")
        client_context = self._client_context(request.header("x-amz-client-context"))
        try:
            payload = await request.read(MAX_PAYLOAD_BYTES)
        except BodyTooLarge:
            raise ServiceError.too_large(MAX_PAYLOAD_BYTES) from None
        if invocation_type == "Event" and len(payload) > ASYNC_PAYLOAD_BYTES:
            raise ServiceError.too_large(ASYNC_PAYLOAD_BYTES)
        if not payload.strip():
            payload = b"{}"
        try:
            orjson.loads(payload)
        except orjson.JSONDecodeError as exc:
            raise ServiceError.bad_content(f"Could not parse request body into json: {exc}") from None
        invoke_request = InvokeRequest(
            payload,
            client_context=client_context,
            trace_id=request.header("x-amzn-trace-id") or None,
            tenant_id=request.header("x-amz-tenant-id") or None,
            log_tail=log_type == "Tail",
        )
        return _Accepted(invoke_request, invocation_type)

    @staticmethod
    def _client_context(value: str | None) -> str | None:
        if not value:
            return None
        try:
            doc = orjson.loads(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError):
            doc = None
        if not isinstance(doc, dict):
            raise ServiceError.bad_content("Client context must be a valid Base64-encoded JSON object.")
        # Compact JSON: whitespace of the caller's text (line breaks included) cannot reach the header.
        return orjson.dumps(doc).decode("utf-8")

    # -- running ----------------------------------------------------------------------------------

    async def _slot_or_throttle(self) -> Slot:
        slot = await self.invocations.take_slot()
        if slot is None:
            raise ServiceError.too_many_requests()
        return slot

    async def _run_event(self, accepted: _Accepted) -> None:
        try:
            slot = await self.invocations.wait_slot()
        finally:
            self._queued_events -= 1
        started = await self.invocations.start(slot, accepted.request)
        if isinstance(started, Invocation):
            await started.finished()

    # -- handlers ---------------------------------------------------------------------------------

    def _base_headers(self, request_id: str) -> list[tuple[str, str]]:
        return [("x-amzn-RequestId", request_id), ("X-Amz-Executed-Version", self.config.version)]

    async def invoke(self, request: HttpRequest) -> HttpResponse:
        try:
            accepted = await self._accept(request, _INVOCATION_TYPES)
            if accepted.invocation_type == "DryRun":
                return HttpResponse(204, tuple(self._base_headers(accepted.request.request_id)))
            if accepted.invocation_type == "Event":
                # Those queued take the idle slots first; this one would wait behind them.
                if self._queued_events - self.pool.idle >= self.config.max_queued_events:
                    raise ServiceError.too_many_requests(
                        f"Rate Exceeded: {self._queued_events} Event invokes are waiting (the queue's size)."
                    )
                self._queued_events += 1
                self._background.start(self._run_event(accepted))
                return HttpResponse(202, tuple(self._base_headers(accepted.request.request_id)))
            slot = await self._slot_or_throttle()
        except ServiceError as error:
            return error.response()
        headers = self._base_headers(accepted.request.request_id)
        started = await self.invocations.start(slot, accepted.request)
        if isinstance(started, Failure):
            return self._buffered(started, headers, started.log_tail if accepted.tail else None)
        outcome = await started.first()
        if isinstance(outcome, StreamedResult):
            outcome = await self._collect(outcome)
        failure = await started.finished()
        started.answered()
        tail = started.log_tail if accepted.tail else None
        return self._buffered(failure or outcome, headers, tail)

    @staticmethod
    async def _collect(stream: StreamedResult) -> Success | Failure:
        parts: list[bytes] = []
        size = 0
        async for chunk in stream:
            size += len(chunk)
            if size > MAX_PAYLOAD_BYTES:
                stream.abandon()
                return Failure.response_too_large(MAX_PAYLOAD_BYTES)
            parts.append(chunk)
        return stream.failure or Success(b"".join(parts), stream.content_type)

    @staticmethod
    def _buffered(
        outcome: Success | Failure, headers: list[tuple[str, str]], tail: str | None
    ) -> HttpResponse:
        if tail is not None:
            headers.append(("X-Amz-Log-Result", tail))
        if isinstance(outcome, Failure):
            headers.append(("X-Amz-Function-Error", "Unhandled"))
            headers.append(("Content-Type", "application/json"))
            return HttpResponse(200, tuple(headers), outcome.body)
        headers.append(("Content-Type", outcome.content_type))
        return HttpResponse(200, tuple(headers), outcome.body)

    async def invoke_streaming(self, request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
        try:
            accepted = await self._accept(request, ("RequestResponse", "DryRun"))
            if accepted.invocation_type == "DryRun":
                return HttpResponse(204, tuple(self._base_headers(accepted.request.request_id)))
            slot = await self._slot_or_throttle()
        except ServiceError as error:
            return error.response()
        headers = self._base_headers(accepted.request.request_id)
        headers.append(("Content-Type", "application/vnd.amazon.eventstream"))
        started = await self.invocations.start(slot, accepted.request)
        return StreamingHttpResponse(200, tuple(headers), self._events(started, accepted.tail))

    async def _events(self, started: Invocation | Failure, tail: bool) -> AsyncIterator[bytes]:
        if isinstance(started, Failure):
            yield _complete_event(started, started.log_tail if tail else None)
            return
        outcome: Outcome | None = None
        try:
            outcome = await started.first()
            if isinstance(outcome, StreamedResult):
                async for chunk in outcome:
                    yield event_stream.encode_payload_chunk(chunk)
            elif isinstance(outcome, Success) and outcome.body:
                yield event_stream.encode_payload_chunk(outcome.body)
            failure = await started.finished()
        finally:
            if not started.is_finished:
                started.caller_gone(outcome)
        started.answered()
        yield _complete_event(failure, started.log_tail if tail else None)


def _complete_event(failure: Failure | None, log_result: str | None) -> bytes:
    if failure is None:
        return event_stream.encode_invoke_complete(log_result=log_result)
    return event_stream.encode_invoke_complete(
        error_code=failure.error_type, error_details=failure.message, log_result=log_result
    )
