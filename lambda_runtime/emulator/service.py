"""The emulator assembled: one function, a pool of execution environments, the Invoke API server.

``Emulator`` is what tests and the demo embed; ``run_emulator`` is the ``emulate`` command's main loop.
Its console gets the lines of one event-loop iteration in one write (START, output, END and REPORT of an
invoke are typically one write, not one per line).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from typing import TextIO

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.environment import ExecutionEnvironment
from lambda_runtime.emulator.http_server import HttpServer
from lambda_runtime.emulator.invoke_api import InvokeApi
from lambda_runtime.emulator.logs import LogSink
from lambda_runtime.emulator.pool import Pool

__all__ = ["ConsoleLog", "Emulator", "print_line", "run_emulator"]


def print_line(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class ConsoleLog:
    """A log sink for a text stream that writes once per event-loop iteration; at once without a loop.

    A stream that breaks (a closed pipe) is given up on: the emulator keeps serving.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stdout
        self._pending: list[str] = []
        self._scheduled = False
        self._broken = False

    def __call__(self, line: str) -> None:
        if self._broken:
            return
        self._pending.append(line)
        if self._scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        self._scheduled = True
        loop.call_soon(self.flush)

    def flush(self) -> None:
        self._scheduled = False
        if not self._pending:
            return
        text = "".join(line + "\n" for line in self._pending)
        self._pending.clear()
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            self._broken = True


class Emulator:
    def __init__(self, config: FunctionConfig, *, log_sink: LogSink = print_line) -> None:
        self.config = config
        self._sink = log_sink
        self.pool = Pool(config.concurrency, self._new_environment)
        self.invoke_api = InvokeApi(config, self.pool, log_sink)
        self.server = HttpServer(
            self.invoke_api.router(),
            name="invoke-api",
            idle_timeout_s=config.http_idle_timeout_s,
            header_timeout_s=config.http_header_timeout_s,
        )

    def _new_environment(self, generation: int) -> ExecutionEnvironment:
        return ExecutionEnvironment(self.config, name=f"env-{generation}", log_sink=self._sink)

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def endpoint_url(self) -> str:
        return f"http://{self.server.authority}"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        await self.server.start(host, port)

    async def close(self) -> None:
        await self.server.close()
        self.pool.begin_close()
        await self.invoke_api.close()
        await self.pool.close()

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


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
        console.flush()
        await emulator.close()
        console.flush()
    return 0


def run_emulator(config: FunctionConfig, *, host: str = "127.0.0.1", port: int = 9000) -> int:
    return asyncio.run(_serve(config, host, port))
