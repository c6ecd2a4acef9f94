"""``lambda-runtime build --exec-wrapper``: this runtime as a layer for AWS's managed python3.x runtimes.

Layout: ``lambda-runtime-wrapper`` (0755; ``/opt/lambda-runtime-wrapper``) and ``python/`` with
``lambda_runtime`` and its dependencies for the managed runtime's version and architecture. Function settings:
runtime ``python3.X`` (the ``--python-version``), the same architecture, this layer, environment variable
``AWS_LAMBDA_EXEC_WRAPPER=/opt/lambda-runtime-wrapper``, and a handler in this runtime's forms.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from lambda_runtime.build import deps
from lambda_runtime.build.launchers import EXEC_WRAPPER
from lambda_runtime.build.pycompile import add_pyc
from lambda_runtime.build.runtime_files import runtime_tree
from lambda_runtime.build.zipper import Tree, write_zip

__all__ = ["WRAPPER_NAME", "build_exec_wrapper"]

WRAPPER_NAME = "lambda-runtime-wrapper"


def build_exec_wrapper(output: Path, target: deps.Target, pyc: bool, log: Callable[[str], None]) -> Path:
    requirements = deps.Requirements(deps.runtime_requirements(), [], "the runtime's own dependencies")
    with tempfile.TemporaryDirectory(prefix="lambda-wrapper-") as work:
        packages = deps.install(target, requirements, Path(work) / "site")
        packages.merge(runtime_tree())
        if pyc:
            add_pyc(packages, target.python_version, log)
        layer = Tree()
        layer.merge(packages, "python")
        layer.add_bytes(WRAPPER_NAME, EXEC_WRAPPER.encode(), executable=True)
        return write_zip(layer, output / "exec-wrapper-layer.zip")
