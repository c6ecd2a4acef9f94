"""Where rendered records go: a text stream (stdout) or Lambda's telemetry descriptor.

Rule: one ``write`` puts one whole record out, under a lock, flushed: records never interleave and
none waits in a buffer while Lambda freezes the process between invokes.

Telemetry frame, big-endian: ``type:u32 | len:u32 | timestamp_us:u64 | payload``, with
``type = 0xA55A0000 | level << 2 | 0x2 | (1 for TEXT, 0 for JSON)``.

Cold start: locks come from ``_thread`` (``threading.Lock`` is the same factory; ``threading`` costs
~0.7 ms to import) and ``struct`` is imported by the first telemetry sink (or ``FRAME_HEADER``).
"""

from __future__ import annotations

import os
import sys
from _thread import allocate_lock

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from struct import Struct
    from typing import Protocol, TextIO
else:
    Protocol = object

__all__ = ["FRAME_HEADER", "Sink", "StreamSink", "TelemetrySink", "frame_type"]

_FRAME_MAGIC = 0xA55A0000

if TYPE_CHECKING:
    # The frame header layout (``struct.Struct(">IIQ")``), made on first use.
    FRAME_HEADER: Struct


def _frame_header() -> Struct:
    header: Struct | None = globals().get("FRAME_HEADER")
    if header is None:
        import struct

        header = globals()["FRAME_HEADER"] = struct.Struct(">IIQ")
    return header


def __getattr__(name: str) -> object:
    if name == "FRAME_HEADER":
        return _frame_header()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def frame_type(level: int, *, text: bool) -> int:
    """The frame type word of a record at ``level`` (0 = no level, 1 TRACE .. 6 FATAL)."""
    return _FRAME_MAGIC | level << 2 | 0x2 | (1 if text else 0)


class Sink(Protocol):
    def write(self, level: int, payload: str, timestamp_ns: int) -> None:
        """Put out one record (without its line terminator)."""


class StreamSink:
    """Records as lines on a text stream; ``sys.stdout`` (looked up at each write) by default.

    With ``one_event_per_record`` a multi-line record has its newlines turned into ``\\r``, so that
    CloudWatch keeps it as one event, as AWS's runtimes do for TEXT logs on stdout.
    """

    __slots__ = ("_lock", "_one_event", "_stream")

    def __init__(self, stream: TextIO | None = None, *, one_event_per_record: bool = False) -> None:
        self._stream = stream
        self._one_event = one_event_per_record
        self._lock = allocate_lock()

    def write(self, level: int, payload: str, timestamp_ns: int) -> None:
        if self._one_event and "\n" in payload:
            payload = payload.replace("\r\n", "\r").replace("\n", "\r")
        stream = sys.stdout if self._stream is None else self._stream
        line = payload + "\n"
        with self._lock:
            try:
                stream.write(line)
            except UnicodeEncodeError:
                # A strict stream refuses lone surrogates; the record still goes out, escaped.
                stream.write(line.encode("utf-8", "backslashreplace").decode("utf-8"))
            stream.flush()


class TelemetrySink:
    """Records as telemetry frames on a descriptor Lambda gives the runtime (``_LAMBDA_TELEMETRY_LOG_FD``).

    The payload keeps its newlines (the frame marks the record's end) and ends with one ``\\n``, as
    AWS's Python runtime writes it. The descriptor stays open for the life of the process.
    """

    __slots__ = ("_fd", "_header", "_lock", "_types")

    def __init__(self, fd: int, *, text: bool) -> None:
        os.fstat(fd)  # fail now, not at the first record, when the descriptor is not open
        self._fd = fd
        self._types = tuple(frame_type(level, text=text) for level in range(7))
        self._header = _frame_header()
        self._lock = allocate_lock()

    def write(self, level: int, payload: str, timestamp_ns: int) -> None:
        body = (payload + "\n").encode("utf-8", "backslashreplace")
        frame = self._header.pack(self._types[level], len(body), timestamp_ns // 1000) + body
        view = memoryview(frame)
        with self._lock:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
