"""AWS CloudFormation custom resources: the request a provider function gets and the response it must
PUT to the request's pre-signed ``ResponseURL`` (CloudFormation ignores the function's return value).

    response = CloudFormationCustomResourceResponse.for_request(event, physical_resource_id="my-id")
    response.send(event.response_url)
"""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import EventObject, EventResponse, Field, OptionalField, compact

__all__ = ["CloudFormationCustomResourceRequest", "CloudFormationCustomResourceResponse"]

# CloudFormation rejects response bodies above this size.
MAX_RESPONSE_BYTES = 4096


class CloudFormationCustomResourceRequest(EventObject):
    __slots__ = ()
    CREATE = "Create"
    UPDATE = "Update"
    DELETE = "Delete"
    request_type = Field[str]("RequestType")  # Create, Update, Delete
    request_id = Field[str]("RequestId")
    response_url = Field[str]("ResponseURL")
    resource_type = Field[str]("ResourceType")
    logical_resource_id = Field[str]("LogicalResourceId")
    stack_id = Field[str]("StackId")
    service_token = OptionalField[str]("ServiceToken")
    service_timeout = OptionalField[str]("ServiceTimeout")
    physical_resource_id = OptionalField[str]("PhysicalResourceId")  # Update and Delete only
    resource_properties = OptionalField[dict[str, Any]]("ResourceProperties")
    old_resource_properties = OptionalField[dict[str, Any]]("OldResourceProperties")  # Update only


class CloudFormationCustomResourceResponse(EventResponse):
    __slots__ = ()
    SUCCESS = "SUCCESS"
    FAILED = "FAILED"
    status = Field[str]("Status")
    reason = OptionalField[str]("Reason")  # required by CloudFormation when Status is FAILED
    physical_resource_id = Field[str]("PhysicalResourceId")
    stack_id = Field[str]("StackId")
    request_id = Field[str]("RequestId")
    logical_resource_id = Field[str]("LogicalResourceId")
    no_echo = OptionalField[bool]("NoEcho")
    data = OptionalField[dict[str, Any]]("Data")

    def __init__(
        self,
        *,
        status: str,
        physical_resource_id: str,
        stack_id: str,
        request_id: str,
        logical_resource_id: str,
        reason: str | None = None,
        no_echo: bool | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        if status not in (self.SUCCESS, self.FAILED):
            raise ValueError(f"Status must be SUCCESS or FAILED, not {status!r}")
        super().__init__(
            compact(
                {
                    "Status": status,
                    "Reason": reason,
                    "PhysicalResourceId": physical_resource_id,
                    "StackId": stack_id,
                    "RequestId": request_id,
                    "LogicalResourceId": logical_resource_id,
                    "NoEcho": no_echo,
                    "Data": data,
                }
            )
        )

    @classmethod
    def for_request(
        cls,
        request: CloudFormationCustomResourceRequest,
        *,
        status: str = "SUCCESS",
        physical_resource_id: str | None = None,
        reason: str | None = None,
        no_echo: bool | None = None,
        data: dict[str, Any] | None = None,
    ) -> CloudFormationCustomResourceResponse:
        """A response echoing the request's ids. The physical id defaults to the request's (Update,
        Delete), then to the logical id: changing it on Update makes CloudFormation delete the old one."""
        if physical_resource_id is None:
            physical_resource_id = request.physical_resource_id or request.logical_resource_id
        if status == cls.FAILED and not reason:
            reason = "See the details in CloudWatch Log Stream"
        return cls(
            status=status,
            physical_resource_id=physical_resource_id,
            stack_id=request.stack_id,
            request_id=request.request_id,
            logical_resource_id=request.logical_resource_id,
            reason=reason,
            no_echo=no_echo,
            data=data,
        )

    def body(self) -> bytes:
        """The JSON body to PUT; raises ``ValueError`` above CloudFormation's 4096-byte limit."""
        body = self.to_json()
        if len(body) > MAX_RESPONSE_BYTES:
            raise ValueError(
                f"custom resource response is {len(body)} bytes; CloudFormation accepts at most "
                f"{MAX_RESPONSE_BYTES} (shrink Data)"
            )
        return body

    def send(self, response_url: str, *, timeout: float = 10.0) -> int:
        """PUT the response to the pre-signed URL (no Content-Type, which the signature excludes) and
        return the HTTP status; a non-2xx answer raises ``urllib.error.HTTPError``."""
        import urllib.request

        body = self.body()
        request = urllib.request.Request(response_url, data=body, method="PUT")
        request.add_header("Content-Type", "")
        request.add_header("Content-Length", str(len(body)))
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            status: int = reply.status
            return status
