"""The log shipper's settings and batching on their own (a fake uploader; the S3 path is proven in
test_adaptive_batching_e2e.py against moto)."""

from __future__ import annotations

import re

import pytest

from lambda_runtime.extensions.adaptive_batching.settings import ConfigError, Settings
from lambda_runtime.extensions.adaptive_batching.shipper import LogShipper, object_key
from lambda_runtime.extensions.records import LogsDropped, TelemetryRecord

P = "ADAPTIVE_BATCHING_EXTENSION_"


def test_defaults_are_the_samples() -> None:
    settings = Settings.from_env({P + "S3_BUCKET": "b"})
    assert (settings.ship_rate_bytes, settings.ship_rate_invokes, settings.ship_rate_ms) == (4096, 10, 10000)
    assert settings.log_types == ("platform", "function")


def test_bucket_is_required_and_bytes_are_capped() -> None:
    with pytest.raises(ConfigError, match="S3_BUCKET"):
        Settings.from_env({})
    capped = Settings.from_env({P + "S3_BUCKET": "b", P + "SHIP_RATE_BYTES": str(10**12)})
    assert capped.ship_rate_bytes == 50 * 1024 * 1024
    with pytest.raises(ConfigError):
        Settings.from_env({P + "S3_BUCKET": "b", P + "SHIP_RATE_INVOKES": "many"})


@pytest.mark.parametrize("raw", ["not json", '["platform", "nope"]', "[]", '{"a": 1}'])
def test_invalid_log_types_fall_back_with_one_warning(raw: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_env({P + "S3_BUCKET": "b", P + "LOG_TYPES": raw})
    assert settings.log_types == ("platform", "function")
    assert capsys.readouterr().err.count("LOG_TYPES") == 1


def test_log_types_are_read() -> None:
    settings = Settings.from_env({P + "S3_BUCKET": "b", P + "LOG_TYPES": '["extension", "function"]'})
    assert settings.log_types == ("extension", "function")


def test_object_key_format() -> None:
    key = object_key("My-Function", "e" * 8 + "-0000-0000-0000-" + "0" * 12, 1767225600.123, "f-uuid")
    assert key == "2026-01-01-eeeeeeee-0000-0000-0000-000000000000/my-function-1767225600123-f-uuid.log"


def _records(count: int, start: int = 0) -> list[TelemetryRecord]:
    return [TelemetryRecord("t", "function", f"line {n}") for n in range(start, start + count)]


class FlakyS3:
    def __init__(self) -> None:
        self.up = True
        self.objects: dict[str, bytes] = {}

    def put(self, key: str, body: bytes) -> None:
        if not self.up:
            raise ConnectionError("S3 is down")
        self.objects[key] = body


def test_a_failed_ship_keeps_the_lines(capsys: pytest.CaptureFixture[str]) -> None:
    s3 = FlakyS3()
    shipper = LogShipper(Settings(bucket="b", ship_rate_invokes=1), s3.put, function_name="f")
    s3.up = False
    shipper.add(_records(5))
    shipper.on_invoke()
    assert shipper.pending_records == 5
    assert "will retry" in capsys.readouterr().err
    s3.up = True
    assert shipper.ship_once()
    assert shipper.pending_records == 0
    (body,) = s3.objects.values()
    assert body.count(b"\n") == 5
    assert re.match(r"^\d{4}-\d\d-\d\d-[0-9a-f-]{36}/f-\d{13}-[0-9a-f-]{36}\.log$", next(iter(s3.objects)))


def test_thresholds_are_checked_on_invoke() -> None:
    s3 = FlakyS3()
    now = [0.0]
    shipper = LogShipper(
        Settings(bucket="b", ship_rate_bytes=10**9, ship_rate_invokes=3, ship_rate_ms=1000),
        s3.put,
        function_name="f",
        monotonic=lambda: now[0],
    )
    shipper.add(_records(1))
    shipper.on_invoke()
    shipper.on_invoke()
    assert not s3.objects
    shipper.on_invoke()  # the third invoke trips the invokes threshold
    assert len(s3.objects) == 1
    shipper.add(_records(1))
    now[0] += 1.0  # the time threshold
    shipper.on_invoke()
    assert len(s3.objects) == 2


def test_memory_bound_counts_dropped_records_and_flush_reports() -> None:
    s3 = FlakyS3()
    s3.up = False
    shipper = LogShipper(Settings(bucket="b", max_pending_bytes=200), s3.put, function_name="f")
    shipper.add(_records(20))
    shipper.add([LogsDropped("t", "platform.logsDropped", {"droppedRecords": 4, "droppedBytes": 1})])
    report = shipper.flush(deadline=0.0)
    assert report.dropped_records > 0
    assert report.unshipped_records + report.dropped_records == 21
    assert report.lost_records == 21
    assert report.platform_dropped_records == 4
