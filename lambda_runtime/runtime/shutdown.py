"""Shutdown hooks: code users want run when Lambda shuts the environment down.

Rules:
- Lambda sends SIGTERM to the runtime only when an extension is registered, so when hooks exist at init the
  runtime registers an internal extension (no events) and parks one thread on its /event/next.
- Hooks run in a worker thread within a fixed budget; then the process exits 0 whatever they did.
- Cold start: ``threading`` is imported only when a thread is started (hooks exist, or SIGTERM came), and
  the handler is installed through ``_signal``, the builtin that ``signal`` wraps: ``signal`` builds three
  enums at import (~0.6 ms) that installing one handler does not need.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Awaitable, Callable, Sequence
from types import FrameType

from lambda_runtime import log
from lambda_runtime.protocol.runtime_api import Endpoint, Request
from lambda_runtime.runtime.awaitables import as_coroutine, is_awaitable
from lambda_runtime.runtime.transport import Connection, TransportError

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from signal import SIGTERM
    from signal import signal as set_signal_handler
else:
    from _signal import SIGTERM
    from _signal import signal as set_signal_handler

__all__ = ["ShutdownHook", "install", "on_shutdown"]

ShutdownHook = Callable[[], "Awaitable[None] | None"]

# Lambda allows an internal extension 500 ms after SIGTERM; keep a margin for exiting.
SHUTDOWN_BUDGET_SECONDS = 0.4
EXTENSION_NAME = "lambda-runtime-shutdown"
_EXTENSIONS_API = "/2020-01-01/extension"

_hooks: list[ShutdownHook] = []


def on_shutdown(hook: ShutdownHook) -> ShutdownHook:
    """Register ``hook`` (sync or async, no arguments) to run at shutdown. Usable as a decorator."""
    _hooks.append(hook)
    return hook


def _run_hooks(hooks: Sequence[ShutdownHook]) -> None:
    for hook in hooks:
        try:
            result = hook()
            if is_awaitable(result):
                import asyncio

                asyncio.run(as_coroutine(result))
        except Exception as exc:
            log.Log.exception(f"shutdown hook {hook!r} failed", exc=exc)


def _register_internal_extension(endpoint: Endpoint) -> None:
    """Register a no-event internal extension and keep it waiting on /event/next, so SIGTERM is sent."""
    connection = Connection(endpoint)
    register = Request(
        "POST",
        f"{endpoint.prefix}{_EXTENSIONS_API}/register",
        (("Lambda-Extension-Name", EXTENSION_NAME), ("Content-Type", "application/json")),
        b'{"events":[]}',
    )
    try:
        answer = connection.request(register)
    except TransportError as exc:
        log.Log.warn(f"could not register the shutdown extension, SIGTERM will not be sent: {exc}")
        return
    identifier = answer.headers.get("lambda-extension-identifier")
    if answer.status != 200 or not identifier:
        log.Log.warn(f"the shutdown extension was not registered ({answer.status}), SIGTERM will not be sent")
        return
    next_event = Request(
        "GET",
        f"{endpoint.prefix}{_EXTENSIONS_API}/event/next",
        (("Lambda-Extension-Identifier", identifier),),
        b"",
    )

    def park() -> None:
        # With no events subscribed, /event/next only returns when the environment goes away.
        with contextlib.suppress(TransportError):
            connection.request(next_event)

    import threading

    threading.Thread(target=park, name="lambda-runtime-shutdown-extension", daemon=True).start()


def install(endpoint: Endpoint, handler_hooks: Sequence[ShutdownHook]) -> None:
    """Arrange for SIGTERM to run the handler's and the registered hooks, then exit 0."""

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        import threading  # the process is idle on /next when Lambda sends SIGTERM

        hooks = [*handler_hooks, *_hooks]
        worker = threading.Thread(
            target=_run_hooks, args=(hooks,), name="lambda-runtime-shutdown", daemon=True
        )
        worker.start()
        worker.join(SHUTDOWN_BUDGET_SECONDS)
        sys.stdout.flush()
        sys.stderr.flush()
        raise SystemExit(0)

    set_signal_handler(SIGTERM, on_sigterm)
    if handler_hooks or _hooks:
        _register_internal_extension(endpoint)
