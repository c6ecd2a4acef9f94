from __future__ import annotations

import io
import os
import threading

import pytest

from lambda_runtime.log._sinks import FRAME_HEADER, StreamSink, TelemetrySink, frame_type


def read_frames(fd: int) -> list[tuple[int, int, bytes]]:
    """Decode frames from a pipe until its write end is closed."""
    data = bytearray()
    while chunk := os.read(fd, 65536):
        data += chunk
    frames = []
    offset = 0
    while offset < len(data):
        kind, length, timestamp_us = FRAME_HEADER.unpack_from(data, offset)
        offset += FRAME_HEADER.size
        frames.append((kind, timestamp_us, bytes(data[offset : offset + length])))
        offset += length
    assert offset == len(data)
    return frames


def test_frame_type_bits() -> None:
    assert frame_type(0, text=True) == 0xA55A0003
    assert frame_type(0, text=False) == 0xA55A0002
    assert frame_type(3, text=False) == 0xA55A000E  # INFO, JSON
    assert frame_type(5, text=True) == 0xA55A0017  # ERROR, TEXT
    assert frame_type(6, text=False) == 0xA55A001A  # FATAL, JSON
    assert frame_type(1, text=True) == 0xA55A0007  # TRACE, TEXT


def test_stream_sink_joins_lines_into_one_event() -> None:
    stream = io.StringIO()
    sink = StreamSink(stream, one_event_per_record=True)
    sink.write(3, "first\nsecond\r\nthird", 0)
    sink.write(3, "single", 0)
    assert stream.getvalue() == "first\rsecond\rthird\nsingle\n"


def test_stream_sink_without_joining_keeps_newlines() -> None:
    stream = io.StringIO()
    StreamSink(stream).write(3, "a\nb", 0)
    assert stream.getvalue() == "a\nb\n"


def test_stream_sink_follows_sys_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    StreamSink().write(3, "to stdout", 0)
    assert capsys.readouterr().out == "to stdout\n"


def test_telemetry_frames_through_a_real_pipe() -> None:
    read_end, write_end = os.pipe()
    try:
        sink = TelemetrySink(write_end, text=True)
        sink.write(3, "line one\nline two", 1_714_564_800_123_456_789)
        sink.write(5, "ünïcode", 42_000)
        os.close(write_end)
        frames = read_frames(read_end)
    finally:
        os.close(read_end)
    assert frames == [
        (0xA55A000F, 1_714_564_800_123_456, b"line one\nline two\n"),
        (0xA55A0017, 42, "ünïcode\n".encode()),
    ]


def test_telemetry_frame_larger_than_the_pipe_buffer_arrives_whole() -> None:
    read_end, write_end = os.pipe()
    payload = "x" * 300_000
    result: list[list[tuple[int, int, bytes]]] = []
    reader = threading.Thread(target=lambda: result.append(read_frames(read_end)))
    reader.start()
    try:
        TelemetrySink(write_end, text=False).write(4, payload, 0)
    finally:
        os.close(write_end)
        reader.join(timeout=10)
        os.close(read_end)
    assert result == [[(0xA55A0012, 0, (payload + "\n").encode())]]


def test_telemetry_sink_refuses_a_closed_descriptor() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    os.close(write_end)
    with pytest.raises(OSError, match="Bad file descriptor"):
        TelemetrySink(write_end, text=True)


def test_stream_sink_escapes_what_a_strict_stream_cannot_encode() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    StreamSink(stream).write(3, "bad \udcff byte", 0)
    assert raw.getvalue() == b"bad \\udcff byte\n"
