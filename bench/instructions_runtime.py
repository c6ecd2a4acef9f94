"""Instructions per warm invoke (user space, counted by valgrind's callgrind): repeatable on a busy machine.

Run: ``python -m bench.instructions_runtime [--runtimes lambda_runtime floor] [--invokes N]``

Each runtime of bench_runtime serves the same event under ``valgrind --tool=callgrind`` twice: once with
``--base`` invokes and once with ``--base + --invokes``; the difference of the two instruction totals over
``--invokes`` is the per-invoke count (start-up and exit cancel out). Kernel work (the socket system calls)
is not counted: this is the Python-side cost, where runtimes differ. A one-invoke run comes first and is not
counted: it writes the byte-code caches, which would otherwise be compiled inside the shorter run only.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.bench_runtime import (
    HANDLER_MODULE,
    HANDLER_SOURCE,
    BenchSettings,
    RuntimeSpec,
    _Checker,
    _connected,
    _expect_next,
    _request_id,
    load_event,
    runtime_specs,
)

__all__ = ["count", "main"]

_TOTALS = re.compile(rb"^(?:summary|totals):\s+(\d+)", re.MULTILINE)


def count(
    spec: RuntimeSpec, invokes: int, task_root: Path, event: bytes, settings: BenchSettings | None = None
) -> int:
    """Instructions the runtime process executed serving ``invokes`` invocations, start to exit."""
    output = task_root / f"callgrind.{spec.name}.{invokes}.out"
    traced = RuntimeSpec(
        spec.name,
        ("valgrind", "--tool=callgrind", "--quiet", f"--callgrind-out-file={output}", *spec.command),
    )
    checker = _Checker(event, task_root)
    with _connected(traced, task_root, settings or BenchSettings()) as (peer, process, _):
        for number in range(invokes):
            _expect_next(peer)
            request_id = _request_id(number)
            peer.send_invocation(request_id, event)
            checker.check(peer.read_request(), request_id)
            peer.accept_post()
        _expect_next(peer)
        peer.refuse_next()
        process.wait(timeout=300)
    match = _TOTALS.search(output.read_bytes())
    if match is None:
        raise SystemExit(f"no instruction total in {output}")
    return int(match.group(1))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.instructions_runtime", description=__doc__.split("\n")[0]
    )
    names = [spec.name for spec in runtime_specs()]
    parser.add_argument("--runtimes", nargs="+", default=["lambda_runtime", "floor"], choices=names)
    parser.add_argument("--base", type=int, default=100, help="invokes of the shorter run (default 100)")
    parser.add_argument("--invokes", type=int, default=1000, help="extra invokes of the longer run")
    parser.add_argument(
        "--ours-root", type=Path, help="import lambda_runtime from this directory (to measure a patch)"
    )
    args = parser.parse_args(argv)
    settings = BenchSettings(ours_root=args.ours_root)
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions_runtime needs valgrind")
    event, _ = load_event()
    specs = {spec.name: spec for spec in runtime_specs()}
    per_invoke: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="instructions-runtime-") as directory:
        task_root = Path(directory)
        (task_root / f"{HANDLER_MODULE}.py").write_text(HANDLER_SOURCE)
        for name in args.runtimes:
            # Unmeasured: writes the byte-code caches, which the shorter run would otherwise pay for alone.
            count(specs[name], 1, task_root, event, settings)
            short = count(specs[name], args.base, task_root, event, settings)
            long = count(specs[name], args.base + args.invokes, task_root, event, settings)
            per_invoke[name] = (long - short) / args.invokes
            print(f"{name:16} {per_invoke[name]:12,.0f} instructions per warm invoke", flush=True)
    if "floor" in per_invoke:
        for name, value in per_invoke.items():
            if name != "floor":
                print(f"{name} / floor: {value / per_invoke['floor']:.3f}x")


if __name__ == "__main__":
    main()
