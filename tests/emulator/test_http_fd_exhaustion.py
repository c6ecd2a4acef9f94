"""Running out of file descriptors on accept: logged once, accepting backs off and resumes, the server
keeps serving. The server runs in a subprocess with a low RLIMIT_NOFILE."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

SERVER = """
import asyncio, logging, os, resource, sys

from lambda_runtime.emulator.http.server import HttpResponse, HttpServer, Router

logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


async def ok(request):
    return HttpResponse(200, (), b"ok")


async def main():
    router = Router()
    router.add("GET", "/ok", ok)
    server = HttpServer(router)
    await server.start()
    # Room for three more descriptors, then accept() fails with EMFILE.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 3, hard))
    print(server.port, flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
"""

HELD = 12
EPISODES = 3


def _get_ok(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(b"GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_emfile_is_logged_once_and_the_server_keeps_serving(tmp_path: Path) -> None:
    script = tmp_path / "server.py"
    script.write_text(SERVER)
    process = subprocess.Popen(
        [sys.executable, str(script)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        assert _get_ok(port).startswith(b"HTTP/1.1 200 ")
        for _ in range(EPISODES):
            held = [socket.create_connection(("127.0.0.1", port), timeout=20) for _ in range(HELD)]
            # Long enough for a retry-every-second accept loop to fail again while exhausted.
            time.sleep(1.5)
            for sock in held:
                sock.close()
            # Descriptors freed: accepting resumed and requests are served again.
            assert _get_ok(port).startswith(b"HTTP/1.1 200 ")
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=20)
    assert stderr.count("Too many open files") == 1, stderr
