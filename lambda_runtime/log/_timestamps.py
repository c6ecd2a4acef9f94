"""RFC 3339 UTC timestamps with millisecond precision: ``2024-05-01T12:00:00.123Z``.

Rule: formatting is cached per second; only the milliseconds are formatted on every call.
"""

from __future__ import annotations

import time

__all__ = ["format_timestamp"]


class _SecondCache:
    # One tuple, replaced whole, so threads never pair a second with another second's text.
    last: tuple[int, str] = (-1, "")


_cache = _SecondCache()


def format_timestamp(timestamp_ns: int) -> str:
    """Format nanoseconds since the epoch as RFC 3339 UTC with milliseconds and a ``Z``."""
    millis = timestamp_ns // 1_000_000
    seconds = millis // 1000
    cached_seconds, prefix = _cache.last
    if seconds != cached_seconds:
        prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
        _cache.last = (seconds, prefix)
    return f"{prefix}.{millis - seconds * 1000:03d}Z"
