"""Every fixture event (parts A and B) decodes into its class and round-trips unchanged."""

from __future__ import annotations

import copy
import json
from typing import Any

import orjson
import pytest

from lambda_runtime.events import EventDecodeError
from lambda_runtime.events._base import EventObject
from lambda_runtime.events.dynamodb import DynamoDBEvent
from tests.events._walk import read_every_field
from tests.events.fixture_map import FIXTURES as FIXTURES_A
from tests.events.fixture_map import MALFORMED
from tests.support.paths import FIXTURE_EVENTS


def _part_b() -> dict[str, type[EventObject]]:
    try:
        from tests.events.fixture_map_b import FIXTURES as FIXTURES_B
    except ImportError:  # part B not landed yet
        return {}
    return dict(FIXTURES_B)


ALL_FIXTURES: dict[str, type[EventObject]] = {**_part_b(), **FIXTURES_A}
CASES = sorted(ALL_FIXTURES.items())


def load(name: str) -> Any:
    return json.loads((FIXTURE_EVENTS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "cls"), CASES, ids=[name for name, _ in CASES])
def test_fixture_round_trips(name: str, cls: type[EventObject]) -> None:
    doc = load(name)
    pristine = copy.deepcopy(doc)
    event = cls.from_dict(doc)
    assert event.to_dict() == pristine
    assert cls.from_json(orjson.dumps(event.to_dict())).to_dict() == pristine


@pytest.mark.parametrize(("name", "cls"), sorted(FIXTURES_A.items()), ids=sorted(FIXTURES_A))
def test_every_field_of_part_a_fixtures_reads(name: str, cls: type[EventObject]) -> None:
    doc = load(name)
    pristine = copy.deepcopy(doc)
    event = cls.from_dict(doc)
    assert read_every_field(event) > 0
    assert event.to_dict() == pristine  # reading never changes the document


def test_parts_do_not_map_a_file_twice() -> None:
    assert sorted(set(FIXTURES_A) & set(_part_b())) == []


def test_every_fixture_file_is_mapped() -> None:
    names = {p.name for p in FIXTURE_EVENTS.glob("*.json")}
    unmapped = sorted(names - set(ALL_FIXTURES) - {MALFORMED})
    assert unmapped == [], f"fixtures with no class: {unmapped}"
    assert sorted(set(ALL_FIXTURES) - names) == []


def test_malformed_fixture_fails_with_a_clear_error() -> None:
    data = (FIXTURE_EVENTS / MALFORMED).read_bytes()
    with pytest.raises(EventDecodeError, match=r"DynamoDBEvent: the event is not valid JSON: .*line 135"):
        DynamoDBEvent.from_json(data)
