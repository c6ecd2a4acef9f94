"""Lambda function URLs: the request (payload 2.0 shape) and the buffered response."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lambda_runtime.events._base import EventObject, Field, Obj, OptionalField, OptionalObj, compact
from lambda_runtime.events._http import HeadersField, HTTPRequest, encode_body
from lambda_runtime.events.api_gateway import (
    APIGatewayV2HTTPRequestContextAuthorizerIAMDescription,
    APIGatewayV2HTTPRequestContextHTTPDescription,
)

__all__ = [
    "LambdaFunctionURLRequest",
    "LambdaFunctionURLRequestContext",
    "LambdaFunctionURLRequestContextAuthorizerDescription",
    "LambdaFunctionURLResponse",
]


class LambdaFunctionURLRequestContextAuthorizerDescription(EventObject):
    __slots__ = ()
    iam = OptionalObj("iam", APIGatewayV2HTTPRequestContextAuthorizerIAMDescription)


class LambdaFunctionURLRequestContext(EventObject):
    __slots__ = ()
    account_id = Field[str]("accountId")
    request_id = Field[str]("requestId")
    authorizer = OptionalObj("authorizer", LambdaFunctionURLRequestContextAuthorizerDescription)
    api_id = Field[str]("apiId")  # the URL id
    domain_name = Field[str]("domainName")
    domain_prefix = OptionalField[str]("domainPrefix")
    time = Field[str]("time")
    time_epoch = Field[int]("timeEpoch")
    http = Obj("http", APIGatewayV2HTTPRequestContextHTTPDescription)


class LambdaFunctionURLRequest(HTTPRequest):
    """A function URL request; header names arrive lower-cased."""

    __slots__ = ()
    version = Field[str]("version")
    raw_path = Field[str]("rawPath")
    raw_query_string = Field[str]("rawQueryString")
    cookies = OptionalField[list[str]]("cookies")
    headers = HeadersField[str]("headers")
    query_string_parameters = OptionalField[dict[str, str]]("queryStringParameters")
    request_context = Obj("requestContext", LambdaFunctionURLRequestContext)
    body = OptionalField[str]("body")
    is_base64_encoded = Field[bool]("isBase64Encoded")


class LambdaFunctionURLResponse(EventObject):
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
