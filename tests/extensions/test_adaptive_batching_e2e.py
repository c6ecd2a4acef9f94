"""The adaptive-batching log shipper under the emulator, shipping to a real S3 API (moto on loopback).

Scale: the issue's proof asks for 100,000 lines over a few hundred invokes; by default here 20,000 lines
over 100 invokes, which runs in seconds on a shared 2-core machine (the shipper's path is the same).
``EXTENSIONS_FULL_SCALE=1`` runs the issue's size: 100,000 lines over 400 invokes.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from lambda_runtime.emulator.config import FunctionConfig
from tests.extensions.harness import EmulatorThread, MotoServer, SwitchableProxy, module_launcher

FUNCTION = """
def handler(event, context):
    for n in range(event["start"], event["start"] + event["count"]):
        print(f"line {n}")
    return event["count"]
"""

KEY = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/"
    r"function-(\d{13})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.log$"
)


class Shipping:
    def __init__(self, tmp_path: Path, moto: MotoServer, bucket: str, s3_url: str, **settings: str) -> None:
        task_root = tmp_path / "task"
        task_root.mkdir()
        (task_root / "app.py").write_text(FUNCTION)
        extensions = tmp_path / "extensions"
        module_launcher(extensions, "adaptive-batching", "lambda_runtime.extensions.adaptive_batching")
        self.moto = moto
        self.bucket = bucket
        env = {
            **moto.env(),
            "AWS_ENDPOINT_URL_S3": s3_url,
            "ADAPTIVE_BATCHING_EXTENSION_S3_BUCKET": bucket,
            **{f"ADAPTIVE_BATCHING_EXTENSION_{name}": value for name, value in settings.items()},
        }
        self.emulator = EmulatorThread(
            FunctionConfig(
                handler="app.handler",
                task_root=task_root,
                extensions_dir=extensions,
                command=(sys.executable, "-m", "lambda_runtime"),
                timeout_s=30.0,
                env=env,
            )
        )
        self.next_line = 0

    def invoke(self, count: int) -> None:
        answer = self.emulator.invoke(orjson.dumps({"start": self.next_line, "count": count}))
        assert answer.status_code == 200, answer.text
        assert orjson.loads(answer.content) == count, answer.text
        self.next_line += count

    def objects(self) -> dict[str, bytes]:
        s3 = self.moto.client("s3")
        try:
            listing = s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
            keys = [item["Key"] for page in listing for item in page.get("Contents", [])]
        except s3.exceptions.NoSuchBucket:
            return {}
        return {key: s3.get_object(Bucket=self.bucket, Key=key)["Body"].read() for key in keys}

    def records(self) -> list[dict[str, Any]]:
        return [orjson.loads(line) for body in self.objects().values() for line in body.splitlines()]

    def extension_lines(self) -> str:
        return "\n".join(line for line in self.emulator.lines if "[extension adaptive-batching]" in line)


@pytest.fixture
def make(tmp_path: Path, moto_server: MotoServer) -> Iterator[Any]:
    made: list[Shipping] = []

    def build(bucket: str, s3_url: str | None = None, **settings: str) -> Shipping:
        shipping = Shipping(tmp_path, moto_server, bucket, s3_url or moto_server.url, **settings)
        made.append(shipping)
        return shipping

    yield build
    for shipping in made:
        shipping.emulator.close()


def _function_lines(records: list[dict[str, Any]]) -> Counter[str]:
    return Counter(r["record"] for r in records if r["type"] == "function")


def test_every_line_reaches_s3_exactly_once(make: Any) -> None:
    shipping = make("every-line")
    invokes, per_invoke = (400, 250) if os.environ.get("EXTENSIONS_FULL_SCALE") == "1" else (100, 200)
    for _ in range(invokes):
        shipping.invoke(per_invoke)
    shipping.emulator.close()

    objects = shipping.objects()
    environments = set()
    for key in objects:
        match = KEY.match(key)
        assert match, key
        assert match.group(1, 2, 3) == tuple(time.strftime("%Y-%m-%d", time.gmtime()).split("-"))
        environments.add(match.group(4))
    assert len(environments) == 1
    records = shipping.records()
    lines = _function_lines(records)
    assert lines == Counter(f"line {n}" for n in range(invokes * per_invoke))
    types = Counter(r["type"] for r in records)
    assert types["platform.start"] == invokes
    assert types["platform.report"] == invokes
    assert types["platform.initStart"] == 1
    assert "extension" not in types  # not among the default log types
    # The default 4096-byte rate trips at (nearly) every INVOKE: each invoke logs far more than that.
    assert invokes // 2 <= len(objects) <= invokes + 2
    assert "shipped" in shipping.extension_lines()


def test_invokes_threshold_and_bytes_cap(make: Any) -> None:
    shipping = make(
        "by-invokes", SHIP_RATE_INVOKES="5", SHIP_RATE_BYTES="999999999", SHIP_RATE_MILLISECONDS="600000"
    )
    for _ in range(12):
        shipping.invoke(10)
    shipping.emulator.close()
    # Ships at the 5th and 10th INVOKE, then the SHUTDOWN flush.
    assert len(shipping.objects()) == 3
    assert _function_lines(shipping.records()) == Counter(f"line {n}" for n in range(120))


def test_bytes_threshold(make: Any) -> None:
    shipping = make("by-bytes", SHIP_RATE_INVOKES="1000", SHIP_RATE_MILLISECONDS="600000")
    for _ in range(6):
        shipping.invoke(100)  # well over 4096 bytes of records each
    shipping.emulator.close()
    objects = sorted(shipping.objects().items(), key=lambda item: KEY.match(item[0]).group(5))  # type: ignore[union-attr]
    assert 5 <= len(objects) <= 7
    assert all(len(body) >= 4096 for _, body in objects[:-1])
    assert _function_lines(shipping.records()) == Counter(f"line {n}" for n in range(600))


def test_timer_ships_between_invokes(make: Any) -> None:
    shipping = make(
        "by-time", SHIP_RATE_INVOKES="1000", SHIP_RATE_BYTES="52428800", SHIP_RATE_MILLISECONDS="200"
    )
    shipping.invoke(3)
    # No further INVOKE: only the timer can ship the lines while the environment idles.
    deadline = time.monotonic() + 60
    while _function_lines(shipping.records()) != Counter(["line 0", "line 1", "line 2"]):
        assert time.monotonic() < deadline, "the timer never shipped"
        time.sleep(0.1)


def test_s3_unreachable_for_a_while_loses_nothing(make: Any, moto_server: MotoServer) -> None:
    proxy = SwitchableProxy(moto_server.port)
    try:
        shipping = make("outage", s3_url=proxy.url, SHIP_RATE_INVOKES="2")
        proxy.set_up(False)
        for _ in range(10):
            shipping.invoke(50)
        assert proxy.refused > 0
        assert shipping.objects() == {}
        proxy.set_up(True)
        for _ in range(5):
            shipping.invoke(50)
        shipping.emulator.close()
    finally:
        proxy.close()
    assert _function_lines(shipping.records()) == Counter(f"line {n}" for n in range(750))
    assert "ship to S3 failed, will retry" in shipping.extension_lines()
    assert "not shipped" not in shipping.extension_lines()


def test_s3_down_at_shutdown_reports_the_loss(make: Any, moto_server: MotoServer) -> None:
    proxy = SwitchableProxy(moto_server.port)
    try:
        shipping = make("down-at-shutdown", s3_url=proxy.url)
        proxy.set_up(False)
        for _ in range(3):
            shipping.invoke(10)
        shipping.emulator.close()
    finally:
        proxy.close()
    lines = shipping.extension_lines()
    found = re.search(r"Extension\.LogsLost: (\d+) log records not shipped", lines)
    assert found, lines
    assert int(found.group(1)) >= 30 + 3  # every function line and at least a record per invoke
    assert "[extension adaptive-batching] exit error: Extension.LogsLost" in "\n".join(
        shipping.emulator.lines
    )
