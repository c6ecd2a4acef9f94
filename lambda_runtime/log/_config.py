"""The logging environment, read once into a typed value.

Rule: nothing here raises on bad input. An invalid value falls back to its default and leaves a
sentence in ``problems``; ``configure`` logs each one once as a warning.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import Enum

from lambda_runtime._record import Record, set_field
from lambda_runtime.log._environment import FORMAT_ENV, LEVEL_ENV, TELEMETRY_FD_ENV
from lambda_runtime.log._levels import Level

__all__ = ["LogConfig", "LogFormat"]


class LogFormat(Enum):
    TEXT = "TEXT"
    JSON = "JSON"


class LogConfig(Record):
    """How records are rendered, filtered and where they go."""

    __slots__ = ("format", "level", "problems", "telemetry_fd")
    format: LogFormat
    # From AWS_LAMBDA_LOG_LEVEL; None when it is not set (then ``Log`` logs from INFO up and the
    # stdlib root logger keeps its own level, as under AWS's Python runtime).
    level: Level | None
    # When set, records go to this descriptor as telemetry frames instead of stdout.
    telemetry_fd: int | None
    # Invalid settings that were replaced by their default, one sentence each.
    problems: tuple[str, ...]

    def __init__(
        self,
        format: LogFormat = LogFormat.TEXT,
        level: Level | None = None,
        telemetry_fd: int | None = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        set_field(self, "format", format)
        set_field(self, "level", level)
        set_field(self, "telemetry_fd", telemetry_fd)
        set_field(self, "problems", problems)

    @property
    def threshold(self) -> Level:
        """The lowest level that is written."""
        return Level.INFO if self.level is None else self.level

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LogConfig:
        env = os.environ if env is None else env
        problems: list[str] = []

        log_format = LogFormat.TEXT
        format_text = env.get(FORMAT_ENV, "").strip()
        if format_text:
            try:
                log_format = LogFormat(format_text.upper())
            except ValueError:
                problems.append(f"{FORMAT_ENV}={format_text!r} is not TEXT or JSON; using TEXT")

        level: Level | None = None
        level_text = env.get(LEVEL_ENV, "").strip()
        if level_text:
            try:
                level = Level.parse(level_text)
            except ValueError as exc:
                problems.append(f"{LEVEL_ENV}: {exc}; using INFO")

        telemetry_fd: int | None = None
        fd_text = env.get(TELEMETRY_FD_ENV, "").strip()
        if fd_text:
            try:
                telemetry_fd = int(fd_text)
            except ValueError:
                problems.append(f"{TELEMETRY_FD_ENV}={fd_text!r} is not a file descriptor; logging to stdout")
            else:
                if telemetry_fd < 0:
                    problems.append(f"{TELEMETRY_FD_ENV}={fd_text!r} is negative; logging to stdout")
                    telemetry_fd = None

        return cls(log_format, level, telemetry_fd, tuple(problems))
