"""What an invoke produced, as values the Invoke API renders.

- ``Success``: a buffered result.
- ``Failure``: a function error, runtime fault, timeout or crash; ``body`` is the error JSON the caller gets.
  ``log_tail`` (base64, as ``X-Amz-Log-Result``) is set on a failure that never reached an invoke record
  (an init failure): its log is the init's.
- ``StreamedResult``: a response the runtime streams; iterate it for the chunks, then read ``failure``
  (set when the stream ended with error trailers, a timeout or a crash).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace

import orjson

__all__ = ["Failure", "Outcome", "StreamedResult", "Success"]


@dataclass(frozen=True, slots=True)
class Success:
    body: bytes
    content_type: str = "application/json"


@dataclass(frozen=True, slots=True)
class Failure:
    error_type: str
    body: bytes
    log_tail: str | None = field(default=None, compare=False)

    @classmethod
    def of(cls, error_type: str, message: str) -> Failure:
        return cls(error_type, orjson.dumps({"errorType": error_type, "errorMessage": message}))

    @classmethod
    def response_too_large(cls, limit: int) -> Failure:
        return cls.of(
            "Function.ResponseSizeTooLarge",
            f"Response payload size exceeded maximum allowed payload size ({limit} bytes).",
        )

    def with_log_tail(self, log_tail: str) -> Failure:
        return replace(self, log_tail=log_tail)

    @property
    def message(self) -> str:
        try:
            doc = orjson.loads(self.body)
        except orjson.JSONDecodeError:
            return self.body.decode("utf-8", "replace")
        return str(doc.get("errorMessage", "")) if isinstance(doc, dict) else str(doc)


_END = b""
_WINDOW = 64


class StreamedResult:
    """Chunks handed from the runtime's upload to the caller's download.

    At most ``_WINDOW`` chunks wait in between, so a slow caller slows the runtime instead of filling memory;
    ``abandon()`` (the caller went away) lets the producer run on, discarding.
    """

    def __init__(self, content_type: str) -> None:
        self.content_type = content_type
        self.failure: Failure | None = None
        self.produced_bytes = 0
        self._queue: asyncio.Queue[bytes] = asyncio.Queue()
        self._window = asyncio.Semaphore(_WINDOW)
        self._ended = False
        self._abandoned = False

    async def put(self, chunk: bytes) -> None:
        if not chunk or self._ended:
            return
        self.produced_bytes += len(chunk)
        if self._abandoned:
            return
        await self._window.acquire()
        self._queue.put_nowait(chunk)

    def end(self, failure: Failure | None = None) -> None:
        """Finish the stream (idempotent: the first end wins)."""
        if self._ended:
            return
        self._ended = True
        self.failure = failure
        self._queue.put_nowait(_END)

    def abandon(self) -> None:
        if not self._abandoned:
            self._abandoned = True
            for _ in range(_WINDOW + 1):
                self._window.release()

    @property
    def ended(self) -> bool:
        return self._ended

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            chunk = await self._queue.get()
            if not chunk:
                return
            self._window.release()
            yield chunk


Outcome = Success | Failure | StreamedResult
