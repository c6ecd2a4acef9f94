"""Telemetry API and Logs API records as typed values.

Rules:
- Every record keeps what it was delivered as (``time``, ``type``, ``record``) so it can be written on
  unchanged; the typed fields are read from ``record`` once, at parse time.
- An unknown ``type`` is a ``TelemetryRecord`` (never an error): the platform adds record types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

__all__ = [
    "ExtensionLog",
    "FunctionLog",
    "LogsDropped",
    "PlatformReport",
    "PlatformRuntimeDone",
    "PlatformStart",
    "TelemetryRecord",
    "parse_batch",
    "parse_record",
]


@dataclass(frozen=True, slots=True)
class TelemetryRecord:
    time: str
    type: str
    record: Any

    @property
    def family(self) -> str:
        """``platform``, ``function`` or ``extension``."""
        return self.type.split(".", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        return {"time": self.time, "type": self.type, "record": self.record}

    def to_json(self) -> bytes:
        return orjson.dumps(self.to_dict())


def _field(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else None


@dataclass(frozen=True, slots=True)
class PlatformStart(TelemetryRecord):
    @property
    def request_id(self) -> str:
        return str(_field(self.record, "requestId") or "")


@dataclass(frozen=True, slots=True)
class PlatformRuntimeDone(TelemetryRecord):
    @property
    def request_id(self) -> str:
        return str(_field(self.record, "requestId") or "")

    @property
    def status(self) -> str:
        return str(_field(self.record, "status") or "")


@dataclass(frozen=True, slots=True)
class PlatformReport(TelemetryRecord):
    @property
    def request_id(self) -> str:
        return str(_field(self.record, "requestId") or "")

    @property
    def metrics(self) -> dict[str, Any]:
        metrics = _field(self.record, "metrics")
        return metrics if isinstance(metrics, dict) else {}


@dataclass(frozen=True, slots=True)
class LogsDropped(TelemetryRecord):
    @property
    def dropped_records(self) -> int:
        return int(_field(self.record, "droppedRecords") or 0)

    @property
    def dropped_bytes(self) -> int:
        return int(_field(self.record, "droppedBytes") or 0)


@dataclass(frozen=True, slots=True)
class FunctionLog(TelemetryRecord):
    """A line the function wrote: a str, or an object under the JSON log format."""


@dataclass(frozen=True, slots=True)
class ExtensionLog(TelemetryRecord):
    """A line an extension wrote."""


_TYPES: dict[str, type[TelemetryRecord]] = {
    "platform.start": PlatformStart,
    "platform.runtimeDone": PlatformRuntimeDone,
    "platform.report": PlatformReport,
    "platform.logsDropped": LogsDropped,
    "function": FunctionLog,
    "extension": ExtensionLog,
}


def parse_record(doc: Any) -> TelemetryRecord:
    if not isinstance(doc, dict):
        raise ValueError("a telemetry record must be a JSON object")
    kind = str(doc.get("type", ""))
    cls = _TYPES.get(kind, TelemetryRecord)
    return cls(str(doc.get("time", "")), kind, doc.get("record"))


def parse_batch(body: bytes) -> list[TelemetryRecord]:
    """A delivery: a JSON array of records."""
    doc = orjson.loads(body)
    if not isinstance(doc, list):
        raise ValueError("a telemetry delivery must be a JSON array")
    return [parse_record(item) for item in doc]
