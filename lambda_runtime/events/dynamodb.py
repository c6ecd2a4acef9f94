"""DynamoDB Streams records, and DynamoDB's typed JSON (AttributeValue) to Python values and back.

Rules for the conversion (the same as boto3's TypeDeserializer, minus its Decimal-everywhere habit when
asked): ``N`` becomes ``int`` when it is integral and ``Decimal`` otherwise (``numbers="decimal"`` keeps
every number a ``Decimal``); ``B`` becomes ``bytes``; ``SS``/``NS``/``BS`` become ``set``; ``L`` a
``list``; ``M`` a ``dict``; ``NULL`` ``None``; ``BOOL`` ``bool``. An unknown type tag or a value that does
not decode raises ``EventDecodeError`` naming the path.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from lambda_runtime.events._base import EventDecodeError, EventObject, Field, ListOf, Obj, OptionalField
from lambda_runtime.events._batch_response import BatchItemFailure, BatchItemFailuresResponse
from lambda_runtime.events._decode import decode_base64
from lambda_runtime.events._windows import TimeWindow, TimeWindowEventFields, TimeWindowResponse

__all__ = [
    "DynamoDBBatchItemFailure",
    "DynamoDBEvent",
    "DynamoDBEventRecord",
    "DynamoDBEventResponse",
    "DynamoDBStreamRecord",
    "DynamoDBTimeWindowEvent",
    "DynamoDBTimeWindowEventResponse",
    "DynamoDBUserIdentity",
    "TimeWindow",
    "from_attribute_value",
    "from_item",
    "to_attribute_value",
    "to_item",
]

NumberMode = Literal["auto", "decimal"]


def from_attribute_value(value: Mapping[str, Any], numbers: NumberMode = "auto", path: str = "$") -> Any:
    """One AttributeValue (``{"S": "x"}``, ``{"N": "1"}``, ...) as a Python value."""
    if not isinstance(value, Mapping) or len(value) != 1:
        raise EventDecodeError(f"{path}: an AttributeValue is an object with one type key, got {value!r}")
    ((tag, raw),) = value.items()
    if tag == "S":
        return raw
    if tag == "N":
        return _number(raw, numbers, path)
    if tag == "BOOL":
        return bool(raw)
    if tag == "NULL":
        return None
    if tag == "B":
        return decode_base64(raw, f"{path}.B")
    if tag == "M":
        return {k: from_attribute_value(v, numbers, f"{path}.{k}") for k, v in raw.items()}
    if tag == "L":
        return [from_attribute_value(v, numbers, f"{path}[{i}]") for i, v in enumerate(raw)]
    if tag == "SS":
        return set(raw)
    if tag == "NS":
        return {_number(n, numbers, path) for n in raw}
    if tag == "BS":
        return {decode_base64(b, f"{path}.BS") for b in raw}
    raise EventDecodeError(f"{path}: unknown AttributeValue type {tag!r}")


def _number(raw: Any, numbers: NumberMode, path: str) -> int | Decimal:
    try:
        number = Decimal(raw)
    except (InvalidOperation, TypeError, ValueError):
        raise EventDecodeError(f"{path}: {raw!r} is not a DynamoDB number") from None
    if not number.is_finite():
        raise EventDecodeError(f"{path}: {raw!r} is not a DynamoDB number")
    if numbers == "auto" and number == number.to_integral_value():
        return int(number)
    return number


def from_item(item: Mapping[str, Any], numbers: NumberMode = "auto") -> dict[str, Any]:
    """A whole image/key map (``{"Id": {"N": "1"}}``) as a plain dict."""
    return {name: from_attribute_value(value, numbers, name) for name, value in item.items()}


def to_attribute_value(value: Any) -> dict[str, Any]:
    """A Python value as an AttributeValue. Floats go through ``str`` (DynamoDB numbers are decimal);
    sets must be non-empty and all strings, all numbers or all bytes."""
    import base64

    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, int | float | Decimal):
        return {"N": _number_text(value)}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"B": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Mapping):
        return {"M": {str(k): to_attribute_value(v) for k, v in value.items()}}
    if isinstance(value, set | frozenset):
        if not value:
            raise ValueError("DynamoDB has no empty sets")
        if all(isinstance(v, str) for v in value):
            return {"SS": sorted(value)}
        if all(isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in value):
            return {"NS": [_number_text(v) for v in sorted(value)]}
        if all(isinstance(v, bytes | bytearray) for v in value):
            return {"BS": [base64.b64encode(bytes(v)).decode("ascii") for v in sorted(value)]}
        raise ValueError("a DynamoDB set holds only strings, only numbers or only bytes")
    if isinstance(value, list | tuple):
        return {"L": [to_attribute_value(v) for v in value]}
    raise TypeError(f"no DynamoDB type for {type(value).__name__}")


def _number_text(value: int | float | Decimal) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"DynamoDB numbers are finite, got {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"DynamoDB numbers are finite, got {value!r}")
    return str(value)


def to_item(values: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A plain dict as a DynamoDB item (the inverse of ``from_item``)."""
    return {name: to_attribute_value(value) for name, value in values.items()}


class DynamoDBStreamRecord(EventObject):
    __slots__ = ()
    approximate_creation_date_time = OptionalField[float]("ApproximateCreationDateTime")  # epoch seconds
    keys = OptionalField[dict[str, dict[str, Any]]]("Keys")
    new_image = OptionalField[dict[str, dict[str, Any]]]("NewImage")
    old_image = OptionalField[dict[str, dict[str, Any]]]("OldImage")
    sequence_number = Field[str]("SequenceNumber")
    size_bytes = Field[int]("SizeBytes")
    stream_view_type = Field[str]("StreamViewType")  # KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES

    def keys_dict(self, numbers: NumberMode = "auto") -> dict[str, Any]:
        """``Keys`` as plain Python values."""
        return from_item(self.keys or {}, numbers)

    def new_image_dict(self, numbers: NumberMode = "auto") -> dict[str, Any] | None:
        """``NewImage`` as plain Python values (None when the stream view has no new image)."""
        image = self.new_image
        return None if image is None else from_item(image, numbers)

    def old_image_dict(self, numbers: NumberMode = "auto") -> dict[str, Any] | None:
        """``OldImage`` as plain Python values (None when the stream view has no old image)."""
        image = self.old_image
        return None if image is None else from_item(image, numbers)


class DynamoDBUserIdentity(EventObject):
    """Set for deletes done by TTL: ``type="Service"``, ``principal_id="dynamodb.amazonaws.com"``."""

    __slots__ = ()
    type = Field[str]("type")
    principal_id = Field[str]("principalId")


class DynamoDBEventRecord(EventObject):
    __slots__ = ()
    aws_region = Field[str]("awsRegion")
    change = Obj("dynamodb", DynamoDBStreamRecord)
    event_id = Field[str]("eventID")
    event_name = Field[str]("eventName")  # INSERT, MODIFY, REMOVE
    event_source = Field[str]("eventSource")
    event_version = Field[str]("eventVersion")
    event_source_arn = Field[str]("eventSourceARN")
    user_identity = OptionalField[dict[str, Any]]("userIdentity")

    @property
    def dynamodb(self) -> DynamoDBStreamRecord:
        """The stream record (the JSON key is ``dynamodb``; ``change`` is the same object)."""
        return self.change


class DynamoDBEvent(EventObject):
    __slots__ = ()
    records = ListOf("Records", DynamoDBEventRecord)


class DynamoDBTimeWindowEvent(TimeWindowEventFields, DynamoDBEvent):
    """A tumbling-window invocation: the records plus the window and the state carried between calls."""

    __slots__ = ()


class DynamoDBTimeWindowEventResponse(TimeWindowResponse):
    __slots__ = ()


class DynamoDBBatchItemFailure(BatchItemFailure):
    """One record to retry, by its ``SequenceNumber``."""

    __slots__ = ()


class DynamoDBEventResponse(BatchItemFailuresResponse):
    __slots__ = ()
