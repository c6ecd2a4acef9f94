"""One invoke from acceptance to END/REPORT, and the slot it holds until its environment is reusable.

This file, and no other, answers "when is a slot free?" (``core/pool.py`` keeps the flags it sets;
the invoke's state is ``core/invoke_state.py``, written by ``core/environment.py``):
- A slot is taken by ``Invocations.take_slot`` (a synchronous invoke: at once, or None -> 429, except that
  a slot winding down is waited for) or ``Invocations.wait_slot`` (an Event invoke: it queues).
- It is released exactly once: at once when the environment's init failed, otherwise once the invoke
  ended (``finished``: answered, timed out, crashed or abandoned) and then the environment said whether
  it can take the next one (``InvokeRecord.reusable``: the runtime is back in /next and extensions are
  done, or it is shutting down). Callbacks on those two futures release it; no task waits.
- From the moment the invoke's answer is known (``answered``, or its end) the slot is "winding down":
  a caller waits for it instead of getting 429, so back-to-back invokes from one caller never throttle.
- A caller that leaves before the end (``caller_gone``) ends the invoke at once and resets the
  environment, unless the pool is closing (then every environment leaves as a spin-down).
"""

from __future__ import annotations

import asyncio
from functools import partial

from lambda_runtime.emulator.core.invoke_state import InvokeRecord, InvokeRequest
from lambda_runtime.emulator.core.outcome import Failure, Outcome, StreamedResult
from lambda_runtime.emulator.core.pool import Pool, Slot

__all__ = ["Invocation", "Invocations"]


class Invocation:
    """An invoke dispatched to a runtime: its answer (``first``), its end (``finished``) and its slot."""

    __slots__ = ("_pool", "record", "slot")

    def __init__(self, pool: Pool, slot: Slot, record: InvokeRecord) -> None:
        self._pool = pool
        self.slot = slot
        self.record = record

    @property
    def request_id(self) -> str:
        return self.record.request_id

    def first(self) -> asyncio.Future[Outcome]:
        """The runtime's answer, or the start of its streamed answer."""
        return self.record.first

    def finished(self) -> asyncio.Future[Failure | None]:
        """The end of the invoke: None on success; END and REPORT are written by then."""
        return self.record.finished

    @property
    def is_finished(self) -> bool:
        return self.record.finished.done()

    @property
    def log_tail(self) -> str:
        return self.record.log_tail

    def answered(self) -> None:
        """The caller has its answer: the slot winds down (waited for, never a 429)."""
        self.slot.winding_down = True

    def caller_gone(self, outcome: Outcome | None) -> None:
        """The caller left before the end: end the invoke now and reset the environment."""
        self.slot.winding_down = True
        if isinstance(outcome, StreamedResult):
            outcome.abandon()
        env = self.slot.env
        if env is not None and not self._pool.closing:
            env.caller_gone(self.record)


class Invocations:
    """Starts invokes on the pool's slots and frees each slot when its environment is reusable."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool

    async def take_slot(self) -> Slot | None:
        """A slot for a synchronous invoke; None when every slot is busy (429)."""
        slot = self.pool.try_acquire()
        if slot is not None:
            return slot
        if self.pool.winding_down:
            return await self.pool.acquire()
        return None

    async def wait_slot(self) -> Slot:
        """A slot for an Event invoke, waiting as long as it takes."""
        return await self.pool.acquire()

    async def start(self, slot: Slot, request: InvokeRequest) -> Invocation | Failure:
        """Dispatch ``request`` on ``slot``; the init failure instead when the environment could not start
        (its log tail attached; the slot is then already free)."""
        try:
            env = await self.pool.environment(slot)
            failure = await env.wait_ready()
        except BaseException:
            self.pool.release(slot)
            raise
        if failure is not None:
            failure = failure.with_log_tail(env.fail_before_dispatch(request, failure))
            self.pool.release(slot)
            return failure
        record = env.invoke(request)
        record.finished.add_done_callback(partial(self._ended, slot, record))
        return Invocation(self.pool, slot, record)

    def _ended(self, slot: Slot, record: InvokeRecord, _: object) -> None:
        slot.winding_down = True
        record.reusable.add_done_callback(partial(self._reusable, slot))

    def _reusable(self, slot: Slot, _: object) -> None:
        self.pool.release(slot)
