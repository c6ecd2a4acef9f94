"""The client side of the Extensions, Telemetry and Logs APIs as values: paths, headers, limits. No sockets.

Rule: every name here is the protocol's own (lambda_runtime.protocol); this module only gives them the
names the extension client uses. It imports nothing that costs cold start beyond orjson.
"""

from __future__ import annotations

from lambda_runtime.protocol.extensions_api import API_PREFIX as EXTENSION_API_PREFIX
from lambda_runtime.protocol.extensions_api import ExtensionHeader as Header
from lambda_runtime.protocol.extensions_api import ExtensionPath as Path
from lambda_runtime.protocol.extensions_api import register_body
from lambda_runtime.protocol.telemetry import (
    INITIALIZATION_TYPE_MANAGED,
    LOGS_API_PATH,
    LOGS_SCHEMA_VERSIONS,
    MANAGED_SCHEMA_VERSION,
    MAX_BYTES,
    MAX_ITEMS,
    RECORD_TYPES,
    SANDBOX_HOST,
    TELEMETRY_API_PATH,
    TELEMETRY_SCHEMA_VERSIONS,
    TIMEOUT_MS,
    Bounds,
)

__all__ = [
    "EXTENSION_API_PREFIX",
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
    "Bounds",
    "Header",
    "Path",
    "register_body",
]
