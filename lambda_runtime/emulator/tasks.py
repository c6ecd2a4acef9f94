"""Owned task groups: every asyncio task the emulator starts belongs to one, and its owner closes it.

Rules:
- ``TaskGroup.start`` is the only way the emulator starts a background task; the object that starts it
  owns the group and calls ``aclose`` (cancel, then await every task) when it closes, or ``join`` to wait
  for the tasks to end by themselves.
- A task's exception is logged when the task ends, never lost; a cancelled task is not an error.
- After ``aclose`` the group takes no new task (``start`` raises ``RuntimeError`` and closes the coroutine).

It exists because the emulator supports Python 3.10 (no ``asyncio.TaskGroup``) and its owners are objects
with a start and a close, not one ``async with`` block (which anyio's task groups need).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["TaskGroup"]

_log = logging.getLogger(__name__)
_T = TypeVar("_T")


class TaskGroup:
    __slots__ = ("_closed", "_tasks", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False

    def __len__(self) -> int:
        return len(self._tasks)

    def start(self, coro: Coroutine[Any, Any, _T], *, name: str | None = None) -> asyncio.Task[_T]:
        if self._closed:
            coro.close()
            raise RuntimeError(f"task group {self.name} is closed")
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            _log.error("%s: task %s failed", self.name, task.get_name(), exc_info=task.exception())

    async def join(self) -> None:
        """Wait until every task (including those started meanwhile) has ended by itself."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def aclose(self) -> None:
        """Take no new task, cancel the running ones and wait for them to end."""
        self._closed = True
        while self._tasks:
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
