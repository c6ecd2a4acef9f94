"""Log lines like Lambda's, and the per-invoke log kept for ``X-Amz-Log-Result``.

Rule: formatting only; where lines go (the console, an invoke's tail, telemetry) is the environment's choice.

A runtime joins the lines of one multi-line record with ``\\r`` so CloudWatch keeps it one event; the tail
and telemetry keep those bytes, and ``for_display`` turns them into indented lines for a console.
"""

from __future__ import annotations

import base64
import math
import re
import time
from collections import deque
from collections.abc import Callable

__all__ = [
    "TAIL_BYTES",
    "InvokeLog",
    "LogSink",
    "billed_ms",
    "end_line",
    "for_display",
    "report_line",
    "start_line",
    "timed_out_line",
]

# A place lines go to: the console of `lambda-runtime emulate`, a list in a test.
LogSink = Callable[[str], None]

# Continuation lines of a multi-line record start with this on a console.
DISPLAY_INDENT = "    "
_LONE_CR = re.compile("\r(?!\n)")

# X-Amz-Log-Result carries the last 4 KB of the invoke's log.
TAIL_BYTES = 4096
# Kept per invoke: enough for the tail with whole lines around it.
_KEPT_BYTES = 4 * TAIL_BYTES


def for_display(line: str) -> str:
    """``line`` as a console shows it: each ``\\r`` not followed by ``\\n`` starts a new, indented line."""
    if "\r" not in line:
        return line
    return _LONE_CR.sub("\n" + DISPLAY_INDENT, line)


def start_line(request_id: str, version: str) -> str:
    return f"START RequestId: {request_id} Version: {version}"


def end_line(request_id: str) -> str:
    return f"END RequestId: {request_id}"


def billed_ms(duration_ms: float) -> int:
    return max(1, math.ceil(duration_ms))


def report_line(
    request_id: str,
    *,
    duration_ms: float,
    memory_mb: int,
    max_memory_used_mb: int,
    init_duration_ms: float | None = None,
    status: str | None = None,
) -> str:
    fields = [
        f"REPORT RequestId: {request_id}",
        f"Duration: {duration_ms:.2f} ms",
        f"Billed Duration: {billed_ms(duration_ms)} ms",
        f"Memory Size: {memory_mb} MB",
        f"Max Memory Used: {max_memory_used_mb} MB",
    ]
    if init_duration_ms is not None:
        fields.append(f"Init Duration: {init_duration_ms:.2f} ms")
    if status is not None:
        fields.append(f"Status: {status}")
    return "\t".join(fields) + "\t"


def timed_out_line(request_id: str, timeout_s: float) -> str:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    millis = int(time.time() * 1000) % 1000
    return f"{stamp}.{millis:03d}Z {request_id} Task timed out after {timeout_s:.2f} seconds"


class InvokeLog:
    """The lines of one invoke, bounded: a function that floods output keeps only its last lines here."""

    __slots__ = ("_lines", "_size")

    def __init__(self) -> None:
        self._lines: deque[str] = deque()
        self._size = 0

    def add(self, line: str) -> None:
        self._lines.append(line)
        self._size += len(line) + 1
        while self._size > _KEPT_BYTES and len(self._lines) > 1:
            self._size -= len(self._lines.popleft()) + 1

    def lines(self) -> tuple[str, ...]:
        return tuple(self._lines)

    def text(self) -> str:
        return "".join(line + "\n" for line in self._lines)

    def tail_base64(self) -> str:
        data = self.text().encode("utf-8", "replace")[-TAIL_BYTES:]
        return base64.b64encode(data).decode("ascii")
