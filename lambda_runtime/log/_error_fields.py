"""The exception part of a record: ``errorType``, ``errorMessage``, ``stackTrace``, ``location``.

Rule: building these never raises; an exception whose ``str()`` fails still yields a record.
"""

from __future__ import annotations

import re
from types import TracebackType

from lambda_runtime._record import Record, set_field

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from lambda_runtime.protocol.errors import ErrorReport

__all__ = ["ErrorFields", "describe"]

# A line of traceback.format_list output: '  File "path", line 12, in name\n    code\n'.
_FRAME_LINE = re.compile(r'\s*File "(?P<path>[^"]*)", line (?P<line>\d+), in (?P<name>[^\n]*)')


def describe(value: object) -> str:
    """``str(value)``, or a placeholder when ``__str__`` itself fails."""
    try:
        return str(value)
    except Exception:
        return f"<unprintable {type(value).__name__}>"


def _location_of(tb: TracebackType | None) -> str:
    """``path:function:line`` of the innermost frame of a traceback."""
    if tb is None:
        return ""
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    return f"{code.co_filename}:{code.co_name}:{tb.tb_lineno}"


def _location_from_trace(stack_trace: tuple[str, ...]) -> str:
    """``path:function:line`` read back from the last formatted frame of a stack trace."""
    if not stack_trace:
        return ""
    match = _FRAME_LINE.match(stack_trace[-1])
    if match is None:
        return ""
    return f"{match['path']}:{match['name']}:{match['line']}"


class ErrorFields(Record):
    __slots__ = ("error_message", "error_type", "location", "stack_trace", "summarised_in_message")
    error_type: str
    error_message: str
    stack_trace: tuple[str, ...]
    # ``path:function:line`` of the log call (stdlib, ``Log.exception``) or of the raise (runtime faults).
    location: str
    # True when the record's message already says ``Type: message`` (runtime faults), so the TEXT
    # rendering does not repeat it under the traceback.
    summarised_in_message: bool

    def __init__(
        self,
        error_type: str,
        error_message: str,
        stack_trace: tuple[str, ...],
        location: str,
        summarised_in_message: bool = False,
    ) -> None:
        set_field(self, "error_type", error_type)
        set_field(self, "error_message", error_message)
        set_field(self, "stack_trace", stack_trace)
        set_field(self, "location", location)
        set_field(self, "summarised_in_message", summarised_in_message)

    @classmethod
    def from_exception(cls, exc: BaseException, location: str | None = None) -> ErrorFields:
        import traceback

        try:
            frames = tuple(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
        except Exception:
            frames = ()
        return cls(
            error_type=type(exc).__name__,
            error_message=describe(exc),
            stack_trace=frames,
            location=_location_of(exc.__traceback__) if location is None else location,
        )

    @classmethod
    def from_report(cls, report: ErrorReport, exc: BaseException | None) -> ErrorFields:
        """The fields of a runtime fault: the wire error's values, located at the raise."""
        location = ""
        if exc is not None:
            cause = exc.__cause__ if exc.__cause__ is not None else exc
            location = _location_of(cause.__traceback__)
        if not location:
            location = _location_from_trace(report.stack_trace)
        return cls(report.error_type, report.error_message, tuple(report.stack_trace), location, True)

    def to_dict(self) -> dict[str, object]:
        return {
            "errorType": self.error_type,
            "errorMessage": self.error_message,
            "stackTrace": list(self.stack_trace),
            "location": self.location,
        }

    def to_text(self) -> str:
        """The Python traceback layout: header, frames, ``Type: message``; no trailing newline."""
        parts = []
        if self.stack_trace:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(self.stack_trace)
        if not self.summarised_in_message:
            parts.append(f"{self.error_type}: {self.error_message}")
        return "".join(parts).rstrip("\n")
