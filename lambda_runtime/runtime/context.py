"""The per-invocation Context, with the attribute names of AWS's Python runtime.

Rule: a Context is immutable and takes its clock, so remaining time is testable without sleeping.
The Context of the invocation in flight is held in a context variable, so logging finds the request id
under threads and async handlers alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import orjson

from lambda_runtime.runtime.config import FunctionInfo
from lambda_runtime.runtime.protocol import Invocation

__all__ = [
    "Client",
    "ClientContext",
    "CognitoIdentity",
    "Context",
    "current_context",
    "invocation_scope",
]


def _epoch_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True, slots=True)
class CognitoIdentity:
    cognito_identity_id: str | None = None
    cognito_identity_pool_id: str | None = None


@dataclass(frozen=True, slots=True)
class Client:
    installation_id: str | None = None
    app_title: str | None = None
    app_version_name: str | None = None
    app_version_code: str | None = None
    app_package_name: str | None = None


@dataclass(frozen=True, slots=True)
class ClientContext:
    client: Client | None = None
    custom: dict[str, Any] | None = None
    env: dict[str, Any] | None = None


def _json_object(text: str | None) -> dict[str, Any] | None:
    """A header holding a JSON object; anything else (absent, malformed) reads as None."""
    if not text:
        return None
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _optional_str(doc: dict[str, Any], key: str) -> str | None:
    value = doc.get(key)
    return None if value is None else str(value)


def _parse_identity(text: str | None) -> CognitoIdentity:
    doc = _json_object(text) or {}
    return CognitoIdentity(
        _optional_str(doc, "cognitoIdentityId"), _optional_str(doc, "cognitoIdentityPoolId")
    )


def _parse_client_context(text: str | None) -> ClientContext | None:
    doc = _json_object(text)
    if doc is None:
        return None
    client_doc = doc.get("client")
    client = None
    if isinstance(client_doc, dict):
        client = Client(
            *(
                _optional_str(client_doc, key)
                for key in (
                    "installation_id",
                    "app_title",
                    "app_version_name",
                    "app_version_code",
                    "app_package_name",
                )
            )
        )
    custom, env = doc.get("custom"), doc.get("env")
    return ClientContext(
        client=client,
        custom=custom if isinstance(custom, dict) else None,
        env=env if isinstance(env, dict) else None,
    )


@dataclass(frozen=True, slots=True)
class Context:
    """What a handler learns about its invocation. Mirrors ``awslambdaric``'s LambdaContext."""

    aws_request_id: str
    invoked_function_arn: str
    function_name: str
    function_version: str
    memory_limit_in_mb: int
    log_group_name: str
    log_stream_name: str
    identity: CognitoIdentity = field(default_factory=CognitoIdentity)
    client_context: ClientContext | None = None
    tenant_id: str | None = None
    # Epoch milliseconds by which the invocation must finish; None when the server sent no deadline.
    deadline_ms: int | None = None
    # The X-Ray trace header of this invocation (``Root=1-…;Parent=…;Sampled=…``).
    trace_id: str | None = None
    clock: Callable[[], int] = field(default=_epoch_ms, repr=False, compare=False)

    @classmethod
    def from_invocation(
        cls, invocation: Invocation, function: FunctionInfo, clock: Callable[[], int] = _epoch_ms
    ) -> Context:
        return cls(
            aws_request_id=invocation.request_id,
            invoked_function_arn=invocation.invoked_function_arn or "",
            function_name=function.function_name,
            function_version=function.function_version,
            memory_limit_in_mb=function.memory_limit_in_mb,
            log_group_name=function.log_group_name,
            log_stream_name=function.log_stream_name,
            identity=_parse_identity(invocation.cognito_identity),
            client_context=_parse_client_context(invocation.client_context),
            tenant_id=invocation.tenant_id,
            deadline_ms=invocation.deadline_ms,
            trace_id=invocation.trace_id,
            clock=clock,
        )

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the deadline, never negative."""
        if self.deadline_ms is None:
            return 0
        return max(0, self.deadline_ms - self.clock())

    @property
    def xray_trace_id(self) -> str | None:
        return self.trace_id


_current: ContextVar[Context | None] = ContextVar("lambda_runtime_context", default=None)


def current_context() -> Context | None:
    """The Context of the invocation in flight in this thread or task; None during init."""
    return _current.get()


@contextmanager
def invocation_scope(context: Context) -> Iterator[None]:
    """Make ``context`` the current one for the duration of a block."""
    token = _current.set(context)
    try:
        yield
    finally:
        _current.reset(token)
