"""What every HTTP-shaped event shares: case-insensitive headers, bodies, cookies, and response helpers.

Rules: header lookups try the exact spelling first (free), then lower case, then Title-Case, then a
lower-cased index built once per view; nothing here copies the headers the event carries. Body helpers
decode on request only.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from lambda_runtime.events._base import (
    _MISSING,
    EventDecodeError,
    EventObject,
    OptionalField,
    _FieldBase,
)
from lambda_runtime.events._decode import decode_base64, parse_json

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "CaseInsensitiveMapping",
    "HTTPRequest",
    "HeadersField",
    "encode_body",
    "encode_json",
    "header_value",
    "parse_cookies",
]

V = TypeVar("V")


# Lookup name -> its lower-case form, for the names handlers look up (usually literals): saves a
# ``str.lower()`` per lookup. Bounded, so names taken from requests cannot grow it without end.
_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 1024


class CaseInsensitiveMapping(Mapping[str, V]):
    """A read-only view of a header dict where ``m["content-type"]`` finds ``Content-Type``.

    Iteration yields the names as the event spelled them. API Gateway v1 and ALB (without
    multi-value headers) keep the client's casing; HTTP API v2 and Function URLs send lower case.
    A lookup tries the name as given, then lower case, then Title-Case, and only then builds a
    lower-cased index of the names (kept by this view; the slot stays unset until then, so making a
    view stores one reference).
    """

    __slots__ = ("_lower", "_raw")
    _raw: Mapping[str, V]
    _lower: dict[str, str]

    def __init__(self, raw: Mapping[str, V] | None = None) -> None:
        self._raw = raw if raw is not None else {}

    def __getitem__(self, name: str) -> V:
        raw = self._raw
        if name in raw:
            return raw[name]
        folded = _FOLDED.get(name)
        if folded is None:
            folded = name.lower()
            if len(_FOLDED) < _FOLDED_MAX:
                _FOLDED[name] = folded
        if folded in raw:  # HTTP API v2, function URLs, ALB: lower-case names
            return raw[folded]
        return self._scan(name, folded)

    def _scan(self, name: str, folded: str) -> V:
        raw = self._raw
        value = raw.get(name.title(), _MISSING)  # the casing most clients send: Content-Type
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
        try:
            lower = self._lower
        except AttributeError:
            lower = self._lower = {key.lower(): key for key in raw}
        return raw[lower[folded]]

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        try:
            self[name]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __repr__(self) -> str:
        return f"CaseInsensitiveMapping({self._raw!r})"

    def to_dict(self) -> dict[str, V]:
        """The underlying dict (as sent; not copied)."""
        return dict(self._raw) if not isinstance(self._raw, dict) else self._raw


class _HeadersView(CaseInsensitiveMapping[V]):
    """The view ``HeadersField`` returns: created blank (no Python ``__init__``), then filled in."""

    __slots__ = ()
    __init__ = object.__init__


def header_value(raw: dict[str, V], name: str) -> V | None:
    """``raw[name]`` in any casing, or None: one lookup, without keeping a view."""
    value = raw.get(name)
    if value is not None:
        return value
    view: _HeadersView[V] = _HeadersView()
    view._raw = raw
    return view.get(name)


class HeadersField(_FieldBase, Generic[V]):
    """A header dict read as a ``CaseInsensitiveMapping`` (empty when absent or null).

    A new view on every read (cheaper than caching one); it wraps the event's own dict."""

    __slots__ = ()

    def _getter(self) -> Callable[[EventObject], Any]:
        key = self.key

        def get(obj: EventObject) -> Any:
            raw = obj._doc.get(key)
            if type(raw) is not dict:
                if raw is None:
                    raw = {}
                elif not isinstance(raw, dict):
                    raise EventDecodeError(
                        f"{type(obj).__name__}.{key}: expected a JSON object, got {type(raw).__name__}"
                    )
            view: _HeadersView[V] = _HeadersView()
            view._raw = raw
            return view

        return get

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Self: ...
        @overload
        def __get__(self, obj: EventObject, owner: type[Any]) -> CaseInsensitiveMapping[V]: ...
        def __get__(self, obj: EventObject | None, owner: type[Any]) -> CaseInsensitiveMapping[V] | Self: ...
        def __set__(self, obj: EventObject, value: Mapping[str, V] | None) -> None: ...
        def __delete__(self, obj: EventObject) -> None: ...

    def _store(self, obj: EventObject, value: Any) -> None:
        if value is None:
            obj._doc.pop(self.key, None)
        else:
            obj._doc[self.key] = dict(value)


def parse_cookies(pairs: list[str]) -> dict[str, str]:
    """``["a=1", "b=2; c=3"]`` -> ``{"a": "1", "b": "2", "c": "3"}``; a name without ``=`` maps to ""."""
    cookies: dict[str, str] = {}
    for item in pairs:
        for part in item.split(";"):
            name, _, value = part.strip().partition("=")
            if name:
                cookies[name] = value
    return cookies


def encode_body(body: str | bytes | None) -> tuple[str | None, bool | None]:
    """A response body as API Gateway wants it: text as is, bytes base64-encoded (flag set)."""
    if body is None:
        return None, None
    if isinstance(body, bytes | bytearray | memoryview):
        return base64.b64encode(body).decode("ascii"), True
    return body, False


def encode_json(value: Any) -> str:
    """``value`` as JSON text for a response body, written as the runtime writes a handler's result
    (``Decimal``, sets, dataclasses and event objects included; see ``lambda_runtime._jsonable``)."""
    from lambda_runtime._jsonable import dumps

    return dumps(value).decode()


class HTTPRequest(EventObject):
    """Body and cookie helpers for the request events that carry ``body`` + ``isBase64Encoded``."""

    __slots__ = ()
    body = OptionalField[str]("body")

    def body_bytes(self) -> bytes:
        """The body as bytes: base64-decoded when ``isBase64Encoded``, UTF-8 otherwise; b"" if none."""
        body = self._doc.get("body")
        if body is None:
            return b""
        if not isinstance(body, str):
            raise EventDecodeError(
                f"{type(self).__name__}.body: expected a string, got {type(body).__name__}"
            )
        if self._doc.get("isBase64Encoded"):
            return decode_base64(body, f"{type(self).__name__}.body")
        return body.encode()

    def body_text(self, encoding: str = "utf-8") -> str:
        """The body as text (base64 bodies decoded with ``encoding``); "" if none."""
        body = self._doc.get("body")
        if body is None:
            return ""
        if self._doc.get("isBase64Encoded") or not isinstance(body, str):
            data = self.body_bytes()
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise EventDecodeError(f"{type(self).__name__}.body is not {encoding} text: {exc}") from exc
        return body

    def json_body(self) -> Any:
        """The body parsed as JSON; invalid JSON raises ``EventDecodeError``."""
        data: bytes | str = self.body_bytes() if self._doc.get("isBase64Encoded") else self.body_text()
        return parse_json(data, f"{type(self).__name__}.body")

    def cookie_map(self) -> dict[str, str]:
        """Request cookies by name, from ``cookies`` (HTTP API v2, Function URLs) or the Cookie header(s)."""
        pairs = self._doc.get("cookies")
        if isinstance(pairs, list):
            return parse_cookies([str(p) for p in pairs])
        multi = self._doc.get("multiValueHeaders")
        if isinstance(multi, dict):
            values = header_value(multi, "cookie")
            if values:
                return parse_cookies(values)
        headers = self._doc.get("headers")
        if isinstance(headers, dict):
            value = header_value(headers, "cookie")
            if value:
                return parse_cookies([value])
        return {}

    def header(self, name: str) -> str | None:
        """One header value, by any casing (the last one when only multi-value headers are present)."""
        headers = self._doc.get("headers")
        if isinstance(headers, dict):
            value: str | None = header_value(headers, name)
            if value is not None:
                return value
        multi = self._doc.get("multiValueHeaders")
        if isinstance(multi, dict):
            values: list[str] | None = header_value(multi, name)
            if values:
                return values[-1]
        return None
