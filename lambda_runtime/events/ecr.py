"""Amazon ECR events from EventBridge: image actions (push, delete) and basic image scans."""

from __future__ import annotations

from lambda_runtime.events._base import EventObject, Field, Obj, OptionalField, OptionalObj
from lambda_runtime.events._shapes import EventBridgeEnvelope

__all__ = [
    "ECRImageActionEvent",
    "ECRImageActionEventDetailType",
    "ECRScanEvent",
    "ECRScanEventDetailType",
    "ECRScanEventFindingSeverityCounts",
]


class ECRImageActionEventDetailType(EventObject):
    __slots__ = ()
    result = Field[str]("result")  # SUCCESS, FAILURE
    repository_name = Field[str]("repository-name")
    image_digest = OptionalField[str]("image-digest")
    action_type = Field[str]("action-type")  # PUSH, DELETE
    image_tag = OptionalField[str]("image-tag")


class ECRImageActionEvent(EventBridgeEnvelope):
    __slots__ = ()
    detail = Obj("detail", ECRImageActionEventDetailType)


class ECRScanEventFindingSeverityCounts(EventObject):
    """Counts per severity; a severity with no findings may be absent (reads as ``None``)."""

    __slots__ = ()
    critical = OptionalField[int]("CRITICAL")
    high = OptionalField[int]("HIGH")
    medium = OptionalField[int]("MEDIUM")
    low = OptionalField[int]("LOW")
    informational = OptionalField[int]("INFORMATIONAL")
    undefined = OptionalField[int]("UNDEFINED")

    def total(self) -> int:
        return sum(v for v in self._doc.values() if isinstance(v, int))


class ECRScanEventDetailType(EventObject):
    __slots__ = ()
    scan_status = Field[str]("scan-status")  # COMPLETE, FAILED
    repository_name = Field[str]("repository-name")
    finding_severity_counts = OptionalObj("finding-severity-counts", ECRScanEventFindingSeverityCounts)
    image_digest = OptionalField[str]("image-digest")
    image_tags = OptionalField[list[str]]("image-tags")


class ECRScanEvent(EventBridgeEnvelope):
    __slots__ = ()
    detail = Obj("detail", ECRScanEventDetailType)
