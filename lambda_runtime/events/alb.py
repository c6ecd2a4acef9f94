"""Application Load Balancer targets: the request and the response.

Rule: with multi-value headers enabled on the target group, ALB sends and expects ``multiValueHeaders`` /
``multiValueQueryStringParameters`` instead of the single-value maps; a response uses the form the
request used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from lambda_runtime.events._base import EventObject, EventResponse, Field, Obj, OptionalField, compact
from lambda_runtime.events._http import HeadersField, HTTPRequest, encode_body, encode_json

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "ALBTargetGroupRequest",
    "ALBTargetGroupRequestContext",
    "ALBTargetGroupResponse",
    "ELBContext",
]


class ELBContext(EventObject):
    __slots__ = ()
    target_group_arn = Field[str]("targetGroupArn")


class ALBTargetGroupRequestContext(EventObject):
    __slots__ = ()
    elb = Obj("elb", ELBContext)


class ALBTargetGroupRequest(HTTPRequest):
    """A request forwarded by an ALB; query values arrive URL-encoded as the client sent them."""

    __slots__ = ()
    http_method = Field[str]("httpMethod")
    path = Field[str]("path")
    query_string_parameters = OptionalField[dict[str, str]]("queryStringParameters")
    multi_value_query_string_parameters = OptionalField[dict[str, list[str]]](
        "multiValueQueryStringParameters"
    )
    headers = HeadersField[str]("headers")
    multi_value_headers = HeadersField[list[str]]("multiValueHeaders")
    request_context = Obj("requestContext", ALBTargetGroupRequestContext)
    is_base64_encoded = Field[bool]("isBase64Encoded")

    @property
    def uses_multi_value_headers(self) -> bool:
        """Whether the target group has multi-value headers on (answer with ``multi_value_headers``)."""
        return "multiValueHeaders" in self._doc


_REASONS = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found",
            304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}  # fmt: skip


class ALBTargetGroupResponse(EventResponse):
    """What a Lambda target returns to an ALB. ``status_description`` defaults to e.g. "200 OK"."""

    __slots__ = ()
    status_code = Field[int]("statusCode")
    status_description = OptionalField[str]("statusDescription")
    headers = OptionalField[dict[str, str]]("headers")
    multi_value_headers = OptionalField[dict[str, list[str]]]("multiValueHeaders")
    body = OptionalField[str]("body")
    is_base64_encoded = Field[bool]("isBase64Encoded")

    def __init__(
        self,
        status_code: int = 200,
        body: str | bytes | None = None,
        *,
        status_description: str | None = None,
        headers: Mapping[str, str] | None = None,
        multi_value_headers: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        text, encoded = encode_body(body)
        if status_description is None:
            reason = _REASONS.get(status_code)
            status_description = f"{status_code} {reason}" if reason else str(status_code)
        doc: dict[str, Any] = compact(
            {
                "statusCode": status_code,
                "statusDescription": status_description,
                "headers": dict(headers) if headers is not None else None,
                "multiValueHeaders": (
                    {k: list(v) for k, v in multi_value_headers.items()}
                    if multi_value_headers is not None
                    else None
                ),
                "body": text if text is not None else "",
            }
        )
        doc["isBase64Encoded"] = bool(encoded)
        super().__init__(doc)

    @classmethod
    def json(cls, value: Any, status_code: int = 200, *, headers: Mapping[str, str] | None = None) -> Self:
        """A JSON response with ``Content-Type: application/json``; ``value`` may hold what a handler
        may return (``Decimal``, sets, dataclasses, event objects)."""
        return cls(
            status_code, encode_json(value), headers={"Content-Type": "application/json", **(headers or {})}
        )
