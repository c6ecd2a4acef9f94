"""What the runtime calls: ``configure()`` once at start, ``log_fault()`` for every fault it reports."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from lambda_runtime.log._config import LogConfig, LogFormat
from lambda_runtime.log._emitter import RUNTIME_LOGGER, Emitter
from lambda_runtime.log._levels import Level
from lambda_runtime.log._log import active_emitter, install_emitter
from lambda_runtime.log._sinks import Sink, StreamSink, TelemetrySink

if TYPE_CHECKING:
    from lambda_runtime.runtime.errors import ErrorReport

__all__ = ["configure", "log_fault"]


def _open_sink(config: LogConfig, problems: list[str]) -> tuple[LogConfig, Sink]:
    text = config.format is LogFormat.TEXT
    if config.telemetry_fd is not None:
        try:
            return config, TelemetrySink(config.telemetry_fd, text=text)
        except OSError as exc:
            problems.append(
                f"_LAMBDA_TELEMETRY_LOG_FD={config.telemetry_fd} is not an open descriptor "
                f"({exc.strerror}); logging to stdout"
            )
            config = config.replace(telemetry_fd=None)
    return config, StreamSink(one_event_per_record=text)


def _install_stdlib_handler(emitter: Emitter) -> None:
    """Put our handler on the root logger, replacing (and keeping the filters of) one set up before."""
    import logging

    from lambda_runtime.log._stdlib import LambdaLogHandler

    logging.addLevelName(Level.TRACE.to_stdlib(), "TRACE")
    root = logging.getLogger()
    level = emitter.config.level
    handler = LambdaLogHandler(emitter, logging.NOTSET if level is None else level.to_stdlib())
    for old in [h for h in root.handlers if isinstance(h, LambdaLogHandler)]:
        for log_filter in old.filters:
            handler.addFilter(log_filter)
        root.removeHandler(old)
    root.addHandler(handler)
    if level is not None:
        root.setLevel(level.to_stdlib())


def configure(config: LogConfig | None = None) -> None:
    """Set up ``Log`` and the stdlib root logger from the environment (or from ``config``).

    Reads AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL and _LAMBDA_TELEMETRY_LOG_FD once. Invalid values
    fall back to their defaults, each with one WARN record. Calling it again replaces the setup.
    """
    config = LogConfig.from_env() if config is None else config
    problems = list(config.problems)
    config, sink = _open_sink(config, problems)
    emitter = Emitter(config, sink)
    install_emitter(emitter)
    _install_stdlib_handler(emitter)
    for problem in problems:
        # Written whatever the threshold: a setting that was ignored must be visible.
        emitter.emit(Level.WARN, problem, logger=RUNTIME_LOGGER)


def log_fault(error: ErrorReport, exc: BaseException | None = None, *, fatal: bool = False) -> None:
    """Log a fault the runtime reports (uncaught exception, init or marshal error) at ERROR or FATAL.

    The record carries the wire error's ``errorType``, ``errorMessage`` and ``stackTrace`` under the
    ``level`` key, so Lambda's level filter keeps it. Never raises.
    """
    level = Level.FATAL if fatal else Level.ERROR
    try:
        from lambda_runtime.log._error_fields import ErrorFields

        emitter = active_emitter()
        if level < emitter.threshold:
            return
        fields = ErrorFields.from_report(error, exc)
        emitter.emit(level, f"{error.error_type}: {error.error_message}", logger=RUNTIME_LOGGER, error=fields)
    except Exception:
        with contextlib.suppress(Exception):
            sys.stderr.write(f"[{level.name}]\t{error.error_type}: {error.error_message}\n")
