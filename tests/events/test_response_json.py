"""``json(...)`` on response classes writes what the runtime writes for a handler's result: ``Decimal``
(as ``from_item`` gives it, without losing digits), dataclasses, sets and event objects; the body is
byte-for-byte the runtime's encoding of the same value."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import orjson
import pytest

from lambda_runtime import _jsonable
from lambda_runtime.events import (
    ALBTargetGroupResponse,
    APIGatewayProxyResponse,
    APIGatewayV2HTTPResponse,
    BedrockAgentEvent,
    BedrockAgentResponse,
    LambdaFunctionURLResponse,
    SQSEvent,
    VPCLatticeResponse,
    from_item,
)
from lambda_runtime.events.cli import read_sample
from lambda_runtime.runtime.handlers import codec
from lambda_runtime.runtime.handlers.codec import encode_result


@dataclasses.dataclass
class LineItem:
    sku: str
    price: Decimal
    tags: set[str]


def _body(response: Any) -> str:
    body = response.body
    assert isinstance(body, str)
    return body


# Each response class's json(), reduced to "value -> the body it wrote".
BUILDERS: dict[str, Callable[[Any], str]] = {
    "APIGatewayProxyResponse": lambda v: _body(APIGatewayProxyResponse.json(v)),
    "APIGatewayV2HTTPResponse": lambda v: _body(APIGatewayV2HTTPResponse.json(v)),
    "ALBTargetGroupResponse": lambda v: _body(ALBTargetGroupResponse.json(v)),
    "LambdaFunctionURLResponse": lambda v: _body(LambdaFunctionURLResponse.json(v)),
    "VPCLatticeResponse": lambda v: _body(VPCLatticeResponse.json(v)),
}

ITEM = {"Id": {"N": "1001"}, "Price": {"N": "19.99"}, "Tags": {"SS": ["gift"]}, "Big": {"N": "1" * 30}}

VALUES: dict[str, tuple[Any, Any]] = {
    # name: (value, what the body parses back to, numbers read as Decimal)
    "decimal": (
        {"price": Decimal("19.99"), "qty": Decimal("3"), "scaled": Decimal("2.50"), "exp": Decimal("1E+3")},
        {"price": Decimal("19.99"), "qty": 3, "scaled": Decimal("2.50"), "exp": 1000},
    ),
    "decimal-precision": (
        {"p": Decimal("0.1000000000000000000000000001"), "tiny": Decimal("-1.5E-9")},
        {"p": Decimal("0.1000000000000000000000000001"), "tiny": Decimal("-1.5E-9")},
    ),
    "decimal-beyond-64-bit": ([Decimal("123456789012345678901234567890")], [123456789012345678901234567890]),
    "decimal-not-finite": ([Decimal("NaN"), Decimal("Infinity")], [None, None]),
    "from_item": (
        from_item(ITEM, numbers="decimal"),
        {"Id": 1001, "Price": Decimal("19.99"), "Tags": ["gift"], "Big": int("1" * 30)},
    ),
    "dataclass": (
        LineItem("BOOK-42", Decimal("12.5"), {"paper"}),
        {"sku": "BOOK-42", "price": Decimal("12.5"), "tags": ["paper"]},
    ),
    "set": ({"ids": {7}, "frozen": frozenset({"x"})}, {"ids": [7], "frozen": ["x"]}),
    "event-object": (
        {"event": SQSEvent.from_dict({"Records": []})},
        {"event": {"Records": []}},
    ),
}


@pytest.mark.parametrize("builder", sorted(BUILDERS))
@pytest.mark.parametrize("kind", sorted(VALUES))
def test_json_writes_what_the_runtime_writes(builder: str, kind: str) -> None:
    value, expected = VALUES[kind]
    body = BUILDERS[builder](value)
    assert json.loads(body, parse_float=Decimal) == expected
    assert body.encode() == encode_result(value).body


def test_decimal_digits_are_written_as_they_are() -> None:
    value = {"a": Decimal("2.50"), "b": Decimal("0.1000000000000000000000000001"), "c": Decimal("7")}
    body = '{"a":2.50,"b":0.1000000000000000000000000001,"c":7}'
    assert APIGatewayProxyResponse.json(value).body == body
    assert encode_result(value).body == body.encode()


def test_json_keeps_status_and_content_type() -> None:
    response = ALBTargetGroupResponse.json({"n": Decimal("1.5")}, 201, headers={"X-Id": "7"})
    assert (response.status_code, response.status_description) == (201, "201 Created")
    assert response.headers == {"Content-Type": "application/json", "X-Id": "7"}
    assert response.is_base64_encoded is False
    url = LambdaFunctionURLResponse.json({"ids": {1}}, 404)
    assert (url.status_code, url.headers, url.body) == (
        404,
        {"Content-Type": "application/json"},
        '{"ids":[1]}',
    )


def test_bedrock_api_body_is_written_the_same_way() -> None:
    event = BedrockAgentEvent.from_json(read_sample("bedrock-agent"))
    response = BedrockAgentResponse.for_api(event, body={"total": Decimal("42.50"), "skus": {"A"}})
    body = response.to_dict()["response"]["responseBody"]["application/json"]["body"]
    assert body == '{"total":42.50,"skus":["A"]}'


def test_a_value_with_no_json_form_is_still_a_type_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        APIGatewayV2HTTPResponse.json({"x": object()})


def test_integers_beyond_64_bits_are_written_exactly_as_the_runtime_writes_them() -> None:
    value = {"id": 2**70, "ids": [2**64, -(2**63) - 1], "total": Decimal("1e30")}
    body = '{"id":1180591620717411303424,"ids":[18446744073709551616,-9223372036854775809],'
    body += '"total":1000000000000000000000000000000}'
    assert APIGatewayV2HTTPResponse.json(value).body == body
    assert codec.encode_body(value) == (body.encode(), "application/json")


def test_the_runtime_codec_uses_the_same_hook_and_options() -> None:
    assert codec._JSON_OPTIONS == _jsonable.JSON_OPTIONS
    for value, _ in VALUES.values():
        via_codec = orjson.dumps(value, default=codec._default, option=codec._JSON_OPTIONS)
        assert via_codec == _jsonable.dumps(value)


def test_the_runtime_loads_the_hook_only_for_values_orjson_does_not_know() -> None:
    probe = (
        "import sys\n"
        "from lambda_runtime.runtime.handlers.codec import encode_result\n"
        "encode_result({'a': [1, 2.5, 'x', None]})\n"
        "before = 'lambda_runtime._jsonable' in sys.modules\n"
        "import decimal\n"
        "encode_result({'a': decimal.Decimal('1.5')})\n"
        "print(before, 'lambda_runtime._jsonable' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "True"]
