"""Lambda function URLs: the request (payload 2.0 shape) and the buffered response."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    Obj,
    OptionalField,
    OptionalObj,
    compact,
)
from lambda_runtime.events._http import HTTPRequest, encode_body, encode_json
from lambda_runtime.events._payloads import Payload2Parameters, Payload2RequestContext
from lambda_runtime.events.api_gateway import APIGatewayV2HTTPRequestContextAuthorizerIAMDescription

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "LambdaFunctionURLRequest",
    "LambdaFunctionURLRequestContext",
    "LambdaFunctionURLRequestContextAuthorizerDescription",
    "LambdaFunctionURLResponse",
]


class LambdaFunctionURLRequestContextAuthorizerDescription(EventObject):
    __slots__ = ()
    iam = OptionalObj("iam", APIGatewayV2HTTPRequestContextAuthorizerIAMDescription)


class LambdaFunctionURLRequestContext(Payload2RequestContext):
    __slots__ = ()
    authorizer = OptionalObj("authorizer", LambdaFunctionURLRequestContextAuthorizerDescription)


class LambdaFunctionURLRequest(Payload2Parameters, HTTPRequest):
    """A function URL request; header names arrive lower-cased."""

    __slots__ = ()
    request_context = Obj("requestContext", LambdaFunctionURLRequestContext)
    is_base64_encoded = Field[bool]("isBase64Encoded")


class LambdaFunctionURLResponse(EventResponse):
    """A buffered function URL response. ``body`` bytes are base64-encoded for you."""

    __slots__ = ()
    status_code = Field[int]("statusCode")
    headers = OptionalField[dict[str, str]]("headers")
    body = OptionalField[str]("body")
    is_base64_encoded = OptionalField[bool]("isBase64Encoded")
    cookies = OptionalField[list[str]]("cookies")

    def __init__(
        self,
        status_code: int = 200,
        body: str | bytes | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        cookies: Sequence[str] | None = None,
        is_base64_encoded: bool | None = None,
    ) -> None:
        text, encoded = encode_body(body)
        doc: dict[str, Any] = compact(
            {
                "statusCode": status_code,
                "headers": dict(headers) if headers is not None else None,
                "body": text,
                "cookies": list(cookies) if cookies is not None else None,
                "isBase64Encoded": encoded if is_base64_encoded is None else is_base64_encoded,
            }
        )
        super().__init__(doc)

    @classmethod
    def json(cls, value: Any, status_code: int = 200, *, headers: Mapping[str, str] | None = None) -> Self:
        """A JSON response with ``Content-Type: application/json``; ``value`` may hold what a handler
        may return (``Decimal``, sets, dataclasses, event objects)."""
        return cls(
            status_code, encode_json(value), headers={"Content-Type": "application/json", **(headers or {})}
        )
