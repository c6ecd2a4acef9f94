"""FunctionConfig: every bad value is refused with a message naming it; the runtime's environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lambda_runtime.emulator.config import FunctionConfig


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"function_name": ""}, "function name must be a plain name"),
        ({"function_name": "a:b"}, "function name must be a plain name, not 'a:b'"),
        ({"timeout_s": 0}, "timeout must be positive, not 0"),
        ({"memory_mb": 64}, "memory must be 128..10240 MB, not 64"),
        ({"concurrency": 0}, "concurrency must be at least 1, not 0"),
        ({"command": ()}, "the runtime command is empty"),
        ({"max_streamed_response_bytes": 0}, "the streamed response limit must be positive, not 0"),
    ],
)
def test_bad_values_are_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        FunctionConfig(**options)


def test_runtime_environment_and_overrides(tmp_path: Path) -> None:
    overrides = {"TZ": "Europe/Paris", "EXTRA": "1"}
    config = FunctionConfig(task_root=tmp_path, handler="app.handler", env=overrides)
    env = config.runtime_environment("127.0.0.1:9001", "2026/01/01/[$LATEST]abc")
    assert env["_HANDLER"] == "app.handler"
    assert env["LAMBDA_TASK_ROOT"] == str(tmp_path)
    assert env["AWS_LAMBDA_RUNTIME_API"] == "127.0.0.1:9001"
    assert env["AWS_LAMBDA_LOG_STREAM_NAME"] == "2026/01/01/[$LATEST]abc"
    assert env["PYTHONPATH"].split(":")[0] == str(tmp_path)
    # --env is applied last.
    assert env["TZ"] == "Europe/Paris"
    assert env["EXTRA"] == "1"
