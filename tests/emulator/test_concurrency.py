"""--concurrency N: N parallel callers are served at once; one more is throttled with 429."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.emulator.harness import awslambdaric_config, running, write_functions

N = 2


def test_n_parallel_callers_then_429_beyond(tmp_path: Path) -> None:
    task_root = write_functions(tmp_path)
    with running(awslambdaric_config(task_root, "funcs.sleepy", concurrency=N, timeout_s=10)) as emulator:
        results: list[Any] = []
        errors: list[BaseException] = []

        def call() -> None:
            try:
                response = emulator.client().invoke(FunctionName="function", Payload=b'{"sleep": 1.5}')
                results.append(json.loads(response["Payload"].read()))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=call) for _ in range(N)]
        for thread in threads:
            thread.start()
        # Wait until both environments have their invoke (their START lines are written).
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and sum(line.startswith("START") for line in emulator.lines) < N:
            time.sleep(0.01)
        assert sum(line.startswith("START") for line in emulator.lines) == N
        client = emulator.client()
        with pytest.raises(client.exceptions.TooManyRequestsException) as raised:
            client.invoke(FunctionName="function", Payload=b'{"sleep": 0}')
        assert raised.value.response["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded"
        for thread in threads:
            thread.join(20)
        assert errors == []
        assert results == [{"slept": 1.5}] * N
        assert len(emulator.emulator.pool.environments) == N
        # After the burst, the pool serves again.
        response = client.invoke(FunctionName="function", Payload=b'{"sleep": 0}')
        assert json.loads(response["Payload"].read()) == {"slept": 0}
