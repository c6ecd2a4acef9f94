"""How the emulator's commands run their event loop: uvloop when it is installed, asyncio's loop otherwise.

Rules: uvloop is optional (no wheels on some platforms); ``LAMBDA_EMULATOR_LOOP=asyncio`` forces the
standard loop. Nothing in the emulator depends on which loop runs it.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["LOOP_VARIABLE", "run"]

LOOP_VARIABLE = "LAMBDA_EMULATOR_LOOP"
_T = TypeVar("_T")


def run(main: Coroutine[Any, Any, _T]) -> _T:
    """``asyncio.run(main)`` on uvloop's loop when available and not switched off."""
    if os.environ.get(LOOP_VARIABLE, "").lower() != "asyncio":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            return uvloop.run(main)
    return asyncio.run(main)
