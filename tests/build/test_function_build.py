"""``lambda-runtime build``: the function zip's content, target, modes, determinism and errors.

Builds install offline from the wheelhouse fixture (PyPI wheels downloaded once: the ``network`` mark).
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lambda_runtime.build import elf
from lambda_runtime.cli import main
from tests.support.paths import REPO_ROOT
from tests.support.runtime_harness import RuntimeApiServer, RuntimeProcess

HOST_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
pytestmark = [pytest.mark.network, pytest.mark.usefixtures("offline_pip")]


def build(project: Path, *extra: str, output: Path | None = None) -> Path:
    out = output or project.parent / "out"
    status = main(["build", "--project", str(project), "--output", str(out), *extra])
    assert status == 0
    return out / "function.zip"


def mode(info: zipfile.ZipInfo) -> int:
    return info.external_attr >> 16


@pytest.mark.parametrize(("arch", "machine"), [("x86_64", "x86_64"), ("arm64", "aarch64")])
def test_every_shared_object_is_built_for_the_target(sample_project: Path, arch: str, machine: str) -> None:
    path = build(sample_project, "--arch", arch)
    with zipfile.ZipFile(path) as archive:
        objects = [name for name in archive.namelist() if ".so" in name.rsplit("/", 1)[-1]]
        assert any(name.startswith("markupsafe/") for name in objects)
        assert any(name.startswith("orjson/") for name in objects)
        for name in objects:
            assert elf.machine(archive.read(name)) == machine, name
            assert "cpython-312" in name or "abi3" in name, name


def test_zip_holds_code_dependencies_and_runtime_and_nothing_else(sample_project: Path) -> None:
    with zipfile.ZipFile(build(sample_project)) as archive:
        names = set(archive.namelist())
    tops = {name.split("/", 1)[0] for name in names}
    assert {"bootstrap", "app.py", "lib", "data.json", "markupsafe", "puredep", "orjson"} <= tops
    assert "typing_extensions.py" in tops
    assert "lambda_runtime/runtime/runner.py" in names
    assert "lambda_runtime/__main__.py" in names
    # Left out: test code, venvs, caches, build folders, VCS, project metadata, host scripts.
    for absent in (
        "tests",
        "test_top.py",
        ".venv",
        "env",
        "__pycache__",
        ".git",
        "build",
        "bin",
        "requirements.txt",
    ):
        assert absent not in tops, absent
    assert not any("/__pycache__/" in name or name.endswith(".pyc") for name in names)
    # The runtime without its emulator and build packages; nothing only the emulator needs.
    assert not any(name.startswith(("lambda_runtime/emulator/", "lambda_runtime/build/")) for name in names)
    assert not tops & {"httpx", "h11", "anyio", "httpcore", "sniffio", "setuptools", "pip", "wheel"}
    assert not any(name.endswith("direct_url.json") for name in names)


def test_modes_and_timestamps_are_fixed(sample_project: Path) -> None:
    with zipfile.ZipFile(build(sample_project)) as archive:
        infos = archive.infolist()
    by_name = {info.filename: info for info in infos}
    assert stat.S_IMODE(mode(by_name["bootstrap"])) == 0o755
    assert stat.S_ISREG(mode(by_name["bootstrap"]))
    assert stat.S_IMODE(mode(by_name["app.py"])) == 0o644
    assert {stat.S_IMODE(mode(info)) for info in infos} <= {0o644, 0o755}
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)
    assert not any(info.is_dir() for info in infos)


@pytest.mark.parametrize("version", ["3.12", HOST_VERSION])  # without and with .pyc
def test_two_builds_give_the_same_bytes(sample_project: Path, tmp_path: Path, version: str) -> None:
    first = build(sample_project, "--python-version", version, output=tmp_path / "one")
    (sample_project / "app.py").touch()  # a newer mtime must not matter
    second = build(sample_project, "--python-version", version, output=tmp_path / "two")
    assert hashlib.sha256(first.read_bytes()).hexdigest() == hashlib.sha256(second.read_bytes()).hexdigest()


def test_nothing_from_the_host_leaks_in(sample_project: Path) -> None:
    path = build(sample_project, "--python-version", HOST_VERSION)  # with .pyc: this interpreter compiles
    markers = {str(sample_project), str(REPO_ROOT), sys.prefix, sys.base_prefix}
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert any(name.endswith(f".cpython-{HOST_VERSION.replace('.', '')}.pyc") for name in names)
        for name in names:
            data = archive.read(name)
            for marker in markers:
                assert marker.encode() not in data, (name, marker)


def test_pyc_only_with_a_same_version_interpreter(sample_project: Path, tmp_path: Path) -> None:
    with_pyc = build(sample_project, "--python-version", HOST_VERSION, output=tmp_path / "a")
    without = build(sample_project, "--python-version", HOST_VERSION, "--no-pyc", output=tmp_path / "b")
    with zipfile.ZipFile(with_pyc) as archive:
        assert "__pycache__/app.cpython-{}.pyc".format(HOST_VERSION.replace(".", "")) in archive.namelist()
    with zipfile.ZipFile(without) as archive:
        assert not any(name.endswith(".pyc") for name in archive.namelist())


def test_a_package_with_no_wheel_is_a_clear_error(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (sample_project / "requirements.txt").write_text("markupsafe==3.0.2\nnowheel==1.0\n")
    status = main(["build", "--project", str(sample_project), "--output", str(sample_project.parent / "out")])
    assert status == 2
    err = capsys.readouterr().err
    assert "no wheel of nowheel" in err
    assert "CPython 3.12" in err
    assert "manylinux_2_34_x86_64" in err
    assert not (sample_project.parent / "out" / "function.zip").exists()


def test_size_report_names_limits_and_largest_packages(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(sample_project)
    out = capsys.readouterr().out
    assert "50 MB direct-upload limit" in out
    assert "250 MB" in out
    assert "orjson" in out
    assert "MarkupSafe" in out
    assert "lambda_runtime (this runtime)" in out


def test_dependencies_from_pyproject_when_there_is_no_requirements_file(sample_project: Path) -> None:
    (sample_project / "requirements.txt").unlink()
    (sample_project / "pyproject.toml").write_text(
        '[project]\nname = "sample"\nversion = "1"\ndependencies = ["markupsafe==3.0.2", "puredep"]\n'
        '[tool.lambda-runtime]\nexclude = ["data.json"]\n'
    )
    with zipfile.ZipFile(build(sample_project)) as archive:
        tops = {name.split("/", 1)[0] for name in archive.namelist()}
    assert {"markupsafe", "puredep"} <= tops
    assert "data.json" not in tops
    assert "pyproject.toml" not in tops


def test_the_built_zip_answers_an_invoke(sample_project: Path, tmp_path: Path) -> None:
    """Unpacked and started through its bootstrap with this interpreter (built for its version)."""
    path = build(sample_project, "--python-version", HOST_VERSION)
    task = tmp_path / "task"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(task)
    for info in zipfile.ZipFile(path).infolist():
        os.chmod(task / info.filename, stat.S_IMODE(info.external_attr >> 16))
    env = {"LAMBDA_RUNTIME_PYTHON": sys.executable, "PYTHONNOUSERSITE": "1"}
    command = ["/bin/sh", str(task / "bootstrap")]
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.handler", task, env=env, command=command):
        request_id = api.add_invocation(b'{"text": "<i>"}')
        posted = api.wait_for(request_id)
    assert posted.kind == "response", posted.body
    assert posted.body == b'{"escaped":"&lt;i&gt;","pure":"pure"}'


def test_build_is_not_imported_by_the_runtime() -> None:
    code = (
        "import sys, lambda_runtime, lambda_runtime.runtime.runner, lambda_runtime.runtime.handlers;"
        "print(sorted(m for m in sys.modules if m.startswith('lambda_runtime.build')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
