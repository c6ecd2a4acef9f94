"""Turn whatever the user gave (a function, a handler class or instance, a generator) into one of two shapes.

- ``BufferedTarget``: ``call(event, context)`` returns the result (or an awaitable of it).
- ``StreamingTarget``: ``call(event, output, context)`` writes to the ResponseStream (may be async).

A plain generator or async generator function streams what it yields.
"""

from __future__ import annotations

import types
import typing
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from lambda_runtime._record import Record, set_field
from lambda_runtime.handlers.base import (
    LambdaBufferedHandler,
    LambdaStreamHandler,
    _HandlerBase,
    declared_event_type,
)
from lambda_runtime.handlers.codec import EventDecoder, decoder_for
from lambda_runtime.handlers.stream import ResponseStream
from lambda_runtime.runtime.context import Context
from lambda_runtime.runtime.shutdown import ShutdownHook

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
    """The annotation of a function's first parameter, resolved; Any when absent or unresolvable."""
    code = getattr(function, "__code__", None)
    if code is None or code.co_argcount == 0:
        return Any
    first = code.co_varnames[1 if isinstance(function, types.MethodType) else 0]
    try:
        hints = typing.get_type_hints(function)
    except Exception:
        return Any
    return hints.get(first, Any)


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
    overridden = type(handler).on_shutdown is not _HandlerBase.on_shutdown
    return (handler.on_shutdown,) if overridden else ()


def adapt(handler: Any) -> HandlerTarget:
    """Adapt a handler object; raises NotAHandlerError when it is none of the accepted forms."""
    if isinstance(handler, type) and issubclass(handler, (LambdaBufferedHandler, LambdaStreamHandler)):
        handler = handler()
    if isinstance(handler, LambdaStreamHandler):
        decode = decoder_for(declared_event_type(type(handler)))
        return StreamingTarget(decode, handler.handle_request, _shutdown_hooks(handler))
    if isinstance(handler, LambdaBufferedHandler):
        decode = decoder_for(declared_event_type(type(handler)))
        return BufferedTarget(decode, handler.handle_request, _shutdown_hooks(handler))
    if isinstance(handler, type) or not callable(handler):
        raise NotAHandlerError(
            f"{handler!r} is not a handler: expected a function (event, context), or a subclass or instance "
            "of LambdaBufferedHandler or LambdaStreamHandler"
        )
    decode = decoder_for(_first_parameter_type(handler))
    if _is_generator_function(handler):
        return StreamingTarget(decode, _stream_from_iterator(handler))
    return BufferedTarget(decode, handler)
