"""emulator/loop.py: the commands run on uvloop when it is installed, on asyncio's loop when told to."""

from __future__ import annotations

import asyncio
import importlib.util

import pytest

from lambda_runtime.emulator import loop


async def _loop_module() -> str:
    return type(asyncio.get_running_loop()).__module__


def test_the_standard_loop_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(loop.LOOP_VARIABLE, "asyncio")
    assert loop.run(_loop_module()).startswith("asyncio")


@pytest.mark.skipif(importlib.util.find_spec("uvloop") is None, reason="uvloop is not installed")
def test_uvloop_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loop.LOOP_VARIABLE, raising=False)
    assert loop.run(_loop_module()).startswith("uvloop")
