"""Cold start of a built artifact in Lambda's filesystem view against the same code from the checkout.

Run: ``python -m bench.bench_artifact [--repeats N]``.

Cold start: from the first invoke sent to a fresh emulator (whose environment spawns on that invoke) to its
response. Contenders, one echo function:
- checkout: ``emulate --task-root`` with this project's runtime (``sys.executable -m lambda_runtime``, the
  venv's interpreter, the runtime from the checkout);
- artifact under each isolation this machine has (bwrap, unshare, remap): ``function.zip`` built for this
  interpreter's X.Y, with .pyc like the checkout's cached ones,
  plus a Python layer built from ``sys.base_prefix``; the zip's ``bootstrap`` starts the layer's interpreter.

Rounds alternate over the contenders so machine noise hits all alike; median and best of ``--repeats``.
The builds need the runtime's wheels (orjson, typing-extensions) from pip's index or cache.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from lambda_runtime.cli import main as cli_main
from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.core.artifact import ArtifactSpec, unpack
from lambda_runtime.emulator.core.sandbox import _bwrap, _unshare_tools
from lambda_runtime.emulator.service import Emulator

__all__ = ["main"]

ECHO = "def handler(event, context):\n    return event\n"
HOST_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"


def _post(url: str) -> bytes:
    request = urllib.request.Request(url, data=b'{"n": 1}', method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        body: bytes = response.read()
        return body


async def _cold_start_ms(config: FunctionConfig) -> float:
    async with Emulator(config, log_sink=lambda line: None) as emulator:
        url = f"{emulator.endpoint_url}/2015-03-31/functions/function/invocations"
        started = time.perf_counter()
        body = await asyncio.to_thread(_post, url)
        elapsed = (time.perf_counter() - started) * 1000
    if body != b'{"n":1}':
        raise RuntimeError(f"unexpected answer {body!r}")
    return elapsed


def _build(root: Path, *, pyc: bool) -> tuple[Path, Path]:
    project = root / "project"
    project.mkdir()
    (project / "app.py").write_text(ECHO)
    (root / "requirements.txt").write_text("")
    out = root / "out"
    argv = ["build", "--project", str(project), "--output", str(out), "--python-version", HOST_VERSION]
    argv += ["--requirements", str(root / "requirements.txt")]
    if not pyc:
        argv.append("--no-pyc")
    if cli_main(argv) != 0:
        raise RuntimeError("lambda-runtime build failed")
    layer = ["build", "--python-layer", "--python-from", sys.base_prefix, "--output", str(out)]
    if not pyc:
        layer.append("--no-pyc")
    if cli_main(layer) != 0:
        raise RuntimeError("lambda-runtime build --python-layer failed")
    return out / "function.zip", out / "python-layer.zip"


async def _run(repeats: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-artifact-") as folder:
        root = Path(folder)
        zip_path, layer = _build(root, pyc=True)
        checkout = FunctionConfig(handler="app.handler", task_root=root / "project")
        configs = {"checkout (--task-root)": checkout}
        isolations = ["bwrap"] if _bwrap() else []
        isolations += ["unshare"] if _unshare_tools() else []
        isolations.append("remap")
        for isolation in isolations:
            spec = ArtifactSpec(zip=zip_path, layers=(layer,), isolation=isolation)
            unpack(spec)  # once per process, as emulate does before serving
            configs[f"artifact, {isolation}"] = FunctionConfig(handler="app.handler", artifact=spec)
        samples: dict[str, list[float]] = {name: [] for name in configs}
        for config in configs.values():  # warm the page cache
            await _cold_start_ms(config)
        for _ in range(repeats):
            for name, config in configs.items():
                samples[name].append(await _cold_start_ms(config))
        base = statistics.median(samples["checkout (--task-root)"])
        print(f"cold start, spawn -> first response, {repeats} rounds (zip and layer with .pyc)")
        print(f"{'contender':<26}{'median ms':>11}{'best ms':>10}{'vs checkout':>13}")
        for name, values in samples.items():
            median = statistics.median(values)
            print(f"{name:<26}{median:>11.1f}{min(values):>10.1f}{median / base:>12.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    asyncio.run(_run(args.repeats))


if __name__ == "__main__":
    main()
