"""Amazon DocumentDB change streams through a Lambda event source mapping (``DocumentDBEvent``).

Each item of ``events`` holds one change event under ``event``, as the change stream produced it, in
MongoDB extended JSON: an ObjectId is ``{"$oid": "..."}``, a date ``{"$date": ...}``, the cluster time
``{"$timestamp": {"t": seconds, "i": increment}}``. Values inside documents are left in that form.

Which keys a change event carries depends on ``operation_type``:

- ``insert``, ``replace``: ``ns``, ``document_key``, ``full_document``
- ``update``: ``ns``, ``document_key``, ``update_description``; ``full_document`` only when the mapping
  asks for the full document (``UpdateLookup``), and then it may be null if the document is gone
- ``delete``: ``ns``, ``document_key``
- ``drop``: ``ns``; ``rename``: ``ns`` and ``to``; ``dropDatabase``: ``ns`` with ``db`` only
- ``invalidate``: neither (the stream ends; no later event arrives on it)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambda_runtime.events._base import EventObject, Field, ListOf, Obj, OptionalField, OptionalObj

__all__ = [
    "DocumentDBChangeEvent",
    "DocumentDBClusterTime",
    "DocumentDBEvent",
    "DocumentDBEventRecord",
    "DocumentDBNamespace",
    "DocumentDBResumeToken",
    "DocumentDBTimestamp",
    "DocumentDBUpdateDescription",
]


class DocumentDBResumeToken(EventObject):
    """The change event's ``_id``: pass ``data`` back as a resume token to restart the stream after it."""

    __slots__ = ()
    data = Field[str]("_data")


class DocumentDBTimestamp(EventObject):
    """A BSON timestamp: seconds since the epoch, and the order of the operation within that second."""

    __slots__ = ()
    t = Field[int]("t")
    i = Field[int]("i")


class DocumentDBClusterTime(EventObject):
    __slots__ = ()
    timestamp = Obj("$timestamp", DocumentDBTimestamp)


class DocumentDBNamespace(EventObject):
    """``coll`` is absent for database-wide events (``dropDatabase``)."""

    __slots__ = ()
    db = Field[str]("db")
    coll = OptionalField[str]("coll")


class DocumentDBUpdateDescription(EventObject):
    __slots__ = ()
    updated_fields = OptionalField[dict[str, Any]]("updatedFields")  # dotted path -> new value
    removed_fields = OptionalField[list[str]]("removedFields")
    # Each item: {"field": "<array path>", "newSize": <int>}, for arrays shortened by the update.
    truncated_arrays = OptionalField[list[dict[str, Any]]]("truncatedArrays")


class DocumentDBChangeEvent(EventObject):
    """One change event; see the module docstring for which keys each ``operation_type`` carries."""

    __slots__ = ()
    id = Obj("_id", DocumentDBResumeToken)
    operation_type = Field[str]("operationType")
    cluster_time = OptionalObj("clusterTime", DocumentDBClusterTime)
    wall_time = OptionalField[dict[str, Any]]("wallTime")  # {"$date": ...}
    ns = OptionalObj("ns", DocumentDBNamespace)
    to = OptionalObj("to", DocumentDBNamespace)  # rename: the new namespace
    document_key = OptionalField[dict[str, Any]]("documentKey")  # {"_id": ...}
    full_document = OptionalField[dict[str, Any]]("fullDocument")
    update_description = OptionalObj("updateDescription", DocumentDBUpdateDescription)
    lsid = OptionalField[dict[str, Any]]("lsid")  # set with txn_number for changes made in a transaction
    txn_number = OptionalField[Any]("txnNumber")

    @property
    def resume_token(self) -> str:
        """``_id._data``: the token that resumes the stream after this event."""
        return self.id.data


class DocumentDBEventRecord(EventObject):
    __slots__ = ()
    event = Obj("event", DocumentDBChangeEvent)


class DocumentDBEvent(EventObject):
    """A batch of change events from one cluster, in stream order. Iterating yields the change events."""

    __slots__ = ()
    event_source = Field[str]("eventSource")  # aws:docdb
    event_source_arn = Field[str]("eventSourceArn")  # the cluster's ARN
    events = ListOf("events", DocumentDBEventRecord)

    def __iter__(self) -> Iterator[DocumentDBChangeEvent]:
        for record in self.events:
            yield record.event
