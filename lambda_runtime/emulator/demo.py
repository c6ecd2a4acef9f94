"""``lambda-runtime demo``: the emulator, a built-in function under this project's runtime, one invoke.

Prints the runtime's log as it happens (START, the function's output, END, REPORT; a multi-line record as
indented lines), then the result.
Exit status 0 when the invoke succeeded.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import orjson

from lambda_runtime.emulator import loop as event_loop
from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.core.logs import for_display
from lambda_runtime.emulator.service import Emulator

__all__ = ["DEMO_EVENT", "DEMO_HANDLER", "run_demo"]

DEMO_HANDLER = "lambda_runtime.emulator.demo_function.handler"
# A trimmed S3 notification, the classic first Lambda event.
DEMO_EVENT = {
    "Records": [
        {
            "eventSource": "aws:s3",
            "eventName": "ObjectCreated:Put",
            "awsRegion": "us-east-1",
            "s3": {"bucket": {"name": "demo-bucket"}, "object": {"key": "hello.txt", "size": 1024}},
        }
    ]
}


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _show_log_line(line: str) -> None:
    _say("\n".join(f"  | {part}" for part in for_display(line).split("\n")))


async def _demo() -> int:
    import httpx

    with tempfile.TemporaryDirectory(prefix="lambda-runtime-demo-") as task_root:
        config = FunctionConfig(
            function_name="demo", handler=DEMO_HANDLER, task_root=Path(task_root), timeout_s=10
        )
        emulator = Emulator(config, log_sink=_show_log_line)
        await emulator.start("127.0.0.1", 0)
        try:
            _say(
                f"Emulator listening on {emulator.endpoint_url} "
                "(function 'demo', runtime: python -m lambda_runtime)"
            )
            _say("Invoking with an S3 event (the first invoke starts the execution environment)...")
            started = time.perf_counter()
            async with httpx.AsyncClient(timeout=30) as client:
                response = await client.post(
                    f"{emulator.endpoint_url}/2015-03-31/functions/demo/invocations",
                    content=orjson.dumps(DEMO_EVENT),
                )
            elapsed_ms = (time.perf_counter() - started) * 1000
        finally:
            await emulator.close()
    failed = response.status_code != 200 or "x-amz-function-error" in response.headers
    _say(f"Result (HTTP {response.status_code}, {elapsed_ms:.0f} ms including the cold start):")
    try:
        _say(orjson.dumps(orjson.loads(response.content), option=orjson.OPT_INDENT_2).decode())
    except orjson.JSONDecodeError:
        _say(response.text)
    if failed:
        _say("The demo invoke failed; see the log above.")
        return 1
    _say(
        "Next: `lambda-runtime emulate --handler module.function --task-root DIR`, "
        "then `lambda-runtime invoke`."
    )
    return 0


def run_demo() -> int:
    return event_loop.run(_demo())
