"""Other real peers (the AWS CLI, our own runtime streaming to boto3) and a fuzz pass over every listener."""

from __future__ import annotations

import base64
import json
import os
import random
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from lambda_runtime.emulator.cli import parse_env_pairs
from lambda_runtime.emulator.config import FunctionConfig
from tests.emulator.harness import RunningEmulator, awslambdaric_config, running, write_functions

STREAMING_FUNCTION = """
from lambda_runtime.runtime.handlers.base import LambdaStreamHandler


class Streamer(LambdaStreamHandler[dict]):
    def handle_request(self, event, output, context):
        for index in range(3):
            output.write(f"part{index};".encode())
"""


def test_aws_cli_invoke_with_log_tail(tmp_path: Path) -> None:
    task_root = write_functions(tmp_path)
    event = tmp_path / "event.json"
    event.write_text('{"from": "cli"}')
    out = tmp_path / "out.json"
    with running(awslambdaric_config(task_root, "funcs.ok")) as emulator:
        env = {
            **os.environ,
            "AWS_ACCESS_KEY_ID": "x",
            "AWS_SECRET_ACCESS_KEY": "x",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_MAX_ATTEMPTS": "1",
        }
        completed = subprocess.run(
            [
                str(Path(sys.executable).parent / "aws"),
                "lambda",
                "invoke",
                "--endpoint-url",
                emulator.url,
                "--function-name",
                "function",
                "--payload",
                f"fileb://{event}",
                "--log-type",
                "Tail",
                str(out),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    assert completed.returncode == 0, completed.stderr
    summary = json.loads(completed.stdout)
    assert summary["StatusCode"] == 200
    assert "REPORT RequestId" in base64.b64decode(summary["LogResult"]).decode()
    assert json.loads(out.read_text())["event"] == {"from": "cli"}


def test_streaming_invoke_with_our_runtime(tmp_path: Path) -> None:
    (tmp_path / "streamer.py").write_text(STREAMING_FUNCTION)
    config = FunctionConfig(handler="streamer.Streamer", task_root=tmp_path, timeout_s=10)
    with running(config) as emulator:
        response = emulator.client().invoke_with_response_stream(
            FunctionName="function", Payload=b"{}", LogType="Tail"
        )
        chunks: list[bytes] = []
        complete = None
        for event in response["EventStream"]:
            if "PayloadChunk" in event:
                chunks.append(event["PayloadChunk"]["Payload"])
            if "InvokeComplete" in event:
                complete = event["InvokeComplete"]
    assert b"".join(chunks) == b"part0;part1;part2;"
    assert complete is not None
    assert "ErrorCode" not in complete
    assert "REPORT RequestId" in base64.b64decode(complete["LogResult"]).decode()


def test_emulate_argument_errors() -> None:
    assert parse_env_pairs(["A=1", "B_2=x=y"]) == {"A": "1", "B_2": "x=y"}
    for bad in (["novalue"], ["=x"], ["1A=x"], ["A-B=x"]):
        with pytest.raises(ValueError, match="NAME=VALUE"):
            parse_env_pairs(bad)
    with pytest.raises(ValueError, match="concurrency"):
        FunctionConfig(concurrency=0)
    with pytest.raises(ValueError, match="memory"):
        FunctionConfig(memory_mb=64)
    with pytest.raises(ValueError, match="function name"):
        FunctionConfig(function_name="a:b")


def _throw(host: str, port: int, data: bytes) -> None:
    try:
        with socket.create_connection((host, port), timeout=2) as sock:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
            while sock.recv(65536):
                pass
    except OSError:
        pass


def _garbage(rng: random.Random) -> list[bytes]:
    samples = [
        bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 2000))),
        b"GET / HTTP/1.1\r\n" + b"X: " + b"a" * 100_000 + b"\r\n\r\n",
        b"POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc",
        b"POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: x\r\n"
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET /2018-06-01/runtime/invocation/next HTTP/1.0\r\n\r\n",
        b"POST /2018-06-01/runtime/invocation/%00/response HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
        b"POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n\xff\xfe\x00",
        b"\r\n\r\n\r\n",
        b"BREW /coffee HTCPCP/1.0\r\n\r\n",
    ]
    return samples + [bytes(rng.getrandbits(8) for _ in range(64)) + b"\r\n\r\n" for _ in range(20)]


def test_fuzz_every_listener_then_still_serves(tmp_path: Path) -> None:
    task_root = write_functions(tmp_path)
    rng = random.Random(1234)
    with running(awslambdaric_config(task_root, "funcs.ok")) as emulator:
        _assert_serves(emulator)
        runtime_api = emulator.emulator.pool.environments[0].runtime_api
        host, port = runtime_api.split("/", 1)[0].rsplit(":", 1)
        for data in _garbage(rng):
            _throw(emulator.emulator.server.host, emulator.emulator.port, data)
            _throw(host, int(port), data)
        _assert_serves(emulator)


def _assert_serves(emulator: RunningEmulator) -> None:
    answer = httpx.post(
        f"{emulator.url}/2015-03-31/functions/function/invocations", content=b'{"x": 1}', timeout=20
    )
    assert answer.status_code == 200
    assert answer.json()["event"] == {"x": 1}
