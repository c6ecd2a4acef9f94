from __future__ import annotations

import dataclasses
import json
import logging
from typing import Any

import pytest

from lambda_runtime.log import LambdaLogHandler, Level, LogConfig, LogFormat, configure
from lambda_runtime.runtime.context import invocation_scope

from .conftest import make_context


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def our_handlers() -> list[LambdaLogHandler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, LambdaLogHandler)]


def test_configure_installs_one_handler_and_sets_the_root_level() -> None:
    configure(LogConfig(LogFormat.JSON, Level.DEBUG))
    configure(LogConfig(LogFormat.JSON, Level.ERROR))
    assert len(our_handlers()) == 1
    assert logging.getLogger().level == logging.ERROR
    assert our_handlers()[0].level == logging.ERROR


def test_root_level_untouched_without_a_lambda_level() -> None:
    logging.getLogger().setLevel(logging.WARNING)
    configure(LogConfig(LogFormat.JSON))
    assert logging.getLogger().level == logging.WARNING
    assert our_handlers()[0].level == logging.NOTSET


def test_reconfiguring_keeps_filters_added_to_the_handler() -> None:
    configure(LogConfig(LogFormat.JSON))
    marker = logging.Filter("only-this")
    our_handlers()[0].addFilter(marker)
    configure(LogConfig(LogFormat.TEXT))
    assert our_handlers()[0].filters == [marker]


def test_stdlib_records_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON, Level.TRACE))
    logger = logging.getLogger("app.orders")
    with invocation_scope(make_context("req-42", tenant_id="t")):
        logger.info("order %s paid", 7, extra={"order": 7, "requestId": "spoof"})
        logger.log(5, "trace level")
        logger.critical({"structured": True})
    docs = json_lines(capsys.readouterr().out)
    assert [d["level"] for d in docs] == ["INFO", "TRACE", "FATAL"]
    first = docs[0]
    assert first["message"] == "order 7 paid"
    assert first["logger"] == "app.orders"
    assert first["requestId"] == "req-42"
    assert first["tenantId"] == "t"
    assert first["order"] == 7
    assert first["field_requestId"] == "spoof"
    assert docs[2]["message"] == {"structured": True}


def test_stdlib_exc_info_gives_error_keys_at_the_call_site(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON))
    try:
        int("x")
    except ValueError:
        logging.getLogger("app").exception("parse failed")
    (doc,) = json_lines(capsys.readouterr().out)
    assert doc["level"] == "ERROR"
    assert doc["errorType"] == "ValueError"
    assert "invalid literal" in doc["errorMessage"]
    assert len(doc["stackTrace"]) == 1
    assert doc["location"].startswith(f"{__file__}:test_stdlib_exc_info_gives_error_keys_at_the_call_site:")


def test_stdlib_stack_info_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON))
    logging.getLogger("app").warning("where", stack_info=True)
    (doc,) = json_lines(capsys.readouterr().out)
    assert doc["stackInfo"].startswith("Stack (most recent call last):")


def test_bad_format_arguments_still_give_a_record(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON))
    # Only our handler: pytest's own capture handler on the root logger would choke on this record.
    isolated = logging.getLogger("isolated")
    isolated.propagate = False
    isolated.addHandler(our_handlers()[0])
    try:
        isolated.warning("%d items", "many")
    finally:
        isolated.handlers.clear()
        isolated.propagate = True
    out = capsys.readouterr()
    (doc,) = json_lines(out.out)
    assert doc["message"].startswith("%d items (arguments ('many',) did not fit:")
    assert out.err == ""


def test_stdlib_filtering_is_exact_under_a_lambda_level(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON, Level.WARN))
    chatty = logging.getLogger("chatty")
    chatty.setLevel(logging.DEBUG)  # a logger's own level does not get past the Lambda level
    try:
        chatty.debug("no")
        chatty.info("no")
        chatty.warning("yes")
        logging.getLogger("other").error("yes")
    finally:
        chatty.setLevel(logging.NOTSET)
    assert [d["message"] for d in json_lines(capsys.readouterr().out)] == ["yes", "yes"]


def test_stdlib_text_multiline_is_one_event(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.TEXT))
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("app").error("line1\nline2", exc_info=True)
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("[ERROR]\t")
    assert "\t\tline1\rline2\rTraceback (most recent call last):\r" in out
    assert out.endswith("\rRuntimeError: boom\n")


@dataclasses.dataclass
class Refund:
    order: int


def test_stdlib_dataclass_message_stays_structured(capsys: pytest.CaptureFixture[str]) -> None:
    configure(LogConfig(LogFormat.JSON))
    logging.getLogger("app").warning(Refund(3))
    logging.getLogger("app").warning("%s", Refund(4))
    first, second = json_lines(capsys.readouterr().out)
    assert first["message"] == {"order": 3}
    assert second["message"] == "Refund(order=4)"
