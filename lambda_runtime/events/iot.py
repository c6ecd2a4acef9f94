"""AWS IoT: the IoT button and IoT 1-Click events, IoT Core custom authorizers (request/response) and
fleet-provisioning pre-provisioning hooks (request/response)."""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    Obj,
    OptionalField,
    OptionalObj,
    compact,
)
from lambda_runtime.events._decode import decode_base64
from lambda_runtime.events._http import header_value

__all__ = [
    "IoTButtonEvent",
    "IoTCoreConnectionMetadata",
    "IoTCoreCustomAuthorizerRequest",
    "IoTCoreCustomAuthorizerResponse",
    "IoTCoreHTTPContext",
    "IoTCoreMQTTContext",
    "IoTCoreProtocolData",
    "IoTCoreTLSContext",
    "IoTOneClickButtonClicked",
    "IoTOneClickDeviceEvent",
    "IoTOneClickDeviceInfo",
    "IoTOneClickEvent",
    "IoTOneClickPlacementInfo",
    "IoTPreProvisionHookRequest",
    "IoTPreProvisionHookResponse",
]


class IoTButtonEvent(EventObject):
    __slots__ = ()
    serial_number = Field[str]("serialNumber")
    click_type = Field[str]("clickType")  # SINGLE, DOUBLE, LONG
    battery_voltage = OptionalField[str]("batteryVoltage")


# ---- IoT 1-Click ----


class IoTOneClickButtonClicked(EventObject):
    __slots__ = ()
    click_type = Field[str]("clickType")
    reported_time = Field[str]("reportedTime")


class IoTOneClickDeviceEvent(EventObject):
    __slots__ = ()
    button_clicked = Obj("buttonClicked", IoTOneClickButtonClicked)


class IoTOneClickDeviceInfo(EventObject):
    __slots__ = ()
    attributes = OptionalField[dict[str, str]]("attributes")
    type = Field[str]("type")
    device_id = Field[str]("deviceId")
    remaining_life = OptionalField[float]("remainingLife")


class IoTOneClickPlacementInfo(EventObject):
    __slots__ = ()
    project_name = Field[str]("projectName")
    placement_name = Field[str]("placementName")
    attributes = OptionalField[dict[str, str]]("attributes")
    devices = OptionalField[dict[str, str]]("devices")


class IoTOneClickEvent(EventObject):
    __slots__ = ()
    device_event = Obj("deviceEvent", IoTOneClickDeviceEvent)
    device_info = Obj("deviceInfo", IoTOneClickDeviceInfo)
    placement_info = Obj("placementInfo", IoTOneClickPlacementInfo)


# ---- IoT Core custom authorizer ----


class IoTCoreTLSContext(EventObject):
    __slots__ = ()
    server_name = OptionalField[str]("serverName")


class IoTCoreHTTPContext(EventObject):
    __slots__ = ()
    headers = OptionalField[dict[str, str]]("headers")
    query_string = OptionalField[str]("queryString")

    def header(self, name: str) -> str | None:
        """A header by name, compared case-insensitively."""
        headers = self.headers
        return header_value(headers, name) if headers else None


class IoTCoreMQTTContext(EventObject):
    __slots__ = ()
    client_id = OptionalField[str]("clientId")
    password = OptionalField[str]("password")  # base64
    username = OptionalField[str]("username")

    def decoded_password(self) -> bytes | None:
        password = self.password
        return None if password is None else decode_base64(password, "IoTCoreMQTTContext.password")


class IoTCoreProtocolData(EventObject):
    __slots__ = ()
    tls = OptionalObj("tls", IoTCoreTLSContext)
    http = OptionalObj("http", IoTCoreHTTPContext)
    mqtt = OptionalObj("mqtt", IoTCoreMQTTContext)


class IoTCoreConnectionMetadata(EventObject):
    __slots__ = ()
    id = Field[str]("id")


class IoTCoreCustomAuthorizerRequest(EventObject):
    __slots__ = ()
    token = OptionalField[str]("token")
    signature_verified = OptionalField[bool]("signatureVerified")
    protocols = Field[list[str]]("protocols")  # tls, http, mqtt
    protocol_data = OptionalObj("protocolData", IoTCoreProtocolData)
    connection_metadata = OptionalObj("connectionMetadata", IoTCoreConnectionMetadata)


class IoTCoreCustomAuthorizerResponse(EventResponse):
    """``policy_documents`` are IAM policy documents (dicts with Version and Statement)."""

    __slots__ = ()
    is_authenticated = Field[bool]("isAuthenticated")
    principal_id = Field[str]("principalId")
    disconnect_after_in_seconds = Field[int]("disconnectAfterInSeconds")
    refresh_after_in_seconds = Field[int]("refreshAfterInSeconds")
    policy_documents = Field[list[dict[str, Any]]]("policyDocuments")

    def __init__(
        self,
        *,
        is_authenticated: bool,
        principal_id: str,
        policy_documents: list[dict[str, Any]] | None = None,
        disconnect_after_in_seconds: int = 86400,
        refresh_after_in_seconds: int = 300,
    ) -> None:
        super().__init__(
            {
                "isAuthenticated": is_authenticated,
                "principalId": principal_id,
                "disconnectAfterInSeconds": disconnect_after_in_seconds,
                "refreshAfterInSeconds": refresh_after_in_seconds,
                "policyDocuments": policy_documents if policy_documents is not None else [],
            }
        )


# ---- fleet provisioning pre-provisioning hook ----


class IoTPreProvisionHookRequest(EventObject):
    __slots__ = ()
    claim_certificate_id = Field[str]("claimCertificateId")
    certificate_id = Field[str]("certificateId")
    certificate_pem = Field[str]("certificatePem")
    template_arn = Field[str]("templateArn")
    client_id = Field[str]("clientId")
    parameters = OptionalField[dict[str, str]]("parameters")


class IoTPreProvisionHookResponse(EventResponse):
    __slots__ = ()
    allow_provisioning = Field[bool]("allowProvisioning")
    parameter_overrides = OptionalField[dict[str, str]]("parameterOverrides")

    def __init__(
        self, *, allow_provisioning: bool, parameter_overrides: dict[str, str] | None = None
    ) -> None:
        super().__init__(
            compact({"allowProvisioning": allow_provisioning, "parameterOverrides": parameter_overrides})
        )
