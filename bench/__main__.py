"""``python -m bench``: run every benchmark module (bench/bench_*.py) in turn."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench


def main() -> int:
    modules = pkgutil.iter_modules(bench.__path__)
    names = sorted(info.name for info in modules if info.name.startswith("bench_"))
    failed: list[str] = []
    for name in names:
        print(f"\n=== bench.{name} ===", flush=True)
        started = time.monotonic()
        saved_argv = sys.argv
        sys.argv = [f"bench.{name}"]
        try:
            importlib.import_module(f"bench.{name}").main()
        except Exception as exc:  # one broken benchmark must not hide the others
            failed.append(name)
            print(f"bench.{name} failed: {type(exc).__name__}: {exc}", flush=True)
        finally:
            sys.argv = saved_argv
        print(f"(bench.{name}: {time.monotonic() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
