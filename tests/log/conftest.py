"""Fixtures for the logging tests: the global logging state is put back after every test."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from lambda_runtime.log import _log
from lambda_runtime.runtime.context import Context


class ListSink:
    """A sink that keeps what it was given."""

    def __init__(self) -> None:
        self.records: list[tuple[int, str, int]] = []

    def write(self, level: int, payload: str, timestamp_ns: int) -> None:
        self.records.append((level, payload, timestamp_ns))

    @property
    def payloads(self) -> list[str]:
        return [payload for _, payload, _ in self.records]


def make_context(
    request_id: str = "req-1", *, tenant_id: str | None = None, trace_id: str | None = None
) -> Context:
    return Context(
        aws_request_id=request_id,
        invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:test",
        function_name="test",
        function_version="$LATEST",
        memory_limit_in_mb=128,
        log_group_name="/aws/lambda/test",
        log_stream_name="stream",
        tenant_id=tenant_id,
        trace_id=trace_id,
    )


@pytest.fixture(autouse=True)
def _restore_logging_state() -> Iterator[None]:
    emitter = _log.active_emitter()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    _log.install_emitter(emitter)
    root.handlers[:] = handlers
    root.setLevel(level)
