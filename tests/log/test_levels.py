from __future__ import annotations

import logging

import pytest

from lambda_runtime.log import Level
from lambda_runtime.log._levels import LEVEL_NAMES


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("TRACE", Level.TRACE),
        ("debug", Level.DEBUG),
        (" Info ", Level.INFO),
        ("WARN", Level.WARN),
        ("warning", Level.WARN),
        ("ERROR", Level.ERROR),
        ("FATAL", Level.FATAL),
        ("critical", Level.FATAL),
    ],
)
def test_parse_accepts_lambda_names_and_aliases(text: str, level: Level) -> None:
    assert Level.parse(text) is level


@pytest.mark.parametrize("text", ["", "VERBOSE", "3", "INFOO"])
def test_parse_rejects_unknown_names_with_the_choices(text: str) -> None:
    with pytest.raises(ValueError, match="expected one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL"):
        Level.parse(text)


def test_values_are_the_telemetry_frame_numbers() -> None:
    assert [int(level) for level in Level] == [1, 2, 3, 4, 5, 6]
    assert [LEVEL_NAMES[level] for level in Level] == ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]


@pytest.mark.parametrize(
    ("levelno", "level"),
    [
        (1, Level.TRACE),
        (5, Level.TRACE),
        (logging.DEBUG, Level.DEBUG),
        (15, Level.DEBUG),
        (logging.INFO, Level.INFO),
        (logging.WARNING, Level.WARN),
        (logging.ERROR, Level.ERROR),
        (logging.CRITICAL, Level.FATAL),
        (99, Level.FATAL),
    ],
)
def test_stdlib_numbers_map_to_the_level_at_or_below(levelno: int, level: Level) -> None:
    assert Level.from_stdlib(levelno) is level


def test_to_stdlib_round_trips() -> None:
    for level in Level:
        assert Level.from_stdlib(level.to_stdlib()) is level
    assert Level.TRACE.to_stdlib() < logging.DEBUG
