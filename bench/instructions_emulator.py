"""Instructions per warm invoke of the emulator's process (user space, counted by valgrind's callgrind).

Run: ``python -m bench.instructions_emulator [--invokes N] [--concurrency C] [--contenders ...]
[--emulator-root ROOT] [--compare OLD_ROOT]``

Each contender runs in a child Python process under ``valgrind --tool=callgrind`` (``PYTHONHASHSEED=0``):
``floor`` is bench/floor_emulator.py (one execution environment: at C > 1 invokes wait their turn),
``ours`` the emulator of this tree (or of ``--emulator-root``), ``before`` the one in ``--compare``'s
OLD_ROOT; the emulators get ``concurrency=C`` and a log sink that drops every line, and run on
``lambda_runtime.emulator.loop.run`` when that module exists (else ``asyncio.run``). The function is an
echo served by bench/floor_runtime.py (always from this tree); valgrind does not follow it (no
``--trace-children``), so only the emulator's process is counted.

The parent (not under valgrind) sends warm-up invokes over C keep-alive raw sockets (one thread per
caller), lets the emulator go idle, and asks callgrind for a dump (which resets the counters); then it
sends ``--invokes`` invokes, lets it go idle again and asks for a second dump: that file's total over N is
the count per invoke. Kernel work is not counted. Between runs the emulators' counts move about 0.5%, the
floor's (smaller) a few %.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

__all__ = ["count", "main"]

HERE = Path(__file__).resolve().parents[1]
FLOOR_RUNTIME = Path(__file__).resolve().parent / "floor_runtime.py"
ECHO = "def handler(event, context):\n    return event\n"
PAYLOAD = b'{"n": 1234}'
EXPECTED = b'{"n":1234}'
WARM_UP = 60
# Time for the last invoke's tail (the runtime's next /next, deferred work) to run before a dump.
SETTLE_S = 1.0
_REQUEST = (
    b"POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: bench\r\n"
    b"Content-Length: %d\r\n\r\n%s" % (len(PAYLOAD), PAYLOAD)
)
_TOTALS = re.compile(rb"^(?:summary|totals):\s+(\d+)", re.MULTILINE)


# -- the child (under valgrind) ------------------------------------------------------------------------


async def _serve(contender: str, root: Path, task_root: Path, concurrency: int) -> None:
    command = (sys.executable, str(FLOOR_RUNTIME))
    server: Any
    if contender == "floor":
        from bench.floor_emulator import FloorEmulator

        server = FloorEmulator(handler="fn.handler", task_root=task_root, command=command)
    else:
        from lambda_runtime.emulator.config import FunctionConfig
        from lambda_runtime.emulator.service import Emulator

        config = FunctionConfig(
            handler="fn.handler", task_root=task_root, command=command, concurrency=concurrency
        )
        server = Emulator(config, log_sink=lambda line: None)
    async with server:
        print(server.port, flush=True)
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()

        def readable() -> None:  # a line on stdin or its end
            if not done.done():
                done.set_result(None)

        loop.add_reader(0, readable)
        await done
        loop.remove_reader(0)


def _child(contender: str, root: Path, task_root: Path, concurrency: int) -> None:
    runner: Callable[[Coroutine[Any, Any, None]], None]
    if contender == "floor":
        from bench.floor_emulator import run as runner
    else:
        sys.path.insert(0, str(root))
        try:
            from lambda_runtime.emulator.loop import run as runner
        except ImportError:
            runner = asyncio.run
    runner(_serve(contender, root, task_root, concurrency))


# -- the parent ----------------------------------------------------------------------------------------


class _Caller:
    """One keep-alive raw socket to the Invoke API."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.stream = self.sock.makefile("rb")

    def invoke(self, times: int) -> None:
        for _ in range(times):
            self.sock.sendall(_REQUEST)
            status = self.stream.readline()
            length = -1
            while (line := self.stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = self.stream.read(length)
            if not status.startswith(b"HTTP/1.1 200") or body != EXPECTED:
                raise RuntimeError(f"invoke failed: {status!r} {body[:200]!r}")

    def close(self) -> None:
        self.stream.close()
        self.sock.close()


def _invoke_all(callers: list[_Caller], total: int) -> None:
    """``total`` invokes shared among the callers, each in its own thread when there are several."""
    shares = [total // len(callers) + (index < total % len(callers)) for index in range(len(callers))]
    if len(callers) == 1:
        callers[0].invoke(total)
        return
    errors: list[BaseException] = []

    def work(caller: _Caller, times: int) -> None:
        try:
            caller.invoke(times)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=pair) for pair in zip(callers, shares, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def _dump(pid: int) -> None:
    time.sleep(SETTLE_S)
    subprocess.run(["callgrind_control", "-d", str(pid)], check=True, capture_output=True)


def count(contender: str, root: Path, invokes: int, concurrency: int, directory: Path) -> float:
    """Instructions per warm invoke of one contender's process (``root``: where lambda_runtime comes from)."""
    task_root = directory / "task"
    task_root.mkdir(exist_ok=True)
    (task_root / "fn.py").write_text(ECHO)
    output = Path(tempfile.mkdtemp(prefix=f"{contender}-", dir=directory))
    command = [
        "valgrind",
        "--tool=callgrind",
        "--quiet",
        f"--callgrind-out-file={output}/cg.%p",
        sys.executable,
        "-m",
        "bench.instructions_emulator",
        "--serve",
        contender,
        "--emulator-root",
        str(root),
        "--task-root",
        str(task_root),
        "--concurrency",
        str(concurrency),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    process = subprocess.Popen(
        command, cwd=HERE, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdin is not None
    assert process.stdout is not None
    callers: list[_Caller] = []
    try:
        line = process.stdout.readline()
        if not line.strip().isdigit():
            raise SystemExit(f"{contender}: the emulator did not start (printed {line!r})")
        callers = [_Caller(int(line)) for _ in range(concurrency)]
        _invoke_all(callers, WARM_UP)
        _dump(process.pid)
        _invoke_all(callers, invokes)
        _dump(process.pid)
    finally:
        for caller in callers:
            caller.close()
        process.stdin.close()
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    match = _TOTALS.search((output / f"cg.{process.pid}.2").read_bytes())
    if match is None:
        raise SystemExit(f"no instruction total in {output}/cg.{process.pid}.2")
    return int(match.group(1)) / invokes


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.instructions_emulator", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--invokes", type=int, default=300, help="measured invokes (default 300)")
    parser.add_argument("--concurrency", type=int, default=1, help="callers and environments (default 1)")
    parser.add_argument(
        "--contenders", nargs="+", choices=("floor", "ours", "before"), help="default: all that apply"
    )
    parser.add_argument("--emulator-root", type=Path, default=HERE, help="import 'ours' from this checkout")
    parser.add_argument("--compare", type=Path, metavar="OLD_ROOT", help="also measure the emulator there")
    parser.add_argument("--serve", choices=("floor", "ours"), help=argparse.SUPPRESS)
    parser.add_argument("--task-root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve is not None:
        _child(args.serve, args.emulator_root, args.task_root, args.concurrency)
        return
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        raise SystemExit("instructions_emulator needs valgrind (callgrind_control)")
    contenders = args.contenders or ["floor", "ours", *(["before"] if args.compare else [])]
    if "before" in contenders and args.compare is None:
        raise SystemExit("'before' needs --compare OLD_ROOT")
    roots = {"floor": HERE, "ours": args.emulator_root.resolve()}
    if args.compare is not None:
        roots["before"] = args.compare.resolve()
    print(
        f"{args.invokes} warm invokes, concurrency {args.concurrency}, floor runtime as the function",
        flush=True,
    )
    per_invoke: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="instructions-emulator-") as directory:
        for name in contenders:
            serve = "floor" if name == "floor" else "ours"
            per_invoke[name] = count(serve, roots[name], args.invokes, args.concurrency, Path(directory))
            print(f"  measured {name}: {per_invoke[name]:,.0f}", flush=True)
    print(f"{'contender':<10} {'instructions/invoke':>20} {'/ floor':>9}  emulator from")
    for name, value in per_invoke.items():
        ratio = f"{value / per_invoke['floor']:.2f}x" if "floor" in per_invoke else "-"
        where = "bench/floor_emulator.py" if name == "floor" else str(roots[name])
        print(f"{name:<10} {value:>20,.0f} {ratio:>9}  {where}")
    if "ours" in per_invoke and "before" in per_invoke:
        print(f"after / before (ours / before): {per_invoke['ours'] / per_invoke['before']:.3f}x")


if __name__ == "__main__":
    main()
