"""The framework's parts on their own: subscriptions and limits, the record queue, the listener over real
HTTP, events, names, Managed Instances mode, and what an extension imports before it registers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import orjson
import pytest

from lambda_runtime.extensions import (
    Api,
    Buffering,
    DropPolicy,
    Extension,
    FunctionLog,
    InvokeEvent,
    LogsDropped,
    PlatformRuntimeDone,
    RecordQueue,
    ShutdownEvent,
    Subscription,
    TelemetryListener,
    TelemetryRecord,
)
from lambda_runtime.extensions.cli import extension_name
from lambda_runtime.extensions.events import parse_event
from lambda_runtime.extensions.extension import listener_host
from tests.support.paths import REPO_ROOT


@pytest.mark.parametrize(
    "options",
    [
        {"max_items": 999},
        {"max_items": 10001},
        {"max_bytes": 262143},
        {"max_bytes": 1048577},
        {"timeout_ms": 24},
        {"timeout_ms": 30001},
    ],
)
def test_buffering_outside_the_documented_limits_is_refused(options: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="buffering"):
        Buffering(**options)


def test_buffering_limits_are_inclusive() -> None:
    Buffering(max_items=1000, max_bytes=262144, timeout_ms=25)
    Buffering(max_items=10000, max_bytes=1048576, timeout_ms=30000)


def test_subscription_body_and_schema_versions() -> None:
    body = orjson.loads(Subscription(types=("platform", "function", "extension")).body(9003))
    assert body == {
        "schemaVersion": "2022-12-13",
        "types": ["platform", "function", "extension"],
        "buffering": {"maxItems": 10000, "maxBytes": 262144, "timeoutMs": 1000},
        "destination": {"protocol": "HTTP", "URI": "http://sandbox.localdomain:9003/"},
    }
    Subscription(schema_version="2025-01-29")
    Subscription(api=Api.LOGS, schema_version="2020-08-15")
    with pytest.raises(ValueError, match="schema version"):
        Subscription(api=Api.LOGS, schema_version="2022-12-13")
    with pytest.raises(ValueError, match="record type"):
        Subscription(types=("platform", "bogus"))


def _record(n: int) -> TelemetryRecord:
    return TelemetryRecord("2026-01-01T00:00:00.000Z", "function", f"line {n}")


def test_queue_drop_newest_counts_what_it_refuses() -> None:
    queue = RecordQueue(max_items=3, max_bytes=1000)
    assert [queue.put(_record(n), 10) for n in range(5)] == [True, True, True, False, False]
    assert (queue.dropped_records, queue.dropped_bytes) == (2, 20)
    assert [r.record for r in queue.drain(0)] == ["line 0", "line 1", "line 2"]


def test_queue_drop_oldest_evicts_and_counts() -> None:
    queue = RecordQueue(max_items=100, max_bytes=30, policy=DropPolicy.DROP_OLDEST)
    for n in range(5):
        queue.put(_record(n), 10)
    assert queue.dropped_records == 2
    assert [r.record for r in queue.drain(0)] == ["line 2", "line 3", "line 4"]
    assert queue.put(_record(9), 31) is False  # bigger than the whole queue
    assert queue.dropped_bytes == 20 + 31


def test_queue_wait_empty_waits_for_the_consumer() -> None:
    queue = RecordQueue()
    queue.put(_record(1), 10)
    assert not queue.wait_empty(0)
    batch = queue.drain(0)
    assert not queue.wait_empty(0)  # drained, not yet handled
    queue.done(len(batch))
    assert queue.wait_empty(0)


def test_listener_parses_deliveries_into_typed_records() -> None:
    queue = RecordQueue()
    listener = TelemetryListener(queue).start()
    try:
        batch = [
            {"time": "t", "type": "function", "record": "hello"},
            {"time": "t", "type": "platform.runtimeDone", "record": {"requestId": "r1", "status": "success"}},
            {"time": "t", "type": "platform.logsDropped", "record": {"droppedRecords": 3, "droppedBytes": 9}},
            {"time": "t", "type": "platform.somethingNew", "record": {}},
        ]
        with httpx.Client() as client:  # one keep-alive connection for both posts
            url = f"http://127.0.0.1:{listener.port}/"
            assert client.post(url, content=orjson.dumps(batch)).status_code == 200
            assert client.post(url, content=b"not json").status_code == 400
        records = queue.drain(0)
        assert [type(r) for r in records] == [FunctionLog, PlatformRuntimeDone, LogsDropped, TelemetryRecord]
        runtime_done = records[1]
        assert isinstance(runtime_done, PlatformRuntimeDone)
        assert (runtime_done.request_id, runtime_done.status) == ("r1", "success")
        dropped = records[2]
        assert isinstance(dropped, LogsDropped)
        assert (dropped.dropped_records, dropped.dropped_bytes) == (3, 9)
        assert listener.runtime_done_seen("r1")
        assert listener.wait_runtime_done("r1", 0)
        assert not listener.wait_runtime_done("r2", 0)
        assert listener.bad_batches == 1
    finally:
        listener.close()


def test_events_parse() -> None:
    invoke = parse_event(
        b'{"eventType":"INVOKE","deadlineMs":5,"requestId":"r","invokedFunctionArn":"arn",'
        b'"tracing":{"type":"X-Amzn-Trace-Id","value":"Root=1"}}'
    )
    assert isinstance(invoke, InvokeEvent)
    assert (invoke.request_id, invoke.deadline_ms, invoke.tracing and invoke.tracing.value) == (
        "r",
        5,
        "Root=1",
    )
    shutdown = parse_event(b'{"eventType":"SHUTDOWN","deadlineMs":7,"shutdownReason":"SPINDOWN"}')
    assert shutdown == ShutdownEvent(7, "spindown")
    with pytest.raises(ValueError, match="unknown"):
        parse_event(b'{"eventType":"OTHER"}')


def test_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAMBDA_EXTENSION_NAME", raising=False)
    monkeypatch.setattr(sys, "argv", ["/opt/extensions/my-extension"])
    assert Extension().name == "my-extension"
    assert Extension("given").name == "given"
    assert extension_name(["--name", "launcher"], "cache") == "launcher"
    assert extension_name(["--name=other"], "cache") == "other"
    assert extension_name([], "cache") == "cache"
    monkeypatch.setenv("LAMBDA_EXTENSION_NAME", "from-env")
    assert Extension().name == "from-env"
    assert extension_name([], "cache") == "from-env"


def test_managed_instances_mode() -> None:
    extension = Extension(
        "x", managed_instances=True, telemetry=Subscription(), on_telemetry=lambda records: None
    )
    assert extension.events == ("SHUTDOWN",)
    assert extension.telemetry is not None
    assert extension.telemetry.schema_version == "2025-01-29"
    with pytest.raises(ValueError, match="Logs API"):
        Extension(
            "x",
            managed_instances=True,
            telemetry=Subscription(api=Api.LOGS, schema_version="2021-03-18"),
            on_telemetry=lambda records: None,
        )


def test_listener_host_from_the_hosts_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAMBDA_EXTENSION_LISTENER_HOST", raising=False)
    hosts = tmp_path / "hosts"
    hosts.write_text("127.0.0.1 localhost\n169.254.100.1 sandbox.localdomain sandbox\n")
    assert listener_host(str(hosts)) == "169.254.100.1"
    assert listener_host(str(hosts) + ".missing") == "127.0.0.1"


def test_nothing_heavy_loads_before_registration() -> None:
    code = (
        "import sys\n"
        "import lambda_runtime.extensions.adaptive_batching.__main__\n"
        "import lambda_runtime.extensions.cache.__main__\n"
        "heavy = ('boto3', 'botocore', 'yaml', 'httpx', 'asyncio', 'http.client', 'lambda_runtime.emulator',"
        " 'lambda_runtime.runtime')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=REPO_ROOT)
    assert out.stdout.strip() == b"[]"
