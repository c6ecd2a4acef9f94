from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given
from hypothesis import strategies as st

from lambda_runtime.log._timestamps import format_timestamp


def test_rfc3339_utc_with_milliseconds() -> None:
    assert format_timestamp(0) == "1970-01-01T00:00:00.000Z"
    assert format_timestamp(1_714_564_800_123_999_999) == "2024-05-01T12:00:00.123Z"


def test_milliseconds_truncate_and_seconds_roll_over() -> None:
    base = 1_714_564_800 * 1_000_000_000
    assert format_timestamp(base + 999_999_999) == "2024-05-01T12:00:00.999Z"
    assert format_timestamp(base + 1_000_000_000) == "2024-05-01T12:00:01.000Z"
    assert format_timestamp(base + 999_999_999) == "2024-05-01T12:00:00.999Z"


@given(st.integers(min_value=0, max_value=4_102_444_800 * 1_000_000_000))
def test_matches_datetime(timestamp_ns: int) -> None:
    seconds, nanos = divmod(timestamp_ns, 1_000_000_000)
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    expected = moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{nanos // 1_000_000:03d}Z"
    assert format_timestamp(timestamp_ns) == expected
