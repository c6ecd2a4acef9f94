"""Resident memory over many invokes with a new trace id each: does ``_X_AMZN_TRACE_ID`` leak?

Run: ``python -m bench.rss_trace_env [--steps 1000000] [--invokes 100000]``

Two measurements, each printing RSS (``VmRSS``) before and after:

1. The per-invoke trace step alone, ``--steps`` times in this process with a distinct trace header each
   time: ``os.environ[...] = value`` (what the runtime did: glibc's setenv keeps every replaced string),
   then ``TraceEnv.set`` (what it does now), each in a fresh child process.
2. The real runtime process (``python -S -m lambda_runtime``) serving ``--invokes`` invocations over one
   connection, each with a distinct ``Lambda-Runtime-Trace-Id``; its RSS after a warm-up and at the end.
   ``--ours-root DIR`` measures another copy of the package (e.g. the code before the fix).

Not a test: RSS is noisy at the scale of a few pages; the regression test checks the C-level evidence
(tests/runtime/test_trace_env.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bench.bench_runtime import (
    FUNCTION_ARN,
    HANDLER_MODULE,
    HANDLER_SOURCE,
    BenchSettings,
    RuntimeApiPeer,
    _connected,
    _expect_next,
    _request_id,
    load_event,
    runtime_specs,
)

__all__ = ["main"]

_STEP_CHILD = """
import os, sys

def rss_kib():
    with open("/proc/self/status") as file:
        for line in file:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

mode, steps = sys.argv[1], int(sys.argv[2])
template = "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Parent=%016x;Sampled=1"
if mode == "TraceEnv":
    from lambda_runtime.runtime.trace_env import TraceEnv

    env = TraceEnv()
    env.set(template % 0)
    env.prepare()
    step = env.set
else:
    def step(value):
        os.environ["_X_AMZN_TRACE_ID"] = value
for number in range(1, 1001):  # warm-up: every allocation the loop needs exists
    step(template % number)
before = rss_kib()
for number in range(1001, steps + 1001):
    step(template % number)
print(before, rss_kib())
"""


def trace(number: int) -> str:
    return f"Root=1-5e9f0c65-{number:024x};Parent={number:016x};Sampled=1"


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as file:
        for line in file:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def step_rss(mode: str, steps: int, ours_root: Path) -> tuple[int, int]:
    env = {"PYTHONPATH": str(ours_root)}
    output = subprocess.run(
        [sys.executable, "-c", _STEP_CHILD, mode, str(steps)], env=env, capture_output=True, check=True
    ).stdout.split()
    return int(output[0]), int(output[1])


def _send(peer: RuntimeApiPeer, request_id: str, event: bytes, trace_id: str) -> None:
    deadline = int(time.time() * 1000) + 300_000
    head = (
        "HTTP/1.1 200 OK\r\n"
        f"Lambda-Runtime-Aws-Request-Id: {request_id}\r\n"
        f"Lambda-Runtime-Deadline-Ms: {deadline}\r\n"
        f"Lambda-Runtime-Invoked-Function-Arn: {FUNCTION_ARN}\r\n"
        f"Lambda-Runtime-Trace-Id: {trace_id}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(event)}\r\n\r\n"
    )
    peer._sock.sendall(head.encode("latin-1") + event)


def process_rss(invokes: int, warmup: int, settings: BenchSettings) -> tuple[int, int]:
    event, _ = load_event()
    spec = {spec.name: spec for spec in runtime_specs()}["lambda_runtime"]
    with tempfile.TemporaryDirectory(prefix="rss-trace-env-") as directory:
        task_root = Path(directory)
        (task_root / f"{HANDLER_MODULE}.py").write_text(HANDLER_SOURCE)
        before = 0
        with _connected(spec, task_root, settings) as (peer, process, _):
            for number in range(warmup + invokes):
                _expect_next(peer)
                if number == warmup:
                    before = rss_kib(process.pid)
                _send(peer, _request_id(number), event, trace(number))
                peer.read_request()
                peer.accept_post()
            _expect_next(peer)
            after = rss_kib(process.pid)
            peer.refuse_next()
    return before, after


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rss_trace_env", description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=1_000_000, help="trace steps in-process (default 1M)")
    parser.add_argument("--invokes", type=int, default=100_000, help="real-process invokes (default 100k)")
    parser.add_argument("--warmup", type=int, default=2000, help="real-process invokes before the first RSS")
    parser.add_argument("--ours-root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args(argv)
    for mode in ("os.environ", "TraceEnv"):
        if mode == "TraceEnv" and not (args.ours_root / "lambda_runtime/runtime/trace_env.py").is_file():
            continue
        before, after = step_rss(mode, args.steps, args.ours_root)
        print(
            f"{args.steps:,} trace steps via {mode:<10}: RSS {before / 1024:.1f} -> {after / 1024:.1f} MiB "
            f"(+{(after - before) / 1024:.2f} MiB)",
            flush=True,
        )
    if args.invokes:
        settings = replace(BenchSettings(), ours_root=args.ours_root)
        before, after = process_rss(args.invokes, args.warmup, settings)
        print(
            f"{args.invokes:,} invokes of python -m lambda_runtime ({args.ours_root}): RSS "
            f"{before / 1024:.1f} -> {after / 1024:.1f} MiB (+{(after - before) / 1024:.2f} MiB)"
        )


if __name__ == "__main__":
    main()
