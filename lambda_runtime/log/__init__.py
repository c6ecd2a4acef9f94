"""Structured, leveled logging that honours AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL.

Placeholder interface until the logging issue lands: the runtime calls ``configure()`` once at start and
``log_fault()`` for each fault it reports.
"""

from __future__ import annotations

import sys

from lambda_runtime.runtime.errors import ErrorReport

__all__ = ["configure", "log_fault"]


def configure() -> None:
    """Install the logger from the environment (format, level, telemetry fd)."""


def log_fault(error: ErrorReport, exc: BaseException | None = None, *, fatal: bool = False) -> None:
    """Log a fault the runtime reports (uncaught exception, init error, marshal error) at ERROR or FATAL."""
    level = "FATAL" if fatal else "ERROR"
    sys.stderr.write(f"[{level}]\t{error.error_type}: {error.error_message}\n")
