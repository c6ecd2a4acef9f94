"""Kinesis Data Streams records, tumbling windows, and Kinesis Data Firehose transformation.

Rule: record ``data`` stays base64 text as sent; ``data_bytes()`` decodes it on request, and response
constructors take bytes and encode them.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import Any

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    ListOf,
    Obj,
    OptionalField,
    OptionalObj,
    compact,
)
from lambda_runtime.events._batch_response import BatchItemFailure, BatchItemFailuresResponse
from lambda_runtime.events._decode import decode_base64, parse_json
from lambda_runtime.events._windows import TimeWindowEventFields, TimeWindowResponse

__all__ = [
    "KinesisBatchItemFailure",
    "KinesisEvent",
    "KinesisEventRecord",
    "KinesisEventResponse",
    "KinesisFirehoseEvent",
    "KinesisFirehoseEventRecord",
    "KinesisFirehoseRecordMetadata",
    "KinesisFirehoseResponse",
    "KinesisFirehoseResponseRecord",
    "KinesisFirehoseResponseRecordMetadata",
    "KinesisRecord",
    "KinesisTimeWindowEvent",
    "KinesisTimeWindowEventResponse",
]


class KinesisRecord(EventObject):
    __slots__ = ()
    approximate_arrival_timestamp = Field[float]("approximateArrivalTimestamp")  # epoch seconds
    data = Field[str]("data")  # base64
    encryption_type = OptionalField[str]("encryptionType")
    partition_key = Field[str]("partitionKey")
    sequence_number = Field[str]("sequenceNumber")
    kinesis_schema_version = Field[str]("kinesisSchemaVersion")

    def data_bytes(self) -> bytes:
        return decode_base64(self.data, f"KinesisRecord {self._doc.get('sequenceNumber')!r} data")

    def json_data(self) -> Any:
        return parse_json(self.data_bytes(), f"KinesisRecord {self._doc.get('sequenceNumber')!r} data")


class KinesisEventRecord(EventObject):
    __slots__ = ()
    aws_region = Field[str]("awsRegion")
    event_id = Field[str]("eventID")
    event_name = Field[str]("eventName")
    event_source = Field[str]("eventSource")
    event_source_arn = Field[str]("eventSourceARN")
    event_version = Field[str]("eventVersion")
    invoke_identity_arn = Field[str]("invokeIdentityArn")
    kinesis = Obj("kinesis", KinesisRecord)


class KinesisEvent(EventObject):
    __slots__ = ()
    records = ListOf("Records", KinesisEventRecord)


class KinesisTimeWindowEvent(TimeWindowEventFields, KinesisEvent):
    """A tumbling-window invocation: the records plus the window and the state carried between calls."""

    __slots__ = ()


class KinesisTimeWindowEventResponse(TimeWindowResponse):
    __slots__ = ()


class KinesisBatchItemFailure(BatchItemFailure):
    """One record to retry, by its ``sequenceNumber``."""

    __slots__ = ()


class KinesisEventResponse(BatchItemFailuresResponse):
    __slots__ = ()


class KinesisFirehoseRecordMetadata(EventObject):
    __slots__ = ()
    shard_id = Field[str]("shardId")
    partition_key = Field[str]("partitionKey")
    sequence_number = Field[str]("sequenceNumber")
    subsequence_number = OptionalField[int]("subsequenceNumber")
    approximate_arrival_timestamp = Field[int]("approximateArrivalTimestamp")  # epoch ms


class KinesisFirehoseEventRecord(EventObject):
    __slots__ = ()
    record_id = Field[str]("recordId")
    approximate_arrival_timestamp = Field[int]("approximateArrivalTimestamp")  # epoch ms
    data = Field[str]("data")  # base64
    kinesis_record_metadata = OptionalObj("kinesisRecordMetadata", KinesisFirehoseRecordMetadata)

    def data_bytes(self) -> bytes:
        return decode_base64(self.data, f"KinesisFirehoseEventRecord {self._doc.get('recordId')!r} data")


class KinesisFirehoseEvent(EventObject):
    """A Firehose data-transformation invocation."""

    __slots__ = ()
    invocation_id = Field[str]("invocationId")
    delivery_stream_arn = Field[str]("deliveryStreamArn")
    source_kinesis_stream_arn = OptionalField[str]("sourceKinesisStreamArn")
    region = Field[str]("region")
    records = ListOf("records", KinesisFirehoseEventRecord)


class KinesisFirehoseResponseRecordMetadata(EventObject):
    __slots__ = ()
    partition_keys = OptionalField[dict[str, str]]("partitionKeys")  # dynamic partitioning
    otf_metadata = OptionalField[dict[str, str]]("otfMetadata")  # Iceberg destination routing


class KinesisFirehoseResponseRecord(EventResponse):
    __slots__ = ()
    record_id = Field[str]("recordId")
    result = Field[str]("result")  # Ok, Dropped, ProcessingFailed
    data = OptionalField[str]("data")  # base64
    metadata = OptionalObj("metadata", KinesisFirehoseResponseRecordMetadata)

    def __init__(
        self,
        record_id: str,
        result: str = "Ok",
        data: bytes | None = None,
        *,
        partition_keys: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "recordId": record_id,
                    "result": result,
                    "data": base64.b64encode(data).decode("ascii") if data is not None else None,
                    "metadata": {"partitionKeys": dict(partition_keys)} if partition_keys else None,
                }
            )
        )


class KinesisFirehoseResponse(EventResponse):
    __slots__ = ()
    records = ListOf("records", KinesisFirehoseResponseRecord)

    def __init__(self, records: Iterable[KinesisFirehoseResponseRecord] = ()) -> None:
        super().__init__({"records": [r.to_dict() for r in records]})
