"""The tumbling-window shapes Kinesis and DynamoDB Streams share (window, state, shard and their response).

Rule: each family exports its own named classes built on these; the fields and the response document are
declared here once, so both families decode and encode identically.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lambda_runtime.events._base import EventObject, EventResponse, Field, ListOf, Obj, OptionalField
from lambda_runtime.events._batch_response import BatchItemFailure

__all__ = ["TimeWindow", "TimeWindowEventFields", "TimeWindowResponse"]


class TimeWindow(EventObject):
    __slots__ = ()
    start = Field[str]("start")
    end = Field[str]("end")


class TimeWindowEventFields(EventObject):
    """The fields a tumbling-window invocation adds to a stream event: mixed into each family's event."""

    __slots__ = ()
    window = Obj("window", TimeWindow)
    state = OptionalField[dict[str, str]]("state")
    shard_id = Field[str]("shardId")
    event_source_arn = Field[str]("eventSourceARN")
    is_final_invoke_for_window = Field[bool]("isFinalInvokeForWindow")
    is_window_terminated_early = Field[bool]("isWindowTerminatedEarly")


class TimeWindowResponse(EventResponse):
    """``{"state": {...}, "batchItemFailures": [...]}``: the state carried into the window's next call."""

    __slots__ = ()
    state = OptionalField[dict[str, str]]("state")
    batch_item_failures = ListOf("batchItemFailures", BatchItemFailure)

    def __init__(
        self,
        state: Mapping[str, str] | None = None,
        batch_item_failures: Iterable[BatchItemFailure] = (),
    ) -> None:
        super().__init__(
            {
                "state": dict(state or {}),
                "batchItemFailures": [f.to_dict() for f in batch_item_failures],
            }
        )
