"""``PreludeSplitter``: the Function URL framing found whatever the chunk boundaries, and every other
stream passed through unchanged."""

from __future__ import annotations

import itertools

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lambda_runtime.emulator.client.http_prelude import MAX_PRELUDE_BYTES, PreludeSplitter, describe_prelude

SEPARATOR = b"\x00" * 8
PRELUDE = {"statusCode": 200, "headers": {"Content-Type": "text/plain"}, "cookies": ["a=b"]}
FRAMED = orjson.dumps(PRELUDE) + SEPARATOR + b"hello\nworld"


def split(chunks: list[bytes]) -> tuple[dict[str, object] | None, bytes]:
    splitter = PreludeSplitter()
    body = b"".join(splitter.feed(chunk) for chunk in chunks) + splitter.close()
    return splitter.prelude, body


def cut(data: bytes, points: list[int]) -> list[bytes]:
    edges = [0, *sorted({p % (len(data) + 1) for p in points}), len(data)]
    return [data[a:b] for a, b in itertools.pairwise(edges)]


@given(st.lists(st.integers(min_value=0), max_size=6))
def test_framed_stream_is_split_at_any_chunk_boundaries(points: list[int]) -> None:
    assert split(cut(FRAMED, points)) == (PRELUDE, b"hello\nworld")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"plain text",
        b'{"a": 1}\n{"b": 2}\n',
        b'{"a": 1}',  # a JSON object, but no separator follows
        b"[1, 2]" + SEPARATOR + b"body",  # not an object
        b'{"a": 1}' + b"\x00" * 7 + b"x",  # a short separator
        b'{"a": 1' + SEPARATOR + b"body",  # not JSON
        bytes(range(256)),
    ],
)
@given(points=st.lists(st.integers(min_value=0), max_size=4))
def test_other_streams_pass_through_unchanged(data: bytes, points: list[int]) -> None:
    assert split(cut(data, points)) == (None, data)


def test_json_lines_are_not_held_back_once_a_second_value_starts() -> None:
    splitter = PreludeSplitter()
    assert splitter.feed(b'{"a": 1}\n') == b""  # could still be a prelude awaiting its separator
    assert splitter.feed(b'{"b"') == b'{"a": 1}\n{"b"'
    assert splitter.feed(b": 2}") == b": 2}"
    assert splitter.prelude is None


def test_text_is_not_held_back() -> None:
    assert PreludeSplitter().feed(b"hello") == b"hello"


def test_holds_back_at_most_the_limit() -> None:
    splitter = PreludeSplitter()
    opening = b'{"k": "' + b"x" * MAX_PRELUDE_BYTES
    assert splitter.feed(opening[:100]) == b""
    assert splitter.feed(opening[100:]) == opening
    assert splitter.feed(b'"}' + SEPARATOR) == b'"}' + SEPARATOR


def test_detection_off_passes_everything() -> None:
    splitter = PreludeSplitter(detect=False)
    assert splitter.feed(FRAMED) == FRAMED
    assert splitter.close() == b""
    assert splitter.prelude is None


def test_describe_prelude() -> None:
    prelude = {
        "statusCode": 302,
        "headers": {"Location": "/x"},
        "multiValueHeaders": {"Vary": ["Accept", "Origin"]},
        "cookies": ["a=b"],
    }
    assert list(describe_prelude(prelude)) == [
        "HTTP 302",
        "Location: /x",
        "Vary: Accept",
        "Vary: Origin",
        "Set-Cookie: a=b",
    ]
    assert list(describe_prelude({})) == ["HTTP 200"]
