"""Amazon Kinesis Data Analytics (SQL applications) Lambda output: the delivery event and the
per-record result the application expects back."""

from __future__ import annotations

from collections.abc import Iterable

from lambda_runtime.events._base import EventObject, EventResponse, Field, ListOf
from lambda_runtime.events._decode import decode_base64

__all__ = [
    "KinesisAnalyticsOutputDeliveryEvent",
    "KinesisAnalyticsOutputDeliveryEventRecord",
    "KinesisAnalyticsOutputDeliveryResponse",
    "KinesisAnalyticsOutputDeliveryResponseRecord",
]


class KinesisAnalyticsOutputDeliveryEventRecord(EventObject):
    __slots__ = ()
    record_id = Field[str]("recordId")
    data = Field[str]("data")  # base64

    def decoded_data(self) -> bytes:
        return decode_base64(self.data, "KinesisAnalyticsOutputDeliveryEventRecord.data")


class KinesisAnalyticsOutputDeliveryEvent(EventObject):
    __slots__ = ()
    invocation_id = Field[str]("invocationId")
    application_arn = Field[str]("applicationArn")
    records = ListOf("records", KinesisAnalyticsOutputDeliveryEventRecord)


class KinesisAnalyticsOutputDeliveryResponseRecord(EventResponse):
    __slots__ = ()
    OK = "Ok"
    DELIVERY_FAILED = "DeliveryFailed"
    record_id = Field[str]("recordId")
    result = Field[str]("result")  # Ok or DeliveryFailed

    def __init__(self, *, record_id: str, result: str = "Ok") -> None:
        super().__init__({"recordId": record_id, "result": result})


class KinesisAnalyticsOutputDeliveryResponse(EventResponse):
    __slots__ = ()
    records = ListOf("records", KinesisAnalyticsOutputDeliveryResponseRecord)

    def __init__(self, records: Iterable[KinesisAnalyticsOutputDeliveryResponseRecord] = ()) -> None:
        super().__init__({"records": [r.to_dict() for r in records]})

    @classmethod
    def all_ok(cls, event: KinesisAnalyticsOutputDeliveryEvent) -> KinesisAnalyticsOutputDeliveryResponse:
        """Every record of ``event`` reported delivered."""
        return cls(KinesisAnalyticsOutputDeliveryResponseRecord(record_id=r.record_id) for r in event.records)
