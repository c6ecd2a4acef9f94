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
from lambda_runtime.protocol.errors import ErrorReport
from lambda_runtime.protocol.runtime_api import (
    Invocation,
    InvocationError,
    InvocationResponse,
    NextInvocation,
    ProtocolError,
    Request,
    StreamingResponseStart,
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
from lambda_runtime.runtime.handlers.adapters import BufferedTarget, HandlerTarget, StreamingTarget
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
        self._function = config.function
        self._endpoint = config.endpoint
        self._trace_env = TraceEnv()
        # The same request every time: rendered once (the transport also keeps its bytes).
        self._next_request = NextInvocation().render(config.endpoint)

    # -- the loop -----------------------------------------------------------------------------------------

    def run_forever(self) -> NoReturn:
        while True:
            self.serve_one()

    def serve_one(self) -> None:
        invocation = self._next()
        function = self._function
        identity, client_context = invocation.cognito_identity, invocation.client_context
        # Context.from_invocation, written out: it runs for every invocation.
        context = Context(
            invocation.request_id,
            invocation.invoked_function_arn or "",
            function.function_name,
            function.function_version,
            function.memory_limit_in_mb,
            function.log_group_name,
            function.log_stream_name,
            parse_identity(identity) if identity else NO_IDENTITY,
            parse_client_context(client_context) if client_context else None,
            invocation.tenant_id,
            invocation.deadline_ms,
            invocation.trace_id,
            self._clock,
        )
        trace_env = self._trace_env
        trace_env.set(invocation.trace_id)
        token = set_current_context(context)
        try:
            target = self._target
            if isinstance(target, StreamingTarget):
                self._serve_streaming(target, invocation, context)
            else:
                self._serve_buffered(target, invocation, context)
        finally:
            reset_current_context(token)
        if not trace_env.prepared:  # once, after the first response: loads ctypes off the cold start
            trace_env.prepare()

    # -- steps ----------------------------------------------------------------------------------------------

    def _next(self) -> Invocation:
        try:
            status, headers, body = self._connection.exchange(self._next_request)
        except TransportError as exc:
            raise FatalRuntimeError(str(exc)) from exc
        if status != 200:
            raise FatalRuntimeError(f"/next answered {status}: {_describe(body)}")
        try:
            return Invocation.from_headers(headers, body)
        except ProtocolError as exc:
            raise FatalRuntimeError(str(exc)) from exc

    def _call(self, function: Callable[..., Any], *args: Any) -> Any:
        result = function(*args)
        if is_awaitable(result):
            return self._runner.run(result)
        return result

    def _serve_buffered(self, target: BufferedTarget, invocation: Invocation, context: Context) -> None:
        try:
            result = target.call(target.decode(invocation.body), context)
            if result.__class__ not in _PLAIN_RESULTS and hasattr(result, "__await__"):
                result = self._runner.run(result)
            body, content_type = encode_body(result)
        except Exception as exc:
            self._post(self._failure(invocation, exc).render(self._endpoint))
            return
        # The InvocationResponse request, sent without building it (see Connection.post).
        path = response_path(self._endpoint, invocation.request_id)
        try:
            status, headers, answer_body = self._connection.post(path, content_type, body)
        except TransportError as exc:
            raise FatalRuntimeError(str(exc)) from exc
        if status >= 300:
            self._check_answer(Response(status, headers, answer_body), "response")

    def _serve_streaming(self, target: StreamingTarget, invocation: Invocation, context: Context) -> None:
        from lambda_runtime.runtime.handlers.stream import ResponseStream  # buffered functions never load it

        endpoint = self._config.endpoint

        def open_stream(content_type: str) -> Upload:
            start = StreamingResponseStart(invocation.request_id, content_type)
            return self._connection.start_chunked(start.render(endpoint))

        output = ResponseStream(open_stream)
        error: ErrorReport | None = None
        try:
            event = target.decode(invocation.body)
            self._call(target.call, event, output, context)
        except TransportError as exc:
            log.Log.error(f"streaming the response of {invocation.request_id} failed: {exc}")
            return
        except Exception as exc:
            if not output.started:
                self._post(self._failure(invocation, exc).render(endpoint))
                return
            error = ErrorReport.from_exception(exc, invocation.request_id)
            log.log_fault(error, exc)
        try:
            answer = output.finish(error)
        except TransportError as exc:
            log.Log.error(f"streaming the response of {invocation.request_id} failed: {exc}")
            return
        if answer is None:  # the handler wrote nothing: an empty response
            self._post(
                InvocationResponse(invocation.request_id, b"", "application/octet-stream").render(endpoint)
            )
        else:
            self._check_answer(answer, "response")

    def _failure(self, invocation: Invocation, exc: BaseException) -> InvocationError:
        error = ErrorReport.from_exception(exc, invocation.request_id)
        log.log_fault(error, exc)
        return InvocationError(invocation.request_id, error)

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
