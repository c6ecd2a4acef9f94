"""The emulator assembled: one function, a pool of execution environments, the Invoke API server.

``Emulator`` is what tests and the demo embed; ``run_emulator`` is the ``emulate`` command's main loop.
The emulator makes itself a child subreaper (containment.py) when it starts, so orphaned daemons of its
runtimes and extensions become its children, are killed with their environment and reaped; and it ends
what emulators killed before they could clean up left behind in their cgroups.
Its console gets the lines of up to ``CONSOLE_FLUSH_S`` in one write (the START, output, END and REPORT of
many back-to-back invokes, not one write per line or per invoke), from a thread with a bounded buffer, so a
console nobody reads costs dropped lines (counted, reported once it moves again), never a stuck emulator.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections import deque
from typing import TextIO

from lambda_runtime.emulator import loop as event_loop
from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.core import containment
from lambda_runtime.emulator.core.environment import ExecutionEnvironment
from lambda_runtime.emulator.core.logs import LogSink, for_display
from lambda_runtime.emulator.core.pool import Pool
from lambda_runtime.emulator.http.invoke import InvokeApi
from lambda_runtime.emulator.http.runtime import RuntimeApi
from lambda_runtime.emulator.http.server import Handler, HttpServer

__all__ = ["CONSOLE_BUFFER_BYTES", "CONSOLE_FLUSH_S", "ConsoleLog", "Emulator", "print_line", "run_emulator"]


def print_line(line: str) -> None:
    sys.stdout.write(for_display(line) + "\n")
    sys.stdout.flush()


def _file_descriptor(stream: TextIO) -> int | None:
    try:
        fd = stream.fileno()
        stream.flush()
    except (OSError, ValueError, AttributeError):
        return None
    return fd


# Console output waiting for a slow or stuck reader, at most; beyond it whole lines are dropped.
CONSOLE_BUFFER_BYTES = 1024 * 1024
# A line waits this long for others before the writer gets them: one chunk, and one wake-up of the writer
# thread (which needs the interpreter lock the event loop runs on), per window instead of per loop iteration.
CONSOLE_FLUSH_S = 0.005


class ConsoleLog:
    """A log sink for a text stream that can never block the event loop.

    Rules:
    - Lines logged within ``CONSOLE_FLUSH_S`` of the first one become one chunk (without a running loop,
      each line is one; ``flush`` and ``wait_written`` hand over what is pending at once); multi-line
      records are shown as indented lines (``for_display``).
    - A writer thread owns the stream: the loop only appends chunks to a buffer of at most
      ``limit_bytes`` (plus the chunk being written). A chunk that does not fit is dropped whole and
      counted; once the stream takes everything again, one line reports how many lines and bytes were
      dropped.
    - A stream that breaks (a closed pipe) is given up on: the emulator keeps serving.
    - Nothing else may write to the stream while the console is in use.
    """

    def __init__(self, stream: TextIO | None = None, *, limit_bytes: int = CONSOLE_BUFFER_BYTES) -> None:
        self._stream = stream if stream is not None else sys.stdout
        self._limit = limit_bytes
        self._pending: list[str] = []
        self._scheduled = False
        # Shared with the writer thread, under _cond.
        self._cond = threading.Condition()
        self._chunks: deque[str] = deque()
        self._buffered = 0
        self._writing = False
        self._broken = False
        self._dropped_lines = 0
        self._dropped_bytes = 0
        self._thread: threading.Thread | None = None
        # A real file is written with os.write: a thread stuck in a buffered stream's write would hold its
        # lock and make the interpreter's exit abort.
        self._fd = _file_descriptor(self._stream)

    def __call__(self, line: str) -> None:
        if self._broken:
            return
        self._pending.append(for_display(line))
        if self._scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        self._scheduled = True
        loop.call_later(CONSOLE_FLUSH_S, self.flush)

    def flush(self) -> None:
        """Hand the pending lines to the writer (never waits for the stream)."""
        self._scheduled = False
        if not self._pending:
            return
        text = "\n".join(self._pending) + "\n"
        lines = len(self._pending)
        self._pending.clear()
        with self._cond:
            if self._broken:
                return
            if self._buffered + len(text) > self._limit:
                self._dropped_lines += lines
                self._dropped_bytes += len(text.encode("utf-8", "replace"))
                return
            self._chunks.append(text)
            self._buffered += len(text)
            self._cond.notify_all()
        if self._thread is None:
            self._thread = threading.Thread(target=self._write_forever, name="console", daemon=True)
            self._thread.start()

    @property
    def dropped(self) -> tuple[int, int]:
        """(lines, bytes) dropped and not reported yet."""
        with self._cond:
            return self._dropped_lines, self._dropped_bytes

    def wait_written(self, timeout: float | None = None) -> bool:
        """Block until the writer has written everything handed to it; False on timeout."""
        self.flush()
        with self._cond:
            return self._cond.wait_for(lambda: self._broken or not (self._chunks or self._writing), timeout)

    def _write_forever(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: bool(self._chunks))
                text = "".join(self._chunks)
                self._chunks.clear()
                self._buffered = 0
                self._writing = True
            if self._dropped_lines:
                note = self._take_drop_note()
                text += note
            try:
                self._write_out(text)
            except (OSError, ValueError):
                with self._cond:
                    self._broken = True
                    self._chunks.clear()
                    self._cond.notify_all()
                return
            with self._cond:
                self._writing = False
                if self._chunks or not self._dropped_lines:
                    self._cond.notify_all()
                    continue
                # Drops happened while this write was stuck: report them now the stream moves again.
                self._chunks.append("")
                self._cond.notify_all()

    def _write_out(self, text: str) -> None:
        if self._fd is None:
            self._stream.write(text)
            self._stream.flush()
            return
        data = memoryview(text.encode("utf-8", "replace"))
        while data:
            data = data[os.write(self._fd, data) :]

    def _take_drop_note(self) -> str:
        with self._cond:
            lines, size = self._dropped_lines, self._dropped_bytes
            self._dropped_lines = self._dropped_bytes = 0
        if not lines:
            return ""
        return f"[lambda-runtime] console output was not being read: dropped {lines} lines ({size} bytes)\n"


def _serve_runtime_api(env: ExecutionEnvironment) -> Handler:
    return RuntimeApi(env).handle


class Emulator:
    def __init__(self, config: FunctionConfig, *, log_sink: LogSink = print_line) -> None:
        self.config = config
        self._sink = log_sink
        self._reaper = containment.OrphanReaper()
        self.pool = Pool(config.concurrency, self._new_environment)
        self.invoke_api = InvokeApi(config, self.pool, log_sink)
        self.server = HttpServer(
            self.invoke_api.router(),
            name="invoke-api",
            idle_timeout_s=config.http_idle_timeout_s,
            header_timeout_s=config.http_header_timeout_s,
        )

    def _new_environment(self, generation: int) -> ExecutionEnvironment:
        return ExecutionEnvironment(
            self.config, name=f"env-{generation}", log_sink=self._sink, runtime_api=_serve_runtime_api
        )

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def endpoint_url(self) -> str:
        return f"http://{self.server.authority}"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        containment.become_subreaper()
        await containment.end_stale_cgroups()
        await self.server.start(host, port)
        self._reaper.start()

    async def close(self) -> None:
        self.pool.begin_close()
        await self.server.close()
        await self.invoke_api.close()
        await self.pool.close()
        await self._reaper.close()

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


# How long `emulate` waits at exit for its console to take the last lines.
_EXIT_FLUSH_S = 2.0


async def _serve(config: FunctionConfig, host: str, port: int) -> int:
    console = ConsoleLog()
    emulator = Emulator(config, log_sink=console)
    try:
        await emulator.start(host, port)
    except OSError as exc:
        print(
            f"lambda-runtime emulate: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr
        )
        return 1
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    console(
        f"Lambda emulator: function {config.function_name!r} (handler {config.handler}, timeout "
        f"{config.timeout_s:g} s, memory {config.memory_mb} MB, concurrency {config.concurrency})"
    )
    console(f"  runtime: {' '.join(config.command)}")
    console(f"  Invoke API: {emulator.endpoint_url}/2015-03-31/functions/{config.function_name}/invocations")
    console(f"  try: lambda-runtime invoke --port {emulator.port} --payload '{{}}'   (Ctrl-C stops)")
    try:
        await stop.wait()
    finally:
        console("Lambda emulator: shutting down")
        await emulator.close()
        console.flush()
        # A reader that stopped reading does not keep the emulator from exiting.
        await asyncio.to_thread(console.wait_written, _EXIT_FLUSH_S)
    return 0


def run_emulator(config: FunctionConfig, *, host: str = "127.0.0.1", port: int = 9000) -> int:
    return event_loop.run(_serve(config, host, port))
