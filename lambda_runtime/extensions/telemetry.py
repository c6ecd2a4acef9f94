"""Telemetry API / Logs API subscriptions and the listener that receives the deliveries.

Rules:
- A ``Subscription`` is validated when it is built (schema version per API, record types, buffering
  against the documented limits); ``body(port)`` renders the PUT body with a ``sandbox.localdomain`` URI.
- The listener binds the loopback address unless told otherwise (Lambda maps ``sandbox.localdomain`` to
  the environment); every POSTed batch is parsed into typed records, queued, then acknowledged with 200.
- The listener remembers which requests' ``platform.runtimeDone`` (Logs API: ``platform.end``) it has
  seen, so a flush barrier can wait for the current invoke's logs (``wait_runtime_done``).
"""

from __future__ import annotations

import enum
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import orjson

from lambda_runtime.extensions._http import HttpServer, Request, Response
from lambda_runtime.extensions.buffer import RecordQueue
from lambda_runtime.extensions.records import PlatformRuntimeDone, parse_batch
from lambda_runtime.extensions.wire import (
    LOGS_API_PATH,
    LOGS_SCHEMA_VERSIONS,
    MAX_BYTES,
    MAX_ITEMS,
    RECORD_TYPES,
    SANDBOX_HOST,
    TELEMETRY_API_PATH,
    TELEMETRY_SCHEMA_VERSIONS,
    TIMEOUT_MS,
)

__all__ = ["Api", "Buffering", "Subscription", "TelemetryListener"]

# How many request ids of runtimeDone records the listener remembers.
_SEEN_RUNTIME_DONE = 256


class Api(enum.Enum):
    TELEMETRY = "telemetry"
    LOGS = "logs"

    @property
    def path(self) -> str:
        return TELEMETRY_API_PATH if self is Api.TELEMETRY else LOGS_API_PATH

    @property
    def schema_versions(self) -> tuple[str, ...]:
        return TELEMETRY_SCHEMA_VERSIONS if self is Api.TELEMETRY else LOGS_SCHEMA_VERSIONS


@dataclass(frozen=True, slots=True)
class Buffering:
    max_items: int = MAX_ITEMS.default
    max_bytes: int = MAX_BYTES.default
    timeout_ms: int = TIMEOUT_MS.default

    def __post_init__(self) -> None:
        MAX_ITEMS.check(self.max_items)
        MAX_BYTES.check(self.max_bytes)
        TIMEOUT_MS.check(self.timeout_ms)


@dataclass(frozen=True, slots=True)
class Subscription:
    types: tuple[str, ...] = ("platform", "function")
    buffering: Buffering = Buffering()
    api: Api = Api.TELEMETRY
    schema_version: str = "2022-12-13"
    # The listener's port: 0 picks a free one.
    port: int = 0
    path: str = "/"

    def __post_init__(self) -> None:
        if not self.types:
            raise ValueError("a subscription needs at least one record type")
        for item in self.types:
            if item not in RECORD_TYPES:
                raise ValueError(f"record type {item!r} is not one of {', '.join(RECORD_TYPES)}")
        if self.schema_version not in self.api.schema_versions:
            raise ValueError(
                f"schema version {self.schema_version!r} is not one of the {self.api.value} API's: "
                + ", ".join(self.api.schema_versions)
            )
        if not self.path.startswith("/"):
            raise ValueError("the listener path must start with /")

    def body(self, port: int) -> bytes:
        return orjson.dumps(
            {
                "schemaVersion": self.schema_version,
                "types": list(self.types),
                "buffering": {
                    "maxItems": self.buffering.max_items,
                    "maxBytes": self.buffering.max_bytes,
                    "timeoutMs": self.buffering.timeout_ms,
                },
                "destination": {"protocol": "HTTP", "URI": f"http://{SANDBOX_HOST}:{port}{self.path}"},
            }
        )


class TelemetryListener:
    """Receives deliveries on ``host:port`` and puts each record into ``queue``."""

    def __init__(self, queue: RecordQueue, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.queue = queue
        self.batches = 0
        self.bad_batches = 0
        self._done: OrderedDict[str, None] = OrderedDict()
        self._cond = threading.Condition()
        self._server = HttpServer(self._handle, host=host, port=port)

    @property
    def port(self) -> int:
        return int(self._server.port)

    def start(self) -> TelemetryListener:
        self._server.start()
        return self

    def close(self) -> None:
        self._server.close()

    def _handle(self, request: Request) -> Response:
        if request.method != "POST":
            return Response(405, b"POST only")
        try:
            records = parse_batch(request.body)
        except ValueError as exc:
            self.bad_batches += 1
            return Response(400, str(exc).encode())
        finished: list[str] = []
        # A record's size is its share of the delivery: close enough for a memory bound, and free.
        self.queue.put_many(records, len(request.body) // max(1, len(records)) + 1)
        for record in records:
            if isinstance(record, PlatformRuntimeDone):
                finished.append(record.request_id)
            elif record.type == "platform.end" and isinstance(record.record, dict):
                # The Logs API's 2020-08-15 schema has no runtimeDone; platform.end marks the same point.
                finished.append(str(record.record.get("requestId", "")))
        with self._cond:
            self.batches += 1
            for request_id in finished:
                self._done[request_id] = None
                while len(self._done) > _SEEN_RUNTIME_DONE:
                    self._done.popitem(last=False)
            self._cond.notify_all()
        return Response(200, b"OK")

    def runtime_done_seen(self, request_id: str) -> bool:
        with self._cond:
            return request_id in self._done

    def wait_runtime_done(self, request_id: str, timeout_s: float) -> bool:
        """True once ``platform.runtimeDone`` of ``request_id`` was delivered; False after ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while request_id not in self._done:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def wait_quiet(self, quiet_s: float, timeout_s: float) -> None:
        """Return once no batch arrived for ``quiet_s`` (or after ``timeout_s``)."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while True:
                seen = self.batches
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                self._cond.wait(min(quiet_s, remaining))
                if self.batches == seen:
                    return
