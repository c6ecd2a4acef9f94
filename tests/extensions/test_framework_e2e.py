"""An extension built with ``lambda_runtime.extensions`` under the emulator: registration, INVOKE and
SHUTDOWN, telemetry records, the flush barrier, init/exit errors and Managed Instances mode."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from lambda_runtime.emulator.config import FunctionConfig
from tests.extensions.harness import EmulatorThread, write_launcher

FUNCTION = """
def handler(event, context):
    print("line from", context.aws_request_id)
    return {"ok": event}
"""

EXTENSION = """
import asyncio, json, os, sys
from lambda_runtime.extensions import Api, Buffering, Extension, Subscription, main

OUT = {out!r}
MODE = {mode!r}

def note(kind, data):
    with open(OUT, "a") as out:
        out.write(json.dumps({{"kind": kind, "data": data}}) + "\\n")

def on_init(registration):
    note("init", {{"function": registration.function_name, "name": extension.name,
                  "events": list(extension.events), "schema": extension.telemetry.schema_version}})
    if MODE == "init-error":
        raise ValueError("bad configuration")

async def on_invoke(event):
    await asyncio.sleep(0)
    note("invoke", {{"id": event.request_id, "deadline": event.deadline_ms,
                    "trace": event.tracing.value if event.tracing else None}})
    if MODE == "exit-error":
        raise RuntimeError("invoke handler failed")

def on_shutdown(event):
    note("shutdown", {{"reason": event.reason, "deadline": event.deadline_ms}})

def on_telemetry(records):
    for record in records:
        note("record", {{"class": type(record).__name__, "type": record.type, "record": record.record}})

extension = Extension(
    on_init=on_init, on_invoke=on_invoke, on_shutdown=on_shutdown, on_telemetry=on_telemetry,
    telemetry=Subscription(
        types=("platform", "function"), buffering=Buffering(timeout_ms=25),
        api=Api.LOGS if MODE == "logs" else Api.TELEMETRY,
        schema_version="2020-08-15" if MODE == "logs" else "2022-12-13",
    ),
    flush_barrier_s=5.0,
)
if MODE == "run-async":
    async def amain():
        await extension.run_async()
        note("loop", {{"same": asyncio.get_running_loop() is LOOPS[0]}})

    LOOPS = []
    original = on_invoke

    async def on_invoke_recording(event):
        LOOPS.append(asyncio.get_running_loop())
        await original(event)

    extension.on_invoke = on_invoke_recording
    asyncio.run(amain())
else:
    main(extension)
"""


class Run:
    def __init__(self, tmp_path: Path, mode: str = "normal", **env: str) -> None:
        task_root = tmp_path / "task"
        task_root.mkdir()
        (task_root / "app.py").write_text(FUNCTION)
        self.notes = tmp_path / "notes.jsonl"
        write_launcher(tmp_path / "ext", "observer", EXTENSION.format(out=str(self.notes), mode=mode))
        self.emulator = EmulatorThread(
            FunctionConfig(
                handler="app.handler",
                task_root=task_root,
                extensions_dir=tmp_path / "ext",
                command=(sys.executable, "-m", "lambda_runtime"),
                timeout_s=10.0,
                env=env,
            )
        )

    def read(self) -> list[dict[str, Any]]:
        if not self.notes.exists():
            return []
        return [orjson.loads(line) for line in self.notes.read_bytes().splitlines()]


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Run]:
    current = Run(tmp_path)
    try:
        yield current
    finally:
        current.emulator.close()


def test_invoke_shutdown_and_typed_records(run: Run) -> None:
    answers = [run.emulator.invoke(orjson.dumps({"n": n})) for n in range(3)]
    assert [orjson.loads(a.content) for a in answers] == [{"ok": {"n": n}} for n in range(3)]
    run.emulator.close()
    notes = run.read()
    kinds = [n["kind"] for n in notes]
    assert kinds[0] == "init"
    assert notes[0]["data"] == {
        "function": "function",
        "name": "observer",
        "events": ["INVOKE", "SHUTDOWN"],
        "schema": "2022-12-13",
    }
    assert kinds[-1] == "shutdown"
    assert notes[-1]["data"]["reason"] == "spindown"
    invokes = [n["data"]["id"] for n in notes if n["kind"] == "invoke"]
    assert len(invokes) == 3
    records = [n["data"] for n in notes if n["kind"] == "record"]
    classes = {r["type"]: r["class"] for r in records}
    assert classes["platform.start"] == "PlatformStart"
    assert classes["platform.runtimeDone"] == "PlatformRuntimeDone"
    assert classes["platform.report"] == "PlatformReport"
    assert classes["function"] == "FunctionLog"
    started = [r["record"]["requestId"] for r in records if r["type"] == "platform.start"]
    assert started == invokes
    for request_id in invokes:
        assert sum(f"line from {request_id}" in str(r["record"]) for r in records) == 1
    # Every report arrived before SHUTDOWN reached the handler: nothing is left for a later environment.
    reports = [r["record"]["requestId"] for r in records if r["type"] == "platform.report"]
    assert reports == invokes


def test_flush_barrier_holds_next_until_runtime_done(run: Run) -> None:
    for n in range(3):
        run.emulator.invoke(orjson.dumps({"n": n}))
    run.emulator.close()
    notes = run.read()
    invokes = [(i, n["data"]["id"]) for i, n in enumerate(notes) if n["kind"] == "invoke"]
    done_at = {
        n["data"]["record"]["requestId"]: i
        for i, n in enumerate(notes)
        if n["kind"] == "record" and n["data"]["type"] == "platform.runtimeDone"
    }
    # The runtimeDone of each invoke was handled before the next INVOKE event was asked for.
    for (_, request_id), (next_at, _) in itertools.pairwise(invokes):
        assert done_at[request_id] < next_at


def test_init_error_from_on_init(tmp_path: Path) -> None:
    run = Run(tmp_path, "init-error")
    try:
        answer = run.emulator.invoke(b"{}")
    finally:
        run.emulator.close()
    assert answer.headers["X-Amz-Function-Error"] == "Unhandled"
    assert orjson.loads(answer.content)["errorType"] == "Extension.ValueError"


def test_exit_error_from_on_invoke(tmp_path: Path) -> None:
    run = Run(tmp_path, "exit-error")
    try:
        run.emulator.invoke(b"{}")
        lines = "\n".join(run.emulator.lines)
    finally:
        run.emulator.close()
    assert "[extension observer] exit error: Extension.RuntimeError" in lines + "\n".join(run.emulator.lines)


def test_managed_instances_register_shutdown_only(tmp_path: Path) -> None:
    run = Run(tmp_path, AWS_LAMBDA_INITIALIZATION_TYPE="lambda-managed-instances")
    try:
        answer = run.emulator.invoke(b'{"n": 1}')
    finally:
        run.emulator.close()
    assert orjson.loads(answer.content) == {"ok": {"n": 1}}
    notes = run.read()
    assert notes[0]["data"]["events"] == ["SHUTDOWN"]
    assert notes[0]["data"]["schema"] == "2025-01-29"
    assert [n["kind"] for n in notes if n["kind"] in ("invoke", "shutdown")] == ["shutdown"]
    assert any(n["data"]["type"] == "platform.start" for n in notes if n["kind"] == "record")


def test_logs_api_subscription(tmp_path: Path) -> None:
    run = Run(tmp_path, "logs")
    try:
        answers = [run.emulator.invoke(orjson.dumps({"n": n})) for n in range(2)]
    finally:
        run.emulator.close()
    assert [orjson.loads(a.content) for a in answers] == [{"ok": {"n": n}} for n in range(2)]
    notes = run.read()
    assert notes[0]["data"]["schema"] == "2020-08-15"
    records = [n["data"] for n in notes if n["kind"] == "record"]
    invokes = [n["data"]["id"] for n in notes if n["kind"] == "invoke"]
    assert [r["record"]["requestId"] for r in records if r["type"] == "platform.end"] == invokes
    assert "platform.runtimeDone" not in {r["type"] for r in records}
    for request_id in invokes:
        assert sum(f"line from {request_id}" in str(r["record"]) for r in records) == 1


def test_run_async_awaits_handlers_on_the_callers_loop(tmp_path: Path) -> None:
    run = Run(tmp_path, "run-async")
    try:
        answers = [run.emulator.invoke(orjson.dumps({"n": n})) for n in range(2)]
    finally:
        run.emulator.close()
    assert [orjson.loads(a.content) for a in answers] == [{"ok": {"n": n}} for n in range(2)]
    kinds = [n["kind"] for n in run.read()]
    assert kinds.count("invoke") == 2
    assert "shutdown" in kinds
    assert run.read()[-1] == {"kind": "loop", "data": {"same": True}}
