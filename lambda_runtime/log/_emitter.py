"""The one path every record takes: stamp, format, write.

Rule: ``emit`` never raises. A record that cannot be formatted or written is reported on stderr in
one line, and the caller carries on. The request id, tenant id and trace id come from the invocation in
flight (``request_scope``, a context variable the runtime sets), so they are right under threads and async
handlers.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping

from lambda_runtime.log._config import LogConfig, LogFormat
from lambda_runtime.log._environment import request_scope
from lambda_runtime.log._formatters import Formatter, format_json, format_text
from lambda_runtime.log._levels import LEVEL_NAMES
from lambda_runtime.log._sinks import Sink, StreamSink
from lambda_runtime.log._timestamps import format_timestamp

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from lambda_runtime.log._error_fields import ErrorFields

__all__ = ["DEFAULT_LOGGER", "RUNTIME_LOGGER", "Emitter"]

# The ``logger`` of records written through ``Log`` and of the runtime's own records.
DEFAULT_LOGGER = "Log"
RUNTIME_LOGGER = "lambda_runtime"
_NO_FIELDS: Mapping[str, object] = {}


_current_scope = request_scope.get


class Emitter:
    """A configured logger: a threshold, a formatter and a sink."""

    __slots__ = ("_clock", "_formatter", "_sink", "config", "threshold")

    def __init__(self, config: LogConfig, sink: Sink, clock: Callable[[], int] = time.time_ns) -> None:
        self.config = config
        self.threshold: int = config.threshold
        self._formatter: Formatter = format_json if config.format is LogFormat.JSON else format_text
        self._sink = sink
        self._clock = clock

    @classmethod
    def default(cls) -> Emitter:
        """TEXT from INFO up on stdout: what ``Log`` does before the runtime configures it."""
        return cls(LogConfig(), StreamSink(one_event_per_record=True))

    def enabled(self, level: int) -> bool:
        return level >= self.threshold

    def emit(
        self,
        level: int,
        message: object,
        fields: Mapping[str, object] = _NO_FIELDS,
        *,
        logger: str = DEFAULT_LOGGER,
        error: ErrorFields | None = None,
        timestamp_ns: int | None = None,
    ) -> None:
        """Write one record, whatever its level (callers filter)."""
        try:
            now = self._clock() if timestamp_ns is None else timestamp_ns
            context = _current_scope()
            payload = self._formatter(
                level, format_timestamp(now), message, context, fields, logger=logger, error=error
            )
            self._sink.write(level, payload, now)
        except Exception as exc:
            _report_lost_record(level, message, exc)


def _report_lost_record(level: int, message: object, exc: Exception) -> None:
    try:
        from lambda_runtime.log._error_fields import describe

        stream = sys.stderr or sys.__stderr__
        if stream is None:
            return
        stream.write(
            f"lambda_runtime.log: could not write a {LEVEL_NAMES[level]} record "
            f"({type(exc).__name__}: {describe(exc)}); its message was: {describe(message)!r}\n"
        )
        stream.flush()
    except Exception:
        pass
