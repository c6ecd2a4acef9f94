"""The parts of API Gateway's payload formats 1.0 and 2.0 that several event classes carry.

Rule: a field set lives here only when every class using it declares the very same keys with the same
types and optionality; each public class mixes in its format's set and declares the rest itself. The
public names stay in their family modules (``api_gateway``, ``authorizers``, ``function_url``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    NestedField,
    Obj,
    OptionalField,
    compact,
)
from lambda_runtime.events._http import HeadersField, encode_body, encode_json

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "APIGatewayV2HTTPRequestContextHTTPDescription",
    "Payload1Parameters",
    "Payload2Parameters",
    "Payload2RequestContext",
    "ProxyResponse",
]


class Payload1Parameters(EventObject):
    """Format 1.0 (REST, WebSocket, REQUEST authorizers): headers and parameters, single and multi-valued."""

    __slots__ = ()
    headers = HeadersField[str]("headers")
    multi_value_headers = HeadersField[list[str]]("multiValueHeaders")
    query_string_parameters = OptionalField[dict[str, str]]("queryStringParameters")
    multi_value_query_string_parameters = OptionalField[dict[str, list[str]]](
        "multiValueQueryStringParameters"
    )
    path_parameters = OptionalField[dict[str, str]]("pathParameters")
    stage_variables = OptionalField[dict[str, str]]("stageVariables")


class Payload2Parameters(EventObject):
    """Format 2.0 (HTTP API, its authorizers, function URLs): the raw path and query plus joined headers."""

    __slots__ = ()
    version = Field[str]("version")
    raw_path = Field[str]("rawPath")
    raw_query_string = Field[str]("rawQueryString")
    cookies = OptionalField[list[str]]("cookies")
    headers = HeadersField[str]("headers")
    query_string_parameters = OptionalField[dict[str, str]]("queryStringParameters")
    # ``request_context.http.method`` in one read, as format 1.0 and ALB events spell it.
    http_method = NestedField[str]("requestContext", "http", "method")


class APIGatewayV2HTTPRequestContextHTTPDescription(EventObject):
    __slots__ = ()
    method = Field[str]("method")
    path = Field[str]("path")
    protocol = Field[str]("protocol")
    source_ip = Field[str]("sourceIp")
    user_agent = Field[str]("userAgent")


class Payload2RequestContext(EventObject):
    """The ``requestContext`` keys HTTP API and function URL requests share (the authorizer differs)."""

    __slots__ = ()
    account_id = Field[str]("accountId")
    request_id = Field[str]("requestId")
    api_id = Field[str]("apiId")  # for a function URL: the URL id
    domain_name = Field[str]("domainName")
    domain_prefix = OptionalField[str]("domainPrefix")
    time = Field[str]("time")
    time_epoch = Field[int]("timeEpoch")
    http = Obj("http", APIGatewayV2HTTPRequestContextHTTPDescription)


class ProxyResponse(EventResponse):
    """A REST/WebSocket (1.0) or HTTP API (2.0) proxy response: ``bytes`` bodies are base64-encoded.

    ``_CONTENT_TYPE`` is the header name ``json()`` sets, in the casing the format uses.
    """

    __slots__ = ()
    _CONTENT_TYPE: ClassVar[str] = "Content-Type"
    status_code = Field[int]("statusCode")
    headers = OptionalField[dict[str, str]]("headers")
    multi_value_headers = OptionalField[dict[str, list[str]]]("multiValueHeaders")
    body = OptionalField[str]("body")
    is_base64_encoded = OptionalField[bool]("isBase64Encoded")

    def __init__(
        self,
        status_code: int = 200,
        body: str | bytes | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        multi_value_headers: Mapping[str, Sequence[str]] | None = None,
        is_base64_encoded: bool | None = None,
    ) -> None:
        text, encoded = encode_body(body)
        super().__init__(
            compact(
                {
                    "statusCode": status_code,
                    "headers": dict(headers) if headers is not None else None,
                    "multiValueHeaders": (
                        None
                        if multi_value_headers is None
                        else {name: list(items) for name, items in multi_value_headers.items()}
                    ),
                    "body": text,
                    "isBase64Encoded": encoded if is_base64_encoded is None else is_base64_encoded,
                }
            )
        )

    @classmethod
    def json(cls, value: Any, status_code: int = 200, *, headers: Mapping[str, str] | None = None) -> Self:
        """A JSON response with a ``application/json`` content type; ``value`` may hold what a handler
        may return (``Decimal``, sets, dataclasses, event objects)."""
        return cls(
            status_code,
            encode_json(value),
            headers={cls._CONTENT_TYPE: "application/json", **(headers or {})},
        )
