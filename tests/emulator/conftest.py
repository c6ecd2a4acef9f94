"""Every emulator test module must leave no process behind: runtimes, extensions, their children."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.emulator.processes import command_line, descendants, wait_until_gone


@pytest.fixture(autouse=True, scope="module")
def no_leftover_processes() -> Iterator[None]:
    before = descendants(os.getpid())
    yield
    left = wait_until_gone(descendants(os.getpid()) - before)
    assert not left, "processes left running: " + "; ".join(f"{pid}: {command_line(pid)}" for pid in left)
