"""Running a built artifact: the function zip and its layers, unpacked for the emulator.

Rules:
- The zip is unpacked as the task root; layers are unpacked in the order given into one ``opt`` folder, a
  later layer's file replacing an earlier one's (Lambda's order of layers).
- Modes come from the zip (``bootstrap`` stays 0755); symbolic links stored in a zip are made links; a member
  whose name leaves its folder (absolute, ``..``) is refused.
- One unpacked copy per ``ArtifactSpec`` per process, shared by all its environments (read-only for them); it
  is removed when the process exits.
- ``runtime_launch`` is the one entry point of the spawn step: what to run, with which environment, where.
"""

from __future__ import annotations

import atexit
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = [
    "ISOLATIONS",
    "ArtifactError",
    "ArtifactSpec",
    "Launch",
    "Unpacked",
    "extract_zip",
    "unpack",
]

# "auto": bubblewrap, else unshare when root, else path remapping.
ISOLATIONS = ("auto", "bwrap", "unshare", "remap")


class ArtifactError(OSError):
    """The artifact cannot run: a malformed zip, a member escaping its folder, no usable isolation tool.
    An ``OSError``, so the spawn step reports it as a runtime that cannot start."""


@dataclass(frozen=True, slots=True)
class ArtifactSpec:
    """What ``emulate --zip F [--layer Z ...] [--ephemeral-storage MB]`` runs."""

    zip: Path
    layers: tuple[Path, ...] = ()
    # /tmp size (Lambda: 512 MB by default, up to 10240 MB).
    ephemeral_storage_mb: int = 512
    isolation: str = "auto"

    def __post_init__(self) -> None:
        if not 512 <= self.ephemeral_storage_mb <= 10240:
            raise ValueError(f"ephemeral storage must be 512..10240 MB, not {self.ephemeral_storage_mb}")
        if self.isolation not in ISOLATIONS:
            raise ValueError(f"isolation must be one of {', '.join(ISOLATIONS)}, not {self.isolation!r}")
        if len(self.layers) > 5:
            raise ValueError(f"a function takes at most 5 layers, not {len(self.layers)}")
        for path in (self.zip, *self.layers):
            if not path.is_file():
                raise ValueError(f"no such file: {path}")


@dataclass(frozen=True, slots=True)
class Unpacked:
    """Where an artifact was unpacked: ``task`` (/var/task), ``opt`` (/opt) and a folder for the rest."""

    root: Path
    task: Path
    opt: Path

    @property
    def bootstrap(self) -> Path:
        return self.task / "bootstrap"

    @property
    def extensions_dir(self) -> Path | None:
        folder = self.opt / "extensions"
        return folder if folder.is_dir() else None


@dataclass(frozen=True, slots=True)
class Launch:
    """The runtime process of one environment: argv, its environment, its working directory."""

    argv: tuple[str, ...]
    env: dict[str, str]
    cwd: Path


def _member_path(dest: Path, name: str) -> Path:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise ArtifactError(f"zip member {name!r} leaves the folder it is unpacked into")
    return dest.joinpath(*relative.parts)


def _clear(path: Path) -> None:
    """Make room for a member of a later zip: a file or link goes; a folder stays and is merged into."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()


def extract_zip(archive_path: Path, dest: Path) -> None:
    """Unpack ``archive_path`` into ``dest``, over what is there, keeping the zip's modes and links."""
    try:
        archive = zipfile.ZipFile(archive_path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ArtifactError(f"cannot read {archive_path}: {exc}") from None
    with archive:
        for info in archive.infolist():
            target = _member_path(dest, info.filename)
            mode = info.external_attr >> 16
            if info.is_dir():
                if target.is_symlink() or (target.exists() and not target.is_dir()):
                    target.unlink()
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            _clear(target)
            if stat.S_ISLNK(mode):
                target.symlink_to(archive.read(info).decode("utf-8"))
                continue
            with archive.open(info) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink, 1024 * 1024)
            # Zips written without Unix modes (mode 0) get 0644.
            target.chmod(stat.S_IMODE(mode) or 0o644)


_unpacked: dict[ArtifactSpec, Unpacked] = {}


def _remove_all() -> None:
    for unpacked in _unpacked.values():
        shutil.rmtree(unpacked.root, ignore_errors=True)
    _unpacked.clear()


def unpack(spec: ArtifactSpec) -> Unpacked:
    """The unpacked copy of ``spec`` (made on the first call). ``ArtifactError`` when a zip is unusable."""
    found = _unpacked.get(spec)
    if found is not None:
        return found
    root = Path(tempfile.mkdtemp(prefix="lambda-runtime-artifact-"))
    unpacked = Unpacked(root=root, task=root / "task", opt=root / "opt")
    try:
        unpacked.task.mkdir()
        unpacked.opt.mkdir()
        extract_zip(spec.zip, unpacked.task)
        for layer in spec.layers:
            extract_zip(layer, unpacked.opt)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    if not unpacked.bootstrap.is_file():
        shutil.rmtree(root, ignore_errors=True)
        raise ArtifactError(f"{spec.zip} has no bootstrap at its root: Lambda could not start it")
    if not _unpacked:
        atexit.register(_remove_all)
    _unpacked[spec] = unpacked
    return unpacked
