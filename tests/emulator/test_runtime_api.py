"""Runtime API status codes, with the test itself playing the runtime over real sockets.

The environment's command is a process that only sleeps; the test calls /next, /response, /error itself.
"""

from __future__ import annotations

import base64
import json
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.core.environment import ExecutionEnvironment
from lambda_runtime.protocol.runtime_api import MAX_PAYLOAD_BYTES
from tests.emulator.harness import RunningEmulator, running

BASE = "/2018-06-01/runtime"


class PendingInvoke:
    """An Invoke API call running on a thread, so the test can answer it as the runtime."""

    def __init__(
        self, emulator: RunningEmulator, payload: bytes = b'{"n": 1}', path: str = "invocations"
    ) -> None:
        self.response: httpx.Response | None = None
        self._thread = threading.Thread(target=self._run, args=(emulator.url, payload, path))
        self._thread.start()

    def _run(self, url: str, payload: bytes, path: str) -> None:
        self.response = httpx.post(f"{url}/2015-03-31/functions/function/{path}", content=payload, timeout=30)

    def result(self) -> httpx.Response:
        self._thread.join(30)
        assert self.response is not None
        return self.response


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[RunningEmulator]:
    config = FunctionConfig(
        task_root=tmp_path, command=(sys.executable, "-c", "import time; time.sleep(60)"), timeout_s=20
    )
    with running(config) as running_emulator:
        yield running_emulator


def _environment(emulator: RunningEmulator) -> ExecutionEnvironment:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        envs = emulator.emulator.pool.environments
        if envs and envs[0]._server is not None and envs[0]._server.port:
            return envs[0]
        time.sleep(0.01)
    raise AssertionError("no environment started")


def _runtime(emulator: RunningEmulator) -> httpx.Client:
    return httpx.Client(base_url=f"http://{_environment(emulator).runtime_api}", timeout=10)


def _next(runtime: httpx.Client) -> tuple[str, httpx.Response]:
    answer = runtime.get(f"{BASE}/invocation/next")
    assert answer.status_code == 200
    return answer.headers["lambda-runtime-aws-request-id"], answer


def test_next_response_and_the_refusals(emulator: RunningEmulator) -> None:
    pending = PendingInvoke(emulator)
    runtime = _runtime(emulator)
    request_id, answer = _next(runtime)
    assert json.loads(answer.content) == {"n": 1}
    assert int(answer.headers["lambda-runtime-deadline-ms"]) > time.time() * 1000
    assert answer.headers["lambda-runtime-invoked-function-arn"].endswith(":function:function")
    assert answer.headers["lambda-runtime-trace-id"].startswith("Root=1-")

    wrong = runtime.post(f"{BASE}/invocation/not-the-id/response", content=b"{}")
    assert wrong.status_code == 400
    assert wrong.json()["errorType"] == "InvalidRequestID"
    bad_mode = runtime.post(
        f"{BASE}/invocation/{request_id}/response",
        content=b"{}",
        headers={"Lambda-Runtime-Function-Response-Mode": "sideways"},
    )
    assert bad_mode.status_code == 400
    assert bad_mode.json()["errorType"] == "InvalidFunctionResponseMode"
    assert runtime.post(f"{BASE}/init/error", content=b"{}").status_code == 403
    assert runtime.get(f"{BASE}/unknown").status_code == 404

    accepted = runtime.post(f"{BASE}/invocation/{request_id}/response", content=b'{"answer": 42}')
    assert accepted.status_code == 202
    second = runtime.post(f"{BASE}/invocation/{request_id}/response", content=b'{"answer": 43}')
    assert second.status_code == 403
    error_after = runtime.post(f"{BASE}/invocation/{request_id}/error", content=b"{}")
    assert error_after.status_code == 403
    result = pending.result()
    assert result.status_code == 200
    assert result.json() == {"answer": 42}


def test_error_post_reaches_the_caller(emulator: RunningEmulator) -> None:
    pending = PendingInvoke(emulator)
    runtime = _runtime(emulator)
    request_id, _ = _next(runtime)
    body = {"errorType": "MyDomainError", "errorMessage": "bad thing", "stackTrace": []}
    posted = runtime.post(
        f"{BASE}/invocation/{request_id}/error",
        content=json.dumps(body),
        headers={"Lambda-Runtime-Function-Error-Type": "Function.MyDomainError"},
    )
    assert posted.status_code == 202
    result = pending.result()
    assert result.headers["x-amz-function-error"] == "Unhandled"
    assert result.json() == body


def test_response_over_the_limit_is_413_and_the_caller_sees_the_size_error(emulator: RunningEmulator) -> None:
    pending = PendingInvoke(emulator)
    runtime = _runtime(emulator)
    request_id, _ = _next(runtime)
    too_big = runtime.post(f"{BASE}/invocation/{request_id}/response", content=b"x" * (MAX_PAYLOAD_BYTES + 1))
    assert too_big.status_code == 413
    assert too_big.json()["errorType"] == "RequestEntityTooLarge"
    result = pending.result()
    assert result.headers["x-amz-function-error"] == "Unhandled"
    assert result.json()["errorType"] == "Function.ResponseSizeTooLarge"


def _chunked_post(
    runtime: httpx.Client, path: str, chunks: list[bytes], trailers: list[tuple[str, str]]
) -> bytes:
    """Send a chunked body with real trailers (httpx cannot), on a raw socket."""
    import socket

    host, port = str(runtime.base_url.host), int(runtime.base_url.port or 80)
    prefix = runtime.base_url.path.rstrip("/")  # the environment's secret path prefix
    head = (
        f"POST {prefix}{path} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n"
        "Lambda-Runtime-Function-Response-Mode: streaming\r\nContent-Type: text/plain\r\n"
        "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n"
    ).encode()
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks)
    tail = b"0\r\n" + b"".join(f"{name}: {value}\r\n".encode() for name, value in trailers) + b"\r\n"
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(head + body + tail)
        return sock.recv(65536)


def test_streamed_response_with_error_trailers(emulator: RunningEmulator) -> None:
    pending = PendingInvoke(emulator)
    runtime = _runtime(emulator)
    request_id, _ = _next(runtime)
    error = base64.b64encode(json.dumps({"errorType": "StreamBroke", "errorMessage": "mid-stream"}).encode())
    answer = _chunked_post(
        runtime,
        f"{BASE}/invocation/{request_id}/response",
        [b"part one, ", b"part two"],
        [
            ("Lambda-Runtime-Function-Error-Type", "Function.StreamBroke"),
            ("Lambda-Runtime-Function-Error-Body", error.decode()),
        ],
    )
    assert answer.startswith(b"HTTP/1.1 202")
    result = pending.result()
    assert result.headers["x-amz-function-error"] == "Unhandled"
    assert result.json()["errorType"] == "StreamBroke"


def test_streamed_response_without_trailers_is_the_result(emulator: RunningEmulator) -> None:
    pending = PendingInvoke(emulator)
    runtime = _runtime(emulator)
    request_id, _ = _next(runtime)
    answer = _chunked_post(runtime, f"{BASE}/invocation/{request_id}/response", [b"hello ", b"world"], [])
    assert answer.startswith(b"HTTP/1.1 202")
    result = pending.result()
    assert "x-amz-function-error" not in result.headers
    assert result.content == b"hello world"


def test_runtime_that_never_calls_next_hits_the_init_timeout(tmp_path: Path) -> None:
    config = FunctionConfig(task_root=tmp_path, command=(sys.executable, "-c", "import time; time.sleep(60)"))
    config = type(config)(
        **{**{f: getattr(config, f) for f in config.__dataclass_fields__}, "init_timeout_s": 0.5}
    )
    with running(config) as emulator:
        response = httpx.post(
            f"{emulator.url}/2015-03-31/functions/function/invocations", content=b"{}", timeout=10
        )
    assert response.headers["x-amz-function-error"] == "Unhandled"
    assert response.json()["errorType"] == "Runtime.InitTimeout"


def test_streamed_response_over_the_limit_is_413_and_a_size_error(tmp_path: Path) -> None:
    config = FunctionConfig(
        task_root=tmp_path,
        command=(sys.executable, "-c", "import time; time.sleep(60)"),
        max_streamed_response_bytes=1000,
    )
    with running(config) as emulator:
        first = PendingInvoke(emulator)
        runtime = _runtime(emulator)
        request_id, _ = _next(runtime)
        answer = _chunked_post(runtime, f"{BASE}/invocation/{request_id}/response", [b"x" * 600] * 3, [])
        assert answer.startswith(b"HTTP/1.1 413")
        assert b"(1000 bytes)" in answer
        result = first.result()
        assert result.headers["x-amz-function-error"] == "Unhandled"
        assert result.json()["errorType"] == "Function.ResponseSizeTooLarge"
        assert "(1000 bytes)" in result.json()["errorMessage"]
        # The environment serves the next invoke.
        pending = PendingInvoke(emulator)
        request_id, _ = _next(runtime)
        assert runtime.post(f"{BASE}/invocation/{request_id}/response", content=b'"ok"').status_code == 202
        assert pending.result().json() == "ok"


def test_runtime_that_answers_but_never_calls_next_again_is_reset_at_the_timeout(tmp_path: Path) -> None:
    config = FunctionConfig(
        task_root=tmp_path, command=(sys.executable, "-c", "import time; time.sleep(60)"), timeout_s=0.5
    )
    with running(config) as emulator:
        first = PendingInvoke(emulator)
        stuck = _environment(emulator)
        runtime = _runtime(emulator)
        request_id, _ = _next(runtime)
        assert runtime.post(f"{BASE}/invocation/{request_id}/response", content=b'"one"').status_code == 202
        assert first.result().json() == "one"
        # No /next from this runtime: the next invoke waits for the slot, which frees at the timeout.
        second = PendingInvoke(emulator)
        deadline = time.monotonic() + 10
        while emulator.emulator.pool.environments in ([], [stuck]) and time.monotonic() < deadline:
            time.sleep(0.01)
        fresh = _runtime(emulator)
        request_id, _ = _next(fresh)
        assert fresh.post(f"{BASE}/invocation/{request_id}/response", content=b'"two"').status_code == 202
        assert second.result().json() == "two"
        lines = list(emulator.lines)
    assert any("did not ask for the next invocation within 0.5 s" in line for line in lines)
