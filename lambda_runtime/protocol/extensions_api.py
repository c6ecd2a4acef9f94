"""The Extensions API (``/2020-01-01/extension/...``): registrations and each extension's state, sans-IO.

Rules this module keeps:
- An extension's lifecycle is the transition table ``TRANSITIONS``; anything not in it is one
  ``ExtensionApiError`` (403 ``Extension.InvalidExtensionState``). The table does not know who calls it.
- Registration: a name is required; external extensions are the files launched from the extensions
  directory (registering under their file name), any other name is an internal extension (it runs inside
  the runtime process) and may not take SHUTDOWN. At most ``MAX_EXTENSIONS``; closed once init ends.
- Errors are 403 with ``{"errorMessage", "errorType"}``, except a missing / malformed identifier.
- No sockets, processes or clocks here: the emulator drives this with real ones; the extension client
  (extensions/wire.py) uses the same paths, headers and bodies.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

import orjson

__all__ = [
    "API_PREFIX",
    "MAX_EXTENSIONS",
    "Event",
    "Extension",
    "ExtensionApiError",
    "ExtensionHeader",
    "ExtensionKind",
    "ExtensionPath",
    "ExtensionRegistry",
    "ExtensionState",
    "FunctionInfo",
    "Trigger",
    "invoke_event",
    "parse_register_body",
    "register_body",
    "shutdown_event",
]

API_PREFIX = "/2020-01-01/extension"
MAX_EXTENSIONS = 10


class ExtensionPath:
    REGISTER = f"{API_PREFIX}/register"
    NEXT = f"{API_PREFIX}/event/next"
    INIT_ERROR = f"{API_PREFIX}/init/error"
    EXIT_ERROR = f"{API_PREFIX}/exit/error"


class ExtensionHeader:
    NAME = "Lambda-Extension-Name"
    IDENTIFIER = "Lambda-Extension-Identifier"
    ERROR_TYPE = "Lambda-Extension-Function-Error-Type"
    ACCEPT_FEATURE = "Lambda-Extension-Accept-Feature"


class Event(Enum):
    INVOKE = "INVOKE"
    SHUTDOWN = "SHUTDOWN"


class ExtensionKind(Enum):
    EXTERNAL = "external"
    INTERNAL = "internal"


class ExtensionState(Enum):
    STARTED = "Started"  # external process launched, not registered yet
    REGISTERED = "Registered"
    READY = "Ready"  # waiting in /event/next
    RUNNING = "Running"  # holds an event it has not finished (it calls /next when done)
    SHUTTING_DOWN = "ShuttingDown"  # received SHUTDOWN
    INIT_ERROR = "InitError"
    EXIT_ERROR = "ExitError"
    EXITED = "Exited"


class Trigger(Enum):
    REGISTER = "register"
    NEXT = "next"  # the extension called /event/next
    DELIVER = "deliver"  # an INVOKE event was handed to it
    DELIVER_SHUTDOWN = "deliver_shutdown"
    INIT_ERROR = "init_error"
    EXIT_ERROR = "exit_error"
    EXITED = "exited"  # its process ended (or, internal, the runtime's)


_S = ExtensionState
_T = Trigger
TRANSITIONS: Mapping[tuple[ExtensionState, Trigger], ExtensionState] = {
    (_S.STARTED, _T.REGISTER): _S.REGISTERED,
    (_S.REGISTERED, _T.NEXT): _S.READY,
    (_S.READY, _T.NEXT): _S.READY,  # a reconnecting poller replaces the one that went away
    (_S.RUNNING, _T.NEXT): _S.READY,
    (_S.READY, _T.DELIVER): _S.RUNNING,
    (_S.READY, _T.DELIVER_SHUTDOWN): _S.SHUTTING_DOWN,
    (_S.SHUTTING_DOWN, _T.NEXT): _S.SHUTTING_DOWN,  # nothing more will come; it waits to be stopped
    (_S.REGISTERED, _T.INIT_ERROR): _S.INIT_ERROR,
    (_S.READY, _T.INIT_ERROR): _S.INIT_ERROR,
    (_S.REGISTERED, _T.EXIT_ERROR): _S.EXIT_ERROR,
    (_S.READY, _T.EXIT_ERROR): _S.EXIT_ERROR,
    (_S.RUNNING, _T.EXIT_ERROR): _S.EXIT_ERROR,
    (_S.SHUTTING_DOWN, _T.EXIT_ERROR): _S.EXIT_ERROR,
    **{(state, _T.EXITED): _S.EXITED for state in ExtensionState},
}


class ExtensionApiError(Exception):
    """A request the Extensions API refuses: rendered as ``status`` + ``{"errorMessage", "errorType"}``."""

    def __init__(self, error_type: str, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.status = status

    def body(self) -> dict[str, str]:
        return {"errorMessage": self.message, "errorType": self.error_type}


@dataclass
class Extension:
    name: str
    kind: ExtensionKind
    identifier: str = field(default_factory=lambda: str(uuid.uuid4()))
    events: frozenset[Event] = frozenset()
    state: ExtensionState = ExtensionState.STARTED
    error_type: str | None = None

    def fire(self, trigger: Trigger) -> ExtensionState:
        """Apply ``trigger``; an illegal one raises 403 ``Extension.InvalidExtensionState``."""
        target = TRANSITIONS.get((self.state, trigger))
        if target is None:
            raise ExtensionApiError(
                "Extension.InvalidExtensionState",
                f"extension {self.name} cannot {trigger.value} in state {self.state.value}",
            )
        self.state = target
        return target

    def subscribed(self, event: Event) -> bool:
        return event in self.events

    @property
    def has_called_next(self) -> bool:
        return self.state in (ExtensionState.READY, ExtensionState.RUNNING, ExtensionState.SHUTTING_DOWN)

    @property
    def failed(self) -> bool:
        return self.state in (ExtensionState.INIT_ERROR, ExtensionState.EXIT_ERROR)


@dataclass(frozen=True, slots=True)
class FunctionInfo:
    """What /extension/register answers."""

    function_name: str
    function_version: str
    handler: str
    account_id: str

    def register_body(self, *, with_account_id: bool) -> bytes:
        doc = {"functionName": self.function_name, "functionVersion": self.function_version,
               "handler": self.handler}  # fmt: skip
        if with_account_id:
            doc["accountId"] = self.account_id
        return orjson.dumps(doc)


def register_body(events: Iterable[str]) -> bytes:
    """What an extension posts to /register: the events it subscribes to."""
    return orjson.dumps({"events": list(events)})


def parse_register_body(body: bytes) -> frozenset[Event]:
    """``{"events": ["INVOKE", "SHUTDOWN"]}`` -> the events; bad bodies are 403 InvalidRequestFormat."""
    try:
        doc = orjson.loads(body) if body.strip() else {}
    except orjson.JSONDecodeError as exc:
        raise ExtensionApiError("InvalidRequestFormat", f"register body is not valid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise ExtensionApiError("InvalidRequestFormat", "register body must be a JSON object")
    if doc.get("configurationKeys"):
        raise ExtensionApiError(
            "InvalidRequestFormat", "configurationKeys are not supported; use environment variables"
        )
    raw = doc.get("events", [])
    if not isinstance(raw, list):
        raise ExtensionApiError("InvalidRequestFormat", "events must be a list")
    events: set[Event] = set()
    for item in raw:
        try:
            events.add(Event(item))
        except ValueError:
            raise ExtensionApiError(
                "Extension.InvalidEventType", f"{item!r} is not an event type (INVOKE, SHUTDOWN)"
            ) from None
    return frozenset(events)


class ExtensionRegistry:
    """The extensions of one execution environment, by name and by identifier."""

    def __init__(self, external_names: Iterable[str] = ()) -> None:
        self._by_name: dict[str, Extension] = {}
        self._by_id: dict[str, Extension] = {}
        self.open = True
        for name in external_names:
            self._add(Extension(name, ExtensionKind.EXTERNAL))

    def _add(self, extension: Extension) -> None:
        self._by_name[extension.name] = extension
        self._by_id[extension.identifier] = extension

    @property
    def extensions(self) -> list[Extension]:
        return list(self._by_name.values())

    @property
    def is_empty(self) -> bool:
        """No extension was found or registered."""
        return not self._by_name

    @property
    def registered(self) -> list[Extension]:
        return [e for e in self._by_name.values() if e.state is not ExtensionState.STARTED]

    def by_name(self, name: str) -> Extension | None:
        return self._by_name.get(name)

    def register(self, name: str | None, events: frozenset[Event]) -> Extension:
        if not name or not name.strip():
            raise ExtensionApiError("Extension.InvalidExtensionName", "Empty extension name")
        if "/" in name or "\x00" in name or len(name) > 255:
            raise ExtensionApiError("Extension.InvalidExtensionName", f"invalid extension name {name!r}")
        if not self.open:
            raise ExtensionApiError("Extension.RegistrationClosed", "Extension registration closed already")
        extension = self._by_name.get(name)
        if extension is not None and extension.kind is ExtensionKind.EXTERNAL:
            extension.fire(Trigger.REGISTER)
        else:
            if extension is not None:
                raise ExtensionApiError(
                    "Extension.InvalidExtensionState", f"an extension named {name!r} is already registered"
                )
            if Event.SHUTDOWN in events:
                raise ExtensionApiError(
                    "Extension.InvalidEventType",
                    f"SHUTDOWN: internal extension {name!r} (not a file in the extensions directory) "
                    "cannot subscribe to SHUTDOWN",
                )
            if len(self.registered) >= MAX_EXTENSIONS:
                raise ExtensionApiError(
                    "Extension.TooManyExtensions", f"Extension limit ({MAX_EXTENSIONS}) reached"
                )
            extension = Extension(name, ExtensionKind.INTERNAL)
            extension.fire(Trigger.REGISTER)
            self._add(extension)
        extension.events = events
        return extension

    def identify(self, identifier: str | None) -> Extension:
        """The extension a request's ``Lambda-Extension-Identifier`` names."""
        if not identifier:
            raise ExtensionApiError(
                "Extension.MissingExtensionIdentifier", f"missing {ExtensionHeader.IDENTIFIER} header"
            )
        try:
            uuid.UUID(identifier)
        except ValueError:
            raise ExtensionApiError(
                "Extension.InvalidExtensionIdentifier", f"{identifier!r} is not an extension identifier"
            ) from None
        extension = self._by_id.get(identifier)
        if extension is None:
            raise ExtensionApiError("Extension.UnknownExtensionIdentifier", f"Unknown extension {identifier}")
        return extension


def invoke_event(
    *, request_id: str, deadline_ms: int, invoked_function_arn: str, trace_id: str | None
) -> bytes:
    doc: dict[str, object] = {
        "eventType": "INVOKE",
        "deadlineMs": deadline_ms,
        "requestId": request_id,
        "invokedFunctionArn": invoked_function_arn,
        "tracing": {"type": "X-Amzn-Trace-Id", "value": trace_id or ""},
    }
    return orjson.dumps(doc)


SHUTDOWN_REASONS = ("spindown", "timeout", "failure")


def shutdown_event(*, reason: str, deadline_ms: int) -> bytes:
    """SHUTDOWN with a lowercase reason, as the RIE sends it (read case-insensitively)."""
    normalized = reason.lower()
    if normalized not in SHUTDOWN_REASONS:
        raise ValueError(f"shutdown reason must be one of {', '.join(SHUTDOWN_REASONS)}, not {reason!r}")
    return orjson.dumps({"eventType": "SHUTDOWN", "deadlineMs": deadline_ms, "shutdownReason": normalized})
