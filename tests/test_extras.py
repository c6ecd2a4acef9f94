"""What ``pip install lambda-runtime`` gives without extras, and what the emulator's commands say without
``[emulator]``.

- The package installed with ``pip install --target DIR --no-deps``, next to orjson and typing-extensions
  only (copied from this environment), runs a function: ``python -S -m lambda_runtime`` with
  ``PYTHONPATH=DIR`` (no site-packages) against the test harness's Runtime API answers an invoke.
- ``emulate``, ``invoke`` and ``demo`` with h11, httpx and httptools unimportable name the extra that brings
  them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from email.parser import Parser
from pathlib import Path

import orjson
import pytest
import typing_extensions

from lambda_runtime.cli import EXIT_MISSING_EXTRA
from tests.support.paths import REPO_ROOT
from tests.support.runtime_harness import RuntimeApiServer, RuntimeProcess, write_module

# The distribution's own files: what ``pip install`` builds it from.
SOURCE_FILES = ("pyproject.toml", "README.md", "lambda_runtime")

APP_SOURCE = """\
import importlib.util
import sys

import lambda_runtime


def handler(event, context):
    return {
        "package": lambda_runtime.__file__,
        "missing": [name for name in ("httpx", "h11", "httptools") if importlib.util.find_spec(name) is None],
        "site": "site" in sys.modules,
        "echo": event,
    }
"""


def _copy_installed(module_file: str, target: Path) -> None:
    """Copy an installed module (a package directory or a single file) into ``target``."""
    path = Path(module_file)
    if path.name == "__init__.py":
        shutil.copytree(path.parent, target / path.parent.name, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        shutil.copy(path, target / path.name)


def _install_without_extras(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCE_FILES:
        origin = REPO_ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(origin, source / name)
    target = tmp_path / "target"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    _copy_installed(orjson.__file__, target)
    _copy_installed(typing_extensions.__file__, target)
    return target


@pytest.mark.network  # pip fetches the build backend (setuptools) into its isolated build environment
def test_the_package_without_extras_runs_a_function(tmp_path: Path) -> None:
    target = _install_without_extras(tmp_path)
    [dist_info] = target.glob("lambda_runtime-*.dist-info")
    metadata = Parser().parsestr((dist_info / "METADATA").read_text())
    unconditional = sorted(
        requirement.split(">")[0].split("=")[0].strip()
        for requirement in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in requirement
    )
    assert unconditional == ["orjson", "typing-extensions"]

    task_root = tmp_path / "task"
    task_root.mkdir()
    write_module(task_root, "app", APP_SOURCE)
    command = [sys.executable, "-S", "-m", "lambda_runtime"]
    with (
        RuntimeApiServer() as api,
        RuntimeProcess(api, "app.handler", task_root, env={"PYTHONPATH": str(target)}, command=command),
    ):
        posted = api.wait_for(api.add_invocation(b'{"n": 1}'))
    assert posted.kind == "response", posted.body
    answer = json.loads(posted.body)
    assert Path(answer["package"]).is_relative_to(target)
    assert answer["missing"] == ["httpx", "h11", "httptools"]
    assert answer["site"] is False
    assert answer["echo"] == {"n": 1}


# Run before the command line: h11, httpx and httptools cannot be imported, as in an install without
# [emulator].
BLOCKER = """
import importlib.abc
import sys


class _NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("h11", "httpx", "httptools"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, _NotInstalled())
from lambda_runtime.cli import main

sys.exit(main(sys.argv[1:]))
"""


def _cli_without_emulator_extra(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKER, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "argv", [("emulate", "--handler", "app.handler"), ("invoke", "--payload", "{}"), ("demo",)]
)
def test_emulator_commands_say_how_to_get_the_extra(argv: tuple[str, ...], tmp_path: Path) -> None:
    result = _cli_without_emulator_extra(*argv, cwd=tmp_path)
    assert result.returncode == EXIT_MISSING_EXTRA, result.stderr
    assert f"lambda-runtime {argv[0]}: needs the [emulator] extra" in result.stderr
    assert "pip install 'lambda-runtime[emulator]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_other_commands_work_without_the_emulator_extra(tmp_path: Path) -> None:
    result = _cli_without_emulator_extra("events", "generate", "sqs", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Records" in result.stdout
