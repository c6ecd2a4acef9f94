"""Dependencies for the target: which requirements, and pip installing wheels built for Lambda.

Rules:
- The requirements come from ``--requirements``, else ``requirements.txt``, else ``uv.lock`` (the packages the
  project's own dependencies reach, at their locked versions), else ``[project] dependencies``.
- The runtime's own dependencies (orjson, typing-extensions: nothing the emulator alone uses) are added, and a
  requirement naming ``lambda-runtime`` is dropped: the runtime is copied from this installation.
- pip installs wheels only, for CPython ``X.Y`` and every manylinux tag up to the target's glibc
  (AL2023: 2.34); a requirement with no such wheel is a ``BuildError`` naming it.
- Nothing of the host survives: scripts (``bin/``), ``__pycache__`` and ``direct_url.json`` are removed.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.project import Project, load_toml
from lambda_runtime.build.zipper import Tree

__all__ = ["RUNTIME_REQUIREMENTS", "Requirements", "Target", "collect_requirements", "install"]

# The runtime's dependencies when this installation has no metadata to read them from.
RUNTIME_REQUIREMENTS = ("orjson>=3.9", "typing-extensions>=4.7")
_RUNTIME_DEPENDENCY_NAMES = frozenset({"orjson", "typing-extensions"})
_SELF_NAMES = frozenset({"lambda-runtime"})
ARCHES = {"x86_64": "x86_64", "arm64": "aarch64"}
# Amazon Linux 2023's glibc.
GLIBC_MINOR = 34


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(line: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line)
    return normalize(match.group(1)) if match else ""


@dataclass(frozen=True)
class Target:
    arch: str = "x86_64"
    python_version: str = "3.12"

    def __post_init__(self) -> None:
        if self.arch not in ARCHES:
            raise BuildError(f"--arch must be one of {', '.join(ARCHES)}, not {self.arch!r}")
        if not re.fullmatch(r"3\.\d{1,2}", self.python_version):
            raise BuildError(f"--python-version must look like 3.12, not {self.python_version!r}")

    @property
    def machine(self) -> str:
        """The ELF/uname name of the architecture: x86_64 or aarch64."""
        return ARCHES[self.arch]

    @property
    def platforms(self) -> list[str]:
        """pip platform tags, newest first: manylinux_2_34 down to the oldest tag wheels use on this arch."""
        oldest = 5 if self.machine == "x86_64" else 17
        tags = [f"manylinux_2_{minor}_{self.machine}" for minor in range(GLIBC_MINOR, oldest - 1, -1)]
        tags.append(f"manylinux2014_{self.machine}")
        if self.machine == "x86_64":
            tags += ["manylinux2010_x86_64", "manylinux1_x86_64"]
        return tags

    @property
    def python_tag(self) -> str:
        return "cp" + self.python_version.replace(".", "")


@dataclass
class Requirements:
    """What pip installs: requirement strings plus ``-r``/``-c`` file arguments, and where they came from."""

    lines: list[str]
    files: list[Path]
    source: str


def runtime_requirements() -> list[str]:
    """orjson and typing-extensions as this installation's metadata constrains them."""
    try:
        declared = importlib.metadata.requires("lambda-runtime") or []
    except importlib.metadata.PackageNotFoundError:
        return list(RUNTIME_REQUIREMENTS)
    kept = [
        req for req in declared if requirement_name(req) in _RUNTIME_DEPENDENCY_NAMES and "extra" not in req
    ]
    return kept or list(RUNTIME_REQUIREMENTS)


def _filter_requirements_file(path: Path, work: Path) -> Path:
    """``path`` itself, or a copy without lines naming lambda-runtime (``-r``/``-c`` paths made absolute)."""
    lines = path.read_text("utf-8").splitlines()
    if not any(requirement_name(line) in _SELF_NAMES for line in lines):
        return path
    kept = []
    for line in lines:
        if requirement_name(line) in _SELF_NAMES:
            continue
        option = re.match(r"\s*(-r|-c|--requirement|--constraint)\s*=?\s*(\S+)", line)
        if option and not Path(option.group(2)).is_absolute():
            kept.append(f"{option.group(1)} {(path.parent / option.group(2)).resolve()}")
        else:
            kept.append(line)
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "requirements.txt"
    copy.write_text("\n".join(kept) + "\n", "utf-8")
    return copy


def _from_uv_lock(project: Project) -> list[str] | None:
    """The locked versions of what the project's own dependencies reach (no dev groups, no extras)."""
    lock = load_toml(project.root / "uv.lock")
    packages: dict[str, dict[str, Any]] = {}
    root: dict[str, Any] | None = None
    for package in lock.get("package", []):
        packages[normalize(package.get("name", ""))] = package
        source = package.get("source", {})
        local = source.get("editable", source.get("virtual"))
        if local is not None and (local == "." or root is None):
            root = package
    if root is None:
        return None
    pins: list[str] = []
    seen = set()
    queue = list(root.get("dependencies", []))
    while queue:
        dep = queue.pop(0)
        name = normalize(dep.get("name", ""))
        if name in seen or name in _SELF_NAMES:
            continue
        seen.add(name)
        package = packages.get(name)
        if package is None:
            continue
        marker = dep.get("marker")
        pin = f"{name}=={package['version']}" if "version" in package else name
        pins.append(f"{pin} ; {marker}" if marker else pin)
        queue += package.get("dependencies", [])
    return pins


def collect_requirements(project: Project, requirements: Path | None, work: Path) -> Requirements:
    runtime = runtime_requirements()
    if requirements is not None:
        if not requirements.is_file():
            raise BuildError(f"requirements file {requirements} does not exist")
        return Requirements(runtime, [_filter_requirements_file(requirements, work)], str(requirements))
    found = project.root / "requirements.txt"
    if found.is_file():
        return Requirements(runtime, [_filter_requirements_file(found, work)], str(found))
    if (project.root / "uv.lock").is_file():
        pins = _from_uv_lock(project)
        if pins is not None:
            return Requirements(pins + runtime, [], str(project.root / "uv.lock"))
    declared = project.pyproject.get("project", {}).get("dependencies", [])
    if declared:
        kept = [str(req) for req in declared if requirement_name(str(req)) not in _SELF_NAMES]
        return Requirements(
            kept + runtime, [], str(project.root / "pyproject.toml") + " [project] dependencies"
        )
    return Requirements(runtime, [], "none (the runtime's own dependencies only)")


def pip_command(target: Target, requirements: Requirements, dest: Path) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--target",
        str(dest),
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        target.python_version,
        "--no-compile",
        "--no-warn-script-location",
        "--disable-pip-version-check",
        "--no-input",
        "--progress-bar",
        "off",
    ]
    for platform in target.platforms:
        command += ["--platform", platform]
    for path in requirements.files:
        command += ["-r", str(path)]
    return command + requirements.lines


def _explain_failure(output: str, target: Target) -> str:
    platform = f"manylinux_2_{GLIBC_MINOR}_{target.machine}"
    where = f"CPython {target.python_version} on {platform} (Lambda, {target.arch})"
    missing = re.findall(r"No matching distribution found for ([^\s]+)", output)
    if missing:
        names = ", ".join(sorted(set(missing)))
        return (
            f"no wheel of {names} for {where}: the build installs wheels only. Pick a version that "
            f"publishes a {target.python_tag} manylinux wheel for {target.machine} (or a pure-Python one), "
            "or build the wheel and give pip its folder (PIP_FIND_LINKS=DIR)."
        )
    tail = "\n".join(output.strip().splitlines()[-15:])
    return f"pip could not install the dependencies for {where}:\n{tail}"


def install(target: Target, requirements: Requirements, dest: Path) -> Tree:
    """Install into ``dest`` (emptied first) and return its files for the zip's root."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_USER="0", PYTHONNOUSERSITE="1")
    result = subprocess.run(
        pip_command(target, requirements, dest),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise BuildError(_explain_failure(result.stdout, target))
    tree = Tree()

    def keep(rel: str, is_dir: bool) -> bool:
        name = rel.rsplit("/", 1)[-1]
        if is_dir:
            return rel != "bin" and name != "__pycache__"
        return not (name.endswith((".pyc", ".pyo")) or (name == "direct_url.json" and ".dist-info/" in rel))

    tree.add_dir("", dest, keep)
    return tree
