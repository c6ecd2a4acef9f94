"""The ``lambda-runtime`` command line: version, help texts, and argument checks of ``emulate``; run as the
console script in its own process where the behaviour is the process's (output, exit status)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import orjson
import pytest

import lambda_runtime
from lambda_runtime import cli
from tests.support.console import CONSOLE_SCRIPT, EmulateProcess


def _run(*argv: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}  # help lines unwrapped
    return subprocess.run(
        [str(CONSOLE_SCRIPT), *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command path below ``parser`` (``("emulate",)``, ``("events", "generate")``, ...)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name)
                yield from _commands(sub, (*path, name))


def _parser_for(path: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = cli.build_parser()
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    return parser


CLOSED_PIPE_STATUS = 128 + signal.SIGPIPE  # what a shell reports for a process ended by SIGPIPE
COMMANDS = sorted(_commands(cli.build_parser()))


def test_version_is_the_installed_distributions() -> None:
    result = _run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"lambda-runtime {metadata.version('lambda-runtime')}\n"
    assert result.stderr == ""


def test_version_falls_back_to_the_package_when_no_metadata_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert cli.package_version() == lambda_runtime.__version__


def test_the_tree_of_commands_is_the_expected_one() -> None:
    assert COMMANDS == [
        ("build",),
        ("demo",),
        ("deploy",),
        ("emulate",),
        ("events",),
        ("events", "generate"),
        ("events", "list"),
        ("invoke",),
        ("run",),
    ]


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_command_has_a_description(path: tuple[str, ...]) -> None:
    parser = _parser_for(path)
    assert parser.description, f"`lambda-runtime {' '.join(path)}` has no description"


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=["lambda-runtime", *(" ".join(p) for p in COMMANDS)])
def test_every_options_help_shows_its_default(path: tuple[str, ...]) -> None:
    parser = _parser_for(path)
    formatter = parser._get_formatter()
    for action in parser._actions:
        if not action.option_strings or action.default is argparse.SUPPRESS:
            continue  # positionals, --help and --version have no default to show
        text = formatter._expand_help(action)
        assert "default" in text, f"{' '.join(path)} {action.option_strings[0]}: {text!r}"


def test_help_as_printed_shows_defaults() -> None:
    emulate = _run("emulate", "--help")
    assert emulate.returncode == 0, emulate.stderr
    for shown in (
        "(default: 9000)",
        "(default: lambda_function.handler)",
        "(default: 3.0)",
        "(default: none)",
    ):
        assert shown in emulate.stdout
    invoke = _run("invoke", "--help")
    assert invoke.returncode == 0, invoke.stderr
    for shown in ("(default: 127.0.0.1)", "(default: RequestResponse)", "--raw", "(default: off)"):
        assert shown in invoke.stdout


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["app.handler"], "'app.handler'"),
        (["app.handler", "--timeout", "3"], "'app.handler'"),
        (["--handler", "app.handler", "python", "-m", "awslambdaric"], "'python'"),
    ],
    ids=["handler-as-positional", "positional-before-options", "command-without-dashes"],
)
def test_emulate_refuses_stray_positional_arguments(argv: list[str], named: str, tmp_path: Path) -> None:
    result = _run("emulate", "--port", "0", *argv, cwd=tmp_path, timeout=20)
    assert result.returncode == 2
    assert f"unexpected argument {named}" in result.stderr
    assert "--handler" in result.stderr
    assert "Invoke API" not in result.stdout  # refused before serving anything


def test_emulate_refuses_an_empty_command_after_dashes(tmp_path: Path) -> None:
    result = _run("emulate", "--port", "0", "--", cwd=tmp_path, timeout=20)
    assert result.returncode == 2
    assert "no runtime command after --" in result.stderr


def test_emulate_runs_the_command_after_dashes(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("def handler(event, context):\n    return {'seen': event}\n")
    with EmulateProcess(
        "--handler", "app.handler", "--", sys.executable, "-m", "lambda_runtime", cwd=tmp_path
    ) as emulate:
        port = emulate.port()
        result = _run("invoke", "--port", str(port), "--payload", '{"k": 1}')
    assert result.returncode == 0, result.stderr + "\n".join(emulate.seen)
    assert orjson.loads(result.stdout) == {"seen": {"k": 1}}
    assert any(f"runtime: {sys.executable} -m lambda_runtime" in line for line in emulate.seen)


def test_a_closed_stdout_ends_a_command_quietly() -> None:
    # `events list | head -n 1`: the reader goes away before the output is written.
    process = subprocess.Popen(
        [str(CONSOLE_SCRIPT), "events", "list"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, CLOSED_PIPE_STATUS)
    assert b"Traceback" not in stderr
    assert stderr == b""
