"""Typed AWS Lambda events and responses: ``from lambda_runtime.events import SQSEvent``.

Every class wraps the parsed JSON document without copying or walking it and exposes typed, snake_case
attributes; ``cls.from_dict(doc)`` / ``obj.to_dict()`` is the runtime's decode/encode protocol, and
``to_dict()`` gives back the very document (fields nobody modelled survive).

Rule: importing this package imports no family module. Names resolve on first use through
``_EXPORTS`` (name -> module); mypy sees the real classes through the TYPE_CHECKING imports. Adding a
class means adding it to both, and to the module's ``__all__``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lambda_runtime.events._base import EventDecodeError, EventObject, MissingFieldError

if TYPE_CHECKING:
    # --- part A exports ---
    # --- end part A ---
    # --- part B exports ---
    # --- end part B ---
    pass

# Public name -> module (relative to this package) that defines it.
_EXPORTS: dict[str, str] = {
    # --- part A exports ---
    # --- end part A ---
    # --- part B exports ---
    # --- end part B ---
}

__all__ = ["EventDecodeError", "EventObject", "MissingFieldError", *_EXPORTS]  # noqa: PLE0604


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
