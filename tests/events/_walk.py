"""Test helper: read every declared field of an event object, recursively."""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import EventObject, _FieldBase

__all__ = ["read_every_field"]


def read_every_field(obj: EventObject) -> int:
    """Read each declared field (a read that raises fails the test) and recurse into nested wrappers;
    returns how many fields were read."""
    count = 0
    names = {
        name for klass in type(obj).__mro__ for name, v in vars(klass).items() if isinstance(v, _FieldBase)
    }
    for name in sorted(names):
        value: Any = getattr(obj, name)
        count += 1
        children: list[Any] = []
        if isinstance(value, EventObject):
            children = [value]
        elif isinstance(value, list):
            children = [v for v in value if isinstance(v, EventObject)]
        elif isinstance(value, dict):
            children = [v for v in value.values() if isinstance(v, EventObject)]
        for child in children:
            count += read_every_field(child)
    return count
