"""``lambda-runtime build``: the function zip (bootstrap + code + dependencies + runtime [+ interpreter]).

Rule: later layers of the tree win on a name clash: dependencies, then the runtime, then the project's files,
then ``bootstrap`` (the project's own, else this repository's), always mode 0755.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lambda_runtime.build import deps, python_layer
from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.project import Project, load_project, select_files
from lambda_runtime.build.pycompile import add_pyc
from lambda_runtime.build.report import SizeReport, size_report
from lambda_runtime.build.runtime_files import bootstrap_bytes, runtime_tree
from lambda_runtime.build.zipper import Tree, write_zip

__all__ = ["BuildOptions", "BuildResult", "build_function", "function_tree"]

Log = Callable[[str], None]


@dataclass
class BuildOptions:
    project: Path
    output: Path | None = None
    target: deps.Target = field(default_factory=deps.Target)
    requirements: Path | None = None
    pyc: bool = True
    bundle_python: bool = False
    python_from: Path | None = None

    @property
    def output_dir(self) -> Path:
        return (self.output or self.project / ".lambda-build").resolve()


@dataclass
class BuildResult:
    path: Path
    report: SizeReport
    notes: list[str]


def function_tree(options: BuildOptions, project: Project, log: Log) -> Tree:
    """Dependencies, runtime, the project's files and bootstrap, at the zip's root (no interpreter or pyc)."""
    work = options.output_dir / ".work"
    requirements = deps.collect_requirements(project, options.requirements, work)
    target = options.target
    log(f"dependencies from {requirements.source}, for CPython {target.python_version} {target.arch}")
    tree = deps.install(options.target, requirements, work / "site")
    tree.merge(runtime_tree())
    own = select_files(project, skip=[options.output_dir])
    own.remove(lambda name: name == "lambda_runtime" or name.startswith("lambda_runtime/"))
    tree.merge(own)
    project_bootstrap = project.root / "bootstrap"
    data = project_bootstrap.read_bytes() if project_bootstrap.is_file() else bootstrap_bytes()
    tree.add_bytes("bootstrap", data, executable=True)
    return tree


def build_function(options: BuildOptions, log: Log) -> BuildResult:
    project = load_project(options.project)
    tree = function_tree(options, project, log)
    if options.pyc:
        add_pyc(tree, options.target.python_version, log)
    notes: list[str] = []
    if options.bundle_python:
        interpreter = python_layer.python_tree(
            options.python_from, options.target, options.output_dir / ".work", log
        )
        if interpreter.python_version != options.target.python_version:
            raise BuildError(
                f"--bundle-python: the interpreter is Python {interpreter.python_version} but the "
                f"dependencies target {options.target.python_version}; pass --python-version "
                f"{interpreter.python_version}"
            )
        if options.pyc:
            add_pyc(interpreter.tree, interpreter.python_version, log)
        tree.merge(interpreter.tree, "python")
    path = write_zip(tree, options.output_dir / "function.zip")
    return BuildResult(path=path, report=size_report(path), notes=notes)
