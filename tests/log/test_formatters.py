from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from lambda_runtime.log import Level
from lambda_runtime.log._error_fields import ErrorFields
from lambda_runtime.log._formatters import format_json, format_text, trace_root
from lambda_runtime.protocol.errors import ErrorReport

from .conftest import make_context

TS = "2024-05-01T12:00:00.123Z"


def as_json(message: object, fields: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
    line = format_json(
        kwargs.pop("level", Level.INFO),
        TS,
        message,
        kwargs.pop("context", None),
        fields or {},
        logger=kwargs.pop("logger", "Log"),
        error=kwargs.pop("error", None),
    )
    assert "\n" not in line
    doc: dict[str, Any] = json.loads(line)
    return doc


def test_json_record_keys_during_init() -> None:
    assert as_json("hello") == {"timestamp": TS, "level": "INFO", "message": "hello", "logger": "Log"}


def test_json_record_carries_the_invocation_ids() -> None:
    context = make_context(
        "req-9", tenant_id="tenant-a", trace_id="Root=1-5759e988-bd86;Parent=53995c;Sampled=1"
    )
    doc = as_json("hi", context=context)
    assert doc["requestId"] == "req-9"
    assert doc["tenantId"] == "tenant-a"
    assert doc["xrayTraceId"] == "1-5759e988-bd86"


def test_json_tenant_and_trace_absent_when_unset() -> None:
    doc = as_json("hi", context=make_context())
    assert doc["requestId"] == "req-1"
    assert "tenantId" not in doc
    assert "xrayTraceId" not in doc


def test_fields_become_top_level_keys() -> None:
    doc = as_json("paid", {"order": 42, "items": [1, 2], "nested": {"a": None}})
    assert doc["order"] == 42
    assert doc["items"] == [1, 2]
    assert doc["nested"] == {"a": None}


def test_fields_named_like_record_keys_are_kept_under_field_prefix() -> None:
    doc = as_json("m", {"level": "custom", "message": "x", "field_level": "mine"}, context=make_context())
    assert doc["level"] == "INFO"
    assert doc["message"] == "m"
    assert doc["field_message"] == "x"
    assert doc["field_level"] == "mine"
    assert doc["field_field_level"] == "custom"


def test_unserialisable_values_degrade_to_repr() -> None:
    class Opaque:
        def __repr__(self) -> str:
            return "<Opaque>"

    cycle: list[object] = []
    cycle.append(cycle)
    doc = as_json("m", {"obj": Opaque(), "set": {3}, "huge": 2**80, "cycle": cycle, "ok": 1})
    assert doc["obj"] == "<Opaque>"
    assert doc["set"] == "{3}"
    assert doc["huge"] == str(2**80)
    assert doc["cycle"] == "[[...]]"
    assert doc["ok"] == 1


def test_values_whose_repr_raises_still_give_a_record() -> None:
    class Hostile:
        def __repr__(self) -> str:
            raise RuntimeError("no")

        def __str__(self) -> str:
            raise RuntimeError("no")

    doc = as_json(Hostile(), {"bad": Hostile()})
    assert doc["bad"] == "<unrepresentable Hostile>"
    assert doc["message"] == "<unprintable Hostile>"


def test_lone_surrogates_are_escaped_not_fatal() -> None:
    doc = as_json("bad \udcff text", {"field": "\ud800"})
    assert doc["message"] == "bad \\udcff text"
    assert doc["field"] == "\\ud800"


def test_a_field_name_with_a_lone_surrogate_is_escaped() -> None:
    assert as_json("m", {"k\udcff": 1})["k\\udcff"] == 1


def test_non_string_dict_keys_are_encoded() -> None:
    assert as_json({1: "a", None: "b"})["message"] == {"1": "a", "null": "b"}


@dataclasses.dataclass
class Payment:
    order: int
    amount: float


def test_dict_and_dataclass_messages_are_json_objects() -> None:
    assert as_json({"a": 1})["message"] == {"a": 1}
    assert as_json(Payment(7, 9.5))["message"] == {"order": 7, "amount": 9.5}
    assert as_json([1, "x"])["message"] == [1, "x"]
    assert as_json(None)["message"] is None


def test_other_objects_are_written_as_their_str() -> None:
    assert as_json(ValueError("boom"))["message"] == "boom"


def test_json_error_keys() -> None:
    try:
        raise KeyError("missing")
    except KeyError as exc:
        error = ErrorFields.from_exception(exc, "app.py:handler:3")
    doc = as_json("failed", error=error, level=Level.ERROR)
    assert doc["level"] == "ERROR"
    assert doc["errorType"] == "KeyError"
    assert doc["errorMessage"] == "'missing'"
    assert isinstance(doc["stackTrace"], list)
    assert "test_json_error_keys" in doc["stackTrace"][0]
    assert doc["location"] == "app.py:handler:3"


def test_text_layout() -> None:
    assert (
        format_text(Level.WARN, TS, "hello", None, {}, logger="Log", error=None) == f"[WARN]\t{TS}\t\thello"
    )
    line = format_text(Level.INFO, TS, "hi", make_context("req-2"), {"a": 1}, logger="Log", error=None)
    assert line == f'[INFO]\t{TS}\treq-2\thi {{"a":1}}'


def test_text_renders_structured_messages_as_json() -> None:
    line = format_text(Level.INFO, TS, Payment(1, 2.0), None, {}, logger="Log", error=None)
    assert line.endswith('\t{"order":1,"amount":2.0}')


def test_text_error_is_a_python_traceback() -> None:
    try:
        raise ValueError("bad")
    except ValueError as exc:
        error = ErrorFields.from_exception(exc)
    line = format_text(Level.ERROR, TS, "failed", None, {}, logger="Log", error=error)
    lines = line.split("\n")
    assert lines[0] == f"[ERROR]\t{TS}\t\tfailed"
    assert lines[1] == "Traceback (most recent call last):"
    assert lines[-1] == "ValueError: bad"


def test_fault_text_does_not_repeat_the_summary() -> None:
    report = ErrorReport("Runtime.HandlerNotFound", "no handler", ())
    error = ErrorFields.from_report(report, None)
    line = format_text(
        Level.FATAL, TS, "Runtime.HandlerNotFound: no handler", None, {}, logger="x", error=error
    )
    assert line == f"[FATAL]\t{TS}\t\tRuntime.HandlerNotFound: no handler"


def test_fault_location_read_back_from_the_stack_trace() -> None:
    report = ErrorReport("ValueError", "v", ('  File "/var/task/app.py", line 12, in handler\n    raise\n',))
    assert ErrorFields.from_report(report, None).location == "/var/task/app.py:handler:12"


def test_error_fields_survive_an_exception_whose_str_raises() -> None:
    class Weird(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no")

    error = ErrorFields.from_exception(Weird())
    assert error.error_type == "Weird"
    assert error.error_message == "<unprintable Weird>"
    assert error.stack_trace == ()
    assert error.location == ""


@pytest.mark.parametrize(
    ("header", "root"),
    [
        ("Root=1-abc-def;Parent=123;Sampled=1", "1-abc-def"),
        ("Parent=123; Root=1-x ;Sampled=0", "1-x"),
        ("no-root-here", "no-root-here"),
    ],
)
def test_trace_root(header: str, root: str) -> None:
    assert trace_root(header) == root
