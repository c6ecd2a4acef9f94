"""One invoke's state: the request as the Invoke API accepted it and the record of it in flight.

Rules:
- Values only: this module imports no environment, pool or server, so ``core/environment.py`` (which
  writes the record) and ``core/invocation.py`` (which owns it from accept to END/REPORT) both depend on
  it and not on each other through it.
- ``InvokeRecord.first`` resolves once (the answer, or the start of a stream); ``InvokeRecord.finished``
  resolves once, after END and REPORT are written. Who resolves them: ``core/environment.py``; when the
  slot is free: ``core/invocation.py``.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from lambda_runtime.emulator.core.ids import new_request_id
from lambda_runtime.emulator.core.logs import InvokeLog
from lambda_runtime.emulator.core.outcome import Failure, Outcome
from lambda_runtime.protocol.runtime_api import Invocation

__all__ = ["InvokeRecord", "InvokeRequest"]


@dataclass(frozen=True, slots=True)
class InvokeRequest:
    """An invoke as the Invoke API accepted it."""

    payload: bytes
    request_id: str = field(default_factory=new_request_id)
    # The decoded X-Amz-Client-Context (JSON text), passed to the runtime as Lambda-Runtime-Client-Context.
    client_context: str | None = None
    # The caller's X-Amzn-Trace-Id (kept as the invoke's trace id; None: a fresh one) and X-Amz-Tenant-Id.
    trace_id: str | None = None
    tenant_id: str | None = None
    # The caller asked for the end of the invoke's log (X-Amz-Log-Result): the record keeps its lines.
    log_tail: bool = False


class InvokeRecord:
    """One invocation in flight. ``first``: the answer or the start of a stream; ``finished``: the end."""

    def __init__(
        self,
        request: InvokeRequest,
        invocation: Invocation,
        init_duration_ms: float | None,
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        self.request = request
        self.invocation = invocation
        self.init_duration_ms = init_duration_ms
        # The invoke's lines, kept only when the caller asked for them.
        self.log = InvokeLog() if request.log_tail else None
        self.first: asyncio.Future[Outcome] = loop.create_future()
        self.finished: asyncio.Future[Failure | None] = loop.create_future()
        # After the end: True once the environment can take the next invoke (the runtime is back in
        # /next, extensions are done), False when it is shutting down instead.
        self.reusable: asyncio.Future[bool] = loop.create_future()
        self.started = time.monotonic()

    @property
    def log_tail(self) -> str:
        """``X-Amz-Log-Result``: base64 of the end of this invoke's log (complete once ``finished``;
        empty unless the request asked for it)."""
        return self.log.tail_base64() if self.log is not None else ""

    @property
    def request_id(self) -> str:
        return self.request.request_id
