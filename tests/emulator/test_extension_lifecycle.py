"""How extensions shape an execution environment's life, end to end: init failures of internal extensions,
extension crashes after init, the runtime's shutdown budget, hidden variables and extension output.

Real processes throughout: awslambdaric or our runtime, extension scripts in a tmp extensions directory.
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import httpx
import orjson
import pytest

from lambda_runtime.emulator.config import HIDDEN_FROM_EXTENSIONS, FunctionConfig, extension_environment
from tests.emulator.harness import awslambdaric_config, running

# A handler module whose import registers an internal extension that reports an init error, the first
# time only (a marker file remembers), so the environment after it initialises normally.
INTERNAL_INIT_ERROR = """
import json, os, pathlib, urllib.request

API = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2020-01-01/extension"
MARKER = pathlib.Path(__file__).with_name("failed-once")

def _call(path, body, headers):
    request = urllib.request.Request(API + path, data=body, method="POST", headers=headers)
    with urllib.request.urlopen(request) as answer:
        return answer.headers

if not MARKER.exists():
    MARKER.write_text("x")
    headers = _call("/register", b'{"events": []}', {"Lambda-Extension-Name": "inner-agent"})
    _call(
        "/init/error",
        b'{"errorMessage": "agent config missing", "errorType": "Agent.ConfigMissing"}',
        {
            "Lambda-Extension-Identifier": headers["Lambda-Extension-Identifier"],
            "Lambda-Extension-Function-Error-Type": "Agent.ConfigMissing",
        },
    )

def handler(event, context):
    return {"pid": os.getpid()}
"""

EXTENSION_PRELUDE = """#!{python}
import json, os, sys, urllib.request

API = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2020-01-01/extension"

def call(method, path, body=None, headers=None):
    request = urllib.request.Request(API + path, data=body, method=method, headers=headers or {{}})
    with urllib.request.urlopen(request) as answer:
        return answer.headers, answer.read()

def register(events):
    headers, _ = call("POST", "/register", json.dumps({{"events": events}}).encode(),
                      {{"Lambda-Extension-Name": os.path.basename(__file__)}})
    return {{"Lambda-Extension-Identifier": headers["Lambda-Extension-Identifier"]}}
"""

# Crashes on its first INVOKE, after the invoke was handed to the runtime.
CRASHER = """
ident = register(["INVOKE"])
call("GET", "/event/next", headers=ident)
print("crasher: giving up", flush=True)
sys.exit(3)
"""

# Writes each SHUTDOWN's reason into the file named by its argument.
WATCHER = """
ident = register(["SHUTDOWN"])
while True:
    _, body = call("GET", "/event/next", headers=ident)
    event = json.loads(body)
    with open({notes!r}, "a") as notes:
        notes.write(event["shutdownReason"] + "\\n")
    sys.exit(0)
"""

# Prints a line per INVOKE, then touches a marker the handler waits for.
TALKER = """
ident = register(["INVOKE"])
while True:
    _, body = call("GET", "/event/next", headers=ident)
    event = json.loads(body)
    print("talker saw " + event["requestId"], flush=True)
    open({marker!r}, "w").close()
"""

# Registers, then finishes its init only once the runtime has started (it waits for the runtime's marker).
WAITS_FOR_RUNTIME = """
import pathlib, time
ident = register(["INVOKE"])
marker = pathlib.Path({marker!r})
while not marker.exists():
    time.sleep(0.01)
print("init done after the runtime started", flush=True)
while True:
    call("GET", "/event/next", headers=ident)
"""

MARKING_HANDLER = """
import os, pathlib
pathlib.Path(os.environ["RUNTIME_MARKER"]).write_text("started")

def handler(event, context):
    return "served"
"""

# Never registers.
SILENT = """
import time
time.sleep(60)
"""

# Registers, then never asks for an event (its init never ends).
STUCK = """
import time
register(["INVOKE"])
time.sleep(60)
"""

# Takes the first INVOKE and never asks for the next event.
HOARDER = """
import time
ident = register(["INVOKE"])
call("GET", "/event/next", headers=ident)
print("hoarder: keeping this invoke", flush=True)
time.sleep(60)
"""

PID_HANDLER = """
import os, pathlib, time

def handler(event, context):
    marker = event.get("wait_for")
    if marker:
        for _ in range(500):
            if pathlib.Path(marker).exists():
                break
            time.sleep(0.01)
    return {"pid": os.getpid()}
"""

SHUTDOWN_HOOK_HANDLER = """
import os, pathlib
from lambda_runtime import on_shutdown

@on_shutdown
def flush_buffers():
    print("shutdown hook ran", flush=True)
    pathlib.Path(os.environ["HOOK_FILE"]).write_text("ran")

def handler(event, context):
    return "ok"
"""


def _write_extension(directory: Path, name: str, body: str) -> None:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(EXTENSION_PRELUDE.format(python=sys.executable) + body)
    path.chmod(0o755)


def _invoke(url: str, payload: object, *, tail: bool = False) -> httpx.Response:
    headers = {"X-Amz-Log-Type": "Tail"} if tail else {}
    return httpx.post(
        f"{url}/2015-03-31/functions/function/invocations",
        content=orjson.dumps(payload),
        headers=headers,
        timeout=30,
    )


def test_internal_extension_init_error_fails_init_then_a_fresh_environment_serves(tmp_path: Path) -> None:
    (tmp_path / "agent.py").write_text(INTERNAL_INIT_ERROR)
    with running(awslambdaric_config(tmp_path, "agent.handler")) as emulator:
        failed = _invoke(emulator.url, {})
        recovered = _invoke(emulator.url, {})
    assert failed.status_code == 200
    assert failed.headers["X-Amz-Function-Error"] == "Unhandled"
    error = orjson.loads(failed.content)
    assert error["errorType"] == "Agent.ConfigMissing"
    assert "inner-agent" in error["errorMessage"]
    assert recovered.status_code == 200, recovered.text
    assert "X-Amz-Function-Error" not in recovered.headers
    assert "pid" in orjson.loads(recovered.content)


def test_extension_crash_after_init_resets_the_environment(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(PID_HANDLER)
    extensions = tmp_path / "extensions"
    notes = tmp_path / "shutdown-reasons"
    _write_extension(extensions, "a-crasher", CRASHER)
    _write_extension(extensions, "b-watcher", WATCHER.format(notes=str(notes)))
    config = awslambdaric_config(tmp_path, "app.handler", extensions_dir=extensions)
    with running(config) as emulator:
        first = _invoke(emulator.url, {})
        second = _invoke(emulator.url, {})
        lines = list(emulator.lines)
    assert first.status_code == 200, first.text
    assert second.status_code == 200, second.text
    # The response went out before the crash; the next invoke ran in a new runtime process.
    assert orjson.loads(first.content)["pid"] != orjson.loads(second.content)["pid"]
    assert notes.read_text().splitlines()[0] == "failure"
    assert any("Extension.Crash" in line and "resetting the environment" in line for line in lines)


def test_runtime_shutdown_hooks_run_under_the_emulator(tmp_path: Path) -> None:
    (tmp_path / "hooked.py").write_text(SHUTDOWN_HOOK_HANDLER)
    hook_file = tmp_path / "hook-ran"
    config = FunctionConfig(handler="hooked.handler", task_root=tmp_path, env={"HOOK_FILE": str(hook_file)})
    with running(config) as emulator:
        answer = _invoke(emulator.url, {})
        assert orjson.loads(answer.content) == "ok"
        (environment,) = emulator.emulator.pool.environments
        # Our runtime registered its internal shutdown extension: SIGTERM and 500 ms, not SIGKILL.
        assert environment.host.shutdown_budget_ms == 500
        assert not hook_file.exists()
        lines = emulator.lines
    assert hook_file.exists(), lines
    assert hook_file.read_text() == "ran"
    assert "shutdown hook ran" in lines


def test_hidden_variables_are_one_rule_including_xray() -> None:
    for name in ("_HANDLER", "LAMBDA_TASK_ROOT", "AWS_XRAY_DAEMON_ADDRESS", "AWS_XRAY_CONTEXT_MISSING"):
        assert name in HIDDEN_FROM_EXTENSIONS
    for name in ("AWS_REGION", "AWS_XRAY", "PATH", "XAWS_XRAY_X"):
        assert name not in HIDDEN_FROM_EXTENSIONS
    config = FunctionConfig(env={"AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:2000", "KEEP": "1"})
    runtime_env = config.runtime_environment("127.0.0.1:1", "stream")
    assert runtime_env["AWS_XRAY_DAEMON_ADDRESS"] == "127.0.0.1:2000"
    from_config = extension_environment(runtime_env)
    from_host = extension_environment(runtime_env, "127.0.0.1:1")
    assert "AWS_XRAY_DAEMON_ADDRESS" not in from_config
    assert from_config["KEEP"] == "1"
    assert set(from_host) == set(from_config)


def test_extension_output_goes_to_the_log_and_the_invoke_tail(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(PID_HANDLER)
    extensions = tmp_path / "extensions"
    marker = tmp_path / "talked"
    _write_extension(extensions, "talker", TALKER.format(marker=str(marker)))
    config = awslambdaric_config(tmp_path, "app.handler", extensions_dir=extensions)
    with running(config) as emulator:
        answer = _invoke(emulator.url, {"wait_for": str(marker)}, tail=True)
        lines = list(emulator.lines)
    request_id = answer.headers["x-amzn-RequestId"]
    said = f"talker saw {request_id}"
    assert any(line.endswith(f"[extension talker] {said}") for line in lines)
    tail = base64.b64decode(answer.headers["X-Amz-Log-Result"]).decode()
    assert said in tail
    assert tail.index(said) < tail.index("END RequestId")


def test_runtime_starts_once_extensions_registered_not_once_they_initialised(tmp_path: Path) -> None:
    (tmp_path / "marking.py").write_text(MARKING_HANDLER)
    extensions = tmp_path / "extensions"
    marker = tmp_path / "runtime-started"
    _write_extension(extensions, "patient", WAITS_FOR_RUNTIME.format(marker=str(marker)))
    config = awslambdaric_config(
        tmp_path,
        "marking.handler",
        extensions_dir=extensions,
        env={"RUNTIME_MARKER": str(marker)},
        init_timeout_s=5.0,
    )
    with running(config) as emulator:
        answer = _invoke(emulator.url, {})
        lines = list(emulator.lines)
    assert orjson.loads(answer.content) == "served"
    assert any(line.endswith("init done after the runtime started") for line in lines)


@pytest.mark.parametrize("behaviour", ["never registers", "never calls next"])
def test_an_extension_that_never_finishes_init_hits_the_init_timeout(tmp_path: Path, behaviour: str) -> None:
    (tmp_path / "app.py").write_text(PID_HANDLER)
    extensions = tmp_path / "extensions"
    _write_extension(extensions, "laggard", SILENT if behaviour == "never registers" else STUCK)
    config = awslambdaric_config(tmp_path, "app.handler", extensions_dir=extensions, init_timeout_s=0.5)
    with running(config) as emulator:
        answer = _invoke(emulator.url, {})
    assert answer.headers["X-Amz-Function-Error"] == "Unhandled"
    assert orjson.loads(answer.content) == {
        "errorType": "Runtime.InitTimeout",
        "errorMessage": "Init timed out after 0.50 seconds",
    }


def test_an_extension_that_never_finishes_an_invoke_is_reset_at_the_timeout(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(PID_HANDLER)
    extensions = tmp_path / "extensions"
    _write_extension(extensions, "hoarder", HOARDER)
    config = awslambdaric_config(tmp_path, "app.handler", extensions_dir=extensions, timeout_s=0.5)
    with running(config) as emulator:
        first = _invoke(emulator.url, {})
        second = _invoke(emulator.url, {})
        lines = list(emulator.lines)
    # The answer does not wait for extensions; the next invoke gets a fresh environment.
    assert "X-Amz-Function-Error" not in first.headers
    assert "X-Amz-Function-Error" not in second.headers
    assert orjson.loads(first.content)["pid"] != orjson.loads(second.content)["pid"]
    assert any("extensions did not finish the invoke within 0.5 s" in line for line in lines)
