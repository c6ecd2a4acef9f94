"""``lambda-runtime build --image``: a Dockerfile and context on ``public.ecr.aws/lambda/provided:al2023``.

Layout of ``OUTPUT/image``: ``Dockerfile``, ``function/`` (what the function zip holds: bootstrap, code,
dependencies, runtime) and, with ``--python-from``, ``python/`` (the relocatable interpreter, copied to
``/opt/python``). Without ``--python-from`` the image installs ``python3.X`` with the base image's dnf.
The function goes to ``/var/task``; ``bootstrap`` also to ``/var/runtime/bootstrap``, where the base image's
entrypoint (and its runtime interface emulator, when run locally) starts the runtime; ``CMD`` is the handler.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from lambda_runtime.build import python_layer
from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.function import BuildOptions, function_tree
from lambda_runtime.build.project import load_project
from lambda_runtime.build.pycompile import add_pyc
from lambda_runtime.build.zipper import Tree

__all__ = ["BASE_IMAGE", "build_image", "write_tree"]

BASE_IMAGE = "public.ecr.aws/lambda/provided:al2023"


def write_tree(tree: Tree, folder: Path) -> None:
    """The tree's files under ``folder``, modes 0755/0644 as in a zip."""
    for name in tree:
        entry = tree.entries[name]
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if entry.source is not None:
            shutil.copyfile(entry.source, path)
        else:
            path.write_bytes(entry.read())
        os.chmod(path, 0o755 if entry.executable else 0o644)


def dockerfile(python_version: str, copied_python: bool, handler: str) -> str:
    lines = [f"FROM {BASE_IMAGE}", ""]
    if copied_python:
        lines += [
            "# A relocatable CPython; bootstrap finds /opt/python/bin/python3.",
            "COPY python/ /opt/python/",
        ]
    else:
        lines += [
            "# The base image has no Python; its dnf installs one.",
            f"RUN dnf install -y python{python_version} && dnf clean all",
            f"ENV LAMBDA_RUNTIME_PYTHON=/usr/bin/python{python_version}",
        ]
    lines += [
        "",
        "COPY function/ ${LAMBDA_TASK_ROOT}/",
        "COPY function/bootstrap ${LAMBDA_RUNTIME_DIR}/bootstrap",
        "",
        f'CMD ["{handler}"]',
        "",
    ]
    return "\n".join(lines)


def build_image(options: BuildOptions, handler: str | None, log: Callable[[str], None]) -> Path:
    project = load_project(options.project)
    handler = handler or project.settings.get("handler")
    if not isinstance(handler, str) or not handler:
        raise BuildError("--image needs the handler: --handler app.handler or [tool.lambda-runtime] handler")
    folder = options.output_dir / "image"
    if folder.exists():
        shutil.rmtree(folder)
    tree = function_tree(options, project, log)
    if options.pyc:
        add_pyc(tree, options.target.python_version, log)
    write_tree(tree, folder / "function")
    copied = options.python_from is not None
    if copied:
        interpreter = python_layer.python_tree(
            options.python_from, options.target, options.output_dir / ".work", log
        )
        if interpreter.python_version != options.target.python_version:
            raise BuildError(
                f"--python-from is Python {interpreter.python_version}, the dependencies target "
                f"{options.target.python_version}; pass --python-version {interpreter.python_version}"
            )
        if options.pyc:
            add_pyc(interpreter.tree, interpreter.python_version, log)
        write_tree(interpreter.tree, folder / "python")
    (folder / "Dockerfile").write_text(dockerfile(options.target.python_version, copied, handler), "utf-8")
    return folder
