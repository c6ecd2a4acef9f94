"""Invoke API request headers that reach the runtime: client context, trace id, tenant id.

This project's runtime runs the function; a real caller speaks HTTP to the emulator.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from lambda_runtime.emulator.config import FunctionConfig
from tests.emulator.harness import RunningEmulator, running

FUNCTION = """
import os

def handler(event, context):
    client = context.client_context
    return {
        "custom": client.custom if client is not None else None,
        "client": client.client.installation_id if client is not None and client.client else None,
        "tenant": context.tenant_id,
        "trace": context.trace_id,
        "env_trace": os.environ.get("_X_AMZN_TRACE_ID"),
    }
"""


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningEmulator]:
    root = tmp_path_factory.mktemp("task")
    (root / "app.py").write_text(FUNCTION)
    with running(
        FunctionConfig(handler="app.handler", task_root=Path(root), timeout_s=10)
    ) as running_emulator:
        yield running_emulator


def _invoke(emulator: RunningEmulator, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(
        f"{emulator.url}/2015-03-31/functions/function/invocations",
        content=b"{}",
        headers=headers,
        timeout=30,
    )


def test_client_context_with_line_breaks_is_delivered_compactly(emulator: RunningEmulator) -> None:
    text = '{\r\n  "client": {"installation_id": "i-1"},\n  "custom": {"k": "v\\nw"},\r\n  "env": {}\n}'
    answer = _invoke(emulator, {"X-Amz-Client-Context": base64.b64encode(text.encode()).decode()})
    assert answer.status_code == 200
    assert "x-amz-function-error" not in answer.headers, answer.text
    body = answer.json()
    assert body["custom"] == {"k": "v\nw"}
    assert body["client"] == "i-1"
    # The environment is still the same warm one: the invoke did not kill it.
    assert len(emulator.emulator.pool.environments) == 1
    assert not any("Runtime.ExitError" in line for line in emulator.lines)


@pytest.mark.parametrize(
    "value",
    [
        "not base64!",
        base64.b64encode(b"{not json").decode(),
        base64.b64encode(b'["a list"]').decode(),
        base64.b64encode(b"\xff\xfe").decode(),
    ],
)
def test_bad_client_context_is_400(emulator: RunningEmulator, value: str) -> None:
    answer = _invoke(emulator, {"X-Amz-Client-Context": value})
    assert answer.status_code == 400
    assert answer.headers["x-amzn-errortype"] == "InvalidRequestContentException"


def test_caller_trace_id_and_tenant_id_reach_the_context(emulator: RunningEmulator) -> None:
    trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
    answer = _invoke(emulator, {"X-Amzn-Trace-Id": trace, "X-Amz-Tenant-Id": "tenant-7"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["trace"] == trace
    assert body["env_trace"] == trace
    assert body["tenant"] == "tenant-7"


def test_without_those_headers_a_trace_id_is_generated_and_no_tenant(emulator: RunningEmulator) -> None:
    body = _invoke(emulator, {}).json()
    assert body["trace"].startswith("Root=1-")
    assert body["tenant"] is None
