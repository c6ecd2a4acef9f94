"""Trimming botocore's (and boto3's) bundled service models to the services a layer calls.

Rules:
- A service is a folder of ``botocore/data`` (``s3``, ``ssm``, ``dynamodb``, ``secretsmanager``: the names
  ``boto3.client`` takes). Kept services keep every file of their folder; every other service folder goes,
  in ``botocore/data`` and in ``boto3/data`` (boto3's resource models).
- The files directly in ``botocore/data`` (``endpoints.json``, ``partitions.json``, ``_retry.json``,
  ``sdk-default-configuration.json``, ...) always stay: botocore reads them when it creates any client.
- Naming a service the tree's botocore does not have is a ``BuildError`` (a typo would otherwise leave a
  layer that fails at its first call).
- A tree without botocore is left alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.zipper import Tree

__all__ = ["ALL", "TrimResult", "parse_services", "service_names", "trim_service_data"]

# ``--botocore-services all``: keep every service model.
ALL = "all"
_DATA_DIRS = ("botocore/data/", "boto3/data/")


@dataclass(frozen=True)
class TrimResult:
    kept: tuple[str, ...]
    removed_files: int
    removed_bytes: int


def parse_services(values: Iterable[str]) -> list[str]:
    """``["s3,ssm", " dynamodb "]`` -> ``["s3", "ssm", "dynamodb"]`` (comma-separated, repeatable)."""
    names: list[str] = []
    for value in values:
        for part in value.split(","):
            name = part.strip()
            if name and name not in names:
                names.append(name)
    return names


def _data_dir(name: str, prefix: str) -> str | None:
    """The ``botocore/data``/``boto3/data`` folder holding ``name`` (``prefix`` + that), else None."""
    for data in _DATA_DIRS:
        if name.startswith(prefix + data):
            return prefix + data
    return None


def service_names(tree: Tree, prefix: str = "") -> set[str]:
    """The services the tree's botocore has a model for (folders of ``PREFIX/botocore/data``)."""
    data = prefix + _DATA_DIRS[0]
    return {
        name[len(data) :].split("/", 1)[0]
        for name in tree
        if name.startswith(data) and "/" in name[len(data) :]
    }


def trim_service_data(tree: Tree, services: Iterable[str], prefix: str = "") -> TrimResult | None:
    """Remove every service model but ``services`` from ``PREFIX/botocore/data`` and ``PREFIX/boto3/data``;
    None when the tree has no botocore."""
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    keep = tuple(sorted(set(services)))
    available = service_names(tree, prefix)
    if not available:
        return None
    unknown = [name for name in keep if name not in available]
    if unknown:
        hints = []
        for name in unknown:
            close = difflib.get_close_matches(name, sorted(available), n=3)
            hints.append(f"{name} (did you mean {', '.join(close)}?)" if close else name)
        raise BuildError(f"botocore has no service model named {'; '.join(hints)}")

    def doomed(name: str) -> bool:
        data = _data_dir(name, prefix)
        if data is None:
            return False
        rest = name[len(data) :]
        return "/" in rest and rest.split("/", 1)[0] not in keep

    removed_bytes = sum(tree.entries[name].size() for name in tree if doomed(name))
    removed_files = tree.remove(doomed)
    return TrimResult(kept=keep, removed_files=removed_files, removed_bytes=removed_bytes)
