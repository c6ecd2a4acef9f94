"""What the extension tests share: a moto server subprocess, the emulator on a thread, launchers."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.service import Emulator

REGION = "us-east-1"
DUMMY_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing-token",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MotoServer:
    """``python -m moto.server`` on a free loopback port."""

    def __init__(self, process: subprocess.Popen[bytes], port: int) -> None:
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    @classmethod
    def start(cls) -> MotoServer:
        port = free_port()
        env = {**os.environ, **DUMMY_CREDENTIALS}
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        server = cls(process, port)
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(server.url + "/moto-api/", timeout=1.0)
                return server
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    server.stop()
                    raise RuntimeError("moto server did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def reset(self) -> None:
        httpx.post(self.url + "/moto-api/reset", timeout=10)

    def client(self, service: str, endpoint: str | None = None) -> Any:
        import boto3

        return boto3.client(
            service,
            endpoint_url=endpoint or self.url,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def env(self, endpoint: str | None = None) -> dict[str, str]:
        return {**DUMMY_CREDENTIALS, "AWS_ENDPOINT_URL": endpoint or self.url}


class EmulatorThread:
    """The emulator on its own event loop in a thread, so a test can call it synchronously."""

    def __init__(self, config: FunctionConfig) -> None:
        self.lines: list[str] = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        try:
            self.emulator: Emulator = self._run(self._create(config))
        except BaseException:
            self._stop_loop()
            raise

    async def _create(self, config: FunctionConfig) -> Emulator:
        emulator = Emulator(config, log_sink=self.lines.append)
        await emulator.start()
        return emulator

    def _run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=120)

    def invoke(self, payload: bytes = b"{}") -> httpx.Response:
        url = f"{self.emulator.endpoint_url}/2015-03-31/functions/function/invocations"
        return httpx.post(url, content=payload, timeout=60)

    def close(self) -> None:
        if self.loop.is_closed():
            return
        try:
            self._run(self.emulator.close())
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


def write_launcher(directory: Path, name: str, body: str) -> Path:
    """An executable extension in ``directory`` named ``name`` running ``body`` with this interpreter."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(f"#!{sys.executable}\n{body}")
    path.chmod(0o755)
    return path


def module_launcher(directory: Path, name: str, module: str) -> Path:
    """A launcher as a layer would install it: a shell script that runs ``python -m module`` under its
    own file name."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m {module} --name "$(basename "$0")" "$@"\n')
    path.chmod(0o755)
    return path


class SwitchableProxy:
    """A TCP forwarder to ``target_port`` that can be switched off: then every connection (new or open)
    is closed at once, as when a service is unreachable."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.up = True
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(32)
        self.port = int(self._sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.refused = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def set_up(self, up: bool) -> None:
        with self._lock:
            self.up = up
            if not up:
                for sock in self._open:
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                self._open.clear()

    def close(self) -> None:
        self.set_up(False)
        self._sock.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            with self._lock:
                if not self.up:
                    self.refused += 1
                    client.close()
                    continue
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
                self._open.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
