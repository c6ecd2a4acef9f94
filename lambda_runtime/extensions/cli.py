"""Command-line pieces the shipped extensions share."""

from __future__ import annotations

import os
from collections.abc import Sequence

from lambda_runtime.extensions.extension import NAME_ENV

__all__ = ["extension_name"]


def extension_name(argv: Sequence[str], default: str) -> str:
    """The name to register: ``--name NAME`` / ``--name=NAME``, else ``$LAMBDA_EXTENSION_NAME``, else
    ``default`` (the file name the extension's layer installs)."""
    args = list(argv)
    for index, arg in enumerate(args):
        if arg == "--name" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--name="):
            return arg.split("=", 1)[1]
    return os.environ.get(NAME_ENV) or default
