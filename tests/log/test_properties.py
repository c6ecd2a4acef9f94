"""Whatever a caller passes, a JSON record is one valid JSON line with Lambda's keys intact."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from lambda_runtime.log import Level
from lambda_runtime.log._formatters import format_json, format_text

TS = "2024-05-01T12:00:00.123Z"

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.binary(max_size=8)
    | st.sets(st.integers(), max_size=3),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=5) | st.integers(), children, max_size=3)
    ),
    max_leaves=10,
)
fields = st.dictionaries(st.text(max_size=12), values, max_size=5)


@settings(max_examples=200, deadline=None)
@given(message=values, extra=fields, level=st.sampled_from(list(Level)))
def test_json_record_is_always_one_valid_line(
    message: object, extra: dict[str, object], level: Level
) -> None:
    line = format_json(level, TS, message, None, extra, logger="Log", error=None)
    assert "\n" not in line
    doc = json.loads(line)
    assert doc["timestamp"] == TS
    assert doc["level"] == level.name
    assert doc["logger"] == "Log"
    # Every field is kept, under its own name or, when it collides, under field_<name>.
    assert len(doc) == 4 + len(extra)


@settings(max_examples=100, deadline=None)
@given(message=values, extra=fields)
def test_text_record_never_raises(message: object, extra: dict[str, object]) -> None:
    line = format_text(Level.INFO, TS, message, None, extra, logger="Log", error=None)
    assert line.startswith(f"[INFO]\t{TS}\t\t")
