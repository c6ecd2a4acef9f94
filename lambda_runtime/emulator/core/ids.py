"""Identifiers the emulator makes up: request ids and X-Ray trace ids.

Rule: they identify, they guard nothing, so they come from the ``random`` module (no system call per id);
secrets (the Runtime API's path prefix) come from ``secrets``.
"""

from __future__ import annotations

import random
import time

__all__ = ["new_request_id", "new_trace_id"]

_draw = random.getrandbits
# UUID version 4 (bits 76-79 = 0100) and the RFC 4122 variant (bits 62-63 = 10).
_CLEAR = ~((0xF << 76) | (0x3 << 62))
_SET = (0x4 << 76) | (0x2 << 62)


def new_request_id() -> str:
    """A random UUID (version 4) in its 36-character text form, as Lambda's request ids are."""
    text = f"{(_draw(128) & _CLEAR) | _SET:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def new_trace_id() -> str:
    """An X-Ray trace header for an invoke the caller did not trace: a new root, a parent, not sampled."""
    return f"Root=1-{int(time.time()):08x}-{_draw(96):024x};Parent={_draw(64):016x};Sampled=0"
