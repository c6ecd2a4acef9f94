"""Property tests for the service families' classes: unknown fields anywhere, missing optional fields,
header casing and unicode never break decoding, and the document always round-trips."""

from __future__ import annotations

import copy
import json
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_runtime.events import (
    IoTCoreCustomAuthorizerRequest,
    SimpleEmailEvent,
    VPCLatticeRequestV2,
)
from lambda_runtime.events._base import EventObject, OptionalField, _CachedField
from tests.events.fixtures_services import FIXTURES
from tests.events.test_service_fixtures import declared_fields, read_all_fields
from tests.support.paths import FIXTURE_EVENTS

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = sorted(FIXTURES)
CLASSES: dict[str, type[EventObject]] = {
    name: cls for name, cls in FIXTURES.items() if issubclass(cls, EventObject)
}

json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=12)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def load(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((FIXTURE_EVENTS / name).read_text())
    return doc


def object_paths(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every JSON object in ``doc`` (the root included)."""
    out: list[tuple[Any, ...]] = []
    if isinstance(doc, dict):
        out.append(path)
        for key, value in doc.items():
            out.extend(object_paths(value, (*path, key)))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            out.extend(object_paths(value, (*path, index)))
    return out


def map_containers(obj: EventObject) -> set[int]:
    """ids of the dicts whose keys are data, not field names (``MapOf``/``MapOfLists`` values):
    a new key there is a new entry that must have the entry's shape, so no "unknown field" goes there."""
    out: set[int] = set()
    doc = obj.to_dict()
    for name, field in declared_fields(type(obj)).items():
        value = getattr(obj, name)
        if isinstance(value, dict) and isinstance(field, _CachedField):
            out.add(id(doc[field.key]))
        for child in _wrappers(value):
            out |= map_containers(child)
    return out


def _wrappers(value: Any) -> list[EventObject]:
    if isinstance(value, EventObject):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    out: list[EventObject] = []
    for item in items:
        out.extend(_wrappers(item))
    return out


def at(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def optional_slots(obj: EventObject) -> list[tuple[dict[str, Any], str]]:
    """(document, key) for every optional field present in ``obj`` and its nested wrappers."""
    out: list[tuple[dict[str, Any], str]] = []
    doc = obj.to_dict()
    for name, field in declared_fields(type(obj)).items():
        optional = isinstance(field, OptionalField) or (
            isinstance(field, _CachedField) and not field._required
        )
        if optional and field.key in doc:
            out.append((doc, field.key))
        for child in _wrappers(getattr(obj, name)):
            out.extend(optional_slots(child))
    return out


def assert_round_trips(cls: type[EventObject], doc: dict[str, Any]) -> None:
    expected = copy.deepcopy(doc)
    event = cls.from_dict(doc)
    read_all_fields(event)
    assert event.to_dict() == expected
    assert cls.from_json(orjson.dumps(doc)).to_dict() == expected


@SETTINGS
@given(name=st.sampled_from(NAMES), data=st.data())
def test_unknown_fields_anywhere_survive(name: str, data: st.DataObject) -> None:
    doc = load(name)
    excluded = map_containers(CLASSES[name].from_dict(doc))
    paths = [p for p in object_paths(doc) if id(at(doc, p)) not in excluded]
    for _ in range(data.draw(st.integers(1, 4))):
        target = at(doc, data.draw(st.sampled_from(paths)))
        key = "x-new-" + data.draw(st.text(min_size=1, max_size=10))
        target[key] = data.draw(json_values)
    assert_round_trips(CLASSES[name], doc)


@SETTINGS
@given(name=st.sampled_from(NAMES), data=st.data())
def test_missing_optional_fields_read_as_none(name: str, data: st.DataObject) -> None:
    cls = CLASSES[name]
    doc = load(name)
    slots = optional_slots(cls.from_dict(doc))
    if not slots:
        return
    chosen = data.draw(st.lists(st.sampled_from(range(len(slots))), unique=True, min_size=1, max_size=6))
    for index in chosen:
        owner, key = slots[index]
        owner.pop(key, None)
    assert_round_trips(cls, doc)


def test_missing_optional_property_covers_every_class_with_optionals() -> None:
    with_optionals = [n for n in NAMES if optional_slots(CLASSES[n].from_dict(load(n)))]
    # only a few classes (all fields required, e.g. CodeCommit records) have nothing to drop
    assert len(with_optionals) >= len(NAMES) - 4


header_names = st.sampled_from(["X-Request-ID", "Content-Type", "User-Agent", "X-Ünïcödé"])


def recase(data: st.DataObject, name: str) -> str:
    flags = data.draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    return "".join(c.upper() if f else c.lower() for c, f in zip(name, flags, strict=True))


@SETTINGS
@given(name=header_names, value=st.text(max_size=20), data=st.data())
def test_header_lookup_ignores_case(name: str, value: str, data: st.DataObject) -> None:
    stored, asked = recase(data, name), recase(data, name)
    iot = load("iot-custom-auth-request.json")
    iot["protocolData"]["http"]["headers"] = {stored: value}
    request = IoTCoreCustomAuthorizerRequest.from_dict(iot)
    assert request.protocol_data is not None
    assert request.protocol_data.http is not None
    assert request.protocol_data.http.header(asked) == value
    lattice = VPCLatticeRequestV2.from_dict(
        {"version": "2.0", "path": "/", "method": "GET", "headers": {stored: [value]}}
    )
    assert lattice.header(asked) == value
    ses = load("ses-lambda-event.json")
    ses["Records"][0]["ses"]["mail"]["headers"] = [{"name": stored, "value": value}]
    assert SimpleEmailEvent.from_dict(ses).records[0].ses.mail.header(asked) == value


@SETTINGS
@given(text=st.text(max_size=40))
def test_unicode_values_round_trip(text: str) -> None:
    doc = load("cognito-event-userpools-presignup.json")
    doc["userName"] = text
    doc["request"]["userAttributes"]["name"] = text
    assert_round_trips(CLASSES["cognito-event-userpools-presignup.json"], doc)
    event = CLASSES["cognito-event-userpools-presignup.json"].from_json(orjson.dumps(doc))
    assert event.to_dict()["userName"] == text
