"""One execution environment: a Runtime API server, a supervised runtime process, a lifecycle.

Rules:
- The lifecycle (protocol/lifecycle.py) decides what the runtime may do; this class only reacts to its
  transitions.
- Every invoke ends exactly once, in ``_complete``: by the runtime's answer, a timeout, or the process
  exiting. That is where END and REPORT are written.
- A timeout, a crash or an init failure shuts the environment down; the pool starts a fresh one next time.
- The invoke timeout runs from dispatch until the runtime asks for the next invocation and the INVOKE
  subscribers are done: a runtime that answers but never calls /next again, or an extension that never
  finishes, is shut down at the timeout (the caller already has the answer).
- An extension that fails at init fails the init; one that fails later (``host.failure``) shuts the
  environment down with reason "failure" once the invoke ended, so the next invoke gets a fresh one.
- Shutdown: the runtime gets SIGTERM and the host's budget (2000 ms with external extensions, 500 ms with
  internal ones only), then SIGKILL; without extensions it is killed at once (section 2 of the protocols doc).
- Extension output and the host's own lines go to the log sink and, during an invoke, its log tail.
- Until init succeeds, output is also kept as the init's log: an init failure's ``X-Amz-Log-Result`` is
  that log followed by INIT_REPORT, START, END and REPORT (``fail_before_dispatch``).
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import Callable

from lambda_runtime.emulator.config import FunctionConfig, extension_environment
from lambda_runtime.emulator.core.ids import new_trace_id
from lambda_runtime.emulator.core.invoke_state import InvokeRecord, InvokeRequest
from lambda_runtime.emulator.core.logs import (
    InvokeLog,
    LogSink,
    end_line,
    report_line,
    start_line,
    timed_out_line,
)
from lambda_runtime.emulator.core.outcome import Failure, StreamedResult, Success
from lambda_runtime.emulator.core.peers import peer_in_tree
from lambda_runtime.emulator.core.sandbox import runtime_launch
from lambda_runtime.emulator.core.supervisor import SupervisedProcess, describe_exit
from lambda_runtime.emulator.extensions.host import ExtensionsRuntime
from lambda_runtime.emulator.extensions.spec import ExtensionInitError, ExtensionsHost, ExtensionsSpec
from lambda_runtime.emulator.http.extensions import ExtensionsApi
from lambda_runtime.emulator.http.server import Handler, HttpServer, Router
from lambda_runtime.emulator.tasks import TaskGroup
from lambda_runtime.protocol.lifecycle import Event, Lifecycle, State
from lambda_runtime.protocol.runtime_api import Invocation
from lambda_runtime.protocol.telemetry import (
    platform_init_report,
    platform_init_runtime_done,
    platform_init_start,
    platform_report,
    platform_runtime_done,
    platform_start,
)

__all__ = ["ExecutionEnvironment", "Rejected", "new_path_prefix"]


class Rejected(Exception):
    """A Runtime API call the environment refuses: answered with ``status`` and the error body."""

    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message


def new_path_prefix() -> str:
    """An unguessable path prefix (128 bits) for one environment's APIs."""
    return "/" + secrets.token_urlsafe(16)


class ExecutionEnvironment:
    def __init__(
        self,
        config: FunctionConfig,
        *,
        name: str,
        log_sink: LogSink,
        runtime_api: Callable[[ExecutionEnvironment], Handler],
    ) -> None:
        self.config = config
        # Serves the Runtime API of this environment (http/runtime.py); extension routes come from the host.
        self._runtime_api = runtime_api
        self.name = name
        self.lifecycle = Lifecycle()
        self._sink = log_sink
        self._loop = loop = asyncio.get_running_loop()
        self._ready: asyncio.Future[Failure | None] = loop.create_future()
        self._server: HttpServer | None = None
        self._process: SupervisedProcess | None = None
        self._host: ExtensionsHost | None = None
        self._dispatch: asyncio.Future[Invocation] | None = None
        self._current: InvokeRecord | None = None
        self._timer: asyncio.TimerHandle | None = None
        # The process's exit watch, its termination and INVOKE deliveries; closed once shut down.
        self._tasks = TaskGroup(f"environment {name}")
        self._exit_watch: asyncio.Task[None] | None = None
        self._shutdown_task: asyncio.Task[None] | None = None
        self._init_started = time.monotonic()
        self._init_duration_ms: float | None = None
        self._init_reported = False
        # Set once ``wait_ready`` knows how init ended: (None,) ready, (failure,) not.
        self._init_outcome: tuple[Failure | None] | None = None
        # The output of init, kept until init succeeds.
        self._init_log: InvokeLog | None = InvokeLog()

    # -- starting ---------------------------------------------------------------------------------

    @property
    def runtime_api(self) -> str:
        """``AWS_LAMBDA_RUNTIME_API``: host:port and this environment's secret path prefix."""
        assert self._server is not None
        return self._server.authority + self._server.path_prefix

    @property
    def host(self) -> ExtensionsHost:
        assert self._host is not None
        return self._host

    @property
    def usable(self) -> bool:
        return self._shutdown_task is None and self.lifecycle.state in (State.BOOTING, State.IDLE)

    async def start(self) -> None:
        """Serve the Runtime API, start extensions, then the runtime. Failures end up in ``wait_ready``."""
        config = self.config
        log_stream = config.new_log_stream_name()
        router = Router()
        self._server = HttpServer(
            router,
            name=f"runtime-api[{self.name}]",
            path_prefix=new_path_prefix(),
            trust_peer=self._peer_is_runtime,
            idle_timeout_s=config.http_idle_timeout_s,
            header_timeout_s=config.http_header_timeout_s,
        )
        await self._server.start("127.0.0.1", 0)
        runtime_api = self.runtime_api if config.runtime_api_prefix else self._server.authority
        runtime_env = config.runtime_environment(runtime_api, log_stream)
        self._host = ExtensionsRuntime(
            ExtensionsSpec(
                function_name=config.function_name,
                function_version=config.version,
                handler=config.handler,
                memory_mb=config.memory_mb,
                account_id=config.account_id,
                extensions_dir=config.extensions_dir,
                extension_env=extension_environment(runtime_env),
                log=self._on_host_line,
                log_prefix=f"[{self.name}] ",
            )
        )
        for route in ExtensionsApi(self._host).routes():
            router.add_route(route)
        router.fallback = self._runtime_api(self)
        self._init_started = time.monotonic()
        self._host.platform_event(
            "platform.initStart",
            platform_init_start(function_name=config.function_name, function_version=config.version),
        )
        try:
            await asyncio.wait_for(self._host.start(self.runtime_api), config.init_timeout_s)
        except ExtensionInitError as exc:
            self._fail_init(Failure.of(exc.error_type, exc.message))
            return
        except asyncio.TimeoutError:
            self._fail_init(self._init_timeout())
            return
        try:
            launch = runtime_launch(config, runtime_env, name=self.name)
            self._process = await SupervisedProcess.spawn(
                launch.argv, env=launch.env, cwd=launch.cwd, on_line=self._on_output
            )
        except OSError as exc:
            message = f"cannot start the runtime {config.command[0]!r}: {exc.strerror or exc}"
            self._fail_init(Failure.of("Runtime.InvalidEntrypoint", message))
            return
        self._exit_watch = self._tasks.start(self._watch_exit(self._process))

    def _peer_is_runtime(self, peer: tuple[str, int], server_port: int) -> bool:
        """A Runtime API connection without the path prefix is served only from the runtime's processes."""
        process = self._process
        return process is not None and peer_in_tree(peer, server_port, process.pid)

    async def wait_ready(self) -> Failure | None:
        """Wait for init to end (bounded by the init timeout): None when ready, the failure otherwise.
        Init ends when the runtime and every extension called next; only the first call waits."""
        if self._init_outcome is not None:
            return self._init_outcome[0]
        try:
            failure = await asyncio.wait_for(asyncio.shield(self._ready), self._init_time_left())
            if failure is None:
                await asyncio.wait_for(self.host.wait_init_done(), self._init_time_left())
        except asyncio.TimeoutError:
            failure = self._init_timeout()
            self._fail_init(failure)
        except ExtensionInitError as exc:
            failure = Failure.of(exc.error_type, exc.message)
            self._fail_init(failure)
        self._init_outcome = (failure,)
        return failure

    def _init_time_left(self) -> float:
        return max(0.0, self.config.init_timeout_s - (time.monotonic() - self._init_started))

    def _init_timeout(self) -> Failure:
        """Init (extensions registering and initialising, the runtime reaching /next) took too long."""
        return Failure.of(
            "Runtime.InitTimeout", f"Init timed out after {self.config.init_timeout_s:.2f} seconds"
        )

    def _fail_init(self, failure: Failure) -> None:
        if not self._ready.done():
            self._ready.set_result(failure)
            self.host.platform_event(
                "platform.initRuntimeDone",
                platform_init_runtime_done(status="error", error_type=failure.error_type),
            )
        self.begin_shutdown("failure")

    # -- output -----------------------------------------------------------------------------------

    def _on_output(self, line: str) -> None:
        self._on_host_line(line)
        if self._host is not None and self._host.wants_telemetry:
            self._host.log_line("function", line)

    def _on_host_line(self, line: str) -> None:
        """A line of the runtime, of an extension or of the host's own: to the sink and the log it
        belongs to (the invoke's while one is running, else the init's until init succeeds)."""
        self._sink(line)
        record = self._current
        if record is not None and not record.finished.done():
            if record.log is not None:
                record.log.add(line)
        elif self._init_log is not None:
            self._init_log.add(line)

    def _write(self, line: str, record: InvokeRecord | None) -> None:
        self._sink(line)
        if record is not None and record.log is not None:
            record.log.add(line)

    # -- invoking ---------------------------------------------------------------------------------

    def invoke(self, request: InvokeRequest) -> InvokeRecord:
        """Hand ``request`` to the runtime waiting in /next. Only call when ``wait_ready`` returned None
        and the environment is idle."""
        assert self._dispatch is not None
        assert not self._dispatch.done()
        config = self.config
        deadline_ms = int(time.time() * 1000 + config.timeout_s * 1000)
        invocation = Invocation(
            request_id=request.request_id,
            body=request.payload,
            deadline_ms=deadline_ms,
            invoked_function_arn=config.function_arn,
            trace_id=request.trace_id or new_trace_id(),
            client_context=request.client_context,
            tenant_id=request.tenant_id,
        )
        init_ms = None if self._init_reported else self._init_duration_ms
        self._init_reported = True
        record = InvokeRecord(request, invocation, init_ms, self._loop)
        self.lifecycle.apply(Event.DISPATCH)
        self._current = record
        self._write(start_line(request.request_id, config.version), record)
        host = self.host
        if host.wants_telemetry:
            host.platform_event(
                "platform.start", platform_start(request_id=request.request_id, version=config.version)
            )
        self._timer = self._loop.call_later(config.timeout_s, self._on_timeout, record)
        if host.delivers_invoke_events:
            self._tasks.start(self._deliver(invocation))
        else:
            self._dispatch.set_result(invocation)
        return record

    async def _deliver(self, invocation: Invocation) -> None:
        await self.host.invoke_started(invocation)
        if self._dispatch is not None and not self._dispatch.done():
            self._dispatch.set_result(invocation)

    def _on_timeout(self, record: InvokeRecord) -> None:
        self._timer = None
        if record.finished.done():
            if self.lifecycle.state is State.RESPONDED:
                self._sink(
                    f"[{self.name}] the runtime did not ask for the next invocation within "
                    f"{self.config.timeout_s:g} s of {record.request_id}; resetting the environment"
                )
                self.begin_shutdown("timeout")
            return
        timeout = self.config.timeout_s
        failure = Failure.of(
            "Sandbox.Timedout",
            f"RequestId: {record.request_id} Error: Task timed out after {timeout:.2f} seconds",
        )
        self._write(timed_out_line(record.request_id, timeout), record)
        self._complete(record, failure, status="timeout")
        self.begin_shutdown("timeout")

    def _complete(self, record: InvokeRecord, failure: Failure | None, *, status: str | None = None) -> None:
        """End ``record``: resolve its futures, write END and REPORT. Runs once per invoke."""
        if record.finished.done():
            return
        if self._process is not None:
            self._process.drain_output()
            self._process.flush_partial_line()
        first = record.first.result() if record.first.done() else None
        if first is None:
            record.first.set_result(failure if failure is not None else Success(b"null"))
        elif isinstance(first, StreamedResult):
            first.end(failure)
        duration_ms = (time.monotonic() - record.started) * 1000
        memory_used = self._process.peak_rss_mb() if self._process is not None else 0
        self._write(end_line(record.request_id), record)
        self._write(
            report_line(
                record.request_id,
                duration_ms=duration_ms,
                memory_mb=self.config.memory_mb,
                max_memory_used_mb=memory_used,
                init_duration_ms=record.init_duration_ms,
                status=status,
            ),
            record,
        )
        status_text = status or ("error" if failure is not None else "success")
        if self.host.wants_telemetry:
            self.host.platform_event(
                "platform.runtimeDone",
                platform_runtime_done(
                    request_id=record.request_id, status=status_text, duration_ms=duration_ms
                ),
            )
            self.host.platform_event(
                "platform.report",
                platform_report(
                    request_id=record.request_id,
                    status=status_text,
                    duration_ms=duration_ms,
                    billed_duration_ms=max(1, int(duration_ms + 0.999)),
                    memory_size_mb=self.config.memory_mb,
                    max_memory_used_mb=memory_used,
                    init_duration_ms=record.init_duration_ms,
                ),
            )
        record.finished.set_result(failure)

    def _settle(self, record: InvokeRecord) -> None:
        """The runtime is back in /next after ``record`` ended: resolve ``record.reusable`` (at once
        without extensions; once INVOKE subscribers are done otherwise)."""
        if not self.host.has_extensions:
            _resolve(record.reusable, self._shutdown_task is None)
        else:
            self._tasks.start(self._settle_with_extensions(record))

    async def _settle_with_extensions(self, record: InvokeRecord) -> None:
        host = self.host
        if host.delivers_invoke_events:
            left = self.config.timeout_s - (time.monotonic() - record.started)
            try:
                await asyncio.wait_for(host.wait_invoke_done(), max(left, 0.0))
            except asyncio.TimeoutError:
                self._sink(
                    f"[{self.name}] extensions did not finish the invoke within {self.config.timeout_s:g} s; "
                    "resetting the environment"
                )
                self.begin_shutdown("timeout")
                return
        else:
            await host.wait_invoke_done()  # returns at once: nothing to wait for but failures to note
        failure = host.failure
        if failure is not None:
            self._sink(f"[{self.name}] {failure.error_type}: {failure.message}; resetting the environment")
            self.begin_shutdown("failure")
            return
        _resolve(record.reusable, self._shutdown_task is None and self.lifecycle.state is State.IDLE)

    def caller_gone(self, record: InvokeRecord) -> None:
        """The caller left before the invoke ended (a streamed response cut off): end it now and reset
        the environment, which also cuts the runtime's upload."""
        if record.finished.done():
            return
        request_id = record.request_id
        self._write(f"[{self.name}] the caller of {request_id} left; resetting the environment", record)
        message = f"RequestId: {request_id} Error: the caller disconnected"
        self._complete(record, Failure.of("Client.Disconnected", message), status="error")
        self.begin_shutdown("failure")

    def fail_before_dispatch(self, request: InvokeRequest, failure: Failure) -> str:
        """Log an invoke that never reached the runtime (init failed); return its log tail."""
        # The tail: the init's output, then INIT_REPORT, START, END and REPORT.
        log = InvokeLog()
        if self._process is not None:
            self._process.drain_output()
            self._process.flush_partial_line()
        for line in self._init_log.lines() if self._init_log is not None else ():
            log.add(line)
        for line in (
            f"INIT_REPORT Init Duration: {(time.monotonic() - self._init_started) * 1000:.2f} ms\t"
            f"Phase: init\tStatus: error\tError Type: {failure.error_type}",
            start_line(request.request_id, self.config.version),
            end_line(request.request_id),
            report_line(
                request.request_id,
                duration_ms=0.0,
                memory_mb=self.config.memory_mb,
                max_memory_used_mb=self._process.peak_rss_mb() if self._process is not None else 0,
                status="error",
            ),
        ):
            self._sink(line)
            log.add(line)
        return log.tail_base64()

    # -- Runtime API callbacks --------------------------------------------------------------------

    async def next_invocation(self) -> Invocation:
        """GET /next: the runtime is ready; wait for an invocation. ``IllegalTransition`` -> 403."""
        previous = self.lifecycle.state
        self.lifecycle.apply(Event.NEXT)
        if previous is State.BOOTING:
            self._init_log = None
            self._init_duration_ms = (time.monotonic() - self._init_started) * 1000
            self.host.platform_event("platform.initRuntimeDone", platform_init_runtime_done(status="success"))
            self.host.platform_event(
                "platform.initReport", platform_init_report(duration_ms=self._init_duration_ms)
            )
            if self._process is not None:
                self._process.peak_rss_mb()  # a first reading, kept even if the process dies mid-invoke
            if not self._ready.done():
                self._ready.set_result(None)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        dispatch: asyncio.Future[Invocation] = self._loop.create_future()
        self._dispatch = dispatch
        if previous is State.RESPONDED and self._current is not None:
            self._settle(self._current)
        return await dispatch

    def answer_target(self, request_id: str) -> InvokeRecord:
        """The invocation a /response or /error for ``request_id`` answers; ``Rejected`` otherwise."""
        record = self._current
        if record is None or record.request_id != request_id:
            raise Rejected(400, "InvalidRequestID", f"Invalid request ID: {request_id!r}")
        if self.lifecycle.state is not State.INVOKING or record.finished.done():
            raise Rejected(403, "InvalidStateTransition", f"Invocation {request_id} was already answered")
        return record

    def respond(self, record: InvokeRecord, outcome: Success | Failure, *, is_error: bool) -> None:
        self.lifecycle.apply(Event.ERROR if is_error else Event.RESPONSE)
        record.first.set_result(outcome)
        self._complete(record, outcome if isinstance(outcome, Failure) else None)

    def begin_stream(self, record: InvokeRecord, content_type: str) -> StreamedResult:
        self.lifecycle.apply(Event.RESPONSE)
        stream = StreamedResult(content_type)
        record.first.set_result(stream)
        return stream

    def end_stream(self, record: InvokeRecord, failure: Failure | None) -> None:
        self._complete(record, failure)

    def init_error(self, failure: Failure) -> None:
        """POST /init/error. ``IllegalTransition`` -> 403."""
        self.lifecycle.apply(Event.INIT_ERROR)
        if self._process is not None:
            self._process.drain_output()  # what the runtime printed before reporting belongs to the init
        self._init_duration_ms = (time.monotonic() - self._init_started) * 1000
        if not self._ready.done():
            self._ready.set_result(failure)
            self.host.platform_event(
                "platform.initRuntimeDone",
                platform_init_runtime_done(status="error", error_type=failure.error_type),
            )

    # -- ending -----------------------------------------------------------------------------------

    async def _watch_exit(self, process: SupervisedProcess) -> None:
        status = await process.wait()
        process.drain_output()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(asyncio.shield(process.output_closed), 0.2)
        reason = describe_exit(status)
        record = self._current
        if record is not None and not record.finished.done():
            self._complete(
                record,
                Failure.of(
                    "Runtime.ExitError",
                    f"RequestId: {record.request_id} Error: Runtime exited with error: {reason}",
                ),
                status="error",
            )
        if not self._ready.done():
            self._fail_init(Failure.of("Runtime.ExitError", f"Runtime exited with error: {reason}"))
        if self.lifecycle.can(Event.EXIT):
            self.lifecycle.apply(Event.EXIT)
        self.begin_shutdown("failure")

    def begin_shutdown(self, reason: str) -> asyncio.Task[None]:
        """Start shutting down (once): the invoke in hand, if any, will not find it reusable."""
        if self._shutdown_task is None:
            self._shutdown_task = asyncio.create_task(self._shutdown(reason))
            if self._current is not None:
                _resolve(self._current.reusable, False)
        return self._shutdown_task

    async def shutdown(self, reason: str = "spindown") -> None:
        await self.begin_shutdown(reason)

    async def _shutdown(self, reason: str) -> None:
        if self.lifecycle.can(Event.SHUTDOWN):
            self.lifecycle.apply(Event.SHUTDOWN)
        if self._timer is not None:
            self._timer.cancel()
        budget = self._host.shutdown_budget_ms / 1000 if self._host is not None else 0.0
        deadline_ms = int(time.time() * 1000 + budget * 1000)
        process = self._process
        terminating = self._tasks.start(process.terminate(budget)) if process is not None else None
        if self._host is not None:
            try:
                await self._host.shutdown(reason.lower(), deadline_ms)
            except Exception as exc:
                self._sink(f"[{self.name}] extensions shutdown failed: {exc!r}")
        if terminating is not None:
            await terminating
        if self._exit_watch is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._exit_watch
        if self._dispatch is not None and not self._dispatch.done():
            self._dispatch.cancel()
        if self._server is not None:
            await self._server.close()
        await self._tasks.aclose()
        if self.lifecycle.can(Event.EXIT):
            self.lifecycle.apply(Event.EXIT)


def _resolve(future: asyncio.Future[bool], value: bool) -> None:
    if not future.done():
        future.set_result(value)
