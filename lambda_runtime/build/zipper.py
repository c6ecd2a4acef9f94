"""Deterministic zip writing.

Rules: a zip holds only regular files (no directory entries), sorted by name; every entry has the same
timestamp (``SOURCE_DATE_EPOCH`` when set, else 1980-01-01 00:00:00 UTC), Unix mode 0755 for executables and
0644 for everything else, and deflate level 6. The same tree written twice gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Entry", "Tree", "fixed_timestamp", "write_zip"]

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Entry:
    """One file of an artifact: read from ``source`` or held in ``data``."""

    source: Path | None = None
    data: bytes | None = None
    executable: bool = False

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.source is not None
        return self.source.read_bytes()

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.source is not None
        return self.source.stat().st_size


class Tree:
    """Archive paths (``a/b.py``, forward slashes, no leading slash) to entries."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, name: object) -> bool:
        return name in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.entries))

    def add_file(self, name: str, source: Path, executable: bool | None = None) -> None:
        if executable is None:
            executable = bool(source.stat().st_mode & 0o100)
        self.entries[name] = Entry(source=source, executable=executable)

    def add_bytes(self, name: str, data: bytes, executable: bool = False) -> None:
        self.entries[name] = Entry(data=data, executable=executable)

    def add_dir(
        self,
        prefix: str,
        root: Path,
        keep: Callable[[str, bool], bool] = lambda rel, is_dir: True,
    ) -> None:
        """Every regular file under ``root`` at ``prefix/<relative path>``; ``keep(rel, is_dir)`` prunes.
        Symbolic links are followed (their targets are stored as files)."""
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            base = Path(dirpath)
            rel_dir = base.relative_to(root).as_posix()
            rel_dir = "" if rel_dir == "." else rel_dir + "/"
            dirnames[:] = sorted(d for d in dirnames if keep(rel_dir + d, True))
            for filename in sorted(filenames):
                rel = rel_dir + filename
                path = base / filename
                if path.is_file() and keep(rel, False):
                    self.add_file(_join(prefix, rel), path)

    def merge(self, other: Tree, prefix: str = "") -> None:
        for name, entry in other.entries.items():
            self.entries[_join(prefix, name)] = entry

    def remove(self, predicate: Callable[[str], bool]) -> int:
        doomed = [name for name in self.entries if predicate(name)]
        for name in doomed:
            del self.entries[name]
        return len(doomed)


def _join(prefix: str, rel: str) -> str:
    return f"{prefix.strip('/')}/{rel}" if prefix.strip("/") else rel


def fixed_timestamp() -> tuple[int, int, int, int, int, int]:
    """The timestamp of every entry: ``SOURCE_DATE_EPOCH`` (not before 1980) or 1980-01-01 00:00:00."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else 0
    stamp = time.gmtime(max(seconds, 315532800))
    return (
        stamp.tm_year,
        stamp.tm_mon,
        stamp.tm_mday,
        stamp.tm_hour,
        stamp.tm_min,
        stamp.tm_sec - stamp.tm_sec % 2,
    )


def write_zip(tree: Tree, path: Path) -> Path:
    """Write ``tree`` to ``path`` (through a temporary file in the same folder, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    stamp = fixed_timestamp()
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in tree:
            entry = tree.entries[name]
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = (0o100000 | (0o755 if entry.executable else 0o644)) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            if entry.data is not None:
                archive.writestr(info, entry.data, compresslevel=6)
                continue
            assert entry.source is not None
            info.file_size = entry.source.stat().st_size
            with (
                entry.source.open("rb") as src,
                archive.open(info, "w", force_zip64=info.file_size >= 1 << 31) as dst,
            ):
                shutil.copyfileobj(src, dst, _CHUNK)
    partial.replace(path)
    return path
