"""What ``lambda-runtime invoke --stream`` prints, over real processes: ``lambda-runtime emulate`` serving a
streaming handler under this project's runtime, and the ``invoke`` command as a subprocess.

Rules checked: stdout carries exactly the bytes of the body the function sent; a Function URL prelude's
status, headers and cookies go to stderr (``--raw`` keeps the stream byte for byte on stdout); a reader
closing the pipe ends the command quietly with status 141.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.support.console import CONSOLE_SCRIPT, EmulateProcess

HANDLER = """
from lambda_runtime import Context, LambdaStreamHandler, ResponseStream


class Page(LambdaStreamHandler[dict]):
    async def handle_request(self, event: dict, output: ResponseStream, context: Context) -> None:
        mode = event["mode"]
        if mode == "url":
            output.start_http_response(201, {"Content-Type": "text/plain", "X-Kind": "test"}, ["a=b", "c=d"])
            output.write("line 0\\n")
            output.write("end")
        elif mode == "url-no-body":
            output.start_http_response(204, {"X-Kind": "empty"})
        elif mode == "json-lines":
            output.write('{"a": 1}\\n')
            output.write('{"b": 2}')
        elif mode == "bytes":
            output.write(bytes(range(256)))
        elif mode == "big":
            output.start_http_response(200, {"Content-Type": "application/octet-stream"})
            for _ in range(event["kib"]):
                output.write(b"x" * 1024)
"""

CLOSED_PIPE_STATUS = 128 + signal.SIGPIPE  # what a shell reports for a process ended by SIGPIPE
URL_PRELUDE = {
    "statusCode": 201,
    "headers": {"Content-Type": "text/plain", "X-Kind": "test"},
    "cookies": ["a=b", "c=d"],
}


@pytest.fixture(scope="module")
def task_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stream-output")
    (root / "app.py").write_text(HANDLER)
    return root


@pytest.fixture(scope="module")
def port(task_root: Path) -> Iterator[int]:
    with EmulateProcess("--handler", "app.Page", "--task-root", str(task_root), cwd=task_root) as emulate:
        yield emulate.port()


def invoke(port: int, payload: dict[str, object], *extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            str(CONSOLE_SCRIPT),
            "invoke",
            "--port",
            str(port),
            "--stream",
            "--payload",
            orjson.dumps(payload),
            *extra,
        ],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def test_function_url_stream_prints_the_body_only_and_the_prelude_on_stderr(port: int) -> None:
    result = invoke(port, {"mode": "url"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"line 0\nend"
    assert result.stderr.decode().splitlines() == [
        "HTTP 201",
        "Content-Type: text/plain",
        "X-Kind: test",
        "Set-Cookie: a=b",
        "Set-Cookie: c=d",
    ]


def test_function_url_stream_without_a_body(port: int) -> None:
    result = invoke(port, {"mode": "url-no-body"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert result.stderr.decode().splitlines() == ["HTTP 204", "X-Kind: empty"]


def test_raw_prints_the_stream_byte_for_byte(port: int) -> None:
    result = invoke(port, {"mode": "url"}, "--raw")
    assert result.returncode == 0, result.stderr
    prelude, separator, body = result.stdout.partition(b"\x00" * 8)
    assert orjson.loads(prelude) == URL_PRELUDE
    assert separator
    assert body == b"line 0\nend"
    assert result.stderr == b""


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("json-lines", b'{"a": 1}\n{"b": 2}'), ("bytes", bytes(range(256)))],
    ids=["json-lines", "bytes"],
)
def test_a_stream_without_a_prelude_passes_through_unchanged(port: int, mode: str, expected: bytes) -> None:
    result = invoke(port, {"mode": mode})
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
    assert result.stderr == b""


def test_raw_needs_stream(port: int) -> None:
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "invoke", "--port", str(port), "--raw"],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert b"--raw works only with --stream" in result.stderr


def test_a_reader_closing_the_pipe_ends_invoke_quietly(task_root: Path) -> None:
    # A separate emulator: the abandoned invoke may keep its environment busy for a while.
    with EmulateProcess("--handler", "app.Page", "--task-root", str(task_root), cwd=task_root) as emulate:
        port = emulate.port()
        payload = orjson.dumps({"mode": "big", "kib": 4096}).decode()  # far more than a pipe holds
        pipeline = subprocess.run(
            [
                "bash",
                "-c",
                '"$0" invoke --port "$1" --stream --payload "$2" | head -c 10; echo "${PIPESTATUS[0]}" >&2',
                str(CONSOLE_SCRIPT),
                str(port),
                payload,
            ],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )
    assert pipeline.stdout == b"x" * 10
    *messages, status = pipeline.stderr.decode().splitlines()
    assert int(status) == CLOSED_PIPE_STATUS
    assert messages == ["HTTP 200", "Content-Type: application/octet-stream"]
