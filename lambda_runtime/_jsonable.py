"""How our JSON encoders write the values orjson does not know: one ``default=`` hook shared by the
runtime's result codec (``runtime/handlers/codec.py``) and the events library's ``json()`` helpers, so a
value a handler can return is a value a response body can hold, written the same way.

Rules:
- orjson writes str, int (64-bit), float, bool, None, dict, list, tuple, dataclasses, enums, datetime
  and UUID itself; ``json_default`` is called only for the rest.
- An object with ``to_dict()`` (an event class) is written as its document.
- A ``Decimal`` (what ``from_item`` gives for DynamoDB numbers) keeps its exact value: an integral one is
  a JSON integer (any size), any other a JSON number with the Decimal's own digits, never via float.
  NaN and the infinities have no JSON form and are written as ``null``, as orjson writes such floats.
- A ``set``/``frozenset`` is an array; ``bytes``-like values are UTF-8 text (bad bytes replaced).
- An int beyond 64 bits, which orjson refuses, is written exactly (as AWS's Python runtime writes it):
  when orjson refuses a value, it is encoded once more with such ints in dicts (keys too), lists and
  tuples as JSON text (``_with_wide_integers``). Only that error path walks the value.
- A leaf: imports orjson and sys only. ``decimal`` is never imported here: a Decimal can exist only once
  its module was imported, so ``sys.modules`` tells whether a value can be one.
"""

from __future__ import annotations

import sys

import orjson

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["JSON_OPTIONS", "dumps", "dumps_exact", "json_default"]

# Non-string dict keys (int, enum, ...) become strings, as AWS's Python runtime writes them.
JSON_OPTIONS = orjson.OPT_NON_STR_KEYS

_INT64_MIN = -(2**63)
_UINT64_MAX = 2**64 - 1  # orjson writes ints in [_INT64_MIN, _UINT64_MAX] and refuses the rest


def json_default(value: Any) -> Any:
    """orjson's ``default=`` hook; raises ``TypeError`` for a value with no JSON form."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    decimal = sys.modules.get("decimal")
    if decimal is not None and isinstance(value, decimal.Decimal):
        return _decimal(value)
    if isinstance(value, (set, frozenset)):
        return list(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _decimal(value: Any) -> Any:
    if not value.is_finite():
        return None
    if value == value.to_integral_value():
        return _integer(int(value))
    # str() of a finite Decimal is a valid JSON number ("0.1", "-12.50", "1.5E-7").
    return orjson.Fragment(str(value))


def dumps(value: Any) -> bytes:
    """``value`` as JSON bytes, encoded as the runtime encodes a handler's result."""
    try:
        return orjson.dumps(value, default=json_default, option=JSON_OPTIONS)
    except TypeError:
        return dumps_exact(value)


def dumps_exact(value: Any) -> bytes:
    """What ``dumps`` writes for a value orjson refused: its ints beyond 64 bits as exact JSON numbers;
    ``TypeError`` when something else has no JSON form."""
    return orjson.dumps(_with_wide_integers(value), default=json_default, option=JSON_OPTIONS)


def _with_wide_integers(value: Any) -> Any:
    """``value`` with each int orjson cannot write (beyond 64 bits) in it, in dicts (keys too), lists and
    tuples at any depth, replaced by its exact JSON text; everything else as it is."""
    if type(value) is int:
        return _integer(value)
    if isinstance(value, dict):
        return {_wide_key(key): _with_wide_integers(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_with_wide_integers(item) for item in value]
    return value


def _integer(number: int) -> Any:
    """``number`` as orjson can write it: itself within 64 bits, its exact JSON text beyond."""
    return number if _fits(number) else orjson.Fragment(str(number))


def _fits(number: int) -> bool:
    return _INT64_MIN <= number <= _UINT64_MAX


def _wide_key(key: Any) -> Any:
    # orjson writes a non-str key as text itself, except an int it cannot write.
    return str(key) if type(key) is int and not _fits(key) else key
