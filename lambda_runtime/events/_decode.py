"""The decoders every family uses for values carried inside events: base64, JSON text, gzip.

Rule: each raises ``EventDecodeError`` naming the field it decodes, never a bare library error; orjson and
gzip load on first use, so importing a family stays cheap.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from lambda_runtime.events._base import EventDecodeError

__all__ = ["decode_base64", "gunzip", "parse_json"]


def decode_base64(value: str, where: str) -> bytes:
    """Standard base64 (padding required) to bytes; a bad value raises ``EventDecodeError`` naming it."""
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise EventDecodeError(f"{where} is not valid base64: {exc}") from exc


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
