"""An init failure answered with LogType=Tail carries the init's log in X-Amz-Log-Result (boto3)."""

from __future__ import annotations

import base64
from pathlib import Path

import orjson

from lambda_runtime.emulator.config import FunctionConfig
from tests.emulator.harness import running, write_functions


def test_an_import_error_answers_with_the_inits_log_tail(tmp_path: Path) -> None:
    config = FunctionConfig(handler="broken.handler", task_root=write_functions(tmp_path))
    with running(config) as emu:
        answer = emu.client().invoke(FunctionName="function", Payload=b"{}", LogType="Tail")
        error = orjson.loads(answer["Payload"].read())
        streamed = emu.client().invoke_with_response_stream(
            FunctionName="function", Payload=b"{}", LogType="Tail"
        )
        events = list(streamed["EventStream"])
    assert answer["FunctionError"] == "Unhandled"
    error_type = error["errorType"]
    assert "import failed on purpose" in error["errorMessage"]
    assert "LogResult" in answer
    log = base64.b64decode(answer["LogResult"]).decode()
    assert "import failed on purpose" in log  # the runtime's own report of the failed import
    assert "INIT_REPORT Init Duration:" in log
    assert f"Status: error\tError Type: {error_type}" in log
    assert log.index("import failed on purpose") < log.index("INIT_REPORT") < log.index("REPORT RequestId:")

    complete = events[-1]["InvokeComplete"]
    assert complete["ErrorCode"] == error_type
    streamed_log = base64.b64decode(complete["LogResult"]).decode()
    assert "import failed on purpose" in streamed_log
    assert "REPORT RequestId:" in streamed_log


def test_without_tail_an_init_failure_has_no_log_result(tmp_path: Path) -> None:
    config = FunctionConfig(handler="broken.handler", task_root=write_functions(tmp_path))
    with running(config) as emu:
        answer = emu.client().invoke(FunctionName="function", Payload=b"{}")
    assert answer["FunctionError"] == "Unhandled"
    assert "LogResult" not in answer
