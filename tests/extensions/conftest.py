"""Extension tests: every module leaves no process behind; ``moto_server`` is a real S3/SSM/DynamoDB/Secrets
Manager API on a free loopback port, for the whole session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.emulator.processes import command_line, descendants, wait_until_gone
from tests.extensions.harness import MotoServer


@pytest.fixture(autouse=True, scope="module")
def no_leftover_processes(moto_server: MotoServer) -> Iterator[None]:
    before = descendants(os.getpid())
    yield
    left = wait_until_gone(descendants(os.getpid()) - before)
    assert not left, "processes left running: " + "; ".join(f"{pid}: {command_line(pid)}" for pid in left)


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoServer]:
    server = MotoServer.start()
    try:
        yield server
    finally:
        server.stop()
