"""``lambda-runtime emulate``, ``lambda-runtime demo`` and ``lambda-runtime invoke`` (its client lives in
``client/invoke.py``; the command is registered here).

Rule: argument checking happens here, with a clear message and exit status 2; the emulator itself is
imported only when a command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lambda_runtime.emulator.client import invoke as invoke_client

__all__ = ["parse_env_pairs", "register"]


def parse_env_pairs(pairs: list[str]) -> dict[str, str]:
    """``K=V`` strings into a dict; ``ValueError`` names the first malformed one."""
    env: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name or not name.replace("_", "a").isalnum() or name[0].isdigit():
            raise ValueError(f"--env expects NAME=VALUE with a variable name, got {pair!r}")
        env[name] = value
    return env


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value < 65536:
        raise argparse.ArgumentTypeError(f"port out of range: {text!r}")
    return value


def _directory(text: str) -> Path:
    path = Path(text).resolve()
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"not a directory: {text!r}")
    return path


def _file(text: str) -> Path:
    path = Path(text).resolve()
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"not a file: {text!r}")
    return path


def _runtime_command(rest: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """The runtime command given after ``--``; anything else left over is refused (exit status 2)."""
    if not rest:
        return []
    if rest[0] != "--":
        parser.error(
            f"unexpected argument {rest[0]!r}: name the handler with --handler; "
            "a runtime command goes last, after --"
        )
    if len(rest) == 1:
        parser.error("no runtime command after --; give one, or leave out -- to run this project's runtime")
    return rest[1:]


def _run_emulate(args: argparse.Namespace) -> int:
    command = _runtime_command(args.command, args.parser)

    from lambda_runtime.emulator.config import DEFAULT_COMMAND, FunctionConfig
    from lambda_runtime.emulator.service import run_emulator

    artifact = None
    if args.zip is not None:
        if command or args.task_root is not None:
            args.parser.error("--zip runs the zip's bootstrap in /var/task: leave out --task-root and -- CMD")
        from lambda_runtime.emulator.core.artifact import ArtifactError, ArtifactSpec, unpack
        from lambda_runtime.emulator.core.sandbox import extension_launchers, isolation_for

        try:
            artifact = ArtifactSpec(
                zip=args.zip, layers=tuple(args.layer), ephemeral_storage_mb=args.ephemeral_storage
            )
            unpack(artifact)
            isolation_for(artifact)
            if args.extensions_dir is None:
                args.extensions_dir = extension_launchers(artifact, parse_env_pairs(args.env))
        except (ValueError, ArtifactError) as exc:
            args.parser.error(str(exc))
    elif args.layer:
        args.parser.error("--layer needs --zip")
    # With --zip the command is only shown: the spawn step runs the zip's bootstrap in the view.
    runtime = ("/var/task/bootstrap",) if artifact is not None else DEFAULT_COMMAND
    try:
        env = parse_env_pairs(args.env)
        config = FunctionConfig(
            function_name=args.function_name,
            handler=args.handler,
            timeout_s=args.timeout,
            memory_mb=args.memory,
            concurrency=args.concurrency,
            task_root=args.task_root or Path.cwd(),
            extensions_dir=args.extensions_dir,
            command=tuple(command) if command else runtime,
            env=env,
            runtime_api_prefix=args.runtime_api_prefix,
            artifact=artifact,
        )
    except ValueError as exc:
        args.parser.error(str(exc))
    return run_emulator(config, host=args.host, port=args.port)


def _run_demo(args: argparse.Namespace) -> int:
    from lambda_runtime.emulator.demo import run_demo

    return run_demo()


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    emulate = subparsers.add_parser(
        "emulate",
        help="run a local Lambda service (Invoke, Runtime, Extensions and Telemetry APIs)",
        description="Serve one function like AWS Lambda: each execution environment runs CMD "
        "(default: this project's runtime, python -m lambda_runtime) with _HANDLER and the Lambda "
        "environment. Everything after -- is that command; no other positional argument is accepted.",
    )
    emulate.add_argument("--port", type=_port, default=9000, help="Invoke API port (0 = any free port)")
    emulate.add_argument("--host", default="127.0.0.1", help="address to bind")
    emulate.add_argument("--function-name", default="function", help="function name")
    emulate.add_argument("--handler", default="lambda_function.handler", help="_HANDLER, module.function")
    emulate.add_argument("--timeout", type=_positive_float, default=3.0, help="invoke timeout in seconds")
    emulate.add_argument("--memory", type=_positive_int, default=128, help="memory size in MB")
    emulate.add_argument("--concurrency", type=_positive_int, default=1, help="execution environments")
    emulate.add_argument(
        "--env", action="append", default=[], metavar="K=V", help="extra environment variable (repeatable)"
    )
    emulate.add_argument(
        "--task-root", type=_directory, default=None, help="LAMBDA_TASK_ROOT (default: the current directory)"
    )
    emulate.add_argument(
        "--extensions-dir", type=_directory, default=None, help="executables to run as extensions"
    )
    emulate.add_argument(
        "--zip",
        type=_file,
        default=None,
        help="a built function zip: each environment runs its bootstrap in Lambda's filesystem view "
        "(/var/task read-only, layers at /opt, /tmp; bubblewrap, else unshare as root, else path remapping)",
    )
    emulate.add_argument(
        "--layer",
        type=_file,
        action="append",
        default=[],
        help="with --zip: a layer zip unpacked at /opt, in order, later ones overwriting (repeatable)",
    )
    emulate.add_argument(
        "--ephemeral-storage",
        type=_positive_int,
        default=512,
        metavar="MB",
        help="with --zip: size of /tmp, 512..10240 MB",
    )
    emulate.add_argument(
        "--no-runtime-api-prefix",
        dest="runtime_api_prefix",
        action="store_false",
        help="AWS_LAMBDA_RUNTIME_API as plain host:port, for runtime clients that cannot take a path "
        "(awslambdaric posts init errors with http.client); only the runtime's processes are served (Linux; "
        "default: off, the prefix is on)",
    )
    emulate.add_argument(
        "command",
        nargs=argparse.REMAINDER,
        metavar="-- CMD ARGS",
        help="the runtime to run in each environment (default: python -m lambda_runtime)",
    )
    emulate.set_defaults(func=_run_emulate, parser=emulate)

    demo = subparsers.add_parser(
        "demo",
        help="start the emulator with a built-in function and invoke it once",
        description="Start the emulator on a free port with a built-in function under this project's "
        "runtime, invoke it once with a sample S3 event, print the log and the result, and stop.",
    )
    demo.set_defaults(func=_run_demo, parser=demo)

    invoke_client.register(subparsers)
