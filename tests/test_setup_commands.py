"""The README's two set-up commands: ``make demo`` installs the package with the [emulator] extra only,
``make test`` the [dev] extras too; each install has its own stamp, so either order works and a second run
installs nothing. ``make`` runs for real, with a stand-in interpreter whose venv has a logging ``pip``.
And the demo itself runs with every dev tool unimportable."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support.paths import REPO_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")

# `$PYTHON -m venv DIR` makes DIR/bin with a pip that logs each call and, like the real one, puts the
# console scripts of what it installs in DIR/bin; every tool logs its own run.
STUB_PYTHON = r"""#!/bin/sh
[ "$1 $2" = "-m venv" ] || { echo "unexpected: $*" >&2; exit 9; }
echo "venv" >> "$STUB_LOG"
mkdir -p "$3/bin"
cat > "$3/bin/tool" <<'EOF'
#!/bin/sh
name=${0##*/}
echo "$name $*" >> "$STUB_LOG"
if [ "$name" = pip ]; then
    for arg in "$@"; do
        case "$arg" in
            ".[emulator]") ln -sf tool "${0%/*}/lambda-runtime" ;;
            ".[dev]") for t in lambda-runtime ruff mypy pytest; do ln -sf tool "${0%/*}/$t"; done ;;
        esac
    done
fi
EOF
chmod +x "$3/bin/tool"
ln -s tool "$3/bin/pip"
ln -s tool "$3/bin/python"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(REPO_ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    python = tmp_path / "stub-python"
    python.write_text(STUB_PYTHON)
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    return tmp_path


def make(project: Path, target: str) -> list[str]:
    """Run ``make target``; the commands the stand-ins saw, in order."""
    log = project / "calls.log"
    log.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    env["STUB_LOG"] = str(log)
    result = subprocess.run(
        ["make", "--no-print-directory", target, f"PYTHON={project / 'stub-python'}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return log.read_text().splitlines()


def installs(calls: list[str]) -> list[str]:
    return [call for call in calls if call.startswith("pip install") and "--upgrade pip" not in call]


def test_demo_installs_the_package_without_dev_extras(project: Path) -> None:
    calls = make(project, "demo")
    assert calls[0] == "venv"
    assert len(installs(calls)) == 1
    assert installs(calls)[0].endswith(" -e .[emulator]")
    assert calls[-1] == "lambda-runtime demo"
    assert not any(call.split()[0] in ("ruff", "mypy", "pytest") for call in calls)


def test_demo_then_test_then_both_again(project: Path) -> None:
    make(project, "demo")
    first_test = make(project, "test")
    assert [call.split(" -e ")[-1] for call in installs(first_test)] == [".[dev]"]
    assert [call.split()[0] for call in first_test if not call.startswith("pip")] == [
        "ruff",
        "ruff",
        "mypy",
        "pytest",
    ]
    assert installs(make(project, "test")) == []
    assert installs(make(project, "demo")) == []


def test_test_first_then_demo_installs_nothing_more(project: Path) -> None:
    assert len(installs(make(project, "test"))) == 1
    assert make(project, "demo") == ["lambda-runtime demo"]


def test_a_changed_pyproject_reinstalls_what_is_asked_for(project: Path) -> None:
    make(project, "test")
    stamp = max(p.stat().st_mtime for p in (project / ".venv").glob(".installed-*"))
    os.utime(project / "pyproject.toml", (stamp + 10, stamp + 10))
    assert [call.split(" -e ")[-1] for call in installs(make(project, "demo"))] == [".[emulator]"]
    assert [call.split(" -e ")[-1] for call in installs(make(project, "test"))] == [".[dev]"]


# Import names of the [dev] extras (pyproject.toml) and what they pull in.
DEV_MODULES = (
    "pytest",
    "_pytest",
    "pytest_timeout",
    "hypothesis",
    "mypy",
    "ruff",
    "boto3",
    "botocore",
    "awscli",
    "awslambdaric",
    "aws_lambda_powertools",
    "pydantic",
)

BLOCKER = """
import importlib.abc
import sys

BLOCKED = {blocked!r}


class _NoDevTools(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} is a dev tool; the demo must not need it")
        return None


sys.meta_path.insert(0, _NoDevTools())
"""


def test_demo_runs_without_any_dev_tool(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(textwrap.dedent(BLOCKER.format(blocked=DEV_MODULES)))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO_ROOT)])}
    check = subprocess.run(
        [sys.executable, "-c", "import boto3"], env=env, capture_output=True, text=True, check=False
    )
    assert "is a dev tool" in check.stderr  # the blocker is active
    demo = subprocess.run(
        [sys.executable, "-m", "lambda_runtime.cli", "demo"],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "Hello from lambda-runtime!" in demo.stdout
