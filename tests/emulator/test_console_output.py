"""The emulator's console: it never blocks the emulator, and it shows multi-line records as lines.

``lambda-runtime emulate`` runs in its own process with stdout a pipe (read in binary: a text-mode reader
would turn ``\\r`` into newlines itself and hide what the emulator wrote).
"""

from __future__ import annotations

import base64
import io
import queue
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import boto3
import orjson
import pytest
from botocore.config import Config

from lambda_runtime.emulator.core.logs import DISPLAY_INDENT, for_display
from lambda_runtime.emulator.service import ConsoleLog
from tests.support.console import CONSOLE_SCRIPT

_WAIT_S = 30.0

HANDLER = """
import logging

logger = logging.getLogger("app")

def chatty(event, context):
    line = "x" * 999
    for _ in range(event.get("lines", 300)):
        print(line)
    return {"printed": event.get("lines", 300)}

def deep():
    raise ValueError("deep failure")

def traceback(event, context):
    try:
        deep()
    except ValueError:
        logger.exception("it went wrong")
    return "logged"
"""


def _client(port: int) -> Any:
    return boto3.client(
        "lambda",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
        # A guard against a stuck emulator (the failure this file tests for), not a timing check.
        config=Config(retries={"max_attempts": 0}, read_timeout=_WAIT_S),
    )


class Emulate:
    """``lambda-runtime emulate`` with stdout a binary pipe this test reads only when it says so."""

    def __init__(self, task_root: Path, handler: str) -> None:
        self.process = subprocess.Popen(
            [
                str(CONSOLE_SCRIPT),
                "emulate",
                "--port",
                "0",
                "--handler",
                handler,
                "--task-root",
                str(task_root),
            ],
            cwd=task_root,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.process.stdout is not None
        self.stdout: IO[bytes] = self.process.stdout
        self.port = self._read_port()
        self.lines: queue.Queue[bytes] = queue.Queue()
        self._reader: threading.Thread | None = None

    def _read_port(self) -> int:
        while True:
            line = self.stdout.readline()
            assert line, "emulate ended before printing its port"
            match = re.search(rb"try: lambda-runtime invoke --port (\d+)", line)
            if match:
                return int(match.group(1))

    def start_reading(self) -> None:
        def read() -> None:
            for line in self.stdout:
                self.lines.put(line)
            self.lines.put(b"")

        self._reader = threading.Thread(target=read, daemon=True)
        self._reader.start()

    def read_until(self, pattern: bytes) -> list[bytes]:
        """Lines read until one matches ``pattern`` (that one included)."""
        seen: list[bytes] = []
        deadline = time.monotonic() + _WAIT_S
        while True:
            line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            assert line, f"output ended without {pattern!r}"
            seen.append(line)
            if re.search(pattern, line):
                return seen

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(_WAIT_S)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def task_root(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(HANDLER)
    return tmp_path


@pytest.fixture
def chatty(task_root: Path) -> Iterator[Emulate]:
    emulate = Emulate(task_root, "app.chatty")
    try:
        yield emulate
    finally:
        emulate.kill()


def test_an_unread_console_never_stops_invokes(chatty: Emulate) -> None:
    client = _client(chatty.port)
    # About 6 MB of output while nobody reads the emulator's stdout (a pipe holds 64 KiB).
    for _ in range(20):
        answer = client.invoke(FunctionName="function", Payload=b'{"lines": 300}')
        assert "FunctionError" not in answer
        assert orjson.loads(answer["Payload"].read()) == {"printed": 300}
    chatty.start_reading()
    seen = chatty.read_until(rb"console output was not being read: dropped \d+ lines")
    note = seen[-1].decode()
    dropped = int(re.search(r"dropped (\d+) lines", note).group(1))  # type: ignore[union-attr]
    assert dropped > 0
    # Reported once: the rest of the output has no second note.
    assert chatty.stop() == 0
    rest = b"".join(iter(chatty.lines.get, b""))
    assert b"dropped" not in rest
    assert b"Lambda emulator: shutting down" in rest


def test_emulate_exits_on_sigterm_while_nobody_reads_its_console(chatty: Emulate) -> None:
    answer = _client(chatty.port).invoke(FunctionName="function", Payload=b'{"lines": 2000}')
    assert orjson.loads(answer["Payload"].read()) == {"printed": 2000}
    assert chatty.stop() == 0


def test_a_logged_traceback_shows_as_lines_on_the_console_and_stays_one_record_in_the_tail(
    task_root: Path,
) -> None:
    emulate = Emulate(task_root, "app.traceback")
    try:
        emulate.start_reading()
        answer = _client(emulate.port).invoke(FunctionName="function", Payload=b"{}", LogType="Tail")
        assert orjson.loads(answer["Payload"].read()) == "logged"
        console = emulate.read_until(rb"^REPORT RequestId:")
    finally:
        emulate.kill()
    assert not [line for line in console if b"\r" in line]
    text = b"".join(console).decode()
    assert "it went wrong\n" in text
    assert f"\n{DISPLAY_INDENT}Traceback (most recent call last):\n" in text
    assert f"\n{DISPLAY_INDENT}ValueError: deep failure\n" in text
    # X-Amz-Log-Result keeps the record as the runtime wrote it: one line, joined with \r.
    tail = base64.b64decode(answer["LogResult"]).decode()
    assert "it went wrong\rTraceback (most recent call last):\r" in tail


def test_for_display_indents_the_lines_of_a_record() -> None:
    assert for_display("plain") == "plain"
    assert for_display("head\rTraceback:\r  File x\rValueError: v") == (
        f"head\n{DISPLAY_INDENT}Traceback:\n{DISPLAY_INDENT}  File x\n{DISPLAY_INDENT}ValueError: v"
    )
    assert for_display("keeps\r\nwindows") == "keeps\r\nwindows"


class StuckStream(io.StringIO):
    """A stream whose writes wait until ``release`` is set, like a pipe nobody reads."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.entered.set()
        self.release.wait()
        self.writes.append(text)
        return len(text)


def test_console_log_drops_what_does_not_fit_and_reports_it_once() -> None:
    stream = StuckStream()
    console = ConsoleLog(stream, limit_bytes=1000)
    console("first")
    assert stream.entered.wait(_WAIT_S)
    for index in range(100):
        console(f"{index:03d} " + "y" * 45)  # 50 bytes a line: 20 fit, 80 are dropped
    assert console.dropped == (80, 80 * 50)
    stream.release.set()
    assert console.wait_written(_WAIT_S)
    console("after")
    assert console.wait_written(_WAIT_S)
    text = "".join(stream.writes)
    assert text.count("dropped") == 1
    assert "dropped 80 lines (4000 bytes)" in text
    assert text.startswith("first\n000 ")
    assert "019 " in text
    assert "020 " not in text
    assert text.endswith("after\n")
    assert console.dropped == (0, 0)
