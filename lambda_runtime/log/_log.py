"""``Log``: the fast, leveled logger user code calls (``Log.info("paid", order=42)``).

Rule: a call below the threshold costs one comparison; above it, one trip through the Emitter. The
stdlib ``logging`` machinery is not on this path.
"""

from __future__ import annotations

import sys

from lambda_runtime.log._emitter import Emitter
from lambda_runtime.log._levels import Level

__all__ = ["Log", "active_emitter", "install_emitter"]

_active: Emitter = Emitter.default()


def install_emitter(emitter: Emitter) -> None:
    """Make ``emitter`` the one ``Log`` (and the runtime's fault records) write through."""
    global _active  # noqa: PLW0603 -- one module global keeps Log's hot path to a single lookup
    _active = emitter


def active_emitter() -> Emitter:
    return _active


class Log:
    """Leveled, structured logging. ``message`` may be any object; keyword fields become JSON keys.

    Under JSON a dict, list or dataclass message is written as JSON; other objects as ``str()``.
    A field value orjson cannot encode is written as its ``repr``. A log call never raises.
    """

    __slots__ = ()

    @staticmethod
    def trace(message: object, /, **fields: object) -> None:
        emitter = _active
        if emitter.threshold <= 1:
            emitter.emit(1, message, fields)

    @staticmethod
    def debug(message: object, /, **fields: object) -> None:
        emitter = _active
        if emitter.threshold <= 2:
            emitter.emit(2, message, fields)

    @staticmethod
    def info(message: object, /, **fields: object) -> None:
        emitter = _active
        if emitter.threshold <= 3:
            emitter.emit(3, message, fields)

    @staticmethod
    def warn(message: object, /, **fields: object) -> None:
        emitter = _active
        if emitter.threshold <= 4:
            emitter.emit(4, message, fields)

    @staticmethod
    def error(message: object, /, **fields: object) -> None:
        emitter = _active
        if emitter.threshold <= 5:
            emitter.emit(5, message, fields)

    @staticmethod
    def fatal(message: object, /, **fields: object) -> None:
        emitter = _active
        if emitter.threshold <= 6:
            emitter.emit(6, message, fields)

    @staticmethod
    def exception(message: object = "", /, *, exc: BaseException | None = None, **fields: object) -> None:
        """Log at ERROR with the exception being handled (or ``exc``): errorType, stackTrace, location."""
        emitter = _active
        if emitter.threshold > 5:
            return
        error = None
        try:
            if exc is None:
                exc = sys.exc_info()[1]
            if exc is not None:
                from lambda_runtime.log._error_fields import ErrorFields

                caller = sys._getframe(1)
                location = f"{caller.f_code.co_filename}:{caller.f_code.co_name}:{caller.f_lineno}"
                error = ErrorFields.from_exception(exc, location)
        except Exception:
            error = None
        emitter.emit(5, message, fields, error=error)

    @staticmethod
    def is_enabled(level: Level | str) -> bool:
        """Whether a record at ``level`` would be written (to skip building costly messages)."""
        if isinstance(level, str):
            level = Level.parse(level)
        return level >= _active.threshold
