"""Write Lambda extensions in Python: the Extensions API loop, Telemetry/Logs API subscriptions, typed
events and records, and the two extensions we ship (``adaptive_batching``, ``cache``).

Both come with the ``extensions`` extra: the framework parses HTTP with h11; the shipped extensions call
boto3 and PyYAML, imported after registration.

Names load on first use (an extension's cold start pays only for what it touches).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lambda_runtime.extensions.buffer import DropPolicy, RecordQueue
    from lambda_runtime.extensions.client import ExtensionApiError, ExtensionsClient, Registration
    from lambda_runtime.extensions.events import InvokeEvent, NextEvent, ShutdownEvent, Tracing
    from lambda_runtime.extensions.extension import Extension, ExtensionFailed, main
    from lambda_runtime.extensions.records import (
        ExtensionLog,
        FunctionLog,
        LogsDropped,
        PlatformReport,
        PlatformRuntimeDone,
        PlatformStart,
        TelemetryRecord,
    )
    from lambda_runtime.extensions.telemetry import Api, Buffering, Subscription, TelemetryListener

_WHERE = {
    "DropPolicy": "buffer",
    "RecordQueue": "buffer",
    "ExtensionApiError": "client",
    "ExtensionsClient": "client",
    "Registration": "client",
    "InvokeEvent": "events",
    "NextEvent": "events",
    "ShutdownEvent": "events",
    "Tracing": "events",
    "Extension": "extension",
    "ExtensionFailed": "extension",
    "main": "extension",
    "ExtensionLog": "records",
    "FunctionLog": "records",
    "LogsDropped": "records",
    "PlatformReport": "records",
    "PlatformRuntimeDone": "records",
    "PlatformStart": "records",
    "TelemetryRecord": "records",
    "Api": "telemetry",
    "Buffering": "telemetry",
    "Subscription": "telemetry",
    "TelemetryListener": "telemetry",
}

__all__ = [
    "Api",
    "Buffering",
    "DropPolicy",
    "Extension",
    "ExtensionApiError",
    "ExtensionFailed",
    "ExtensionLog",
    "ExtensionsClient",
    "FunctionLog",
    "InvokeEvent",
    "LogsDropped",
    "NextEvent",
    "PlatformReport",
    "PlatformRuntimeDone",
    "PlatformStart",
    "RecordQueue",
    "Registration",
    "ShutdownEvent",
    "Subscription",
    "TelemetryListener",
    "TelemetryRecord",
    "Tracing",
    "main",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
