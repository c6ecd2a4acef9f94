"""Whether the other end of a local TCP connection belongs to a given process tree (Linux ``/proc``).

Rule: the answer is only ever "yes, one of those processes holds that socket" or "no"; anything that
cannot be read (another OS, a hidden ``/proc``, a process that just ended) is "no".
"""

from __future__ import annotations

import os

__all__ = ["peer_in_tree", "process_tree"]

_TCP_TABLES = ("/proc/net/tcp", "/proc/net/tcp6")


def process_tree(root: int) -> set[int]:
    """``root`` and every process below it."""
    found = {root}
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as file:
                    children = [int(text) for text in file.read().split()]
            except (OSError, ValueError):
                continue
            for child in children:
                if child not in found:
                    found.add(child)
                    pending.append(child)
    return found


def _socket_inodes(peer_port: int, server_port: int) -> set[str]:
    """Inodes of the sockets whose local port is ``peer_port`` and remote port ``server_port``."""
    inodes: set[str] = set()
    for table in _TCP_TABLES:
        try:
            with open(table) as file:
                lines = file.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10:
                continue
            local_port = fields[1].rpartition(":")[2]
            remote_port = fields[2].rpartition(":")[2]
            try:
                if int(local_port, 16) == peer_port and int(remote_port, 16) == server_port:
                    inodes.add(fields[9])
            except ValueError:
                continue
    inodes.discard("0")
    return inodes


def peer_in_tree(peer: tuple[str, int], server_port: int, root: int) -> bool:
    """True when a process of ``root``'s tree holds the client end of the connection from ``peer``."""
    inodes = _socket_inodes(peer[1], server_port)
    if not inodes:
        return False
    targets = {f"socket:[{inode}]" for inode in inodes}
    for pid in process_tree(root):
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") in targets:
                    return True
            except OSError:
                continue
    return False
