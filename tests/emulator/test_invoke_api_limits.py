"""Invoke API limits and ordering over real sockets: pipelined invokes on one connection, the Event
payload limit and the bounded Event queue. This project's runtime runs the function."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import h11
import pytest

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.http.invoke import ASYNC_PAYLOAD_BYTES
from tests.emulator.harness import RunningEmulator, running

FUNCTION = """
import time

def handler(event, context):
    time.sleep(float(event.get("sleep", 0)))
    return {"n": event.get("n"), "size": len(event.get("pad", ""))}
"""

INVOKE_PATH = "/2015-03-31/functions/function/invocations"


@pytest.fixture(scope="module")
def task_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("task")
    (root / "app.py").write_text(FUNCTION)
    return Path(root)


@pytest.fixture(scope="module")
def emulator(task_root: Path) -> Iterator[RunningEmulator]:
    # One environment: pipelined invokes must wait for it, never find another one free.
    config = FunctionConfig(handler="app.handler", task_root=task_root, timeout_s=30, concurrency=1)
    with running(config) as running_emulator:
        yield running_emulator


def _responses(sock: socket.socket, count: int) -> list[tuple[int, bytes]]:
    """Read ``count`` responses from ``sock``; h11 parses each (one client state machine per exchange,
    handed the bytes the previous one left over)."""
    results: list[tuple[int, bytes]] = []
    leftover = b""
    while len(results) < count:
        conn = h11.Connection(h11.CLIENT)
        conn.send(
            h11.Request(method="POST", target=INVOKE_PATH, headers=[("Host", "x"), ("Content-Length", "0")])
        )
        conn.send(h11.EndOfMessage())
        if leftover:  # (empty bytes would mean end of stream to h11)
            conn.receive_data(leftover)
        status, body = 0, b""
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                data = sock.recv(65536)
                assert data, f"connection closed after {len(results)} responses"
                conn.receive_data(data)
            elif isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.Data):
                body += bytes(event.data)
            elif isinstance(event, h11.EndOfMessage):
                break
        results.append((status, body))
        leftover = bytes(conn.trailing_data[0])
    return results


def test_pipelined_invokes_on_one_connection_are_served_in_order(emulator: RunningEmulator) -> None:
    host, port = emulator.emulator.server.host, emulator.emulator.port
    requests = b""
    for n in range(5):
        body = json.dumps({"n": n}).encode()
        requests += (
            f"POST {INVOKE_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
        )
    with socket.create_connection((host, port), timeout=30) as sock:
        conn = h11.Connection(h11.CLIENT)
        conn.send(
            h11.Request(method="POST", target=INVOKE_PATH, headers=[("Host", "x"), ("Content-Length", "0")])
        )
        conn.send(h11.EndOfMessage())
        sock.sendall(requests)  # all five before reading any answer
        answers = _responses(sock, 5)
    assert [status for status, _ in answers] == [200] * 5, answers
    assert [json.loads(body)["n"] for _, body in answers] == list(range(5))


def _event_invoke(emulator: RunningEmulator, payload: bytes) -> dict[str, object]:
    client = emulator.client()
    response: dict[str, object] = client.invoke(
        FunctionName="function", InvocationType="Event", Payload=payload
    )
    return response


def test_event_payload_limit_is_1_mb(task_root: Path) -> None:
    # Two environments: the background Event invoke never makes the synchronous one 429.
    config = FunctionConfig(handler="app.handler", task_root=task_root, timeout_s=30, concurrency=2)
    with running(config) as emulator:
        _check_event_payload_limit(emulator)


def _check_event_payload_limit(emulator: RunningEmulator) -> None:
    assert ASYNC_PAYLOAD_BYTES == 1024 * 1024
    frame = b'{"pad": ""}'
    fits = frame[:-2] + b"x" * (ASYNC_PAYLOAD_BYTES - len(frame)) + frame[-2:]
    assert len(fits) == ASYNC_PAYLOAD_BYTES
    assert _event_invoke(emulator, fits)["StatusCode"] == 202
    too_big = frame[:-2] + b"x" * (ASYNC_PAYLOAD_BYTES - len(frame) + 1) + frame[-2:]
    client = emulator.client()
    with pytest.raises(client.exceptions.RequestTooLargeException):
        client.invoke(FunctionName="function", InvocationType="Event", Payload=too_big)
    # A synchronous invoke of that size is still fine (its limit is 6 MB).
    answer = client.invoke(FunctionName="function", Payload=too_big)
    assert json.loads(answer["Payload"].read())["size"] == len(too_big) - len(frame)


def test_event_queue_is_bounded(task_root: Path) -> None:
    config = FunctionConfig(handler="app.handler", task_root=task_root, timeout_s=30, max_queued_events=2)
    with running(config) as emulator:
        client = emulator.client()
        first = _event_invoke(emulator, b'{"sleep": 20}')
        assert first["StatusCode"] == 202
        # Once the first one runs, two more may wait, a third is refused.
        deadline = time.monotonic() + 20
        while not any(line.startswith("START") for line in emulator.lines):
            assert time.monotonic() < deadline, "the first Event invoke never started"
            time.sleep(0.02)
        for _ in range(2):
            assert _event_invoke(emulator, b'{"sleep": 0}')["StatusCode"] == 202
        with pytest.raises(client.exceptions.TooManyRequestsException):
            client.invoke(FunctionName="function", InvocationType="Event", Payload=b"{}")


def test_event_queue_of_zero_still_runs_an_event_on_an_idle_environment(task_root: Path) -> None:
    config = FunctionConfig(handler="app.handler", task_root=task_root, timeout_s=30, max_queued_events=0)
    with running(config) as emulator:
        assert _event_invoke(emulator, b'{"sleep": 20}')["StatusCode"] == 202
        deadline = time.monotonic() + 20
        while not any(line.startswith("START") for line in emulator.lines):
            assert time.monotonic() < deadline, "the Event invoke never started"
            time.sleep(0.02)
        client = emulator.client()
        with pytest.raises(client.exceptions.TooManyRequestsException):
            client.invoke(FunctionName="function", InvocationType="Event", Payload=b"{}")
