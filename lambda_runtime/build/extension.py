"""``lambda-runtime build --extension NAME``: an extension as a layer.

Layout: ``extensions/NAME`` (the launcher, 0755) and ``NAME/`` holding the extension's code, its dependencies
and the runtime (so ``/opt/NAME`` on Lambda).

Rules:
- With ``--project``, the code is the project's files and the entry module must be in the project.
- Without ``--project``, NAME must be a shipped extension (``BUILTIN``): the code is the runtime package
  itself (minus emulator/ and build/), the entry is the extension's module, and the dependencies are the ones
  it imports (boto3, h11, PyYAML for the cache) at the versions this installation declares;
  ``--requirements FILE`` adds its lines (pins, more packages) to those.
- botocore's service models are trimmed to the services the layer calls: a shipped extension's own list
  plus ``--keep-service``; for a project, ``--botocore-services`` (plus ``--keep-service``) and no trimming
  when neither is given. ``--botocore-services all`` keeps every model.
"""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lambda_runtime.build import deps
from lambda_runtime.build.botocore_data import ALL, trim_service_data
from lambda_runtime.build.deps import Target
from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.function import BuildOptions, function_tree
from lambda_runtime.build.launchers import extension_launcher
from lambda_runtime.build.project import load_project
from lambda_runtime.build.pycompile import add_pyc
from lambda_runtime.build.runtime_files import runtime_tree
from lambda_runtime.build.zipper import Tree, write_zip

__all__ = ["BUILTIN", "Builtin", "build_extension", "builtin_requirements"]

_RESERVED = frozenset({"python", "extensions", "bin", "lib", "lambda-runtime-wrapper"})


@dataclass(frozen=True)
class Builtin:
    """A shipped extension: its entry module, the distributions it imports, the AWS services it calls."""

    module: str
    requires: tuple[str, ...]
    services: tuple[str, ...]


# The credentials on Lambda come from the environment, so no sts/sso model is needed to create a client.
BUILTIN = {
    "adaptive-batching": Builtin(
        module="lambda_runtime.extensions.adaptive_batching",
        requires=("boto3", "h11"),
        services=("s3",),
    ),
    "cache": Builtin(
        module="lambda_runtime.extensions.cache",
        requires=("boto3", "h11", "pyyaml"),
        services=("ssm", "dynamodb", "secretsmanager"),
    ),
}
# Used when this installation has no metadata to read the declared versions from.
_FALLBACK_REQUIREMENTS = {"boto3": "boto3>=1.34", "h11": "h11>=0.14", "pyyaml": "pyyaml>=6"}


def builtin_requirements(builtin: Builtin) -> list[str]:
    """The requirement strings (as this installation declares them, extra markers dropped) for ``builtin``."""
    try:
        declared = importlib.metadata.requires("lambda-runtime") or []
    except importlib.metadata.PackageNotFoundError:
        declared = []
    found: dict[str, str] = {}
    for line in declared:
        name = deps.requirement_name(line)
        if name in builtin.requires and name not in found:
            found[name] = line.split(";", 1)[0].strip()
    return [found.get(name, _FALLBACK_REQUIREMENTS[name]) for name in builtin.requires]


def _kept_services(
    builtin: Builtin | None, botocore_services: Sequence[str] | None, keep: Sequence[str]
) -> list[str] | None:
    """The services to keep, or None for no trimming."""
    if botocore_services is not None and ALL in botocore_services:
        if len(botocore_services) > 1:
            raise BuildError(f"--botocore-services {ALL} keeps every service; name no others with it")
        return None
    if botocore_services is not None:
        base = list(botocore_services)
    elif builtin is not None:
        base = list(builtin.services)
    elif keep:
        base = []
    else:
        return None
    return base + [name for name in keep if name not in base]


def build_extension(
    name: str,
    entry: str | None,
    project_dir: Path | None,
    output: Path,
    target: Target,
    requirements: str | None,
    log: Callable[[str], None],
    *,
    botocore_services: Sequence[str] | None = None,
    keep_services: Sequence[str] = (),
    pyc: bool = True,
) -> Path:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name) or name in _RESERVED:
        raise BuildError(
            f"--extension {name!r}: use letters, digits, '-', '_' or '.', not {sorted(_RESERVED)}"
        )
    builtin = BUILTIN.get(name) if project_dir is None else None
    if project_dir is None and builtin is None:
        raise BuildError(
            f"--extension {name!r} is not a shipped extension ({', '.join(sorted(BUILTIN))}): "
            "give --project DIR with its code"
        )
    if builtin is not None and entry is not None:
        raise BuildError(f"--entry: the shipped extension {name} runs {builtin.module}")
    module = builtin.module if builtin else entry or name.replace("-", "_").replace(".", "_")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", module):
        raise BuildError(f"--entry {module!r} is not a module name")
    services = _kept_services(builtin, botocore_services, keep_services)
    requirements_path = Path(requirements).resolve() if requirements else None
    if builtin is not None:
        code = _builtin_tree(name, builtin, output, target, requirements_path, log)
    else:
        assert project_dir is not None
        options = BuildOptions(
            project=project_dir, output=output, target=target, requirements=requirements_path
        )
        project = load_project(project_dir)
        code = function_tree(options, project, log)
        code.remove(lambda item: item == "bootstrap")
        path = module.replace(".", "/")
        if f"{path}.py" not in code and f"{path}/__main__.py" not in code:
            raise BuildError(
                f"the extension's module {module} is not in {project.root} ({path}.py or {path}/__main__.py)"
            )
    if services is not None:
        result = trim_service_data(code, services)
        if result is None:
            log("no botocore in the layer: nothing to trim")
        else:
            log(
                f"botocore service models kept: {', '.join(result.kept) or 'none'} "
                f"({result.removed_files} files, {result.removed_bytes / 2**20:.1f} MB of others removed)"
            )
    if pyc:
        add_pyc(code, target.python_version, log)
    layer = Tree()
    layer.merge(code, name)
    layer.add_bytes(f"extensions/{name}", extension_launcher(name, module), executable=True)
    return write_zip(layer, output / f"extension-{name}.zip")


def _builtin_tree(
    name: str,
    builtin: Builtin,
    output: Path,
    target: Target,
    requirements: Path | None,
    log: Callable[[str], None],
) -> Tree:
    """The dependencies ``builtin`` imports, installed for ``target``, with the runtime package over them."""
    lines = builtin_requirements(builtin) + deps.runtime_requirements()
    files = []
    if requirements is not None:
        if not requirements.is_file():
            raise BuildError(f"requirements file {requirements} does not exist")
        files.append(requirements)
    wanted = deps.Requirements(lines, files, f"the {name} extension ({', '.join(lines)})")
    log(f"dependencies from {wanted.source}, for CPython {target.python_version} {target.arch}")
    tree = deps.install(target, wanted, output / ".work" / f"extension-{name}")
    tree.merge(runtime_tree())
    return tree
