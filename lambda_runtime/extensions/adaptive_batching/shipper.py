"""Batches log records and ships them to S3 when a threshold trips.

Rules:
- Thresholds (any one trips a ship): queued bytes >= ``ship_rate_bytes``, INVOKEs since the last ship >=
  ``ship_rate_invokes``, time since the last ship >= ``ship_rate_ms``. Bytes and invokes are checked on
  each INVOKE (as the sample does); time also on a timer between invokes.
- A ship takes the oldest waiting lines, uploads them as one object, and removes them only once S3
  accepted it: a failed ship keeps them, and a worker retries with exponential backoff.
- Memory is bounded by ``max_pending_bytes``: a record that does not fit is counted in ``dropped`` and
  never silently forgotten; ``flush`` reports what is left.
- Keys: ``<yyyy>-<mm>-<dd>-<environment-uuid>/<function-name>-<epoch-ms>-<uuid>.log``, one environment
  uuid per shipper (per execution environment), the function name lower-cased, the date in UTC.
"""

from __future__ import annotations

import itertools
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import orjson

from lambda_runtime.extensions.adaptive_batching.settings import Settings
from lambda_runtime.extensions.records import LogsDropped, TelemetryRecord

__all__ = ["LogShipper", "ShipReport", "object_key"]

# Between failed ships: first delay, and the longest.
BACKOFF_FIRST_S = 0.1
BACKOFF_MAX_S = 5.0
# One object carries at most this many bytes of lines (S3 takes far more; this bounds one upload).
MAX_OBJECT_BYTES = 64 * 1024 * 1024

Put = Callable[[str, bytes], None]


def object_key(function_name: str, environment_uuid: str, epoch_s: float, file_uuid: str) -> str:
    day = time.strftime("%Y-%m-%d", time.gmtime(epoch_s))
    return f"{day}-{environment_uuid}/{function_name.lower()}-{int(epoch_s * 1000)}-{file_uuid}.log"


@dataclass(frozen=True, slots=True)
class ShipReport:
    shipped_records: int
    shipped_objects: int
    unshipped_records: int
    unshipped_bytes: int
    dropped_records: int
    platform_dropped_records: int

    @property
    def lost_records(self) -> int:
        return self.unshipped_records + self.dropped_records


class LogShipper:
    def __init__(
        self,
        settings: Settings,
        put: Put,
        *,
        function_name: str,
        environment_uuid: str | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self._put = put
        self.function_name = function_name
        self.environment_uuid = environment_uuid or str(uuid.uuid4())
        self._monotonic = monotonic
        self._wall = wall
        self._lines: deque[bytes] = deque()
        self._bytes = 0
        self._invokes = 0
        self._last_ship = monotonic()
        self._lock = threading.Lock()  # the queue and counters
        self._ship_lock = threading.Lock()  # one upload at a time, in order
        self._wake = threading.Condition(self._lock)
        self._failing = False
        self._stopped = False
        self._worker: threading.Thread | None = None
        self.shipped_records = 0
        self.shipped_objects = 0
        self.dropped_records = 0
        self.platform_dropped_records = 0
        self.keys: list[str] = []

    # -- input ---------------------------------------------------------------------------------------

    def add(self, records: Iterable[TelemetryRecord]) -> None:
        dumps = orjson.dumps
        lines = []
        for record in records:
            if type(record) is LogsDropped:
                self.platform_dropped_records += record.dropped_records
            lines.append(dumps({"time": record.time, "type": record.type, "record": record.record}))
        size = sum(map(len, lines)) + len(lines)
        with self._lock:
            if not self._lines:
                self._wake.notify_all()  # the timer starts with the first waiting line
            if self._bytes + size <= self.settings.max_pending_bytes:
                self._lines.extend(lines)
                self._bytes += size
                return
            for line in lines:
                if self._bytes + len(line) + 1 > self.settings.max_pending_bytes:
                    self.dropped_records += 1
                    continue
                self._lines.append(line)
                self._bytes += len(line) + 1

    def on_invoke(self) -> None:
        """Count an INVOKE; ship now when a threshold tripped (the sample's check point)."""
        with self._lock:
            self._invokes += 1
            due = self._due() and not self._failing
        if due:
            self.ship_once()

    def _due(self) -> bool:
        if not self._lines:
            return False
        s = self.settings
        return (
            self._bytes >= s.ship_rate_bytes
            or self._invokes >= s.ship_rate_invokes
            or (self._monotonic() - self._last_ship) * 1000 >= s.ship_rate_ms
        )

    @property
    def pending_records(self) -> int:
        with self._lock:
            return len(self._lines)

    # -- shipping ------------------------------------------------------------------------------------

    def ship_once(self) -> bool:
        """Upload the oldest waiting lines as one object; True when S3 took it (or nothing waited)."""
        with self._ship_lock:
            with self._lock:
                count, size = 0, 0
                for line in self._lines:
                    if count and size + len(line) + 1 > MAX_OBJECT_BYTES:
                        break
                    count += 1
                    size += len(line) + 1
                if not count:
                    return True
                body = b"\n".join(itertools.islice(self._lines, count)) + b"\n"
            key = object_key(self.function_name, self.environment_uuid, self._wall(), str(uuid.uuid4()))
            try:
                self._put(key, body)
            except Exception as exc:  # botocore's errors, OSError: whatever the client raises
                with self._lock:
                    if not self._failing:
                        print(f"adaptive-batching: ship to S3 failed, will retry: {exc}", file=sys.stderr)
                    self._failing = True
                    self._wake.notify_all()
                return False
            with self._lock:
                for _ in range(count):
                    self._lines.popleft()
                self._bytes -= size
                self._invokes = 0
                self._last_ship = self._monotonic()
                self._failing = False
                self.shipped_records += count
                self.shipped_objects += 1
                self.keys.append(key)
            return True

    def start(self) -> None:
        self._worker = threading.Thread(target=self._run, name="adaptive-batching", daemon=True)
        self._worker.start()

    def _run(self) -> None:
        """Ship on the timer between invokes, and retry failed ships with backoff."""
        backoff = BACKOFF_FIRST_S
        while True:
            with self._lock:
                if self._stopped:
                    return
                if self._failing:
                    self._wake.wait(backoff)
                    if self._stopped:
                        return
                elif self._lines:
                    elapsed_s = self._monotonic() - self._last_ship
                    remaining_s = self.settings.ship_rate_ms / 1000 - elapsed_s
                    if remaining_s > 0:
                        self._wake.wait(remaining_s)
                        continue
                else:
                    self._wake.wait()
                    continue
            backoff = BACKOFF_FIRST_S if self.ship_once() else min(backoff * 2, BACKOFF_MAX_S)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._wake.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=5)

    def flush(self, deadline: float) -> ShipReport:
        """Stop the timer and ship everything waiting, retrying until ``deadline`` (monotonic seconds)."""
        self.stop()
        backoff = 0.05
        while self.pending_records and self._monotonic() < deadline:
            if not self.ship_once():
                time.sleep(max(0.0, min(backoff, deadline - self._monotonic())))
                backoff = min(backoff * 2, 0.4)
        with self._lock:
            return ShipReport(
                shipped_records=self.shipped_records,
                shipped_objects=self.shipped_objects,
                unshipped_records=len(self._lines),
                unshipped_bytes=self._bytes,
                dropped_records=self.dropped_records,
                platform_dropped_records=self.platform_dropped_records,
            )
