"""``lambda-runtime build`` and ``lambda-runtime deploy``.

Rule: argument checking happens here; a ``BuildError`` is printed as ``lambda-runtime build: <message>`` with
exit status 2. The build modules are imported only when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]


def _log(message: str) -> None:
    print(message, file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from lambda_runtime.build.deps import Target
    from lambda_runtime.build.errors import BuildError

    project = Path(args.project or ".").resolve()
    output = Path(args.output).resolve() if args.output else project / ".lambda-build"
    try:
        target = Target(arch=args.arch, python_version=args.python_version)
        modes = [args.python_layer, bool(args.extension), args.exec_wrapper, args.image]
        if sum(modes) > 1:
            raise BuildError("--python-layer, --extension, --exec-wrapper and --image are exclusive")
        trimming = args.botocore_services is not None or bool(args.keep_service)
        if trimming and not args.extension:
            raise BuildError("--botocore-services and --keep-service go with --extension")
        if args.python_layer:
            from lambda_runtime.build.python_layer import build_python_layer
            from lambda_runtime.build.report import size_report

            source = Path(args.python_from) if args.python_from else None
            path = build_python_layer(source, target, output, not args.no_pyc, _log)
            print(size_report(path).render())
            return 0
        if args.extension:
            from lambda_runtime.build.botocore_data import parse_services
            from lambda_runtime.build.extension import build_extension

            path = build_extension(
                args.extension,
                args.entry,
                project if args.project is not None else None,
                output,
                target,
                args.requirements,
                _log,
                botocore_services=(
                    parse_services([args.botocore_services]) if args.botocore_services is not None else None
                ),
                keep_services=parse_services(args.keep_service),
                pyc=not args.no_pyc,
            )
        elif args.exec_wrapper:
            from lambda_runtime.build.exec_wrapper import build_exec_wrapper

            path = build_exec_wrapper(output, target, not args.no_pyc, _log)
        elif args.image:
            from lambda_runtime.build.image import build_image

            folder = build_image(_options(args, project, output, target), args.handler, _log)
            print(f"image context: {folder} (docker build -t NAME {folder})")
            return 0
        else:
            from lambda_runtime.build.function import build_function

            result = build_function(_options(args, project, output, target), _log)
            path = result.path
    except BuildError as exc:
        print(f"lambda-runtime build: {exc}", file=sys.stderr)
        return 2
    from lambda_runtime.build.report import size_report

    report = size_report(path)
    print(report.render())
    return 1 if report.over_unzipped_limit else 0


def _options(args: argparse.Namespace, project: Path, output: Path, target: Any) -> Any:
    from lambda_runtime.build.function import BuildOptions

    return BuildOptions(
        project=project,
        output=output,
        target=target,
        requirements=Path(args.requirements).resolve() if args.requirements else None,
        pyc=not args.no_pyc,
        bundle_python=args.bundle_python,
        python_from=Path(args.python_from) if args.python_from else None,
    )


def _deploy(args: argparse.Namespace) -> int:
    from lambda_runtime.build.deploy import run_deploy

    return run_deploy(args)


def register(subparsers: Any) -> None:
    build = subparsers.add_parser(
        "build",
        help="build the function zip for provided.al2023 (or a Python layer, extension layer, image context)",
        description="Build OUTPUT/function.zip: bootstrap, your code, its dependencies and the runtime.",
    )
    build.add_argument(
        "--project",
        help="the function's folder (default: the current one; with --extension, none for a shipped one)",
    )
    build.add_argument("--output", help="where artifacts go (default: PROJECT/.lambda-build)")
    build.add_argument("--arch", default="x86_64", choices=["x86_64", "arm64"], help="default: x86_64")
    build.add_argument("--python-version", default="3.12", help="target CPython X.Y (default: 3.12)")
    build.add_argument(
        "--requirements", help="requirements file (default: requirements.txt, uv.lock, pyproject)"
    )
    build.add_argument("--no-pyc", action="store_true", help="do not precompile .pyc files")
    build.add_argument(
        "--bundle-python", action="store_true", help="put the interpreter at python/ in the zip"
    )
    build.add_argument(
        "--python-from",
        metavar="PATH",
        help="interpreter source: a python-build-standalone install_only tarball or an installed CPython "
        "prefix (default: download python-build-standalone)",
    )
    build.add_argument("--python-layer", action="store_true", help="build OUTPUT/python-layer.zip instead")
    build.add_argument(
        "--extension",
        metavar="NAME",
        help="build OUTPUT/extension-NAME.zip from PROJECT instead; without --project, a shipped extension: "
        "adaptive-batching or cache",
    )
    build.add_argument("--entry", help="with --extension: the module to run (default: NAME, dashes as _)")
    build.add_argument(
        "--botocore-services",
        metavar="S3,SSM,...",
        help="with --extension: keep only these botocore service models (boto3.client names; 'all' keeps "
        "every one; default: a shipped extension's own services, no trimming for a project)",
    )
    build.add_argument(
        "--keep-service",
        action="append",
        default=[],
        metavar="NAME",
        help="with --extension: keep this botocore service model too (repeatable)",
    )
    build.add_argument(
        "--exec-wrapper",
        action="store_true",
        help="build OUTPUT/exec-wrapper-layer.zip, to run this runtime on AWS's managed python3.x runtimes",
    )
    build.add_argument("--image", action="store_true", help="write a Dockerfile and context to OUTPUT/image")
    build.add_argument("--handler", help="with --image: the handler (CMD), e.g. app.handler")
    build.set_defaults(func=_build)

    deploy = subparsers.add_parser(
        "deploy",
        help="create or update a provided.al2023 function (and publish its layers) with boto3",
        description="Create or update the function, publish layers, wait until ready, print ARN and version.",
    )
    deploy.add_argument("--function-name", required=True)
    deploy.add_argument("--zip", help="the function zip (default: .lambda-build/function.zip)")
    deploy.add_argument(
        "--layer",
        action="append",
        default=[],
        metavar="[NAME=]FILE",
        help="publish this layer zip and attach it",
    )
    deploy.add_argument("--role", help="execution role ARN (needed to create the function)")
    deploy.add_argument("--handler", help="_HANDLER, e.g. app.handler (needed to create the function)")
    deploy.add_argument("--memory", type=int, help="MB")
    deploy.add_argument("--timeout", type=int, help="seconds")
    deploy.add_argument("--arch", choices=["x86_64", "arm64"], default="x86_64")
    deploy.add_argument("--env", action="append", default=[], metavar="K=V")
    deploy.add_argument("--endpoint-url", help="a Lambda-API-compatible endpoint instead of AWS")
    deploy.add_argument("--region", help="AWS region (default: the SDK's)")
    deploy.set_defaults(func=_deploy)
