"""Invoke latency and throughput through the emulator, with awslambdaric and with our runtime.

Run: ``python -m bench.bench_emulator``. Targets: p50 with awslambdaric <= 1.3 ms (what AWS's RIE gives on
these machines); throughput at concurrency 2 >= 1.6x concurrency 1. The client is a raw keep-alive socket,
so the numbers measure the emulator and the runtime, not an HTTP client library.
"""

from __future__ import annotations

import asyncio
import dataclasses
import socket
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.service import Emulator

__all__ = ["main"]

SEQUENTIAL_INVOKES = 400
THROUGHPUT_SECONDS = 2.0
FUNCTION = "def handler(event, context):\n    return event\n"
_REQUEST = (
    b"POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: bench\r\n"
    b'Content-Length: 11\r\n\r\n{"n": 1234}'
)


async def _invoke(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(_REQUEST)
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"invoke failed: {head!r}")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    await reader.readexactly(length)


async def _sequential(port: int) -> list[float]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(20):  # warm up (and start the environment)
        await _invoke(reader, writer)
    samples = []
    for _ in range(SEQUENTIAL_INVOKES):
        started = time.perf_counter()
        await _invoke(reader, writer)
        samples.append((time.perf_counter() - started) * 1000)
    writer.close()
    return samples


def _blocking_caller(port: int, seconds: float) -> int:
    """One caller in its own process (blocking socket): the emulator's event loop serves only the emulator."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        stream = sock.makefile("rb")
        count = 0
        stop = time.perf_counter() + seconds
        while time.perf_counter() < stop:
            sock.sendall(_REQUEST)
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            stream.read(length)
            count += 1
    return count


async def _throughput(port: int, callers: int) -> float:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(callers) as executor:
        warm = [loop.run_in_executor(executor, _blocking_caller, port, 0.3) for _ in range(callers)]
        await asyncio.gather(*warm)
        runs = [
            loop.run_in_executor(executor, _blocking_caller, port, THROUGHPUT_SECONDS) for _ in range(callers)
        ]
        counts = await asyncio.gather(*runs)
    return sum(counts) / THROUGHPUT_SECONDS


async def _measure(config: FunctionConfig) -> tuple[float, float, float, float]:
    async with Emulator(config, log_sink=lambda line: None) as emulator:
        samples = sorted(await _sequential(emulator.port))
        one = await _throughput(emulator.port, 1)
    config2 = dataclasses.replace(config, concurrency=2)
    async with Emulator(config2, log_sink=lambda line: None) as emulator:
        two = await _throughput(emulator.port, 2)
    p50 = statistics.median(samples)
    p99 = samples[int(len(samples) * 0.99) - 1]
    return p50, p99, one, two


async def _run() -> None:
    with tempfile.TemporaryDirectory() as root:
        task_root = Path(root)
        (task_root / "fn.py").write_text(FUNCTION)
        runtimes = {
            "awslambdaric": FunctionConfig(
                handler="fn.handler",
                task_root=task_root,
                command=(sys.executable, "-m", "awslambdaric", "fn.handler"),
            ),
            "lambda_runtime": FunctionConfig(handler="fn.handler", task_root=task_root),
        }
        columns = ("p50 ms", "p99 ms", "c=1 /s", "c=2 /s", "c2/c1", "p50/1.3ms")
        print(f"{'runtime':<16}" + "".join(f"{column:>11}" for column in columns))
        for name, config in runtimes.items():
            p50, p99, one, two = await _measure(config)
            values = (
                f"{p50:.3f}",
                f"{p99:.3f}",
                f"{one:.0f}",
                f"{two:.0f}",
                f"{two / one:.2f}",
                f"{p50 / 1.3:.2f}",
            )
            print(f"{name:<16}" + "".join(f"{value:>11}" for value in values))
        print("targets: p50 with awslambdaric <= 1.3 ms (ratio <= 1.00); c2/c1 >= 1.60")


def main() -> None:
    asyncio.run(_run())


if __name__ == "__main__":
    main()
