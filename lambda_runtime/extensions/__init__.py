"""Write Lambda extensions in Python: the Extensions API loop, Telemetry/Logs API subscriptions, typed
events and records, and the two extensions we ship (``adaptive_batching``, ``cache``).

The framework needs only the package's core dependencies; the shipped extensions need the
``extensions`` extra (boto3, PyYAML), imported after registration.
"""

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
