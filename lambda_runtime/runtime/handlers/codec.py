"""Event decoding by declared type, and result encoding.

Decoding, chosen once per handler from the event type it declares:
- ``bytes``                      -> the raw event body
- a class with ``from_dict``     -> ``cls.from_dict(parsed JSON)`` (the events library, or any user class)
- anything else (dict, list, Any, str, no annotation) -> the parsed JSON, as AWS's Python runtime gives it

Encoding, for each result:
- ``bytes`` / ``bytearray`` / ``memoryview`` -> sent as is
- an object with ``to_dict``     -> its document as JSON
- anything else                  -> JSON via orjson (``str`` becomes a JSON string, as on AWS's Python
  runtime); values orjson does not know (``Decimal``, sets, objects with ``to_dict`` nested inside)
  are written as ``lambda_runtime._jsonable`` says, as the events library's ``json()`` helpers write them
"""

from __future__ import annotations

from collections.abc import Callable

import orjson

from lambda_runtime._record import Record, set_field
from lambda_runtime.protocol.errors import MarshalFault, ResponseTooLarge, UnmarshalFault
from lambda_runtime.protocol.runtime_api import MAX_PAYLOAD_BYTES

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    EventDecoder = Callable[[bytes], Any]
else:
    EventDecoder = Callable  # what type checkers see above, without importing typing

__all__ = ["EncodedResult", "EventDecoder", "decoder_for", "encode_body", "encode_result"]


def _parse_json(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise UnmarshalFault(f"Unable to unmarshal input: {exc}") from exc


def _raw_body(body: bytes) -> bytes:
    return body


def _typed(cls: Any) -> EventDecoder:
    from_dict = cls.from_dict
    name = getattr(cls, "__qualname__", repr(cls))

    def decode(body: bytes) -> Any:
        doc = _parse_json(body)
        try:
            return from_dict(doc)
        except Exception as exc:
            raise UnmarshalFault(f"Unable to unmarshal input as {name}: {type(exc).__name__}: {exc}") from exc

    return decode


def decoder_for(event_type: Any) -> EventDecoder:
    """The decoder for a handler whose event parameter is annotated ``event_type``."""
    if event_type is bytes:
        return _raw_body
    if isinstance(event_type, type) and callable(getattr(event_type, "from_dict", None)):
        return _typed(event_type)
    return _parse_json


def _default(value: Any) -> Any:
    """orjson's ``default=`` hook: ``lambda_runtime._jsonable.json_default``, loaded the first time a
    result holds a value orjson cannot write itself, so a plain result never imports that module."""
    from lambda_runtime._jsonable import json_default

    return json_default(value)


def _encode_refused(document: Any) -> bytes:
    """A result orjson refused: written with its ints beyond 64 bits exact (``_jsonable.dumps_exact``),
    or ``MarshalFault`` when something else in it has no JSON form."""
    from lambda_runtime._jsonable import dumps_exact

    try:
        return dumps_exact(document)
    except TypeError as exc:
        raise MarshalFault(f"Unable to marshal response: {exc}") from exc


# The same options as ``lambda_runtime._jsonable.JSON_OPTIONS`` (a test holds them equal).
_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS


class EncodedResult(Record):
    __slots__ = ("body", "content_type")
    body: bytes
    content_type: str

    def __init__(self, body: bytes, content_type: str) -> None:
        set_field(self, "body", body)
        set_field(self, "content_type", content_type)


def encode_result(result: Any) -> EncodedResult:
    """Encode a handler's result for /response; raises MarshalFault or ResponseTooLarge."""
    body, content_type = encode_body(result)
    return EncodedResult(body, content_type)


def encode_body(result: Any) -> tuple[bytes, str]:
    """``encode_result`` as ``(body, content type)``: what the loop calls for every response."""
    if result.__class__ is dict:  # the usual result: no to_dict to look for
        document = result
    elif isinstance(result, (bytes, bytearray, memoryview)):
        return _checked_size(bytes(result)), "application/octet-stream"
    else:
        to_dict = getattr(result, "to_dict", None)
        document = to_dict() if callable(to_dict) else result
    try:
        body = orjson.dumps(document, default=_default, option=_JSON_OPTIONS)
    except TypeError:
        body = _encode_refused(document)
    if len(body) > MAX_PAYLOAD_BYTES:
        _checked_size(body)
    return body, "application/json"


def _checked_size(body: bytes) -> bytes:
    size = len(body)
    if size > MAX_PAYLOAD_BYTES:
        raise ResponseTooLarge(
            f"Response payload size ({size} bytes) exceeded maximum allowed payload size "
            f"({MAX_PAYLOAD_BYTES} bytes)."
        )
    return body
