"""Server side of the Runtime API: which route a request line names (the emulator and test servers use it).

Kept apart from ``runtime_api`` so the runtime, a client, does not build the Enum at cold start.
"""

from __future__ import annotations

from enum import Enum

from lambda_runtime._record import Record, set_field
from lambda_runtime.protocol.runtime_api import API_VERSION, unquote_request_id

__all__ = ["Route", "RouteKind", "parse_route"]


class RouteKind(Enum):
    NEXT = "next"
    RESPONSE = "response"
    ERROR = "error"
    INIT_ERROR = "init_error"


class Route(Record):
    __slots__ = ("kind", "request_id")
    kind: RouteKind
    request_id: str | None

    def __init__(self, kind: RouteKind, request_id: str | None = None) -> None:
        set_field(self, "kind", kind)
        set_field(self, "request_id", request_id)


_INVOCATION_HEAD = "/runtime/invocation/"
_HEAD = f"/{API_VERSION}"
_NEXT_TAIL = "/runtime/invocation/next"
_NEXT = Route(RouteKind.NEXT)
_INIT_ERROR = Route(RouteKind.INIT_ERROR)
_KINDS = {"response": RouteKind.RESPONSE, "error": RouteKind.ERROR}


def parse_route(method: str, path: str, prefix: str = "") -> Route | None:
    """Map a server-side request line to a Runtime API route; None when it is not one (answer 404)."""
    if "?" in path:
        path = path.split("?", 1)[0]
    head = f"{prefix}/{API_VERSION}" if prefix else _HEAD
    if not path.startswith(head):
        return None
    tail = path[len(head) :]
    if tail == _NEXT_TAIL:
        return _NEXT if method == "GET" else None
    if method != "POST":
        return None
    if tail == "/runtime/init/error":
        return _INIT_ERROR
    if not tail.startswith(_INVOCATION_HEAD):
        return None
    request_id, _, kind = tail[len(_INVOCATION_HEAD) :].partition("/")
    if not request_id or kind not in _KINDS:
        return None
    return Route(_KINDS[kind], unquote_request_id(request_id))
