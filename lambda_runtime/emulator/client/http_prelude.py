"""The HTTP framing of a Function URL / API Gateway response stream, sans-IO.

A runtime that streams with ``Content-Type: application/vnd.awslambda.http-integration-response`` sends a
JSON object (``statusCode``, ``headers``, ``cookies``, ...), then 8 NUL bytes, then the body.

Rule: ``PreludeSplitter`` decides from the first bytes whether a stream carries that framing: it does when
they are a JSON object followed at once by 8 NUL bytes. JSON text never holds a raw NUL, so the first NUL
ends the candidate object. While undecided it holds back at most ``MAX_PRELUDE_BYTES``; past that, or once
the bytes cannot be a prelude, everything is body and passes through untouched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import orjson

from lambda_runtime.protocol.runtime_api import HTTP_INTEGRATION_SEPARATOR as SEPARATOR

__all__ = ["MAX_PRELUDE_BYTES", "PreludeSplitter", "describe_prelude"]

MAX_PRELUDE_BYTES = 64 * 1024

_WHITESPACE = b" \t\r\n"


class PreludeSplitter:
    """Feed the stream's bytes in order; ``feed`` and ``close`` return the body bytes ready to print.
    ``prelude`` is the decoded prelude once one was found, else ``None``."""

    def __init__(self, *, detect: bool = True) -> None:
        self.prelude: dict[str, Any] | None = None
        self._held = b""
        self._decided = not detect

    @property
    def decided(self) -> bool:
        return self._decided

    def feed(self, data: bytes) -> bytes:
        if self._decided:
            return data
        self._held += data
        return self._decide(complete=False)

    def close(self) -> bytes:
        """The stream ended: whatever is held back is body unless it is a whole prelude."""
        if self._decided:
            return b""
        return self._decide(complete=True)

    def _decide(self, *, complete: bool) -> bytes:
        verdict = _split(self._held, complete=complete)
        if verdict is None:
            return b""
        self.prelude, body = verdict
        self._held = b""
        self._decided = True
        return body


def _split(data: bytes, *, complete: bool) -> tuple[dict[str, Any] | None, bytes] | None:
    """``(prelude, body)`` once decided (``prelude`` is ``None`` when there is none), ``None`` while
    ``data`` could still be the start of a prelude."""
    start = len(data) - len(data.lstrip(_WHITESPACE))
    if start == len(data):
        return (None, data) if complete else None
    if data[start] != ord("{"):
        return None, data
    nul = data.find(b"\x00")
    if nul < 0:
        if complete or len(data) > MAX_PRELUDE_BYTES or _object_then_more(data):
            return None, data
        return None
    after = data[nul : nul + len(SEPARATOR)]
    if len(after) < len(SEPARATOR) and not complete and after == SEPARATOR[: len(after)]:
        return None
    if after != SEPARATOR:
        return None, data
    try:
        prelude = orjson.loads(data[:nul])
    except orjson.JSONDecodeError:
        return None, data
    if not isinstance(prelude, dict):
        return None, data
    return prelude, data[nul + len(SEPARATOR) :]


def _object_then_more(data: bytes) -> bool:
    """True when ``data`` holds a whole JSON object followed by something other than whitespace (so no
    separator can follow the object: this is body, e.g. JSON lines)."""
    text = data.decode("utf-8", "surrogateescape")
    try:
        _, end = json.JSONDecoder().raw_decode(text, len(text) - len(text.lstrip()))
    except ValueError:
        return False
    return bool(text[end:].strip())


def describe_prelude(prelude: dict[str, Any]) -> Iterator[str]:
    """The prelude as lines a person reads: ``HTTP <status>``, then ``Name: value`` per header and
    ``Set-Cookie: ...`` per cookie. A prelude without ``statusCode`` means 200, as for Function URLs."""
    yield f"HTTP {prelude.get('statusCode', 200)}"
    headers = prelude.get("headers")
    if isinstance(headers, dict):
        for name, value in headers.items():
            yield f"{name}: {value}"
    multi = prelude.get("multiValueHeaders")
    if isinstance(multi, dict):
        for name, values in multi.items():
            for value in values if isinstance(values, list) else [values]:
                yield f"{name}: {value}"
    cookies = prelude.get("cookies")
    if isinstance(cookies, list):
        for cookie in cookies:
            yield f"Set-Cookie: {cookie}"
