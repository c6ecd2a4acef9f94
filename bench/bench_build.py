"""``lambda-runtime build`` against doing it by hand, in the same run.

Contenders, on one sample function (``app.py`` importing markupsafe, a C extension):
- ours: ``build_function`` (pip for the target, runtime copied, deterministic zip; no .pyc, so the work is
  alike);
- by hand: ``pip install --target --platform manylinux2014_x86_64 --only-binary=:all: --python-version 3.12``
  of the same requirements plus orjson and typing-extensions, ``app.py``, ``bootstrap`` and the checkout's
  ``lambda_runtime`` folder (without caches, with the emulator) copied, ``zip -qr``;
- the README's old recipe, for size only: ``pip install --target build <this checkout>`` (setuptools builds
  the package for the host, with every dependency of the package, emulator ones included) then ``zip -qr``.

Runs alternate (ours, by hand, ours, ...) so machine noise hits both; the best of ``--repeats`` is kept.
pip's download cache serves every run after the first; pass ``--find-links DIR`` to work offline.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lambda_runtime.build.deps import RUNTIME_REQUIREMENTS, Target
from lambda_runtime.build.function import BuildOptions, build_function
from lambda_runtime.build.runtime_files import bootstrap_bytes

REPO_ROOT = Path(__file__).resolve().parents[1]
APP = "import markupsafe\n\n\ndef handler(event, context):\n    return str(markupsafe.escape(event))\n"
REQUIREMENTS = ("markupsafe==3.0.2",)


def _pip(*args: str, find_links: str | None) -> None:
    extra = ["--no-index", "--find-links", find_links] if find_links else []
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        *extra,
        *args,
    ]
    subprocess.run(command, check=True)


def by_hand(project: Path, work: Path, find_links: str | None) -> Path:
    build = work / "hand"
    shutil.rmtree(build, ignore_errors=True)
    _pip(
        "--target", str(build), "--platform", "manylinux2014_x86_64", "--only-binary=:all:",
        "--implementation", "cp", "--python-version", "3.12", *REQUIREMENTS, *RUNTIME_REQUIREMENTS,
        find_links=find_links,
    )  # fmt: skip
    shutil.copy(project / "app.py", build / "app.py")
    (build / "bootstrap").write_bytes(bootstrap_bytes())
    (build / "bootstrap").chmod(0o755)
    shutil.copytree(
        REPO_ROOT / "lambda_runtime", build / "lambda_runtime", ignore=shutil.ignore_patterns("__pycache__")
    )
    target = work / "hand.zip"
    target.unlink(missing_ok=True)
    subprocess.run(["zip", "-qr", str(target), "."], cwd=build, check=True)
    return target


def old_recipe(project: Path, work: Path) -> Path:
    build = work / "old"
    shutil.rmtree(build, ignore_errors=True)
    _pip("--target", str(build), str(REPO_ROOT), find_links=None)
    shutil.copy(project / "app.py", build / "app.py")
    (build / "bootstrap").write_bytes(bootstrap_bytes())
    target = work / "old.zip"
    target.unlink(missing_ok=True)
    subprocess.run(["zip", "-qr", str(target), "."], cwd=build, check=True)
    return target


def ours(project: Path, work: Path) -> Path:
    options = BuildOptions(project=project, output=work / "ours", target=Target(), pyc=False)
    return build_function(options, lambda _: None).path


def _entries(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return len(archive.namelist())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each, best kept (default 3)")
    parser.add_argument("--find-links", help="a folder of wheels: install offline from it")
    parser.add_argument("--skip-old-recipe", action="store_true", help="no README-recipe size comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        project = work / "sample"
        project.mkdir()
        (project / "app.py").write_text(APP)
        (project / "requirements.txt").write_text("\n".join(REQUIREMENTS) + "\n")
        best = {"ours": float("inf"), "by hand": float("inf")}
        paths: dict[str, Path] = {}
        for _ in range(args.repeats):
            for name in ("ours", "by hand"):
                start = time.perf_counter()
                paths[name] = (
                    ours(project, work) if name == "ours" else by_hand(project, work, args.find_links)
                )
                best[name] = min(best[name], time.perf_counter() - start)
        print(f"build time, best of {args.repeats} (sample: app.py + markupsafe, x86_64, CPython 3.12):")
        for name, seconds in best.items():
            print(f"  {name:10s} {seconds:6.2f} s  ({seconds / best['by hand']:.2f}x by hand)")
        print("zip size:")
        rows = dict(paths)
        if not args.skip_old_recipe:
            rows["README's old recipe"] = old_recipe(project, work)
        for name, path in rows.items():
            size = path.stat().st_size
            ratio = size / rows["ours"].stat().st_size
            print(f"  {name:20s} {size / 1e6:6.2f} MB, {_entries(path):5d} entries ({ratio:.2f}x ours)")


if __name__ == "__main__":
    main()
