"""Extensions API registrations and the per-extension transition table (sans-IO)."""

from __future__ import annotations

import uuid

import orjson
import pytest

from lambda_runtime.protocol.extensions_api import (
    MAX_EXTENSIONS,
    TRANSITIONS,
    Event,
    ExtensionApiError,
    ExtensionKind,
    ExtensionRegistry,
    ExtensionState,
    FunctionInfo,
    Trigger,
    invoke_event,
    parse_register_body,
    shutdown_event,
)

BOTH = frozenset({Event.INVOKE, Event.SHUTDOWN})


def _code(call: object) -> str:
    assert callable(call)
    with pytest.raises(ExtensionApiError) as info:
        call()
    assert info.value.status == 403
    return info.value.error_type


def test_external_extension_registers_under_its_file_name() -> None:
    registry = ExtensionRegistry(["logger"])
    (pending,) = registry.extensions
    assert pending.state is ExtensionState.STARTED
    assert registry.registered == []
    extension = registry.register("logger", BOTH)
    assert extension is pending
    assert extension.kind is ExtensionKind.EXTERNAL
    assert extension.state is ExtensionState.REGISTERED
    assert registry.identify(extension.identifier) is extension
    assert _code(lambda: registry.register("logger", BOTH)) == "Extension.InvalidExtensionState"


def test_internal_extension_rules() -> None:
    registry = ExtensionRegistry()
    internal = registry.register("in-process", frozenset({Event.INVOKE}))
    assert internal.kind is ExtensionKind.INTERNAL
    assert _code(lambda: registry.register("in-process", frozenset())) == "Extension.InvalidExtensionState"
    assert _code(lambda: registry.register("other", BOTH)) == "Extension.InvalidEventType"


@pytest.mark.parametrize("name", [None, "", "  ", "a/b", "x" * 256])
def test_bad_names(name: str | None) -> None:
    assert _code(lambda: ExtensionRegistry().register(name, frozenset())) == "Extension.InvalidExtensionName"


def test_at_most_ten_and_closed_after_init() -> None:
    registry = ExtensionRegistry()
    for index in range(MAX_EXTENSIONS):
        registry.register(f"ext{index}", frozenset())
    assert _code(lambda: registry.register("one-too-many", frozenset())) == "Extension.TooManyExtensions"
    closed = ExtensionRegistry(["late"])
    closed.open = False
    assert _code(lambda: closed.register("late", BOTH)) == "Extension.RegistrationClosed"


@pytest.mark.parametrize(
    ("header", "error_type"),
    [
        (None, "Extension.MissingExtensionIdentifier"),
        ("not-a-uuid", "Extension.InvalidExtensionIdentifier"),
        (str(uuid.uuid4()), "Extension.UnknownExtensionIdentifier"),
    ],
)
def test_identify_errors(header: str | None, error_type: str) -> None:
    assert _code(lambda: ExtensionRegistry().identify(header)) == error_type


@pytest.mark.parametrize(
    ("body", "error_type"),
    [
        (b"{nope", "InvalidRequestFormat"),
        (b"[]", "InvalidRequestFormat"),
        (b'{"events": "INVOKE"}', "InvalidRequestFormat"),
        (b'{"events": ["INVOKE", "RESTORE"]}', "Extension.InvalidEventType"),
        (b'{"events": [], "configurationKeys": ["a"]}', "InvalidRequestFormat"),
    ],
)
def test_register_body_errors(body: bytes, error_type: str) -> None:
    assert _code(lambda: parse_register_body(body)) == error_type


def test_register_body_events() -> None:
    assert parse_register_body(b'{"events": ["INVOKE", "SHUTDOWN"]}') == BOTH
    assert parse_register_body(b"") == frozenset()


def test_lifecycle_through_the_table() -> None:
    extension = ExtensionRegistry(["e"]).register("e", BOTH)
    assert not extension.has_called_next
    extension.fire(Trigger.NEXT)
    assert extension.has_called_next
    assert extension.fire(Trigger.DELIVER) is ExtensionState.RUNNING
    assert extension.fire(Trigger.NEXT) is ExtensionState.READY
    assert extension.fire(Trigger.DELIVER_SHUTDOWN) is ExtensionState.SHUTTING_DOWN
    # After SHUTDOWN it may still poll, but it cannot report an init error any more.
    assert extension.fire(Trigger.NEXT) is ExtensionState.SHUTTING_DOWN
    with pytest.raises(ExtensionApiError, match="cannot init_error in state ShuttingDown"):
        extension.fire(Trigger.INIT_ERROR)
    assert extension.fire(Trigger.EXITED) is ExtensionState.EXITED


def test_every_state_can_exit_and_nothing_leaves_exited_but_exit() -> None:
    for state in ExtensionState:
        assert TRANSITIONS[(state, Trigger.EXITED)] is ExtensionState.EXITED
    assert [t for (s, t) in TRANSITIONS if s is ExtensionState.EXITED] == [Trigger.EXITED]


def test_init_error_only_before_invokes() -> None:
    extension = ExtensionRegistry(["e"]).register("e", BOTH)
    extension.fire(Trigger.NEXT)
    extension.fire(Trigger.DELIVER)
    assert _code(lambda: extension.fire(Trigger.INIT_ERROR)) == "Extension.InvalidExtensionState"
    assert extension.fire(Trigger.EXIT_ERROR) is ExtensionState.EXIT_ERROR


def test_event_bodies() -> None:
    invoke = orjson.loads(
        invoke_event(request_id="r1", deadline_ms=1000, invoked_function_arn="arn:x", trace_id="Root=1-a")
    )
    assert invoke == {
        "eventType": "INVOKE",
        "deadlineMs": 1000,
        "requestId": "r1",
        "invokedFunctionArn": "arn:x",
        "tracing": {"type": "X-Amzn-Trace-Id", "value": "Root=1-a"},
    }
    shutdown = orjson.loads(shutdown_event(reason="TIMEOUT", deadline_ms=5))
    assert shutdown == {"eventType": "SHUTDOWN", "deadlineMs": 5, "shutdownReason": "timeout"}
    with pytest.raises(ValueError, match="shutdown reason"):
        shutdown_event(reason="bored", deadline_ms=5)


def test_register_answer_has_account_id_only_when_asked() -> None:
    info = FunctionInfo("fn", "$LATEST", "app.handler", "123456789012")
    assert orjson.loads(info.register_body(with_account_id=False)) == {
        "functionName": "fn",
        "functionVersion": "$LATEST",
        "handler": "app.handler",
    }
    assert orjson.loads(info.register_body(with_account_id=True))["accountId"] == "123456789012"
