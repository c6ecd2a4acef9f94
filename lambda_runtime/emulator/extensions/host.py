"""The extensions host of one execution environment: extension processes, the operations behind the
Extensions and Telemetry / Logs APIs (served over HTTP by http/extensions.py), and the lifecycle waits of
section 2 of the protocols doc.

Rules this module keeps:
- Every executable file of the extensions directory is launched (sorted by name) before the runtime,
  with the runtime's environment minus the variables hidden from extensions (config.extension_environment).
- ``start`` returns when every launched extension registered; ``wait_init_done`` when every registered
  extension called /event/next; ``wait_invoke_done`` when every INVOKE-subscribed extension called
  /event/next after receiving the INVOKE. An init error, or an extension that exits during init, is one
  ``ExtensionInitError``; an exit error or a crash later is ``ExtensionFailed`` from ``wait_invoke_done``.
- Shutdown: telemetry is flushed, SHUTDOWN goes to the subscribed extensions, the others are stopped at
  once; whatever still runs at the deadline is killed, and so is every process an extension started,
  daemons included (core/supervisor.py), even when the extension itself exited earlier.
- State changes wake the waiters through one condition; the state itself lives in protocol/extensions_api.py.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import orjson

from lambda_runtime.emulator.core.supervisor import SupervisedProcess, describe_exit
from lambda_runtime.emulator.extensions.delivery import Sender, TelemetryHub, wall_clock
from lambda_runtime.emulator.extensions.spec import ExtensionInitError, ExtensionsSpec
from lambda_runtime.emulator.tasks import TaskGroup
from lambda_runtime.protocol.extensions_api import (
    Event,
    Extension,
    ExtensionKind,
    ExtensionRegistry,
    ExtensionState,
    FunctionInfo,
    Trigger,
    invoke_event,
    shutdown_event,
)
from lambda_runtime.protocol.runtime_api import Invocation
from lambda_runtime.protocol.telemetry import (
    Api,
    TelemetryRecord,
    log_record,
    parse_subscription,
    platform_extension,
)

__all__ = ["ExtensionFailed", "ExtensionsRuntime", "discover_extensions"]

# Time telemetry gets to reach subscribers at shutdown, at most.
_SHUTDOWN_FLUSH_S = 1.0


class ExtensionFailed(ExtensionInitError):
    """An extension posted /extension/exit/error or crashed after init: the environment must be reset."""


def discover_extensions(directory: Path | None) -> list[Path]:
    """The executable regular files of ``directory``, by name; none when it is None or missing."""
    if directory is None or not directory.is_dir():
        return []
    return sorted(path for path in directory.iterdir() if path.is_file() and os.access(path, os.X_OK))


def _write_stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def _prefixed(sink: Callable[[str], None], prefix: str) -> Callable[[str], None]:
    if not prefix:
        return sink

    def write(line: str) -> None:
        sink(prefix + line)

    return write


class ExtensionsRuntime:
    """``ExtensionsHost`` for environments with extensions or telemetry subscribers."""

    def __init__(
        self,
        spec: ExtensionsSpec,
        *,
        clock: Callable[[], float] = wall_clock,
        send: Sender | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.spec = spec
        self._executables = discover_extensions(spec.extensions_dir)
        self.registry = ExtensionRegistry(path.name for path in self._executables)
        self.telemetry = TelemetryHub(send=send, clock=clock)
        self._clock = clock
        self._log = log or _prefixed(spec.log or _write_stderr, spec.log_prefix)
        self._info = FunctionInfo(spec.function_name, spec.function_version, spec.handler, spec.account_id)
        self._processes: dict[str, SupervisedProcess] = {}
        # One watcher per extension process; ``shutdown`` closes the group.
        self._watchers = TaskGroup("extension watchers")
        self._queues: dict[str, asyncio.Queue[bytes]] = {}
        # Events queued for an extension and not yet handed out.
        self._owed: dict[str, int] = {}
        self._changed = asyncio.Condition()
        self._shutting_down = False
        # The first thing that went wrong with each extension: (error type, message).
        self._problems: dict[str, tuple[str, str]] = {}
        # Set once an extension failed after init; Lambda would reset the environment.
        self.failure: ExtensionFailed | None = None

    # -- the ExtensionsHost interface ---------------------------------------------------------------

    @property
    def has_external_extensions(self) -> bool:
        return bool(self._executables)

    @property
    def shutdown_budget_ms(self) -> int:
        """Section 2: 2000 ms with external extensions, 500 with internal ones only, else 0."""
        if self.has_external_extensions:
            return 2000
        return 500 if self.registry.registered else 0

    @property
    def has_extensions(self) -> bool:
        return not self.registry.is_empty

    @property
    def delivers_invoke_events(self) -> bool:
        return not self.registry.is_empty and bool(self._live(Event.INVOKE))

    @property
    def wants_telemetry(self) -> bool:
        return self.telemetry.init_phase or bool(self.telemetry.subscribers)

    async def start(self, runtime_api: str) -> None:
        # spec.extension_env is already without the variables hidden from extensions (config.py).
        env = {**self.spec.extension_env, "AWS_LAMBDA_RUNTIME_API": runtime_api}
        cwd = self.spec.extensions_dir or Path.cwd()
        for path in self._executables:
            name = path.name
            try:
                process = await SupervisedProcess.spawn(
                    [str(path)], env=env, cwd=cwd, on_line=self._line_sink(name)
                )
            except OSError as exc:
                await self._kill_all()
                raise ExtensionInitError(
                    "Extension.LaunchError", f"extension {name} could not be started: {exc}"
                ) from None
            self._processes[name] = process
            self._watchers.start(self._watch(name, process), name=f"extension:{name}")
        try:
            # The runtime starts once every extension registered; extensions finish their init alongside
            # it, and an init error after registration ends the init through ``wait_init_done``.
            await self._wait_for(self._all_external_registered)
        except ExtensionInitError:
            await self._kill_all()
            raise

    async def wait_init_done(self) -> None:
        self.registry.open = False
        try:
            await self._wait_for(self._all_called_next)
        except ExtensionInitError:
            await self._kill_all()
            raise
        self.telemetry.end_init()

    async def invoke_started(self, invocation: Invocation) -> None:
        subscribers = self._live(Event.INVOKE)
        if not subscribers:
            return
        deadline_ms = invocation.deadline_ms or int(self._clock() * 1000)
        event = invoke_event(
            request_id=invocation.request_id,
            deadline_ms=deadline_ms,
            invoked_function_arn=invocation.invoked_function_arn or "",
            trace_id=invocation.trace_id,
        )
        for extension in subscribers:
            self._queue(extension, event)
        async with self._changed:
            self._changed.notify_all()

    async def wait_invoke_done(self) -> None:
        """Returns when INVOKE subscribers are done; an extension that failed meanwhile is logged
        and no longer waited for (``failure`` names it)."""
        if self._invoke_finished() and not self._problems:
            return
        try:
            await self._wait_for(self._invoke_finished, failure=ExtensionFailed)
        except ExtensionFailed as exc:
            if self.failure is None:
                self.failure = exc
                self._log(f"extensions: {exc.message}")

    def _alive(self, extension: Extension) -> bool:
        return extension.name not in self._problems

    async def shutdown(self, reason: str, deadline_ms: int) -> None:
        self._shutting_down = True
        self.registry.open = False
        remaining_s = max(0.0, deadline_ms / 1000 - self._clock())
        await self.telemetry.flush(min(_SHUTDOWN_FLUSH_S, remaining_s / 2))
        event = shutdown_event(reason=reason, deadline_ms=deadline_ms)
        for extension in self.registry.extensions:
            if extension.kind is not ExtensionKind.EXTERNAL or extension.name not in self._processes:
                continue
            if extension.subscribed(Event.SHUTDOWN) and extension.state in (
                ExtensionState.REGISTERED,
                ExtensionState.READY,
                ExtensionState.RUNNING,
            ):
                self._queue(extension, event)
            else:
                # Nothing tells it to stop but a signal.
                await self._processes[extension.name].terminate(0)
        async with self._changed:
            self._changed.notify_all()
        waits = [asyncio.shield(p.wait()) for p in self._processes.values() if p.returncode is None]
        if waits:
            timeout = max(0.0, deadline_ms / 1000 - self._clock())
            await asyncio.wait(waits, timeout=timeout)
        await self._kill_all()
        await self.telemetry.close()
        await self._watchers.aclose()

    def platform_event(self, event_type: str, record: Mapping[str, object]) -> None:
        self.telemetry.publish(TelemetryRecord(self._clock(), event_type, dict(record)))

    def log_line(self, source: str, text: str) -> None:
        self.telemetry.publish(log_record(source, text, self._clock()))

    # -- lifecycle helpers --------------------------------------------------------------------------

    def _line_sink(self, name: str) -> Callable[[str], None]:
        def on_line(line: str) -> None:
            self._log(f"[extension {name}] {line}")
            self.log_line("extension", line)

        return on_line

    async def _watch(self, name: str, process: SupervisedProcess) -> None:
        status = await process.wait()
        extension = self.registry.by_name(name)
        if extension is None:
            return
        extension.fire(Trigger.EXITED)
        if not self._shutting_down:
            self._log(f"[extension {name}] exited: {describe_exit(status)}")
            self._problems.setdefault(
                name, ("Extension.Crash", f"extension {name} exited unexpectedly ({describe_exit(status)})")
            )
        async with self._changed:
            self._changed.notify_all()

    def _live(self, event: Event) -> list[Extension]:
        return [
            e
            for e in self.registry.registered
            if e.subscribed(event)
            and e.state in (ExtensionState.READY, ExtensionState.RUNNING)
            and self._alive(e)
        ]

    def _queue(self, extension: Extension, event: bytes) -> None:
        self._queue_of(extension).put_nowait(event)
        self._owed[extension.identifier] = self._owed.get(extension.identifier, 0) + 1

    def _queue_of(self, extension: Extension) -> asyncio.Queue[bytes]:
        queue = self._queues.get(extension.identifier)
        if queue is None:
            queue = self._queues[extension.identifier] = asyncio.Queue()
        return queue

    def _first_failure(self) -> tuple[str, str] | None:
        return next(iter(self._problems.values()), None)

    def _all_external_registered(self) -> bool:
        return all(
            e.state is not ExtensionState.STARTED
            for e in self.registry.extensions
            if e.kind is ExtensionKind.EXTERNAL
        )

    def _all_called_next(self) -> bool:
        return all(e.has_called_next for e in self.registry.registered)

    def _invoke_finished(self) -> bool:
        if self.registry.is_empty:
            return True
        return all(
            self._owed.get(e.identifier, 0) == 0 and e.state is not ExtensionState.RUNNING
            for e in self.registry.registered
            if e.subscribed(Event.INVOKE) and self._alive(e)
        )

    async def _wait_for(
        self, done: Callable[[], bool], failure: type[ExtensionInitError] = ExtensionInitError
    ) -> None:
        async with self._changed:
            while True:
                problem = self._first_failure()
                if problem is not None and (self.failure is None or failure is not ExtensionFailed):
                    raise failure(*problem)
                if done():
                    return
                await self._changed.wait()

    async def _kill_all(self) -> None:
        # Also for extensions that already exited: what they started ends with them.
        await asyncio.gather(*(p.terminate(0) for p in self._processes.values()), return_exceptions=True)

    # -- the Extensions and Telemetry API operations (http/extensions.py serves them) ---------------

    async def register(
        self, name: str | None, events: frozenset[Event], features: list[str]
    ) -> tuple[Extension, bytes]:
        """/register: the extension and the body to answer; ``ExtensionApiError`` when refused."""
        extension = self.registry.register(name, events)
        self._queue_of(extension)
        self.telemetry.publish(
            TelemetryRecord(
                self._clock(),
                "platform.extension",
                platform_extension(
                    name=extension.name, state="Ready", events=sorted(e.value for e in events)
                ),
            )
        )
        self._log(f"[extension {extension.name}] registered ({extension.kind.value}) for "
                  f"{', '.join(sorted(e.value for e in events)) or 'no events'}")  # fmt: skip
        async with self._changed:
            self._changed.notify_all()
        return extension, self._info.register_body(with_account_id="accountId" in features)

    async def next_event(self, identifier: str | None) -> tuple[Extension, bytes]:
        """/event/next: wait for the extension's next event; ``ExtensionApiError`` when refused."""
        extension = self.registry.identify(identifier)
        extension.fire(Trigger.NEXT)
        async with self._changed:
            self._changed.notify_all()
        queue = self._queue_of(extension)
        event = await queue.get()
        self._owed[extension.identifier] -= 1
        is_shutdown = orjson.loads(event).get("eventType") == "SHUTDOWN"
        if extension.state is ExtensionState.READY:
            extension.fire(Trigger.DELIVER_SHUTDOWN if is_shutdown else Trigger.DELIVER)
        async with self._changed:
            self._changed.notify_all()
        return extension, event

    def identify(self, identifier: str | None) -> Extension:
        return self.registry.identify(identifier)

    async def report_error(self, extension: Extension, error_type: str, trigger: Trigger) -> None:
        """/init/error or /exit/error (``trigger``); ``ExtensionApiError`` when not allowed now."""
        extension.fire(trigger)
        extension.error_type = error_type
        what = "init error" if trigger is Trigger.INIT_ERROR else "exit error"
        self._log(f"[extension {extension.name}] {what}: {error_type}")
        self._problems.setdefault(
            extension.name, (error_type, f"extension {extension.name} reported an {what}: {error_type}")
        )
        async with self._changed:
            self._changed.notify_all()

    def subscribe(self, extension: Extension, api: Api, body: bytes) -> None:
        """PUT /telemetry or /logs; ``SubscriptionError`` (or ``ExtensionApiError``) when refused."""
        subscription = parse_subscription(api, body)
        self.telemetry.subscribe(extension.name, subscription)
        self._log(
            f"[extension {extension.name}] subscribed to {', '.join(sorted(subscription.types))} "
            f"({api.value} API) -> {subscription.destination.uri}"
        )
