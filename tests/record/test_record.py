"""``Record``: the runtime's value objects behave as the frozen slotted dataclasses they replaced."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any, ClassVar

import pytest

from lambda_runtime._record import Record, mutable_twin, set_field
from lambda_runtime.log._config import LogConfig, LogFormat
from lambda_runtime.log._error_fields import ErrorFields
from lambda_runtime.log._levels import Level
from lambda_runtime.protocol.errors import ErrorReport
from lambda_runtime.protocol.routes import Route, RouteKind
from lambda_runtime.protocol.runtime_api import (
    Endpoint,
    InitError,
    Invocation,
    InvocationError,
    InvocationResponse,
    NextInvocation,
    Request,
    StreamingResponseStart,
)
from lambda_runtime.runtime.config import FunctionInfo, RuntimeConfig
from lambda_runtime.runtime.context import Client, ClientContext, CognitoIdentity, Context
from lambda_runtime.runtime.handlers.adapters import BufferedTarget, StreamingTarget
from lambda_runtime.runtime.handlers.codec import EncodedResult, decoder_for
from lambda_runtime.runtime.transport import Response


class Pair(Record):
    __slots__ = ("left", "right")
    left: int
    right: int

    def __init__(self, left: int, right: int = 0) -> None:
        set_field(self, "left", left)
        set_field(self, "right", right)


class OtherPair(Record):
    __slots__ = ("left", "right")
    left: int
    right: int

    def __init__(self, left: int, right: int = 0) -> None:
        set_field(self, "left", left)
        set_field(self, "right", right)


class Labelled(Pair):
    __slots__ = ("label",)
    label: str

    def __init__(self, left: int, right: int, label: str) -> None:
        super().__init__(left, right)
        set_field(self, "label", label)


def _fixed_clock() -> int:
    return 42


ERROR = ErrorReport("ValueError", "bad", ('  File "h.py", line 1, in f\n',))
FUNCTION = FunctionInfo("fn", "7", 256, "/aws/lambda/fn", "stream")

# One instance of every value class on the serving path, with non-default values where it matters.
SAMPLES: list[Record] = [
    Endpoint("127.0.0.1", 9001, "/.rt"),
    Request("POST", "/p", (("Content-Type", "application/json"),), b"{}"),
    NextInvocation(),
    InvocationResponse("id-1", b"{}"),
    StreamingResponseStart("id-1"),
    InvocationError("id-1", ERROR, b"{}"),
    InitError(ERROR),
    Invocation("id-1", b"{}", deadline_ms=5, trace_id="Root=1-2-3", tenant_id="t"),
    Route(RouteKind.RESPONSE, "id-1"),
    ERROR,
    Response(200, {"content-type": "text/plain"}, b"ok"),
    FUNCTION,
    RuntimeConfig(Endpoint("h", 1), "app.handler", "/var/task", FUNCTION),
    CognitoIdentity("identity", "pool"),
    Client("install", "title", "1.0", "1", "pkg"),
    ClientContext(Client("install"), {"k": 1}, {"e": "v"}),
    Context("id-1", "arn", "fn", "7", 256, "/g", "/s", trace_id="Root=1", clock=_fixed_clock),
    EncodedResult(b"{}", "application/json"),
    BufferedTarget(decoder_for(dict), lambda event, context: event),
    StreamingTarget(decoder_for(bytes), lambda event, output, context: None),
    LogConfig(LogFormat.JSON, Level.DEBUG, 3, ("a problem",)),
    ErrorFields("ValueError", "bad", (), "h.py:f:1", True),
]


def _values(record: Record) -> dict[str, Any]:
    return {name: getattr(record, name) for name in type(record)._fields}


def _dataclass_twin(record: Record) -> Any:
    """The frozen dataclass the record's class used to be, holding the same values."""
    cls = type(record)
    fields = [
        (name, object, dataclasses.field(repr=False, compare=False))
        if name in cls._hidden_fields
        else (name, object)
        for name in cls._fields
    ]
    twin_cls = dataclasses.make_dataclass(cls.__name__, fields, frozen=True, slots=True)
    twin_cls.__qualname__ = cls.__qualname__
    return twin_cls(**_values(record))


@pytest.mark.parametrize("record", SAMPLES, ids=lambda record: type(record).__name__)
def test_repr_equality_and_hash_match_the_dataclass_it_replaced(record: Record) -> None:
    twin = _dataclass_twin(record)
    assert repr(record) == repr(twin)
    same = type(record)(**_values(record))
    assert same == record
    assert (same != record) is False
    try:
        expected_hash: int | None = hash(twin)
    except TypeError:  # a dict field makes both unhashable
        expected_hash = None
        with pytest.raises(TypeError, match="unhashable"):
            hash(record)
    if expected_hash is not None:
        assert hash(record) == expected_hash == hash(same)


@pytest.mark.parametrize("record", SAMPLES, ids=lambda record: type(record).__name__)
def test_records_are_slotted_and_immutable(record: Record) -> None:
    name = type(record).__qualname__
    assert not hasattr(record, "__dict__")
    for field in (*type(record)._fields, "not_a_field"):
        with pytest.raises(AttributeError, match=f"{name} is immutable: cannot assign to '{field}'"):
            setattr(record, field, None)
        with pytest.raises(AttributeError, match=f"{name} is immutable: cannot delete '{field}'"):
            delattr(record, field)
    assert _values(record) == _values(copy.copy(record))


@pytest.mark.parametrize("record", SAMPLES, ids=lambda record: type(record).__name__)
def test_pickle_and_deepcopy_rebuild_an_equal_record(record: Record) -> None:
    clone = copy.deepcopy(record)
    assert clone == record
    assert type(clone) is type(record)
    if isinstance(record, (BufferedTarget, StreamingTarget)):
        return  # lambdas do not pickle, with or without dataclasses
    restored = pickle.loads(pickle.dumps(record))
    assert restored == record
    assert _values(restored).keys() == _values(record).keys()


def test_equality_needs_the_same_class_and_the_same_values() -> None:
    assert Pair(1, 2) == Pair(1, 2)
    assert Pair(1, 2) != Pair(2, 1)
    assert Pair(1, 2) != OtherPair(1, 2)
    assert Pair(1, 2) != Labelled(1, 2, "x")
    assert Pair(1, 2) != (1, 2)
    assert len({Pair(1, 2), Pair(1, 2), Pair(1, 3)}) == 2


def test_subclass_fields_follow_the_base_fields() -> None:
    record = Labelled(1, 2, "x")
    assert Labelled._fields == ("left", "right", "label")
    assert repr(record) == "Labelled(left=1, right=2, label='x')"
    assert Labelled.__match_args__ == ("left", "right", "label")


def test_match_statement_binds_fields_by_position() -> None:
    match Route(RouteKind.ERROR, "id-9"):
        case Route(RouteKind.ERROR, request_id):
            assert request_id == "id-9"
        case _:
            pytest.fail("Route did not match by position")


def test_context_clock_is_outside_its_value() -> None:
    first = Context("id", "arn", "fn", "1", 128, "/g", "/s", deadline_ms=1_000, clock=lambda: 400)
    second = first.replace(clock=lambda: 900)
    assert first == second
    assert hash(first) == hash(second)
    assert "clock" not in repr(first)
    assert (first.get_remaining_time_in_millis(), second.get_remaining_time_in_millis()) == (600, 100)


def test_context_defaults_match_the_old_dataclass() -> None:
    context = Context("id", "arn", "fn", "1", 128, "/g", "/s")
    assert context.identity == CognitoIdentity()
    assert (context.client_context, context.tenant_id, context.deadline_ms, context.trace_id) == (None,) * 4
    assert isinstance(context.clock(), int)


def test_replace_changes_only_the_named_fields() -> None:
    config = LogConfig(LogFormat.JSON, Level.WARN, 5, ("p",))
    changed = config.replace(telemetry_fd=None)
    assert changed == LogConfig(LogFormat.JSON, Level.WARN, None, ("p",))
    assert config.telemetry_fd == 5
    assert type(Labelled(1, 2, "x").replace(label="y")) is Labelled


def test_replace_with_an_unknown_field_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        Pair(1, 2).replace(colour="red")


@pytest.mark.parametrize(
    "slots", [("left",), ("left", "right", "extra"), "left"], ids=["missing", "extra", "string"]
)
def test_slots_that_do_not_name_the_fields_fail_at_class_creation(slots: Any) -> None:
    with pytest.raises(TypeError, match=r"Broken.__slots__ must be a tuple naming its annotated fields"):

        class Broken(Record):
            __slots__ = slots
            left: int
            right: int


def test_a_record_without_slots_fails_at_class_creation() -> None:
    with pytest.raises(TypeError, match=r"Broken.__slots__ must be a tuple naming its annotated fields"):

        class Broken(Record):
            left: int


def test_class_variables_are_not_fields() -> None:
    class WithConstant(Record):
        __slots__ = ("value",)
        LIMIT: ClassVar[int] = 3
        value: int

        def __init__(self, value: int) -> None:
            set_field(self, "value", value)

    assert WithConstant._fields == ("value",)
    assert WithConstant(1).LIMIT == 3


def test_a_mutable_twin_filled_in_becomes_an_immutable_record() -> None:
    twin = mutable_twin(Context)
    assert twin.__slots__ == Context.__slots__
    built = object.__new__(twin)
    values = Context("id", "arn", "fn", "1", 128, "/g", "s", clock=lambda: 5)
    for name in Context._fields:
        setattr(built, name, getattr(values, name))
    built.__class__ = Context
    assert type(built) is Context
    assert built == values
    assert hash(built) == hash(values)
    assert repr(built) == repr(values)
    assert built.clock() == 5
    with pytest.raises(AttributeError, match="Context is immutable"):
        built.aws_request_id = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="Context is immutable"):
        del built.aws_request_id


def test_a_mutable_twin_of_a_record_with_a_record_base() -> None:
    twin = mutable_twin(Labelled)
    built = object.__new__(twin)
    built.left, built.right, built.label = 1, 2, "x"
    built.__class__ = Labelled
    assert built == Labelled(1, 2, "x")
    assert copy.copy(built) == built
    assert pickle.loads(pickle.dumps(built)) == built
