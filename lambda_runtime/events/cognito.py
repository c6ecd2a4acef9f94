"""Amazon Cognito: every user-pool Lambda trigger, plus the (legacy) Cognito Sync trigger.

A trigger handler gets the event, fills in ``event.response`` and returns the event itself: Cognito
reads the whole document back. Each response class also has a keyword constructor, so
``event.response = CognitoEventUserPoolsPreSignupResponse(auto_confirm_user=True)`` works too.
Class names follow aws-lambda-go's.
"""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    MapOf,
    Obj,
    OptionalField,
    OptionalListOf,
    OptionalObj,
    compact,
)
from lambda_runtime.events._decode import decode_base64

__all__ = [
    "AccessTokenGeneration",
    "ClaimsAndScopeOverrideDetails",
    "ClaimsOverrideDetails",
    "CognitoDatasetRecord",
    "CognitoEvent",
    "CognitoEventUserPoolsCallerContext",
    "CognitoEventUserPoolsChallengeResult",
    "CognitoEventUserPoolsCreateAuthChallenge",
    "CognitoEventUserPoolsCreateAuthChallengeRequest",
    "CognitoEventUserPoolsCreateAuthChallengeResponse",
    "CognitoEventUserPoolsCustomEmailSender",
    "CognitoEventUserPoolsCustomEmailSenderRequest",
    "CognitoEventUserPoolsCustomMessage",
    "CognitoEventUserPoolsCustomMessageRequest",
    "CognitoEventUserPoolsCustomMessageResponse",
    "CognitoEventUserPoolsCustomSMSSender",
    "CognitoEventUserPoolsCustomSMSSenderRequest",
    "CognitoEventUserPoolsDefineAuthChallenge",
    "CognitoEventUserPoolsDefineAuthChallengeRequest",
    "CognitoEventUserPoolsDefineAuthChallengeResponse",
    "CognitoEventUserPoolsHeader",
    "CognitoEventUserPoolsInboundFederation",
    "CognitoEventUserPoolsInboundFederationAttributes",
    "CognitoEventUserPoolsInboundFederationRequest",
    "CognitoEventUserPoolsInboundFederationResponse",
    "CognitoEventUserPoolsMigrateUser",
    "CognitoEventUserPoolsMigrateUserRequest",
    "CognitoEventUserPoolsMigrateUserResponse",
    "CognitoEventUserPoolsPostAuthentication",
    "CognitoEventUserPoolsPostAuthenticationRequest",
    "CognitoEventUserPoolsPostConfirmation",
    "CognitoEventUserPoolsPostConfirmationRequest",
    "CognitoEventUserPoolsPreAuthentication",
    "CognitoEventUserPoolsPreAuthenticationRequest",
    "CognitoEventUserPoolsPreSignup",
    "CognitoEventUserPoolsPreSignupRequest",
    "CognitoEventUserPoolsPreSignupResponse",
    "CognitoEventUserPoolsPreTokenGen",
    "CognitoEventUserPoolsPreTokenGenRequest",
    "CognitoEventUserPoolsPreTokenGenResponse",
    "CognitoEventUserPoolsPreTokenGenV2",
    "CognitoEventUserPoolsPreTokenGenV2Request",
    "CognitoEventUserPoolsPreTokenGenV2Response",
    "CognitoEventUserPoolsResponse",
    "CognitoEventUserPoolsVerifyAuthChallenge",
    "CognitoEventUserPoolsVerifyAuthChallengeRequest",
    "CognitoEventUserPoolsVerifyAuthChallengeResponse",
    "GroupConfiguration",
    "IDTokenGeneration",
]


# ---- the Cognito Sync trigger -----------------------------------------------------------


class CognitoDatasetRecord(EventObject):
    __slots__ = ()
    new_value = OptionalField[str]("newValue")
    old_value = OptionalField[str]("oldValue")
    op = Field[str]("op")  # replace or remove


class CognitoEvent(EventObject):
    """The Cognito Sync trigger (``eventType`` SyncTrigger); return it with records changed."""

    __slots__ = ()
    dataset_name = Field[str]("datasetName")
    dataset_records = MapOf("datasetRecords", CognitoDatasetRecord)
    event_type = Field[str]("eventType")
    identity_id = Field[str]("identityId")
    identity_pool_id = Field[str]("identityPoolId")
    region = Field[str]("region")
    version = Field[int]("version")


# ---- what every user-pool trigger shares ---------------------------------------------------


class CognitoEventUserPoolsCallerContext(EventObject):
    __slots__ = ()
    aws_sdk_version = OptionalField[str]("awsSdkVersion")
    client_id = OptionalField[str]("clientId")


class CognitoEventUserPoolsHeader(EventObject):
    """The fields every user-pool trigger event has; ``trigger_source`` tells the triggers apart."""

    __slots__ = ()
    version = Field[str]("version")
    trigger_source = Field[str]("triggerSource")
    region = Field[str]("region")
    user_pool_id = Field[str]("userPoolId")
    user_name = OptionalField[str]("userName")
    caller_context = OptionalObj("callerContext", CognitoEventUserPoolsCallerContext)


class CognitoEventUserPoolsResponse(EventResponse):
    """The empty response of the triggers that return nothing (pre/post authentication, post
    confirmation); unknown keys are still kept."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__({})


# ---- pre sign-up ------------------------------------------------------------------------


class CognitoEventUserPoolsPreSignupRequest(EventObject):
    __slots__ = ()
    user_attributes = Field[dict[str, str]]("userAttributes")
    validation_data = OptionalField[dict[str, str]]("validationData")
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")


class CognitoEventUserPoolsPreSignupResponse(EventResponse):
    __slots__ = ()
    auto_confirm_user = OptionalField[bool]("autoConfirmUser")
    auto_verify_email = OptionalField[bool]("autoVerifyEmail")
    auto_verify_phone = OptionalField[bool]("autoVerifyPhone")

    def __init__(
        self,
        *,
        auto_confirm_user: bool = False,
        auto_verify_email: bool = False,
        auto_verify_phone: bool = False,
    ) -> None:
        super().__init__(
            {
                "autoConfirmUser": auto_confirm_user,
                "autoVerifyEmail": auto_verify_email,
                "autoVerifyPhone": auto_verify_phone,
            }
        )


class CognitoEventUserPoolsPreSignup(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsPreSignupRequest)
    response = Obj("response", CognitoEventUserPoolsPreSignupResponse)


# ---- pre / post authentication, post confirmation --------------------------------------------


class CognitoEventUserPoolsPreAuthenticationRequest(EventObject):
    __slots__ = ()
    user_attributes = Field[dict[str, str]]("userAttributes")
    validation_data = OptionalField[dict[str, str]]("validationData")
    user_not_found = OptionalField[bool]("userNotFound")


class CognitoEventUserPoolsPreAuthentication(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsPreAuthenticationRequest)
    response = Obj("response", CognitoEventUserPoolsResponse)


class CognitoEventUserPoolsPostAuthenticationRequest(EventObject):
    __slots__ = ()
    new_device_used = OptionalField[bool]("newDeviceUsed")
    user_attributes = Field[dict[str, str]]("userAttributes")
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")


class CognitoEventUserPoolsPostAuthentication(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsPostAuthenticationRequest)
    response = Obj("response", CognitoEventUserPoolsResponse)


class CognitoEventUserPoolsPostConfirmationRequest(EventObject):
    __slots__ = ()
    user_attributes = Field[dict[str, str]]("userAttributes")
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")


class CognitoEventUserPoolsPostConfirmation(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsPostConfirmationRequest)
    response = Obj("response", CognitoEventUserPoolsResponse)


# ---- pre token generation (v1 and v2/v3) ----------------------------------------------------


class GroupConfiguration(EventResponse):
    __slots__ = ()
    groups_to_override = OptionalField[list[str]]("groupsToOverride")
    iam_roles_to_override = OptionalField[list[str]]("iamRolesToOverride")
    preferred_role = OptionalField[str]("preferredRole")

    def __init__(
        self,
        *,
        groups_to_override: list[str] | None = None,
        iam_roles_to_override: list[str] | None = None,
        preferred_role: str | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "groupsToOverride": groups_to_override,
                    "iamRolesToOverride": iam_roles_to_override,
                    "preferredRole": preferred_role,
                }
            )
        )


class CognitoEventUserPoolsPreTokenGenRequest(EventObject):
    __slots__ = ()
    user_attributes = Field[dict[str, str]]("userAttributes")
    group_configuration = OptionalObj("groupConfiguration", GroupConfiguration)
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")


class ClaimsOverrideDetails(EventResponse):
    __slots__ = ()
    group_override_details = OptionalObj("groupOverrideDetails", GroupConfiguration)
    claims_to_add_or_override = OptionalField[dict[str, str]]("claimsToAddOrOverride")
    claims_to_suppress = OptionalField[list[str]]("claimsToSuppress")

    def __init__(
        self,
        *,
        claims_to_add_or_override: dict[str, str] | None = None,
        claims_to_suppress: list[str] | None = None,
        group_override_details: GroupConfiguration | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "claimsToAddOrOverride": claims_to_add_or_override,
                    "claimsToSuppress": claims_to_suppress,
                    "groupOverrideDetails": None
                    if group_override_details is None
                    else group_override_details.to_dict(),
                }
            )
        )


class CognitoEventUserPoolsPreTokenGenResponse(EventResponse):
    __slots__ = ()
    claims_override_details = OptionalObj("claimsOverrideDetails", ClaimsOverrideDetails)

    def __init__(self, *, claims_override_details: ClaimsOverrideDetails | None = None) -> None:
        details = None if claims_override_details is None else claims_override_details.to_dict()
        super().__init__(compact({"claimsOverrideDetails": details}))


class CognitoEventUserPoolsPreTokenGen(CognitoEventUserPoolsHeader):
    """Pre token generation, event version 1 (ID token only)."""

    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsPreTokenGenRequest)
    response = Obj("response", CognitoEventUserPoolsPreTokenGenResponse)


class CognitoEventUserPoolsPreTokenGenV2Request(EventObject):
    __slots__ = ()
    user_attributes = Field[dict[str, str]]("userAttributes")
    group_configuration = OptionalObj("groupConfiguration", GroupConfiguration)
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")
    scopes = OptionalField[list[str]]("scopes")


class IDTokenGeneration(EventResponse):
    """Claims may be any JSON value in event versions 2 and 3 (strings, numbers, lists, objects)."""

    __slots__ = ()
    claims_to_add_or_override = OptionalField[dict[str, Any]]("claimsToAddOrOverride")
    claims_to_suppress = OptionalField[list[str]]("claimsToSuppress")

    def __init__(
        self,
        *,
        claims_to_add_or_override: dict[str, Any] | None = None,
        claims_to_suppress: list[str] | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "claimsToAddOrOverride": claims_to_add_or_override,
                    "claimsToSuppress": claims_to_suppress,
                }
            )
        )


class AccessTokenGeneration(EventResponse):
    __slots__ = ()
    claims_to_add_or_override = OptionalField[dict[str, Any]]("claimsToAddOrOverride")
    claims_to_suppress = OptionalField[list[str]]("claimsToSuppress")
    scopes_to_add = OptionalField[list[str]]("scopesToAdd")
    scopes_to_suppress = OptionalField[list[str]]("scopesToSuppress")

    def __init__(
        self,
        *,
        claims_to_add_or_override: dict[str, Any] | None = None,
        claims_to_suppress: list[str] | None = None,
        scopes_to_add: list[str] | None = None,
        scopes_to_suppress: list[str] | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "claimsToAddOrOverride": claims_to_add_or_override,
                    "claimsToSuppress": claims_to_suppress,
                    "scopesToAdd": scopes_to_add,
                    "scopesToSuppress": scopes_to_suppress,
                }
            )
        )


class ClaimsAndScopeOverrideDetails(EventResponse):
    __slots__ = ()
    id_token_generation = OptionalObj("idTokenGeneration", IDTokenGeneration)
    access_token_generation = OptionalObj("accessTokenGeneration", AccessTokenGeneration)
    group_override_details = OptionalObj("groupOverrideDetails", GroupConfiguration)

    def __init__(
        self,
        *,
        id_token_generation: IDTokenGeneration | None = None,
        access_token_generation: AccessTokenGeneration | None = None,
        group_override_details: GroupConfiguration | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "idTokenGeneration": _doc_or_none(id_token_generation),
                    "accessTokenGeneration": _doc_or_none(access_token_generation),
                    "groupOverrideDetails": _doc_or_none(group_override_details),
                }
            )
        )


class CognitoEventUserPoolsPreTokenGenV2Response(EventResponse):
    __slots__ = ()
    claims_and_scope_override_details = OptionalObj(
        "claimsAndScopeOverrideDetails", ClaimsAndScopeOverrideDetails
    )

    def __init__(
        self, *, claims_and_scope_override_details: ClaimsAndScopeOverrideDetails | None = None
    ) -> None:
        super().__init__(
            compact({"claimsAndScopeOverrideDetails": _doc_or_none(claims_and_scope_override_details)})
        )


class CognitoEventUserPoolsPreTokenGenV2(CognitoEventUserPoolsHeader):
    """Pre token generation, event versions 2 and 3 (ID and access tokens, scopes)."""

    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsPreTokenGenV2Request)
    response = Obj("response", CognitoEventUserPoolsPreTokenGenV2Response)


# ---- migrate user --------------------------------------------------------------------------


class CognitoEventUserPoolsMigrateUserRequest(EventObject):
    __slots__ = ()
    password = OptionalField[str]("password")  # absent for the ForgotPassword trigger source
    validation_data = OptionalField[dict[str, str]]("validationData")
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")


class CognitoEventUserPoolsMigrateUserResponse(EventResponse):
    __slots__ = ()
    user_attributes = OptionalField[dict[str, str]]("userAttributes")
    final_user_status = OptionalField[str]("finalUserStatus")  # CONFIRMED or RESET_REQUIRED
    message_action = OptionalField[str]("messageAction")  # SUPPRESS or RESEND
    desired_delivery_mediums = OptionalField[list[str]]("desiredDeliveryMediums")  # EMAIL, SMS
    force_alias_creation = OptionalField[bool]("forceAliasCreation")
    enable_sms_mfa = OptionalField[bool]("enableSMSMFA")

    def __init__(
        self,
        *,
        user_attributes: dict[str, str] | None = None,
        final_user_status: str | None = None,
        message_action: str | None = None,
        desired_delivery_mediums: list[str] | None = None,
        force_alias_creation: bool | None = None,
        enable_sms_mfa: bool | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "userAttributes": user_attributes,
                    "finalUserStatus": final_user_status,
                    "messageAction": message_action,
                    "desiredDeliveryMediums": desired_delivery_mediums,
                    "forceAliasCreation": force_alias_creation,
                    "enableSMSMFA": enable_sms_mfa,
                }
            )
        )


class CognitoEventUserPoolsMigrateUser(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsMigrateUserRequest)
    response = Obj("response", CognitoEventUserPoolsMigrateUserResponse)


# ---- custom authentication challenges -----------------------------------------------------------


class CognitoEventUserPoolsChallengeResult(EventObject):
    __slots__ = ()
    challenge_name = Field[str]("challengeName")
    challenge_result = Field[bool]("challengeResult")
    challenge_metadata = OptionalField[str]("challengeMetadata")


class CognitoEventUserPoolsDefineAuthChallengeRequest(EventObject):
    __slots__ = ()
    user_attributes = Field[dict[str, str]]("userAttributes")
    session = OptionalListOf("session", CognitoEventUserPoolsChallengeResult)
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")
    user_not_found = OptionalField[bool]("userNotFound")


class CognitoEventUserPoolsDefineAuthChallengeResponse(EventResponse):
    __slots__ = ()
    challenge_name = OptionalField[str]("challengeName")
    issue_tokens = OptionalField[bool]("issueTokens")
    fail_authentication = OptionalField[bool]("failAuthentication")

    def __init__(
        self,
        *,
        challenge_name: str | None = None,
        issue_tokens: bool = False,
        fail_authentication: bool = False,
    ) -> None:
        super().__init__(
            compact(
                {
                    "challengeName": challenge_name,
                    "issueTokens": issue_tokens,
                    "failAuthentication": fail_authentication,
                }
            )
        )


class CognitoEventUserPoolsDefineAuthChallenge(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsDefineAuthChallengeRequest)
    response = Obj("response", CognitoEventUserPoolsDefineAuthChallengeResponse)


class CognitoEventUserPoolsCreateAuthChallengeRequest(EventObject):
    __slots__ = ()
    user_attributes = Field[dict[str, str]]("userAttributes")
    challenge_name = OptionalField[str]("challengeName")
    session = OptionalListOf("session", CognitoEventUserPoolsChallengeResult)
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")
    user_not_found = OptionalField[bool]("userNotFound")


class CognitoEventUserPoolsCreateAuthChallengeResponse(EventResponse):
    __slots__ = ()
    public_challenge_parameters = OptionalField[dict[str, str]]("publicChallengeParameters")
    private_challenge_parameters = OptionalField[dict[str, str]]("privateChallengeParameters")
    challenge_metadata = OptionalField[str]("challengeMetadata")

    def __init__(
        self,
        *,
        public_challenge_parameters: dict[str, str] | None = None,
        private_challenge_parameters: dict[str, str] | None = None,
        challenge_metadata: str | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "publicChallengeParameters": public_challenge_parameters,
                    "privateChallengeParameters": private_challenge_parameters,
                    "challengeMetadata": challenge_metadata,
                }
            )
        )


class CognitoEventUserPoolsCreateAuthChallenge(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsCreateAuthChallengeRequest)
    response = Obj("response", CognitoEventUserPoolsCreateAuthChallengeResponse)


class CognitoEventUserPoolsVerifyAuthChallengeRequest(EventObject):
    __slots__ = ()
    user_attributes = Field[dict[str, str]]("userAttributes")
    private_challenge_parameters = OptionalField[dict[str, str]]("privateChallengeParameters")
    challenge_answer = OptionalField[Any]("challengeAnswer")
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")
    user_not_found = OptionalField[bool]("userNotFound")


class CognitoEventUserPoolsVerifyAuthChallengeResponse(EventResponse):
    __slots__ = ()
    answer_correct = OptionalField[bool]("answerCorrect")

    def __init__(self, *, answer_correct: bool = False) -> None:
        super().__init__({"answerCorrect": answer_correct})


class CognitoEventUserPoolsVerifyAuthChallenge(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsVerifyAuthChallengeRequest)
    response = Obj("response", CognitoEventUserPoolsVerifyAuthChallengeResponse)


# ---- custom message -------------------------------------------------------------------------


class CognitoEventUserPoolsCustomMessageRequest(EventObject):
    __slots__ = ()
    user_attributes = Field[dict[str, Any]]("userAttributes")  # values are not always strings
    code_parameter = OptionalField[str]("codeParameter")
    link_parameter = OptionalField[str]("linkParameter")
    username_parameter = OptionalField[str]("usernameParameter")
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")


class CognitoEventUserPoolsCustomMessageResponse(EventResponse):
    __slots__ = ()
    sms_message = OptionalField[str]("smsMessage")
    email_message = OptionalField[str]("emailMessage")
    email_subject = OptionalField[str]("emailSubject")

    def __init__(
        self,
        *,
        sms_message: str | None = None,
        email_message: str | None = None,
        email_subject: str | None = None,
    ) -> None:
        super().__init__(
            compact({"smsMessage": sms_message, "emailMessage": email_message, "emailSubject": email_subject})
        )


class CognitoEventUserPoolsCustomMessage(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsCustomMessageRequest)
    response = Obj("response", CognitoEventUserPoolsCustomMessageResponse)


# ---- inbound federation -------------------------------------------------------------------------


class CognitoEventUserPoolsInboundFederationAttributes(EventObject):
    """OIDC/social providers send ``tokenResponse``, ``idToken`` and ``userInfo``; SAML sends
    ``samlResponse``."""

    __slots__ = ()
    token_response = OptionalField[dict[str, str]]("tokenResponse")
    id_token = OptionalField[dict[str, str]]("idToken")
    user_info = OptionalField[dict[str, str]]("userInfo")
    saml_response = OptionalField[dict[str, str]]("samlResponse")


class CognitoEventUserPoolsInboundFederationRequest(EventObject):
    __slots__ = ()
    provider_name = Field[str]("providerName")
    provider_type = Field[str]("providerType")  # OIDC, SAML, Facebook, Google, SignInWithApple, ...
    attributes = Obj("attributes", CognitoEventUserPoolsInboundFederationAttributes)


class CognitoEventUserPoolsInboundFederationResponse(EventResponse):
    __slots__ = ()
    user_attributes_to_map = OptionalField[dict[str, str]]("userAttributesToMap")

    def __init__(self, *, user_attributes_to_map: dict[str, str] | None = None) -> None:
        super().__init__({"userAttributesToMap": user_attributes_to_map or {}})


class CognitoEventUserPoolsInboundFederation(CognitoEventUserPoolsHeader):
    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsInboundFederationRequest)
    response = Obj("response", CognitoEventUserPoolsInboundFederationResponse)


# ---- custom email and SMS senders ------------------------------------------------------------------


class _CustomSenderRequest(EventObject):
    """What both custom sender triggers get. ``code`` (the one-time code or temporary password) arrives
    encrypted with the user pool's KMS key, as a base64 AWS Encryption SDK message; it is null when the
    message has no code (``CustomEmailSender_AccountTakeOverNotification``)."""

    __slots__ = ()
    type = Field[str]("type")
    code = OptionalField[str]("code")
    client_metadata = OptionalField[dict[str, str]]("clientMetadata")
    user_attributes = Field[dict[str, str]]("userAttributes")

    def encrypted_code(self) -> bytes | None:
        """``code`` decoded from base64: the ciphertext for the AWS Encryption SDK (None without a code)."""
        code = self.code
        return None if code is None else decode_base64(code, f"{type(self).__name__}.code")


class CognitoEventUserPoolsCustomEmailSenderRequest(_CustomSenderRequest):
    """``type`` is ``customEmailSenderRequestV1``. For ``CustomEmailSender_AccountTakeOverNotification``
    the user attributes describe the sign-in (``EVENT_ID``, ``IP_ADDRESS``, ``ACCOUNT_TAKE_OVER_ACTION``,
    ...)."""

    __slots__ = ()


class CognitoEventUserPoolsCustomEmailSender(CognitoEventUserPoolsHeader):
    """The custom email sender trigger: the function sends the email itself; Cognito ignores the result.

    ``trigger_source`` is ``CustomEmailSender_`` followed by ``SignUp``, ``ResendCode``,
    ``ForgotPassword``, ``UpdateUserAttribute``, ``VerifyUserAttribute``, ``AdminCreateUser``,
    ``Authentication`` or ``AccountTakeOverNotification``."""

    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsCustomEmailSenderRequest)


class CognitoEventUserPoolsCustomSMSSenderRequest(_CustomSenderRequest):
    """``type`` is ``customSMSSenderRequestV1``."""

    __slots__ = ()


class CognitoEventUserPoolsCustomSMSSender(CognitoEventUserPoolsHeader):
    """The custom SMS sender trigger: the function sends the text message itself; Cognito ignores the result.

    ``trigger_source`` is ``CustomSMSSender_`` followed by ``SignUp``, ``ResendCode``,
    ``ForgotPassword``, ``UpdateUserAttribute``, ``VerifyUserAttribute``, ``AdminCreateUser`` or
    ``Authentication``."""

    __slots__ = ()
    request = Obj("request", CognitoEventUserPoolsCustomSMSSenderRequest)


def _doc_or_none(value: EventObject | None) -> dict[str, Any] | None:
    return None if value is None else value.to_dict()
