"""The size report printed after a build: the artifact against Lambda's limits and its largest packages.

Rules: sizes are read back from the written zip; MB means 2**20 bytes, as Lambda's quotas do; a file belongs
to the distribution whose ``*.dist-info/RECORD`` lists it, else to its top-level name in the zip.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DIRECT_UPLOAD_LIMIT", "UNZIPPED_LIMIT", "SizeReport", "size_report"]

DIRECT_UPLOAD_LIMIT = 50 * 2**20
UNZIPPED_LIMIT = 250 * 2**20
_MB = 2**20


@dataclass
class SizeReport:
    path: Path
    zipped: int
    unzipped: int
    packages: list[tuple[str, int, int]]  # (name, unzipped, zipped), largest unzipped first

    @property
    def over_unzipped_limit(self) -> bool:
        return self.unzipped > UNZIPPED_LIMIT

    def render(self, top: int = 10) -> str:
        zipped_share = 100 * self.zipped / DIRECT_UPLOAD_LIMIT
        unzipped_share = 100 * self.unzipped / UNZIPPED_LIMIT
        lines = [
            f"{self.path}: {self.zipped / _MB:.2f} MB zipped ({zipped_share:.1f}% of the 50 MB direct-upload "
            f"limit), {self.unzipped / _MB:.2f} MB unzipped ({unzipped_share:.1f}% of the 250 MB limit for "
            "function + layers)"
        ]
        if self.zipped > DIRECT_UPLOAD_LIMIT:
            lines.append("  over 50 MB zipped: upload it through S3 (deploy cannot send it directly)")
        if self.over_unzipped_limit:
            lines.append("  over 250 MB unzipped: Lambda will reject it; move parts to a container image")
        lines.append(f"  largest {min(top, len(self.packages))} packages (unzipped, zipped):")
        for name, unzipped, zipped in self.packages[:top]:
            lines.append(f"  {unzipped / _MB:9.2f} MB {zipped / _MB:9.2f} MB  {name}")
        return "\n".join(lines)


def _owner_map(archive: zipfile.ZipFile) -> dict[str, str]:
    owners: dict[str, str] = {}
    for name in archive.namelist():
        parts = name.split("/")
        if len(parts) < 2 or parts[-1] != "RECORD" or not parts[-2].endswith(".dist-info"):
            continue
        distribution = parts[-2][: -len(".dist-info")].rsplit("-", 1)[0]
        site = "".join(part + "/" for part in parts[:-2])
        for line in archive.read(name).decode("utf-8", "replace").splitlines():
            path = line.rsplit(",", 2)[0].strip()
            if path and not path.startswith(("/", "..")):
                owners[site + path] = distribution
    return owners


def _source_of(name: str) -> str:
    """``pkg/__pycache__/mod.cpython-312.pyc`` -> ``pkg/mod.py``: a pyc belongs with its source."""
    folder, _, filename = name.rpartition("/")
    if not filename.endswith(".pyc") or not (folder == "__pycache__" or folder.endswith("/__pycache__")):
        return name
    parent = folder[: -len("__pycache__")]
    return parent + filename.split(".", 1)[0] + ".py"


def _group(name: str) -> str:
    """A file's group when no RECORD lists it: its top-level name; the interpreter in three parts."""
    parts = name.split("/")
    if parts[0] == "python" and len(parts) > 2:
        if "lib-dynload" in parts:
            return "python (interpreter): lib-dynload"
        if parts[1] == "lib" and len(parts) > 3:
            return "python (interpreter): stdlib"
        return "python (interpreter): bin, shared libraries"
    if parts[0] == "lambda_runtime":
        return "lambda_runtime (this runtime)"
    return parts[0]


def size_report(path: Path) -> SizeReport:
    """Read ``path`` back and group its files."""
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with zipfile.ZipFile(path) as archive:
        owners = _owner_map(archive)
        unzipped = 0
        for info in archive.infolist():
            unzipped += info.file_size
            name = owners.get(_source_of(info.filename))
            if name is None:
                name = _group(_source_of(info.filename))
            groups[name][0] += info.file_size
            groups[name][1] += info.compress_size
    ranked = sorted(
        ((name, sizes[0], sizes[1]) for name, sizes in groups.items()), key=lambda row: (-row[1], row[0])
    )
    return SizeReport(path=path, zipped=path.stat().st_size, unzipped=unzipped, packages=ranked)
