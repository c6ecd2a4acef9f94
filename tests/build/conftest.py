"""Fixtures for the build tests: a wheelhouse and a sample project.

Rule: the only network use is ``pip download`` of the wheels in ``WHEELS`` from PyPI, once per cache (kept in
pytest's cache folder, ``.pytest_cache/d/lambda-build-wheels``), and of the shipped extensions' dependencies
(``extension_wheels``: boto3, PyYAML, h11 and what they need, at this environment's versions, for this
interpreter and machine) into the same folder; every build then installs offline from that folder plus
locally made wheels (``PIP_NO_INDEX``, ``PIP_FIND_LINKS``). Tests needing it are marked ``network``.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from platform import machine

import pytest

from lambda_runtime.build.deps import RUNTIME_REQUIREMENTS, Target

# The C-extension dependency of the sample project; orjson (the runtime's) is a second one.
WHEELS = ("markupsafe==3.0.2", *RUNTIME_REQUIREMENTS)
PYTHON_VERSIONS = ("3.12", f"{sys.version_info[0]}.{sys.version_info[1]}")

SAMPLE_APP = """
import markupsafe
import puredep


def handler(event, context):
    return {"escaped": str(markupsafe.escape(event.get("text", "<b>"))), "pure": puredep.VALUE}
"""


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def make_wheel(folder: Path, name: str, version: str, files: dict[str, str]) -> Path:
    """A pure-Python wheel ``name-version-py3-none-any.whl`` holding ``files``."""
    info = f"{name}-{version}.dist-info"
    contents = {path: text.encode() for path, text in files.items()}
    contents[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    contents[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = [_record_line(path, data) for path, data in contents.items()] + [f"{info}/RECORD,,"]
    contents[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in contents.items():
            archive.writestr(member, data)
    return path


def make_sdist(folder: Path, name: str, version: str) -> Path:
    """An sdist only (no wheel): what ``--only-binary=:all:`` must refuse."""
    path = folder / f"{name}-{version}.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        data = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
        member = tarfile.TarInfo(f"{name}-{version}/PKG-INFO")
        member.size = len(data)
        archive.addfile(member, io.BytesIO(data))
    return path


@pytest.fixture(scope="session")
def wheelhouse(pytestconfig: pytest.Config) -> Path:
    """PyPI wheels of ``WHEELS`` for both architectures and ``PYTHON_VERSIONS`` (downloaded when missing)."""
    assert pytestconfig.cache is not None
    folder = Path(pytestconfig.cache.mkdir("lambda-build-wheels"))
    for arch in ("x86_64", "arm64"):
        for version in PYTHON_VERSIONS:
            target = Target(arch=arch, python_version=version)
            marker = folder / f".complete-{arch}-{version}"
            if marker.exists():
                continue
            command = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(folder)]
            command += ["--implementation", "cp", "--python-version", version, "--no-deps", "--quiet"]
            for platform in target.platforms:
                command += ["--platform", platform]
            subprocess.run([*command, *WHEELS], check=True)
            marker.touch()
    return folder


# What the shipped extension layers install (beyond the runtime's own), pinned to this environment's versions.
EXTENSION_DISTRIBUTIONS = ("boto3", "pyyaml", "h11")
HOST_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"


def host_target() -> Target:
    """The target this interpreter and machine can run: an extension layer built for it is tested here."""
    return Target(
        arch="arm64" if machine() in ("aarch64", "arm64") else "x86_64", python_version=HOST_VERSION
    )


@pytest.fixture(scope="session")
def extension_wheels(wheelhouse: Path) -> Path:
    """The shipped extensions' dependencies for ``host_target()``, added to the wheelhouse when missing."""
    target = host_target()
    pins = [f"{name}=={importlib.metadata.version(name)}" for name in EXTENSION_DISTRIBUTIONS]
    marker = wheelhouse / f".complete-extensions-{target.arch}-{target.python_version}-{'-'.join(pins)}"
    if not marker.exists():
        command = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(wheelhouse)]
        command += ["--implementation", "cp", "--python-version", target.python_version, "--quiet"]
        for tag in target.platforms:
            command += ["--platform", tag]
        subprocess.run([*command, *pins, *RUNTIME_REQUIREMENTS], check=True)
        marker.touch()
    return wheelhouse


@pytest.fixture(scope="session")
def local_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("local-index")
    make_wheel(folder, "puredep", "1.0", {"puredep/__init__.py": "VALUE = 'pure'\n"})
    make_sdist(folder, "nowheel", "1.0")
    return folder


@pytest.fixture
def offline_pip(wheelhouse: Path, local_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pip reads only the wheelhouse and the local index."""
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", f"{wheelhouse} {local_index}")


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A function with a C-extension dependency, a pure-Python one, and the clutter a checkout has."""
    root = tmp_path / "sample"
    (root / "lib").mkdir(parents=True)
    (root / "app.py").write_text(SAMPLE_APP)
    (root / "lib" / "__init__.py").write_text("")
    (root / "lib" / "helpers.py").write_text("def double(x):\n    return 2 * x\n")
    (root / "requirements.txt").write_text("markupsafe==3.0.2\npuredep==1.0\nlambda-runtime\n")
    (root / "tests").mkdir()
    (root / "tests" / "test_app.py").write_text("def test_nothing():\n    pass\n")
    (root / "test_top.py").write_text("")
    (root / ".venv" / "lib").mkdir(parents=True)
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (root / "env").mkdir()
    (root / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"\0")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "build" / "lib").mkdir(parents=True)
    (root / "build" / "lib" / "app.py").write_text("")
    (root / "data.json").write_text("{}")
    return root
