"""The events ``/extension/event/next`` hands out, as typed values.

Rule: a body that is not one of the two documented shapes is a ``ValueError`` naming what is wrong;
unknown fields are kept in ``raw``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

__all__ = ["InvokeEvent", "NextEvent", "ShutdownEvent", "Tracing", "parse_event"]


@dataclass(frozen=True, slots=True)
class Tracing:
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class InvokeEvent:
    request_id: str
    deadline_ms: int
    invoked_function_arn: str
    tracing: Tracing | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    event_type = "INVOKE"


@dataclass(frozen=True, slots=True)
class ShutdownEvent:
    deadline_ms: int
    # ``spindown``, ``timeout`` or ``failure``, lower-cased whatever case the platform sent.
    reason: str
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    event_type = "SHUTDOWN"


NextEvent = InvokeEvent | ShutdownEvent


def _int(doc: dict[str, Any], name: str) -> int:
    value = doc.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"event field {name} must be an integer, not {value!r}")
    return value


def parse_event(body: bytes) -> NextEvent:
    doc = orjson.loads(body)
    if not isinstance(doc, dict):
        raise ValueError("an extension event must be a JSON object")
    kind = doc.get("eventType")
    if kind == "INVOKE":
        tracing_doc = doc.get("tracing")
        tracing = None
        if isinstance(tracing_doc, dict) and tracing_doc.get("value"):
            tracing = Tracing(str(tracing_doc.get("type", "")), str(tracing_doc["value"]))
        return InvokeEvent(
            request_id=str(doc.get("requestId", "")),
            deadline_ms=_int(doc, "deadlineMs"),
            invoked_function_arn=str(doc.get("invokedFunctionArn", "")),
            tracing=tracing,
            raw=doc,
        )
    if kind == "SHUTDOWN":
        return ShutdownEvent(
            deadline_ms=_int(doc, "deadlineMs"), reason=str(doc.get("shutdownReason", "")).lower(), raw=doc
        )
    raise ValueError(f"unknown extension event type {kind!r}")
