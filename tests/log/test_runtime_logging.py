"""Real handlers under the real runtime (``python -m lambda_runtime``) against a Runtime API on loopback.

Every line the runtime writes is parsed. Output files are read as bytes: a text read would turn the
``\\r`` that keeps a TEXT record one CloudWatch event into a line break.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lambda_runtime.log import Level
from lambda_runtime.log._sinks import FRAME_HEADER, frame_type
from tests.support.runtime_harness import Posted, RuntimeApiServer, RuntimeProcess, write_module

from .handlers_source import BROKEN_INIT, POWERTOOLS, SOURCE

ALL_LEVELS = [level.name for level in Level]


@dataclass
class Run:
    posted: list[Posted]
    request_ids: list[str]
    stdout: bytes
    stderr: str


@contextmanager
def runtime(
    tmp_path: Path, handler: str, env: Mapping[str, str], command: list[str] | None = None
) -> Iterator[tuple[RuntimeApiServer, RuntimeProcess]]:
    with (
        RuntimeApiServer() as api,
        RuntimeProcess(api, handler, tmp_path, env=dict(env), command=command) as process,
    ):
        yield api, process


def run(tmp_path: Path, handler: str, env: Mapping[str, str], events: list[bytes]) -> Run:
    write_module(tmp_path, "app", SOURCE)
    with runtime(tmp_path, handler, env) as (api, process):
        request_ids = [api.add_invocation(event) for event in events]
        posted = [api.wait_for(request_id) for request_id in request_ids]
        process.stop()
        return Run(posted, request_ids, process.stdout_path.read_bytes(), process.stderr)


def json_records(stdout: bytes) -> list[dict[str, Any]]:
    """Parse every stdout line as one JSON object."""
    lines = stdout.decode().split("\n")
    assert lines[-1] == ""
    records = [json.loads(line) for line in lines[:-1]]
    assert all(isinstance(record, dict) for record in records)
    return records


@pytest.mark.parametrize("threshold", ALL_LEVELS)
def test_json_every_level_filters_exactly(tmp_path: Path, threshold: str) -> None:
    result = run(
        tmp_path,
        "app.every_level",
        {"AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": threshold},
        [b"{}", b'{"fail": true}'],
    )
    assert [p.kind for p in result.posted] == ["response", "error"]
    records = json_records(result.stdout)
    for record in records:
        assert record["timestamp"].endswith("Z")
        assert len(record["timestamp"]) == len("2024-05-01T12:00:00.123Z")
        assert record["level"] in ALL_LEVELS
        assert Level[record["level"]] >= Level[threshold]
    kept = ALL_LEVELS[ALL_LEVELS.index(threshold) :]

    init = [r for r in records if "requestId" not in r]
    expected_init = [
        m for m, level in (("init via logging", "WARN"), ("init via Log", "INFO")) if level in kept
    ]
    assert [r["message"] for r in init] == expected_init

    for request_id in result.request_ids:
        mine = [r for r in records if r.get("requestId") == request_id and r.get("source") == "Log"]
        assert [r["level"] for r in mine] == kept
        assert all(r["logger"] == "Log" and r["message"] == f"Log {r['lvl']}" for r in mine)
        stdlib = [r for r in records if r.get("requestId") == request_id and r.get("source") == "logging"]
        assert [r["level"] for r in stdlib] == kept
        assert all(r["logger"] == "app" and r["message"] == f"logging {r['lvl']}" for r in stdlib)

    faults = [r for r in records if "errorType" in r]
    if Level[threshold] <= Level.ERROR:
        (fault,) = faults
        error_body = json.loads(result.posted[1].body)
        assert fault["level"] == "ERROR"
        assert fault["requestId"] == result.request_ids[1]
        assert fault["errorType"] == error_body["errorType"] == "ValueError"
        assert fault["errorMessage"] == "handler failed\nwith two lines"
        assert fault["stackTrace"] == error_body["stackTrace"]
        assert fault["location"] == f"{tmp_path / 'app.py'}:every_level:{_line_of('raise ValueError')}"
    else:
        assert faults == []


def _line_of(text: str) -> int:
    return next(n for n, line in enumerate(SOURCE.splitlines(), 1) if text in line)


def test_text_under_warn_keeps_multiline_records_whole(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "app.multi_line",
        {"AWS_LAMBDA_LOG_FORMAT": "TEXT", "AWS_LAMBDA_LOG_LEVEL": "WARN"},
        [b"{}"],
    )
    (request_id,) = result.request_ids
    lines = result.stdout.decode().split("\n")
    assert lines[-1] == ""
    prefix = "[{}]\t"
    init_warning, warn, printed, fault = lines[:-1]
    assert init_warning.startswith(prefix.format("WARN"))
    assert init_warning.endswith("\t\tinit via logging")
    assert warn.startswith(prefix.format("WARN"))
    assert warn.endswith(f'\t{request_id}\tfirst line\rsecond line\rthird line {{"key":"value"}}')
    assert printed == "plain print"
    assert fault.startswith(prefix.format("ERROR"))
    assert f"\t{request_id}\tRuntimeError: boom\rTraceback (most recent call last):\r" in fault
    assert fault.endswith('raise RuntimeError("boom")')


def test_text_default_level_is_info_for_log_and_root_keeps_its_level(tmp_path: Path) -> None:
    result = run(tmp_path, "app.every_level", {}, [b"{}"])
    lines = result.stdout.decode().splitlines()
    levels = [line.split("\t", 1)[0] for line in lines]
    # Log: INFO and up. Root logger: WARNING, as under AWS's Python runtime, plus Lambda's level names.
    assert levels == [
        "[WARN]",
        "[INFO]",
        "[INFO]",
        "[WARN]",
        "[WARN]",
        "[ERROR]",
        "[ERROR]",
        "[FATAL]",
        "[FATAL]",
    ]


def test_async_handler_records_carry_the_request_id(tmp_path: Path) -> None:
    result = run(tmp_path, "app.async_handler", {"AWS_LAMBDA_LOG_FORMAT": "JSON"}, [b"{}", b"{}"])
    steps = [r for r in json_records(result.stdout) if r["message"] == "async step"]
    assert [r["requestId"] for r in steps] == [result.request_ids[0]] * 3 + [result.request_ids[1]] * 3


def test_marshal_error_logged_at_error(tmp_path: Path) -> None:
    result = run(tmp_path, "app.unserialisable", {"AWS_LAMBDA_LOG_FORMAT": "JSON"}, [b"{}"])
    records = json_records(result.stdout)
    about = next(r for r in records if r["message"] == "about to fail")
    assert about["payload"].startswith("<object object at ")
    (fault,) = (r for r in records if "errorType" in r)
    assert fault["level"] == "ERROR"
    assert fault["errorType"] == json.loads(result.posted[0].body)["errorType"] == "Runtime.MarshalError"
    assert isinstance(fault["stackTrace"], list)
    assert "location" in fault


def test_init_error_logged_at_fatal(tmp_path: Path) -> None:
    write_module(tmp_path, "broken", BROKEN_INIT)
    with runtime(tmp_path, "broken.handler", {"AWS_LAMBDA_LOG_FORMAT": "JSON"}) as (api, process):
        posted = api.wait_init_error()
        assert process.wait() != 0
        stdout = process.stdout_path.read_bytes()
    (fault,) = json_records(stdout)
    body = json.loads(posted.body)
    assert fault["level"] == "FATAL"
    assert fault["errorType"] == body["errorType"]
    assert fault["errorMessage"] == body["errorMessage"]
    assert "requestId" not in fault
    assert fault["location"].startswith(f"{tmp_path / 'broken.py'}:<module>:")


def test_invalid_settings_give_one_warning_and_the_runtime_serves(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "app.every_level",
        {"AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "LOUD"},
        [b"{}"],
    )
    assert result.posted[0].kind == "response"
    records = json_records(result.stdout)
    warnings = [r for r in records if r["logger"] == "lambda_runtime"]
    assert len(warnings) == 1
    assert warnings[0]["level"] == "WARN"
    assert "AWS_LAMBDA_LOG_LEVEL" in warnings[0]["message"]
    assert {r["level"] for r in records if r.get("source") == "Log"} == {"INFO", "WARN", "ERROR", "FATAL"}


def read_frames(data: bytes) -> list[tuple[int, bytes]]:
    frames = []
    offset = 0
    while offset < len(data):
        kind, length, _timestamp_us = FRAME_HEADER.unpack_from(data, offset)
        offset += FRAME_HEADER.size
        frames.append((kind, data[offset : offset + length]))
        offset += length
    assert offset == len(data)
    return frames


def test_telemetry_frames_from_a_real_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "telemetry.fifo"
    os.mkfifo(fifo)
    received = bytearray()

    def drain() -> None:
        with fifo.open("rb") as pipe:  # blocks until the runtime's shell opens the write end
            while chunk := pipe.read(65536):
                received.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    write_module(tmp_path, "app", SOURCE)
    # The shell gives the runtime the pipe as descriptor 3, as Lambda does with its telemetry descriptor.
    command = ["sh", "-c", 'exec "$0" -m lambda_runtime 3>"$1"', sys.executable, str(fifo)]
    env = {"AWS_LAMBDA_LOG_FORMAT": "TEXT", "AWS_LAMBDA_LOG_LEVEL": "WARN", "_LAMBDA_TELEMETRY_LOG_FD": "3"}
    try:
        with runtime(tmp_path, "app.multi_line", env, command) as (api, process):
            request_id = api.add_invocation(b"{}")
            assert api.wait_for(request_id).kind == "error"
            process.stop()
            stdout = process.stdout_path.read_bytes()
    finally:
        if reader.is_alive():  # the runtime never opened the pipe: unblock the reader
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
    assert stdout == b"plain print\n"
    frames = read_frames(bytes(received))
    assert [kind for kind, _ in frames] == [
        frame_type(Level.WARN, text=True),
        frame_type(Level.WARN, text=True),
        frame_type(Level.ERROR, text=True),
    ]
    texts = [payload.decode() for _, payload in frames]
    assert texts[0].endswith("\t\tinit via logging\n")
    assert texts[1].endswith(f'\t{request_id}\tfirst line\nsecond line\nthird line {{"key":"value"}}\n')
    assert texts[2].startswith("[ERROR]\t")
    assert f"\t{request_id}\tRuntimeError: boom\nTraceback (most recent call last):\n" in texts[2]


def test_powertools_logger_with_inject_lambda_context(tmp_path: Path) -> None:
    write_module(tmp_path, "pt", POWERTOOLS)
    env = {"AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "INFO"}
    with runtime(tmp_path, "pt.handler", env) as (api, process):
        request_id = api.add_invocation(b"{}")
        assert api.wait_for(request_id).kind == "response"
        process.stop()
        stdout = process.stdout_path.read_bytes()
    records = json_records(stdout)
    # One record: Powertools writes its own line, and its propagation to our root handler is filtered.
    (record,) = (r for r in records if r.get("message") == "charged")
    assert record["level"] == "INFO"
    assert record["service"] == "payments"
    assert record["amount"] == 12
    assert record["function_request_id"] == request_id
    assert record["function_name"] == "test-function"
    assert record["function_memory_size"] == 256
    assert record["cold_start"] is True
