"""The log shipper's settings, read once from the environment (the sample's variable names and defaults)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass

import orjson

__all__ = ["DEFAULT_LOG_TYPES", "MAX_SHIP_RATE_BYTES", "PREFIX", "ConfigError", "Settings", "parse_log_types"]

PREFIX = "ADAPTIVE_BATCHING_EXTENSION_"
MAX_SHIP_RATE_BYTES = 50 * 1024 * 1024
DEFAULT_LOG_TYPES = ("platform", "function")
_LOG_TYPES = ("platform", "function", "extension")


class ConfigError(ValueError):
    pass


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(PREFIX + name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name} must be an integer, not {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{PREFIX}{name} must be positive, not {value}")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    bucket: str
    ship_rate_bytes: int = 4096
    ship_rate_invokes: int = 10
    ship_rate_ms: int = 10_000
    log_types: tuple[str, ...] = DEFAULT_LOG_TYPES
    # Lines waiting to be shipped, at most (memory bound); more are counted as lost.
    max_pending_bytes: int = 64 * 1024 * 1024

    @classmethod
    def from_env(cls, env: Mapping[str, str], log_types: tuple[str, ...] | None = None) -> Settings:
        bucket = env.get(PREFIX + "S3_BUCKET", "").strip()
        if not bucket:
            raise ConfigError(f"{PREFIX}S3_BUCKET is required")
        ship_bytes = min(_positive_int(env, "SHIP_RATE_BYTES", 4096), MAX_SHIP_RATE_BYTES)
        return cls(
            bucket=bucket,
            ship_rate_bytes=ship_bytes,
            ship_rate_invokes=_positive_int(env, "SHIP_RATE_INVOKES", 10),
            ship_rate_ms=_positive_int(env, "SHIP_RATE_MILLISECONDS", 10_000),
            log_types=log_types or parse_log_types(env.get(PREFIX + "LOG_TYPES")),
            max_pending_bytes=max(64 * 1024 * 1024, 2 * ship_bytes),
        )


def parse_log_types(raw: str | None) -> tuple[str, ...]:
    """A JSON array of ``platform``, ``function``, ``extension``; anything else is the default, with one
    warning on stderr."""
    if raw is None or not raw.strip():
        return DEFAULT_LOG_TYPES
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        doc = None
    if isinstance(doc, list) and doc and all(isinstance(item, str) and item in _LOG_TYPES for item in doc):
        return tuple(dict.fromkeys(doc))
    print(
        f"adaptive-batching: {PREFIX}LOG_TYPES={raw!r} is not a JSON array of "
        f"{', '.join(_LOG_TYPES)}; using {list(DEFAULT_LOG_TYPES)}",
        file=sys.stderr,
        flush=True,
    )
    return DEFAULT_LOG_TYPES
