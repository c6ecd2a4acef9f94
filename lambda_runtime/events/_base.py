"""The machinery every event class is built from: a wrapper over the parsed document plus typed fields.

Rules this module keeps:

1. Decoding does not walk the document. ``from_dict(doc)`` stores the dict it is given (no copy, no
   validation beyond "is it a JSON object"); fields are read when accessed.
2. Lossless for free: ``to_dict()`` returns that same dict, so fields nobody modelled survive unchanged.
3. A missing optional field reads as ``None``; a missing required field raises ``MissingFieldError``
   naming the class and the JSON key. Scalar values are not type-checked when read (that would cost the
   walk rule 1 forbids); nested objects are, and a non-object raises ``EventDecodeError``.

How to declare a class (for every family module)::

    from lambda_runtime.events._base import EventObject, Field, ListOf, Obj, OptionalField, OptionalObj

    class SQSMessageAttribute(EventObject):
        __slots__ = ()                                    # always: instances stay two slots big
        data_type = Field[str]("dataType")                # required: str, MissingFieldError if absent
        string_value = OptionalField[str]("stringValue")  # optional: str | None

    class SQSMessage(EventObject):
        __slots__ = ()
        message_id = Field[str]("messageId")
        attributes = Field[dict[str, str]]("attributes")  # plain JSON values: any JSON-able type
        message_attributes = MapOf("messageAttributes", SQSMessageAttribute)   # dict[str, wrapper]

    class SQSEvent(EventObject):
        __slots__ = ()
        records = ListOf("Records", SQSMessage)           # list[SQSMessage], built once, cached

- Attribute names are the snake_case form of the JSON key; the JSON key is the first argument.
- ``Field``/``OptionalField`` hold plain JSON values (str, int, float, bool, list, dict). Write the type
  in brackets; mypy then types ``event.records[0].body`` as ``str``.
- ``NestedField[str]("requestContext", "http", "method")`` reads a value inside nested objects in one
  step, for a value handlers read often (it builds none of the wrappers between).
- ``Obj``/``OptionalObj``/``ListOf``/``OptionalListOf``/``MapOf``/``OptionalMapOf`` take the wrapper class
  as second argument (define nested classes first). Wrappers are views built on access (lists and maps
  once per instance, then cached; a single nested object on every access, which is cheaper than a
  cache); they wrap the same sub-dicts, so ``to_dict()`` still returns the original document.
  Optional forms read a missing key or a JSON ``null`` as ``None``.
- Every field is assignable (``resp.status_code = 404`` writes into the document; assigning ``None`` to an
  optional field removes the key). Wrappers are stored as their ``to_dict()``.
- Extra behaviour is plain methods or properties on the class (e.g. ``json_body()``, ``decoded_data()``).
- Response classes (things a handler returns) derive from ``EventResponse`` and define a keyword
  ``__init__`` that builds the document with ``compact({...})`` (drops ``None`` values, so optional keys
  are omitted as AWS documents) and then calls ``super().__init__(doc)``. ``from_dict`` never calls
  ``__init__``, so decoding works for them too.
- Every other class is a view with no constructor (``object.__init__``, so ``from_dict`` and nested
  reads create it without running Python code): build views with ``from_dict``, not ``cls(doc)``.
- Export each public class from ``lambda_runtime/events/__init__.py`` (both the TYPE_CHECKING import and the
  lazy name -> module table) and list it in the module's ``__all__``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, overload

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "EventDecodeError",
    "EventObject",
    "EventResponse",
    "Field",
    "ListOf",
    "MapOf",
    "MissingFieldError",
    "NestedField",
    "Obj",
    "OptionalField",
    "OptionalListOf",
    "OptionalMapOf",
    "OptionalObj",
    "build_views",
    "compact",
]

T = TypeVar("T")
W = TypeVar("W", bound="EventObject")


class EventDecodeError(ValueError):
    """The input is not the shape an event class needs (not JSON, not an object, a nested non-object)."""


class MissingFieldError(EventDecodeError, KeyError):
    """A required field is absent from the document."""

    def __init__(self, owner: type, key: str) -> None:
        super().__init__(f"{owner.__name__}: required field {key!r} is missing")
        self.owner = owner
        self.key = key

    def __str__(self) -> str:
        return str(self.args[0])


def compact(doc: dict[str, Any]) -> dict[str, Any]:
    """The dict without its ``None`` values: how response classes omit unset optional keys."""
    return {k: v for k, v in doc.items() if v is not None}


class EventObject:
    """A typed view over one JSON object. Subclasses declare fields; see the module docstring.

    A view has no constructor of its own (``object.__init__``): ``from_dict`` and nested reads create it
    with ``cls()``, which runs no Python code. Classes a handler builds derive from ``EventResponse``."""

    # ``_cache`` holds the lists and maps built from nested objects (None until the first one is built).
    __slots__ = ("_cache", "_doc")
    _doc: dict[str, Any]
    _cache: dict[str, Any] | None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The view ``from_dict`` calls ``cls()``: a class with its own ``__init__`` needs EventResponse's.
        if "__init__" in cls.__dict__ and getattr(cls.from_dict, "__func__", None) is _VIEW_FROM_DICT:
            raise TypeError(
                f"{cls.__name__} defines __init__: derive it from EventResponse, whose from_dict skips it"
            )

    @classmethod
    def from_dict(cls, doc: Any) -> Self:
        """Wrap a parsed JSON object (not copied, not walked)."""
        if type(doc) is not dict and not isinstance(doc, dict):
            raise EventDecodeError(f"{cls.__name__} needs a JSON object, got {type(doc).__name__}")
        obj = cls()
        obj._doc = doc
        obj._cache = None
        return obj

    @classmethod
    def from_json(cls, data: bytes | bytearray | memoryview | str) -> Self:
        """Parse JSON text and wrap it; invalid JSON raises ``EventDecodeError`` saying where."""
        import orjson

        try:
            doc = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise EventDecodeError(f"{cls.__name__}: the event is not valid JSON: {exc}") from exc
        return cls.from_dict(doc)

    def to_dict(self) -> dict[str, Any]:
        """The document: the same dict ``from_dict`` got, with any field assignments applied."""
        return self._doc

    def to_json(self) -> bytes:
        import orjson

        return orjson.dumps(self._doc)

    def get(self, key: str, default: Any = None) -> Any:
        """A raw JSON value by its key, for fields the class does not model."""
        return self._doc.get(key, default)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, EventObject)
        return self._doc == other._doc

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __repr__(self) -> str:
        text = repr(self._doc)
        if len(text) > 200:
            text = text[:197] + "..."
        return f"{type(self).__name__}({text})"


_VIEW_FROM_DICT = vars(EventObject)["from_dict"].__func__


class EventResponse(EventObject):
    """An event class a handler builds (a response, a policy): its keyword ``__init__`` makes the
    document and calls ``super().__init__(doc)``; ``from_dict`` still wraps a document without it."""

    __slots__ = ()

    def __init__(self, doc: dict[str, Any] | None = None) -> None:
        if doc is None:
            doc = {}
        elif not isinstance(doc, dict):
            raise EventDecodeError(f"{type(self).__name__} needs a JSON object, got {type(doc).__name__}")
        self._doc = doc
        self._cache = None

    @classmethod
    def from_dict(cls, doc: Any) -> Self:
        """Wrap a parsed JSON object (not copied, not walked; ``__init__`` does not run)."""
        if type(doc) is not dict and not isinstance(doc, dict):
            raise EventDecodeError(f"{cls.__name__} needs a JSON object, got {type(doc).__name__}")
        obj = _new(cls)
        obj._doc = doc
        obj._cache = None
        return obj


_new = object.__new__
_MISSING: Any = object()


def _blank_maker(cls: type[W]) -> Callable[[], W]:
    """What makes a blank instance of ``cls`` for a nested read: the class itself for a view (its
    ``__init__`` is object's), else ``object.__new__`` (a keyword ``__init__`` must not run)."""
    if cls.__init__ is object.__init__:
        return cls
    return partial(_new, cls)


# At run time every field is a ``property`` whose getter is a small closure made for that field: the
# cheapest attribute hook CPython has (C ``__get__`` calling one Python function). Type checkers see a
# plain class with the typed ``__get__``/``__set__`` each kind declares under TYPE_CHECKING.
if TYPE_CHECKING:
    _Descriptor = object
else:
    _Descriptor = property

_property_init: Any = property.__init__


class _FieldBase(_Descriptor):
    """Shared parts of every field: the JSON key, the attribute name, and writing into the document.

    Each kind defines ``_getter()``, the read closure (it may use the key, not the name: cached kinds
    read ``self.name`` when they run). Writes are plain ``__set__``/``__delete__`` methods (assigning
    goes to ``_store``; ``del`` stores ``None``, which removes the key). No ``__slots__`` here: a
    property subclass keeps its ``__doc__`` in an instance dict."""

    key: str
    name: str

    def __init__(self, key: str) -> None:
        self.key = key
        self.name = key
        # The read closure is made on the first read (most fields of a family are never read, and
        # making them all would slow the family's import).
        _property_init(self, self._first_read, None, None, type(self).__doc__)

    def _first_read(self, obj: EventObject) -> Any:
        getter = self._getter()
        _property_init(self, getter, None, None, type(self).__doc__)
        return getter(obj)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def _getter(self) -> Callable[[EventObject], Any]:
        raise NotImplementedError

    def _store(self, obj: EventObject, value: Any) -> None:
        if value is None:
            obj._doc.pop(self.key, None)
        else:
            obj._doc[self.key] = value

    # Runtime only, so each field kind can declare a typed ``__set__`` for mypy.
    if not TYPE_CHECKING:

        def __set__(self, obj: EventObject, value: Any) -> None:
            self._store(obj, value)

        def __delete__(self, obj: EventObject) -> None:
            self._store(obj, None)


class Field(_FieldBase, Generic[T]):
    """A required plain JSON value."""

    def _getter(self) -> Callable[[EventObject], Any]:
        key = self.key

        def get(obj: EventObject) -> Any:
            try:
                return obj._doc[key]
            except KeyError:
                raise MissingFieldError(type(obj), key) from None

        return get

    if not TYPE_CHECKING:

        def __set__(self, obj: EventObject, value: Any) -> None:
            obj._doc[self.key] = value  # a required field keeps even an assigned None

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> T: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> T | Self: ...
        def __set__(self, obj: EventObject, value: T) -> None: ...
        def __delete__(self, obj: EventObject) -> None: ...


class OptionalField(_FieldBase, Generic[T]):
    """An optional plain JSON value: ``None`` when absent. Setting ``None`` removes the key."""

    def _getter(self) -> Callable[[EventObject], Any]:
        key = self.key

        def get(obj: EventObject) -> Any:
            return obj._doc.get(key)

        return get

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> T | None: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> T | Self | None: ...
        def __set__(self, obj: EventObject, value: T | None) -> None: ...
        def __delete__(self, obj: EventObject) -> None: ...


class NestedField(_FieldBase, Generic[T]):
    """A required plain JSON value inside nested objects, read in one step:
    ``http_method = NestedField[str]("requestContext", "http", "method")``.

    A shortcut to a value handlers read often; the nested wrappers stay available. Missing at any
    level raises ``MissingFieldError`` naming the dotted path; a level that is not an object raises
    ``EventDecodeError``. Assigning creates missing intermediate objects."""

    def __init__(self, *keys: str) -> None:
        if len(keys) < 2:
            raise TypeError("NestedField needs at least two keys; use Field for a top-level value")
        self.keys = keys
        _FieldBase.__init__(self, ".".join(keys))

    def _getter(self) -> Callable[[EventObject], Any]:
        keys = self.keys
        field = self
        if len(keys) == 3:  # the common depth, unrolled: a loop costs a third of the read
            first, second, third = keys

            def get3(obj: EventObject) -> Any:
                try:
                    return obj._doc[first][second][third]
                except (KeyError, TypeError, IndexError):
                    raise field._error(obj) from None

            return get3

        def get(obj: EventObject) -> Any:
            value: Any = obj._doc
            try:
                for key in keys:
                    value = value[key]
            except (KeyError, TypeError, IndexError):
                raise field._error(obj) from None
            return value

        return get

    def _error(self, obj: EventObject) -> EventDecodeError:
        """Why the path does not resolve: a missing key, or a level that is not an object."""
        value: Any = obj._doc
        for depth, key in enumerate(self.keys):
            if type(value) is not dict and not isinstance(value, dict):
                where = ".".join(self.keys[:depth])
                return _shape_error(obj, where, "a JSON object", value)
            if key not in value:
                return MissingFieldError(type(obj), self.key)
            value = value[key]
        return EventDecodeError(f"{type(obj).__name__}.{self.key}: cannot be read")

    def _store(self, obj: EventObject, value: Any) -> None:
        self._write(obj, value, remove=value is None)

    def _write(self, obj: EventObject, value: Any, *, remove: bool) -> None:
        target: Any = obj._doc
        for depth, key in enumerate(self.keys[:-1]):
            inner = target.get(key)
            if inner is None:
                if remove:
                    return
                inner = target[key] = {}
            elif not isinstance(inner, dict):
                raise _shape_error(obj, ".".join(self.keys[: depth + 1]), "a JSON object", inner)
            target = inner
        if remove:
            target.pop(self.keys[-1], None)
        else:
            target[self.keys[-1]] = value

    if not TYPE_CHECKING:

        def __set__(self, obj: EventObject, value: Any) -> None:
            self._write(obj, value, remove=False)  # a required field keeps even an assigned None

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> T: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> T | Self: ...
        def __set__(self, obj: EventObject, value: T) -> None: ...
        def __delete__(self, obj: EventObject) -> None: ...


def _shape_error(parent: EventObject, key: str, expected: str, value: Any) -> EventDecodeError:
    return EventDecodeError(f"{type(parent).__name__}.{key}: expected {expected}, got {type(value).__name__}")


class _CachedField(_FieldBase, Generic[W]):
    """A field whose Python value is built from the JSON on first read and kept in the instance's
    ``_cache``. Assigning stores the JSON form (``_unbuild``) and drops the cached value.
    Custom field kinds define ``_build`` and ``_unbuild`` (and typed ``__get__``/``__set__`` for mypy)."""

    _required: ClassVar[bool] = True

    def __init__(self, key: str, cls: type[W]) -> None:
        self.cls = cls
        _FieldBase.__init__(self, key)

    def _getter(self) -> Callable[[EventObject], Any]:
        return self._cached

    def _absent(self, obj: EventObject) -> Any:
        """The value for a missing or null key: ``None`` if optional, else a clear error."""
        if self._required:
            if self.key not in obj._doc:
                raise MissingFieldError(type(obj), self.key)
            raise EventDecodeError(f"{type(obj).__name__}.{self.key}: required field is null")
        return None

    def _cached(self, obj: EventObject) -> Any:
        """The built value: from the instance cache, else ``_build`` of the JSON value, then cached."""
        cache = obj._cache
        if cache is None:
            cache = obj._cache = {}
        else:
            hit = cache.get(self.name, _MISSING)
            if hit is not _MISSING:
                return hit
        value = obj._doc.get(self.key)
        built = self._absent(obj) if value is None else self._build(obj, value)
        cache[self.name] = built
        return built

    def _build(self, obj: EventObject, value: Any) -> Any:
        """The Python value for the (non-null) JSON value."""
        raise NotImplementedError

    def _store(self, obj: EventObject, value: Any) -> None:
        if value is None:
            obj._doc.pop(self.key, None)
        else:
            obj._doc[self.key] = self._unbuild(value)
        if obj._cache is not None:
            obj._cache.pop(self.name, None)

    def _unbuild(self, value: Any) -> Any:
        raise NotImplementedError


class Obj(_CachedField[W]):
    """A required nested object, read as wrapper class ``cls``."""

    def _getter(self) -> Callable[[EventObject], Any]:
        # Not cached: a wrapper costs less to build than a cache costs to keep.
        key = self.key
        make = _blank_maker(self.cls)
        field = self

        def get(obj: EventObject) -> Any:
            value = obj._doc.get(key)
            if type(value) is dict:
                wrapper = make()
                wrapper._doc = value
                wrapper._cache = None
                return wrapper
            return field._other(obj, value)

        return get

    def _other(self, obj: EventObject, value: Any) -> Any:
        """A null/missing value (``_absent``) or an object that is not exactly a dict."""
        return self._absent(obj) if value is None else self._build(obj, value)

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> W: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> W | Self: ...
        def __set__(self, obj: EventObject, value: W | Mapping[str, Any]) -> None: ...
        def __delete__(self, obj: EventObject) -> None: ...

    def _build(self, obj: EventObject, value: Any) -> Any:
        return _wrap(obj, self.key, self.cls, value)

    def _unbuild(self, value: Any) -> Any:
        return _unwrap(value)


class OptionalObj(Obj[W]):
    """An optional nested object: ``None`` when absent or null."""

    _required = False

    if TYPE_CHECKING:

        @overload  # type: ignore[override]
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> W | None: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> W | Self | None: ...
        def __set__(self, obj: EventObject, value: W | Mapping[str, Any] | None) -> None: ...


class ListOf(_CachedField[W]):
    """A required array of objects, read as ``list[cls]`` (built on first read)."""

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> list[W]: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> list[W] | Self: ...
        def __set__(self, obj: EventObject, value: Iterable[W | Mapping[str, Any]]) -> None: ...
        def __delete__(self, obj: EventObject) -> None: ...

    def _build(self, obj: EventObject, value: Any) -> Any:
        return build_views(obj, self.key, self.cls, value)

    def _unbuild(self, value: Any) -> Any:
        return [_unwrap(item) for item in value]


class OptionalListOf(ListOf[W]):
    """An optional array of objects: ``None`` when absent or null."""

    _required = False

    if TYPE_CHECKING:

        @overload  # type: ignore[override]
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> list[W] | None: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> list[W] | Self | None: ...
        def __set__(self, obj: EventObject, value: Iterable[W | Mapping[str, Any]] | None) -> None: ...


class MapOf(_CachedField[W]):
    """A required object whose values are objects, read as ``dict[str, cls]``."""

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> dict[str, W]: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> dict[str, W] | Self: ...
        def __set__(self, obj: EventObject, value: Mapping[str, W | Mapping[str, Any]]) -> None: ...
        def __delete__(self, obj: EventObject) -> None: ...

    def _build(self, obj: EventObject, value: Any) -> Any:
        if not isinstance(value, dict):
            raise _shape_error(obj, self.key, "a JSON object", value)
        return {name: _wrap(obj, f"{self.key}.{name}", self.cls, item) for name, item in value.items()}

    def _unbuild(self, value: Any) -> Any:
        return {name: _unwrap(item) for name, item in value.items()}


class OptionalMapOf(MapOf[W]):
    """An optional object of objects: ``None`` when absent or null."""

    _required = False

    if TYPE_CHECKING:

        @overload  # type: ignore[override]
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> dict[str, W] | None: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> dict[str, W] | Self | None: ...
        def __set__(self, obj: EventObject, value: Mapping[str, W | Mapping[str, Any]] | None) -> None: ...


def _unwrap(value: Any) -> Any:
    """A wrapper's document; a plain mapping is taken as a copy."""
    if isinstance(value, EventObject):
        return value._doc
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"expected an event object or a mapping, got {type(value).__name__}")


def _wrap(parent: EventObject, key: str, cls: type[W], value: Any) -> W:
    """``value`` (a JSON object) wrapped as ``cls``; anything else is a clear error."""
    if not isinstance(value, dict):
        raise _shape_error(parent, key, "a JSON object", value)
    wrapper = _new(cls)
    wrapper._doc = value
    wrapper._cache = None
    return wrapper


def build_views(parent: EventObject, key: str, cls: type[W], value: Any) -> list[W]:
    """``value`` (a JSON array of objects) as a list of ``cls`` views, built without Python
    constructors; anything else is a clear error naming ``parent``'s ``key`` (and the bad item)."""
    if type(value) is not list:
        return _wrap_list(parent, key, cls, value)  # raises the shape error
    make = _blank_maker(cls)
    built: list[W] = []
    append = built.append
    for item in value:
        if type(item) is not dict:
            return _wrap_list(parent, key, cls, value)  # the slow path names a bad item
        wrapper = make()
        wrapper._doc = item
        wrapper._cache = None
        append(wrapper)
    return built


def _wrap_list(parent: EventObject, key: str, cls: type[W], value: Any) -> list[W]:
    """``value`` (a JSON array of objects) wrapped item by item; anything else is a clear error."""
    if not isinstance(value, list):
        raise _shape_error(parent, key, "a JSON array", value)
    return [_wrap(parent, f"{key}[{index}]", cls, item) for index, item in enumerate(value)]
