"""Event-stream framing and telemetry buffering: our code against botocore's decoder and a floor.

Prints operations per second and ratios. Bounded: about a second per row.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from botocore.eventstream import EventStreamBuffer

from lambda_runtime.emulator.event_stream import (
    EventStreamDecoder,
    encode_invoke_complete,
    encode_payload_chunk,
)
from lambda_runtime.emulator.extensions.delivery import RecordBuffer
from lambda_runtime.protocol.telemetry import Buffering, TelemetryRecord

__all__ = ["main"]

_BUDGET_S = 0.5


def _rate(step: Callable[[], object]) -> float:
    """Operations per second of ``step`` over about ``_BUDGET_S``."""
    count = 0
    began = time.perf_counter()
    while True:
        for _ in range(200):
            step()
        count += 200
        elapsed = time.perf_counter() - began
        if elapsed >= _BUDGET_S:
            return count / elapsed


def main() -> None:
    payload = b"x" * 1024
    stream = encode_payload_chunk(payload) * 8 + encode_invoke_complete()

    def ours_decode() -> object:
        return EventStreamDecoder().feed(stream)

    def botocore_decode() -> object:
        buffer = EventStreamBuffer()
        buffer.add_data(stream)
        return list(buffer)

    def floor_copy() -> object:
        return bytes(bytearray(stream))

    encode = _rate(lambda: encode_payload_chunk(payload))
    ours = _rate(ours_decode)
    theirs = _rate(botocore_decode)
    floor = _rate(floor_copy)

    record = TelemetryRecord(
        time.time(), "function", "a typical log line of about sixty characters, give or take"
    )
    buffer = RecordBuffer(
        Buffering(max_items=10000, max_bytes=1048576, timeout_ms=1000), capacity_bytes=1 << 30
    )

    def add_record() -> object:
        added = buffer.add(record, 0.0)
        if len(buffer) >= 10000:
            buffer.take_batch(0.0)
        return added

    telemetry = _rate(add_record)

    print(f"{'operation':<46}{'ops/s':>12}{'ratio':>10}")
    print(f"{'encode PayloadChunk (1 KiB)':<46}{encode:>12,.0f}{'':>10}")
    print(f"{'decode 9 messages: ours':<46}{ours:>12,.0f}{ours / theirs:>9.2f}x  vs botocore")
    print(f"{'decode 9 messages: botocore EventStreamBuffer':<46}{theirs:>12,.0f}{1.0:>9.2f}x")
    print(f"{'floor: copy the same bytes':<46}{floor:>12,.0f}{floor / ours:>9.2f}x  floor/ours")
    print(f"{'telemetry: buffer one record (encode + queue)':<46}{telemetry:>12,.0f}{'':>10}")


if __name__ == "__main__":
    main()
