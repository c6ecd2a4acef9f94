"""Structured, leveled logging that honours Lambda's log controls.

- ``Log.trace/debug/info/warn/error/fatal(message, **fields)`` and ``Log.exception(...)``.
- The stdlib ``logging`` root logger routed through the same format, level and destination.
- ``AWS_LAMBDA_LOG_FORMAT`` (TEXT | JSON), ``AWS_LAMBDA_LOG_LEVEL`` (TRACE .. FATAL) and
  ``_LAMBDA_TELEMETRY_LOG_FD`` (telemetry frames), read once by ``configure()``.
- ``log_fault()``: the runtime's own faults, at ERROR or FATAL, with the error keys.

Module map: ``_levels`` (Level), ``_config`` (LogConfig), ``_timestamps``, ``_error_fields``
(exception keys), ``_formatters`` (TEXT / JSON), ``_sinks`` (stdout, telemetry frames), ``_emitter``
(stamp -> format -> write), ``_log`` (Log), ``_stdlib`` (logging handler, loaded with ``logging``),
``_setup`` (configure, log_fault).
"""

from __future__ import annotations

from lambda_runtime import _lazy_attributes
from lambda_runtime.log._setup import configure, log_fault

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from lambda_runtime.log._config import LogConfig, LogFormat
    from lambda_runtime.log._levels import Level
    from lambda_runtime.log._log import Log
    from lambda_runtime.log._stdlib import LambdaLogHandler

__all__ = ["LambdaLogHandler", "Level", "Log", "LogConfig", "LogFormat", "configure", "log_fault"]

# Loaded on first use: the runtime's cold start needs only ``configure`` (see ``_setup``), and the
# handler imports the stdlib ``logging`` package.
_LOCATIONS = {
    "LambdaLogHandler": "lambda_runtime.log._stdlib",
    "Level": "lambda_runtime.log._levels",
    "Log": "lambda_runtime.log._log",
    "LogConfig": "lambda_runtime.log._config",
    "LogFormat": "lambda_runtime.log._config",
}


__getattr__, __dir__ = _lazy_attributes(__name__, _LOCATIONS, __all__)
