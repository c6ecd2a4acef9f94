"""The ``lambda-runtime`` console script run as users run it: in its own process."""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

__all__ = ["CONSOLE_SCRIPT", "EmulateProcess"]

CONSOLE_SCRIPT = Path(sys.executable).parent / "lambda-runtime"
_WAIT_S = 30.0


class EmulateProcess:
    """``lambda-runtime emulate --port 0 ARGS`` with its combined output read line by line; a context
    manager that stops it with SIGTERM (SIGKILL if it does not end)."""

    def __init__(self, *argv: str, cwd: Path) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.process = subprocess.Popen(
            [str(CONSOLE_SCRIPT), "emulate", "--port", "0", *argv],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str) -> re.Match[str]:
        """The first output line matching ``pattern`` (earlier lines are kept in ``seen``)."""
        deadline = time.monotonic() + _WAIT_S
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} in {self.seen}") from None
            self.seen.append(line)
            match = re.search(pattern, line)
            if match is not None:
                return match

    def port(self) -> int:
        return int(self.wait_for(r"Invoke API: http://127\.0\.0\.1:(\d+)/").group(1))

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(_WAIT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(_WAIT_S)
        self._reader.join(_WAIT_S)
        return self.process.returncode

    def stop_with(self, signum: int) -> int:
        """Send ``signum``, wait for the exit status, and keep every remaining output line in ``seen``."""
        self.process.send_signal(signum)
        status = self.process.wait(_WAIT_S)
        self._reader.join(_WAIT_S)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return status

    def __enter__(self) -> EmulateProcess:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
