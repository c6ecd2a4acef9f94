"""API Gateway Lambda authorizers: REST (TOKEN and REQUEST), HTTP API (payload 1.0 and 2.0), responses.

Rule: a response class encodes exactly the keys API Gateway reads; ``context`` values must be strings,
numbers or booleans (API Gateway rejects nested objects in a REST authorizer context).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    ListOf,
    Obj,
    OptionalField,
    OptionalObj,
    compact,
)
from lambda_runtime.events._http import HeadersField
from lambda_runtime.events._payloads import Payload1Parameters, Payload2Parameters
from lambda_runtime.events.api_gateway import APIGatewayRequestIdentity, APIGatewayV2HTTPRequestContext

__all__ = [
    "APIGatewayCustomAuthorizerPolicy",
    "APIGatewayCustomAuthorizerRequest",
    "APIGatewayCustomAuthorizerRequestTypeRequest",
    "APIGatewayCustomAuthorizerRequestTypeRequestContext",
    "APIGatewayCustomAuthorizerResponse",
    "APIGatewayV2CustomAuthorizerIAMPolicyResponse",
    "APIGatewayV2CustomAuthorizerSimpleResponse",
    "APIGatewayV2CustomAuthorizerV1Request",
    "APIGatewayV2CustomAuthorizerV2Request",
    "IAMPolicyStatement",
]


class APIGatewayCustomAuthorizerRequest(EventObject):
    """A REST API TOKEN authorizer request."""

    __slots__ = ()
    type = Field[str]("type")  # "TOKEN"
    authorization_token = Field[str]("authorizationToken")
    method_arn = Field[str]("methodArn")


class APIGatewayCustomAuthorizerRequestTypeRequestContext(EventObject):
    __slots__ = ()
    path = OptionalField[str]("path")
    account_id = Field[str]("accountId")
    resource_id = OptionalField[str]("resourceId")
    stage = Field[str]("stage")
    request_id = Field[str]("requestId")
    identity = OptionalObj("identity", APIGatewayRequestIdentity)
    resource_path = OptionalField[str]("resourcePath")
    http_method = Field[str]("httpMethod")
    api_id = Field[str]("apiId")


class APIGatewayCustomAuthorizerRequestTypeRequest(Payload1Parameters):
    """A REST API REQUEST authorizer request (headers, query string, stage variables, context)."""

    __slots__ = ()
    type = Field[str]("type")  # "REQUEST"
    method_arn = Field[str]("methodArn")
    resource = OptionalField[str]("resource")
    path = OptionalField[str]("path")
    http_method = OptionalField[str]("httpMethod")
    request_context = Obj("requestContext", APIGatewayCustomAuthorizerRequestTypeRequestContext)


class IAMPolicyStatement(EventResponse):
    """One statement of an IAM policy; ``action`` and ``resource`` may be one string or a list."""

    __slots__ = ()
    action = Field["str | list[str]"]("Action")
    effect = Field[str]("Effect")  # "Allow" or "Deny"
    resource = Field["str | list[str]"]("Resource")
    condition = OptionalField[dict[str, Any]]("Condition")

    def __init__(
        self,
        effect: str,
        resource: str | Sequence[str],
        action: str | Sequence[str] = "execute-api:Invoke",
        *,
        condition: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "Action": action if isinstance(action, str) else list(action),
                    "Effect": effect,
                    "Resource": resource if isinstance(resource, str) else list(resource),
                    "Condition": dict(condition) if condition is not None else None,
                }
            )
        )


class APIGatewayCustomAuthorizerPolicy(EventResponse):
    __slots__ = ()
    version = Field[str]("Version")
    statement = ListOf("Statement", IAMPolicyStatement)

    def __init__(self, statement: Sequence[IAMPolicyStatement], version: str = "2012-10-17") -> None:
        super().__init__({"Version": version, "Statement": [s.to_dict() for s in statement]})


class APIGatewayCustomAuthorizerResponse(EventResponse):
    """What a REST API authorizer (TOKEN or REQUEST) or an HTTP API 1.0 authorizer returns."""

    __slots__ = ()
    principal_id = Field[str]("principalId")
    policy_document = Obj("policyDocument", APIGatewayCustomAuthorizerPolicy)
    context = OptionalField[dict[str, Any]]("context")
    usage_identifier_key = OptionalField[str]("usageIdentifierKey")

    def __init__(
        self,
        principal_id: str,
        policy_document: APIGatewayCustomAuthorizerPolicy,
        *,
        context: Mapping[str, str | int | float | bool] | None = None,
        usage_identifier_key: str | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "principalId": principal_id,
                    "policyDocument": policy_document.to_dict(),
                    "context": dict(context) if context is not None else None,
                    "usageIdentifierKey": usage_identifier_key,
                }
            )
        )

    @classmethod
    def allow(
        cls, principal_id: str, resource: str | Sequence[str], **kwargs: Any
    ) -> APIGatewayCustomAuthorizerResponse:
        """Allow ``execute-api:Invoke`` on ``resource`` (e.g. the request's ``method_arn``)."""
        return cls(
            principal_id, APIGatewayCustomAuthorizerPolicy([IAMPolicyStatement("Allow", resource)]), **kwargs
        )

    @classmethod
    def deny(
        cls, principal_id: str, resource: str | Sequence[str], **kwargs: Any
    ) -> APIGatewayCustomAuthorizerResponse:
        """Deny ``execute-api:Invoke`` on ``resource``."""
        return cls(
            principal_id, APIGatewayCustomAuthorizerPolicy([IAMPolicyStatement("Deny", resource)]), **kwargs
        )


class APIGatewayV2CustomAuthorizerV1Request(EventObject):
    """An HTTP API Lambda authorizer request, payload format 1.0."""

    __slots__ = ()
    version = Field[str]("version")  # "1.0"
    type = Field[str]("type")
    method_arn = Field[str]("methodArn")
    identity_source = OptionalField[str]("identitySource")
    authorization_token = OptionalField[str]("authorizationToken")
    resource = OptionalField[str]("resource")
    path = OptionalField[str]("path")
    http_method = OptionalField[str]("httpMethod")
    headers = HeadersField[str]("headers")
    query_string_parameters = OptionalField[dict[str, str]]("queryStringParameters")
    path_parameters = OptionalField[dict[str, str]]("pathParameters")
    stage_variables = OptionalField[dict[str, str]]("stageVariables")
    request_context = Obj("requestContext", APIGatewayCustomAuthorizerRequestTypeRequestContext)


class APIGatewayV2CustomAuthorizerV2Request(Payload2Parameters):
    """An HTTP API Lambda authorizer request, payload format 2.0 (``version`` is "2.0")."""

    __slots__ = ()
    type = Field[str]("type")
    route_arn = Field[str]("routeArn")
    identity_source = OptionalField[list[str]]("identitySource")
    route_key = Field[str]("routeKey")
    request_context = Obj("requestContext", APIGatewayV2HTTPRequestContext)
    path_parameters = OptionalField[dict[str, str]]("pathParameters")
    stage_variables = OptionalField[dict[str, str]]("stageVariables")


class APIGatewayV2CustomAuthorizerSimpleResponse(EventResponse):
    """The simple response of an HTTP API 2.0 authorizer (``enableSimpleResponses``)."""

    __slots__ = ()
    is_authorized = Field[bool]("isAuthorized")
    context = OptionalField[dict[str, Any]]("context")

    def __init__(self, is_authorized: bool, *, context: Mapping[str, Any] | None = None) -> None:
        super().__init__(
            compact(
                {"isAuthorized": is_authorized, "context": dict(context) if context is not None else None}
            )
        )


class APIGatewayV2CustomAuthorizerIAMPolicyResponse(EventResponse):
    """The IAM policy response of an HTTP API 2.0 authorizer."""

    __slots__ = ()
    principal_id = Field[str]("principalId")
    policy_document = Obj("policyDocument", APIGatewayCustomAuthorizerPolicy)
    context = OptionalField[dict[str, Any]]("context")

    def __init__(
        self,
        principal_id: str,
        policy_document: APIGatewayCustomAuthorizerPolicy,
        *,
        context: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "principalId": principal_id,
                    "policyDocument": policy_document.to_dict(),
                    "context": dict(context) if context is not None else None,
                }
            )
        )
