"""Where a warm invoke's CPU goes: a runtime of bench_runtime under cProfile, serving the same event.

Run: ``python -m bench.profile_runtime [--runtime lambda_runtime|floor|awslambdaric] [--invokes N] [--top K]``

The runtime process runs ``python -S -m cProfile -o FILE ...`` against bench_runtime's Runtime API peer;
after the invokes the peer closes the connection, the runtime exits and the profile (whole process, cold
start included, so use enough invokes) is printed sorted by own time. cProfile adds its own cost to every
Python call: read the shares, not the absolute microseconds.
"""

from __future__ import annotations

import argparse
import pstats
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench import bench_runtime
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

__all__ = ["main"]


def profile(name: str, invokes: int, top: int) -> str:
    event, _ = load_event()
    spec = {spec.name: spec for spec in runtime_specs()}[name]
    with tempfile.TemporaryDirectory(prefix="profile-runtime-") as directory:
        task_root = Path(directory)
        (task_root / f"{HANDLER_MODULE}.py").write_text(HANDLER_SOURCE)
        output = task_root / "profile.out"
        python, rest = spec.command[:2], spec.command[2:]
        profiled = RuntimeSpec(name, (*python, "-m", "cProfile", "-o", str(output), *rest))
        checker = _Checker(event, task_root)
        with _connected(profiled, task_root, BenchSettings()) as (peer, process, _):
            for number in range(invokes):
                _expect_next(peer)
                request_id = _request_id(number)
                peer.send_invocation(request_id, event)
                checker.check(peer.read_request(), request_id)
                peer.accept_post()
            _expect_next(peer)
            peer.refuse_next()
            process.wait(timeout=60)
        stream = _Capture()
        stats = pstats.Stats(str(output), stream=stream)  # type: ignore[arg-type]
        stats.sort_stats("tottime").print_stats(top)
        return stream.text()


class _Capture:
    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str) -> int:
        self._parts.append(text)
        return len(text)

    def text(self) -> str:
        return "".join(self._parts)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile_runtime", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runtime", default="lambda_runtime", choices=[s.name for s in runtime_specs()])
    parser.add_argument("--invokes", type=int, default=20000)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    try:
        print(profile(args.runtime, args.invokes, args.top))
    except bench_runtime.BenchError as exc:
        raise SystemExit(f"profile_runtime: {exc}") from None


if __name__ == "__main__":
    main()
