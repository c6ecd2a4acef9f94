"""The seam between an execution environment and the Extensions / Telemetry machinery.

One ``ExtensionsHost`` lives per execution environment (a re-initialised environment gets a new one).
The environment (core/environment.py) calls it at the lifecycle points of section 2 of the protocols doc:

    host = ExtensionsRuntime(spec)           # before anything starts (extensions/host.py)
    server routes += ExtensionsApi(host).routes()  # http/extensions.py, on the Runtime API port
    await host.start(runtime_api)            # launch --extensions-dir executables, wait until all
                                             #   registered; raise ExtensionInitError on init error / crash
    ... the runtime process starts, initialises and calls /next ...
    await host.wait_init_done()              # every extension called /event/next
    platform_event("platform.initStart" / "platform.initRuntimeDone" / "platform.initReport", record)
    per invoke:
        await host.invoke_started(invocation)  # deliver INVOKE to INVOKE-subscribed extensions
                                               #   (skipped when not host.delivers_invoke_events)
        ... runtime answers; the caller gets the answer ...
        await host.wait_invoke_done()          # every INVOKE-subscribed extension called next again
        host.failure                           # not None: an extension failed; reset the environment
        platform_event("platform.start" / "platform.runtimeDone" / "platform.report", record)
    log_line("function", text)               # every line the runtime writes (stdout and stderr)
                                             # (platform_event / log_line skipped when not wants_telemetry)
    await host.shutdown(reason, deadline_ms) # SHUTDOWN event ("spindown" | "timeout" | "failure");
                                             #   the host kills its extension processes by deadline_ms

``shutdown_budget_ms`` is the runtime's shutdown budget (section 2): SIGTERM and 2000 ms with external
extensions, 500 ms with internal ones only (a runtime that registered one to get SIGTERM), 0 (SIGKILL at
once) with none. ``wait_init_done`` raises ``ExtensionInitError`` when an extension fails during init.

Rule: this module holds the interface only; the environment (core/environment.py) depends on it, and
extensions/host.py implements it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from lambda_runtime.protocol.runtime_api import Invocation

__all__ = [
    "ExtensionInitError",
    "ExtensionsHost",
    "ExtensionsSpec",
]


@dataclass(frozen=True, slots=True)
class ExtensionsSpec:
    """What an extensions host needs to know about its environment."""

    function_name: str
    function_version: str
    handler: str
    memory_mb: int
    account_id: str
    # None: no --extensions-dir given.
    extensions_dir: Path | None
    # Environment for extension processes: the runtime's minus the variables hidden from extensions.
    extension_env: Mapping[str, str] = field(default_factory=dict)
    # Where the host's lines go (its own diagnostics, extension output): the environment's log, which
    # also feeds the invoke's log tail. None: stderr.
    log: Callable[[str], None] | None = None
    # Put in front of each of those lines.
    log_prefix: str = ""


class ExtensionInitError(Exception):
    """An extension failed to initialise: it posted /extension/init/error, crashed or never registered."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


class ExtensionsHost(Protocol):
    """See the module docstring for when each method is called."""

    @property
    def has_external_extensions(self) -> bool: ...

    @property
    def shutdown_budget_ms(self) -> int: ...

    @property
    def failure(self) -> ExtensionInitError | None: ...

    @property
    def has_extensions(self) -> bool:
        """False: there is no extension, so ``wait_invoke_done`` has nothing to wait for or note."""
        ...

    @property
    def delivers_invoke_events(self) -> bool:
        """False: no extension waits for INVOKE, so ``invoke_started`` may be skipped."""
        ...

    @property
    def wants_telemetry(self) -> bool:
        """False: no record can reach a subscriber, so ``platform_event`` / ``log_line`` may be skipped."""
        ...

    async def start(self, runtime_api: str) -> None: ...

    async def wait_init_done(self) -> None: ...

    async def invoke_started(self, invocation: Invocation) -> None: ...

    async def wait_invoke_done(self) -> None: ...

    async def shutdown(self, reason: str, deadline_ms: int) -> None: ...

    def platform_event(self, event_type: str, record: Mapping[str, object]) -> None: ...

    def log_line(self, source: str, text: str) -> None: ...
