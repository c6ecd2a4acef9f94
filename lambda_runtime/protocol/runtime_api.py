"""The Lambda Runtime API as values: no sockets in this module.

Rule: this module turns bytes and headers into typed values and back. It does not know whether it is
used by the runtime (client side) or by the emulator (server side); both import it.

Requests are frozen values with a ``render`` step; sending them is the transport's job.
Server-side route parsing (``Route``, ``RouteKind``, ``parse_route``) lives in ``routes``, which the
runtime (a client) never loads.
"""

from __future__ import annotations

from collections.abc import Mapping

from lambda_runtime._record import Record, set_field
from lambda_runtime.protocol.errors import (
    ERROR_BODY_TRAILER,
    ERROR_CONTENT_TYPE,
    ERROR_TYPE_HEADER,
    ErrorReport,
)

__all__ = [
    "API_VERSION",
    "ERROR_CONTENT_TYPE",
    "HTTP_INTEGRATION_CONTENT_TYPE",
    "HTTP_INTEGRATION_SEPARATOR",
    "MAX_PAYLOAD_BYTES",
    "STREAMING_CONTENT_TYPE",
    "Endpoint",
    "Header",
    "InitError",
    "Invocation",
    "InvocationError",
    "InvocationResponse",
    "NextHeader",
    "NextInvocation",
    "ProtocolError",
    "Request",
    "StreamingResponseStart",
    "quote_request_id",
    "response_path",
    "unquote_request_id",
]

API_VERSION = "2018-06-01"

# Event and buffered response limit: 6 MiB plus 100 bytes of slack, as Lambda enforces it.
MAX_PAYLOAD_BYTES = 6 * 1024 * 1024 + 100

STREAMING_CONTENT_TYPE = "application/octet-stream"
HTTP_INTEGRATION_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response"
# Between the JSON prelude and the payload of a Function URL / API Gateway streamed response.
HTTP_INTEGRATION_SEPARATOR = b"\x00" * 8


class Header:
    """Header names of the Runtime API, in their canonical spelling."""

    REQUEST_ID = "Lambda-Runtime-Aws-Request-Id"
    DEADLINE_MS = "Lambda-Runtime-Deadline-Ms"
    FUNCTION_ARN = "Lambda-Runtime-Invoked-Function-Arn"
    TRACE_ID = "Lambda-Runtime-Trace-Id"
    CLIENT_CONTEXT = "Lambda-Runtime-Client-Context"
    COGNITO_IDENTITY = "Lambda-Runtime-Cognito-Identity"
    TENANT_ID = "Lambda-Runtime-Aws-Tenant-Id"
    FUNCTION_ERROR_TYPE = ERROR_TYPE_HEADER
    FUNCTION_ERROR_BODY = ERROR_BODY_TRAILER
    XRAY_ERROR_CAUSE = "Lambda-Runtime-Function-XRay-Error-Cause"
    RESPONSE_MODE = "Lambda-Runtime-Function-Response-Mode"


class ProtocolError(Exception):
    """A peer sent something the Runtime API does not allow."""


class Endpoint(Record):
    """Where the Runtime API lives: ``AWS_LAMBDA_RUNTIME_API`` parsed.

    The value is ``host:port``, optionally with ``http://`` in front and a path prefix behind
    (cargo-lambda serves ``127.0.0.1:9000/.rt``).
    """

    __slots__ = ("host", "port", "prefix")
    host: str
    port: int
    prefix: str

    def __init__(self, host: str, port: int, prefix: str = "") -> None:
        set_field(self, "host", host)
        set_field(self, "port", port)
        set_field(self, "prefix", prefix)

    @classmethod
    def parse(cls, value: str) -> Endpoint:
        text = value.strip()
        if text.startswith("http://"):
            text = text[len("http://") :]
        elif "://" in text:
            raise ProtocolError(f"AWS_LAMBDA_RUNTIME_API must be host:port, not {value!r}")
        authority, slash, path = text.partition("/")
        prefix = ("/" + path).rstrip("/") if slash else ""
        if authority.startswith("["):  # [::1]:9001
            host, _, port_text = authority[1:].partition("]:")
        else:
            host, _, port_text = authority.rpartition(":")
        if not host or not port_text.isdigit():
            raise ProtocolError(f"AWS_LAMBDA_RUNTIME_API must be host:port, not {value!r}")
        port = int(port_text)
        if not 0 < port < 65536:
            raise ProtocolError(f"AWS_LAMBDA_RUNTIME_API has an invalid port: {value!r}")
        return cls(host=host, port=port, prefix=prefix)

    @property
    def authority(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def path(self, tail: str) -> str:
        """The request path for a Runtime API ``tail`` such as ``/runtime/invocation/next``."""
        return f"{self.prefix}/{API_VERSION}{tail}"


class Request(Record):
    """One HTTP request, rendered but not sent. ``body`` is None for a chunked (streamed) body."""

    __slots__ = ("body", "headers", "method", "path")
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None

    def __init__(
        self, method: str, path: str, headers: tuple[tuple[str, str], ...], body: bytes | None
    ) -> None:
        set_field(self, "method", method)
        set_field(self, "path", path)
        set_field(self, "headers", headers)
        set_field(self, "body", body)


# RFC 3986 unreserved characters: the only ones a request id keeps as they are in a path segment.
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def quote_request_id(request_id: str) -> str:
    """The request id as one path segment: every byte of its UTF-8 form but the unreserved ones as ``%XX``.

    Lone surrogates (bytes that were not UTF-8 when the header was read) go back to those bytes, so
    ``unquote_request_id`` on the server side gets back what it sent.
    """
    if request_id.isascii() and request_id.replace("-", "").isalnum():  # a UUID: nothing to quote
        return request_id
    return "".join(
        chr(byte) if byte in _UNRESERVED else f"%{byte:02X}"
        for byte in request_id.encode("utf-8", "surrogateescape")
    )


def unquote_request_id(segment: str) -> str:
    """The inverse of ``quote_request_id`` (any ``%XX`` decoded; bytes that are not UTF-8 become U+FFFD)."""
    if "%" not in segment:
        return segment
    head, *pieces = segment.split("%")
    decoded = bytearray(head.encode("utf-8"))
    for piece in pieces:
        hex_digits = piece[:2]
        try:
            if len(hex_digits) != 2 or not hex_digits.isascii():
                raise ValueError(hex_digits)
            decoded.append(int(hex_digits, 16))
        except ValueError:
            decoded += b"%" + piece.encode("utf-8")
            continue
        decoded += piece[2:].encode("utf-8")
    return decoded.decode("utf-8", "replace")


def _invocation_tail(request_id: str, action: str) -> str:
    return f"/runtime/invocation/{quote_request_id(request_id)}/{action}"


def response_path(endpoint: Endpoint, request_id: str) -> str:
    """The path of an invocation's /response post (buffered or streamed)."""
    if not (request_id.isascii() and request_id.replace("-", "").isalnum()):  # quote_request_id's fast case
        request_id = quote_request_id(request_id)
    return f"{endpoint.prefix}/{API_VERSION}/runtime/invocation/{request_id}/response"


class NextInvocation(Record):
    __slots__ = ()

    def render(self, endpoint: Endpoint) -> Request:
        return Request("GET", endpoint.path("/runtime/invocation/next"), (), b"")


class InvocationResponse(Record):
    __slots__ = ("body", "content_type", "request_id")
    request_id: str
    body: bytes
    content_type: str

    def __init__(self, request_id: str, body: bytes, content_type: str = "application/json") -> None:
        set_field(self, "request_id", request_id)
        set_field(self, "body", body)
        set_field(self, "content_type", content_type)

    def render(self, endpoint: Endpoint) -> Request:
        headers = (("Content-Type", self.content_type),)
        return Request("POST", response_path(endpoint, self.request_id), headers, self.body)


class StreamingResponseStart(Record):
    """The head of a streamed response; the body follows as chunks, errors as trailers."""

    __slots__ = ("content_type", "request_id")
    request_id: str
    content_type: str

    def __init__(self, request_id: str, content_type: str = STREAMING_CONTENT_TYPE) -> None:
        set_field(self, "request_id", request_id)
        set_field(self, "content_type", content_type)

    def render(self, endpoint: Endpoint) -> Request:
        headers = (
            (Header.RESPONSE_MODE, "streaming"),
            ("Content-Type", self.content_type),
            ("Transfer-Encoding", "chunked"),
            ("Trailer", f"{Header.FUNCTION_ERROR_TYPE}, {Header.FUNCTION_ERROR_BODY}"),
        )
        return Request("POST", endpoint.path(_invocation_tail(self.request_id, "response")), headers, None)


def _error_headers(error: ErrorReport, xray_cause: bytes | None) -> tuple[tuple[str, str], ...]:
    headers: list[tuple[str, str]] = [
        ("Content-Type", ERROR_CONTENT_TYPE),
        (Header.FUNCTION_ERROR_TYPE, error.header_error_type()),
    ]
    if xray_cause is not None:
        headers.append((Header.XRAY_ERROR_CAUSE, xray_cause.decode("utf-8", "replace")))
    return tuple(headers)


class InvocationError(Record):
    __slots__ = ("error", "request_id", "xray_cause")
    request_id: str
    error: ErrorReport
    xray_cause: bytes | None

    def __init__(self, request_id: str, error: ErrorReport, xray_cause: bytes | None = None) -> None:
        set_field(self, "request_id", request_id)
        set_field(self, "error", error)
        set_field(self, "xray_cause", xray_cause)

    def render(self, endpoint: Endpoint) -> Request:
        path = endpoint.path(_invocation_tail(self.request_id, "error"))
        body = self.error.for_request(self.request_id).to_json()
        return Request("POST", path, _error_headers(self.error, self.xray_cause), body)


class InitError(Record):
    __slots__ = ("error",)
    error: ErrorReport

    def __init__(self, error: ErrorReport) -> None:
        set_field(self, "error", error)

    def render(self, endpoint: Endpoint) -> Request:
        return Request(
            "POST",
            endpoint.path("/runtime/init/error"),
            _error_headers(self.error, None),
            self.error.to_json(),
        )


class NextHeader:
    """The /next answer's header names in lower case, as header dicts from a transport are keyed."""

    REQUEST_ID = Header.REQUEST_ID.lower()
    DEADLINE_MS = Header.DEADLINE_MS.lower()
    FUNCTION_ARN = Header.FUNCTION_ARN.lower()
    TRACE_ID = Header.TRACE_ID.lower()
    CLIENT_CONTEXT = Header.CLIENT_CONTEXT.lower()
    COGNITO_IDENTITY = Header.COGNITO_IDENTITY.lower()
    TENANT_ID = Header.TENANT_ID.lower()


class Invocation(Record):
    """One event, as the /next answer delivers it. Header values are kept raw; the Context parses them."""

    __slots__ = (
        "body",
        "client_context",
        "cognito_identity",
        "content_type",
        "deadline_ms",
        "invoked_function_arn",
        "request_id",
        "tenant_id",
        "trace_id",
    )
    request_id: str
    body: bytes
    deadline_ms: int | None
    invoked_function_arn: str | None
    trace_id: str | None
    client_context: str | None
    cognito_identity: str | None
    tenant_id: str | None
    content_type: str

    def __init__(
        self,
        request_id: str,
        body: bytes,
        deadline_ms: int | None = None,
        invoked_function_arn: str | None = None,
        trace_id: str | None = None,
        client_context: str | None = None,
        cognito_identity: str | None = None,
        tenant_id: str | None = None,
        content_type: str = "application/json",
    ) -> None:
        _set_request_id(self, request_id)
        _set_body(self, body)
        _set_deadline_ms(self, deadline_ms)
        _set_invoked_function_arn(self, invoked_function_arn)
        _set_trace_id(self, trace_id)
        _set_client_context(self, client_context)
        _set_cognito_identity(self, cognito_identity)
        _set_tenant_id(self, tenant_id)
        _set_content_type(self, content_type)

    @classmethod
    def from_headers(cls, headers: Mapping[str, str], body: bytes) -> Invocation:
        """Parse a /next answer. ``headers`` must have lower-case keys; empty values read as absent."""
        get = headers.get
        request_id = get(NextHeader.REQUEST_ID)
        if not request_id:
            raise ProtocolError(f"/next answer has no {Header.REQUEST_ID} header")
        deadline_text = get(NextHeader.DEADLINE_MS)
        deadline_ms: int | None = None
        if deadline_text:
            try:
                deadline_ms = int(deadline_text)
            except ValueError:
                raise ProtocolError(f"{Header.DEADLINE_MS} is not an integer: {deadline_text!r}") from None
        return cls(
            request_id,
            body,
            deadline_ms,
            get(NextHeader.FUNCTION_ARN) or None,
            get(NextHeader.TRACE_ID) or None,
            get(NextHeader.CLIENT_CONTEXT) or None,
            get(NextHeader.COGNITO_IDENTITY) or None,
            get(NextHeader.TENANT_ID) or None,
            get("content-type") or "application/json",
        )

    def response_headers(self) -> list[tuple[str, str]]:
        """The headers a server puts on the /next answer for this invocation (absent values omitted)."""
        pairs = [
            (Header.REQUEST_ID, self.request_id),
            (Header.DEADLINE_MS, None if self.deadline_ms is None else str(self.deadline_ms)),
            (Header.FUNCTION_ARN, self.invoked_function_arn),
            (Header.TRACE_ID, self.trace_id),
            (Header.CLIENT_CONTEXT, self.client_context),
            (Header.COGNITO_IDENTITY, self.cognito_identity),
            (Header.TENANT_ID, self.tenant_id),
            ("Content-Type", self.content_type),
        ]
        return [(name, value) for name, value in pairs if value is not None]


# An Invocation is built per invocation: its fields are set through their slot descriptors, which
# skips the attribute lookup and checks of ``set_field``.
_set_request_id = Invocation.__dict__["request_id"].__set__
_set_body = Invocation.__dict__["body"].__set__
_set_deadline_ms = Invocation.__dict__["deadline_ms"].__set__
_set_invoked_function_arn = Invocation.__dict__["invoked_function_arn"].__set__
_set_trace_id = Invocation.__dict__["trace_id"].__set__
_set_client_context = Invocation.__dict__["client_context"].__set__
_set_cognito_identity = Invocation.__dict__["cognito_identity"].__set__
_set_tenant_id = Invocation.__dict__["tenant_id"].__set__
_set_content_type = Invocation.__dict__["content_type"].__set__
