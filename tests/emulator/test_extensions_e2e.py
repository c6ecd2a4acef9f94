"""Extensions, telemetry and the ``invoke`` command against the whole emulator, with awslambdaric as the
runtime and a real extension process (a script written into a tmp extensions directory).

The extension registers for INVOKE and SHUTDOWN, subscribes to the Telemetry API with its own HTTP
listener, and appends everything it sees to a JSON-lines file the test reads afterwards.
"""

from __future__ import annotations

import asyncio
import base64
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.service import Emulator
from tests.support.paths import REPO_ROOT

FUNCTION = """
import json

def handler(event, context):
    print("hello from handler", json.dumps(event))
    return {"echo": event}
"""

EXTENSION = """#!{python}
import json, os, sys, threading, time, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE = {mode!r}
OUT = {out!r}
API = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"]
lock = threading.Lock()

def note(kind, data):
    with lock, open(OUT, "a") as out:
        out.write(json.dumps({{"kind": kind, "data": data}}) + "\\n")

class Listener(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        note("telemetry", json.loads(body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass

def call(method, path, body=None, headers=None):
    request = urllib.request.Request(API + path, data=body, method=method, headers=headers or {{}})
    with urllib.request.urlopen(request) as answer:
        return answer.headers, answer.read()

server = ThreadingHTTPServer(("127.0.0.1", 0), Listener)
threading.Thread(target=server.serve_forever, daemon=True).start()
headers, body = call(
    "POST", "/2020-01-01/extension/register", json.dumps({{"events": ["INVOKE", "SHUTDOWN"]}}).encode(),
    {{"Lambda-Extension-Name": os.path.basename(__file__)}},
)
ident = {{"Lambda-Extension-Identifier": headers["Lambda-Extension-Identifier"]}}
note("register", json.loads(body))
note("env", sorted(os.environ))
if MODE == "init-error":
    call("POST", "/2020-01-01/extension/init/error", b"{{}}",
         dict(ident, **{{"Lambda-Extension-Function-Error-Type": "Extension.ConfigInvalid"}}))
    sys.exit(1)
DESTINATION = "http://sandbox.localdomain:%d/t"
subscription = {{
    "schemaVersion": "2022-12-13",
    "types": ["platform", "function", "extension"],
    "buffering": {{"maxItems": 1000, "maxBytes": 262144, "timeoutMs": 25}},
    "destination": {{"protocol": "HTTP", "URI": DESTINATION % server.server_address[1]}},
}}
call("PUT", "/2022-07-01/telemetry", json.dumps(subscription).encode(), ident)
print("extension initialised", flush=True)
while True:
    _, body = call("GET", "/2020-01-01/extension/event/next", headers=ident)
    event = json.loads(body)
    note("event", event)
    if event["eventType"] == "SHUTDOWN":
        sys.exit(0)

"""


class EmulatorThread:
    """The emulator on its own event loop in a thread, so the test can call it synchronously."""

    def __init__(self, config: FunctionConfig) -> None:
        self.lines: list[str] = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.emulator = self._run(self._create(config))

    async def _create(self, config: FunctionConfig) -> Emulator:
        emulator = Emulator(config, log_sink=self.lines.append)
        await emulator.start()
        return emulator

    def _run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=60)

    @property
    def url(self) -> str:
        return str(self.emulator.endpoint_url)

    def close(self) -> None:
        if self.loop.is_closed():
            return
        try:
            self._run(self.emulator.close())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
            self.loop.close()


@dataclass
class Setup:
    task_root: Path
    extensions_dir: Path
    notes: Path

    def config(self, **overrides: Any) -> FunctionConfig:
        options: dict[str, Any] = {
            "handler": "app.handler",
            "task_root": self.task_root,
            "extensions_dir": self.extensions_dir,
            "command": (sys.executable, "-m", "awslambdaric", "app.handler"),
            "timeout_s": 10.0,
        }
        options.update(overrides)
        return FunctionConfig(**options)

    def read_notes(self) -> list[dict[str, Any]]:
        if not self.notes.exists():
            return []
        return [orjson.loads(line) for line in self.notes.read_bytes().splitlines()]


def _setup(tmp_path: Path, mode: str) -> Setup:
    task_root = tmp_path / "task"
    task_root.mkdir()
    (task_root / "app.py").write_text(FUNCTION)
    extensions_dir = tmp_path / "extensions"
    extensions_dir.mkdir()
    notes = tmp_path / "notes.jsonl"
    script = extensions_dir / "observer"
    script.write_text(EXTENSION.format(python=sys.executable, mode=mode, out=str(notes)))
    script.chmod(0o755)
    (extensions_dir / "README.txt").write_text("not executable: not launched")
    return Setup(task_root, extensions_dir, notes)


@pytest.fixture
def observed(tmp_path: Path) -> Iterator[tuple[Setup, EmulatorThread]]:
    setup = _setup(tmp_path, "normal")
    emulator = EmulatorThread(setup.config())
    try:
        yield setup, emulator
    finally:
        emulator.close()


def _invoke(url: str, payload: bytes, **headers: str) -> httpx.Response:
    return httpx.post(
        f"{url}/2015-03-31/functions/function/invocations", content=payload, headers=headers, timeout=30
    )


def test_extension_receives_invoke_shutdown_and_telemetry(observed: tuple[Setup, EmulatorThread]) -> None:
    setup, emulator = observed
    first = _invoke(emulator.url, b'{"n": 1}')
    second = _invoke(emulator.url, b'{"n": 2}', **{"X-Amz-Log-Type": "Tail"})
    assert first.status_code == 200, first.text
    assert orjson.loads(first.content) == {"echo": {"n": 1}}
    assert orjson.loads(second.content) == {"echo": {"n": 2}}
    emulator.close()

    notes = setup.read_notes()
    (register,) = [n["data"] for n in notes if n["kind"] == "register"]
    assert register == {"functionName": "function", "functionVersion": "$LATEST", "handler": "app.handler"}
    (env,) = [n["data"] for n in notes if n["kind"] == "env"]
    assert "AWS_LAMBDA_RUNTIME_API" in env
    assert not {"_HANDLER", "LAMBDA_TASK_ROOT", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_EXECUTION_ENV"} & set(env)

    events = [n["data"] for n in notes if n["kind"] == "event"]
    assert [e["eventType"] for e in events] == ["INVOKE", "INVOKE", "SHUTDOWN"]
    assert events[0]["invokedFunctionArn"].endswith(":function:function")
    assert events[0]["requestId"] != events[1]["requestId"]
    assert events[0]["tracing"]["type"] == "X-Amzn-Trace-Id"
    assert events[2]["shutdownReason"] == "spindown"
    assert events[2]["deadlineMs"] > 0

    records = [r for n in notes if n["kind"] == "telemetry" for r in n["data"]]
    types = [r["type"] for r in records]
    assert "platform.initStart" in types  # sent before the subscription, replayed during init
    assert "platform.telemetrySubscription" in types
    assert "platform.extension" in types
    started = [r["record"]["requestId"] for r in records if r["type"] == "platform.start"]
    assert started == [events[0]["requestId"], events[1]["requestId"]]
    function_lines = [r["record"] for r in records if r["type"] == "function"]
    assert any("hello from handler" in str(line) and '{"n": 2}' in str(line) for line in function_lines)
    assert "extension initialised" in [r["record"] for r in records if r["type"] == "extension"]
    assert all(r["time"].endswith("Z") for r in records)


def test_extension_init_error_reaches_the_caller(tmp_path: Path) -> None:
    setup = _setup(tmp_path, "init-error")
    emulator = EmulatorThread(setup.config())
    try:
        answer = _invoke(emulator.url, b"{}")
    finally:
        emulator.close()
    assert answer.status_code == 200
    assert answer.headers["X-Amz-Function-Error"] == "Unhandled"
    assert orjson.loads(answer.content)["errorType"] == "Extension.ConfigInvalid"
    assert [n["kind"] for n in setup.read_notes()] == ["register", "env"]


SLOW_RUNTIME = """
import os, time, urllib.request
API = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
with urllib.request.urlopen(API + "next") as answer:
    request_id = answer.headers["Lambda-Runtime-Aws-Request-Id"]
    event = answer.read()
urllib.request.urlopen(urllib.request.Request(API + request_id + "/response", data=event, method="POST"))
time.sleep(1.0)  # answered, not yet back in /next: the invoke is winding down
urllib.request.urlopen(API + "next")
"""


def test_closing_while_an_invoke_winds_down_is_a_spindown(tmp_path: Path) -> None:
    """The caller has its answer but the runtime is not back in /next yet: closing the emulator then
    is a normal spin-down for the extensions, not a failure."""
    setup = _setup(tmp_path, "normal")
    runtime = tmp_path / "slow_runtime.py"
    runtime.write_text(SLOW_RUNTIME)
    emulator = EmulatorThread(setup.config(command=(sys.executable, str(runtime))))
    try:
        answer = _invoke(emulator.url, b'{"n": 1}')
    finally:
        emulator.close()
    assert orjson.loads(answer.content) == {"n": 1}
    events = [n["data"] for n in setup.read_notes() if n["kind"] == "event"]
    assert [e["eventType"] for e in events] == ["INVOKE", "SHUTDOWN"]
    assert events[1]["shutdownReason"] == "spindown"


def _cli(emulator: EmulatorThread, *argv: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "lambda_runtime.emulator.client.invoke",
            "--port",
            str(emulator.emulator.port),
            *argv,
        ],
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )


def test_invoke_command_streams_and_tails_the_log(observed: tuple[Setup, EmulatorThread]) -> None:
    _, emulator = observed
    streamed = _cli(emulator, "--payload", '{"via": "cli"}', "--stream", "--log-tail")
    assert streamed.returncode == 0, streamed.stderr
    assert orjson.loads(streamed.stdout) == {"echo": {"via": "cli"}}
    assert b"hello from handler" in streamed.stderr
    assert b"REPORT RequestId:" in streamed.stderr

    buffered = _cli(emulator, "--payload", "[1, 2]", "--log-tail")
    assert buffered.returncode == 0, buffered.stderr
    assert orjson.loads(buffered.stdout) == {"echo": [1, 2]}
    assert b"START RequestId:" in buffered.stderr

    missing = _cli(emulator, "--function-name", "nope")
    assert missing.returncode == 2
    assert b"ResourceNotFoundException" in missing.stderr


def test_log_result_header_is_base64_of_the_tail(observed: tuple[Setup, EmulatorThread]) -> None:
    _, emulator = observed
    answer = _invoke(emulator.url, b'{"tail": true}', **{"X-Amz-Log-Type": "Tail"})
    tail = base64.b64decode(answer.headers["X-Amz-Log-Result"]).decode()
    assert "hello from handler" in tail
