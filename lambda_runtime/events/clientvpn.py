"""AWS Client VPN connection handler: the request and the allow/deny response."""

from __future__ import annotations

from lambda_runtime.events._base import EventObject, EventResponse, Field, OptionalField

__all__ = ["ClientVPNConnectionHandlerRequest", "ClientVPNConnectionHandlerResponse"]


class ClientVPNConnectionHandlerRequest(EventObject):
    __slots__ = ()
    connection_id = Field[str]("connection-id")
    endpoint_id = Field[str]("endpoint-id")
    common_name = OptionalField[str]("common-name")
    username = OptionalField[str]("username")
    platform = OptionalField[str]("platform")
    platform_version = OptionalField[str]("platform-version")
    public_ip = OptionalField[str]("public-ip")
    client_openvpn_version = OptionalField[str]("client-openvpn-version")
    schema_version = Field[str]("schema-version")


class ClientVPNConnectionHandlerResponse(EventResponse):
    __slots__ = ()
    allow = Field[bool]("allow")
    error_msg_on_failed_posture_compliance = Field[str]("error-msg-on-failed-posture-compliance")
    posture_compliance_statuses = Field[list[str]]("posture-compliance-statuses")
    schema_version = Field[str]("schema-version")

    def __init__(
        self,
        *,
        allow: bool,
        error_msg_on_failed_posture_compliance: str = "",
        posture_compliance_statuses: list[str] | None = None,
        schema_version: str = "v1",
    ) -> None:
        super().__init__(
            {
                "allow": allow,
                "error-msg-on-failed-posture-compliance": error_msg_on_failed_posture_compliance,
                "posture-compliance-statuses": posture_compliance_statuses or [],
                "schema-version": schema_version,
            }
        )
