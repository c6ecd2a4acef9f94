"""The stdlib ``logging`` handler: records from ``logging`` take the same format, level and sink as ``Log``.

Rule: a LogRecord's ``extra=`` attributes become fields, ``exc_info`` becomes the error keys located
at the log call, and a message whose ``%`` arguments do not fit is still written, with the arguments.
"""

from __future__ import annotations

import logging

from lambda_runtime.log._emitter import Emitter
from lambda_runtime.log._error_fields import ErrorFields, describe
from lambda_runtime.log._levels import Level

__all__ = ["LambdaLogHandler"]

# Attributes every LogRecord has; anything else on a record came from ``extra=`` (or a filter).
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


def _message_of(record: logging.LogRecord) -> object:
    # A dict or dataclass logged without arguments stays structured (a JSON object under JSON).
    structured = isinstance(record.msg, dict) or hasattr(type(record.msg), "__dataclass_fields__")
    if structured and not record.args:
        return record.msg
    try:
        return record.getMessage()
    except Exception as exc:
        return f"{describe(record.msg)} (arguments {record.args!r} did not fit: {describe(exc)})"


class LambdaLogHandler(logging.Handler):
    """Writes stdlib records through an Emitter (the runtime installs one on the root logger)."""

    def __init__(self, emitter: Emitter, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self.emitter = emitter

    def emit(self, record: logging.LogRecord) -> None:
        try:
            fields = {key: value for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES}
            if record.stack_info:
                fields["stackInfo"] = record.stack_info
            error = None
            if record.exc_info and record.exc_info[1] is not None:
                location = f"{record.pathname}:{record.funcName}:{record.lineno}"
                error = ErrorFields.from_exception(record.exc_info[1], location)
            self.emitter.emit(
                Level.from_stdlib(record.levelno),
                _message_of(record),
                fields,
                logger=record.name,
                error=error,
                timestamp_ns=int(record.created * 1_000_000_000),
            )
        except Exception:
            self.handleError(record)
