"""The Telemetry API (``PUT /2022-07-01/telemetry``) and Logs API (``PUT /2020-08-15/logs``), sans-IO.

Rules this module keeps:
- No sockets and no clock: times are passed in (seconds since the epoch).
- A subscription request is validated completely before anything changes; a bad one is one
  ``SubscriptionError`` (400 ``ValidationError``) and leaves the old subscription in place.
- A record is ``{"time", "type", "record"}``; platform records have a ``platform.*`` type, log lines
  are ``function`` or ``extension`` records (a JSON object when the line is one, else the text).
- Both sides use these names: the emulator serves them, the extension client (extensions/wire.py) sends them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

import orjson

__all__ = [
    "INITIALIZATION_TYPE_MANAGED",
    "LOGS_API_PATH",
    "LOGS_SCHEMA_VERSIONS",
    "MANAGED_SCHEMA_VERSION",
    "MAX_BYTES",
    "MAX_ITEMS",
    "RECORD_TYPES",
    "SANDBOX_HOST",
    "TELEMETRY_API_PATH",
    "TELEMETRY_SCHEMA_VERSIONS",
    "TIMEOUT_MS",
    "Api",
    "Bounds",
    "Buffering",
    "Destination",
    "Subscription",
    "SubscriptionError",
    "TelemetryRecord",
    "encode_batch",
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
# The host a destination URI names: Lambda resolves it to the execution environment itself.
SANDBOX_HOST = "sandbox.localdomain"
# Hosts a destination may name; all of them mean this machine (``sandbox.localdomain`` is the environment).
LOCAL_HOSTS = {SANDBOX_HOST: "127.0.0.1", "localhost": "127.0.0.1", "127.0.0.1": "127.0.0.1"}
# Lambda Managed Instances: SHUTDOWN is the only event, no Logs API, telemetry takes this schema only.
INITIALIZATION_TYPE_MANAGED = "lambda-managed-instances"
MANAGED_SCHEMA_VERSION = "2025-01-29"


class Api(Enum):
    TELEMETRY = "telemetry"
    LOGS = "logs"

    @property
    def schema_versions(self) -> tuple[str, ...]:
        return TELEMETRY_SCHEMA_VERSIONS if self is Api.TELEMETRY else LOGS_SCHEMA_VERSIONS


class SubscriptionError(ValueError):
    """A subscription request that is not valid; answered 400 ``ValidationError``."""

    error_type = "ValidationError"


class Bounds:
    """The documented minimum, maximum and default of one buffering setting."""

    __slots__ = ("default", "maximum", "minimum", "name")

    def __init__(self, name: str, minimum: int, maximum: int, default: int) -> None:
        self.name = name
        self.minimum = minimum
        self.maximum = maximum
        self.default = default

    def check(self, value: int) -> int:
        """``value`` when it is an int within the bounds; ``ValueError`` naming the setting otherwise."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"buffering {self.name} must be an int, not {type(value).__name__}")
        if not self.minimum <= value <= self.maximum:
            raise ValueError(
                f"buffering {self.name} must be between {self.minimum} and {self.maximum}, not {value}"
            )
        return value


# Section 3: minimum / maximum / default of each buffering setting.
MAX_ITEMS = Bounds("maxItems", 1000, 10000, 10000)
MAX_BYTES = Bounds("maxBytes", 262144, 1048576, 262144)
TIMEOUT_MS = Bounds("timeoutMs", 25, 30000, 1000)


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


# Platform records of the lifecycle: each is the ``record`` of a ``platform.<name>`` TelemetryRecord.
ON_DEMAND = "on-demand"


def platform_init_start(*, function_name: str, function_version: str) -> dict[str, object]:
    return {
        "initializationType": ON_DEMAND,
        "phase": "init",
        "functionName": function_name,
        "functionVersion": function_version,
    }


def platform_init_runtime_done(*, status: str, error_type: str | None = None) -> dict[str, object]:
    record: dict[str, object] = {"initializationType": ON_DEMAND, "phase": "init", "status": status}
    if error_type is not None:
        record["errorType"] = error_type
    return record


def platform_init_report(*, duration_ms: float) -> dict[str, object]:
    return {
        "initializationType": ON_DEMAND,
        "phase": "init",
        "metrics": {"durationMs": round(duration_ms, 3)},
    }


def platform_start(*, request_id: str, version: str, trace_id: str | None = None) -> dict[str, object]:
    record: dict[str, object] = {"requestId": request_id, "version": version}
    if trace_id:
        record["tracing"] = {"type": "X-Amzn-Trace-Id", "value": trace_id}
    return record


def platform_runtime_done(*, request_id: str, status: str, duration_ms: float) -> dict[str, object]:
    return {"requestId": request_id, "status": status, "metrics": {"durationMs": round(duration_ms, 3)}}


def platform_report(
    *,
    request_id: str,
    status: str,
    duration_ms: float,
    billed_duration_ms: int,
    memory_size_mb: int,
    max_memory_used_mb: int,
    init_duration_ms: float | None = None,
) -> dict[str, object]:
    metrics: dict[str, object] = {
        "durationMs": round(duration_ms, 3),
        "billedDurationMs": billed_duration_ms,
        "memorySizeMB": memory_size_mb,
        "maxMemoryUsedMB": max_memory_used_mb,
    }
    if init_duration_ms:
        metrics["initDurationMs"] = init_duration_ms
    return {"requestId": request_id, "status": status, "metrics": metrics}


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


def encode_batch(batch: Sequence[bytes]) -> bytes:
    """The POST body of one delivery: a JSON array of already-encoded records."""
    return b"[" + b",".join(batch) + b"]"
