"""The Invoke API end to end: boto3 calls, awslambdaric runs as the runtime."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.emulator.harness import RunningEmulator, awslambdaric_config, running, write_functions


@pytest.fixture(scope="module")
def task_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_functions(tmp_path_factory.mktemp("task"))


@pytest.fixture(scope="module")
def ok_emulator(task_root: Path) -> Iterator[RunningEmulator]:
    with running(awslambdaric_config(task_root, "funcs.ok", function_name="greeter")) as emulator:
        yield emulator


def _invoke(client: Any, **kwargs: Any) -> tuple[dict[str, Any], bytes]:
    response = client.invoke(**kwargs)
    return response, response["Payload"].read()


def test_success_with_log_tail_and_client_context(ok_emulator: RunningEmulator) -> None:
    client = ok_emulator.client()
    context = base64.b64encode(json.dumps({"custom": {"k": "v"}}).encode()).decode()
    response, body = _invoke(
        client, FunctionName="greeter", Payload=b'{"a": 1}', LogType="Tail", ClientContext=context
    )
    assert response["StatusCode"] == 200
    assert "FunctionError" not in response
    assert json.loads(body) == {"ok": True, "event": {"a": 1}, "client": {"k": "v"}}
    tail = base64.b64decode(response["LogResult"]).decode()
    lines = tail.splitlines()
    assert lines[0].startswith("START RequestId: ")
    assert "handler saw {'a': 1}" in tail
    assert lines[-2].startswith("END RequestId: ")
    assert lines[-1].startswith("REPORT RequestId: ")
    for field in ("Duration:", "Billed Duration:", "Memory Size: 128 MB", "Max Memory Used:"):
        assert field in lines[-1]
    used_mb = int(lines[-1].split("Max Memory Used: ")[1].split(" ")[0])
    assert used_mb > 1


def test_names_qualifiers_and_arns_resolve(ok_emulator: RunningEmulator) -> None:
    client = ok_emulator.client()
    arn = "arn:aws:lambda:us-east-1:123456789012:function:greeter"
    for name in ("greeter", "function", "greeter:$LATEST", arn):
        _, body = _invoke(client, FunctionName=name, Payload=b"{}")
        assert json.loads(body)["ok"] is True, name
    _, body = _invoke(client, FunctionName="greeter")
    assert json.loads(body)["event"] == {}


def test_second_invoke_reuses_the_warm_environment(ok_emulator: RunningEmulator) -> None:
    client = ok_emulator.client()
    _invoke(client, FunctionName="greeter", Payload=b"{}")
    first = ok_emulator.emulator.pool.environments
    _invoke(client, FunctionName="greeter", Payload=b"{}")
    assert ok_emulator.emulator.pool.environments == first


def test_service_errors_are_botocore_exceptions(ok_emulator: RunningEmulator) -> None:
    client = ok_emulator.client()
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.invoke(FunctionName="nope", Payload=b"{}")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.invoke(FunctionName="greeter", Qualifier="prod", Payload=b"{}")
    with pytest.raises(client.exceptions.InvalidRequestContentException):
        client.invoke(FunctionName="greeter", Payload=b"{not json")
    with pytest.raises(client.exceptions.InvalidRequestContentException):
        client.invoke(FunctionName="greeter", Payload=b"{}", ClientContext="%%%not-base64")
    with pytest.raises(client.exceptions.RequestTooLargeException):
        client.invoke(FunctionName="greeter", Payload=b'"' + b"x" * (6 * 1024 * 1024 + 100) + b'"')
    # The emulator still serves after every refusal.
    _, body = _invoke(client, FunctionName="greeter", Payload=b"{}")
    assert json.loads(body)["ok"] is True


def test_dry_run_and_event(ok_emulator: RunningEmulator) -> None:
    client = ok_emulator.client()
    assert client.invoke(FunctionName="greeter", InvocationType="DryRun")["StatusCode"] == 204
    before = sum(line.startswith("END RequestId") for line in ok_emulator.lines)
    response = client.invoke(FunctionName="greeter", InvocationType="Event", Payload=b'{"event": "async"}')
    assert response["StatusCode"] == 202
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if "handler saw {'event': 'async'}" in ok_emulator.lines:
            break
        time.sleep(0.02)
    assert "handler saw {'event': 'async'}" in ok_emulator.lines
    while (
        time.monotonic() < deadline
        and sum(line.startswith("END RequestId") for line in ok_emulator.lines) == before
    ):
        time.sleep(0.02)
    assert sum(line.startswith("END RequestId") for line in ok_emulator.lines) > before


def test_function_error(task_root: Path) -> None:
    with running(awslambdaric_config(task_root, "funcs.boom")) as emulator:
        response, body = _invoke(emulator.client(), FunctionName="function", Payload=b"{}")
    assert response["FunctionError"] == "Unhandled"
    error = json.loads(body)
    assert error["errorType"] == "ValueError"
    assert error["errorMessage"] == "boom"


def test_timeout_then_recovery(task_root: Path) -> None:
    with running(awslambdaric_config(task_root, "funcs.sleepy", timeout_s=1)) as emulator:
        client = emulator.client()
        response, body = _invoke(client, FunctionName="function", Payload=b'{"sleep": 30}')
        assert response["FunctionError"] == "Unhandled"
        error = json.loads(body)
        assert error["errorType"] == "Sandbox.Timedout"
        assert error["errorMessage"].endswith("Task timed out after 1.00 seconds")
        assert any("Status: timeout" in line for line in emulator.lines)
        response, body = _invoke(client, FunctionName="function", Payload=b'{"sleep": 0}')
        assert "FunctionError" not in response
        assert json.loads(body) == {"slept": 0}


def test_crash_then_recovery(task_root: Path) -> None:
    with running(awslambdaric_config(task_root, "funcs.maybe_crash")) as emulator:
        client = emulator.client()
        response, body = _invoke(client, FunctionName="function", Payload=b'{"crash": true}')
        assert response["FunctionError"] == "Unhandled"
        error = json.loads(body)
        assert error["errorType"] == "Runtime.ExitError"
        assert error["errorMessage"].endswith("Runtime exited with error: exit status 3")
        response, body = _invoke(client, FunctionName="function", Payload=b"{}")
        assert json.loads(body) == "alive"


def test_init_error_is_returned_to_the_caller(task_root: Path) -> None:
    with running(awslambdaric_config(task_root, "broken.handler")) as emulator:
        client = emulator.client()
        for _ in range(2):  # every invoke gets a fresh environment, which fails again
            response, body = _invoke(client, FunctionName="function", Payload=b"{}")
            assert response["FunctionError"] == "Unhandled"
            error = json.loads(body)
            assert error["errorType"] == "RuntimeError"  # awslambdaric names the exception raised at import
            assert "import failed on purpose" in error["errorMessage"]


def test_runtime_that_cannot_start(task_root: Path, tmp_path: Path) -> None:
    config = awslambdaric_config(task_root, "funcs.ok")
    missing = type(config)(task_root=task_root, command=(str(tmp_path / "no-such-bootstrap"),))
    with running(missing) as emulator:
        response, body = _invoke(emulator.client(), FunctionName="function", Payload=b"{}")
    assert response["FunctionError"] == "Unhandled"
    assert json.loads(body)["errorType"] == "Runtime.InvalidEntrypoint"
