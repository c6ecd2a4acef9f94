"""A fixed number of slots, each holding at most one execution environment.

Rules:
- ``try_acquire`` never waits: None means every slot is busy (the Invoke API answers 429).
  ``acquire`` waits for a slot (Event invokes queue like Lambda's internal queue).
- The pool only keeps the flags: when a slot is taken, winding down and free is decided in
  ``core/invocation.py`` alone. A slot whose environment is gone gets a fresh one on its next use.
- Idle slots holding a warm environment are preferred over cold ones.
- An environment leaving its slot (gone, or replaced) keeps shutting down in the background; ``close``
  waits for those too, so no runtime process outlives the pool.
- Once closing, an environment leaves with reason "spindown" (never "failure"), even when its invoke
  was still winding down.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable

from lambda_runtime.emulator.core.environment import ExecutionEnvironment
from lambda_runtime.emulator.tasks import TaskGroup

__all__ = ["Pool", "Slot"]


class Slot:
    __slots__ = ("busy", "env", "index", "winding_down")

    def __init__(self, index: int) -> None:
        self.index = index
        self.env: ExecutionEnvironment | None = None
        self.busy = False
        self.winding_down = False


class Pool:
    def __init__(self, size: int, factory: Callable[[int], ExecutionEnvironment]) -> None:
        self._slots = [Slot(index) for index in range(size)]
        self._factory = factory
        # Callers of ``acquire`` waiting for a free slot, first come first served.
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._generation = 0
        # Shutdowns of environments that left their slot; ``close`` waits for them.
        self._retiring = TaskGroup("retiring environments")
        self._closing = False

    @property
    def size(self) -> int:
        return len(self._slots)

    @property
    def environments(self) -> list[ExecutionEnvironment]:
        return [slot.env for slot in self._slots if slot.env is not None]

    def try_acquire(self) -> Slot | None:
        cold: Slot | None = None
        for slot in self._slots:
            if slot.busy:
                continue
            env = slot.env
            if env is not None and env.usable:
                slot.busy = True
                return slot
            if cold is None:
                cold = slot
        if cold is not None:
            cold.busy = True
        return cold

    @property
    def idle(self) -> int:
        """Slots free right now."""
        return sum(not slot.busy for slot in self._slots)

    @property
    def winding_down(self) -> bool:
        return any(slot.busy and slot.winding_down for slot in self._slots)

    async def acquire(self) -> Slot:
        while True:
            slot = self.try_acquire()
            if slot is not None:
                return slot
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                if not waiter.cancelled():
                    self._wake_one()  # woken, then cancelled: the wake-up goes to the next in line
                elif waiter in self._waiters:  # a release may have dropped it already
                    self._waiters.remove(waiter)
                raise

    def _wake_one(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    async def environment(self, slot: Slot) -> ExecutionEnvironment:
        """The slot's environment, started fresh when it has none or its one is no longer usable."""
        env = slot.env
        if env is not None and env.usable:
            return env
        if env is not None:
            self._retire(env)
        self._generation += 1
        env = self._factory(self._generation)
        slot.env = env
        await env.start()
        return env

    def _retire(self, env: ExecutionEnvironment) -> None:
        self._retiring.start(env.shutdown("spindown" if self._closing else "failure"))

    def release(self, slot: Slot) -> None:
        if slot.env is not None and not slot.env.usable:
            self._retire(slot.env)
            slot.env = None
        slot.busy = False
        slot.winding_down = False
        self._wake_one()

    @property
    def closing(self) -> bool:
        return self._closing

    def begin_close(self) -> None:
        """From now on environments leave as a spin-down; call before cancelling in-flight invokes."""
        self._closing = True

    async def close(self) -> None:
        self._closing = True
        envs = self.environments
        for slot in self._slots:
            slot.env = None
        await asyncio.gather(*(env.shutdown("spindown") for env in envs), return_exceptions=True)
        await self._retiring.join()
