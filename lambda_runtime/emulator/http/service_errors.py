"""Invoke API service errors, shaped so botocore raises its named exception classes.

Rule (section 4): botocore takes the class from the ``X-Amzn-ErrorType`` header and the message from the
body's ``message``; both are sent, with the body fields real Lambda sends.
"""

from __future__ import annotations

from lambda_runtime.emulator.core.ids import new_request_id
from lambda_runtime.emulator.http.server import HttpResponse

__all__ = ["ServiceError"]


class ServiceError(Exception):
    def __init__(
        self, status: int, error_type: str, message: str, extra: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message
        self.extra = extra or {}

    def response(self) -> HttpResponse:
        doc = {"Type": "User", "message": self.message, **self.extra}
        headers = (("X-Amzn-ErrorType", self.error_type), ("x-amzn-RequestId", new_request_id()))
        return HttpResponse.json(self.status, doc, headers)

    @classmethod
    def not_found(cls, message: str) -> ServiceError:
        return cls(404, "ResourceNotFoundException", message)

    @classmethod
    def too_large(cls, limit: int) -> ServiceError:
        return cls(
            413,
            "RequestTooLargeException",
            f"Request must be smaller than {limit} bytes for the InvokeFunction operation",
        )

    @classmethod
    def too_many_requests(cls, message: str = "Rate Exceeded.") -> ServiceError:
        return cls(
            429,
            "TooManyRequestsException",
            message,
            {"Reason": "ReservedFunctionConcurrentInvocationLimitExceeded"},
        )

    @classmethod
    def bad_content(cls, message: str) -> ServiceError:
        return cls(400, "InvalidRequestContentException", message)

    @classmethod
    def bad_parameter(cls, message: str) -> ServiceError:
        return cls(400, "InvalidParameterValueException", message)
