"""Telemetry API (``PUT /2022-07-01/telemetry``) and Logs API (``PUT /2020-08-15/logs``), sans-IO.

Rules this module keeps:
- No sockets and no real clock: times are passed in (seconds since the epoch), so buffering is testable
  without sleeping. Delivery over HTTP lives in telemetry_delivery.py.
- A subscription request is validated completely before anything changes; a bad one is one
  ``SubscriptionError`` (400 ``ValidationError``) and leaves the old subscription in place.
- One extension subscribes through one API: Telemetry or Logs, not both.
- A record is ``{"time", "type", "record"}``; platform records have a ``platform.*`` type, log lines
  are ``function`` or ``extension`` records (a JSON object when the line is one, else the text).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

import orjson

__all__ = [
    "LOGS_API_PATH",
    "LOGS_SCHEMA_VERSIONS",
    "TELEMETRY_API_PATH",
    "TELEMETRY_SCHEMA_VERSIONS",
    "Api",
    "Buffering",
    "Destination",
    "RecordBuffer",
    "Subscription",
    "SubscriptionError",
    "TelemetryRecord",
    "format_time",
    "log_record",
    "parse_subscription",
    "platform_extension",
    "platform_init_report",
    "platform_init_runtime_done",
    "platform_init_start",
    "platform_logs_dropped",
    "platform_report",
    "platform_runtime_done",
    "platform_start",
    "platform_subscription",
    "to_logs_api",
]

TELEMETRY_API_PATH = "/2022-07-01/telemetry"
LOGS_API_PATH = "/2020-08-15/logs"
TELEMETRY_SCHEMA_VERSIONS = ("2022-07-01", "2022-12-13", "2025-01-29")
LOGS_SCHEMA_VERSIONS = ("2020-08-15", "2021-03-18")
RECORD_TYPES = ("platform", "function", "extension")
# Hosts a destination may name; all of them mean this machine (``sandbox.localdomain`` is the environment).
LOCAL_HOSTS = {"sandbox.localdomain": "127.0.0.1", "localhost": "127.0.0.1", "127.0.0.1": "127.0.0.1"}


class Api(Enum):
    TELEMETRY = "telemetry"
    LOGS = "logs"

    @property
    def schema_versions(self) -> tuple[str, ...]:
        return TELEMETRY_SCHEMA_VERSIONS if self is Api.TELEMETRY else LOGS_SCHEMA_VERSIONS


class SubscriptionError(ValueError):
    """A subscription request that is not valid; answered 400 ``ValidationError``."""

    error_type = "ValidationError"


@dataclass(frozen=True, slots=True)
class Bounds:
    minimum: int
    maximum: int
    default: int


# Section 3: minimum / maximum / default of each buffering setting.
MAX_ITEMS = Bounds(1000, 10000, 10000)
MAX_BYTES = Bounds(262144, 1048576, 262144)
TIMEOUT_MS = Bounds(25, 30000, 1000)


@dataclass(frozen=True, slots=True)
class Buffering:
    max_items: int = MAX_ITEMS.default
    max_bytes: int = MAX_BYTES.default
    timeout_ms: int = TIMEOUT_MS.default


@dataclass(frozen=True, slots=True)
class Destination:
    protocol: str  # "HTTP" or "TCP"
    uri: str
    host: str  # where to connect: sandbox.localdomain already mapped to loopback
    port: int
    path: str

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{self.path}"


@dataclass(frozen=True, slots=True)
class Subscription:
    api: Api
    schema_version: str
    types: frozenset[str]
    buffering: Buffering
    destination: Destination

    def wants(self, record_type: str) -> bool:
        family = record_type.split(".", 1)[0]
        return family in self.types


def _field(doc: Mapping[str, Any], name: str, kind: type, where: str = "") -> Any:
    value = doc.get(name)
    if value is None:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SubscriptionError(f"{where}{name} must be {kind.__name__}, not {type(value).__name__}")
    return value


def _bounded(doc: Mapping[str, Any], name: str, bounds: Bounds) -> int:
    value = _field(doc, name, int, "buffering.")
    if value is None:
        return bounds.default
    if not bounds.minimum <= value <= bounds.maximum:
        raise SubscriptionError(
            f"buffering.{name} must be between {bounds.minimum} and {bounds.maximum}, not {value}"
        )
    return int(value)


def _parse_destination(doc: object) -> Destination:
    if not isinstance(doc, dict):
        raise SubscriptionError("destination must be an object with protocol and URI")
    protocol = _field(doc, "protocol", str, "destination.")
    if protocol not in ("HTTP", "TCP"):
        raise SubscriptionError(f"destination.protocol must be HTTP or TCP, not {protocol!r}")
    uri = _field(doc, "URI", str, "destination.")
    if not uri:
        raise SubscriptionError("destination.URI is required")
    parts = urlsplit(uri)
    expected_scheme = "http" if protocol == "HTTP" else "tcp"
    if parts.scheme != expected_scheme:
        raise SubscriptionError(f"destination.URI must start with {expected_scheme}:// for {protocol}")
    host = (parts.hostname or "").lower()
    if host not in LOCAL_HOSTS:
        raise SubscriptionError(f"destination.URI host must be sandbox.localdomain, not {parts.hostname!r}")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or port == 0:
        raise SubscriptionError("destination.URI must name a port between 1 and 65535")
    return Destination(protocol, uri, LOCAL_HOSTS[host], port, parts.path or "/")


def parse_subscription(api: Api, body: bytes) -> Subscription:
    """Validate a PUT body; every rule broken is named in the error."""
    try:
        doc = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise SubscriptionError(f"request body is not valid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise SubscriptionError("request body must be a JSON object")
    schema_version = _field(doc, "schemaVersion", str)
    if schema_version is None:
        # The Logs API predates schemaVersion; its first version is the default there.
        if api is Api.TELEMETRY:
            raise SubscriptionError("schemaVersion is required")
        schema_version = LOGS_SCHEMA_VERSIONS[0]
    if schema_version not in api.schema_versions:
        raise SubscriptionError(
            f"schemaVersion {schema_version!r} is not one of {', '.join(api.schema_versions)}"
        )
    types = _field(doc, "types", list)
    if not types:
        raise SubscriptionError(f"types must be a non-empty list of {', '.join(RECORD_TYPES)}")
    for item in types:
        if item not in RECORD_TYPES:
            raise SubscriptionError(f"types contains {item!r}; allowed: {', '.join(RECORD_TYPES)}")
    buffering_doc = doc.get("buffering", {})
    if buffering_doc is None:
        buffering_doc = {}
    if not isinstance(buffering_doc, dict):
        raise SubscriptionError("buffering must be an object")
    buffering = Buffering(
        max_items=_bounded(buffering_doc, "maxItems", MAX_ITEMS),
        max_bytes=_bounded(buffering_doc, "maxBytes", MAX_BYTES),
        timeout_ms=_bounded(buffering_doc, "timeoutMs", TIMEOUT_MS),
    )
    if "destination" not in doc:
        raise SubscriptionError("destination is required")
    destination = _parse_destination(doc["destination"])
    return Subscription(api, schema_version, frozenset(types), buffering, destination)


# ---- records -------------------------------------------------------------------------------------------


def format_time(epoch_s: float) -> str:
    """``2022-10-12T00:00:15.064Z``: UTC with milliseconds."""
    moment = datetime.fromtimestamp(epoch_s, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass(frozen=True, slots=True)
class TelemetryRecord:
    time: float
    type: str
    record: object

    def to_json(self) -> bytes:
        return orjson.dumps({"time": format_time(self.time), "type": self.type, "record": self.record})


def log_record(source: str, text: str, epoch_s: float) -> TelemetryRecord:
    """A ``function`` or ``extension`` log line; a line that is a JSON object is delivered as the object."""
    line = text.rstrip("\r\n")
    record: object = line
    if line.startswith("{") and line.endswith("}"):
        try:
            parsed = orjson.loads(line)
        except orjson.JSONDecodeError:
            parsed = None
        if isinstance(parsed, dict):
            record = parsed
    return TelemetryRecord(epoch_s, source, record)


def platform_init_start(
    *,
    function_name: str,
    function_version: str,
    runtime_version: str = "lambda-runtime-emulator",
    initialization_type: str = "on-demand",
    phase: str = "init",
) -> dict[str, object]:
    return {
        "initializationType": initialization_type,
        "phase": phase,
        "runtimeVersion": runtime_version,
        "runtimeVersionArn": f"arn:aws:lambda:local::runtime:{runtime_version}",
        "functionName": function_name,
        "functionVersion": function_version,
    }


def platform_init_runtime_done(
    *, status: str, error_type: str | None = None, initialization_type: str = "on-demand", phase: str = "init"
) -> dict[str, object]:
    record: dict[str, object] = {"initializationType": initialization_type, "phase": phase, "status": status}
    if error_type is not None:
        record["errorType"] = error_type
    return record


def platform_init_report(
    *, duration_ms: float, initialization_type: str = "on-demand", phase: str = "init"
) -> dict[str, object]:
    return {
        "initializationType": initialization_type,
        "phase": phase,
        "metrics": {"durationMs": round(duration_ms, 3)},
    }


def platform_start(*, request_id: str, version: str, trace_id: str | None = None) -> dict[str, object]:
    record: dict[str, object] = {"requestId": request_id, "version": version}
    if trace_id:
        record["tracing"] = {"type": "X-Amzn-Trace-Id", "value": trace_id}
    return record


def platform_runtime_done(
    *,
    request_id: str,
    status: str,
    duration_ms: float,
    produced_bytes: int,
    error_type: str | None = None,
    response_latency_ms: float | None = None,
) -> dict[str, object]:
    spans: list[dict[str, object]] = []
    if response_latency_ms is not None:
        spans.append({"name": "responseLatency", "durationMs": round(response_latency_ms, 3)})
    record: dict[str, object] = {
        "requestId": request_id,
        "status": status,
        "metrics": {"durationMs": round(duration_ms, 3), "producedBytes": produced_bytes},
        "spans": spans,
    }
    if error_type is not None:
        record["errorType"] = error_type
    return record


def platform_report(
    *,
    request_id: str,
    status: str,
    duration_ms: float,
    billed_duration_ms: int,
    memory_size_mb: int,
    max_memory_used_mb: int,
    init_duration_ms: float | None = None,
    error_type: str | None = None,
) -> dict[str, object]:
    metrics: dict[str, object] = {
        "durationMs": round(duration_ms, 3),
        "billedDurationMs": billed_duration_ms,
        "memorySizeMB": memory_size_mb,
        "maxMemoryUsedMB": max_memory_used_mb,
    }
    if init_duration_ms is not None:
        metrics["initDurationMs"] = round(init_duration_ms, 3)
    record: dict[str, object] = {"requestId": request_id, "status": status, "metrics": metrics}
    if error_type is not None:
        record["errorType"] = error_type
    return record


def platform_extension(
    *, name: str, state: str, events: Sequence[str], error_type: str | None = None
) -> dict[str, object]:
    record: dict[str, object] = {"name": name, "state": state, "events": list(events)}
    if error_type is not None:
        record["errorType"] = error_type
    return record


def platform_subscription(*, name: str, types: Iterable[str]) -> dict[str, object]:
    return {"name": name, "state": "Subscribed", "types": sorted(types)}


def platform_logs_dropped(*, dropped_bytes: int, dropped_records: int, reason: str) -> dict[str, object]:
    return {"droppedBytes": dropped_bytes, "droppedRecords": dropped_records, "reason": reason}


# Logs API records: older names and shapes of the same events; None means the Logs API has no such record.
def to_logs_api(record: TelemetryRecord, schema_version: str) -> list[TelemetryRecord]:
    """Translate a Telemetry API record into what a Logs API subscriber of ``schema_version`` receives."""
    if not record.type.startswith("platform."):
        return [record]
    body = record.record if isinstance(record.record, dict) else {}
    kind = record.type
    if kind == "platform.start":
        return [
            TelemetryRecord(record.time, kind, {k: body[k] for k in ("requestId", "version") if k in body})
        ]
    if kind == "platform.runtimeDone":
        if schema_version < "2021-03-18":
            return []
        kept = {k: body[k] for k in ("requestId", "status") if k in body}
        return [TelemetryRecord(record.time, kind, kept)]
    if kind == "platform.report":
        kept = {k: body[k] for k in ("requestId", "metrics") if k in body}
        end = TelemetryRecord(record.time, "platform.end", {"requestId": body.get("requestId")})
        return [end, TelemetryRecord(record.time, kind, kept)]
    if kind == "platform.telemetrySubscription":
        return [TelemetryRecord(record.time, "platform.logsSubscription", body)]
    if kind in ("platform.extension", "platform.logsDropped", "platform.fault"):
        return [record]
    return []


# ---- buffering -----------------------------------------------------------------------------------------

DROPPED_REASON = "Consumer seems to have fallen behind as it has not acknowledged receipt of logs."


@dataclass
class RecordBuffer:
    """Records waiting for one subscriber, and when to send them.

    A batch is due when ``max_items`` records or ``max_bytes`` bytes are waiting, or ``timeout_ms`` after
    the oldest waiting record arrived. At most ``capacity_bytes`` wait; past that new records are dropped
    and counted, and the next batch starts with a ``platform.logsDropped`` record.
    """

    buffering: Buffering
    capacity_bytes: int = 0
    _items: deque[tuple[TelemetryRecord, bytes]] = field(default_factory=deque)
    _bytes: int = 0
    _first_at: float | None = None
    dropped_records: int = 0
    dropped_bytes: int = 0

    def __post_init__(self) -> None:
        if self.capacity_bytes <= 0:
            self.capacity_bytes = 4 * self.buffering.max_bytes

    def __len__(self) -> int:
        return len(self._items)

    @property
    def pending_bytes(self) -> int:
        return self._bytes

    def add(self, record: TelemetryRecord, now: float) -> bool:
        """Queue ``record``; False when it was dropped because the subscriber fell behind."""
        encoded = record.to_json()
        if self._bytes + len(encoded) > self.capacity_bytes:
            self.dropped_records += 1
            self.dropped_bytes += len(encoded)
            return False
        if not self._items:
            self._first_at = now
        self._items.append((record, encoded))
        self._bytes += len(encoded)
        return True

    def due_at(self) -> float | None:
        """When the next batch must go (seconds since the epoch); None when nothing waits."""
        if not self._items and not self.dropped_records:
            return None
        if self._full() or self._first_at is None:
            return 0.0
        return self._first_at + self.buffering.timeout_ms / 1000

    def _full(self) -> bool:
        return len(self._items) >= self.buffering.max_items or self._bytes >= self.buffering.max_bytes

    def is_due(self, now: float) -> bool:
        due = self.due_at()
        return due is not None and now >= due

    def take_batch(self, now: float) -> list[bytes]:
        """Up to ``max_items`` records / ``max_bytes`` bytes, each JSON-encoded, oldest first."""
        batch: list[bytes] = []
        size = 0
        if self.dropped_records:
            notice = TelemetryRecord(
                now,
                "platform.logsDropped",
                platform_logs_dropped(
                    dropped_bytes=self.dropped_bytes,
                    dropped_records=self.dropped_records,
                    reason=DROPPED_REASON,
                ),
            ).to_json()
            batch.append(notice)
            size += len(notice)
            self.dropped_records = 0
            self.dropped_bytes = 0
        while self._items and len(batch) < self.buffering.max_items:
            _, encoded = self._items[0]
            if batch and size + len(encoded) > self.buffering.max_bytes:
                break
            self._items.popleft()
            self._bytes -= len(encoded)
            batch.append(encoded)
            size += len(encoded)
        self._first_at = now if self._items else None
        return batch

    def count_lost(self, batch: Sequence[bytes]) -> None:
        """A batch that could not be delivered: it is reported in the next ``platform.logsDropped``."""
        self.dropped_records += len(batch)
        self.dropped_bytes += sum(len(item) for item in batch)


def encode_batch(batch: Sequence[bytes]) -> bytes:
    """The POST body: a JSON array of already-encoded records."""
    return b"[" + b",".join(batch) + b"]"


def wall_clock() -> float:
    return time.time()
