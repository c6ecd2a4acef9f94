"""The per-invocation Context, with the attribute names of AWS's Python runtime.

Rule: a Context is immutable and takes its clock, so remaining time is testable without sleeping.
The Context of the invocation in flight is held in a context variable, so logging finds the request id
under threads and async handlers alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import orjson

from lambda_runtime._record import Record, set_field
from lambda_runtime.log._environment import request_scope
from lambda_runtime.protocol.runtime_api import Invocation
from lambda_runtime.runtime.config import FunctionInfo

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from contextvars import ContextVar
    from typing import Any

__all__ = [
    "NO_IDENTITY",
    "Client",
    "ClientContext",
    "CognitoIdentity",
    "Context",
    "current_context",
    "epoch_ms",
    "invocation_scope",
    "parse_client_context",
    "parse_identity",
    "reset_current_context",
    "set_current_context",
]


def _slot_setter(cls: type, name: str) -> Callable[[object, object], None]:
    """The ``__set__`` of the slot ``name`` of ``cls`` (for a constructor on the hot path)."""
    setter: Callable[[object, object], None] = cls.__dict__[name].__set__
    return setter


def epoch_ms() -> int:
    """The wall clock in epoch milliseconds: a Context's clock unless one is given."""
    return int(time.time() * 1000)


class CognitoIdentity(Record):
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")
    cognito_identity_id: str | None
    cognito_identity_pool_id: str | None

    def __init__(
        self, cognito_identity_id: str | None = None, cognito_identity_pool_id: str | None = None
    ) -> None:
        set_field(self, "cognito_identity_id", cognito_identity_id)
        set_field(self, "cognito_identity_pool_id", cognito_identity_pool_id)


# The identity of an invocation that carries none (immutable, so one instance serves every Context).
NO_IDENTITY = CognitoIdentity()


class Client(Record):
    __slots__ = (
        "app_package_name",
        "app_title",
        "app_version_code",
        "app_version_name",
        "installation_id",
    )
    installation_id: str | None
    app_title: str | None
    app_version_name: str | None
    app_version_code: str | None
    app_package_name: str | None

    def __init__(
        self,
        installation_id: str | None = None,
        app_title: str | None = None,
        app_version_name: str | None = None,
        app_version_code: str | None = None,
        app_package_name: str | None = None,
    ) -> None:
        set_field(self, "installation_id", installation_id)
        set_field(self, "app_title", app_title)
        set_field(self, "app_version_name", app_version_name)
        set_field(self, "app_version_code", app_version_code)
        set_field(self, "app_package_name", app_package_name)


class ClientContext(Record):
    __slots__ = ("client", "custom", "env")
    client: Client | None
    custom: dict[str, Any] | None
    env: dict[str, Any] | None

    def __init__(
        self,
        client: Client | None = None,
        custom: dict[str, Any] | None = None,
        env: dict[str, Any] | None = None,
    ) -> None:
        set_field(self, "client", client)
        set_field(self, "custom", custom)
        set_field(self, "env", env)


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


def parse_identity(text: str | None) -> CognitoIdentity:
    if not text:
        return NO_IDENTITY
    doc = _json_object(text) or {}
    return CognitoIdentity(
        _optional_str(doc, "cognitoIdentityId"), _optional_str(doc, "cognitoIdentityPoolId")
    )


def parse_client_context(text: str | None) -> ClientContext | None:
    if not text:
        return None
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


class Context(Record):
    """What a handler learns about its invocation. Mirrors ``awslambdaric``'s LambdaContext."""

    __slots__ = (
        "aws_request_id",
        "client_context",
        "clock",
        "deadline_ms",
        "function_name",
        "function_version",
        "identity",
        "invoked_function_arn",
        "log_group_name",
        "log_stream_name",
        "memory_limit_in_mb",
        "tenant_id",
        "trace_id",
    )
    # The clock is not part of a Context's value: left out of equality, hashing and repr.
    _hidden_fields = frozenset({"clock"})

    aws_request_id: str
    invoked_function_arn: str
    function_name: str
    function_version: str
    memory_limit_in_mb: int
    log_group_name: str
    log_stream_name: str
    identity: CognitoIdentity
    client_context: ClientContext | None
    tenant_id: str | None
    # Epoch milliseconds by which the invocation must finish; None when the server sent no deadline.
    deadline_ms: int | None
    # The X-Ray trace header of this invocation (``Root=1-…;Parent=…;Sampled=…``).
    trace_id: str | None
    clock: Callable[[], int]

    def __init__(
        self,
        aws_request_id: str,
        invoked_function_arn: str,
        function_name: str,
        function_version: str,
        memory_limit_in_mb: int,
        log_group_name: str,
        log_stream_name: str,
        identity: CognitoIdentity = NO_IDENTITY,
        client_context: ClientContext | None = None,
        tenant_id: str | None = None,
        deadline_ms: int | None = None,
        trace_id: str | None = None,
        clock: Callable[[], int] = epoch_ms,
    ) -> None:
        _set_aws_request_id(self, aws_request_id)
        _set_invoked_function_arn(self, invoked_function_arn)
        _set_function_name(self, function_name)
        _set_function_version(self, function_version)
        _set_memory_limit_in_mb(self, memory_limit_in_mb)
        _set_log_group_name(self, log_group_name)
        _set_log_stream_name(self, log_stream_name)
        _set_identity(self, identity)
        _set_client_context(self, client_context)
        _set_tenant_id(self, tenant_id)
        _set_deadline_ms(self, deadline_ms)
        _set_trace_id(self, trace_id)
        _set_clock(self, clock)

    @classmethod
    def from_invocation(
        cls, invocation: Invocation, function: FunctionInfo, clock: Callable[[], int] = epoch_ms
    ) -> Context:
        identity, client_context = invocation.cognito_identity, invocation.client_context
        return cls(
            invocation.request_id,
            invocation.invoked_function_arn or "",
            function.function_name,
            function.function_version,
            function.memory_limit_in_mb,
            function.log_group_name,
            function.log_stream_name,
            parse_identity(identity) if identity else NO_IDENTITY,
            parse_client_context(client_context) if client_context else None,
            invocation.tenant_id,
            invocation.deadline_ms,
            invocation.trace_id,
            clock,
        )

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the deadline, never negative."""
        if self.deadline_ms is None:
            return 0
        return max(0, self.deadline_ms - self.clock())

    @property
    def xray_trace_id(self) -> str | None:
        return self.trace_id


# A Context is built per invocation: its fields are set through their slot descriptors, which skips
# the attribute lookup and checks of ``set_field`` (about a third of the constructor's cost).
_set_aws_request_id = _slot_setter(Context, "aws_request_id")
_set_invoked_function_arn = _slot_setter(Context, "invoked_function_arn")
_set_function_name = _slot_setter(Context, "function_name")
_set_function_version = _slot_setter(Context, "function_version")
_set_memory_limit_in_mb = _slot_setter(Context, "memory_limit_in_mb")
_set_log_group_name = _slot_setter(Context, "log_group_name")
_set_log_stream_name = _slot_setter(Context, "log_stream_name")
_set_identity = _slot_setter(Context, "identity")
_set_client_context = _slot_setter(Context, "client_context")
_set_tenant_id = _slot_setter(Context, "tenant_id")
_set_deadline_ms = _slot_setter(Context, "deadline_ms")
_set_trace_id = _slot_setter(Context, "trace_id")
_set_clock = _slot_setter(Context, "clock")

# The log reads it (``lambda_runtime.log``, which never imports the runtime); the runtime sets it.
_current: ContextVar[Context | None] = request_scope


# The loop sets and resets this directly (``invocation_scope`` is the same, as a context manager).
set_current_context = _current.set
reset_current_context = _current.reset


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
