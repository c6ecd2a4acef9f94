"""The invocation loop: next -> decode -> handler -> encode -> response | error.

Rules:
- Each invocation is run by one step function returning nothing; every failure inside it becomes an
  ErrorReport posted to /error (or a trailer, for a stream that had started) and the loop goes on.
- The Runtime API answering 500, or /next failing at all, ends the process with a non-zero status.
- A 4xx answer to a response or error post is logged and the loop goes on: the invocation is lost, the
  environment is not.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from lambda_runtime import log
from lambda_runtime._record import mutable_twin
from lambda_runtime.protocol.errors import ErrorReport
from lambda_runtime.protocol.runtime_api import (
    Invocation,
    InvocationError,
    InvocationResponse,
    NextHeader,
    NextInvocation,
    ProtocolError,
    Request,
    StreamingResponseStart,
    quote_request_id,
    response_path,
)
from lambda_runtime.runtime.awaitables import as_coroutine, is_awaitable
from lambda_runtime.runtime.config import RuntimeConfig
from lambda_runtime.runtime.context import (
    NO_IDENTITY,
    Context,
    epoch_ms,
    parse_client_context,
    parse_identity,
    reset_current_context,
    set_current_context,
)
from lambda_runtime.runtime.handlers.adapters import HandlerTarget, StreamingTarget
from lambda_runtime.runtime.handlers.codec import encode_body
from lambda_runtime.runtime.trace_env import TraceEnv
from lambda_runtime.runtime.transport import Response, TransportError

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False

if TYPE_CHECKING:
    import asyncio
    from typing import Any, NoReturn, TypeVar

    from lambda_runtime.runtime.transport_api import Transport, Upload

    T = TypeVar("T")

__all__ = ["AsyncRunner", "FatalRuntimeError", "InvocationLoop"]


# Results that are never awaitable: checked first, since ``hasattr`` on them raises and catches an
# AttributeError inside.
_PLAIN_RESULTS = frozenset({dict, list, str, bytes, int, float, bool, type(None)})


# The /next answer's headers; module constants since they are read on every invoke.
_REQUEST_ID = NextHeader.REQUEST_ID
_DEADLINE_MS = NextHeader.DEADLINE_MS
_FUNCTION_ARN = NextHeader.FUNCTION_ARN
_TRACE_ID = NextHeader.TRACE_ID
_CLIENT_CONTEXT = NextHeader.CLIENT_CONTEXT
_COGNITO_IDENTITY = NextHeader.COGNITO_IDENTITY
_TENANT_ID = NextHeader.TENANT_ID

# A Context is filled in on its twin, then given its class (see ``mutable_twin``).
_ContextTwin = mutable_twin(Context)
_new = object.__new__


class FatalRuntimeError(Exception):
    """The Runtime API can no longer be served: the process must exit non-zero."""


class AsyncRunner:
    """One event loop for the life of the process, so async clients keep their connections.

    asyncio is imported on the first awaitable: sync-only functions do not pay for it at cold start.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None

    def run(self, awaitable: Awaitable[T]) -> T:
        if self._loop is None:
            import asyncio

            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
        return self._loop.run_until_complete(as_coroutine(awaitable))


class InvocationLoop:
    def __init__(
        self,
        config: RuntimeConfig,
        connection: Transport,
        target: HandlerTarget,
        runner: AsyncRunner | None = None,
        clock: Callable[[], int] | None = None,
    ) -> None:
        self._config = config
        self._connection = connection
        self._target = target
        self._runner = runner or AsyncRunner()
        self._clock = clock or epoch_ms
        self._endpoint = endpoint = config.endpoint
        self._trace_env = TraceEnv()
        # The same request every time: rendered once (the transport also keeps its bytes).
        self._next_request = NextInvocation().render(endpoint)
        # What serve_one reads per invocation, looked up once.
        function = config.function
        self._function_name = function.function_name
        self._function_version = function.function_version
        self._memory_limit_in_mb = function.memory_limit_in_mb
        self._log_group_name = function.log_group_name
        self._log_stream_name = function.log_stream_name
        # response_path's prefix: the request id and "/response" follow.
        self._invocation_path = response_path(endpoint, "x")[: -len("x/response")]
        self._streaming = target if isinstance(target, StreamingTarget) else None
        self._decode = target.decode
        self._call_buffered: Callable[..., Any] = target.call

    # -- the loop -----------------------------------------------------------------------------------------

    def run_forever(self) -> NoReturn:
        while True:
            self.serve_one()

    def serve_one(self) -> None:
        try:
            status, headers, body = self._connection.exchange(self._next_request)
        except TransportError as exc:
            raise FatalRuntimeError(str(exc)) from exc
        if status != 200:
            raise FatalRuntimeError(f"/next answered {status}: {_describe(body)}")
        # Invocation.from_headers and Context.from_invocation, written out: this runs for every invocation.
        get = headers.get
        request_id = get(_REQUEST_ID)
        deadline_text = get(_DEADLINE_MS)
        try:
            deadline_ms = int(deadline_text) if deadline_text else None
        except ValueError:
            deadline_ms = None
            request_id = None
        if not request_id:
            self._refuse(headers, body)
        trace_id = get(_TRACE_ID) or None
        identity = get(_COGNITO_IDENTITY)
        client_context = get(_CLIENT_CONTEXT)
        context = _new(_ContextTwin)
        context.aws_request_id = request_id
        context.invoked_function_arn = get(_FUNCTION_ARN) or ""
        context.function_name = self._function_name
        context.function_version = self._function_version
        context.memory_limit_in_mb = self._memory_limit_in_mb
        context.log_group_name = self._log_group_name
        context.log_stream_name = self._log_stream_name
        context.identity = parse_identity(identity) if identity else NO_IDENTITY
        context.client_context = parse_client_context(client_context) if client_context else None
        context.tenant_id = get(_TENANT_ID) or None
        context.deadline_ms = deadline_ms
        context.trace_id = trace_id
        context.clock = self._clock
        context.__class__ = Context
        trace_env = self._trace_env
        trace_env.set(trace_id)
        token = set_current_context(context)
        try:
            if self._streaming is not None:
                self._serve_streaming(self._streaming, request_id, body, context)
            else:  # the buffered case, written out
                try:
                    result = self._call_buffered(self._decode(body), context)
                    if result.__class__ not in _PLAIN_RESULTS and hasattr(result, "__await__"):
                        result = self._runner.run(result)
                    payload, content_type = encode_body(result)
                except Exception as exc:
                    self._post(self._failure(request_id, exc).render(self._endpoint))
                else:  # the InvocationResponse request, sent without building it (see Connection.post)
                    if not (request_id.isascii() and request_id.replace("-", "").isalnum()):  # not a UUID
                        request_id = quote_request_id(request_id)
                    try:
                        status, headers, body = self._connection.post(
                            f"{self._invocation_path}{request_id}/response", content_type, payload
                        )
                    except TransportError as exc:
                        raise FatalRuntimeError(str(exc)) from exc
                    if status >= 300:
                        self._check_answer(Response(status, headers, body), "response")
        finally:
            reset_current_context(token)
        if not trace_env.prepared:  # once, after the first response: loads ctypes off the cold start
            trace_env.prepare()

    # -- steps ----------------------------------------------------------------------------------------------

    def _refuse(self, headers: dict[str, str], body: bytes) -> NoReturn:
        """End the process over a /next answer that is no invocation (from_headers says why)."""
        try:
            Invocation.from_headers(headers, body)
        except ProtocolError as exc:
            raise FatalRuntimeError(str(exc)) from exc
        # Unreachable while from_headers refuses what serve_one refuses.
        raise FatalRuntimeError("/next answer is not an invocation")

    def _call(self, function: Callable[..., Any], *args: Any) -> Any:
        result = function(*args)
        if is_awaitable(result):
            return self._runner.run(result)
        return result

    def _serve_streaming(
        self, target: StreamingTarget, request_id: str, body: bytes, context: Context
    ) -> None:
        from lambda_runtime.runtime.handlers.stream import ResponseStream  # buffered functions never load it

        endpoint = self._config.endpoint

        def open_stream(content_type: str) -> Upload:
            start = StreamingResponseStart(request_id, content_type)
            return self._connection.start_chunked(start.render(endpoint))

        output = ResponseStream(open_stream)
        error: ErrorReport | None = None
        try:
            event = target.decode(body)
            self._call(target.call, event, output, context)
        except TransportError as exc:
            log.Log.error(f"streaming the response of {request_id} failed: {exc}")
            return
        except Exception as exc:
            if not output.started:
                self._post(self._failure(request_id, exc).render(endpoint))
                return
            error = ErrorReport.from_exception(exc, request_id)
            log.log_fault(error, exc)
        try:
            answer = output.finish(error)
        except TransportError as exc:
            log.Log.error(f"streaming the response of {request_id} failed: {exc}")
            return
        if answer is None:  # the handler wrote nothing: an empty response
            self._post(InvocationResponse(request_id, b"", "application/octet-stream").render(endpoint))
        else:
            self._check_answer(answer, "response")

    def _failure(self, request_id: str, exc: BaseException) -> InvocationError:
        error = ErrorReport.from_exception(exc, request_id)
        log.log_fault(error, exc)
        return InvocationError(request_id, error)

    def _post(self, request: Request) -> None:
        try:
            answer = self._connection.request(request)
        except TransportError as exc:
            raise FatalRuntimeError(str(exc)) from exc
        if answer.status >= 300:
            self._check_answer(answer, request.path.rsplit("/", 1)[-1])

    def _check_answer(self, answer: Response, what: str) -> None:
        if answer.status == 500:
            raise FatalRuntimeError(
                f"the Runtime API answered 500 to a {what} post: {_describe(answer.body)}"
            )
        if answer.status >= 300:
            log.Log.error(
                f"the Runtime API rejected a {what} post with {answer.status}: {_describe(answer.body)}"
            )


def _describe(body: bytes) -> str:
    error = ErrorReport.from_json(body)
    return f"{error.error_type}: {error.error_message}"[:500]
