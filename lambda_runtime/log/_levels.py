"""Log levels: Lambda's six names, their numbers on the telemetry wire, and the stdlib mapping.

Rule: a level's integer value is its number in the telemetry frame type (1 TRACE .. 6 FATAL), so the
hot path compares and indexes plain ints.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["LEVEL_NAMES", "Level"]


class Level(IntEnum):
    """Lambda's log levels, lowest first."""

    TRACE = 1
    DEBUG = 2
    INFO = 3
    WARN = 4
    ERROR = 5
    FATAL = 6

    @classmethod
    def parse(cls, text: str) -> Level:
        """Read a level name case-insensitively; WARNING and CRITICAL are accepted as aliases."""
        name = text.strip().upper()
        level = _ALIASES.get(name)
        if level is None:
            choices = ", ".join(member.name for member in cls)
            raise ValueError(f"unknown log level {text!r}: expected one of {choices}")
        return level

    @classmethod
    def from_stdlib(cls, levelno: int) -> Level:
        """The Lambda level of a stdlib ``logging`` level number (anything below DEBUG is TRACE)."""
        if levelno >= 50:
            return cls.FATAL
        if levelno >= 40:
            return cls.ERROR
        if levelno >= 30:
            return cls.WARN
        if levelno >= 20:
            return cls.INFO
        if levelno >= 10:
            return cls.DEBUG
        return cls.TRACE

    def to_stdlib(self) -> int:
        """The stdlib ``logging`` level number; TRACE is 5, below DEBUG."""
        return _STDLIB_NUMBERS[self]


_ALIASES = {member.name: member for member in Level} | {"WARNING": Level.WARN, "CRITICAL": Level.FATAL}
_STDLIB_NUMBERS = {
    Level.TRACE: 5,
    Level.DEBUG: 10,
    Level.INFO: 20,
    Level.WARN: 30,
    Level.ERROR: 40,
    Level.FATAL: 50,
}

# Indexed by the level's integer value.
LEVEL_NAMES: tuple[str, ...] = ("NONE", *(member.name for member in Level))
