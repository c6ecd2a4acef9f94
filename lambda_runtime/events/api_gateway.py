"""API Gateway proxy integrations: REST API (v1 payload), HTTP API (v2 payload), WebSocket API.

Rules: request classes only read; response classes are built by users with keyword arguments and encode
to the keys API Gateway documents, leaving out the optional ones that are ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lambda_runtime.events._base import EventObject, Field, Obj, OptionalField, OptionalObj
from lambda_runtime.events._http import HTTPRequest
from lambda_runtime.events._payloads import (
    APIGatewayV2HTTPRequestContextHTTPDescription,
    Payload1Parameters,
    Payload2Parameters,
    Payload2RequestContext,
    ProxyResponse,
)

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


class APIGatewayProxyRequest(Payload1Parameters, HTTPRequest):
    """A REST API proxy integration request (payload format 1.0); headers keep the client's casing."""

    __slots__ = ()
    resource = Field[str]("resource")
    path = Field[str]("path")
    http_method = Field[str]("httpMethod")
    request_context = Obj("requestContext", APIGatewayProxyRequestContext)
    is_base64_encoded = OptionalField[bool]("isBase64Encoded")


class APIGatewayProxyResponse(ProxyResponse):
    """What a REST API proxy integration returns. ``body`` bytes are base64-encoded for you."""

    __slots__ = ()


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


class APIGatewayV2HTTPRequestContext(Payload2RequestContext):
    __slots__ = ()
    route_key = Field[str]("routeKey")
    stage = Field[str]("stage")
    authorizer = OptionalObj("authorizer", APIGatewayV2HTTPRequestContextAuthorizerDescription)
    authentication = OptionalObj("authentication", APIGatewayV2HTTPRequestContextAuthentication)


class APIGatewayV2HTTPRequest(Payload2Parameters, HTTPRequest):
    """An HTTP API request (payload format 2.0). Header names arrive lower-cased; repeated headers
    are joined with commas; cookies come apart in ``cookies``."""

    __slots__ = ()
    route_key = Field[str]("routeKey")
    path_parameters = OptionalField[dict[str, str]]("pathParameters")
    request_context = Obj("requestContext", APIGatewayV2HTTPRequestContext)
    stage_variables = OptionalField[dict[str, str]]("stageVariables")
    is_base64_encoded = Field[bool]("isBase64Encoded")


class APIGatewayV2HTTPResponse(ProxyResponse):
    """What an HTTP API (payload 2.0) integration returns. ``body`` bytes are base64-encoded for you."""

    __slots__ = ()
    _CONTENT_TYPE = "content-type"
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
        super().__init__(
            status_code,
            body,
            headers=headers,
            multi_value_headers=multi_value_headers,
            is_base64_encoded=is_base64_encoded,
        )
        if cookies is not None:
            self._doc["cookies"] = list(cookies)


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


class APIGatewayWebsocketProxyRequest(Payload1Parameters, HTTPRequest):
    """A WebSocket API event ($connect, $disconnect, messages). Reply with ``APIGatewayProxyResponse``."""

    __slots__ = ()
    resource = OptionalField[str]("resource")
    path = OptionalField[str]("path")
    http_method = OptionalField[str]("httpMethod")
    request_context = Obj("requestContext", APIGatewayWebsocketProxyRequestContext)
    is_base64_encoded = OptionalField[bool]("isBase64Encoded")
