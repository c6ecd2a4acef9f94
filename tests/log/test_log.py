from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from lambda_runtime.log import Level, Log, LogConfig, LogFormat
from lambda_runtime.log._emitter import Emitter
from lambda_runtime.log._log import install_emitter

from .conftest import ListSink

NOW_NS = 1_714_564_800_123_000_000

METHODS: dict[Level, Callable[..., None]] = {
    Level.TRACE: Log.trace,
    Level.DEBUG: Log.debug,
    Level.INFO: Log.info,
    Level.WARN: Log.warn,
    Level.ERROR: Log.error,
    Level.FATAL: Log.fatal,
}


def use(config: LogConfig) -> ListSink:
    sink = ListSink()
    install_emitter(Emitter(config, sink, clock=lambda: NOW_NS))
    return sink


@pytest.mark.parametrize("threshold", list(Level))
def test_filtering_is_exact(threshold: Level) -> None:
    sink = use(LogConfig(LogFormat.JSON, threshold))
    for level, method in METHODS.items():
        method(f"at {level.name}")
    written = [json.loads(payload)["level"] for payload in sink.payloads]
    assert written == [level.name for level in Level if level >= threshold]
    assert [level for level, _, _ in sink.records] == [level for level in Level if level >= threshold]


def test_default_threshold_is_info() -> None:
    sink = use(LogConfig(LogFormat.JSON))
    Log.debug("hidden")
    Log.info("shown")
    assert [json.loads(p)["message"] for p in sink.payloads] == ["shown"]


def test_fields_and_timestamp() -> None:
    sink = use(LogConfig(LogFormat.JSON))
    Log.info("paid", order=42, currency="EUR")
    (level, payload, timestamp_ns) = sink.records[0]
    assert level == Level.INFO
    assert timestamp_ns == NOW_NS
    assert json.loads(payload) == {
        "timestamp": "2024-05-01T12:00:00.123Z",
        "level": "INFO",
        "message": "paid",
        "logger": "Log",
        "order": 42,
        "currency": "EUR",
    }


def test_a_field_may_be_called_message() -> None:
    sink = use(LogConfig(LogFormat.JSON))
    Log.warn("m", message="field")
    doc = json.loads(sink.payloads[0])
    assert (doc["message"], doc["field_message"]) == ("m", "field")


def test_exception_captures_the_active_exception_at_the_call_site() -> None:
    sink = use(LogConfig(LogFormat.JSON))
    lookup: dict[str, int] = {}
    try:
        lookup["key"]
    except KeyError:
        Log.exception("lookup failed", key="key")
    doc = json.loads(sink.payloads[0])
    assert doc["level"] == "ERROR"
    assert doc["message"] == "lookup failed"
    assert doc["key"] == "key"
    assert doc["errorType"] == "KeyError"
    assert doc["errorMessage"] == "'key'"
    assert len(doc["stackTrace"]) == 1
    path, function, line = doc["location"].rsplit(":", 2)
    assert path == __file__
    assert function == "test_exception_captures_the_active_exception_at_the_call_site"
    assert int(line) > 0


def test_exception_with_an_explicit_exception_and_without_one() -> None:
    sink = use(LogConfig(LogFormat.JSON))
    Log.exception("given", exc=TimeoutError("slow"))
    Log.exception("nothing active")
    given, bare = (json.loads(p) for p in sink.payloads)
    assert given["errorType"] == "TimeoutError"
    assert given["errorMessage"] == "slow"
    assert given["stackTrace"] == []
    assert bare["level"] == "ERROR"
    assert "errorType" not in bare


def test_exception_is_filtered_at_fatal() -> None:
    sink = use(LogConfig(LogFormat.JSON, Level.FATAL))
    Log.exception("dropped", exc=ValueError())
    assert sink.payloads == []


def test_is_enabled() -> None:
    use(LogConfig(LogFormat.TEXT, Level.WARN))
    assert not Log.is_enabled(Level.INFO)
    assert Log.is_enabled("warn")
    assert Log.is_enabled(Level.FATAL)


def test_a_failing_sink_never_raises_into_the_caller(capsys: pytest.CaptureFixture[str]) -> None:
    class BrokenSink:
        def write(self, level: int, payload: str, timestamp_ns: int) -> None:
            raise BrokenPipeError("gone")

    install_emitter(Emitter(LogConfig(), BrokenSink()))
    Log.error("lost", n=1)
    err = capsys.readouterr().err
    assert "could not write a ERROR record (BrokenPipeError: gone)" in err
    assert "'lost'" in err


def test_log_works_before_configure_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    install_emitter(Emitter.default())
    Log.info("two\nlines", k=1)
    Log.debug("hidden")
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("[INFO]\t")
    assert out.endswith('\t\ttwo\rlines {"k":1}\n')
