"""Containment: every process a runtime or an extension starts ends with it, daemons included.

Rules:
- Each supervised process gets ``MARKER=<token>`` in its environment, and everything it starts inherits it
  through fork and exec. Ending a supervised process (``end_marked``) SIGKILLs every live process carrying
  its token, wherever it went (``setsid``, a double fork), plus the leader's descendants seen before it died
  (which covers a child that cleared its environment but stayed in the tree). A process that clears its
  environment *and* leaves the tree is out of reach.
- Where a writable cgroup v2 hierarchy with ``cgroup.kill`` is at hand (Linux 5.14+, root or a delegated
  subtree), each supervised process is also moved into its own cgroup right after it starts, and ending it
  kills that cgroup: this reaches even a process that cleared its environment and left the tree. The
  cgroup is removed once empty. Without one (or when moving fails) the marker alone applies.
  An emulator that was killed (SIGKILL) could not end its processes: the next one to start in the same pid
  namespace kills and removes the cgroups of emulators that no longer run (``end_stale_cgroups``).
- Killing repeats until a scan of /proc finds nothing (a process forking while it is killed leaves a child
  behind), at most ``MAX_KILL_ROUNDS`` rounds.
- The emulator is a child subreaper (Linux ``PR_SET_CHILD_SUBREAPER``, ``become_subreaper``): orphans of the
  processes it started become its children rather than init's, so it must reap them. It reaps only pids it
  knows to be such orphans: a direct child carrying a token, in its environment or as its cgroup, whose
  leader is another pid; one pid at a time, never ``waitpid(-1)``: leaders belong to asyncio's child watcher
  and an embedding program's own children to that program. ``reap_orphans`` runs at every ``end_marked``
  and periodically (``OrphanReaper``). A zombie keeps its cgroup but not its environment: without cgroups,
  an orphan that exits before a reaper pass saw it alive stays a zombie until the emulator exits.
- Linux only (/proc); elsewhere the functions find nothing and the subreaper is not set.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import signal
import sys
import uuid
from collections.abc import Iterable
from functools import cache
from pathlib import Path

__all__ = [
    "MARKER",
    "MAX_KILL_ROUNDS",
    "Cgroup",
    "OrphanReaper",
    "become_subreaper",
    "cgroup_base",
    "end_marked",
    "end_stale_cgroups",
    "forget_token",
    "marked_processes",
    "new_token",
    "reap_orphans",
    "register_leader",
]

MARKER = "_LAMBDA_EMULATOR_PROCESS"
MAX_KILL_ROUNDS = 50
_PR_SET_CHILD_SUBREAPER = 36
# Time a SIGKILLed process gets to turn into a zombie before the next scan.
_SETTLE_S = 0.01
# How long end_marked waits for killed orphans to become reapable before leaving them to OrphanReaper.
_REAP_PATIENCE_S = 1.0

_CGROUP_PREFIX = "lambda-emulator."
# token -> the leader's pid, None while it is being started.
_leaders: dict[str, int | None] = {}
# Direct children of this process known to be orphans of supervised processes, not reaped yet.
_adopted: set[int] = set()


@cache
def _pid_namespace() -> str:
    try:
        return str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        return "0"


def new_token() -> str:
    """``<emulator pid>.<its pid namespace>.<random>``."""
    token = f"{os.getpid()}.{_pid_namespace()}.{uuid.uuid4().hex}"
    _leaders[token] = None
    return token


def register_leader(token: str, pid: int) -> None:
    _leaders[token] = pid


def forget_token(token: str) -> None:
    _leaders.pop(token, None)


def become_subreaper() -> bool:
    """Make orphaned descendants this process's children (Linux); False when not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _read_all(path: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return b""
    parts: list[bytes] = []
    try:
        while True:
            part = os.read(fd, 65536)
            if not part:
                break
            parts.append(part)
    except OSError:
        pass
    finally:
        os.close(fd)
    return b"".join(parts)


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of ``pid``; None when it is gone."""
    data = _read_all(f"/proc/{pid}/stat")
    fields = data.rpartition(b")")[2].split()
    if len(fields) < 2:
        return None
    return fields[0].decode("ascii", "replace"), int(fields[1])


def _running(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def _marker_token(pid: int) -> str | None:
    environ = b"\0" + _read_all(f"/proc/{pid}/environ")
    needle = b"\0" + MARKER.encode() + b"="
    start = environ.find(needle)
    if start < 0:
        return None
    start += len(needle)
    end = environ.find(b"\0", start)
    return environ[start : end if end >= 0 else len(environ)].decode("ascii", "replace")


def marked_processes(token: str) -> set[int]:
    """The live processes whose environment carries ``token`` (this process excluded)."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return set()
    needle = f"\0{MARKER}={token}\0".encode()
    own = os.getpid()
    found: set[int] = set()
    for entry in entries:
        if not entry.isdigit() or int(entry) == own:
            continue
        if needle in b"\0" + _read_all(f"/proc/{entry}/environ") + b"\0":
            found.add(int(entry))
    return found


def _own_children() -> set[int]:
    found: set[int] = set()
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return found
    for tid in tasks:
        found.update(int(pid) for pid in _read_all(f"/proc/self/task/{tid}/children").split())
    return found


def _cgroup_token(pid: int) -> str | None:
    """The token of the emulator cgroup ``pid`` is (or, as a zombie, was) in."""
    for line in _read_all(f"/proc/{pid}/cgroup").decode("utf-8", "replace").splitlines():
        if line.startswith("0::"):
            name = line.rpartition("/")[2].removesuffix(" (deleted)")
            return name.removeprefix(_CGROUP_PREFIX) if name.startswith(_CGROUP_PREFIX) else None
    return None


def _is_orphan(pid: int) -> bool:
    """A direct child of a supervised process's (by its marker or, even as a zombie, its cgroup) that is not
    that process itself."""
    token = _marker_token(pid) or _cgroup_token(pid)
    if token is None or not token.startswith(f"{os.getpid()}."):
        return False
    if token in _leaders:
        leader = _leaders[token]
        return leader is not None and leader != pid
    return True


def reap_orphans() -> None:
    """Note the orphans among this process's children and reap those that have exited."""
    for pid in _own_children() - _adopted:
        if _is_orphan(pid):
            _adopted.add(pid)
    for pid in list(_adopted):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done == pid:
            _adopted.discard(pid)


async def end_marked(token: str, also: Iterable[int] = ()) -> set[int]:
    """SIGKILL every process carrying ``token`` and the still-running pids of ``also``; reap the orphans
    among them. Returns the pids it killed."""
    own = os.getpid()
    killed: set[int] = set()
    pending = {pid for pid in also if pid != own}
    for _ in range(MAX_KILL_ROUNDS):
        targets = {pid for pid in pending if _running(pid)} | {
            pid for pid in marked_processes(token) if _running(pid)
        }
        pending = set()
        if not targets:
            break
        for pid in targets:
            stat = _stat(pid)
            if stat is not None and stat[1] == own:
                _adopted.add(pid)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        killed |= targets
        await asyncio.sleep(_SETTLE_S)
    # Killed orphans turn into zombies of this process within moments; reap them now when possible.
    waited = 0.0
    while True:
        reap_orphans()
        if not (_adopted & killed) or waited >= _REAP_PATIENCE_S:
            break
        await asyncio.sleep(_SETTLE_S)
        waited += _SETTLE_S
    return killed


@cache
def cgroup_base() -> Path | None:
    """This process's cgroup v2 directory when it can hold child cgroups with ``cgroup.kill``; else None."""
    if not sys.platform.startswith("linux"):
        return None
    own = next(
        (line[3:] for line in _read_all("/proc/self/cgroup").decode().splitlines() if line.startswith("0::")),
        None,
    )
    if own is None:
        return None
    for line in _read_all("/proc/self/mountinfo").decode().splitlines():
        before, _, after = line.partition(" - ")
        fields = before.split()
        if len(fields) < 5 or not after.startswith("cgroup2 "):
            continue
        root, mount_point = fields[3], fields[4]
        if root != "/" and not (own == root or own.startswith(root + "/")):
            continue
        relative = own[len(root) :] if root != "/" else own
        base = Path(mount_point + relative.rstrip("/"))
        probe = base / f"{_CGROUP_PREFIX}probe.{os.getpid()}.{uuid.uuid4().hex}"
        try:
            probe.mkdir()
        except OSError:
            return None
        try:
            usable = (probe / "cgroup.kill").exists()
        finally:
            with contextlib.suppress(OSError):
                probe.rmdir()
        return base if usable else None
    return None


class Cgroup:
    """One supervised process's cgroup (see the module rules)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def create(cls, token: str) -> Cgroup | None:
        base = cgroup_base()
        if base is None:
            return None
        path = base / f"{_CGROUP_PREFIX}{token}"
        try:
            path.mkdir()
        except OSError:
            return None
        return cls(path)

    def add(self, pid: int) -> bool:
        try:
            (self.path / "cgroup.procs").write_text(str(pid))
        except OSError:
            return False
        return True

    def members(self) -> set[int]:
        return {int(pid) for pid in _read_all(str(self.path / "cgroup.procs")).split()}

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            (self.path / "cgroup.kill").write_text("1")

    async def remove(self) -> None:
        """Remove the cgroup once its processes are gone (given up after a second: it stays behind)."""
        for _ in range(100):
            try:
                self.path.rmdir()
            except FileNotFoundError:
                return
            except OSError:
                await asyncio.sleep(_SETTLE_S)
                reap_orphans()
            else:
                return


async def end_stale_cgroups() -> set[str]:
    """Kill and remove the cgroups of emulators of this pid namespace that no longer run; their names."""
    base = cgroup_base()
    if base is None:
        return set()
    namespace, own = _pid_namespace(), os.getpid()
    stale: list[Cgroup] = []
    try:
        entries = list(base.iterdir())
    except OSError:
        return set()
    for entry in entries:
        parts = entry.name.removeprefix(_CGROUP_PREFIX).split(".")
        if not entry.name.startswith(_CGROUP_PREFIX) or len(parts) != 3 or not parts[0].isdigit():
            continue
        pid = int(parts[0])
        if parts[1] != namespace or pid == own or _running(pid):
            continue
        cgroup = Cgroup(entry)
        for member in cgroup.members():
            stat = _stat(member)
            if stat is not None and stat[1] == own:
                _adopted.add(member)
        cgroup.kill()
        stale.append(cgroup)
    for cgroup in stale:
        await cgroup.remove()
    return {cgroup.path.name for cgroup in stale}


class OrphanReaper:
    """Reaps orphans that exit by themselves, every ``interval_s`` while running."""

    def __init__(self, interval_s: float = 1.0) -> None:
        self._interval_s = interval_s
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None and sys.platform.startswith("linux"):
            self._task = asyncio.create_task(self._run(), name="orphan-reaper")

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval_s)
            reap_orphans()

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        reap_orphans()
