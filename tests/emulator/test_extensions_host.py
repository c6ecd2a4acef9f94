"""The extensions host on a real HTTP server with real extension processes, without a runtime:
HTTP-level errors, crashes, the shutdown deadline, and telemetry delivery with retries."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import sys
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any, ParamSpec

import httpx
import orjson
import pytest

from lambda_runtime.emulator.config import extension_environment
from lambda_runtime.emulator.extensions.delivery import RETRY_DELAYS_S, TelemetryHub
from lambda_runtime.emulator.extensions.host import ExtensionsRuntime
from lambda_runtime.emulator.extensions.spec import ExtensionInitError, ExtensionsSpec
from lambda_runtime.emulator.http.extensions import ExtensionsApi
from lambda_runtime.emulator.http.server import HttpServer, Router
from lambda_runtime.protocol.runtime_api import Invocation
from lambda_runtime.protocol.telemetry import (
    Api,
    Destination,
    SubscriptionError,
    TelemetryRecord,
    parse_subscription,
)

P = ParamSpec("P")


def run_async(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async test on a fresh event loop (no asyncio plugin here)."""

    @functools.wraps(test)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


def _spec(extensions_dir: Path | None) -> ExtensionsSpec:
    return ExtensionsSpec(
        function_name="fn",
        function_version="$LATEST",
        handler="app.handler",
        memory_mb=128,
        account_id="123456789012",
        extensions_dir=extensions_dir,
        extension_env={"PATH": "/usr/bin:/bin", "_HANDLER": "hidden", "AWS_XRAY_DAEMON_ADDRESS": "x"},
    )


async def _serve(host: ExtensionsRuntime) -> HttpServer:
    router = Router()
    for route in ExtensionsApi(host).routes():
        router.add_route(route)
    server = HttpServer(router)
    await server.start("127.0.0.1", 0)
    return server


@contextlib.asynccontextmanager
async def bare() -> AsyncIterator[tuple[ExtensionsRuntime, httpx.AsyncClient]]:
    lines: list[str] = []
    host = ExtensionsRuntime(_spec(None), log=lines.append)
    server = await _serve(host)
    async with httpx.AsyncClient(base_url=f"http://{server.authority}") as client:
        yield host, client
    await host.shutdown("spindown", int(time.time() * 1000))
    await server.close()


def test_hidden_variables_are_removed() -> None:
    env = extension_environment(
        {"_HANDLER": "h", "AWS_XRAY_X": "1", "LAMBDA_TASK_ROOT": "/t", "A": "b"}, "h:1"
    )
    assert env == {"A": "b", "AWS_LAMBDA_RUNTIME_API": "h:1"}


@run_async
async def test_internal_extension_over_http() -> None:
    async with bare() as (host, client):
        await _internal_extension_over_http(host, client)


async def _internal_extension_over_http(host: ExtensionsRuntime, client: httpx.AsyncClient) -> None:
    assert host.shutdown_budget_ms == 0
    bad = await client.post("/2020-01-01/extension/register", content=b"{}")
    assert bad.status_code == 403
    assert bad.json()["errorType"] == "Extension.InvalidExtensionName"
    refused = await client.post(
        "/2020-01-01/extension/register",
        content=b'{"events": ["SHUTDOWN"]}',
        headers={"Lambda-Extension-Name": "inner"},
    )
    assert refused.json()["errorType"] == "Extension.InvalidEventType"
    ok = await client.post(
        "/2020-01-01/extension/register",
        content=b'{"events": ["INVOKE"]}',
        headers={"Lambda-Extension-Name": "inner", "Lambda-Extension-Accept-Feature": "accountId"},
    )
    assert ok.status_code == 200
    assert ok.json()["accountId"] == "123456789012"
    assert host.shutdown_budget_ms == 500
    ident = {"Lambda-Extension-Identifier": ok.headers["Lambda-Extension-Identifier"]}
    missing = await client.post("/2020-01-01/extension/init/error", headers=ident)
    assert missing.status_code == 403
    assert missing.json()["errorType"] == "Extension.MissingHeader"
    invalid = await client.put("/2022-07-01/telemetry", content=b'{"schemaVersion": "1999"}', headers=ident)
    assert invalid.status_code == 400
    assert invalid.json()["errorType"] == "ValidationError"
    unknown = await client.get(
        "/2020-01-01/extension/event/next",
        headers={"Lambda-Extension-Identifier": "00000000-0000-0000-0000-000000000000"},
    )
    assert unknown.json()["errorType"] == "Extension.UnknownExtensionIdentifier"

    waiting = asyncio.create_task(client.get("/2020-01-01/extension/event/next", headers=ident))
    await asyncio.wait_for(host.wait_init_done(), 10)
    late = await client.post(
        "/2020-01-01/extension/register", content=b"{}", headers={"Lambda-Extension-Name": "late"}
    )
    assert late.json()["errorType"] == "Extension.RegistrationClosed"

    await host.invoke_started(Invocation("req-1", b"{}", deadline_ms=123, invoked_function_arn="arn:fn"))
    event = (await asyncio.wait_for(waiting, 10)).json()
    assert event["requestId"] == "req-1"
    assert event["deadlineMs"] == 123
    done = asyncio.create_task(host.wait_invoke_done())
    await asyncio.sleep(0)
    assert not done.done()  # the extension has not called next again yet
    again = asyncio.create_task(client.get("/2020-01-01/extension/event/next", headers=ident))
    await asyncio.wait_for(done, 10)
    again.cancel()


def _script(directory: Path, name: str, body: str) -> None:
    path = directory / name
    path.write_text(f"#!{sys.executable}\n{body}")
    path.chmod(0o755)


REGISTER = """
import json, os, urllib.request
api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2020-01-01/extension"
def call(path, body=None, headers=None, method="POST"):
    req = urllib.request.Request(api + path, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(req) as answer:
        return answer.headers, answer.read()
name = {"Lambda-Extension-Name": os.path.basename(__file__)}
h, _ = call("/register", json.dumps({"events": EVENTS}).encode(), name)
ident = {"Lambda-Extension-Identifier": h["Lambda-Extension-Identifier"]}
"""


@run_async
async def test_crash_before_registering_is_an_init_error(tmp_path: Path) -> None:
    _script(tmp_path, "crasher", "import sys; print('bye'); sys.exit(3)\n")
    host = ExtensionsRuntime(_spec(tmp_path), log=lambda line: None)
    server = await _serve(host)
    try:
        with pytest.raises(ExtensionInitError) as info:
            await asyncio.wait_for(host.start(server.authority), 20)
        assert info.value.error_type == "Extension.Crash"
        assert "exit status 3" in info.value.message
    finally:
        await host.shutdown("failure", int(time.time() * 1000))
        await server.close()


@run_async
async def test_extension_ignoring_shutdown_is_killed_at_the_deadline(tmp_path: Path) -> None:
    _script(
        tmp_path,
        "stubborn",
        'EVENTS = ["INVOKE", "SHUTDOWN"]\n' + REGISTER + 'call("/event/next", method="GET", headers=ident)\n'
        "import time\ntime.sleep(60)\n",
    )
    _script(
        tmp_path, "deaf", "EVENTS = []\n" + REGISTER + 'call("/event/next", method="GET", headers=ident)\n'
    )
    lines: list[str] = []
    host = ExtensionsRuntime(_spec(tmp_path), log=lines.append)
    server = await _serve(host)
    try:
        await asyncio.wait_for(host.start(server.authority), 20)
        assert host.has_external_extensions
        assert host.shutdown_budget_ms == 2000
        await host.wait_init_done()
        await asyncio.wait_for(host.shutdown("spindown", int(time.time() * 1000) + 300), 20)
        # Both were stopped by SIGKILL: one at the deadline, the other (no SHUTDOWN) at once.
        assert {name: p.returncode for name, p in host._processes.items()} == {"stubborn": -9, "deaf": -9}
    finally:
        await server.close()


class FlakyReceiver:
    """Fails the first ``failures`` deliveries, then records the batches."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.batches: list[list[dict[str, Any]]] = []

    async def __call__(self, destination: Destination, batch: Sequence[bytes]) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError("not yet")
        self.batches.append([orjson.loads(item) for item in batch])


async def _no_sleep(seconds: float) -> None:
    await asyncio.sleep(0)


def _subscription() -> bytes:
    return orjson.dumps(
        {
            "schemaVersion": "2022-12-13",
            "types": ["function"],
            "buffering": {"timeoutMs": 25},
            "destination": {"protocol": "HTTP", "URI": "http://sandbox.localdomain:1/"},
        }
    )


@run_async
async def test_delivery_retries_then_succeeds() -> None:
    receiver = FlakyReceiver(failures=2)
    hub = TelemetryHub(send=receiver, sleep=_no_sleep)
    hub.subscribe("ext", parse_subscription(Api.TELEMETRY, _subscription()))
    hub.publish(TelemetryRecord(time.time(), "function", "line one"))
    hub.publish(TelemetryRecord(time.time(), "platform.start", {"requestId": "r"}))  # not subscribed
    await hub.flush(5)
    await hub.close()
    assert [[r["record"] for r in batch] for batch in receiver.batches] == [["line one"]]


@run_async
async def test_undeliverable_batch_becomes_logs_dropped() -> None:
    receiver = FlakyReceiver(failures=len(RETRY_DELAYS_S) + 1)
    hub = TelemetryHub(send=receiver, sleep=_no_sleep)
    hub.subscribe("ext", parse_subscription(Api.TELEMETRY, _subscription()))
    hub.publish(TelemetryRecord(time.time(), "function", "lost"))
    await hub.flush(5)
    hub.publish(TelemetryRecord(time.time(), "function", "kept"))
    await hub.flush(5)
    await hub.close()
    records = [r for batch in receiver.batches for r in batch]
    assert records[0]["type"] == "platform.logsDropped"
    assert records[0]["record"]["droppedRecords"] == 1
    assert records[-1]["record"] == "kept"


@run_async
async def test_both_apis_is_a_validation_error() -> None:
    hub = TelemetryHub(send=FlakyReceiver(0), sleep=_no_sleep)
    hub.subscribe("ext", parse_subscription(Api.TELEMETRY, _subscription()))
    logs = orjson.dumps(
        {"types": ["function"], "destination": {"protocol": "HTTP", "URI": "http://sandbox.localdomain:1/"}}
    )
    with pytest.raises(SubscriptionError, match="both"):
        hub.subscribe("ext", parse_subscription(Api.LOGS, logs))
    await hub.close()
