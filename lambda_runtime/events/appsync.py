"""AWS AppSync: caller identities (IAM and Cognito user pools), the Lambda authorizer request and
response, and the direct Lambda resolver event."""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import EventObject, EventResponse, Field, Obj, OptionalField, compact

__all__ = [
    "AppSyncCognitoIdentity",
    "AppSyncIAMIdentity",
    "AppSyncLambdaAuthorizerRequest",
    "AppSyncLambdaAuthorizerRequestContext",
    "AppSyncLambdaAuthorizerResponse",
    "AppSyncResolverEvent",
]


class AppSyncIAMIdentity(EventObject):
    __slots__ = ()
    account_id = OptionalField[str]("accountId")
    cognito_identity_auth_provider = OptionalField[str]("cognitoIdentityAuthProvider")
    cognito_identity_auth_type = OptionalField[str]("cognitoIdentityAuthType")
    cognito_identity_pool_id = OptionalField[str]("cognitoIdentityPoolId")
    cognito_identity_id = OptionalField[str]("cognitoIdentityId")
    source_ip = OptionalField[list[str]]("sourceIp")
    username = OptionalField[str]("username")
    user_arn = OptionalField[str]("userArn")


class AppSyncCognitoIdentity(EventObject):
    __slots__ = ()
    sub = Field[str]("sub")
    issuer = OptionalField[str]("issuer")
    username = OptionalField[str]("username")
    claims = OptionalField[dict[str, Any]]("claims")
    source_ip = OptionalField[list[str]]("sourceIp")
    default_auth_strategy = OptionalField[str]("defaultAuthStrategy")
    groups = OptionalField[list[str]]("groups")


class AppSyncLambdaAuthorizerRequestContext(EventObject):
    __slots__ = ()
    api_id = Field[str]("apiId")
    account_id = Field[str]("accountId")
    request_id = Field[str]("requestId")
    query_string = OptionalField[str]("queryString")
    operation_name = OptionalField[str]("operationName")
    variables = OptionalField[dict[str, Any]]("variables")


class AppSyncLambdaAuthorizerRequest(EventObject):
    __slots__ = ()
    authorization_token = Field[str]("authorizationToken")
    request_context = Obj("requestContext", AppSyncLambdaAuthorizerRequestContext)
    request_headers = OptionalField[dict[str, str]]("requestHeaders")


class AppSyncLambdaAuthorizerResponse(EventResponse):
    __slots__ = ()
    is_authorized = Field[bool]("isAuthorized")
    resolver_context = OptionalField[dict[str, Any]]("resolverContext")
    denied_fields = OptionalField[list[str]]("deniedFields")
    ttl_override = OptionalField[int]("ttlOverride")

    def __init__(
        self,
        *,
        is_authorized: bool,
        resolver_context: dict[str, Any] | None = None,
        denied_fields: list[str] | None = None,
        ttl_override: int | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "isAuthorized": is_authorized,
                    "resolverContext": resolver_context,
                    "deniedFields": denied_fields,
                    "ttlOverride": ttl_override,
                }
            )
        )


class AppSyncResolverEvent(EventObject):
    """A direct Lambda resolver invocation (no mapping template). ``identity`` is raw: its shape
    depends on the API's auth mode; read it with ``iam_identity()`` or ``cognito_identity()``."""

    __slots__ = ()
    arguments = OptionalField[dict[str, Any]]("arguments")
    identity = OptionalField[dict[str, Any]]("identity")
    source = OptionalField[dict[str, Any]]("source")
    request = OptionalField[dict[str, Any]]("request")
    prev = OptionalField[dict[str, Any]]("prev")
    info = OptionalField[dict[str, Any]]("info")
    stash = OptionalField[dict[str, Any]]("stash")

    def iam_identity(self) -> AppSyncIAMIdentity | None:
        identity = self.identity
        return None if identity is None else AppSyncIAMIdentity.from_dict(identity)

    def cognito_identity(self) -> AppSyncCognitoIdentity | None:
        identity = self.identity
        return None if identity is None else AppSyncCognitoIdentity.from_dict(identity)

    @property
    def field_name(self) -> str | None:
        info = self.info
        return None if info is None else info.get("fieldName")

    @property
    def parent_type_name(self) -> str | None:
        info = self.info
        return None if info is None else info.get("parentTypeName")
