"""A supervised child process: its own session, merged stdout/stderr read line by line, a cancel policy.

Rules:
- The child leads a new session, so signals go to its whole process tree (killpg).
- stdout and stderr share one pipe, so lines keep the order the program wrote them in.
  ``drain_output()`` reads synchronously whatever is already in the pipe: everything the child wrote before
  it made a request is then delivered before that request is handled.
- Lines longer than ``MAX_LINE_BYTES`` are cut into pieces; a child that floods output costs CPU, not memory.
- ``terminate(grace_s)``: SIGTERM to the tree, wait ``grace_s``, then SIGKILL (grace 0: SIGKILL at once);
  then every process the child started ends too, including daemons that left its session (containment.py:
  an environment marker, the emulator as child subreaper, and a cgroup per child where cgroup v2 allows).
  Calling it again after the child exited by itself still does that sweep.
- ``peak_rss_mb()``: the process tree's peak resident memory (sum of VmHWM of the live processes in it),
  never lower than an earlier reading. The leader is read at most every ``LEADER_READ_INTERVAL_S`` (the
  kernel writes all of /proc/<pid>/status for each reading: 10-20 us on a 2-core VM) and its
  descendants at most every ``TREE_SCAN_INTERVAL_S``; in between, their last readings count. So
  back-to-back invokes stay cheap, and a REPORT's peak is at most that old.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from lambda_runtime.emulator.core import containment

__all__ = [
    "LEADER_READ_INTERVAL_S",
    "MAX_LINE_BYTES",
    "TREE_SCAN_INTERVAL_S",
    "SupervisedProcess",
    "descendants_peak_rss_kb",
    "describe_exit",
    "tree_peak_rss_kb",
]

MAX_LINE_BYTES = 256 * 1024
TREE_SCAN_INTERVAL_S = 0.5
LEADER_READ_INTERVAL_S = 0.01
_READ_SIZE = 64 * 1024


def describe_exit(returncode: int) -> str:
    """Lambda's wording: ``exit status 3`` or ``signal: killed``."""
    if returncode >= 0:
        return f"exit status {returncode}"
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"
    words = {
        "SIGKILL": "killed",
        "SIGTERM": "terminated",
        "SIGSEGV": "segmentation fault",
        "SIGABRT": "aborted",
    }
    return f"signal: {words.get(name, name.lower())}"


def _read_proc(path: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return b""
    try:
        return os.read(fd, 16384)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _peak_kb(pid: int) -> int:
    return _status_peak_kb(_read_proc(f"/proc/{pid}/status"))


def _status_peak_kb(status: bytes) -> int:
    """VmHWM of a /proc/<pid>/status text, in kB (0 when absent)."""
    start = status.find(b"VmHWM:")
    if start < 0:
        return 0
    try:
        return int(status[start + 6 : status.index(b"kB", start)])
    except ValueError:
        return 0


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found: list[int] = []
    for tid in tasks:
        found.extend(int(child) for child in _read_proc(f"/proc/{pid}/task/{tid}/children").split())
    return found


def _descendants(root: int) -> set[int]:
    found: set[int] = set()
    pending = _children(root)
    while pending:
        pid = pending.pop()
        if pid not in found and pid != root:
            found.add(pid)
            pending.extend(_children(pid))
    return found


def descendants_peak_rss_kb(root: int) -> int:
    """Sum of VmHWM over the live descendants of ``root`` (Linux /proc; 0 elsewhere)."""
    total = 0
    pending = _children(root)
    seen = {root}
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _peak_kb(pid)
        pending.extend(_children(pid))
    return total


def tree_peak_rss_kb(root: int) -> int:
    """Sum of VmHWM over ``root`` and its live descendants (Linux /proc; 0 elsewhere)."""
    return _peak_kb(root) + descendants_peak_rss_kb(root)


class SupervisedProcess:
    def __init__(
        self,
        process: asyncio.subprocess.Process,
        read_fd: int,
        on_line: Callable[[str], None],
        token: str | None = None,
        cgroup: containment.Cgroup | None = None,
    ) -> None:
        self._process = process
        self._token = token
        self._cgroup = cgroup
        # The leader's descendants as last seen alive, ended with it.
        self._family: set[int] = set()
        self._fd: int | None = read_fd
        self._on_line = on_line
        self._partial = bytearray()
        self._peak_kb = 0
        self._descendants_kb = 0
        self._leader_kb = 0
        # The leader's /proc/<pid>/status, opened once: each reading is one pread.
        self._status_fd: int | None = None
        self._next_tree_scan = 0.0
        self._next_leader_read = 0.0
        self.output_closed = asyncio.get_running_loop().create_future()
        os.set_blocking(read_fd, False)
        asyncio.get_running_loop().add_reader(read_fd, self._on_readable)

    @classmethod
    async def spawn(
        cls,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        cwd: Path,
        on_line: Callable[[str], None],
    ) -> SupervisedProcess:
        """Start ``argv``; ``OSError`` when it cannot be executed."""
        read_fd, write_fd = os.pipe()
        token = containment.new_token()
        try:
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=write_fd,
                stderr=write_fd,
                env={**env, containment.MARKER: token},
                cwd=str(cwd),
                start_new_session=True,
            )
        except BaseException:
            containment.forget_token(token)
            os.close(read_fd)
            raise
        finally:
            os.close(write_fd)
        containment.register_leader(token, process.pid)
        cgroup = containment.Cgroup.create(token)
        if cgroup is not None and not cgroup.add(process.pid):
            await cgroup.remove()
            cgroup = None
        return cls(process, read_fd, on_line, token, cgroup)

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.returncode

    async def wait(self) -> int:
        return await self._process.wait()

    # -- output -------------------------------------------------------------------------------------

    def _emit(self, data: bytes) -> None:
        self._on_line(data.decode("utf-8", "replace").rstrip("\r"))

    def _feed(self, data: bytes) -> None:
        self._partial += data
        while True:
            newline = self._partial.find(b"\n")
            if newline < 0:
                break
            line = bytes(self._partial[:newline])
            del self._partial[: newline + 1]
            for start in range(0, max(len(line), 1), MAX_LINE_BYTES):
                self._emit(line[start : start + MAX_LINE_BYTES])
        while len(self._partial) >= MAX_LINE_BYTES:
            self._emit(bytes(self._partial[:MAX_LINE_BYTES]))
            del self._partial[:MAX_LINE_BYTES]

    def _close_output(self) -> None:
        if self._fd is None:
            return
        asyncio.get_running_loop().remove_reader(self._fd)
        os.close(self._fd)
        self._fd = None
        if self._partial:
            self._emit(bytes(self._partial))
            self._partial.clear()
        if not self.output_closed.done():
            self.output_closed.set_result(None)

    def _on_readable(self) -> None:
        self.drain_output()

    def drain_output(self) -> None:
        """Read everything the pipe holds now, without blocking."""
        while self._fd is not None:
            try:
                data = os.read(self._fd, _READ_SIZE)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:
                self._close_output()
                return
            self._feed(data)
            if len(data) < _READ_SIZE:
                return  # a pipe's read takes all it holds, up to the size asked: it is empty now

    def flush_partial_line(self) -> None:
        """Emit a line the child has not ended yet (at the end of an invoke)."""
        if self._partial:
            self._emit(bytes(self._partial))
            self._partial.clear()

    # -- memory -------------------------------------------------------------------------------------

    def peak_rss_mb(self) -> int:
        if self._process.returncode is None:
            pid = self._process.pid
            now = time.monotonic()
            if now >= self._next_tree_scan:
                self._next_tree_scan = now + TREE_SCAN_INTERVAL_S
                self._descendants_kb = descendants_peak_rss_kb(pid)
            if now >= self._next_leader_read:
                self._next_leader_read = now + LEADER_READ_INTERVAL_S
                self._leader_kb = self._leader_peak_kb()
            self._peak_kb = max(self._peak_kb, self._leader_kb + self._descendants_kb)
        return (self._peak_kb + 1023) // 1024

    def _leader_peak_kb(self) -> int:
        fd = self._status_fd
        if fd is None:
            try:
                fd = self._status_fd = os.open(f"/proc/{self._process.pid}/status", os.O_RDONLY)
            except OSError:
                return 0
        try:
            return _status_peak_kb(os.pread(fd, 16384, 0))
        except OSError:
            return 0

    def _close_status(self) -> None:
        fd, self._status_fd = self._status_fd, None
        if fd is not None:
            os.close(fd)

    # -- ending -------------------------------------------------------------------------------------

    def signal_tree(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signum)

    async def terminate(self, grace_s: float) -> int:
        """SIGTERM, ``grace_s`` to exit, then SIGKILL; the whole tree. Returns the exit status."""
        if self._process.returncode is None:
            self._family = self._live_family()
        if self._process.returncode is None and grace_s > 0:
            self.signal_tree(signal.SIGTERM)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._process.wait()), grace_s)
        if self._process.returncode is None:
            self._family |= self._live_family()
        # Also reaches descendants that outlived the leader.
        self.signal_tree(signal.SIGKILL)
        status = await self._process.wait()
        self._close_status()
        await self._end_the_rest()
        self.drain_output()
        self._close_output()
        return status

    def _live_family(self) -> set[int]:
        return _descendants(self._process.pid)

    async def _end_the_rest(self) -> None:
        """End what the child started: daemons, orphans, descendants seen before it died."""
        token, self._token = self._token, None
        if token is None:
            return
        family, self._family = self._family, set()
        cgroup, self._cgroup = self._cgroup, None
        try:
            if cgroup is not None:
                cgroup.kill()
                family |= cgroup.members()
            family.discard(self._process.pid)
            await containment.end_marked(token, family)
            if cgroup is not None:
                await cgroup.remove()
        finally:
            containment.forget_token(token)
