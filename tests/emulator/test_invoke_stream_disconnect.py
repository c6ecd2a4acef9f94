"""A streaming caller that disconnects mid-stream ends its invoke at once: the environment is reset
and the next caller is served, not throttled until the function's timeout."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import httpx

from lambda_runtime.emulator.config import FunctionConfig
from tests.emulator.harness import RunningEmulator, running
from tests.emulator.processes import wait_until_gone

FUNCTION = """
import time

def handler(event, context):
    if event.get("fast"):
        yield b"done"
        return
    yield b"first"
    time.sleep(120)
    yield b"never"
"""

STREAM_PATH = "/2021-11-15/functions/function/response-streaming-invocations"


def _wait_for(condition: object, what: str, patience_s: float = 30.0) -> None:
    deadline = time.monotonic() + patience_s
    while not callable(condition) or not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.02)


def _start_stream_then_hang_up(emulator: RunningEmulator) -> int:
    """Start a streamed invoke, hang up after its first chunk; the pid of the runtime that was streaming
    (read before hanging up: the environment may be reset and gone as soon as the emulator notices)."""
    host, port = emulator.emulator.server.host, emulator.emulator.port
    body = json.dumps({"slow": True}).encode()
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(
            f"POST {STREAM_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
        )
        received = b""
        while b"first" not in received:
            chunk = sock.recv(65536)
            assert chunk, "the stream ended before its first chunk"
            received += chunk
        assert received.startswith(b"HTTP/1.1 200")
        env = emulator.emulator.pool.environments[0]
        assert env._process is not None
        return env._process.pid


def test_caller_disconnect_mid_stream_frees_the_environment(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(FUNCTION)
    config = FunctionConfig(handler="app.handler", task_root=tmp_path, timeout_s=120)
    with running(config) as emulator:
        runtime_pid = _start_stream_then_hang_up(emulator)
        _wait_for(lambda: any("left; resetting the environment" in line for line in emulator.lines), "reset")
        # The cut-off invoke is ended in the log like any other.
        assert any(line.startswith("END RequestId:") for line in emulator.lines)
        answer = httpx.post(f"{emulator.url}{STREAM_PATH}", content=b'{"fast": true}', timeout=60)
        assert answer.status_code == 200, answer.text
        assert b"done" in answer.content
        assert b"InvokeComplete" in answer.content
        # The runtime that was streaming is gone (its environment was reset), long before its timeout.
        assert wait_until_gone({runtime_pid}) == set()
