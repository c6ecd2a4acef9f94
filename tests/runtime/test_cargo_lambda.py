"""Our runtime against cargo-lambda's Runtime API: a server nobody here wrote.

cargo-lambda (PyPI ``cargo-lambda`` ships the binary) serves the Runtime API under ``/.rt`` and an Invoke API
on the same port. Its quirks: a constant deadline header, and streamed responses must carry the Function URL
prelude (it reads the prelude and the separator as the first two chunks).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.runtime.handlers_source import HANDLERS
from tests.support.runtime_harness import write_module

CARGO_LAMBDA = shutil.which("cargo-lambda") or str(Path(sys.executable).parent / "cargo-lambda")

Invoker = Callable[[str, bytes], httpx.Response]

pytestmark = pytest.mark.skipif(not Path(CARGO_LAMBDA).exists(), reason="cargo-lambda is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"cargo-lambda exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("cargo-lambda did not start listening")


@pytest.fixture(scope="module")
def cargo_lambda_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    project = tmp_path_factory.mktemp("cargo-stub")
    (project / "Cargo.toml").write_text('[package]\nname = "stub"\nversion = "0.1.0"\nedition = "2021"\n')
    (project / "src").mkdir()
    (project / "src" / "main.rs").write_text("")
    port = _free_port()
    command = [CARGO_LAMBDA, "lambda", "watch", "--only-lambda-apis", "-A", "127.0.0.1", "-P", str(port)]
    with (project / "cargo-lambda.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_listening(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def invoke(cargo_lambda_port: int, tmp_path: Path) -> Iterator[Invoker]:
    """Start our runtime for a handler against cargo-lambda, then invoke it through cargo-lambda."""
    write_module(tmp_path, "app", HANDLERS)
    processes: list[subprocess.Popen[bytes]] = []

    def run(handler: str, payload: bytes) -> httpx.Response:
        env = {
            "PATH": "/usr/bin:/bin",
            "AWS_LAMBDA_RUNTIME_API": f"http://127.0.0.1:{cargo_lambda_port}/.rt",
            "_HANDLER": handler,
            "LAMBDA_TASK_ROOT": str(tmp_path),
            "AWS_LAMBDA_FUNCTION_NAME": "_",
        }
        with (tmp_path / f"{handler}.log").open("wb") as log:
            processes.append(
                subprocess.Popen([sys.executable, "-m", "lambda_runtime"], env=env, stdout=log, stderr=log)
            )
        url = f"http://127.0.0.1:{cargo_lambda_port}/2015-03-31/functions/_/invocations"
        return httpx.post(url, content=payload, timeout=15)

    yield run
    for process in processes:
        process.kill()
        process.wait(timeout=10)


def test_echo(invoke: Invoker) -> None:
    response = invoke("app.echo", b'{"hello": "cargo"}')
    assert response.status_code == 200
    assert response.json()["event"] == {"hello": "cargo"}


def test_error(invoke: Invoker) -> None:
    response = invoke("app.domain_error", b"{}")
    assert response.status_code == 500  # cargo-lambda's way of saying the function failed
    body = response.json()
    assert body["errorType"] == "MyDomainError"
    assert body["errorMessage"] == "domain rule broken"
    assert isinstance(body["stackTrace"], list)


def test_streaming_with_function_url_framing(invoke: Invoker) -> None:
    response = invoke("app.FunctionUrl", b"{}")
    assert response.status_code == 201
    assert response.headers["content-type"] == "text/plain"
    assert response.headers["set-cookie"] == "a=b"
    assert response.content == b"streamed body"


def test_context_under_cargo_lambda(invoke: Invoker) -> None:
    response = invoke("app.context_view", b"{}")
    view = json.loads(response.content)
    assert view["function_name"] == "_"
    assert view["arn"] == "function-arn"
    assert view["trace_env"].startswith("Root=1-")
    assert view["remaining_positive"] is False  # cargo-lambda's deadline header is a constant 600000
