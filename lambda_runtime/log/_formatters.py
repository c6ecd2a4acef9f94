"""Rendering one record as a TEXT line or a JSON object.

Rule: a formatter returns the record without its line terminator and never raises because of a
value: whatever orjson cannot encode degrades to its ``repr``.

JSON keys: ``timestamp``, ``level``, ``message``, ``logger``, ``requestId``, ``tenantId``,
``xrayTraceId``, the error keys, then the caller's fields. A field whose name the record already uses
is kept under ``field_<name>``, so it neither hides Lambda's keys nor gets lost.
TEXT: ``[LEVEL]\\t<timestamp>\\t<requestId>\\t<message>``, fields as one JSON object after the
message, a traceback after that.
"""

from __future__ import annotations

from collections.abc import Mapping

import orjson

from lambda_runtime.log._levels import LEVEL_NAMES

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object

if TYPE_CHECKING:
    from lambda_runtime.log._environment import RequestScope
    from lambda_runtime.log._error_fields import ErrorFields

__all__ = ["Formatter", "format_json", "format_text", "safe_json"]

_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS


class Formatter(Protocol):
    def __call__(
        self,
        level: int,
        timestamp: str,
        message: object,
        context: RequestScope | None,
        fields: Mapping[str, object],
        *,
        logger: str,
        error: ErrorFields | None,
    ) -> str: ...


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:
        return f"<unrepresentable {type(value).__name__}>"


def _escape(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _degrade(value: object) -> object:
    """A value orjson can always encode: strings get unencodable characters escaped, the rest its repr."""
    if isinstance(value, str):
        return _escape(value)
    try:
        orjson.dumps(value, default=_safe_repr, option=_JSON_OPTIONS)
    except Exception:
        return _safe_repr(value)
    return value


def safe_json(document: dict[str, object]) -> str:
    """Encode a flat record; values that fail (huge ints, cycles, bad surrogates) degrade one by one."""
    try:
        return orjson.dumps(document, default=_safe_repr, option=_JSON_OPTIONS).decode()
    except Exception:
        degraded = {_escape(key): _degrade(value) for key, value in document.items()}
        return orjson.dumps(degraded, default=_safe_repr, option=_JSON_OPTIONS).decode()


def _encode_value(value: object) -> str:
    try:
        return orjson.dumps(value, default=_safe_repr, option=_JSON_OPTIONS).decode()
    except Exception:
        return orjson.dumps(_degrade(value), default=_safe_repr, option=_JSON_OPTIONS).decode()


def _is_json_shaped(message: object) -> bool:
    return (
        message is None
        or isinstance(message, (dict, list, tuple, int, float))
        or hasattr(type(message), "__dataclass_fields__")
    )


def _message_text(message: object) -> str:
    if isinstance(message, str):
        return message
    if _is_json_shaped(message) and message is not None:
        return _encode_value(message)
    from lambda_runtime.log._error_fields import describe

    return describe(message)


def _add_fields(record: dict[str, object], fields: Mapping[str, object]) -> None:
    if record.keys().isdisjoint(fields):
        record.update(fields)
        return
    taken = set(record) | set(fields)
    for key, value in fields.items():
        name = key
        if name in record:
            name = f"field_{key}"
            while name in taken:
                name = f"field_{name}"
            taken.add(name)
        record[name] = value


def format_json(
    level: int,
    timestamp: str,
    message: object,
    context: RequestScope | None,
    fields: Mapping[str, object],
    *,
    logger: str,
    error: ErrorFields | None,
) -> str:
    if not isinstance(message, str) and not _is_json_shaped(message):
        from lambda_runtime.log._error_fields import describe

        message = describe(message)
    record: dict[str, object] = {
        "timestamp": timestamp,
        "level": LEVEL_NAMES[level],
        "message": message,
        "logger": logger,
    }
    if context is not None:
        record["requestId"] = context.aws_request_id
        if context.tenant_id is not None:
            record["tenantId"] = context.tenant_id
        if context.trace_id:
            record["xrayTraceId"] = trace_root(context.trace_id)
    if error is not None:
        record.update(error.to_dict())
    if fields:
        _add_fields(record, fields)
    return safe_json(record)


def format_text(
    level: int,
    timestamp: str,
    message: object,
    context: RequestScope | None,
    fields: Mapping[str, object],
    *,
    logger: str,
    error: ErrorFields | None,
) -> str:
    request_id = "" if context is None else context.aws_request_id
    line = f"[{LEVEL_NAMES[level]}]\t{timestamp}\t{request_id}\t{_message_text(message)}"
    if fields:
        line = f"{line} {safe_json(dict(fields))}"
    if error is not None:
        details = error.to_text()
        if details:
            line = f"{line}\n{details}"
    return line


def trace_root(trace_header: str) -> str:
    """The ``Root=`` value of an X-Ray trace header (what X-Ray and Powertools call the trace id)."""
    for part in trace_header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == "Root":
            return value
    return trace_header
