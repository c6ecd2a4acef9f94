"""Every fixture event (HTTP and stream families, service families) decodes into its class and
round-trips unchanged."""

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
from tests.events.fixtures_http_and_streams import FIXTURES as HTTP_AND_STREAMS
from tests.events.fixtures_http_and_streams import MALFORMED
from tests.events.fixtures_services import FIXTURES as SERVICES
from tests.support.paths import FIXTURE_EVENTS

ALL_FIXTURES: dict[str, type[EventObject]] = {**SERVICES, **HTTP_AND_STREAMS}
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


@pytest.mark.parametrize(("name", "cls"), sorted(HTTP_AND_STREAMS.items()), ids=sorted(HTTP_AND_STREAMS))
def test_every_field_of_http_and_stream_fixtures_reads(name: str, cls: type[EventObject]) -> None:
    doc = load(name)
    pristine = copy.deepcopy(doc)
    event = cls.from_dict(doc)
    assert read_every_field(event) > 0
    assert event.to_dict() == pristine  # reading never changes the document


def test_no_file_is_mapped_twice() -> None:
    assert sorted(set(HTTP_AND_STREAMS) & set(SERVICES)) == []


def test_every_fixture_file_is_mapped() -> None:
    names = {p.name for p in FIXTURE_EVENTS.glob("*.json")}
    unmapped = sorted(names - set(ALL_FIXTURES) - {MALFORMED})
    assert unmapped == [], f"fixtures with no class: {unmapped}"
    assert sorted(set(ALL_FIXTURES) - names) == []


def test_malformed_fixture_fails_with_a_clear_error() -> None:
    data = (FIXTURE_EVENTS / MALFORMED).read_bytes()
    with pytest.raises(EventDecodeError, match=r"DynamoDBEvent: the event is not valid JSON: .*line 135"):
        DynamoDBEvent.from_json(data)
