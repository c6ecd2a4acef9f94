"""Amazon VPC Lattice targets: request events in payload format 1.0 (``VPCLatticeRequest``, snake_case
keys) and 2.0 (``VPCLatticeRequestV2``), and the ``VPCLatticeResponse`` both expect back.

Header names arrive lower-cased; lookups here are case-insensitive anyway. In 2.0, header values are
arrays (repeated headers); ``header()`` returns the first value, ``header_values()`` all of them.
"""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import (
    EventDecodeError,
    EventObject,
    EventResponse,
    Field,
    Obj,
    OptionalField,
    OptionalObj,
)
from lambda_runtime.events._decode import decode_base64, parse_json
from lambda_runtime.events._http import encode_json, header_value

__all__ = [
    "VPCLatticeRequest",
    "VPCLatticeRequestV2",
    "VPCLatticeRequestV2Context",
    "VPCLatticeRequestV2Identity",
    "VPCLatticeResponse",
]


def _lookup(headers: dict[str, Any] | None, name: str) -> Any:
    return header_value(headers, name) if headers else None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


class _LatticeBody(EventObject):
    """Body helpers; subclasses name the base64 flag's key."""

    __slots__ = ()
    _base64_key = "isBase64Encoded"
    http_method = Field[str]("method")  # ``method`` under the name the API Gateway and ALB classes use

    def body_bytes(self) -> bytes:
        body = self._doc.get("body")
        if body is None:
            return b""
        if not isinstance(body, str):
            raise EventDecodeError(
                f"{type(self).__name__}.body: expected a string, got {type(body).__name__}"
            )
        if self._doc.get(self._base64_key):
            return decode_base64(body, f"{type(self).__name__}.body")
        return body.encode()

    def body_text(self, encoding: str = "utf-8") -> str:
        try:
            return self.body_bytes().decode(encoding)
        except UnicodeDecodeError as exc:
            raise EventDecodeError(f"{type(self).__name__}.body is not {encoding} text: {exc}") from exc

    def json_body(self) -> Any:
        return parse_json(self.body_bytes(), f"{type(self).__name__}.body")


class VPCLatticeRequest(_LatticeBody):
    """Payload format 1.0."""

    __slots__ = ()
    _base64_key = "is_base64_encoded"
    raw_path = Field[str]("raw_path")  # path and query string
    method = Field[str]("method")
    headers = OptionalField[dict[str, str]]("headers")
    query_string_parameters = OptionalField[dict[str, str]]("query_string_parameters")
    body = OptionalField[str]("body")
    is_base64_encoded = OptionalField[bool]("is_base64_encoded")

    @property
    def path(self) -> str:
        """``raw_path`` without the query string."""
        return self.raw_path.partition("?")[0]

    def header(self, name: str) -> str | None:
        value = _lookup(self.headers, name)
        return None if value is None else str(value)


class VPCLatticeRequestV2Identity(EventObject):
    __slots__ = ()
    source_vpc_arn = OptionalField[str]("sourceVpcArn")
    type = OptionalField[str]("type")  # AWS_IAM when the request was signed
    principal = OptionalField[str]("principal")
    principal_org_id = OptionalField[str]("principalOrgID")
    session_name = OptionalField[str]("sessionName")
    x509_subject_cn = OptionalField[str]("X509SubjectCn")
    x509_issuer_ou = OptionalField[str]("X509IssuerOu")
    x509_san_dns = OptionalField[str]("x509SanDns")
    x509_san_uri = OptionalField[str]("X509SanUri")
    x509_san_name_cn = OptionalField[str]("X509SanNameCn")


class VPCLatticeRequestV2Context(EventObject):
    __slots__ = ()
    service_network_arn = OptionalField[str]("serviceNetworkArn")
    service_arn = OptionalField[str]("serviceArn")
    target_group_arn = OptionalField[str]("targetGroupArn")
    identity = OptionalObj("identity", VPCLatticeRequestV2Identity)
    region = OptionalField[str]("region")
    time_epoch = OptionalField[str]("timeEpoch")  # microseconds since the epoch, as text


class VPCLatticeRequestV2(_LatticeBody):
    """Payload format 2.0."""

    __slots__ = ()
    version = Field[str]("version")
    path = Field[str]("path")
    method = Field[str]("method")
    headers = OptionalField[dict[str, list[str] | str]]("headers")
    query_string_parameters = OptionalField[dict[str, list[str] | str]]("queryStringParameters")
    body = OptionalField[str]("body")
    is_base64_encoded = OptionalField[bool]("isBase64Encoded")
    request_context = Obj("requestContext", VPCLatticeRequestV2Context)

    def header(self, name: str) -> str | None:
        values = self.header_values(name)
        return values[0] if values else None

    def header_values(self, name: str) -> list[str]:
        return _as_list(_lookup(self.headers, name))

    def query_parameter(self, name: str) -> str | None:
        values = _as_list((self.query_string_parameters or {}).get(name))
        return values[0] if values else None


class VPCLatticeResponse(EventResponse):
    __slots__ = ()
    status_code = Field[int]("statusCode")
    status_description = OptionalField[str]("statusDescription")
    headers = OptionalField[dict[str, str]]("headers")
    body = OptionalField[str]("body")
    is_base64_encoded = OptionalField[bool]("isBase64Encoded")

    def __init__(
        self,
        *,
        status_code: int = 200,
        body: str | bytes | None = None,
        headers: dict[str, str] | None = None,
        status_description: str | None = None,
    ) -> None:
        """``bytes`` bodies are sent base64-encoded; ``str`` bodies as they are."""
        doc: dict[str, Any] = {"statusCode": status_code, "isBase64Encoded": False}
        if status_description is not None:
            doc["statusDescription"] = status_description
        if headers is not None:
            doc["headers"] = headers
        if isinstance(body, bytes | bytearray | memoryview):
            import base64

            doc["body"] = base64.b64encode(body).decode("ascii")
            doc["isBase64Encoded"] = True
        elif body is not None:
            doc["body"] = body
        super().__init__(doc)

    @classmethod
    def json(
        cls, value: Any, *, status_code: int = 200, headers: dict[str, str] | None = None
    ) -> VPCLatticeResponse:
        """A JSON response with ``Content-Type: application/json``; ``value`` may hold what a handler may
        return (``Decimal``, sets, dataclasses, event objects)."""
        merged = {"Content-Type": "application/json", **(headers or {})}
        return cls(status_code=status_code, body=encode_json(value), headers=merged)
