"""Timing and reporting helpers every bench script shares.

Rules: a cost is the best (lowest) mean ns per call over several repeats, so a busy machine inflates
nothing it did not slow every time; tables report ratios against a named baseline, never raw targets
baked in.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from typing import Any

import orjson

__all__ = [
    "FLOOR",
    "OURS",
    "best_ns_per_call",
    "interleaved_best",
    "loads_alone",
    "print_decoder_table",
    "timing_arguments",
]


def best_ns_per_call(call: Callable[[], object], calls: int, repeats: int) -> float:
    """The lowest mean ns per call of ``call`` over ``repeats`` runs of ``calls`` calls each."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter_ns()
        for _ in range(calls):
            call()
        best = min(best, (time.perf_counter_ns() - start) / calls)
    return best


def interleaved_best(
    calls_by_name: dict[str, Callable[[], object]], calls: int, repeats: int
) -> dict[str, float]:
    """Best ns per call for each contender, running them in turn within every repeat so that a busy
    machine slows all of them alike."""
    best = dict.fromkeys(calls_by_name, float("inf"))
    for _ in range(repeats):
        for name, call in calls_by_name.items():
            best[name] = min(best[name], best_ns_per_call(call, calls, 1))
    return best


def timing_arguments(doc: str | None, calls: int, repeats: int) -> argparse.Namespace:
    """The command line every bench takes: ``--calls N --repeats R`` with this script's defaults."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0] if doc else None)
    parser.add_argument("--calls", type=int, default=calls, help=f"calls per timed run (default {calls})")
    parser.add_argument(
        "--repeats", type=int, default=repeats, help=f"timed runs, best kept (default {repeats})"
    )
    return parser.parse_args()


# The decoder-table row names every other row is divided by.
FLOOR = "orjson.loads alone"
OURS = "lambda_runtime.events"


def loads_alone(data: bytes) -> Any:
    """The ``FLOOR`` reader: a Python function like every contender's, so all pay the same call."""
    return orjson.loads(data)


def print_decoder_table(rows: Iterable[tuple[str, str, float]]) -> None:
    """Print ``(payload, decoder, ns)`` rows with ratios to the payload's ``FLOOR`` and ``OURS`` rows."""
    rows = list(rows)
    floors = {label: ns for label, name, ns in rows if name == FLOOR}
    ours = {label: ns for label, name, ns in rows if name == OURS}
    print(f"{'payload':<10} {'decoder (+5 reads)':<30} {'us/event':>9} {'x loads':>8} {'x ours':>7}")
    for label, name, ns in rows:
        print(f"{label:<10} {name:<30} {ns / 1000:>9.2f} {ns / floors[label]:>8.2f} {ns / ours[label]:>7.2f}")
