"""Project discovery and the selection of the function's own files.

Rules:
- The project is a folder; its files go to the zip's root, minus what a rule below excludes.
- Always excluded: names starting with ``.``, ``__pycache__``, ``*.pyc``/``*.pyo``, any folder holding a
  ``pyvenv.cfg`` (a virtual environment), ``node_modules``, ``build``, ``dist``, ``*.egg-info``, test code
  (``tests``, ``test``, ``test_*.py``, ``*_test.py``, ``conftest.py``), the build output folder, and at the
  top level the project's metadata (``pyproject.toml``, ``setup.py``, ``setup.cfg``, lock and requirements
  files).
- ``.lambdaignore`` in the project, then ``[tool.lambda-runtime] exclude = [...]`` in ``pyproject.toml``, add
  patterns: ``name`` or ``*.glob`` matches a base name anywhere, a pattern with ``/`` matches the path from
  the project root, a trailing ``/`` matches folders only, ``!pattern`` re-includes. Later patterns win.
"""

from __future__ import annotations

import fnmatch
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.zipper import Tree

__all__ = ["Pattern", "Project", "is_excluded", "load_project", "parse_patterns", "select_files"]

_DEFAULT_PATTERNS = (
    ".*",
    "__pycache__/",
    "*.pyc",
    "*.pyo",
    "node_modules/",
    "build/",
    "dist/",
    "*.egg-info/",
    "tests/",
    "test/",
    "test_*.py",
    "*_test.py",
    "conftest.py",
    "/pyproject.toml",
    "/setup.py",
    "/setup.cfg",
    "/uv.lock",
    "/poetry.lock",
    "/Pipfile",
    "/Pipfile.lock",
    "/requirements*.txt",
    "/bootstrap",
)


@dataclass(frozen=True)
class Pattern:
    glob: str
    negate: bool
    dir_only: bool
    anchored: bool


@dataclass
class Project:
    root: Path
    pyproject: dict[str, Any] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)

    @property
    def settings(self) -> dict[str, Any]:
        """``[tool.lambda-runtime]`` of ``pyproject.toml`` (empty when absent)."""
        tool = self.pyproject.get("tool", {})
        section = tool.get("lambda-runtime", {}) if isinstance(tool, dict) else {}
        return section if isinstance(section, dict) else {}


def load_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file with ``tomllib`` (Python 3.11+) or ``tomli``."""
    try:
        toml: Any = importlib.import_module("tomllib")
    except ImportError:
        try:
            toml = importlib.import_module("tomli")
        except ImportError as exc:
            raise BuildError(f"reading {path} needs Python 3.11+ or the tomli package") from exc
    try:
        data: dict[str, Any] = toml.loads(path.read_text("utf-8"))
    except ValueError as exc:
        raise BuildError(f"{path}: not valid TOML: {exc}") from exc
    return data


def parse_patterns(lines: list[str]) -> list[Pattern]:
    patterns = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        line = line[1:] if negate else line
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        patterns.append(Pattern(line.lstrip("/"), negate, dir_only, anchored))
    return patterns


def is_excluded(rel: str, is_dir: bool, patterns: list[Pattern]) -> bool:
    """Whether the project-relative path ``rel`` is left out; the last matching pattern decides."""
    name = rel.rsplit("/", 1)[-1]
    excluded = False
    for pattern in patterns:
        if pattern.dir_only and not is_dir:
            continue
        if fnmatch.fnmatchcase(rel if pattern.anchored else name, pattern.glob):
            excluded = not pattern.negate
    return excluded


def load_project(root: Path) -> Project:
    root = root.resolve()
    if not root.is_dir():
        raise BuildError(f"project folder {root} does not exist")
    pyproject_path = root / "pyproject.toml"
    pyproject = load_toml(pyproject_path) if pyproject_path.is_file() else {}
    project = Project(root=root, pyproject=pyproject)
    lines = list(_DEFAULT_PATTERNS)
    ignore_file = root / ".lambdaignore"
    if ignore_file.is_file():
        lines += ignore_file.read_text("utf-8").splitlines()
    extra = project.settings.get("exclude", [])
    if not isinstance(extra, list) or not all(isinstance(item, str) for item in extra):
        raise BuildError(f"{pyproject_path}: [tool.lambda-runtime] exclude must be a list of strings")
    lines += extra
    project.patterns = parse_patterns(lines)
    return project


def select_files(project: Project, skip: list[Path] = []) -> Tree:  # noqa: B006 - never mutated
    """The function's own files, at the zip's root."""
    skipped = {path.resolve() for path in skip}
    tree = Tree()

    def keep(rel: str, is_dir: bool) -> bool:
        if is_dir and (
            (project.root / rel).resolve() in skipped or (project.root / rel / "pyvenv.cfg").exists()
        ):
            return False
        return not is_excluded(rel, is_dir, project.patterns)

    tree.add_dir("", project.root, keep)
    return tree
