"""The client side of the Extensions, Telemetry and Logs APIs as values: paths, headers, limits. No sockets.

Rule: this module only names things and turns values into request bodies; it imports nothing of ours
and nothing that costs cold start beyond orjson.
"""

from __future__ import annotations

import orjson

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

EXTENSION_API_PREFIX = "/2020-01-01/extension"
TELEMETRY_API_PATH = "/2022-07-01/telemetry"
LOGS_API_PATH = "/2020-08-15/logs"

TELEMETRY_SCHEMA_VERSIONS = ("2022-07-01", "2022-12-13", "2025-01-29")
LOGS_SCHEMA_VERSIONS = ("2020-08-15", "2021-03-18")
RECORD_TYPES = ("platform", "function", "extension")

# The host a destination URI names: Lambda resolves it to the execution environment itself.
SANDBOX_HOST = "sandbox.localdomain"

# Lambda Managed Instances: SHUTDOWN is the only event, no Logs API, telemetry takes this schema only.
INITIALIZATION_TYPE_MANAGED = "lambda-managed-instances"
MANAGED_SCHEMA_VERSION = "2025-01-29"


class Path:
    REGISTER = f"{EXTENSION_API_PREFIX}/register"
    NEXT = f"{EXTENSION_API_PREFIX}/event/next"
    INIT_ERROR = f"{EXTENSION_API_PREFIX}/init/error"
    EXIT_ERROR = f"{EXTENSION_API_PREFIX}/exit/error"


class Header:
    NAME = "Lambda-Extension-Name"
    IDENTIFIER = "Lambda-Extension-Identifier"
    ERROR_TYPE = "Lambda-Extension-Function-Error-Type"
    ACCEPT_FEATURE = "Lambda-Extension-Accept-Feature"


class Bounds:
    """The documented minimum, maximum and default of one buffering setting."""

    __slots__ = ("default", "maximum", "minimum", "name")

    def __init__(self, name: str, minimum: int, maximum: int, default: int) -> None:
        self.name = name
        self.minimum = minimum
        self.maximum = maximum
        self.default = default

    def check(self, value: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"buffering {self.name} must be an int, not {type(value).__name__}")
        if not self.minimum <= value <= self.maximum:
            raise ValueError(
                f"buffering {self.name} must be between {self.minimum} and {self.maximum}, not {value}"
            )
        return value


MAX_ITEMS = Bounds("maxItems", 1000, 10000, 10000)
MAX_BYTES = Bounds("maxBytes", 262144, 1048576, 262144)
TIMEOUT_MS = Bounds("timeoutMs", 25, 30000, 1000)


def register_body(events: tuple[str, ...]) -> bytes:
    return orjson.dumps({"events": list(events)})
