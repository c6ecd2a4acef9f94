"""The runtime itself, copied from this installation's source tree.

Rule: the zip gets ``lambda_runtime``'s ``.py`` files and package data only; ``lambda_runtime/emulator``
(which needs httpx/h11) and ``lambda_runtime/build`` stay out, and so do caches. ``bootstrap`` comes from the
repository root beside the package, else from the copy kept in this package's data (``bootstrap.sh``, kept
equal to the root one by a test).
"""

from __future__ import annotations

from pathlib import Path

import lambda_runtime
from lambda_runtime.build.zipper import Tree

__all__ = ["EXCLUDED_SUBPACKAGES", "bootstrap_bytes", "package_dir", "runtime_tree"]

EXCLUDED_SUBPACKAGES = ("emulator", "build")


def package_dir() -> Path:
    return Path(lambda_runtime.__file__).resolve().parent


def runtime_tree(prefix: str = "") -> Tree:
    """``lambda_runtime/...`` under ``prefix``."""
    tree = Tree()

    def keep(rel: str, is_dir: bool) -> bool:
        name = rel.rsplit("/", 1)[-1]
        if is_dir:
            return rel not in EXCLUDED_SUBPACKAGES and name != "__pycache__" and not name.startswith(".")
        return not name.endswith((".pyc", ".pyo")) and not name.startswith(".")

    tree.add_dir(f"{prefix}/lambda_runtime" if prefix else "lambda_runtime", package_dir(), keep)
    return tree


def bootstrap_bytes() -> bytes:
    beside = package_dir().parent / "bootstrap"
    if beside.is_file():
        return beside.read_bytes()
    return (Path(__file__).parent / "bootstrap.sh").read_bytes()
