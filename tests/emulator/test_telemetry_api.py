"""Telemetry / Logs API subscriptions, record shapes and the buffering policy, with an injected clock."""

from __future__ import annotations

import orjson
import pytest

from lambda_runtime.emulator.extensions.delivery import RecordBuffer
from lambda_runtime.protocol.telemetry import (
    Api,
    Buffering,
    SubscriptionError,
    TelemetryRecord,
    format_time,
    log_record,
    parse_subscription,
    platform_report,
    platform_start,
    to_logs_api,
)


def _body(**overrides: object) -> bytes:
    doc: dict[str, object] = {
        "schemaVersion": "2022-12-13",
        "types": ["platform", "function"],
        "buffering": {"maxItems": 1000, "maxBytes": 262144, "timeoutMs": 100},
        "destination": {"protocol": "HTTP", "URI": "http://sandbox.localdomain:8080/telemetry"},
    }
    doc.update(overrides)
    return orjson.dumps({k: v for k, v in doc.items() if v is not None})


def test_valid_subscription() -> None:
    sub = parse_subscription(Api.TELEMETRY, _body())
    assert sub.types == {"platform", "function"}
    assert sub.buffering == Buffering(1000, 262144, 100)
    assert sub.destination.url == "http://127.0.0.1:8080/telemetry"
    assert sub.wants("platform.start")
    assert sub.wants("function")
    assert not sub.wants("extension")


def test_defaults_and_logs_api_versions() -> None:
    sub = parse_subscription(Api.TELEMETRY, _body(buffering=None))
    assert sub.buffering == Buffering(10000, 262144, 1000)
    logs = parse_subscription(Api.LOGS, _body(schemaVersion=None))
    assert logs.schema_version == "2020-08-15"
    tcp = parse_subscription(
        Api.LOGS,
        _body(schemaVersion=None, destination={"protocol": "TCP", "URI": "tcp://sandbox.localdomain:9"}),
    )
    assert tcp.destination.protocol == "TCP"


@pytest.mark.parametrize(
    ("api", "body", "message"),
    [
        (Api.TELEMETRY, b"{", "not valid JSON"),
        (Api.TELEMETRY, b"[]", "must be a JSON object"),
        (Api.TELEMETRY, _body(schemaVersion=None), "schemaVersion is required"),
        (Api.TELEMETRY, _body(schemaVersion="2020-08-15"), "is not one of"),
        (Api.LOGS, _body(schemaVersion="2022-12-13"), "is not one of"),
        (Api.TELEMETRY, _body(types=[]), "types must be a non-empty list"),
        (Api.TELEMETRY, _body(types=["platform", "kernel"]), "'kernel'"),
        (Api.TELEMETRY, _body(buffering={"maxItems": 999}), "maxItems must be between 1000 and 10000"),
        (Api.TELEMETRY, _body(buffering={"maxBytes": 2**21}), "maxBytes must be between"),
        (Api.TELEMETRY, _body(buffering={"timeoutMs": 24}), "timeoutMs must be between 25 and 30000"),
        (Api.TELEMETRY, _body(buffering={"timeoutMs": "100"}), "timeoutMs must be int"),
        (Api.TELEMETRY, _body(buffering={"timeoutMs": True}), "timeoutMs must be int"),
        (Api.TELEMETRY, _body(buffering=[1]), "buffering must be an object"),
        (Api.TELEMETRY, _body(destination=None), "destination is required"),
        (Api.TELEMETRY, _body(destination={"protocol": "UDP", "URI": "x"}), "HTTP or TCP"),
        (Api.TELEMETRY, _body(destination={"protocol": "HTTP"}), "URI is required"),
        (Api.TELEMETRY, _body(destination={"protocol": "HTTP", "URI": "http://example.com:80/"}), "host"),
        (
            Api.TELEMETRY,
            _body(destination={"protocol": "HTTP", "URI": "http://sandbox.localdomain/"}),
            "port",
        ),
        (Api.TELEMETRY, _body(destination={"protocol": "HTTP", "URI": "tcp://localhost:1/"}), "http://"),
    ],
)
def test_validation_errors(api: Api, body: bytes, message: str) -> None:
    with pytest.raises(SubscriptionError, match=message) as info:
        parse_subscription(api, body)
    assert info.value.error_type == "ValidationError"


def test_time_format_is_utc_milliseconds() -> None:
    assert format_time(1665532815.0649) == "2022-10-12T00:00:15.064Z"


def test_log_lines_become_strings_or_objects() -> None:
    assert log_record("function", "hello\n", 0).record == "hello"
    structured = log_record("function", '{"level": "INFO", "message": "hi"}', 0)
    assert structured.record == {"level": "INFO", "message": "hi"}
    assert log_record("extension", "{not json}", 0).record == "{not json}"
    encoded = orjson.loads(log_record("function", "x", 0).to_json())
    assert encoded == {"time": "1970-01-01T00:00:00.000Z", "type": "function", "record": "x"}


def test_logs_api_translation() -> None:
    start = TelemetryRecord(
        0, "platform.start", platform_start(request_id="r", version="$LATEST", trace_id="t")
    )
    assert [r.record for r in to_logs_api(start, "2020-08-15")] == [{"requestId": "r", "version": "$LATEST"}]
    report = TelemetryRecord(
        0,
        "platform.report",
        platform_report(
            request_id="r", status="success", duration_ms=1, billed_duration_ms=1, memory_size_mb=128,
            max_memory_used_mb=30,
        ),
    )  # fmt: skip
    assert [r.type for r in to_logs_api(report, "2021-03-18")] == ["platform.end", "platform.report"]
    done = TelemetryRecord(0, "platform.runtimeDone", {"requestId": "r", "status": "success", "spans": []})
    assert to_logs_api(done, "2020-08-15") == []
    assert [r.record for r in to_logs_api(done, "2021-03-18")] == [{"requestId": "r", "status": "success"}]
    assert to_logs_api(TelemetryRecord(0, "platform.initStart", {}), "2021-03-18") == []
    line = TelemetryRecord(0, "function", "x")
    assert to_logs_api(line, "2020-08-15") == [line]


def _record(index: int, size: int = 10) -> TelemetryRecord:
    return TelemetryRecord(0, "function", f"{index:04d}" + "x" * size)


def test_buffer_waits_for_timeout_then_sends_everything() -> None:
    buffer = RecordBuffer(Buffering(max_items=1000, max_bytes=262144, timeout_ms=100))
    assert buffer.due_at() is None
    buffer.add(_record(1), now=10.0)
    buffer.add(_record(2), now=10.05)
    assert not buffer.is_due(10.099)
    assert buffer.is_due(10.1)
    batch = buffer.take_batch(now=10.1)
    assert [orjson.loads(item)["record"][:4] for item in batch] == ["0001", "0002"]
    assert buffer.due_at() is None
    assert len(buffer) == 0


def test_buffer_is_due_at_once_when_max_items_reached() -> None:
    buffer = RecordBuffer(Buffering(max_items=1000, max_bytes=1048576, timeout_ms=30000))
    for index in range(999):
        buffer.add(_record(index), now=1.0)
    assert not buffer.is_due(1.0)
    buffer.add(_record(999), now=1.0)
    assert buffer.is_due(1.0)
    assert len(buffer.take_batch(now=1.0)) == 1000


def test_buffer_splits_batches_at_max_bytes() -> None:
    buffer = RecordBuffer(Buffering(max_items=10000, max_bytes=262144, timeout_ms=25), capacity_bytes=10**7)
    for index in range(60):
        buffer.add(_record(index, size=10_000), now=0.0)
    assert buffer.is_due(0.0)
    sizes = []
    while len(buffer):
        batch = buffer.take_batch(now=0.0)
        assert sum(len(item) for item in batch) <= 262144
        sizes.append(len(batch))
    assert sum(sizes) == 60
    assert len(sizes) == 3


def test_buffer_drops_past_capacity_and_reports_it_first() -> None:
    buffer = RecordBuffer(Buffering(max_items=1000, max_bytes=262144, timeout_ms=1000), capacity_bytes=200)
    assert buffer.add(_record(1), now=0.0)
    assert buffer.add(_record(2), now=0.0)
    kept = buffer.pending_bytes
    assert not buffer.add(_record(3, size=200), now=0.0)
    assert buffer.pending_bytes == kept
    batch = [orjson.loads(item) for item in buffer.take_batch(now=5.0)]
    assert batch[0]["type"] == "platform.logsDropped"
    assert batch[0]["record"]["droppedRecords"] == 1
    assert batch[0]["record"]["droppedBytes"] > 200
    assert [item["record"][:4] for item in batch[1:]] == ["0001", "0002"]


def test_lost_batches_are_reported_in_the_next_one() -> None:
    buffer = RecordBuffer(Buffering(max_items=1000, max_bytes=262144, timeout_ms=1000))
    buffer.add(_record(1), now=0.0)
    lost = buffer.take_batch(now=1.0)
    buffer.count_lost(lost)
    assert buffer.is_due(1.0)
    (notice,) = [orjson.loads(item) for item in buffer.take_batch(now=2.0)]
    assert notice["record"]["droppedRecords"] == 1
