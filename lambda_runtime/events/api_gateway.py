"""API Gateway proxy integrations: REST API (v1 payload), HTTP API (v2 payload), WebSocket API.

Rules: request classes only read; response classes are built by users with keyword arguments and encode
to the keys API Gateway documents, leaving out the optional ones that are ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lambda_runtime.events._base import EventObject, Field, Obj, OptionalField, OptionalObj, compact
from lambda_runtime.events._http import HeadersField, HTTPRequest, encode_body

__all__ = [
    "APIGatewayClientCertificate",
    "APIGatewayClientCertificateValidity",
    "APIGatewayProxyRequest",
    "APIGatewayProxyRequestContext",
    "APIGatewayProxyResponse",
    "APIGatewayRequestIdentity",
    "APIGatewayV2HTTPRequest",
    "APIGatewayV2HTTPRequestContext",
    "APIGatewayV2HTTPRequestContextAuthentication",
    "APIGatewayV2HTTPRequestContextAuthorizerDescription",
    "APIGatewayV2HTTPRequestContextAuthorizerIAMDescription",
    "APIGatewayV2HTTPRequestContextAuthorizerJWTDescription",
    "APIGatewayV2HTTPRequestContextHTTPDescription",
    "APIGatewayV2HTTPResponse",
    "APIGatewayWebsocketProxyRequest",
    "APIGatewayWebsocketProxyRequestContext",
]


class APIGatewayClientCertificateValidity(EventObject):
    __slots__ = ()
    not_after = Field[str]("notAfter")
    not_before = Field[str]("notBefore")


class APIGatewayClientCertificate(EventObject):
    """The client certificate of a mutual-TLS request."""

    __slots__ = ()
    client_cert_pem = Field[str]("clientCertPem")
    subject_dn = Field[str]("subjectDN")
    issuer_dn = Field[str]("issuerDN")
    serial_number = Field[str]("serialNumber")
    validity = Obj("validity", APIGatewayClientCertificateValidity)


class APIGatewayRequestIdentity(EventObject):
    """Who called a REST or WebSocket API (v1 ``requestContext.identity``)."""

    __slots__ = ()
    cognito_identity_pool_id = OptionalField[str]("cognitoIdentityPoolId")
    account_id = OptionalField[str]("accountId")
    cognito_identity_id = OptionalField[str]("cognitoIdentityId")
    caller = OptionalField[str]("caller")
    api_key = OptionalField[str]("apiKey")
    api_key_id = OptionalField[str]("apiKeyId")
    access_key = OptionalField[str]("accessKey")
    source_ip = OptionalField[str]("sourceIp")
    cognito_authentication_type = OptionalField[str]("cognitoAuthenticationType")
    cognito_authentication_provider = OptionalField[str]("cognitoAuthenticationProvider")
    user_arn = OptionalField[str]("userArn")
    user_agent = OptionalField[str]("userAgent")
    user = OptionalField[str]("user")
    client_cert = OptionalObj("clientCert", APIGatewayClientCertificate)


class APIGatewayProxyRequestContext(EventObject):
    __slots__ = ()
    account_id = Field[str]("accountId")
    resource_id = OptionalField[str]("resourceId")
    operation_name = OptionalField[str]("operationName")
    stage = Field[str]("stage")
    domain_name = OptionalField[str]("domainName")
    domain_prefix = OptionalField[str]("domainPrefix")
    request_id = Field[str]("requestId")
    extended_request_id = OptionalField[str]("extendedRequestId")
    protocol = OptionalField[str]("protocol")
    identity = Obj("identity", APIGatewayRequestIdentity)
    resource_path = OptionalField[str]("resourcePath")
    path = OptionalField[str]("path")
    # What the Lambda/Cognito authorizer returned: principalId, claims, context keys.
    authorizer = OptionalField[dict[str, Any]]("authorizer")
    http_method = Field[str]("httpMethod")
    request_time = OptionalField[str]("requestTime")
    request_time_epoch = OptionalField[int]("requestTimeEpoch")
    api_id = Field[str]("apiId")


class APIGatewayProxyRequest(HTTPRequest):
    """A REST API proxy integration request (payload format 1.0); headers keep the client's casing."""

    __slots__ = ()
    resource = Field[str]("resource")
    path = Field[str]("path")
    http_method = Field[str]("httpMethod")
    headers = HeadersField[str]("headers")
    multi_value_headers = HeadersField[list[str]]("multiValueHeaders")
    query_string_parameters = OptionalField[dict[str, str]]("queryStringParameters")
    multi_value_query_string_parameters = OptionalField[dict[str, list[str]]](
        "multiValueQueryStringParameters"
    )
    path_parameters = OptionalField[dict[str, str]]("pathParameters")
    stage_variables = OptionalField[dict[str, str]]("stageVariables")
    request_context = Obj("requestContext", APIGatewayProxyRequestContext)
    body = OptionalField[str]("body")
    is_base64_encoded = OptionalField[bool]("isBase64Encoded")


class APIGatewayProxyResponse(EventObject):
    """What a REST API proxy integration returns. ``body`` bytes are base64-encoded for you."""

    __slots__ = ()
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
                    "multiValueHeaders": _multi(multi_value_headers),
                    "body": text,
                    "isBase64Encoded": encoded if is_base64_encoded is None else is_base64_encoded,
                }
            )
        )

    @classmethod
    def json(
        cls, value: Any, status_code: int = 200, *, headers: Mapping[str, str] | None = None
    ) -> APIGatewayProxyResponse:
        """A JSON response with ``Content-Type: application/json``."""
        return cls(
            status_code, _dumps(value), headers={"Content-Type": "application/json", **(headers or {})}
        )


class APIGatewayV2HTTPRequestContextHTTPDescription(EventObject):
    __slots__ = ()
    method = Field[str]("method")
    path = Field[str]("path")
    protocol = Field[str]("protocol")
    source_ip = Field[str]("sourceIp")
    user_agent = Field[str]("userAgent")


class APIGatewayV2HTTPRequestContextAuthentication(EventObject):
    __slots__ = ()
    client_cert = OptionalObj("clientCert", APIGatewayClientCertificate)


class APIGatewayV2HTTPRequestContextAuthorizerJWTDescription(EventObject):
    __slots__ = ()
    claims = Field[dict[str, Any]]("claims")
    scopes = OptionalField[list[str]]("scopes")


class APIGatewayV2HTTPRequestContextAuthorizerIAMDescription(EventObject):
    __slots__ = ()
    access_key = OptionalField[str]("accessKey")
    account_id = OptionalField[str]("accountId")
    caller_id = OptionalField[str]("callerId")
    cognito_identity = OptionalField[dict[str, Any]]("cognitoIdentity")
    principal_org_id = OptionalField[str]("principalOrgId")
    user_arn = OptionalField[str]("userArn")
    user_id = OptionalField[str]("userId")


class APIGatewayV2HTTPRequestContextAuthorizerDescription(EventObject):
    """One of ``jwt``, ``iam`` or ``lambda`` is set, depending on the route's authorizer."""

    __slots__ = ()
    jwt = OptionalObj("jwt", APIGatewayV2HTTPRequestContextAuthorizerJWTDescription)
    iam = OptionalObj("iam", APIGatewayV2HTTPRequestContextAuthorizerIAMDescription)
    lambda_ = OptionalField[dict[str, Any]]("lambda")


class APIGatewayV2HTTPRequestContext(EventObject):
    __slots__ = ()
    route_key = Field[str]("routeKey")
    account_id = Field[str]("accountId")
    stage = Field[str]("stage")
    request_id = Field[str]("requestId")
    authorizer = OptionalObj("authorizer", APIGatewayV2HTTPRequestContextAuthorizerDescription)
    api_id = Field[str]("apiId")
    domain_name = Field[str]("domainName")
    domain_prefix = OptionalField[str]("domainPrefix")
    time = Field[str]("time")
    time_epoch = Field[int]("timeEpoch")
    http = Obj("http", APIGatewayV2HTTPRequestContextHTTPDescription)
    authentication = OptionalObj("authentication", APIGatewayV2HTTPRequestContextAuthentication)


class APIGatewayV2HTTPRequest(HTTPRequest):
    """An HTTP API request (payload format 2.0). Header names arrive lower-cased; repeated headers
    are joined with commas; cookies come apart in ``cookies``."""

    __slots__ = ()
    version = Field[str]("version")
    route_key = Field[str]("routeKey")
    raw_path = Field[str]("rawPath")
    raw_query_string = Field[str]("rawQueryString")
    cookies = OptionalField[list[str]]("cookies")
    headers = HeadersField[str]("headers")
    query_string_parameters = OptionalField[dict[str, str]]("queryStringParameters")
    path_parameters = OptionalField[dict[str, str]]("pathParameters")
    request_context = Obj("requestContext", APIGatewayV2HTTPRequestContext)
    stage_variables = OptionalField[dict[str, str]]("stageVariables")
    body = OptionalField[str]("body")
    is_base64_encoded = Field[bool]("isBase64Encoded")


class APIGatewayV2HTTPResponse(EventObject):
    """What an HTTP API (payload 2.0) integration returns. ``body`` bytes are base64-encoded for you."""

    __slots__ = ()
    status_code = Field[int]("statusCode")
    headers = OptionalField[dict[str, str]]("headers")
    multi_value_headers = OptionalField[dict[str, list[str]]]("multiValueHeaders")
    body = OptionalField[str]("body")
    is_base64_encoded = OptionalField[bool]("isBase64Encoded")
    cookies = OptionalField[list[str]]("cookies")

    def __init__(
        self,
        status_code: int = 200,
        body: str | bytes | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        multi_value_headers: Mapping[str, Sequence[str]] | None = None,
        cookies: Sequence[str] | None = None,
        is_base64_encoded: bool | None = None,
    ) -> None:
        text, encoded = encode_body(body)
        super().__init__(
            compact(
                {
                    "statusCode": status_code,
                    "headers": dict(headers) if headers is not None else None,
                    "multiValueHeaders": _multi(multi_value_headers),
                    "body": text,
                    "isBase64Encoded": encoded if is_base64_encoded is None else is_base64_encoded,
                    "cookies": list(cookies) if cookies is not None else None,
                }
            )
        )

    @classmethod
    def json(
        cls, value: Any, status_code: int = 200, *, headers: Mapping[str, str] | None = None
    ) -> APIGatewayV2HTTPResponse:
        """A JSON response with ``content-type: application/json``."""
        return cls(
            status_code, _dumps(value), headers={"content-type": "application/json", **(headers or {})}
        )


class APIGatewayWebsocketProxyRequestContext(EventObject):
    __slots__ = ()
    account_id = OptionalField[str]("accountId")
    resource_id = OptionalField[str]("resourceId")
    stage = Field[str]("stage")
    request_id = Field[str]("requestId")
    identity = OptionalObj("identity", APIGatewayRequestIdentity)
    resource_path = OptionalField[str]("resourcePath")
    authorizer = OptionalField[dict[str, Any]]("authorizer")
    http_method = OptionalField[str]("httpMethod")
    api_id = Field[str]("apiId")
    connected_at = Field[int]("connectedAt")
    connection_id = Field[str]("connectionId")
    domain_name = Field[str]("domainName")
    error = OptionalField[str]("error")
    event_type = Field[str]("eventType")  # CONNECT, MESSAGE, DISCONNECT
    extended_request_id = OptionalField[str]("extendedRequestId")
    integration_latency = OptionalField[str]("integrationLatency")
    message_direction = Field[str]("messageDirection")
    message_id = OptionalField[str]("messageId")
    request_time = Field[str]("requestTime")
    request_time_epoch = Field[int]("requestTimeEpoch")
    route_key = Field[str]("routeKey")
    status = OptionalField[str]("status")
    disconnect_status_code = OptionalField[int]("disconnectStatusCode")
    disconnect_reason = OptionalField[str]("disconnectReason")


class APIGatewayWebsocketProxyRequest(HTTPRequest):
    """A WebSocket API event ($connect, $disconnect, messages). Reply with ``APIGatewayProxyResponse``."""

    __slots__ = ()
    resource = OptionalField[str]("resource")
    path = OptionalField[str]("path")
    http_method = OptionalField[str]("httpMethod")
    headers = HeadersField[str]("headers")
    multi_value_headers = HeadersField[list[str]]("multiValueHeaders")
    query_string_parameters = OptionalField[dict[str, str]]("queryStringParameters")
    multi_value_query_string_parameters = OptionalField[dict[str, list[str]]](
        "multiValueQueryStringParameters"
    )
    path_parameters = OptionalField[dict[str, str]]("pathParameters")
    stage_variables = OptionalField[dict[str, str]]("stageVariables")
    request_context = Obj("requestContext", APIGatewayWebsocketProxyRequestContext)
    body = OptionalField[str]("body")
    is_base64_encoded = OptionalField[bool]("isBase64Encoded")


def _multi(values: Mapping[str, Sequence[str]] | None) -> dict[str, list[str]] | None:
    return None if values is None else {name: list(items) for name, items in values.items()}


def _dumps(value: Any) -> str:
    import orjson

    return orjson.dumps(value).decode()
