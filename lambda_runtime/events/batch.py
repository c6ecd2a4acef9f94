"""Partial batch failures for SQS, Kinesis and DynamoDB Streams (``ReportBatchItemFailures``).

``process_batch(event, fn)`` runs ``fn`` on each record and returns the response naming the records to
retry; ``async_process_batch`` does the same and awaits ``fn`` when it returns an awaitable. Records run
one after another in batch order. Rules:

- SQS standard: every record runs; each one that raises is reported.
- SQS FIFO (the queue ARN ends in ``.fifo``): after the first failure the rest of the batch is reported
  failed without running, so a message group never processes out of order.
- Kinesis and DynamoDB Streams: Lambda restarts the shard from the lowest reported sequence number, so
  processing stops at the first failure and only that record is reported (later ones come back anyway).
- Every failure is logged (logger ``lambda_runtime.events.batch``) with the record's id and the error;
  records skipped because of an earlier failure are logged too. ``BaseException``s that are not
  ``Exception`` (KeyboardInterrupt, cancellation) are not swallowed.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from lambda_runtime.events.dynamodb import DynamoDBEvent, DynamoDBEventRecord, DynamoDBEventResponse
from lambda_runtime.events.kinesis import KinesisEvent, KinesisEventRecord, KinesisEventResponse
from lambda_runtime.events.sqs import SQSEvent, SQSEventResponse, SQSMessage

__all__ = ["async_process_batch", "process_batch"]

logger = logging.getLogger(__name__)

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class _Plan:
    """How one kind of batch is walked: record ids, and what happens after a failure."""

    source: str
    records: Sequence[Any]
    ids: Callable[[Any], str]
    skip_rest_after_failure: bool  # FIFO: report the rest failed
    stop_after_failure: bool  # streams: report only the first failure


def _plan(event: SQSEvent | KinesisEvent | DynamoDBEvent) -> _Plan:
    if isinstance(event, SQSEvent):
        records = event.records
        fifo = any(r.event_source_arn.endswith(".fifo") for r in records[:1])
        return _Plan("SQS FIFO" if fifo else "SQS", records, _sqs_id, fifo, False)
    if isinstance(event, KinesisEvent):
        return _Plan("Kinesis", event.records, _kinesis_id, False, True)
    if isinstance(event, DynamoDBEvent):
        return _Plan("DynamoDB Streams", event.records, _dynamodb_id, False, True)
    raise TypeError(
        f"partial batch responses exist for SQS, Kinesis and DynamoDB events, not {type(event).__name__}"
    )


def _sqs_id(record: SQSMessage) -> str:
    return record.message_id


def _kinesis_id(record: KinesisEventRecord) -> str:
    return record.kinesis.sequence_number


def _dynamodb_id(record: DynamoDBEventRecord) -> str:
    return record.change.sequence_number


class _Outcome:
    """Collects failures as the batch runs and renders the response."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.failed: list[str] = []

    def record_failed(self, index: int, record: Any, exc: Exception) -> bool:
        """Note a failure; returns whether to go on with the next record."""
        ident = self.plan.ids(record)
        self.failed.append(ident)
        logger.error(
            "%s record %s failed: %s: %s", self.plan.source, ident, type(exc).__name__, exc, exc_info=exc
        )
        rest = self.plan.records[index + 1 :]
        if self.plan.skip_rest_after_failure and rest:
            skipped = [self.plan.ids(r) for r in rest]
            self.failed.extend(skipped)
            logger.warning(
                "%s: %d later record(s) reported failed without running, after %s failed: %s",
                self.plan.source, len(skipped), ident, ", ".join(skipped),
            )  # fmt: skip
            return False
        if self.plan.stop_after_failure and rest:
            logger.warning(
                "%s: stopped after %s failed; %d later record(s) will be redelivered",
                self.plan.source, ident, len(rest),
            )  # fmt: skip
            return False
        return True


def _response(event: SQSEvent | KinesisEvent | DynamoDBEvent, failed: list[str]) -> Any:
    if isinstance(event, SQSEvent):
        return SQSEventResponse(failed)
    if isinstance(event, KinesisEvent):
        return KinesisEventResponse(failed)
    return DynamoDBEventResponse(failed)


@overload
def process_batch(event: SQSEvent, fn: Callable[[SQSMessage], object]) -> SQSEventResponse: ...
@overload
def process_batch(
    event: KinesisEvent, fn: Callable[[KinesisEventRecord], object]
) -> KinesisEventResponse: ...
@overload
def process_batch(
    event: DynamoDBEvent, fn: Callable[[DynamoDBEventRecord], object]
) -> DynamoDBEventResponse: ...
def process_batch(event: Any, fn: Callable[[Any], object]) -> Any:
    """Run ``fn`` on each record; the response lists the records to retry (empty: all succeeded).

    ``fn`` must be synchronous: use ``async_process_batch`` for a coroutine function.
    """
    plan = _plan(event)
    outcome = _Outcome(plan)
    for index, record in enumerate(plan.records):
        try:
            result = fn(record)
            if inspect.isawaitable(result):
                _close(result)
                raise TypeError("the record function returned an awaitable: use async_process_batch")
        except Exception as exc:
            if not outcome.record_failed(index, record, exc):
                break
    return _response(event, outcome.failed)


@overload
async def async_process_batch(
    event: SQSEvent, fn: Callable[[SQSMessage], Awaitable[object] | object]
) -> SQSEventResponse: ...
@overload
async def async_process_batch(
    event: KinesisEvent, fn: Callable[[KinesisEventRecord], Awaitable[object] | object]
) -> KinesisEventResponse: ...
@overload
async def async_process_batch(
    event: DynamoDBEvent, fn: Callable[[DynamoDBEventRecord], Awaitable[object] | object]
) -> DynamoDBEventResponse: ...
async def async_process_batch(event: Any, fn: Callable[[Any], Any]) -> Any:
    """Like ``process_batch``; ``fn`` may be a coroutine function (awaited record by record) or plain."""
    plan = _plan(event)
    outcome = _Outcome(plan)
    for index, record in enumerate(plan.records):
        try:
            result = fn(record)
            if inspect.isawaitable(result):
                await result
        except Exception as exc:
            if not outcome.record_failed(index, record, exc):
                break
    return _response(event, outcome.failed)


def _close(awaitable: Any) -> None:
    """Close an un-awaited coroutine so Python does not warn about it."""
    close = getattr(awaitable, "close", None)
    if callable(close):
        close()
