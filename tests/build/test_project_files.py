"""File selection, ignore patterns, uv.lock reading and the packaged bootstrap copy (no pip, no network)."""

from __future__ import annotations

from pathlib import Path

from lambda_runtime.build.deps import Target, collect_requirements
from lambda_runtime.build.project import load_project, select_files
from lambda_runtime.build.runtime_files import package_dir, runtime_tree
from tests.support.paths import REPO_ROOT


def test_lambdaignore_adds_and_negates_patterns(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("")
    (tmp_path / "app.py").write_text("")
    (tmp_path / "notes.md").write_text("")
    (tmp_path / "keep.md").write_text("")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "fixture.json").write_text("")
    (tmp_path / ".lambdaignore").write_text("# docs are not code\ndocs/\n*.md\n!keep.md\n")
    names = set(select_files(load_project(tmp_path)))
    assert names == {"app.py", "keep.md"}


def test_anchored_patterns_match_from_the_root(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "config.py").write_text("")
    (tmp_path / "config.py").write_text("")
    (tmp_path / "pyproject.toml").write_text('[tool.lambda-runtime]\nexclude = ["/config.py"]\n')
    assert set(select_files(load_project(tmp_path))) == {"pkg/config.py"}


def test_an_output_folder_inside_the_project_is_left_out(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "function.zip").write_bytes(b"")
    assert set(select_files(load_project(tmp_path), skip=[tmp_path / "out"])) == {"app.py"}


def test_uv_lock_gives_the_locked_closure_of_the_project_dependencies(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "fn"\nversion = "1"\n')
    (tmp_path / "uv.lock").write_text(
        """version = 1
[[package]]
name = "fn"
version = "1"
source = { virtual = "." }
dependencies = [{ name = "requests" }]
[package.dev-dependencies]
dev = [{ name = "pytest" }]

[[package]]
name = "requests"
version = "2.32.3"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "idna" }, { name = "colorama", marker = "sys_platform == 'win32'" }]

[[package]]
name = "idna"
version = "3.10"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "colorama"
version = "0.4.6"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.0.0"
source = { registry = "https://pypi.org/simple" }
"""
    )
    requirements = collect_requirements(load_project(tmp_path), None, tmp_path / "work")
    assert requirements.lines[:3] == [
        "requests==2.32.3",
        "idna==3.10",
        "colorama==0.4.6 ; sys_platform == 'win32'",
    ]
    assert not any(line.startswith("pytest") for line in requirements.lines)
    assert any(line.startswith("orjson") for line in requirements.lines)


def test_requirements_naming_lambda_runtime_are_filtered(tmp_path: Path) -> None:
    (tmp_path / "extra.txt").write_text("idna\n")
    (tmp_path / "requirements.txt").write_text("lambda-runtime @ file:///x\n-r extra.txt\nrequests\n")
    requirements = collect_requirements(load_project(tmp_path), None, tmp_path / "work")
    text = requirements.files[0].read_text()
    assert "lambda-runtime" not in text
    assert f"-r {tmp_path / 'extra.txt'}" in text
    assert "requests" in text


def test_manylinux_tags_stop_at_al2023_glibc() -> None:
    tags = Target(arch="arm64").platforms
    assert tags[0] == "manylinux_2_34_aarch64"
    assert "manylinux_2_35_aarch64" not in tags
    assert "manylinux2014_aarch64" in tags


def test_runtime_copy_leaves_out_emulator_and_build() -> None:
    names = set(runtime_tree())
    assert "lambda_runtime/runtime/runner.py" in names
    assert not any(name.startswith(("lambda_runtime/emulator/", "lambda_runtime/build/")) for name in names)
    assert not any(name.endswith(".pyc") for name in names)


def test_packaged_bootstrap_equals_the_repository_one() -> None:
    assert (package_dir() / "build" / "bootstrap.sh").read_bytes() == (REPO_ROOT / "bootstrap").read_bytes()
