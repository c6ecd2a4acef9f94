"""Processes a function or an extension starts end with their environment, daemons included.

The daemons double-fork and call setsid, so killing the runtime's process group does not reach them: only
the environment marker and the emulator being a child subreaper do. Real processes throughout.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import orjson
import pytest

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.core import containment
from tests.emulator.harness import running
from tests.emulator.processes import alive, wait_until_gone
from tests.emulator.test_cli_subprocess import EmulatorProcess, _boto3_invoke, _port

# Starts a `sleep 1000` daemon: fork, setsid, fork again, the middle process exits at once.
DAEMON_CODE = """
import os

def start_daemon(clear_environment=False):
    read_end, write_end = os.pipe()
    middle = os.fork()
    if middle == 0:
        os.setsid()
        # Closed on exec: reading it to the end waits until the daemon runs its program.
        exec_read, exec_write = os.pipe()
        daemon = os.fork()
        if daemon == 0:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            if clear_environment:
                os.execve("/bin/sh", ["sh", "-c", "exec sleep 1000"], {"PATH": "/usr/bin:/bin"})
            os.execvp("sleep", ["sleep", "1000"])
        os.close(exec_write)
        os.read(exec_read, 1)
        os.write(write_end, str(daemon).encode())
        os._exit(0)
    os.close(write_end)
    pid = int(os.read(read_end, 32))
    os.waitpid(middle, 0)
    return pid
"""

HANDLER = (
    DAEMON_CODE
    + """
def start_orphan(wait_for):
    # Like start_daemon, but the orphan exits by itself: at once, or once the file wait_for exists.
    read_end, write_end = os.pipe()
    middle = os.fork()
    if middle == 0:
        os.setsid()
        orphan = os.fork()
        if orphan == 0:
            if wait_for:
                os.execvp("sh", ["sh", "-c", 'while [ ! -e "$0" ]; do sleep 0.02; done', wait_for])
            os._exit(0)
        os.write(write_end, str(orphan).encode())
        os._exit(0)
    os.close(write_end)
    pid = int(os.read(read_end, 32))
    os.waitpid(middle, 0)
    return pid

def handler(event, context):
    if "orphan" in event:
        return {"orphan": start_orphan(event["orphan"])}
    if event.get("crash"):
        os._exit(3)
    if event.get("hang"):
        import time
        time.sleep(60)
    daemon = start_daemon(clear_environment=event.get("clear_environment", False))
    return {"daemon": daemon, "runtime": os.getpid(), "sid": os.getsid(0)}
"""
)

EXTENSION = (
    f"#!{sys.executable}\n"
    + DAEMON_CODE
    + """
import json, urllib.request

with open(os.environ["DAEMON_PID_FILE"], "w") as note:
    note.write(str(start_daemon()))
api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2020-01-01/extension"
request = urllib.request.Request(api + "/register", data=b'{"events": ["INVOKE"]}', method="POST",
                                 headers={"Lambda-Extension-Name": os.path.basename(__file__)})
ident = urllib.request.urlopen(request).headers["Lambda-Extension-Identifier"]
while True:
    urllib.request.urlopen(urllib.request.Request(api + "/event/next",
                                                  headers={"Lambda-Extension-Identifier": ident})).read()
"""
)


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _gone_from_proc(pid: int, patience_s: float = 5.0) -> bool:
    """Neither running nor a zombie (reaped): /proc has no entry for it. Polls, not a timing check."""
    deadline = time.monotonic() + patience_s
    while os.path.exists(f"/proc/{pid}"):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.fixture
def task_root(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(HANDLER)
    return tmp_path


def _invoke(client: object, payload: dict[str, object]) -> dict[str, object]:
    answer = client.invoke(FunctionName="function", Payload=orjson.dumps(payload))  # type: ignore[attr-defined]
    body: dict[str, object] = orjson.loads(answer["Payload"].read())
    return body


def test_a_daemon_lives_while_its_environment_does_and_ends_with_a_crash_reset(task_root: Path) -> None:
    config = FunctionConfig(handler="app.handler", task_root=task_root, timeout_s=30)
    with running(config) as emu:
        client = emu.client()
        first = _invoke(client, {})
        daemon = first["daemon"]
        assert isinstance(daemon, int)
        assert alive(daemon)
        # It left the runtime's session; the emulator (this process) adopted it.
        assert os.getsid(daemon) != first["sid"]
        assert _parent(daemon) == os.getpid()
        second = _invoke(client, {})
        assert second["runtime"] == first["runtime"]
        assert alive(daemon), "a warm environment keeps its daemons"

        crashed = client.invoke(FunctionName="function", Payload=b'{"crash": true}')
        assert orjson.loads(crashed["Payload"].read())["errorType"] == "Runtime.ExitError"
        assert not wait_until_gone({daemon, int(str(second["daemon"]))})
        assert _gone_from_proc(daemon), "the killed daemon is reaped, not left a zombie"
        third = _invoke(client, {})
        assert third["runtime"] != first["runtime"]
    assert not wait_until_gone({int(str(third["daemon"]))})


def test_a_daemon_ends_with_a_timeout_reset(task_root: Path) -> None:
    config = FunctionConfig(handler="app.handler", task_root=task_root, timeout_s=1)
    with running(config) as emu:
        client = emu.client()
        daemon = _invoke(client, {})["daemon"]
        assert isinstance(daemon, int)
        assert alive(daemon)
        timed_out = client.invoke(FunctionName="function", Payload=b'{"hang": true}')
        assert orjson.loads(timed_out["Payload"].read())["errorType"] == "Sandbox.Timedout"
        assert not wait_until_gone({daemon})


@pytest.mark.skipif(containment.cgroup_base() is None, reason="needs a writable cgroup v2 with cgroup.kill")
def test_a_daemon_that_cleared_its_environment_ends_with_its_cgroup(task_root: Path) -> None:
    config = FunctionConfig(handler="app.handler", task_root=task_root, timeout_s=30)
    with running(config) as emu:
        client = emu.client()
        daemon = _invoke(client, {"clear_environment": True})["daemon"]
        assert isinstance(daemon, int)
        assert alive(daemon)
        assert containment.MARKER not in Path(f"/proc/{daemon}/environ").read_text()
        crashed = client.invoke(FunctionName="function", Payload=b'{"crash": true}')
        assert orjson.loads(crashed["Payload"].read())["errorType"] == "Runtime.ExitError"
        assert not wait_until_gone({daemon})
        assert _gone_from_proc(daemon)
    base = containment.cgroup_base()
    assert base is not None
    assert not [path for path in base.iterdir() if path.name.startswith(f"lambda-emulator.{os.getpid()}.")]


def test_an_orphan_that_exits_by_itself_is_reaped(task_root: Path) -> None:
    go = task_root / "go"
    with running(FunctionConfig(handler="app.handler", task_root=task_root)) as emu:
        orphan = _invoke(emu.client(), {"orphan": str(go)})["orphan"]
        assert isinstance(orphan, int)
        assert _parent(orphan) == os.getpid()
        containment.reap_orphans()  # the periodic pass, now: it notes the orphan while it runs
        go.touch()
        assert _gone_from_proc(orphan), "still a zombie"


@pytest.mark.skipif(containment.cgroup_base() is None, reason="needs a writable cgroup v2 with cgroup.kill")
def test_an_orphan_that_exits_before_anyone_looked_is_reaped_by_its_cgroup(task_root: Path) -> None:
    with running(FunctionConfig(handler="app.handler", task_root=task_root)) as emu:
        orphan = _invoke(emu.client(), {"orphan": ""})["orphan"]
        assert isinstance(orphan, int)
        assert _gone_from_proc(orphan), "still a zombie"


@pytest.mark.skipif(containment.cgroup_base() is None, reason="needs a writable cgroup v2 with cgroup.kill")
def test_what_a_killed_emulator_left_behind_ends_when_the_next_one_starts(task_root: Path) -> None:
    emulator = EmulatorProcess("--handler", "app.handler", "--task-root", str(task_root), cwd=task_root)
    try:
        daemon = _boto3_invoke(_port(emulator), {"clear_environment": True})["daemon"]
        assert isinstance(daemon, int)
        emulator.process.kill()  # no chance to clean up
        emulator.process.wait()
        assert alive(daemon)
        with running(FunctionConfig(handler="app.handler", task_root=task_root)):
            assert not wait_until_gone({daemon})
    finally:
        emulator.kill()


def test_an_extensions_daemon_ends_when_the_emulator_closes(tmp_path: Path, task_root: Path) -> None:
    extensions = tmp_path / "extensions"
    extensions.mkdir()
    script = extensions / "spawner"
    script.write_text(EXTENSION)
    script.chmod(0o755)
    pid_file = tmp_path / "daemon.pid"
    config = FunctionConfig(
        handler="app.handler",
        task_root=task_root,
        extensions_dir=extensions,
        env={"DAEMON_PID_FILE": str(pid_file)},
    )
    with running(config) as emu:
        _invoke(emu.client(), {})
        extension_daemon = int(pid_file.read_text())
        assert alive(extension_daemon)
    assert not wait_until_gone({extension_daemon})
    assert _gone_from_proc(extension_daemon)


def test_a_daemon_ends_when_the_emulate_command_stops(task_root: Path) -> None:
    emulator = EmulatorProcess("--handler", "app.handler", "--task-root", str(task_root), cwd=task_root)
    try:
        port = _port(emulator)
        daemon = _boto3_invoke(port, {})["daemon"]
        assert isinstance(daemon, int)
        assert alive(daemon)
        assert _parent(daemon) == emulator.process.pid
        assert emulator.stop_with(signal.SIGTERM) == 0
    finally:
        emulator.kill()
    assert not wait_until_gone({daemon})
