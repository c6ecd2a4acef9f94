"""The ``lambda-runtime`` command. Each area registers its own sub-commands; heavy imports wait until run."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module has ``register(subparsers)``, adding parsers whose ``func`` default takes the parsed args
# and returns an exit status.
_COMMAND_MODULES = (
    "lambda_runtime.runtime.cli",
    "lambda_runtime.emulator.cli",
    "lambda_runtime.events.cli",
    "lambda_runtime.build.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lambda-runtime",
        description="A fast, typed AWS Lambda runtime for Python, with a local Lambda emulator.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
