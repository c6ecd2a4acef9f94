"""SupervisedProcess with real processes: the process tree's peak memory, and ending the whole tree."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from lambda_runtime.emulator.core import supervisor
from lambda_runtime.emulator.core.supervisor import SupervisedProcess
from tests.emulator.processes import alive, descendants

# The leader starts a child that touches 64 MB, says so, and both wait to be stopped.
TREE = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", '''
import sys, time
block = bytearray(64 * 1024 * 1024)
for i in range(0, len(block), 4096):
    block[i] = 1
print("child ready", flush=True)
time.sleep(60)
'''])
print("leader started", child.pid, flush=True)
child.wait()
"""


def test_peak_memory_counts_descendants_and_terminate_ends_the_tree(tmp_path: Path) -> None:
    async def scenario() -> None:
        lines: list[str] = []
        ready = asyncio.Event()

        def on_line(line: str) -> None:
            lines.append(line)
            if line == "child ready":
                ready.set()

        process = await SupervisedProcess.spawn(
            [sys.executable, "-c", TREE], env={"PATH": "/usr/bin:/bin"}, cwd=tmp_path, on_line=on_line
        )
        try:
            await asyncio.wait_for(ready.wait(), 30)
            family = descendants(process.pid)
            assert len(family) == 1
            peak_mb = process.peak_rss_mb()
            assert peak_mb >= 64 + 5  # the child's block plus two interpreters
            # Never lower than an earlier reading, even once the child is gone.
            (child,) = family
            process.signal_tree(signal.SIGKILL)
            await process.wait()
            assert process.peak_rss_mb() == peak_mb
        finally:
            status = await process.terminate(0)
        assert status == -signal.SIGKILL
        assert any(line.startswith("leader started") for line in lines)
        for _ in range(250):
            if not alive(child):
                break
            await asyncio.sleep(0.02)
        assert not alive(child)

    asyncio.run(scenario())


# Waits a moment, touches 48 MB, says so, then waits to be stopped.
GROWS = """
import time
time.sleep(0.3)
block = bytearray(48 * 1024 * 1024)
for i in range(0, len(block), 4096):
    block[i] = 1
print("grown", flush=True)
time.sleep(60)
"""


def test_leader_memory_is_read_at_most_once_per_interval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]  # supervisor's monotonic clock, moved by hand
    monkeypatch.setattr(supervisor, "time", SimpleNamespace(monotonic=lambda: clock[0]))

    async def scenario() -> None:
        grown = asyncio.Event()

        def on_line(line: str) -> None:
            if line == "grown":
                grown.set()

        process = await SupervisedProcess.spawn(
            [sys.executable, "-c", GROWS], env={"PATH": "/usr/bin:/bin"}, cwd=tmp_path, on_line=on_line
        )
        try:
            before = process.peak_rss_mb()
            await asyncio.wait_for(grown.wait(), 30)
            # Within the interval the earlier reading stands ...
            clock[0] += supervisor.LEADER_READ_INTERVAL_S / 2
            assert process.peak_rss_mb() == before
            # ... and once it has passed, the leader is read again.
            clock[0] += supervisor.LEADER_READ_INTERVAL_S
            assert process.peak_rss_mb() >= before + 40
        finally:
            await process.terminate(0)

    asyncio.run(scenario())
