"""A TTL cache with read-through: a miss or an expired entry is fetched, stored and returned.

Rules:
- Time comes from the injected ``clock`` (monotonic seconds), so expiry is testable without sleeping.
- A failed fetch stores nothing and raises; an entry's age counts from when it was fetched.
- At most ``max_entries`` entries; the least recently used goes first. ``max_entries=0`` caches nothing.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

__all__ = ["TtlCache"]


class TtlCache:
    def __init__(
        self, ttl_s: float, *, max_entries: int = 1000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.fetches = 0

    def peek(self, key: str) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or self._clock() - entry[0] >= self.ttl_s:
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: str, value: Any) -> None:
        if self.max_entries <= 0:
            return
        with self._lock:
            self._entries[key] = (self._clock(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def get(self, key: str, fetch: Callable[[], Any]) -> Any:
        value = self.peek(key)
        if value is not None:
            self.hits += 1
            return value
        value = fetch()
        self.fetches += 1
        self.put(key, value)
        return value
