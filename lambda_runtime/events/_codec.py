"""Small decoders the part-B families share: base64 and JSON text carried inside events.

Rule: each raises ``EventDecodeError`` naming the field, never a bare binascii or orjson error.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from lambda_runtime.events._base import EventDecodeError

__all__ = ["b64_bytes", "json_text"]


def b64_bytes(value: str, where: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise EventDecodeError(f"{where} is not valid base64: {exc}") from exc


def json_text(value: str | bytes, where: str) -> Any:
    import orjson  # lazy: importing a family stays cheap (the runtime has it loaded anyway)

    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise EventDecodeError(f"{where} is not valid JSON: {exc}") from exc
