"""``_X_AMZN_TRACE_ID`` for each invocation, without memory growth.

Rules:
- The variable holds the invocation's trace header, for ``os.environ`` / ``os.getenv`` (the X-Ray SDK) and
  for C ``getenv`` alike; it is removed when an invocation has none.
- ``os.environ[name] = value`` calls C ``setenv``, and glibc never frees the string a ``setenv`` replaces:
  one lost string per distinct value, i.e. per invocation. So the variable lives in a buffer this module
  owns, given to C ``putenv`` once and rewritten in place (through a memoryview); ``os.environ``'s mapping
  is updated without a call to ``setenv``.
- ``ctypes`` (about 5 ms of imports) is never loaded at cold start: until ``prepare()`` runs (the loop calls
  it once the first response is posted) the value goes through ``os.environ``, one string once.
- A value longer than the buffer gets a buffer of twice the size; replaced buffers are kept alive (a thread
  may be reading one), so there are at most a few of them.
- User code that sets or deletes the variable through ``os.environ`` is noticed (the mapping no longer holds
  the value this module put there) and the buffer is installed again on the next invocation.
- Where any of this is unavailable (no ``ctypes``, no C ``putenv``, an ``os.environ`` without ``_data``), or
  for a value with a NUL byte, ``os.environ`` is used as it is.
"""

from __future__ import annotations

import os

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["TRACE_ENV", "TraceEnv"]

TRACE_ENV = "_X_AMZN_TRACE_ID"
_KEY = TRACE_ENV.encode()
_PREFIX = _KEY + b"="
_START = len(_PREFIX)  # where the value starts in a buffer
# Trace headers are about 100 bytes (Root, Parent, Sampled, Lineage).
_INITIAL_CAPACITY = 240


# Never a value of os.environ's mapping: ``_installed`` while the buffer is not in the environment.
_NOT_INSTALLED = object()


class TraceEnv:
    """Sets and removes ``_X_AMZN_TRACE_ID``; one instance per process (it owns the variable)."""

    def __init__(self) -> None:
        # os.environ's own mapping (encoded key -> encoded value), read by os.environ and os.getenv.
        self._data: dict[bytes, bytes] | None = getattr(os.environ, "_data", None)
        self.prepared = False  # prepare() ran
        self._buffers: list[object] = []  # every buffer handed to putenv (kept alive)
        self._buffer: object = None  # the current one
        self._view: memoryview | None = None  # the current buffer's bytes, written in place
        self._room = 0  # value bytes the current buffer holds, NUL excluded
        self._putenv: Callable[[object], int] | None = None
        # The value object this module put into ``_data`` while the buffer is in the C environment.
        self._installed: object = _NOT_INSTALLED

    def set(self, value: str | None) -> None:
        """Make ``value`` the variable's value; remove the variable for None or ``""``."""
        data = self._data
        if not value:
            if self._installed is not _NOT_INSTALLED or data is None or _KEY in data:
                self._installed = _NOT_INSTALLED
                os.environ.pop(TRACE_ENV, None)  # C unsetenv frees nothing that putenv was given
            return
        encoded = value.encode("utf-8", "surrogateescape")  # os.environ's encoding on POSIX
        view = self._view
        if (
            view is not None
            and data is not None
            and data.get(_KEY) is self._installed
            and (end := _START + len(encoded)) <= self._room + _START
            and 0 not in encoded
        ):
            view[_START:end] = encoded
            view[end] = 0
            data[_KEY] = self._installed = encoded
            return
        self._set_slowly(value, encoded)

    def _set_slowly(self, value: str, encoded: bytes) -> None:
        data, putenv = self._data, self._putenv
        if data is None or putenv is None or 0 in encoded:
            self._installed = _NOT_INSTALLED
            try:
                os.environ[TRACE_ENV] = value
            except ValueError:  # a NUL byte: no such value can be in the environment
                os.environ.pop(TRACE_ENV, None)
            return
        if len(encoded) > self._room:
            self._new_buffer(max(len(encoded), 2 * self._room))
        assert self._view is not None
        end = _START + len(encoded)
        self._view[_START:end] = encoded
        self._view[end] = 0
        if putenv(self._buffer) != 0:  # the buffer (again) becomes the environment's entry
            self._installed = _NOT_INSTALLED
            os.environ[TRACE_ENV] = value
            return
        data[_KEY] = self._installed = encoded

    def _new_buffer(self, room: int) -> None:
        """A buffer holding ``NAME=`` and room for a value of ``room`` bytes and its NUL."""
        import ctypes

        buffer = ctypes.create_string_buffer(_PREFIX, len(_PREFIX) + room + 1)
        self._buffers.append(buffer)
        self._buffer = buffer
        self._view = memoryview(buffer).cast("B")
        self._room = room
        self._installed = _NOT_INSTALLED

    def prepare(self) -> None:
        """Load ``ctypes`` and find C ``putenv``; after this, values go to the owned buffer.

        Called between invocations (after the first response), so neither cold start nor an invocation
        pays for it. Leaves the ``os.environ`` way in place when C ``putenv`` cannot be used.
        """
        if self.prepared:
            return
        self.prepared = True
        if self._data is None:
            return
        try:
            import ctypes

            putenv = ctypes.CDLL(None).putenv
        except (ImportError, OSError, AttributeError):
            return
        putenv.argtypes = (ctypes.c_void_p,)
        putenv.restype = ctypes.c_int
        self._putenv = putenv
        self._new_buffer(_INITIAL_CAPACITY)
        current = os.environ.get(TRACE_ENV)
        if current:
            self.set(current)
