"""How the runtime recognises and runs what user code returns from ``async def``.

Rule: anything with ``__await__`` is awaited; asyncio itself is imported by the caller only when needed.
"""

from __future__ import annotations

from collections.abc import Awaitable

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeGuard, TypeVar

    T = TypeVar("T")

__all__ = ["as_coroutine", "is_awaitable"]


def is_awaitable(value: object) -> TypeGuard[Awaitable[Any]]:
    return hasattr(value, "__await__")


async def as_coroutine(awaitable: Awaitable[T]) -> T:
    """Wrap any awaitable so event-loop entry points that want a coroutine accept it."""
    return await awaitable
