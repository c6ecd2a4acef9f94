"""Run an Emulator on its own event loop thread, so sync peers (boto3, the AWS CLI, httpx) can call it."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import boto3
from botocore.config import Config

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.service import Emulator

T = TypeVar("T")

FUNCTIONS = """
import os, time

def ok(event, context):
    print("handler saw", event)
    return {"ok": True, "event": event, "client": getattr(context.client_context, "custom", None)}

def boom(event, context):
    raise ValueError("boom")

def sleepy(event, context):
    time.sleep(float(event.get("sleep", 0)))
    return {"slept": event.get("sleep", 0)}

def crash(event, context):
    os._exit(3)

def maybe_crash(event, context):
    if event.get("crash"):
        os._exit(3)
    return "alive"
"""

BROKEN = "raise RuntimeError('import failed on purpose')\n"


def write_functions(root: Path) -> Path:
    (root / "funcs.py").write_text(FUNCTIONS)
    (root / "broken.py").write_text(BROKEN)
    return root


def awslambdaric_config(task_root: Path, handler: str, **options: Any) -> FunctionConfig:
    # awslambdaric posts /init/error with http.client, which cannot take the Runtime API's path prefix.
    options.setdefault("runtime_api_prefix", False)
    return FunctionConfig(
        handler=handler,
        task_root=task_root,
        command=(sys.executable, "-m", "awslambdaric", handler),
        **options,
    )


class RunningEmulator:
    def __init__(self, config: FunctionConfig) -> None:
        self.lines: list[str] = []
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.emulator = self.call(self._make(config))

    async def _make(self, config: FunctionConfig) -> Emulator:
        emulator = Emulator(config, log_sink=self.lines.append)
        await emulator.start()
        return emulator

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    @property
    def url(self) -> str:
        return self.emulator.endpoint_url

    def client(self) -> Any:
        return boto3.client(
            "lambda",
            endpoint_url=self.url,
            region_name="us-east-1",
            aws_access_key_id="x",
            aws_secret_access_key="x",
            config=Config(retries={"max_attempts": 0}, read_timeout=30, connect_timeout=5),
        )

    def close(self) -> None:
        try:
            self.call(self.emulator.close())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(10)
            self.loop.close()


@contextmanager
def running(config: FunctionConfig) -> Iterator[RunningEmulator]:
    emulator = RunningEmulator(config)
    try:
        yield emulator
    finally:
        emulator.close()
