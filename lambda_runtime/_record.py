"""Immutable slotted value objects, without the import cost of dataclasses.

A frozen slotted dataclass compiles generated methods when its module is imported (~0.5 ms a class),
and ``dataclasses`` itself imports ``inspect``; creating a ``Record`` subclass costs next to nothing.

Rules a ``Record`` subclass keeps:
- Its fields are its annotated class attributes, without defaults, in the order written (as in a
  dataclass); that order is the order of ``__init__``'s positional parameters, of equality, hashing and
  ``repr``. ``__slots__`` names the same fields (in any order); a mismatch raises TypeError at class creation.
- It writes an explicit ``__init__`` whose parameter names are the field names, and sets each field with
  ``set_field(self, "name", value)``: ordinary assignment raises, as does deletion.
- Fields named in ``_hidden_fields`` are left out of equality, hashing and ``repr`` (a clock, say).
- A record built on a hot path may be filled in on its ``mutable_twin`` instead: a class with the same slots
  whose fields take ordinary assignment; assigning ``__class__ = cls`` last makes the instance a ``cls``,
  immutable from then on. Every field must be assigned before that (an unset slot reads as AttributeError).

Equality holds between instances of the exact same class only, as with dataclasses. Copying and pickling
rebuild the instance through ``__init__`` from its field values.
"""

from __future__ import annotations

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False


__all__ = ["Record", "mutable_twin", "set_field"]

if TYPE_CHECKING:
    from typing import Any, ClassVar, TypeVar

    # Type checkers treat subclasses as frozen dataclasses: assigning a field is a static error too.
    from typing_extensions import dataclass_transform

    _RecordT = TypeVar("_RecordT", bound="Record")
else:

    def dataclass_transform(**_options: object) -> object:
        return lambda cls: cls


# How an ``__init__`` sets a field of its (otherwise immutable) instance.
set_field = object.__setattr__


@dataclass_transform(frozen_default=True, eq_default=True)
class Record:
    """Base of the runtime's value objects: slotted, equal and hashed by value, immutable."""

    __slots__ = ()

    # All fields, in declaration order (base classes first); set for each subclass when it is created.
    _fields: ClassVar[tuple[str, ...]] = ()
    # The fields that take part in equality, hashing and repr.
    _compared: ClassVar[tuple[str, ...]] = ()
    # Names a subclass leaves out of equality, hashing and repr.
    _hidden_fields: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Python 3.10+ gives each class its own __annotations__; ClassVars are not fields.
        own = tuple(
            name
            for name, note in cls.__annotations__.items()
            if not str(note).startswith(("ClassVar", "typing.ClassVar"))
        )
        slots = cls.__dict__.get("__slots__")
        if slots is None or isinstance(slots, str) or sorted(slots) != sorted(own):
            raise TypeError(f"{cls.__qualname__}.__slots__ must be a tuple naming its annotated fields {own}")
        cls._fields = cls._fields + own  # the base's fields come first
        cls._compared = tuple(name for name in cls._fields if name not in cls._hidden_fields)
        # Positional patterns in ``match`` statements, as dataclasses provide.
        setattr(cls, "__match_args__", cls._fields)  # noqa: B010 (type checkers derive it themselves)

    def _key(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._compared])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._compared)
        return f"{self.__class__.__qualname__}({values})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{self.__class__.__qualname__} is immutable: cannot assign to {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self.__class__.__qualname__} is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (self.__class__, tuple([getattr(self, name) for name in self._fields]))

    def replace(self: _RecordT, **changes: Any) -> _RecordT:
        """A copy with some fields changed; an unknown field name raises TypeError."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        cls: Any = self.__class__
        return cls(**values)  # type: ignore[no-any-return]


def mutable_twin(cls: type[Record]) -> Any:
    """A class with the layout of the ``Record`` subclass ``cls`` whose fields take ordinary assignment.

    An instance (``object.__new__(twin)``) is filled in field by field, then becomes a ``cls`` by
    ``instance.__class__ = cls``. A slot assignment is one bytecode where ``set_field`` is one call per field.
    """
    own = cls.__dict__["__slots__"]
    namespace = {
        "__slots__": own,
        "__annotations__": {name: cls.__annotations__[name] for name in own},
        "__qualname__": f"{cls.__qualname__}._Twin",
        "__module__": cls.__module__,
        # The plain object ones: the interpreter then stores straight into the slot.
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
    }
    return type(f"{cls.__name__}Twin", cls.__bases__, namespace)
