"""Request ids are UUID version 4 text, trace ids X-Ray trace headers; neither repeats."""

from __future__ import annotations

import re
import uuid

from lambda_runtime.emulator.core.ids import new_request_id, new_trace_id

_TRACE = re.compile(r"Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0")


def test_request_ids_are_uuid4_text() -> None:
    ids = [new_request_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == text


def test_trace_ids_are_xray_headers() -> None:
    traces = [new_trace_id() for _ in range(2000)]
    assert len(set(traces)) == len(traces)
    for trace in traces:
        assert _TRACE.fullmatch(trace), trace
