from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from lambda_runtime.log import Level, Log, LogConfig, LogFormat, _setup, configure, log_fault
from lambda_runtime.log._sinks import FRAME_HEADER
from lambda_runtime.protocol.errors import ErrorReport, InitFault
from lambda_runtime.runtime.context import invocation_scope

from .conftest import make_context
from .test_sinks import read_frames


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def failing_handler() -> None:
    raise ValueError("bad input")


def raised() -> ValueError:
    try:
        failing_handler()
    except ValueError as exc:
        return exc
    raise AssertionError("unreachable")


def test_configure_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AWS_LAMBDA_LOG_FORMAT", "JSON")
    monkeypatch.setenv("AWS_LAMBDA_LOG_LEVEL", "WARN")
    monkeypatch.delenv("_LAMBDA_TELEMETRY_LOG_FD", raising=False)
    configure()
    Log.info("dropped")
    Log.warn("kept")
    assert [d["message"] for d in json_lines(capsys.readouterr().out)] == ["kept"]


def test_invalid_settings_fall_back_with_one_warning_each(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AWS_LAMBDA_LOG_FORMAT", "xml")
    monkeypatch.setenv("AWS_LAMBDA_LOG_LEVEL", "LOUD")
    monkeypatch.delenv("_LAMBDA_TELEMETRY_LOG_FD", raising=False)
    configure()
    Log.info("still works")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("[WARN]\t")
    assert lines[0].endswith("AWS_LAMBDA_LOG_FORMAT='xml' is not TEXT or JSON; using TEXT")
    assert lines[1].startswith("[WARN]\t")
    assert "AWS_LAMBDA_LOG_LEVEL: unknown log level 'LOUD'" in lines[1]
    assert lines[2].endswith("\tstill works")


def test_warnings_are_written_even_above_the_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON, Level.FATAL, problems=("something was ignored",)))
    (doc,) = json_lines(capsys.readouterr().out)
    assert doc["level"] == "WARN"
    assert doc["logger"] == "lambda_runtime"
    assert doc["message"] == "something was ignored"


def test_a_closed_telemetry_descriptor_falls_back_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    os.close(write_end)
    configure(LogConfig(LogFormat.JSON, telemetry_fd=write_end))
    Log.info("on stdout")
    warning, record = json_lines(capsys.readouterr().out)
    assert warning["level"] == "WARN"
    assert warning["message"].startswith(f"_LAMBDA_TELEMETRY_LOG_FD={write_end} is not an open descriptor")
    assert record["message"] == "on stdout"


def test_configure_with_a_telemetry_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    read_end, write_end = os.pipe()
    try:
        configure(LogConfig(LogFormat.JSON, Level.DEBUG, telemetry_fd=write_end))
        Log.debug("framed", n=1)
        print("plain print")
        with invocation_scope(make_context("req-t")):
            log_fault(ErrorReport.from_exception(raised()), raised())
        configure(LogConfig())  # let go of the pipe before closing it
        os.close(write_end)
        frames = read_frames(read_end)
    finally:
        os.close(read_end)
    assert capsys.readouterr().out == "plain print\n"
    assert [kind for kind, _, _ in frames] == [0xA55A000A, 0xA55A0016]
    debug, fault = (json.loads(payload) for _, _, payload in frames)
    assert (debug["level"], debug["message"], debug["n"]) == ("DEBUG", "framed", 1)
    assert fault["level"] == "ERROR"
    assert fault["requestId"] == "req-t"
    assert FRAME_HEADER.size == 16


def test_log_fault_json_keys(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON, Level.WARN))
    exc = raised()
    with invocation_scope(make_context("req-f", tenant_id="t1")):
        log_fault(ErrorReport.from_exception(exc), exc)
    (doc,) = json_lines(capsys.readouterr().out)
    assert doc["level"] == "ERROR"
    assert "log_level" not in doc
    assert doc["logger"] == "lambda_runtime"
    assert doc["requestId"] == "req-f"
    assert doc["tenantId"] == "t1"
    assert doc["errorType"] == "ValueError"
    assert doc["errorMessage"] == "bad input"
    assert doc["message"] == "ValueError: bad input"
    assert isinstance(doc["stackTrace"], list)
    assert len(doc["stackTrace"]) == 2
    assert doc["location"].startswith(f"{__file__}:failing_handler:")


def test_log_fault_init_error_is_fatal_and_located_at_the_cause(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON, Level.FATAL))
    try:
        try:
            failing_handler()
        except ValueError as cause:
            raise InitFault("cannot import", error_type="Runtime.ImportModuleError") from cause
    except InitFault as fault:
        log_fault(ErrorReport.from_exception(fault), fault, fatal=True)
    (doc,) = json_lines(capsys.readouterr().out)
    assert doc["level"] == "FATAL"
    assert doc["errorType"] == "Runtime.ImportModuleError"
    assert "requestId" not in doc
    assert doc["location"].startswith(f"{__file__}:failing_handler:")


def test_log_fault_respects_the_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON, Level.FATAL))
    log_fault(ErrorReport("Runtime.MarshalError", "not JSON"), None)
    assert capsys.readouterr().out == ""


def test_log_fault_text_is_one_event(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.TEXT))
    exc = raised()
    with invocation_scope(make_context("req-x")):
        log_fault(ErrorReport.from_exception(exc), exc)
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "\treq-x\tValueError: bad input\rTraceback (most recent call last):\r" in out
    assert out.startswith("[ERROR]\t")


def test_log_fault_without_exception_or_trace(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON))
    log_fault(ErrorReport("Runtime.MarshalError", "Unable to marshal response"))
    (doc,) = json_lines(capsys.readouterr().out)
    assert doc["stackTrace"] == []
    assert doc["location"] == ""
    assert doc["errorType"] == "Runtime.MarshalError"


def test_log_fault_never_raises(capsys: pytest.CaptureFixture[str]) -> None:
    class NotAReport:
        error_type = "Weird"
        error_message = "no stack_trace attribute"

    log_fault(NotAReport(), None)  # type: ignore[arg-type]
    assert "Weird: no stack_trace attribute" in capsys.readouterr().err


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"AWS_LAMBDA_LOG_FORMAT": "Text"},
        {"AWS_LAMBDA_LOG_FORMAT": " text ", "AWS_LAMBDA_LOG_LEVEL": " "},
        {"AWS_LAMBDA_LOG_FORMAT": "JSON"},
        {"AWS_LAMBDA_LOG_FORMAT": "xml"},
        {"AWS_LAMBDA_LOG_LEVEL": "INFO"},
        {"_LAMBDA_TELEMETRY_LOG_FD": "3"},
        {"_LAMBDA_TELEMETRY_LOG_FD": "no"},
    ],
)
def test_the_cold_start_check_agrees_with_the_config_it_skips(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for name in ("AWS_LAMBDA_LOG_FORMAT", "AWS_LAMBDA_LOG_LEVEL", "_LAMBDA_TELEMETRY_LOG_FD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _setup._environment_has_no_log_settings() == (LogConfig.from_env() == LogConfig())


def test_configure_without_settings_defers_the_emitter_and_logging_still_routes() -> None:
    probe = (
        "import sys\n"
        "from lambda_runtime import log\n"
        "log.configure()\n"
        "print(sorted(m for m in sys.modules if m.startswith('lambda_runtime.log.')))\n"
        "import logging\n"
        "logging.getLogger('app').warning('from logging')\n"
        "log.Log.info('from Log')\n"
        "log.Log.debug('below INFO')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_LAMBDA_", "_LAMBDA_"))}
    env["AWS_LAMBDA_LOG_FORMAT"] = "Text"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60, env=env
    )
    modules, warning, info = result.stdout.splitlines()
    assert modules == "['lambda_runtime.log._environment', 'lambda_runtime.log._setup']"
    assert warning.startswith("[WARN]\t")
    assert warning.endswith("\tfrom logging")
    assert info.startswith("[INFO]\t")
    assert info.endswith("\tfrom Log")
