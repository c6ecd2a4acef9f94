"""The pool's waiting line: freed slots go to waiters first come first served, and a wake-up is never lost."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from lambda_runtime.emulator.core.environment import ExecutionEnvironment
from lambda_runtime.emulator.core.pool import Pool, Slot

PATIENCE_S = 5.0


def _no_environment(generation: int) -> ExecutionEnvironment:
    raise AssertionError("the waiting line never starts an environment")


async def _cancelled(task: asyncio.Task[object]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _busy_pool_and_two_waiters() -> tuple[Pool, Slot, asyncio.Task[Slot], asyncio.Task[Slot]]:
    pool = Pool(1, _no_environment)
    slot = pool.try_acquire()
    assert slot is not None
    first = asyncio.create_task(pool.acquire())
    second = asyncio.create_task(pool.acquire())
    await asyncio.sleep(0)
    assert pool.try_acquire() is None
    return pool, slot, first, second


def test_a_freed_slot_goes_to_the_first_waiter() -> None:
    async def scenario() -> None:
        pool, slot, first, second = await _busy_pool_and_two_waiters()
        pool.release(slot)
        assert await asyncio.wait_for(first, PATIENCE_S) is slot
        await asyncio.sleep(0.01)
        assert not second.done()
        pool.release(slot)
        assert await asyncio.wait_for(second, PATIENCE_S) is slot

    asyncio.run(scenario())


@pytest.mark.parametrize("cancel_before_release", [False, True])
def test_a_cancelled_waiter_passes_its_turn_on(cancel_before_release: bool) -> None:
    """Cancelled while waiting, or woken and cancelled before it ran: the next waiter gets the slot."""

    async def scenario() -> None:
        pool, slot, first, second = await _busy_pool_and_two_waiters()
        if cancel_before_release:
            first.cancel()
            pool.release(slot)  # may meet the cancelled waiter still in line
        else:
            pool.release(slot)  # wakes `first` ...
            first.cancel()  # ... which is cancelled before it runs
        assert await asyncio.wait_for(second, PATIENCE_S) is slot
        with contextlib.suppress(asyncio.CancelledError):
            await first
        assert first.cancelled()
        # The line is empty again: a new waiter is served by the next release.
        third = asyncio.create_task(pool.acquire())
        await asyncio.sleep(0)
        pool.release(slot)
        assert await asyncio.wait_for(third, PATIENCE_S) is slot
        await _cancelled(asyncio.create_task(pool.acquire()))

    asyncio.run(scenario())
