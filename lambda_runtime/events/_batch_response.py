"""The ``batchItemFailures`` response SQS, Kinesis and DynamoDB Streams share (ReportBatchItemFailures).

Rule: each family exports its own named subclasses; the shape lives here once.
"""

from __future__ import annotations

from collections.abc import Iterable

from lambda_runtime.events._base import EventResponse, Field, ListOf

__all__ = ["BatchItemFailure", "BatchItemFailuresResponse"]


class BatchItemFailure(EventResponse):
    """One record to retry: its SQS message id, or its Kinesis/DynamoDB sequence number."""

    __slots__ = ()
    item_identifier = Field[str]("itemIdentifier")

    def __init__(self, item_identifier: str) -> None:
        super().__init__({"itemIdentifier": item_identifier})


class BatchItemFailuresResponse(EventResponse):
    """``{"batchItemFailures": [{"itemIdentifier": ...}, ...]}``; an empty list means all succeeded."""

    __slots__ = ()
    batch_item_failures = ListOf("batchItemFailures", BatchItemFailure)

    def __init__(self, batch_item_failures: Iterable[BatchItemFailure | str] = ()) -> None:
        super().__init__(
            {
                "batchItemFailures": [
                    {"itemIdentifier": f} if isinstance(f, str) else f.to_dict() for f in batch_item_failures
                ]
            }
        )

    @property
    def item_identifiers(self) -> list[str]:
        return [failure.item_identifier for failure in self.batch_item_failures]
