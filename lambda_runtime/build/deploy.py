"""``lambda-runtime deploy``: create or update a provided.al2023 function with boto3, publishing its layers.

Rules: layers are published first, in the order given, and attached in that order; a new function is
created published (version 1) and waited for until Active; an existing one gets its configuration updated
(only what was passed), then its code (published), each followed by the ``function_updated_v2`` waiter. The
function's ARN and the published version are printed. Errors from AWS (or the endpoint) exit 2 with their
message.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.report import DIRECT_UPLOAD_LIMIT

__all__ = ["deploy", "parse_env", "run_deploy"]

RUNTIME = "provided.al2023"


def parse_env(pairs: list[str]) -> dict[str, str]:
    env: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise BuildError(f"--env expects NAME=VALUE, got {pair!r}")
        env[name] = value
    return env


def _read_zip(path: Path, what: str) -> bytes:
    if not path.is_file():
        raise BuildError(f"{what} {path} does not exist (run lambda-runtime build first)")
    if path.stat().st_size > DIRECT_UPLOAD_LIMIT:
        raise BuildError(
            f"{path} is over 50 MB: Lambda takes it only through S3, which deploy does not do yet"
        )
    return path.read_bytes()


def deploy(client: Any, args: argparse.Namespace, log: Any = print) -> dict[str, Any]:
    """Do the deployment with a boto3 Lambda ``client``; returns the final GetFunction configuration."""
    env = parse_env(args.env)
    code = _read_zip(Path(args.zip or ".lambda-build/function.zip"), "function zip")
    layer_arns = []
    for spec in args.layer:
        name, sep, file = spec.partition("=")
        path = Path(file if sep else spec)
        layer_name = name if sep else path.stem
        published = client.publish_layer_version(
            LayerName=layer_name,
            Content={"ZipFile": _read_zip(path, "layer zip")},
            CompatibleRuntimes=[RUNTIME],
            CompatibleArchitectures=[args.arch],
        )
        layer_arns.append(published["LayerVersionArn"])
        log(f"layer {published['LayerVersionArn']}")
    settings: dict[str, Any] = {}
    if args.handler:
        settings["Handler"] = args.handler
    if args.role:
        settings["Role"] = args.role
    if args.memory is not None:
        settings["MemorySize"] = args.memory
    if args.timeout is not None:
        settings["Timeout"] = args.timeout
    if env:
        settings["Environment"] = {"Variables": env}
    if layer_arns:
        settings["Layers"] = layer_arns
    try:
        client.get_function(FunctionName=args.function_name)
        exists = True
    except client.exceptions.ResourceNotFoundException:
        exists = False
    if not exists:
        if "Role" not in settings or "Handler" not in settings:
            raise BuildError(
                f"{args.function_name} does not exist yet: creating it needs --role and --handler"
            )
        created = client.create_function(
            FunctionName=args.function_name,
            Runtime=RUNTIME,
            Code={"ZipFile": code},
            Architectures=[args.arch],
            Publish=True,
            **settings,
        )
        version = created["Version"]
        client.get_waiter("function_active_v2").wait(FunctionName=args.function_name)
    else:
        if settings:
            client.update_function_configuration(FunctionName=args.function_name, **settings)
            client.get_waiter("function_updated_v2").wait(FunctionName=args.function_name)
        updated = client.update_function_code(
            FunctionName=args.function_name, ZipFile=code, Architectures=[args.arch], Publish=True
        )
        version = updated["Version"]
        client.get_waiter("function_updated_v2").wait(FunctionName=args.function_name)
    configuration: dict[str, Any] = client.get_function(FunctionName=args.function_name)["Configuration"]
    log(f"{configuration['FunctionArn']} version {version}")
    return configuration


def run_deploy(args: argparse.Namespace) -> int:
    try:
        import boto3
        import botocore.exceptions
    except ImportError:
        print("lambda-runtime deploy: needs boto3 (pip install boto3)", file=sys.stderr)
        return 2
    try:
        client = boto3.client("lambda", endpoint_url=args.endpoint_url, region_name=args.region)
        deploy(client, args)
    except BuildError as exc:
        print(f"lambda-runtime deploy: {exc}", file=sys.stderr)
        return 2
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
        print(f"lambda-runtime deploy: {exc}", file=sys.stderr)
        return 2
    return 0
