"""Decoders part A's families share for values carried inside events (base64, JSON text, gzip).

Rule: each raises ``EventDecodeError`` naming the field it decodes, never a bare library error.
"""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import EventDecodeError
from lambda_runtime.events._http import decode_base64

__all__ = ["decode_base64", "gunzip", "parse_json"]


def parse_json(value: str | bytes, where: str) -> Any:
    """JSON text to a value; invalid JSON raises ``EventDecodeError`` naming ``where``."""
    import orjson

    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise EventDecodeError(f"{where} is not valid JSON: {exc}") from exc


def gunzip(data: bytes, where: str) -> bytes:
    """Gzip-compressed bytes expanded; anything else raises ``EventDecodeError`` naming ``where``."""
    import gzip
    import zlib

    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise EventDecodeError(f"{where} is not gzip data: {exc}") from exc
