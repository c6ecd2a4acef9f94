"""The ``lambda-runtime`` command. Each area registers its own sub-commands; heavy imports wait until run.

Rules: every sub-command has a description; every option's help shows its default (``HelpFormatter`` adds
it unless the help text already states one); a reader that closes the pipe (``| head``) ends the command
quietly with ``EXIT_CLOSED_PIPE``; an emulator command run without the ``[emulator]`` extra says how to get
it and ends with ``EXIT_MISSING_EXTRA``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

__all__ = [
    "EXIT_CLOSED_PIPE",
    "EXIT_MISSING_EXTRA",
    "HelpFormatter",
    "Parser",
    "build_parser",
    "main",
    "package_version",
    "run",
]

# What a shell reports for a process ended by SIGPIPE (128 + 13).
EXIT_CLOSED_PIPE = 141
# A command whose optional dependencies are not installed.
EXIT_MISSING_EXTRA = 3

# The extra that brings each optional dependency (by top-level import name) of the commands of a package.
_EXTRAS = {
    "lambda_runtime.emulator": ("emulator", frozenset({"h11", "httpx", "httptools"})),
}

# Each module has ``register(subparsers)``, adding parsers whose ``func`` default takes the parsed args
# and returns an exit status.
_COMMAND_MODULES = (
    "lambda_runtime.runtime.cli",
    "lambda_runtime.emulator.cli",
    "lambda_runtime.events.cli",
    "lambda_runtime.build.cli",
)


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Appends ``(default: ...)`` to an option's help unless the text already names its default; a flag
    reads ``(default: off)`` and an option without a value ``(default: none)``."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if not action.option_strings or "default" in text or action.default is argparse.SUPPRESS:
            return text
        if isinstance(action, (argparse._StoreTrueAction, argparse._StoreFalseAction)):
            shown = "on" if action.default else "off"
        elif action.default is None or action.default == []:
            shown = "none"
        else:
            shown = "%(default)s"
        return f"{text} (default: {shown})" if text else f"default: {shown}"


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help shows defaults; sub-command parsers inherit the class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


def package_version() -> str:
    """The installed distribution's version; the package's own ``__version__`` when no metadata is found
    (e.g. the package copied into a Lambda zip without its ``.dist-info``)."""
    from importlib import metadata

    try:
        return metadata.version("lambda-runtime")
    except metadata.PackageNotFoundError:
        from lambda_runtime import __version__

        return __version__


class _VersionAction(argparse.Action):
    """``--version``: reads the package metadata only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> NoReturn:
        sys.stdout.write(f"{parser.prog} {package_version()}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="lambda-runtime",
        description="A fast, typed AWS Lambda runtime for Python, with a local Lambda emulator.",
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    subparsers = parser.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _silence_stdout() -> None:
    # Whatever is still buffered for the closed pipe goes nowhere, so the interpreter's final flush
    # cannot fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)


def _missing_extra(func: Callable[..., int], exc: ModuleNotFoundError) -> str | None:
    """The extra a command needs when ``exc`` says one of its optional dependencies is missing."""
    package = getattr(func, "__module__", "") or ""
    missing = (exc.name or "").partition(".")[0]
    for prefix, (extra, modules) in _EXTRAS.items():
        if (package == prefix or package.startswith(prefix + ".")) and missing in modules:
            return extra
    return None


def run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command; a closed stdout ends it quietly with ``EXIT_CLOSED_PIPE``."""
    try:
        status = func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLOSED_PIPE
    except ModuleNotFoundError as exc:
        extra = _missing_extra(func, exc)
        if extra is None:
            raise
        command = getattr(args, "subcommand", None) or "this command"
        sys.stderr.write(
            f"lambda-runtime {command}: needs the [{extra}] extra ({exc.name} is not installed); "
            f"install it with: pip install 'lambda-runtime[{extra}]'\n"
        )
        return EXIT_MISSING_EXTRA
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
