"""The events ``/extension/event/next`` hands out, as typed values.

Rules:
- A body that is not one of the two documented shapes is a ``ValueError`` naming what is wrong; unknown
  fields are kept in ``raw``.
- Plain slotted classes (no dataclasses): this module is on every extension's cold start.
"""

from __future__ import annotations

from typing import Any

import orjson

__all__ = ["InvokeEvent", "NextEvent", "ShutdownEvent", "Tracing", "parse_event"]


class _Value:
    __slots__: tuple[str, ...] = ()
    _fields: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name in self._fields
        )

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self._fields))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({inner})"


class Tracing(_Value):
    __slots__ = ("type", "value")
    _fields = ("type", "value")

    def __init__(self, type: str, value: str) -> None:
        self.type = type
        self.value = value


class InvokeEvent(_Value):
    __slots__ = ("deadline_ms", "invoked_function_arn", "raw", "request_id", "tracing")
    _fields = ("request_id", "deadline_ms", "invoked_function_arn", "tracing")
    event_type = "INVOKE"

    def __init__(
        self,
        request_id: str,
        deadline_ms: int,
        invoked_function_arn: str,
        tracing: Tracing | None = None,
        raw: dict[str, Any] | None = None,
    ) -> None:
        self.request_id = request_id
        self.deadline_ms = deadline_ms
        self.invoked_function_arn = invoked_function_arn
        self.tracing = tracing
        self.raw = raw or {}


class ShutdownEvent(_Value):
    __slots__ = ("deadline_ms", "raw", "reason")
    _fields = ("deadline_ms", "reason")
    event_type = "SHUTDOWN"

    def __init__(self, deadline_ms: int, reason: str, raw: dict[str, Any] | None = None) -> None:
        self.deadline_ms = deadline_ms
        # ``spindown``, ``timeout`` or ``failure``, lower-cased whatever case the platform sent.
        self.reason = reason
        self.raw = raw or {}


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
