"""The service families' fixture events: each decodes into its class, every declared field reads
without error, and the document round-trips unchanged (also through JSON text)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from lambda_runtime.events._base import EventObject, _FieldBase
from tests.events.fixtures_services import FIXTURES
from tests.support.paths import FIXTURE_EVENTS


def declared_fields(cls: type[EventObject]) -> dict[str, _FieldBase]:
    """Attribute name -> field descriptor, for ``cls`` and its bases."""
    fields: dict[str, _FieldBase] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, _FieldBase):
                fields[name] = value
    return fields


def read_all_fields(obj: EventObject) -> int:
    """Read every field (raising whatever a read raises) and recurse into wrappers; returns the number
    of fields read."""
    count = 0
    for name in declared_fields(type(obj)):
        value: Any = getattr(obj, name)
        count += 1
        for child in _children(value):
            count += read_all_fields(child)
    return count


def _children(value: Any) -> list[EventObject]:
    if isinstance(value, EventObject):
        return [value]
    out: list[EventObject] = []
    if isinstance(value, list):
        for item in value:
            out.extend(_children(item))
    elif isinstance(value, dict):
        for item in value.values():
            out.extend(_children(item))
    return out


CASES = sorted(FIXTURES.items())


def load(name: str) -> object:
    return json.loads((FIXTURE_EVENTS / name).read_text())


@pytest.mark.parametrize(("name", "cls"), CASES, ids=[name for name, _ in CASES])
def test_fixture_decodes_reads_and_round_trips(name: str, cls: type[EventObject]) -> None:
    doc = load(name)
    pristine = copy.deepcopy(doc)
    event = cls.from_dict(doc)
    assert read_all_fields(event) > 0
    assert event.to_dict() == pristine
    again = cls.from_json(orjson.dumps(event.to_dict()))
    assert again == event


def test_every_mapped_fixture_exists() -> None:
    missing = [name for name in FIXTURES if not Path(FIXTURE_EVENTS, name).is_file()]
    assert missing == []
