"""``lambda-runtime build --extension NAME``: an extension as a layer.

Layout: ``extensions/NAME`` (the launcher, 0755) and ``NAME/`` holding the project's files, its dependencies
and the runtime (so ``/opt/NAME`` on Lambda). The entry module must be in the project.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from lambda_runtime.build.deps import Target
from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.function import BuildOptions, function_tree
from lambda_runtime.build.launchers import extension_launcher
from lambda_runtime.build.project import load_project
from lambda_runtime.build.pycompile import add_pyc
from lambda_runtime.build.zipper import Tree, write_zip

__all__ = ["build_extension"]

_RESERVED = frozenset({"python", "extensions", "bin", "lib", "lambda-runtime-wrapper"})


def build_extension(
    name: str,
    entry: str | None,
    project_dir: Path,
    output: Path,
    target: Target,
    requirements: str | None,
    log: Callable[[str], None],
) -> Path:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name) or name in _RESERVED:
        raise BuildError(
            f"--extension {name!r}: use letters, digits, '-', '_' or '.', not {sorted(_RESERVED)}"
        )
    module = entry or name.replace("-", "_").replace(".", "_")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", module):
        raise BuildError(f"--entry {module!r} is not a module name")
    options = BuildOptions(
        project=project_dir,
        output=output,
        target=target,
        requirements=Path(requirements).resolve() if requirements else None,
    )
    project = load_project(project_dir)
    code = function_tree(options, project, log)
    code.remove(lambda item: item == "bootstrap")
    path = module.replace(".", "/")
    if f"{path}.py" not in code and f"{path}/__main__.py" not in code:
        raise BuildError(
            f"the extension's module {module} is not in {project.root} ({path}.py or {path}/__main__.py)"
        )
    add_pyc(code, target.python_version, log)
    layer = Tree()
    layer.merge(code, name)
    layer.add_bytes(f"extensions/{name}", extension_launcher(name, module), executable=True)
    return write_zip(layer, output / f"extension-{name}.zip")
