"""What the log reads from its surroundings: the environment variables that configure it, and the
invocation in flight.

Rule: a leaf. The runtime sets ``request_scope`` around each invocation; the log only reads it, so the log
never imports the runtime. Any value with the attributes of ``RequestScope`` will do (the runtime's
``Context`` has them).
"""

from __future__ import annotations

# ``contextvars`` only re-exports this extension module; importing it directly saves a module at cold start.
from _contextvars import ContextVar

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

    class RequestScope(Protocol):
        """What a record takes from the invocation in flight."""

        @property
        def aws_request_id(self) -> str: ...
        @property
        def tenant_id(self) -> str | None: ...
        @property
        def trace_id(self) -> str | None: ...


__all__ = ["FORMAT_ENV", "LEVEL_ENV", "TELEMETRY_FD_ENV", "request_scope"]

# The environment ``LogConfig.from_env`` reads.
FORMAT_ENV = "AWS_LAMBDA_LOG_FORMAT"
LEVEL_ENV = "AWS_LAMBDA_LOG_LEVEL"
TELEMETRY_FD_ENV = "_LAMBDA_TELEMETRY_LOG_FD"

# The invocation in flight in this thread or task (a ``RequestScope``); None during init. Typed ``Any`` so
# the runtime can hold it as a variable of its own Context type.
request_scope: ContextVar[Any] = ContextVar("lambda_runtime_context", default=None)
