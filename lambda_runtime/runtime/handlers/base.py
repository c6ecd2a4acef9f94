"""The handler base classes users subclass.

``LambdaBufferedHandler[EventT, ResultT]`` returns one result; ``LambdaStreamHandler[EventT]`` writes to a
ResponseStream. ``handle_request`` may be ``def`` or ``async def``. The event arrives decoded according
to ``EventT`` (see ``codec``). A subclass is instantiated once, at init, with no arguments; override
``on_shutdown`` to run code when the environment shuts down.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from lambda_runtime.runtime.context import Context
    from lambda_runtime.runtime.handlers.stream import ResponseStream

__all__ = ["LambdaBufferedHandler", "LambdaStreamHandler"]

EventT = TypeVar("EventT")
ResultT = TypeVar("ResultT")


class _HandlerBase:
    def on_shutdown(self) -> Awaitable[None] | None:
        """Called once when the environment shuts down (SIGTERM), within a short budget."""
        return None


class LambdaBufferedHandler(_HandlerBase, Generic[EventT, ResultT]):
    def handle_request(self, event: EventT, context: Context) -> ResultT | Awaitable[ResultT]:
        raise NotImplementedError(f"{type(self).__name__} must implement handle_request(event, context)")


class LambdaStreamHandler(_HandlerBase, Generic[EventT]):
    def handle_request(
        self, event: EventT, output: ResponseStream, context: Context
    ) -> Awaitable[None] | None:
        raise NotImplementedError(
            f"{type(self).__name__} must implement handle_request(event, output, context)"
        )


def declared_event_type(handler_class: type[Any]) -> Any:
    """The ``EventT`` a subclass declared (``Any`` when it did not)."""
    for klass in handler_class.__mro__:
        for base in getattr(klass, "__orig_bases__", ()):
            origin = getattr(base, "__origin__", None)
            if origin in (LambdaBufferedHandler, LambdaStreamHandler):
                args = getattr(base, "__args__", ())
                if args and not isinstance(args[0], TypeVar):
                    return args[0]
    return Any
