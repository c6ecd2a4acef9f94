"""Shapes several part-B families share: the EventBridge envelope and the map-of-arrays field.

Rules: a subclass of ``EventBridgeEnvelope`` adds only ``detail`` (typed for its service); ``MapOfLists``
follows the same laziness and caching contract as the fields in ``_base``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from lambda_runtime.events._base import (
    EventDecodeError,
    EventObject,
    Field,
    OptionalField,
    W,
    _CachedField,
    _unwrap,
    build_views,
)

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["EventBridgeEnvelope", "MapOfLists"]


class MapOfLists(_CachedField[W]):
    """A required object whose values are arrays of objects, read as ``dict[str, list[cls]]``
    (Kafka's records by topic-partition, RabbitMQ's messages by queue)."""

    __slots__ = ()

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> dict[str, list[W]]: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> dict[str, list[W]] | Self: ...
        def __set__(self, obj: EventObject, value: Mapping[str, Sequence[W | Mapping[str, Any]]]) -> None: ...
        def __delete__(self, obj: EventObject) -> None: ...

    def _build(self, obj: EventObject, value: Any) -> Any:
        if type(value) is not dict:
            raise EventDecodeError(
                f"{type(obj).__name__}.{self.key}: expected a JSON object, got {type(value).__name__}"
            )
        cls, key = self.cls, self.key
        return {name: build_views(obj, f"{key}.{name}", cls, items) for name, items in value.items()}

    def _unbuild(self, value: Any) -> Any:
        return {name: [_unwrap(item) for item in items] for name, items in value.items()}


class EventBridgeEnvelope(EventObject):
    """The fields every EventBridge (CloudWatch Events) event carries around its ``detail``."""

    __slots__ = ()
    version = Field[str]("version")
    id = Field[str]("id")
    detail_type = Field[str]("detail-type")
    source = Field[str]("source")
    account = Field[str]("account")
    time = Field[str]("time")  # RFC 3339, e.g. 2019-11-16T01:54:34Z
    region = Field[str]("region")
    resources = OptionalField[list[str]]("resources")

    def raw_detail(self) -> Any:
        """The ``detail`` document as parsed JSON, whatever its shape."""
        return self._doc.get("detail")
