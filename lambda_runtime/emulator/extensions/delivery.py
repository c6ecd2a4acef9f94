"""Deliver telemetry to subscribers: buffered batches POSTed (HTTP) or written (TCP) to the destination.

Rules this module keeps:
- One ``Subscriber`` per subscribed extension, one asyncio task each; a slow or dead subscriber never
  blocks the environment: ``TelemetryHub.publish`` only queues.
- A failed send is retried with exponential backoff (``RETRY_DELAYS_S``); a batch that still fails is
  counted and reported to the subscriber as ``platform.logsDropped``.
- Times come from the injected ``clock``; waiting uses the real event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lambda_runtime.emulator.tasks import TaskGroup
from lambda_runtime.protocol.telemetry import (
    Api,
    Buffering,
    Destination,
    Subscription,
    SubscriptionError,
    TelemetryRecord,
    encode_batch,
    platform_logs_dropped,
    platform_subscription,
    to_logs_api,
)

if TYPE_CHECKING:
    import httpx

__all__ = [
    "RETRY_DELAYS_S",
    "RecordBuffer",
    "Sender",
    "Subscriber",
    "TelemetryHub",
    "http_sender",
    "wall_clock",
]

_log = logging.getLogger(__name__)

RETRY_DELAYS_S = (0.05, 0.1, 0.2, 0.4, 0.8)
# Records kept from the start of the environment, replayed to subscribers that arrive during init.
BACKLOG_RECORDS = 1000

DROPPED_REASON = "Consumer seems to have fallen behind as it has not acknowledged receipt of logs."


@dataclass
class RecordBuffer:
    """Records waiting for one subscriber, and when to send them.

    A batch is due when ``max_items`` records or ``max_bytes`` bytes are waiting, or ``timeout_ms`` after
    the oldest waiting record arrived. At most ``capacity_bytes`` wait; past that new records are dropped
    and counted, and the next batch starts with a ``platform.logsDropped`` record.
    """

    buffering: Buffering
    capacity_bytes: int = 0
    _items: deque[tuple[TelemetryRecord, bytes]] = field(default_factory=deque)
    _bytes: int = 0
    _first_at: float | None = None
    dropped_records: int = 0
    dropped_bytes: int = 0

    def __post_init__(self) -> None:
        if self.capacity_bytes <= 0:
            self.capacity_bytes = 4 * self.buffering.max_bytes

    def __len__(self) -> int:
        return len(self._items)

    @property
    def pending_bytes(self) -> int:
        return self._bytes

    def add(self, record: TelemetryRecord, now: float) -> bool:
        """Queue ``record``; False when it was dropped because the subscriber fell behind."""
        encoded = record.to_json()
        if self._bytes + len(encoded) > self.capacity_bytes:
            self.dropped_records += 1
            self.dropped_bytes += len(encoded)
            return False
        if not self._items:
            self._first_at = now
        self._items.append((record, encoded))
        self._bytes += len(encoded)
        return True

    def due_at(self) -> float | None:
        """When the next batch must go (seconds since the epoch); None when nothing waits."""
        if not self._items and not self.dropped_records:
            return None
        if self._full() or self._first_at is None:
            return 0.0
        return self._first_at + self.buffering.timeout_ms / 1000

    def _full(self) -> bool:
        return len(self._items) >= self.buffering.max_items or self._bytes >= self.buffering.max_bytes

    def is_due(self, now: float) -> bool:
        due = self.due_at()
        return due is not None and now >= due

    def take_batch(self, now: float) -> list[bytes]:
        """Up to ``max_items`` records / ``max_bytes`` bytes, each JSON-encoded, oldest first."""
        batch: list[bytes] = []
        size = 0
        if self.dropped_records:
            notice = TelemetryRecord(
                now,
                "platform.logsDropped",
                platform_logs_dropped(
                    dropped_bytes=self.dropped_bytes,
                    dropped_records=self.dropped_records,
                    reason=DROPPED_REASON,
                ),
            ).to_json()
            batch.append(notice)
            size += len(notice)
            self.dropped_records = 0
            self.dropped_bytes = 0
        while self._items and len(batch) < self.buffering.max_items:
            _, encoded = self._items[0]
            if batch and size + len(encoded) > self.buffering.max_bytes:
                break
            self._items.popleft()
            self._bytes -= len(encoded)
            batch.append(encoded)
            size += len(encoded)
        self._first_at = now if self._items else None
        return batch

    def count_lost(self, batch: Sequence[bytes]) -> None:
        """A batch that could not be delivered: it is reported in the next ``platform.logsDropped``."""
        self.dropped_records += len(batch)
        self.dropped_bytes += sum(len(item) for item in batch)


def wall_clock() -> float:
    return time.time()


Sender = Callable[[Destination, Sequence[bytes]], Awaitable[None]]


def http_sender(client_factory: Callable[[], httpx.AsyncClient] | None = None) -> Sender:
    """POST each batch as a JSON array (HTTP destinations) or write JSON lines (TCP destinations)."""
    client: httpx.AsyncClient | None = None

    async def send(destination: Destination, batch: Sequence[bytes]) -> None:
        nonlocal client
        if destination.protocol == "TCP":
            await _tcp_send(destination, batch)
            return
        import httpx

        if client is None:
            client = client_factory() if client_factory else httpx.AsyncClient(timeout=5.0, trust_env=False)
        response = await client.post(
            destination.url, content=encode_batch(batch), headers={"Content-Type": "application/json"}
        )
        if response.status_code >= 300:
            raise ConnectionError(f"{destination.uri} answered HTTP {response.status_code}")

    return send


async def _tcp_send(destination: Destination, batch: Sequence[bytes]) -> None:
    _, writer = await asyncio.open_connection(destination.host, destination.port)
    try:
        writer.write(b"".join(item + b"\n" for item in batch))
        await writer.drain()
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


class Subscriber:
    """One extension's subscription: its buffer and the task that empties it."""

    def __init__(
        self,
        name: str,
        subscription: Subscription,
        *,
        send: Sender,
        clock: Callable[[], float] = wall_clock,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.name = name
        self.subscription = subscription
        self.buffer = RecordBuffer(subscription.buffering)
        self.delivered_batches = 0
        self._send = send
        self._clock = clock
        self._sleep = sleep
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        # Batches leave in order even when a flush and the background task both send.
        self._sending = asyncio.Lock()

    def offer(self, record: TelemetryRecord) -> None:
        if not self.subscription.wants(record.type):
            return
        records = (
            [record]
            if self.subscription.api is Api.TELEMETRY
            else to_logs_api(record, self.subscription.schema_version)
        )
        for item in records:
            self.buffer.add(item, self._clock())
        if records:
            self._idle.clear()
            self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"telemetry:{self.name}")

    async def deliver_due(self, *, force: bool = False) -> bool:
        """Send every batch that is due now (all of them with ``force``); False when one was lost."""
        async with self._sending:
            while self.buffer.due_at() is not None and (force or self.buffer.is_due(self._clock())):
                batch = self.buffer.take_batch(self._clock())
                if not batch:
                    break
                if not await self._send_with_retry(batch):
                    return False
        return True

    async def _send_with_retry(self, batch: list[bytes]) -> bool:
        for attempt, delay in enumerate((0.0, *RETRY_DELAYS_S)):
            if delay:
                await self._sleep(delay)
            try:
                await self._send(self.subscription.destination, batch)
            except Exception as exc:  # OSError, httpx errors: whatever the transport raises
                _log.debug("telemetry to %s failed (attempt %d): %s", self.name, attempt + 1, exc)
                continue
            self.delivered_batches += 1
            return True
        if not self._closing:
            self.buffer.count_lost(batch)
        return False

    async def _run(self) -> None:
        while True:
            due = self.buffer.due_at()
            if due is None:
                self._idle.set()
                self._wake.clear()
                await self._wake.wait()
                continue
            wait_s = due - self._clock()
            if wait_s > 0:
                self._wake.clear()
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), wait_s)
                continue
            if not await self.deliver_due():
                # The subscriber is not answering: give it a rest before the next round.
                await self._sleep(max(self.subscription.buffering.timeout_ms / 1000, RETRY_DELAYS_S[-1]))

    async def flush(self, timeout_s: float) -> None:
        """Send everything waiting now, giving up after ``timeout_s``."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.deliver_due(force=True), timeout_s)

    async def close(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


class TelemetryHub:
    """Every subscription of one execution environment, and the records published to them."""

    def __init__(
        self,
        *,
        send: Sender | None = None,
        clock: Callable[[], float] = wall_clock,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._send = send or http_sender()
        self._clock = clock
        self._sleep = sleep
        self.subscribers: dict[str, Subscriber] = {}
        self._backlog: deque[TelemetryRecord] = deque(maxlen=BACKLOG_RECORDS)
        # Subscribers replaced by a new subscription of the same extension, closing.
        self._replaced = TaskGroup("replaced subscribers")
        self.init_phase = True

    def subscribe(self, extension_name: str, subscription: Subscription) -> None:
        """Add or replace ``extension_name``'s subscription; raises ``SubscriptionError`` (400)."""
        current = self.subscribers.get(extension_name)
        if current is not None and current.subscription.api is not subscription.api:
            raise SubscriptionError(
                f"extension {extension_name!r} already subscribed through the "
                f"{current.subscription.api.value} API; subscribing to both the Telemetry API and the "
                "Logs API is not allowed"
            )
        subscriber = Subscriber(
            extension_name, subscription, send=self._send, clock=self._clock, sleep=self._sleep
        )
        if current is not None:
            # The new destination takes over what was still waiting.
            subscriber.buffer = current.buffer
            subscriber.buffer.buffering = subscription.buffering
            self._replaced.start(current.close())
        elif self.init_phase:
            for record in self._backlog:
                subscriber.offer(record)
        self.subscribers[extension_name] = subscriber
        subscriber.start()
        self.publish(
            TelemetryRecord(
                self._clock(),
                "platform.telemetrySubscription",
                platform_subscription(name=extension_name, types=subscription.types),
            )
        )

    def publish(self, record: TelemetryRecord) -> None:
        if self.init_phase:
            self._backlog.append(record)
        for subscriber in self.subscribers.values():
            subscriber.offer(record)

    def end_init(self) -> None:
        self.init_phase = False
        self._backlog.clear()

    async def flush(self, timeout_s: float) -> None:
        if self.subscribers:
            await asyncio.gather(*(s.flush(timeout_s) for s in self.subscribers.values()))

    async def close(self) -> None:
        await asyncio.gather(*(s.close() for s in self.subscribers.values()))
        self.subscribers.clear()
        await self._replaced.aclose()
