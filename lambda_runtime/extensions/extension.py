"""The ``Extension`` object: register, subscribe, run the INVOKE/SHUTDOWN loop, report failures.

Rules:
- The extension registers under the name it is given, else ``$LAMBDA_EXTENSION_NAME``, else the file
  name of the executable (what Lambda expects of an external extension in ``/opt/extensions``).
- A failure before the first ``next`` (subscription refused, ``on_init`` raised) is posted to
  ``/extension/init/error``; an exception from ``on_invoke`` or ``on_shutdown`` to ``/extension/exit/error``.
  The error type is ``Extension.<ExceptionClass>``; then ``run`` raises ``ExtensionFailed``.
- An exception from ``on_telemetry`` is written to stderr and the records are counted as failed; it never
  ends the extension (one bad record must not stop log delivery).
- Order of init: register, start the listener and subscribe, ``on_init``, then ``on_telemetry`` starts
  receiving (records delivered meanwhile wait in the queue), then the first ``next``.
- Handlers are plain or ``async`` callables. ``run()`` drives coroutines on one event loop of its own;
  ``run_async()`` awaits them on the caller's loop.
- Flush barrier (``flush_barrier_s``): before asking for the next event after an INVOKE, wait until that
  invoke's ``platform.runtimeDone`` reached the listener and every queued record went through
  ``on_telemetry``, for at most ``flush_barrier_s``. It needs ``platform`` among the subscribed types
  (without them nothing marks the end of an invoke, and the barrier is off).
- SHUTDOWN: wait for deliveries to stop, hand every queued record to ``on_telemetry``, then call
  ``on_shutdown``; all of it within the deadline the event carries.
- Managed Instances (``AWS_LAMBDA_INITIALIZATION_TYPE=lambda-managed-instances``): SHUTDOWN is the only
  event, telemetry uses schema 2025-01-29, and the Logs API is refused before registering.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lambda_runtime.extensions.client import ExtensionApiError, ExtensionsClient, Registration
from lambda_runtime.extensions.events import InvokeEvent, NextEvent, ShutdownEvent
from lambda_runtime.extensions.wire import INITIALIZATION_TYPE_MANAGED, MANAGED_SCHEMA_VERSION, SANDBOX_HOST

if TYPE_CHECKING:
    import asyncio

    from lambda_runtime.extensions.buffer import RecordQueue
    from lambda_runtime.extensions.records import TelemetryRecord
    from lambda_runtime.extensions.telemetry import Subscription, TelemetryListener

__all__ = ["Extension", "ExtensionFailed", "error_type_of", "is_managed_instances", "listener_host"]

NAME_ENV = "LAMBDA_EXTENSION_NAME"
LISTENER_HOST_ENV = "LAMBDA_EXTENSION_LISTENER_HOST"

Handler = Callable[..., Any]


class ExtensionFailed(Exception):
    """The extension reported an init or exit error and must stop (exit status 1)."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(f"{error_type}: {message}")
        self.error_type = error_type


def error_type_of(exc: BaseException) -> str:
    return f"Extension.{type(exc).__name__}"


def is_managed_instances(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get("AWS_LAMBDA_INITIALIZATION_TYPE") == INITIALIZATION_TYPE_MANAGED


def listener_host(hosts_file: str = "/etc/hosts") -> str:
    """Where the telemetry listener binds: ``$LAMBDA_EXTENSION_LISTENER_HOST``, else the address the hosts
    file gives ``sandbox.localdomain`` (on Lambda), else loopback."""
    explicit = os.environ.get(LISTENER_HOST_ENV)
    if explicit:
        return explicit
    try:
        with open(hosts_file, encoding="utf-8", errors="replace") as hosts:
            for line in hosts:
                fields = line.split("#", 1)[0].split()
                if len(fields) >= 2 and SANDBOX_HOST in fields[1:]:
                    return fields[0]
    except OSError:
        pass
    return "127.0.0.1"


def _default_name() -> str:
    return os.environ.get(NAME_ENV) or os.path.basename(sys.argv[0]) or "extension"


class Extension:
    def __init__(
        self,
        name: str | None = None,
        *,
        on_init: Handler | None = None,
        on_invoke: Handler | None = None,
        on_shutdown: Handler | None = None,
        on_telemetry: Handler | None = None,
        telemetry: Subscription | None = None,
        events: tuple[str, ...] = ("INVOKE", "SHUTDOWN"),
        flush_barrier_s: float | None = None,
        queue: RecordQueue | None = None,
        runtime_api: str | None = None,
        managed_instances: bool | None = None,
    ) -> None:
        self.name = name or _default_name()
        self.on_init = on_init
        self.on_invoke = on_invoke
        self.on_shutdown = on_shutdown
        self.on_telemetry = on_telemetry
        self.managed_instances = is_managed_instances() if managed_instances is None else managed_instances
        if self.managed_instances:
            events = ("SHUTDOWN",)
            if telemetry is not None:
                from dataclasses import replace

                from lambda_runtime.extensions.telemetry import Api

                if telemetry.api is Api.LOGS:
                    raise ValueError("the Logs API does not exist on Lambda Managed Instances")
                telemetry = replace(telemetry, schema_version=MANAGED_SCHEMA_VERSION)
        for event in events:
            if event not in ("INVOKE", "SHUTDOWN"):
                raise ValueError(f"event {event!r} is not INVOKE or SHUTDOWN")
        if telemetry is not None and on_telemetry is None:
            raise ValueError("a telemetry subscription needs an on_telemetry handler")
        self.events = tuple(events)
        self.telemetry = telemetry
        self.flush_barrier_s = flush_barrier_s
        self._queue = queue
        self._runtime_api = runtime_api
        self.client: ExtensionsClient | None = None
        self.registration: Registration | None = None
        self.listener: TelemetryListener | None = None
        self.telemetry_failures = 0
        self._dispatcher: threading.Thread | None = None
        self._stop = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._caller_loop: asyncio.AbstractEventLoop | None = None
        self._last_invoke: InvokeEvent | None = None

    @property
    def queue(self) -> RecordQueue:
        """Where delivered records wait for ``on_telemetry`` (built on first use: the telemetry modules
        stay unimported for extensions without a subscription)."""
        if self._queue is None:
            from lambda_runtime.extensions.buffer import RecordQueue

            self._queue = RecordQueue()
        return self._queue

    # -- running -----------------------------------------------------------------------------------

    def register(self) -> Registration:
        """Register with the Extensions API (``run`` does it when it was not done before)."""
        api = self._runtime_api or os.environ.get("AWS_LAMBDA_RUNTIME_API")
        if not api:
            raise ExtensionFailed("Extension.NoRuntimeApi", "AWS_LAMBDA_RUNTIME_API is not set")
        self.client = ExtensionsClient(api)
        self.registration = self.client.register(self.name, self.events)
        return self.registration

    def _init(self) -> None:
        assert self.client is not None
        try:
            if self.telemetry is not None:
                from lambda_runtime.extensions.telemetry import TelemetryListener

                self.listener = TelemetryListener(
                    self.queue, host=listener_host(), port=self.telemetry.port
                ).start()
                self.client.subscribe(self.telemetry.api.path, self.telemetry.body(self.listener.port))
            if self.on_init is not None:
                self._call(self.on_init, self.registration)
            if self.telemetry is not None:
                # Records delivered while on_init ran waited in the queue: on_telemetry sees them all.
                self._dispatcher = threading.Thread(target=self._dispatch, name="telemetry", daemon=True)
                self._dispatcher.start()
        except Exception as exc:
            self._report(self.client.init_error, exc)

    def _report(self, post: Callable[[str, str], None], exc: Exception) -> None:
        error_type = error_type_of(exc)
        if isinstance(exc, ExtensionApiError) and exc.status:
            error_type = exc.error_type if exc.error_type.startswith("Extension.") else error_type
        message = str(exc)
        print(f"extension {self.name}: {error_type}: {message}", file=sys.stderr, flush=True)
        try:
            post(error_type, message)
        except ExtensionApiError as report_exc:
            print(f"extension {self.name}: could not report the error: {report_exc}", file=sys.stderr)
        self._close()
        raise ExtensionFailed(error_type, message) from exc

    def run(self) -> None:
        """Register (unless done), then serve events until SHUTDOWN. Raises ``ExtensionFailed``."""
        if self.registration is None:
            self.register()
        self._init()
        try:
            while True:
                event = self._next()
                if self._handle(event):
                    return
        finally:
            self._close()

    async def run_async(self) -> None:
        """``run`` for an asyncio program: blocking calls go to a thread, handlers run on this loop."""
        import asyncio

        self._caller_loop = asyncio.get_running_loop()
        if self.registration is None:
            await asyncio.to_thread(self.register)
        await asyncio.to_thread(self._init)
        try:
            while True:
                event = await asyncio.to_thread(self._next)
                if await asyncio.to_thread(self._handle, event):
                    return
        finally:
            self._close()

    def _next(self) -> NextEvent:
        assert self.client is not None
        if self._last_invoke is not None and self._barrier_active:
            assert self.listener is not None
            assert self.flush_barrier_s is not None
            deadline = time.monotonic() + self.flush_barrier_s
            self.listener.wait_runtime_done(self._last_invoke.request_id, self.flush_barrier_s)
            self.queue.wait_empty(max(0.0, deadline - time.monotonic()))
        return self.client.next_event()

    @property
    def _barrier_active(self) -> bool:
        # platform.runtimeDone only arrives to subscribers of platform records.
        return bool(
            self.flush_barrier_s
            and self.listener is not None
            and self.telemetry is not None
            and "platform" in self.telemetry.types
        )

    def _handle(self, event: NextEvent) -> bool:
        """Handle one event; True when it was SHUTDOWN."""
        assert self.client is not None
        if isinstance(event, InvokeEvent):
            self._last_invoke = event
            if self.on_invoke is not None:
                try:
                    self._call(self.on_invoke, event)
                except Exception as exc:
                    self._report(self.client.exit_error, exc)
            return False
        self._drain(event)
        if self.on_shutdown is not None:
            try:
                self._call(self.on_shutdown, event)
            except Exception as exc:
                self._report(self.client.exit_error, exc)
        return True

    def _drain(self, event: ShutdownEvent) -> None:
        """Let the last deliveries arrive and go through ``on_telemetry``, in at most half the time left."""
        if self.listener is None or self.telemetry is None:
            return
        budget = max(0.0, event.deadline_ms / 1000 - time.time()) / 2
        start = time.monotonic()
        quiet = min(self.telemetry.buffering.timeout_ms / 1000 + 0.05, budget / 2)
        self.listener.wait_quiet(quiet, budget / 2)
        self.queue.wait_empty(max(0.0, budget - (time.monotonic() - start)))

    def _close(self) -> None:
        self._stop.set()
        if self._queue is not None:
            self._queue.wake()
        if self.listener is not None:
            self.listener.close()
        if self._dispatcher is not None and self._dispatcher is not threading.current_thread():
            self._dispatcher.join(timeout=1.0)
        if self.client is not None:
            self.client.close()
        if self._loop is not None:
            self._loop.close()
            self._loop = None

    # -- handlers ----------------------------------------------------------------------------------

    def _call(self, handler: Handler, *args: Any) -> Any:
        result = handler(*args)
        if not hasattr(result, "__await__"):
            return result
        import asyncio

        if self._caller_loop is not None:
            return asyncio.run_coroutine_threadsafe(result, self._caller_loop).result()
        if threading.current_thread() is threading.main_thread():
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
            return self._loop.run_until_complete(result)
        return asyncio.run(result)

    def _dispatch(self) -> None:
        handler = self.on_telemetry
        assert handler is not None
        loop = None
        while not self._stop.is_set():
            batch: list[TelemetryRecord] = self.queue.drain(timeout_s=0.5)
            if not batch:
                continue
            try:
                result = handler(batch)
                if hasattr(result, "__await__"):
                    import asyncio

                    if self._caller_loop is not None:
                        asyncio.run_coroutine_threadsafe(result, self._caller_loop).result()
                    else:
                        if loop is None:
                            loop = asyncio.new_event_loop()
                        loop.run_until_complete(result)
            except Exception as exc:
                self.telemetry_failures += len(batch)
                print(f"extension {self.name}: on_telemetry failed: {exc!r}", file=sys.stderr, flush=True)
            finally:
                self.queue.done(len(batch))
        if loop is not None:
            loop.close()


def main(extension: Extension) -> None:
    """Run ``extension`` as a program: exit status 0 after SHUTDOWN, 1 after a reported failure."""
    try:
        extension.run()
    except ExtensionFailed:
        sys.exit(1)
    except ExtensionApiError as exc:
        print(f"extension {extension.name}: {exc}", file=sys.stderr, flush=True)
        sys.exit(1)
