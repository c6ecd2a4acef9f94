"""Property tests: unknown fields anywhere, missing optional fields, unusual header casing and unicode
never break decoding and always round-trip."""

from __future__ import annotations

import copy
import json
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_runtime.events._base import (
    EventObject,
    OptionalField,
    OptionalListOf,
    OptionalMapOf,
    OptionalObj,
    _FieldBase,
)
from lambda_runtime.events.api_gateway import APIGatewayProxyRequest, APIGatewayV2HTTPRequest
from tests.events._walk import read_every_field
from tests.events.fixtures_http_and_streams import FIXTURES
from tests.support.paths import FIXTURE_EVENTS

FIXTURE_NAMES = sorted(FIXTURES)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.text(max_size=12),
    st.floats(allow_nan=False, allow_infinity=False),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
# Keys no event class models: a prefix no AWS key uses keeps them unknown.
unknown_keys = st.text(min_size=1, max_size=10).map(lambda s: "zz\u00e9" + s)


def load(name: str) -> Any:
    return json.loads((FIXTURE_EVENTS / name).read_text(encoding="utf-8"))


def modelled_objects(event: EventObject) -> list[dict[str, Any]]:
    """The JSON object of every wrapper reachable from ``event`` (the places a new AWS field would
    appear; the entries of user-keyed maps such as message attributes are data, not schema)."""
    found = [event.to_dict()]
    for klass in type(event).__mro__:
        for field in vars(klass).values():
            if not isinstance(field, _FieldBase):
                continue
            value = getattr(event, field.name)
            children = value if isinstance(value, list) else [value]
            if isinstance(value, dict):
                children = list(value.values())
            for child in children:
                if isinstance(child, EventObject):
                    found.extend(modelled_objects(child))
    return found


@SETTINGS
@given(st.sampled_from(FIXTURE_NAMES), st.data())
def test_unknown_fields_anywhere_survive(name: str, data: st.DataObject) -> None:
    doc = load(name)
    targets = modelled_objects(FIXTURES[name].from_dict(doc))
    for _ in range(data.draw(st.integers(1, 4))):
        target = targets[data.draw(st.integers(0, len(targets) - 1))]
        target[data.draw(unknown_keys)] = data.draw(json_values)
    pristine = copy.deepcopy(doc)
    event = FIXTURES[name].from_dict(doc)
    read_every_field(event)
    assert event.to_dict() == pristine
    assert orjson.loads(event.to_json()) == orjson.loads(orjson.dumps(pristine))


def optional_keys(cls: type[EventObject]) -> list[str]:
    return [
        field.key
        for klass in cls.__mro__
        for field in vars(klass).values()
        if isinstance(field, OptionalField | OptionalObj | OptionalListOf | OptionalMapOf)
    ]


@SETTINGS
@given(st.sampled_from(FIXTURE_NAMES), st.data())
def test_missing_optional_fields_read_as_none(name: str, data: st.DataObject) -> None:
    cls = FIXTURES[name]
    doc = load(name)
    keys = [k for k in optional_keys(cls) if k in doc]
    dropped = data.draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    for key in dropped:
        del doc[key]
    pristine = copy.deepcopy(doc)
    event = cls.from_dict(doc)
    read_every_field(event)
    names = {f.key: f.name for k in cls.__mro__ for f in vars(k).values() if isinstance(f, OptionalField)}
    for key in dropped:
        if key in names:
            assert getattr(event, names[key]) is None
    assert event.to_dict() == pristine


def recase(name: str, flips: list[bool]) -> str:
    padded = flips + [False] * (len(name) - len(flips))
    return "".join(
        c.upper() if flip else c.lower() for c, flip in zip(name, padded[: len(name)], strict=True)
    )


@SETTINGS
@given(
    st.lists(st.booleans(), max_size=40),
    st.sampled_from(["apigw-request.json", "apigw-v2-request-no-authorizer.json"]),
)
def test_header_lookup_ignores_casing(flips: list[bool], name: str) -> None:
    doc = load(name)
    cls = APIGatewayProxyRequest if "v2" not in name else APIGatewayV2HTTPRequest
    event: APIGatewayProxyRequest | APIGatewayV2HTTPRequest = cls.from_dict(doc)
    for header, value in doc["headers"].items():
        assert event.headers[recase(header, flips)] == value
        assert recase(header, flips) in event.headers
        assert event.header(recase(header, flips)) == value


@SETTINGS
@given(
    st.dictionaries(st.text(min_size=1, max_size=10), st.text(max_size=20), max_size=6), st.text(max_size=40)
)
def test_unicode_headers_and_bodies_round_trip(headers: dict[str, str], body: str) -> None:
    doc = load("apigw-v2-request-no-authorizer.json")
    doc["headers"] = headers
    doc["body"] = body
    pristine = copy.deepcopy(doc)
    event = APIGatewayV2HTTPRequest.from_json(orjson.dumps(doc))
    assert event.body_text() == body
    assert dict(event.headers) == headers
    for key, value in headers.items():
        assert event.headers[key] == value
    assert event.to_dict() == pristine
