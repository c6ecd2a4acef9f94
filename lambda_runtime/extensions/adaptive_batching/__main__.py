"""``python -m lambda_runtime.extensions.adaptive_batching [--name NAME]``: the adaptive-batching log shipper.

Registers (as ``adaptive-batching`` unless named), subscribes to the Telemetry API for the configured log
types, ships batches to S3 and flushes on SHUTDOWN; what it could not ship is reported with a count
(``/extension/exit/error`` ``Extension.LogsLost``).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Any

from lambda_runtime.extensions import (
    Buffering,
    Extension,
    InvokeEvent,
    ShutdownEvent,
    Subscription,
    TelemetryRecord,
    main,
)
from lambda_runtime.extensions.adaptive_batching.settings import PREFIX, Settings, parse_log_types
from lambda_runtime.extensions.adaptive_batching.shipper import LogShipper
from lambda_runtime.extensions.cli import extension_name

DEFAULT_NAME = "adaptive-batching"
# The sample's Logs API buffering, the tightest the Telemetry API allows for timeoutMs.
BUFFERING = Buffering(max_items=1000, max_bytes=262144, timeout_ms=25)
# Kept back from the SHUTDOWN deadline for reporting and exiting.
SHUTDOWN_MARGIN_S = 0.2


class LogsLost(Exception):
    """Some log records could not be shipped by the SHUTDOWN deadline."""


class S3Uploader:
    """Uploads to ``bucket`` through boto3. The client is built on first use or by ``warm`` (in the
    background after init), so boto3's import is never on the way to the first ``next``."""

    def __init__(self, bucket: str) -> None:
        self.bucket = bucket
        self._client: Any = None
        self._lock = threading.Lock()
        self._bucket_ready = False

    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                import boto3
                from botocore.config import Config

                endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or None
                config = Config(
                    connect_timeout=1,
                    read_timeout=5,
                    retries={"total_max_attempts": 1},  # the shipper retries, with its own backoff
                    s3={"addressing_style": "path"} if endpoint else {},
                )
                self._client = boto3.session.Session().client("s3", endpoint_url=endpoint, config=config)
            return self._client

    def warm(self) -> None:
        try:
            self.client()
        except Exception as exc:
            print(f"adaptive-batching: S3 client not ready yet: {exc}", file=sys.stderr, flush=True)

    def put(self, key: str, body: bytes) -> None:
        client = self.client()
        if not self._bucket_ready:
            try:
                client.head_bucket(Bucket=self.bucket)
            except client.exceptions.ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket", "NotFound"):
                    raise
                region = client.meta.region_name
                options = (
                    {}
                    if region in (None, "us-east-1")
                    else {"CreateBucketConfiguration": {"LocationConstraint": region}}
                )
                client.create_bucket(Bucket=self.bucket, **options)
            self._bucket_ready = True
        client.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType="text/plain")


def build(name: str = DEFAULT_NAME) -> Extension:
    types = parse_log_types(os.environ.get(PREFIX + "LOG_TYPES"))
    state: dict[str, LogShipper] = {}

    def on_init(_registration: object) -> None:
        settings = Settings.from_env(os.environ, log_types=types)
        function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "function")
        uploader = S3Uploader(settings.bucket)
        threading.Thread(target=uploader.warm, name="s3-warm-up", daemon=True).start()
        shipper = LogShipper(settings, uploader.put, function_name=function_name)
        shipper.start()
        state["shipper"] = shipper

    def on_telemetry(records: list[TelemetryRecord]) -> None:
        shipper = state.get("shipper")
        if shipper is not None:
            shipper.add(records)

    def on_invoke(_event: InvokeEvent) -> None:
        state["shipper"].on_invoke()

    def on_shutdown(event: ShutdownEvent) -> None:
        shipper = state["shipper"]
        deadline = time.monotonic() + max(0.0, event.deadline_ms / 1000 - time.time() - SHUTDOWN_MARGIN_S)
        report = shipper.flush(deadline)
        dropped = extension.queue.dropped_records
        lost = report.lost_records + dropped
        print(
            f"adaptive-batching: shipped {report.shipped_records} records in {report.shipped_objects} "
            f"objects to s3://{shipper.settings.bucket}",
            file=sys.stderr,
            flush=True,
        )
        if report.platform_dropped_records:
            print(
                f"adaptive-batching: Lambda reported {report.platform_dropped_records} records dropped "
                "before delivery",
                file=sys.stderr,
                flush=True,
            )
        if lost:
            raise LogsLost(
                f"{lost} log records not shipped ({report.unshipped_records} unshipped, "
                f"{report.unshipped_bytes} bytes; {report.dropped_records + dropped} dropped over the "
                "memory bound)"
            )

    extension = Extension(
        name,
        on_init=on_init,
        on_invoke=on_invoke,
        on_shutdown=on_shutdown,
        on_telemetry=on_telemetry,
        telemetry=Subscription(types=types, buffering=BUFFERING),
        flush_barrier_s=1.0,
    )
    return extension


if __name__ == "__main__":
    main(build(extension_name(sys.argv[1:], DEFAULT_NAME)))
