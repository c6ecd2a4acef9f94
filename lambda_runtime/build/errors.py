"""The one error type of the build commands: its message is printed as is, the command exits 2."""

from __future__ import annotations

__all__ = ["BuildError"]


class BuildError(Exception):
    """A build or deploy step failed for a reason the user can act on; ``str(exc)`` says which."""
