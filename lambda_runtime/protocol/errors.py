"""The error report of the Runtime API: one value, its JSON body and its stream-trailer form.

Every failure the runtime reports is turned into one ``ErrorReport`` by ``ErrorReport.from_exception``;
that is the only place an exception becomes ``{"errorType", "errorMessage", "stackTrace"}``.

Codec, used by both sides (the runtime encodes, the emulator and test servers decode):

- body of /error and /init/error: ``ErrorReport.to_json`` / ``ErrorReport.from_json``, with
  ``ErrorReport.header_error_type`` for the ``Lambda-Runtime-Function-Error-Type`` header;
  ``ErrorReport.from_post`` reads a post with its header type, ``ErrorReport.is_document`` says whether a
  relay may pass the body on as it is;
- a stream that fails after its first byte: ``ErrorTrailers.from_report(report).render()`` gives the two
  trailers, ``ErrorTrailers.parse(trailers)`` reads them back (``None`` when the stream did not fail).

Exception tree::

    RuntimeFault                 a fault Lambda names with a Runtime.* / Function.* type
    ├── InitFault                init failed: posted to /runtime/init/error, then the process exits
    │     error types: Runtime.ImportModuleError, Runtime.UserCodeSyntaxError,
    │                  Runtime.HandlerNotFound, Runtime.MalformedHandlerName
    ├── UnmarshalFault           Runtime.UnmarshalError: the event did not decode
    ├── MarshalFault             Runtime.MarshalError: the result did not encode
    └── ResponseTooLarge         Function.ResponseSizeTooLarge: result over the payload limit

Any other exception raised by a handler is reported with its class name as ``errorType``.
"""

from __future__ import annotations

import functools
import os.path
import sys
from collections.abc import Mapping
from types import TracebackType

import orjson

from lambda_runtime._record import Record, set_field

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from re import Pattern

__all__ = [
    "ERROR_BODY_TRAILER",
    "ERROR_CONTENT_TYPE",
    "ERROR_TYPE_HEADER",
    "ErrorReport",
    "ErrorTrailers",
    "InitFault",
    "MarshalFault",
    "ResponseTooLarge",
    "RuntimeFault",
    "UnmarshalFault",
]

ERROR_CONTENT_TYPE = "application/vnd.aws.lambda.error+json"
# The error type of an /error post (a header) and of a failed stream (a trailer).
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
# The error document of a failed stream, base64 of its JSON (a trailer).
ERROR_BODY_TRAILER = "Lambda-Runtime-Function-Error-Body"


# Computed on the first error rather than at cold start.
_UNKNOWN = "Runtime.Unknown"


@functools.cache
def _package_dir() -> str:
    """The ``lambda_runtime`` package directory and a separator (its frames are left out of traces)."""
    return os.path.dirname(os.path.dirname(os.path.realpath(__file__))) + os.sep


def _asyncio_dir() -> str | None:
    """The ``asyncio`` package directory when asyncio is loaded (it runs async handlers), else None."""
    asyncio = sys.modules.get("asyncio")
    filename = getattr(asyncio, "__file__", None)
    return os.path.dirname(filename) + os.sep if filename else None


@functools.cache
def _valid_header_type() -> Pattern[str]:
    """``(Runtime|Function).Name``: the form Lambda accepts in the error-type header."""
    import re

    return re.compile(r"(Runtime|Function)\.[A-Z][a-zA-Z]+")


class RuntimeFault(Exception):
    """A fault with a fixed Lambda error type."""

    error_type = "Runtime.Unknown"

    def __init__(
        self, message: str, *, error_type: str | None = None, stack_trace: tuple[str, ...] | None = None
    ) -> None:
        super().__init__(message)
        if error_type is not None:
            self.error_type = error_type
        # When None, the stack trace is taken from the exception this one was raised from.
        self.stack_trace = stack_trace

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class InitFault(RuntimeFault):
    error_type = "Runtime.ImportModuleError"


class UnmarshalFault(RuntimeFault):
    error_type = "Runtime.UnmarshalError"


class MarshalFault(RuntimeFault):
    error_type = "Runtime.MarshalError"


class ResponseTooLarge(RuntimeFault):
    error_type = "Function.ResponseSizeTooLarge"


def _user_frames(tb: TracebackType | None) -> list[str]:
    """Format a traceback with user frames only.

    Frames of this package are left out wherever they are; so are the event-loop frames (asyncio) that
    lead from the runtime into an async handler, i.e. those before the first user frame. asyncio frames
    below a user frame (the handler awaited ``asyncio.wait_for``, say) are the user's and stay.
    """
    import traceback  # only on the error path

    hidden = (_package_dir(), "<frozen importlib")
    frames = [frame for frame in traceback.extract_tb(tb) if not frame.filename.startswith(hidden)]
    event_loop = _asyncio_dir()
    if event_loop is not None:
        start = 0
        while start < len(frames) and frames[start].filename.startswith(event_loop):
            start += 1
        del frames[:start]
    return traceback.format_list(frames)


class ErrorReport(Record):
    """``{"errorMessage", "errorType", "requestId", "stackTrace"}``: the body of /error and /init/error.

    ``requestId`` is the invocation's id, ``""`` for an init error (the keys AWS's Python runtime sends).
    """

    __slots__ = ("error_message", "error_type", "request_id", "stack_trace")
    error_type: str
    error_message: str
    stack_trace: tuple[str, ...]
    request_id: str

    def __init__(
        self, error_type: str, error_message: str, stack_trace: tuple[str, ...] = (), request_id: str = ""
    ) -> None:
        set_field(self, "error_type", error_type)
        set_field(self, "error_message", error_message)
        set_field(self, "stack_trace", stack_trace)
        set_field(self, "request_id", request_id)

    @classmethod
    def from_exception(cls, exc: BaseException, request_id: str = "") -> ErrorReport:
        if isinstance(exc, RuntimeFault):
            if exc.stack_trace is not None:
                return cls(exc.error_type, exc.message, exc.stack_trace, request_id)
            cause = exc.__cause__
            frames = _user_frames(cause.__traceback__) if cause is not None else []
            return cls(exc.error_type, exc.message, tuple(frames), request_id)
        return cls(type(exc).__name__, str(exc), tuple(_user_frames(exc.__traceback__)), request_id)

    def for_request(self, request_id: str) -> ErrorReport:
        """This report with ``requestId`` set to ``request_id``."""
        if request_id == self.request_id:
            return self
        return ErrorReport(self.error_type, self.error_message, self.stack_trace, request_id)

    def to_dict(self) -> dict[str, object]:
        return {
            "errorMessage": self.error_message,
            "errorType": self.error_type,
            "requestId": self.request_id,
            "stackTrace": list(self.stack_trace),
        }

    def to_json(self) -> bytes:
        return orjson.dumps(self.to_dict())

    @classmethod
    def from_json(cls, body: bytes) -> ErrorReport:
        """Read an error body leniently: a peer may send anything."""
        doc = _json_object(body)
        if doc is None:
            return cls(_UNKNOWN, body.decode("utf-8", "replace"))
        return cls._from_object(doc)

    @classmethod
    def from_post(cls, body: bytes, error_type: str) -> ErrorReport:
        """The report of an /error or /init/error post whose header type (or the API's default) is
        ``error_type``: the body when it is an error document (``is_document``); else ``error_type`` with
        the body's text as message, or no message when the body is JSON but no error document."""
        doc = _json_object(body)
        if doc is not None and isinstance(doc.get("errorType"), str):
            return cls._from_object(doc)
        if doc is not None or _is_json(body):
            return cls(error_type, "")
        return cls(error_type, body.decode("utf-8", "replace"))

    @staticmethod
    def is_document(body: bytes) -> bool:
        """Whether ``body`` is an error document: a JSON object whose ``errorType`` is a string. A relay
        (the emulator) passes such a body on byte for byte."""
        doc = _json_object(body)
        return doc is not None and isinstance(doc.get("errorType"), str)

    @classmethod
    def _from_object(cls, doc: dict[str, object]) -> ErrorReport:
        trace = doc.get("stackTrace")
        return cls(
            str(doc.get("errorType") or _UNKNOWN),
            str(doc.get("errorMessage") or ""),
            tuple(str(line) for line in trace) if isinstance(trace, list) else (),
            str(doc.get("requestId") or ""),
        )

    def header_error_type(self) -> str:
        """The ``Lambda-Runtime-Function-Error-Type`` value: ``(Runtime|Function).Name``.

        Runtime faults already have that form; a user exception ``ValueError`` becomes
        ``Function.ValueError``. Characters the form does not allow are dropped.
        """
        if _valid_header_type().fullmatch(self.error_type):
            return self.error_type
        letters = "".join(ch for ch in self.error_type.rpartition(".")[2] if ch.isascii() and ch.isalpha())
        if not letters or not letters[0].isupper():
            return "Function.Unknown"
        return f"Function.{letters}"


class ErrorTrailers(Record):
    """The trailers of a stream that failed after its first byte: the header error type and the error
    document (``body``, its JSON bytes; ``b""`` when the peer sent none or it was not base64)."""

    __slots__ = ("body", "error_type")
    error_type: str
    body: bytes

    def __init__(self, error_type: str, body: bytes) -> None:
        set_field(self, "error_type", error_type)
        set_field(self, "body", body)

    @classmethod
    def from_report(cls, report: ErrorReport) -> ErrorTrailers:
        return cls(report.header_error_type(), report.to_json())

    def render(self) -> list[tuple[str, str]]:
        """The two trailers, in the order the ``Trailer`` header of a streamed response announces them."""
        import base64  # only when a stream fails after its first byte

        return [
            (ERROR_TYPE_HEADER, self.error_type),
            (ERROR_BODY_TRAILER, base64.b64encode(self.body).decode("ascii")),
        ]

    @classmethod
    def parse(cls, trailers: Mapping[str, str]) -> ErrorTrailers | None:
        """Read the trailers of a stream (``trailers`` with lower-case names); None when it did not fail."""
        error_type = trailers.get(_ERROR_TYPE_KEY)
        if not error_type:
            return None
        import base64
        import binascii

        try:
            body = base64.b64decode(trailers.get(_ERROR_BODY_KEY, ""), validate=True)
        except (binascii.Error, ValueError):
            body = b""
        return cls(error_type, body)

    def report(self) -> ErrorReport:
        """The error document as a report (``ErrorReport.from_json``); the header type when there is none."""
        if not self.body:
            return ErrorReport(self.error_type, "")
        report = ErrorReport.from_json(self.body)
        if report.error_type == _UNKNOWN and self.error_type:
            return ErrorReport(self.error_type, report.error_message, report.stack_trace, report.request_id)
        return report


def _json_object(body: bytes) -> dict[str, object] | None:
    """``body`` as a JSON object; None when it is not JSON or not an object."""
    try:
        doc = orjson.loads(body) if body else None
    except orjson.JSONDecodeError:
        return None
    return doc if isinstance(doc, dict) else None


def _is_json(body: bytes) -> bool:
    if not body:
        return False
    try:
        orjson.loads(body)
    except orjson.JSONDecodeError:
        return False
    return True


_ERROR_TYPE_KEY = ERROR_TYPE_HEADER.lower()
_ERROR_BODY_KEY = ERROR_BODY_TRAILER.lower()
