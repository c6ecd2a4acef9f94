"""A bounded, thread-safe queue of telemetry records with a drop policy and drop counters.

Rules:
- At most ``max_items`` records and ``max_bytes`` bytes wait (a record's size is the size of its JSON).
- When a record does not fit, ``DROP_NEWEST`` refuses it and ``DROP_OLDEST`` evicts from the head until
  it fits; either way every record lost is counted in ``dropped_records`` / ``dropped_bytes``.
- ``drain`` hands out everything waiting, oldest first; ``wait_empty`` is how a flush knows that the
  consumer has taken all of it.
"""

from __future__ import annotations

import enum
import threading
import time
from collections import deque

from lambda_runtime.extensions.records import TelemetryRecord

__all__ = ["DropPolicy", "RecordQueue"]


class DropPolicy(enum.Enum):
    DROP_NEWEST = "drop-newest"
    DROP_OLDEST = "drop-oldest"


class RecordQueue:
    def __init__(
        self,
        *,
        max_items: int = 100_000,
        max_bytes: int = 64 * 1024 * 1024,
        policy: DropPolicy = DropPolicy.DROP_NEWEST,
    ) -> None:
        if max_items < 1 or max_bytes < 1:
            raise ValueError("a record queue holds at least one item and one byte")
        self.max_items = max_items
        self.max_bytes = max_bytes
        self.policy = policy
        self._items: deque[tuple[TelemetryRecord, int]] = deque()
        self._bytes = 0
        self._busy = 0  # records handed out by drain and not yet marked done
        self._cond = threading.Condition()
        self.dropped_records = 0
        self.dropped_bytes = 0
        self.accepted_records = 0

    def __len__(self) -> int:
        with self._cond:
            return len(self._items)

    @property
    def pending_bytes(self) -> int:
        with self._cond:
            return self._bytes

    def put(self, record: TelemetryRecord, size: int) -> bool:
        """Queue ``record`` of ``size`` bytes; False when it (or, ``DROP_OLDEST``, older ones) was dropped."""
        with self._cond:
            kept = self._put(record, size)
            self._cond.notify_all()
            return kept

    def put_many(self, records: list[TelemetryRecord], size_each: int) -> int:
        """Queue a delivery under one lock; returns how many records were dropped doing it."""
        with self._cond:
            before = self.dropped_records
            for record in records:
                self._put(record, size_each)
            self._cond.notify_all()
            return self.dropped_records - before

    def _put(self, record: TelemetryRecord, size: int) -> bool:
        """``put`` with the lock held."""
        kept = True
        if size > self.max_bytes:
            self._drop(size)
            return False
        while len(self._items) >= self.max_items or self._bytes + size > self.max_bytes:
            if self.policy is DropPolicy.DROP_NEWEST:
                self._drop(size)
                return False
            _, old_size = self._items.popleft()
            self._bytes -= old_size
            self._drop(old_size)
            kept = False
        self._items.append((record, size))
        self._bytes += size
        self.accepted_records += 1
        return kept

    def _drop(self, size: int) -> None:
        self.dropped_records += 1
        self.dropped_bytes += size

    def drain(self, timeout_s: float | None = None) -> list[TelemetryRecord]:
        """Everything waiting, oldest first; waits up to ``timeout_s`` for something (None: forever)."""
        with self._cond:
            if not self._items and timeout_s != 0:
                self._cond.wait_for(lambda: bool(self._items), timeout_s)
            batch = [record for record, _ in self._items]
            self._items.clear()
            self._bytes = 0
            self._busy += len(batch)
            return batch

    def done(self, count: int) -> None:
        """The consumer finished with ``count`` records it drained."""
        with self._cond:
            self._busy -= count
            self._cond.notify_all()

    def wait_empty(self, timeout_s: float) -> bool:
        """True once nothing waits and nothing drained is still being handled; False at the timeout."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._items or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def wake(self) -> None:
        with self._cond:
            self._cond.notify_all()
