"""Process-tree helpers for the emulator tests (Linux /proc)."""

from __future__ import annotations

import os
import time
from pathlib import Path

__all__ = ["alive", "command_line", "descendants", "wait_until_gone"]


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (children, their children, ...)."""
    found: set[int] = set()
    pending = [pid]
    while pending:
        parent = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                children = Path(f"/proc/{parent}/task/{tid}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    pending.append(child)
    return found


def alive(pid: int) -> bool:
    """Running (a zombie no one reaped yet is not running)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"


def wait_until_gone(pids: set[int], patience_s: float = 5.0) -> set[int]:
    """The processes of ``pids`` still running after up to ``patience_s`` (polling, not a timing check)."""
    deadline = time.monotonic() + patience_s
    while True:
        running = {pid for pid in pids if alive(pid)}
        if not running or time.monotonic() > deadline:
            return running
        time.sleep(0.02)
