"""Who may use an environment's Runtime API: the secret path prefix in AWS_LAMBDA_RUNTIME_API, the
process check without it, and request ids that arrive percent-encoded. Over real sockets and processes."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.core.environment import ExecutionEnvironment
from tests.emulator.harness import RunningEmulator, awslambdaric_config, running, write_functions

FUNCTION = """
def handler(event, context):
    return {"served": event}
"""


def _invoke(emulator: RunningEmulator, payload: bytes = b'{"x": 1}') -> httpx.Response:
    return httpx.post(
        f"{emulator.url}/2015-03-31/functions/function/invocations", content=payload, timeout=30
    )


def _environment(emulator: RunningEmulator) -> ExecutionEnvironment:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        envs = emulator.emulator.pool.environments
        if envs and envs[0]._server is not None and envs[0]._server.port:
            return envs[0]
        time.sleep(0.01)
    raise AssertionError("no environment started")


def _runtime_env_value(env: ExecutionEnvironment) -> str:
    assert env._process is not None
    environ = Path(f"/proc/{env._process.pid}/environ").read_bytes().split(b"\0")
    values = [item.split(b"=", 1)[1] for item in environ if item.startswith(b"AWS_LAMBDA_RUNTIME_API=")]
    assert len(values) == 1
    return values[0].decode()


def _stranger_calls(env: ExecutionEnvironment) -> list[int]:
    """What a local process that knows only host:port and the standard paths gets (this test process
    is not one of the runtime's processes)."""
    assert env._server is not None
    base = f"http://127.0.0.1:{env._server.port}"
    with httpx.Client(base_url=base, timeout=10) as stranger:
        return [
            stranger.get("/2018-06-01/runtime/invocation/next").status_code,
            stranger.post("/2018-06-01/runtime/init/error", json={}).status_code,
            stranger.post(
                "/2020-01-01/extension/register",
                json={"events": ["INVOKE"]},
                headers={"Lambda-Extension-Name": "spy"},
            ).status_code,
            stranger.put("/2022-07-01/telemetry", json={}).status_code,
        ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_runtime_api_has_a_secret_prefix_and_strangers_get_404(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(FUNCTION)
    with running(FunctionConfig(handler="app.handler", task_root=tmp_path)) as emulator:
        assert _invoke(emulator).json() == {"served": {"x": 1}}  # this project's runtime takes the prefix
        env = _environment(emulator)
        _authority, slash, prefix = env.runtime_api.partition("/")
        assert slash
        assert len(prefix) >= 20
        assert _runtime_env_value(env) == env.runtime_api
        assert _stranger_calls(env) == [404, 404, 404, 404]
        # The environment is untouched: the next invoke is served by the same runtime.
        assert _invoke(emulator, b'{"x": 2}').json() == {"served": {"x": 2}}
        assert emulator.emulator.pool.environments == [env]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the process check reads /proc")
def test_without_the_prefix_only_the_runtimes_processes_are_served(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(FUNCTION)
    config = FunctionConfig(handler="app.handler", task_root=tmp_path, runtime_api_prefix=False)
    with running(config) as emulator:
        assert _invoke(emulator).json() == {"served": {"x": 1}}
        env = _environment(emulator)
        assert _runtime_env_value(env) == env.runtime_api.partition("/")[0]
        assert _stranger_calls(env) == [404, 404, 404, 404]
        assert _invoke(emulator, b'{"x": 2}').json() == {"served": {"x": 2}}


def test_awslambdaric_serves_invokes_under_the_prefix(tmp_path: Path) -> None:
    task_root = write_functions(tmp_path)
    for handler, failed in (("funcs.ok", False), ("funcs.boom", True)):
        with running(awslambdaric_config(task_root, handler, runtime_api_prefix=True)) as emulator:
            answer = _invoke(emulator)
            assert answer.status_code == 200
            assert ("x-amz-function-error" in answer.headers) is failed
            if failed:
                assert answer.json()["errorType"] == "ValueError"
            else:
                assert answer.json()["event"] == {"x": 1}


class _PendingInvoke:
    def __init__(self, emulator: RunningEmulator, payload: bytes) -> None:
        self.response: httpx.Response | None = None
        self._thread = threading.Thread(target=self._run, args=(emulator, payload))
        self._thread.start()

    def _run(self, emulator: RunningEmulator, payload: bytes) -> None:
        self.response = _invoke(emulator, payload)

    def result(self) -> httpx.Response:
        self._thread.join(30)
        assert self.response is not None
        return self.response


def _raw_post(env: ExecutionEnvironment, path: str, body: bytes) -> bytes:
    """POST on a raw socket, ``path`` as given (already percent-encoded), under the environment's prefix."""
    assert env._server is not None
    head = (
        f"POST {env._server.path_prefix}{path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", env._server.port), timeout=10) as sock:
        sock.sendall(head + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("action", ["response", "error"])
def test_percent_encoded_request_id_in_the_path(tmp_path: Path, action: str) -> None:
    # The test plays the runtime; the environment's own process only sleeps.
    config = FunctionConfig(task_root=tmp_path, command=(sys.executable, "-c", "import time; time.sleep(60)"))
    with running(config) as emulator:
        pending = _PendingInvoke(emulator, b'{"n": 1}')
        env = _environment(emulator)
        with httpx.Client(base_url=f"http://{env.runtime_api}", timeout=10) as runtime:
            request_id = runtime.get("/2018-06-01/runtime/invocation/next").headers[
                "lambda-runtime-aws-request-id"
            ]
        quoted = "".join(f"%{byte:02X}" for byte in request_id.encode())
        body = json.dumps({"errorType": "Quoted", "errorMessage": "m"} if action == "error" else {"ok": 1})
        answer = _raw_post(env, f"/2018-06-01/runtime/invocation/{quoted}/{action}", body.encode())
        assert answer.startswith(b"HTTP/1.1 202 "), answer
        result = pending.result()
        if action == "error":
            assert result.headers["x-amz-function-error"] == "Unhandled"
            assert result.json()["errorType"] == "Quoted"
        else:
            assert result.json() == {"ok": 1}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the process check reads /proc")
def test_emulate_no_runtime_api_prefix_lets_awslambdaric_report_init_errors(tmp_path: Path) -> None:
    write_functions(tmp_path)
    console = Path(sys.executable).parent / "lambda-runtime"
    argv = [str(console), "emulate", "--port", "0", "--no-runtime-api-prefix", "--task-root", str(tmp_path)]
    argv += ["--", sys.executable, "-m", "awslambdaric", "broken.handler"]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        url = ""
        for line in process.stdout:
            if "Invoke API: " in line:
                url = line.split("Invoke API: ", 1)[1].strip()
                break
        assert url, "the emulator never printed its Invoke API address"
        answer = httpx.post(url, content=b"{}", timeout=30)
        assert answer.headers["x-amz-function-error"] == "Unhandled"
        assert answer.json()["errorType"] == "RuntimeError"  # posted to /init/error, not a crash
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
