"""Turn whatever the user gave (a function, a handler class or instance, a generator) into one of two shapes.

- ``BufferedTarget``: ``call(event, context)`` returns the result (or an awaitable of it).
- ``StreamingTarget``: ``call(event, output, context)`` writes to the ResponseStream (may be async).

A plain generator or async generator function streams what it yields.
"""

from __future__ import annotations

import sys
import types
from collections.abc import AsyncIterator, Callable, Iterator

from lambda_runtime._record import Record, set_field
from lambda_runtime.runtime.context import Context
from lambda_runtime.runtime.handlers.codec import decoder_for
from lambda_runtime.runtime.shutdown import ShutdownHook

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from lambda_runtime.runtime.handlers.base import LambdaBufferedHandler, LambdaStreamHandler
    from lambda_runtime.runtime.handlers.codec import EventDecoder
    from lambda_runtime.runtime.handlers.stream import ResponseStream

_BASE_MODULE = "lambda_runtime.runtime.handlers.base"

__all__ = ["BufferedTarget", "HandlerTarget", "NotAHandlerError", "StreamingTarget", "adapt"]


class NotAHandlerError(TypeError):
    """The object is none of the accepted handler forms."""


class BufferedTarget(Record):
    __slots__ = ("call", "decode", "shutdown_hooks")
    decode: EventDecoder
    call: Callable[[Any, Context], Any]
    shutdown_hooks: tuple[ShutdownHook, ...]

    def __init__(
        self,
        decode: EventDecoder,
        call: Callable[[Any, Context], Any],
        shutdown_hooks: tuple[ShutdownHook, ...] = (),
    ) -> None:
        set_field(self, "decode", decode)
        set_field(self, "call", call)
        set_field(self, "shutdown_hooks", shutdown_hooks)


class StreamingTarget(Record):
    __slots__ = ("call", "decode", "shutdown_hooks")
    decode: EventDecoder
    call: Callable[[Any, ResponseStream, Context], Any]
    shutdown_hooks: tuple[ShutdownHook, ...]

    def __init__(
        self,
        decode: EventDecoder,
        call: Callable[[Any, ResponseStream, Context], Any],
        shutdown_hooks: tuple[ShutdownHook, ...] = (),
    ) -> None:
        set_field(self, "decode", decode)
        set_field(self, "call", call)
        set_field(self, "shutdown_hooks", shutdown_hooks)


HandlerTarget = BufferedTarget | StreamingTarget


def _first_parameter_type(function: Callable[..., Any]) -> Any:
    """The annotation of a function's first parameter, resolved; None when absent or unresolvable."""
    code = getattr(function, "__code__", None)
    if code is None or code.co_argcount == 0 or not getattr(function, "__annotations__", None):
        return None
    import typing  # only for annotated functions

    first = code.co_varnames[1 if isinstance(function, types.MethodType) else 0]
    try:
        hints = typing.get_type_hints(function)
    except Exception:
        return None
    return hints.get(first)


def _stream_from_iterator(
    function: Callable[[Any, Context], Any],
) -> Callable[[Any, ResponseStream, Context], Any]:
    """Adapt a (async) generator function ``f(event, context)`` to the streaming call shape."""

    def drain(items: Iterator[Any], output: ResponseStream) -> None:
        for item in items:
            output.write(item)

    async def drain_async(items: AsyncIterator[Any], output: ResponseStream) -> None:
        async for item in items:
            output.write(item)

    def call(event: Any, output: ResponseStream, context: Context) -> Any:
        items = function(event, context)
        if hasattr(items, "__aiter__"):
            return drain_async(items, output)
        drain(items, output)
        return None

    return call


def _is_generator_function(function: Any) -> bool:
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    # CO_GENERATOR | CO_ASYNC_GENERATOR
    return bool(code.co_flags & (0x20 | 0x200))


def _shutdown_hooks(
    handler: LambdaBufferedHandler[Any, Any] | LambdaStreamHandler[Any],
) -> tuple[ShutdownHook, ...]:
    from lambda_runtime.runtime.handlers.base import _HandlerBase

    overridden = type(handler).on_shutdown is not _HandlerBase.on_shutdown
    return (handler.on_shutdown,) if overridden else ()


def _adapt_handler_class(handler: Any) -> HandlerTarget | None:
    """A LambdaBufferedHandler / LambdaStreamHandler subclass or instance adapted; None for anything else."""
    from lambda_runtime.runtime.handlers.base import (
        LambdaBufferedHandler,
        LambdaStreamHandler,
        declared_event_type,
    )

    if isinstance(handler, type) and issubclass(handler, (LambdaBufferedHandler, LambdaStreamHandler)):
        handler = handler()
    if isinstance(handler, LambdaStreamHandler):
        decode = decoder_for(declared_event_type(type(handler)))
        return StreamingTarget(decode, handler.handle_request, _shutdown_hooks(handler))
    if isinstance(handler, LambdaBufferedHandler):
        decode = decoder_for(declared_event_type(type(handler)))
        return BufferedTarget(decode, handler.handle_request, _shutdown_hooks(handler))
    return None


def adapt(handler: Any) -> HandlerTarget:
    """Adapt a handler object; raises NotAHandlerError when it is none of the accepted forms."""
    # A handler class exists only once the base classes were imported: plain functions never load them.
    if _BASE_MODULE in sys.modules:
        target = _adapt_handler_class(handler)
        if target is not None:
            return target
    if isinstance(handler, type) or not callable(handler):
        raise NotAHandlerError(
            f"{handler!r} is not a handler: expected a function (event, context), or a subclass or instance "
            "of LambdaBufferedHandler or LambdaStreamHandler"
        )
    decode = decoder_for(_first_parameter_type(handler))
    if _is_generator_function(handler):
        return StreamingTarget(decode, _stream_from_iterator(handler))
    return BufferedTarget(decode, handler)
