"""The repository stands alone: the tests read nothing outside it, and ``.ci/run`` proves it by running the
README's test command in a clone of the committed HEAD, in an empty folder."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.events.fixtures_http_and_streams import FIXTURES as HTTP_AND_STREAMS
from tests.events.fixtures_http_and_streams import MALFORMED
from tests.events.fixtures_services import FIXTURES as SERVICES
from tests.support.paths import FIXTURE_EVENTS, REPO_ROOT

# Ways a path can leave the repository (spelled in pieces so this file does not match itself).
OUTSIDE = ("REPO_ROOT" + ".parent", ".." + "/shared", '"' + 'shared"', "parents" + "[3]")


def _git(*argv: str, cwd: Path = REPO_ROOT) -> str:
    return subprocess.run(["git", *argv], cwd=cwd, capture_output=True, text=True, check=True).stdout


needs_git = pytest.mark.skipif(not (REPO_ROOT / ".git").exists(), reason="not a git checkout")


def test_fixture_events_live_in_the_repository() -> None:
    assert FIXTURE_EVENTS.resolve().is_relative_to(REPO_ROOT)
    names = {p.name for p in FIXTURE_EVENTS.glob("*.json")}
    assert names == {*HTTP_AND_STREAMS, *SERVICES, MALFORMED}


@needs_git
def test_fixture_events_are_committed() -> None:
    tracked = {Path(line).name for line in _git("ls-files", "--", "tests/fixtures/events").splitlines()}
    assert {*HTTP_AND_STREAMS, *SERVICES, MALFORMED, "SOURCE.md"} <= tracked


def test_tests_ci_and_makefile_name_no_path_outside_the_repository() -> None:
    files = [REPO_ROOT / "Makefile", *(REPO_ROOT / ".ci").iterdir()]
    files += [p for p in (REPO_ROOT / "tests").rglob("*.py") if p != Path(__file__)]
    found = [
        f"{path.relative_to(REPO_ROOT)}: {needle}"
        for path in files
        for needle in OUTSIDE
        if needle in path.read_text(encoding="utf-8")
    ]
    assert found == []


STUB_MAKE = """#!/bin/sh
# Stands in for make: records where and how it ran, then exits with $STUB_STATUS.
{
    echo "argv=$*"
    echo "cwd=$(pwd)"
    echo "siblings=$(ls -A ..)"
    echo "head=$(git rev-parse HEAD)"
    echo "dirty=$(git status --porcelain)"
    echo "fixtures=$(ls tests/fixtures/events | wc -l)"
    echo "stdin=$(cat)"
} > "$STUB_LOG"
exit "$STUB_STATUS"
"""


def _run_ci(tmp_path: Path, status: int) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    stubs = tmp_path / "stubs"
    stubs.mkdir(exist_ok=True)
    make = stubs / "make"
    make.write_text(STUB_MAKE)
    make.chmod(make.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "make.log"
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}",
        "STUB_LOG": str(log),
        "STUB_STATUS": str(status),
        "TMPDIR": str(scratch),
        "CI": "true",
    }
    result = subprocess.run(
        [str(REPO_ROOT / ".ci" / "run")],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    record = dict(line.split("=", 1) for line in log.read_text().splitlines()) if log.exists() else {}
    assert list(scratch.iterdir()) == [], "the clone is removed afterwards"
    return result, record


@needs_git
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_ci_run_tests_a_clone_of_head_in_an_empty_folder(tmp_path: Path) -> None:
    result, record = _run_ci(tmp_path, 0)
    assert result.returncode == 0, result.stderr
    assert record["argv"] == "test"
    assert record["head"] == _git("rev-parse", "HEAD").strip()
    assert record["dirty"] == ""
    assert Path(record["cwd"]).resolve() != REPO_ROOT
    assert Path(record["cwd"]).is_relative_to((tmp_path / "tmp").resolve())
    assert record["siblings"] == Path(record["cwd"]).name  # nothing beside the clone
    assert int(record["fixtures"]) > 100
    assert record["stdin"] == ""


@needs_git
@pytest.mark.parametrize("status", [1, 2, 5])
def test_ci_run_exits_with_the_status_of_make_test(tmp_path: Path, status: int) -> None:
    result, record = _run_ci(tmp_path, status)
    assert record["argv"] == "test"
    assert result.returncode == status, result.stderr
