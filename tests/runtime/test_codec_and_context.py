"""Typed event decoding, result encoding, and the Context (with an injected clock)."""

from __future__ import annotations

import dataclasses
import decimal
from typing import Any

import pytest

from lambda_runtime.protocol.errors import MarshalFault, ResponseTooLarge, UnmarshalFault
from lambda_runtime.protocol.runtime_api import MAX_PAYLOAD_BYTES, Invocation
from lambda_runtime.runtime.config import FunctionInfo
from lambda_runtime.runtime.context import Context, current_context, invocation_scope
from lambda_runtime.runtime.handlers.adapters import BufferedTarget, NotAHandlerError, StreamingTarget, adapt
from lambda_runtime.runtime.handlers.base import LambdaBufferedHandler, LambdaStreamHandler
from lambda_runtime.runtime.handlers.codec import decoder_for, encode_result
from lambda_runtime.runtime.handlers.stream import ResponseStream


class Order:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc

    @classmethod
    def from_dict(cls, doc: Any) -> Order:
        if "id" not in doc:
            raise KeyError("id")
        return cls(doc)

    def to_dict(self) -> dict[str, Any]:
        return {"order": self.doc["id"]}


def test_decoder_for_declared_types() -> None:
    assert decoder_for(bytes)(b"raw") == b"raw"
    assert decoder_for(dict)(b'{"a": 1}') == {"a": 1}
    assert decoder_for(Any)(b"[1]") == [1]
    order = decoder_for(Order)(b'{"id": 7}')
    assert isinstance(order, Order)
    assert order.doc == {"id": 7}


def test_decoder_errors_are_unmarshal_faults() -> None:
    with pytest.raises(UnmarshalFault, match="Unable to unmarshal input"):
        decoder_for(dict)(b"{")
    with pytest.raises(UnmarshalFault, match="as Order"):
        decoder_for(Order)(b"{}")


@dataclasses.dataclass
class Point:
    x: int


@pytest.mark.parametrize(
    ("result", "body", "content_type"),
    [
        ({"a": 1}, b'{"a":1}', "application/json"),
        ("text", b'"text"', "application/json"),
        (None, b"null", "application/json"),
        (b"\x00raw", b"\x00raw", "application/octet-stream"),
        (Order({"id": 3}), b'{"order":3}', "application/json"),
        ([Order({"id": 4})], b'[{"order":4}]', "application/json"),
        ({"d": decimal.Decimal("2.5"), "i": decimal.Decimal("2")}, b'{"d":2.5,"i":2}', "application/json"),
        (Point(1), b'{"x":1}', "application/json"),
        ({1: "int key"}, b'{"1":"int key"}', "application/json"),
        # Integers beyond 64 bits (orjson refuses them) are written exactly, keys and nested ones too.
        (2**100, b"1267650600228229401496703205376", "application/json"),
        (
            {"n": 2**64, "k": {2**70: [-(2**63) - 1, 2**64 - 1]}, "t": (2**80, True)},
            b'{"n":18446744073709551616,"k":{"1180591620717411303424":[-9223372036854775809,'
            b'18446744073709551615]},"t":[1208925819614629174706176,true]}',
            "application/json",
        ),
    ],
)
def test_encode_result(result: Any, body: bytes, content_type: str) -> None:
    encoded = encode_result(result)
    assert (encoded.body, encoded.content_type) == (body, content_type)


def test_unserialisable_result_is_a_marshal_fault() -> None:
    with pytest.raises(MarshalFault, match="not JSON serializable"):
        encode_result({"x": object()})


def test_result_over_the_limit_is_response_too_large() -> None:
    encode_result(b"x" * MAX_PAYLOAD_BYTES)  # exactly at the limit is fine
    with pytest.raises(ResponseTooLarge, match=str(MAX_PAYLOAD_BYTES)):
        encode_result(b"x" * (MAX_PAYLOAD_BYTES + 1))


class TypedHandler(LambdaBufferedHandler[Order, dict[str, Any]]):
    def handle_request(self, event: Order, context: Context) -> dict[str, Any]:
        return event.to_dict()


class Streamer(LambdaStreamHandler[bytes]):
    def handle_request(self, event: bytes, output: ResponseStream, context: Context) -> None:
        output.write(event)


def test_adapt_picks_decoder_from_declared_generic() -> None:
    target = adapt(TypedHandler)
    assert isinstance(target, BufferedTarget)
    assert isinstance(target.decode(b'{"id": 1}'), Order)
    stream_target = adapt(Streamer())
    assert isinstance(stream_target, StreamingTarget)
    assert stream_target.decode(b"\x01") == b"\x01"


def test_adapt_reads_function_annotations() -> None:
    def handler(event: Order, context: Context) -> None:
        return None

    target = adapt(handler)
    assert isinstance(target.decode(b'{"id": 2}'), Order)


@pytest.mark.parametrize("not_a_handler", [42, "module.fn", object, dict])
def test_adapt_rejects_non_handlers(not_a_handler: object) -> None:
    with pytest.raises(NotAHandlerError):
        adapt(not_a_handler)


FUNCTION = FunctionInfo("fn", "7", 512, "/aws/lambda/fn", "stream")


def test_context_remaining_time_uses_injected_clock() -> None:
    now = [1_000_000]
    invocation = Invocation("id", b"", deadline_ms=1_003_000)
    context = Context.from_invocation(invocation, FUNCTION, clock=lambda: now[0])
    assert context.get_remaining_time_in_millis() == 3000
    now[0] += 2500
    assert context.get_remaining_time_in_millis() == 500
    now[0] += 10_000
    assert context.get_remaining_time_in_millis() == 0


def test_context_is_immutable_and_current_only_inside_scope() -> None:
    context = Context.from_invocation(Invocation("id-1", b""), FUNCTION)
    with pytest.raises(AttributeError, match="Context is immutable"):
        context.aws_request_id = "other"  # type: ignore[misc]
    assert current_context() is None
    with invocation_scope(context):
        assert current_context() is context
    assert current_context() is None


def test_context_from_env_defaults() -> None:
    info = FunctionInfo.from_env({"AWS_LAMBDA_FUNCTION_NAME": "f", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "bad"})
    assert (info.function_name, info.memory_limit_in_mb, info.log_group_name) == ("f", 128, "/aws/lambda/f")
