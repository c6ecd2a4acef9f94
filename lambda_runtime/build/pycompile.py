"""Optional ``.pyc`` files for the target's Python version.

Rules: compiled only by an interpreter of the target's exact ``X.Y`` (this one, else ``pythonX.Y`` on
PATH); pyc files are checked-hash (valid whatever the unpacked files' timestamps, and rejected if the source
is edited) and record the archive path, never a host path, as their source file name. Files that do not
compile (test data, Python 2 leftovers) keep no pyc.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from lambda_runtime.build.zipper import Tree

__all__ = ["add_pyc", "compile_tree", "find_interpreter"]

_COMPILER = """
import json, py_compile, sys
jobs = json.load(sys.stdin)
done = []
for source, target, display in jobs:
    try:
        py_compile.compile(source, cfile=target, dfile=display, doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        done.append(target)
    except (py_compile.PyCompileError, SyntaxError, ValueError, UnicodeDecodeError):
        pass
json.dump(done, sys.stdout)
"""


def find_interpreter(python_version: str) -> str | None:
    """An interpreter of exactly ``python_version`` (``3.12``), or None."""
    if f"{sys.version_info[0]}.{sys.version_info[1]}" == python_version:
        return sys.executable
    candidate = shutil.which(f"python{python_version}")
    if candidate is None:
        return None
    try:
        out = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return candidate if out.returncode == 0 and out.stdout.strip() == python_version else None


def compile_tree(tree: Tree, interpreter: str, python_version: str, skip: tuple[str, ...] = ()) -> int:
    """Add ``__pycache__/<module>.cpython-XY.pyc`` beside every ``.py`` entry; returns how many were added."""
    tag = "cpython-" + python_version.replace(".", "")
    names = [name for name in tree if name.endswith(".py") and not name.startswith(skip)]
    with tempfile.TemporaryDirectory(prefix="lambda-pyc-") as tmp:
        work = Path(tmp)
        jobs = []
        for index, name in enumerate(names):
            entry = tree.entries[name]
            source = entry.source
            if source is None:
                source = work / f"src{index}.py"
                source.write_bytes(entry.read())
            jobs.append((str(source), str(work / f"out{index}.pyc"), name))
        result = subprocess.run(
            [interpreter, "-I", "-c", _COMPILER],
            input=json.dumps(jobs),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            return 0
        done = set(json.loads(result.stdout))
        added = 0
        for _, target, name in jobs:
            if target not in done:
                continue
            folder, _, filename = name.rpartition("/")
            pyc = (
                f"{folder}/__pycache__/{filename[:-3]}.{tag}.pyc"
                if folder
                else f"__pycache__/{filename[:-3]}.{tag}.pyc"
            )
            tree.add_bytes(pyc, Path(target).read_bytes())
            added += 1
    return added


def add_pyc(tree: Tree, python_version: str, log: Callable[[str], None], skip: tuple[str, ...] = ()) -> None:
    """Add the ``.pyc`` files of ``tree``'s sources, or log why there are none."""
    interpreter = find_interpreter(python_version)
    if interpreter is None:
        log(f"no .pyc: no Python {python_version} here (neither this one nor python{python_version} on PATH)")
        return
    added = compile_tree(tree, interpreter, python_version, skip=skip)
    log(f"{added} .pyc files compiled by {interpreter}")
