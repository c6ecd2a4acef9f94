"""A relocatable CPython for provided.al2023, as ``python/`` in a layer (``/opt/python``) or in the zip.

Rules:
- The source is a python-build-standalone ``install_only`` tarball, an installed CPython prefix, or (without
  ``--python-from``) python-build-standalone downloaded from GitHub.
- Kept: ``bin/python3``, the shared ``libpython3.X.so.1.0`` (and other shared libraries in ``lib/`` but
  Tcl/Tk), the stdlib with ``lib-dynload``. Left out: ``site-packages``, test suites, idlelib, tkinter,
  turtledemo, ensurepip, ``config-3.X-*`` (static library, Makefile), headers, ``share/``, caches.
- An absolute RPATH/RUNPATH is rewritten in place to ``$ORIGIN``-relative, so the interpreter finds
  ``lib/libpython3.X.so.1.0`` wherever it is unpacked; ``bootstrap`` also puts that ``lib/`` on
  ``LD_LIBRARY_PATH`` for the bundled and layer interpreters.
- The interpreter's architecture must be the target's.
"""

from __future__ import annotations

import json
import re
import shutil
import tarfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lambda_runtime.build import elf
from lambda_runtime.build.deps import Target
from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.zipper import Tree

__all__ = ["PBS_RELEASES_URL", "Interpreter", "python_tree"]

PBS_RELEASES_URL = "https://api.github.com/repos/astral-sh/python-build-standalone/releases/latest"
_DROPPED_STDLIB = frozenset(
    {
        "site-packages",
        "dist-packages",
        "test",
        "tests",
        "idle_test",
        "idlelib",
        "tkinter",
        "turtledemo",
        "ensurepip",
        "__pycache__",
        "lib2to3/tests",
    }
)
_DROPPED_DYNLOAD = re.compile(r"^(_tkinter|_test|_xxtest|xxlimited|_ctypes_test|xxsubtype)")

Log = Callable[[str], None]


@dataclass
class Interpreter:
    tree: Tree  # paths relative to the interpreter's root (bin/, lib/)
    python_version: str


def _prefix_version(prefix: Path) -> str:
    versions = sorted(
        path.parent.name[len("python") :]
        for path in (prefix / "lib").glob("python3.*/os.py")
        if re.fullmatch(r"python3\.\d+", path.parent.name)
    )
    if len(versions) != 1:
        raise BuildError(
            f"{prefix} is not a CPython prefix (expected one lib/python3.X/os.py, found {versions})"
        )
    return versions[0]


def _pbs_triple(target: Target) -> str:
    return f"{target.machine}-unknown-linux-gnu"


def download_pbs(target: Target, work: Path, log: Log, url: str = PBS_RELEASES_URL) -> Path:
    """The newest python-build-standalone ``install_only_stripped`` tarball for the target, or a BuildError
    that says the download failed and what to pass instead."""
    pattern = re.compile(
        rf"cpython-{re.escape(target.python_version)}\.\d+\+\d+-{_pbs_triple(target)}-install_only_stripped\.tar\.gz"
    )
    advice = (
        f"download cpython-{target.python_version}.*-{_pbs_triple(target)}-install_only_stripped.tar.gz from "
        "github.com/astral-sh/python-build-standalone/releases where GitHub is reachable and pass it with "
        "--python-from FILE, or pass an installed CPython prefix (--python-from /usr/local)"
    )
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            release = json.load(response)
        asset = next((a for a in release.get("assets", []) if pattern.fullmatch(a.get("name", ""))), None)
        if asset is None:
            raise BuildError(f"python-build-standalone's latest release has no {pattern.pattern}; {advice}")
        work.mkdir(parents=True, exist_ok=True)
        tarball = work / asset["name"]
        log(f"downloading {asset['browser_download_url']}")
        with (
            urllib.request.urlopen(asset["browser_download_url"], timeout=60) as response,
            tarball.open("wb") as out,
        ):
            shutil.copyfileobj(response, out)
        return Path(tarball)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise BuildError(
            f"could not download python-build-standalone from GitHub ({url}): {exc}. This machine may "
            f"have no route to GitHub; {advice}"
        ) from exc


def _unpack(tarball: Path, work: Path) -> Path:
    dest = work / "python-source"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    with tarfile.open(tarball) as archive:
        try:
            archive.extractall(dest, filter="data")
        except TypeError:  # Python without extraction filters
            archive.extractall(dest)
    prefix = dest / "python"
    if not (prefix / "bin").is_dir():
        raise BuildError(f"{tarball} is not a python-build-standalone install_only archive (no python/bin)")
    return prefix


def _relocate(data: bytes, rewrite: str, name: str, log: Log) -> bytes:
    entries = [entry for path in elf.read_runpath(data) for entry in path.split(":") if entry]
    if all(entry.startswith("$ORIGIN") for entry in entries):
        return data
    patched = elf.rewrite_runpath(data, rewrite)
    if patched is None:
        log(f"{name}: RUNPATH {entries} cannot be rewritten in place; bootstrap's LD_LIBRARY_PATH covers it")
        return data
    return patched


def build_python_layer(source: Path | None, target: Target, output: Path, pyc: bool, log: Log) -> Path:
    """``output/python-layer.zip`` with the interpreter at ``python/``."""
    from lambda_runtime.build.pycompile import add_pyc
    from lambda_runtime.build.zipper import write_zip

    interpreter = python_tree(source, target, output / ".work", log)
    if pyc:
        add_pyc(interpreter.tree, interpreter.python_version, log)
    layer = Tree()
    layer.merge(interpreter.tree, "python")
    return write_zip(layer, output / "python-layer.zip")


def python_tree(source: Path | None, target: Target, work: Path, log: Log) -> Interpreter:
    if source is None:
        source = download_pbs(target, work, log)
    source = source.resolve()
    if source.is_file():
        prefix = _unpack(source, work)
    elif source.is_dir():
        prefix = source
    else:
        raise BuildError(f"--python-from {source}: no such file or folder")
    version = _prefix_version(prefix)
    binary = next(
        (p for p in (prefix / "bin" / f"python{version}", prefix / "bin" / "python3") if p.is_file()), None
    )
    if binary is None:
        raise BuildError(f"{prefix} has no bin/python{version}")
    binary_bytes = binary.resolve().read_bytes()
    found = elf.machine(binary_bytes)
    if found != target.machine:
        raise BuildError(
            f"{binary} is built for {found}, the target is {target.machine} (--arch {target.arch})"
        )
    tree = Tree()
    tree.add_bytes(
        "bin/python3", _relocate(binary_bytes, "$ORIGIN/../lib", "bin/python3", log), executable=True
    )
    lib = prefix / "lib"
    for library in sorted(lib.iterdir()):
        name = library.name
        if not library.is_file() or ".so" not in name or name.startswith(("libtcl", "libtk")):
            continue
        if name in (f"libpython{version}.so", "libpython3.so"):
            continue
        tree.add_bytes(f"lib/{name}", _relocate(library.read_bytes(), "$ORIGIN", name, log), executable=True)
    stdlib = lib / f"python{version}"

    def keep(rel: str, is_dir: bool) -> bool:
        name = rel.rsplit("/", 1)[-1]
        if is_dir:
            return not (name in _DROPPED_STDLIB or rel in _DROPPED_STDLIB or name.startswith("config-"))
        if name.endswith((".pyc", ".pyo", ".a", ".exe")) or name.startswith("turtle."):
            return False
        return not (rel.startswith("lib-dynload/") and _DROPPED_DYNLOAD.match(name))

    stdlib_tree = Tree()
    stdlib_tree.add_dir("", stdlib, keep)
    for name in stdlib_tree:
        entry = stdlib_tree.entries[name]
        if name.startswith("lib-dynload/") and name.endswith(".so"):
            stdlib_tree.add_bytes(name, _relocate(entry.read(), "$ORIGIN/../..", name, log), executable=True)
    tree.merge(stdlib_tree, f"lib/python{version}")
    return Interpreter(tree=tree, python_version=version)
