"""The console script as users run it: ``lambda-runtime emulate`` in its own process with our runtime,
called by ``lambda-runtime invoke`` and boto3, stopped by a signal; and ``lambda-runtime demo``.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import boto3
import orjson
import pytest
from botocore.config import Config

from tests.emulator.processes import alive, descendants
from tests.support.console import CONSOLE_SCRIPT, EmulateProcess
from tests.support.paths import REPO_ROOT

_WAIT_S = 30.0

HANDLER = """
import os, subprocess

def handler(event, context):
    child = subprocess.Popen(["sleep", "60"]) if event.get("spawn") else None
    print("handled", event.get("who"))
    return {"pid": os.getpid(), "child": child.pid if child else None, "who": event.get("who")}
"""


class EmulatorProcess(EmulateProcess):
    """The shared ``emulate`` subprocess, killed with every process it started when a test ends."""

    def kill(self) -> None:
        if self.process.poll() is None:
            for pid in descendants(self.process.pid):
                os.kill(pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait()


@pytest.fixture
def task_root(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(HANDLER)
    return tmp_path


@pytest.fixture
def emulate(task_root: Path) -> Iterator[EmulatorProcess]:
    emulator = EmulatorProcess(
        "--handler", "app.handler", "--task-root", str(task_root), "--timeout", "5", cwd=task_root
    )
    try:
        yield emulator
    finally:
        emulator.kill()


def _port(emulator: EmulatorProcess) -> int:
    return int(emulator.wait_for(r"try: lambda-runtime invoke --port (\d+)").group(1))


def _cli_invoke(port: int, payload: dict[str, object]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CONSOLE_SCRIPT), "invoke", "--port", str(port), "--payload", orjson.dumps(payload).decode()],
        capture_output=True,
        text=True,
        timeout=_WAIT_S,
        check=False,
        cwd=REPO_ROOT,
    )


def _boto3_invoke(port: int, payload: dict[str, object]) -> dict[str, object]:
    client = boto3.client(
        "lambda",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
        config=Config(retries={"max_attempts": 0}, read_timeout=_WAIT_S),
    )
    answer = client.invoke(FunctionName="function", Payload=orjson.dumps(payload))
    assert "FunctionError" not in answer, answer
    result: dict[str, object] = orjson.loads(answer["Payload"].read())
    return result


def test_emulate_serves_invoke_command_and_boto3_then_stops_on_sigterm(emulate: EmulatorProcess) -> None:
    port = _port(emulate)
    by_cli = _cli_invoke(port, {"who": "cli", "spawn": True})
    assert by_cli.returncode == 0, by_cli.stderr
    cli_result = orjson.loads(by_cli.stdout)
    assert cli_result["who"] == "cli"
    by_boto3 = _boto3_invoke(port, {"who": "boto3"})
    assert by_boto3["who"] == "boto3"
    # One warm environment served both.
    assert by_boto3["pid"] == cli_result["pid"]
    emulate.wait_for(r"^REPORT RequestId: .*Max Memory Used: \d+ MB")
    family = descendants(emulate.process.pid)
    assert {cli_result["pid"], cli_result["child"]} <= family

    assert emulate.stop_with(signal.SIGTERM) == 0
    assert "Lambda emulator: shutting down" in emulate.seen
    assert "handled boto3" in emulate.seen
    assert not [pid for pid in family if alive(pid)]


def test_emulate_stops_on_sigint_with_a_warm_environment(emulate: EmulatorProcess) -> None:
    port = _port(emulate)
    answer = _boto3_invoke(port, {"who": "first"})
    runtime_pid = answer["pid"]
    assert isinstance(runtime_pid, int)
    assert alive(runtime_pid)

    assert emulate.stop_with(signal.SIGINT) == 0
    assert not any("Traceback" in line for line in emulate.seen), emulate.seen
    assert not alive(runtime_pid)


def test_emulate_refuses_a_taken_port(task_root: Path) -> None:
    first = EmulatorProcess("--task-root", str(task_root), cwd=task_root)
    try:
        port = _port(first)
        second = subprocess.run(
            [str(CONSOLE_SCRIPT), "emulate", "--port", str(port), "--task-root", str(task_root)],
            capture_output=True,
            text=True,
            timeout=_WAIT_S,
            check=False,
        )
    finally:
        first.kill()
    assert second.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in second.stderr


def test_demo_command_prints_the_result_and_the_log() -> None:
    demo = subprocess.run(
        [str(CONSOLE_SCRIPT), "demo"], capture_output=True, text=True, timeout=60, check=False, cwd=REPO_ROOT
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert '"message": "Hello from lambda-runtime!"' in demo.stdout
    for prefix in ("  | START RequestId:", "  | END RequestId:", "  | REPORT RequestId:"):
        assert prefix in demo.stdout
    assert "demo function: got an event with 1 top-level keys" in demo.stdout
