"""``lambda-runtime run``: serve a handler against the Runtime API (what ``bootstrap`` does)."""

from __future__ import annotations

import argparse
import os
from typing import Any


def _run(args: argparse.Namespace) -> int:
    if args.handler:
        os.environ["_HANDLER"] = args.handler
    from lambda_runtime.runtime.runner import LambdaRuntime

    return LambdaRuntime.serve()


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "run",
        help="serve a handler against the Runtime API in AWS_LAMBDA_RUNTIME_API (what bootstrap does)",
        description="Serve a handler against the Lambda Runtime API at $AWS_LAMBDA_RUNTIME_API, as "
        "bootstrap does on AWS: fetch each invocation, run the handler, post the result.",
    )
    parser.add_argument("handler", nargs="?", help="module.function or module.ClassName (default: $_HANDLER)")
    parser.set_defaults(func=_run)
