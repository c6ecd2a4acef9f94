"""The decode/encode protocol between handlers and typed event classes.

Rule: the runtime knows no event family. A class takes part by having these two methods; the events
library implements them, and so may any user class.

- ``cls.from_dict(doc)`` builds an instance from the parsed JSON document of an event.
- ``obj.to_dict()`` returns a JSON-able document for a result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["Decodable", "Encodable"]


@runtime_checkable
class Decodable(Protocol):
    @classmethod
    def from_dict(cls, doc: Any) -> Self: ...


@runtime_checkable
class Encodable(Protocol):
    def to_dict(self) -> Any: ...
