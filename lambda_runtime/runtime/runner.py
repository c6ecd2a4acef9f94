"""LambdaRuntime: start-up, init errors, and handing over to the invocation loop."""

from __future__ import annotations

import io
import sys

from lambda_runtime import log
from lambda_runtime.protocol.errors import ErrorReport
from lambda_runtime.protocol.runtime_api import InitError, ProtocolError
from lambda_runtime.runtime import shutdown
from lambda_runtime.runtime.config import ConfigError, RuntimeConfig
from lambda_runtime.runtime.loop import FatalRuntimeError, InvocationLoop
from lambda_runtime.runtime.transport import Connection, TransportError

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

__all__ = ["LambdaRuntime"]


def _unbuffer_stdio() -> None:
    """Make print() reach the log at once, whatever the interpreter flags."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(getattr(stream, "buffer", None), io.FileIO) and getattr(stream, "write_through", False):
            continue  # already unbuffered (python -u)
        try:
            fileno = stream.fileno()
        except (AttributeError, OSError, ValueError):
            continue
        raw = io.FileIO(fileno, "wb", closefd=False)
        setattr(
            sys, name, io.TextIOWrapper(raw, encoding="utf-8", errors="backslashreplace", write_through=True)
        )


class LambdaRuntime:
    """The runtime. ``LambdaRuntime.run()`` serves the handler named by ``_HANDLER``;
    ``LambdaRuntime.run(handler)`` serves a handler object from a user-owned main."""

    @staticmethod
    def run(handler: Any = None, *, config: RuntimeConfig | None = None) -> NoReturn:
        sys.exit(LambdaRuntime.serve(handler, config=config))

    @staticmethod
    def serve(handler: Any = None, *, config: RuntimeConfig | None = None) -> int:
        """Run until the Runtime API goes away; returns the process exit status."""
        _unbuffer_stdio()
        log.configure()
        try:
            config = config or RuntimeConfig.from_env()
        except (ConfigError, ProtocolError) as exc:
            sys.stderr.write(f"lambda_runtime: {exc}\n")
            return 2
        connection = Connection(config.endpoint)
        try:
            if handler is None:
                from lambda_runtime.runtime.handlers.loading import load_handler

                target = load_handler(config.handler, config.task_root)
            else:
                from lambda_runtime.runtime.handlers.adapters import adapt

                target = adapt(handler)
        except Exception as exc:
            error = ErrorReport.from_exception(exc)
            log.log_fault(error, exc, fatal=True)
            try:
                connection.request(InitError(error).render(config.endpoint))
            except TransportError as send_failure:
                log.Log.fatal(f"could not report the init error: {send_failure}")
            return 1
        shutdown.install(config.endpoint, target.shutdown_hooks)
        try:
            InvocationLoop(config, connection, target).run_forever()
        except FatalRuntimeError as exc:
            log.Log.fatal(f"exiting: {exc}")
            return 1
