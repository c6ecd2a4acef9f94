"""The Extension loop against a scripted Extensions API in this process (no emulator): a flush barrier that
never sees runtimeDone gives up after its bound, error reports carry the exception's type, and the
name and Accept-Feature headers are sent."""

from __future__ import annotations

import queue
import threading
import uuid

import orjson
import pytest

from lambda_runtime.extensions import Extension, ExtensionFailed, Subscription
from lambda_runtime.extensions._http import HttpServer, Request, Response


class ScriptedApi:
    def __init__(self, events: list[dict[str, object]]) -> None:
        self.events: queue.Queue[bytes] = queue.Queue()
        for event in events:
            self.events.put(orjson.dumps(event))
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.server = HttpServer(self._handle).start()
        self.address = f"127.0.0.1:{self.server.port}"

    def _handle(self, request: Request) -> Response:
        with self.lock:
            self.requests.append(request)
        if request.target.endswith("/register"):
            return Response(200, b'{"functionName":"f","functionVersion":"1","handler":"h"}',
                            [("Lambda-Extension-Identifier", str(uuid.uuid4()))])  # fmt: skip
        if request.target.endswith("/event/next"):
            return Response(200, self.events.get(timeout=30))
        return Response(200 if request.method == "PUT" else 202, b"{}")

    def paths(self) -> list[str]:
        with self.lock:
            return [r.target for r in self.requests]


INVOKE = {"eventType": "INVOKE", "deadlineMs": 1, "requestId": "r1", "invokedFunctionArn": "arn"}
SHUTDOWN = {"eventType": "SHUTDOWN", "deadlineMs": 1, "shutdownReason": "SPINDOWN"}


@pytest.fixture
def api() -> ScriptedApi:
    return ScriptedApi([INVOKE, INVOKE, SHUTDOWN])


def test_flush_barrier_is_bounded(api: ScriptedApi) -> None:
    seen: list[str] = []
    extension = Extension(
        "bounded",
        on_invoke=lambda event: seen.append(event.request_id),
        on_shutdown=lambda event: seen.append(event.reason),
        on_telemetry=lambda records: None,
        telemetry=Subscription(),
        flush_barrier_s=0.05,
        runtime_api=api.address,
    )
    try:
        extension.run()  # no runtimeDone ever arrives: each barrier gives up and next is called anyway
    finally:
        api.server.close()
    assert seen == ["r1", "r1", "spindown"]
    paths = api.paths()
    assert paths.count("/2020-01-01/extension/event/next") == 3
    assert "/2022-07-01/telemetry" in paths
    register = api.requests[0]
    assert register.headers["lambda-extension-name"] == "bounded"
    assert register.headers["lambda-extension-accept-feature"] == "accountId"
    assert orjson.loads(register.body) == {"events": ["INVOKE", "SHUTDOWN"]}


def test_exit_error_carries_the_exception_type(api: ScriptedApi) -> None:
    class QuotaExceeded(Exception):
        pass

    def on_invoke(event: object) -> None:
        raise QuotaExceeded("too much")

    extension = Extension("failing", on_invoke=on_invoke, runtime_api=api.address)
    try:
        with pytest.raises(ExtensionFailed, match=r"Extension\.QuotaExceeded"):
            extension.run()
    finally:
        api.server.close()
    (report,) = [r for r in api.requests if r.target.endswith("/exit/error")]
    assert report.headers["lambda-extension-function-error-type"] == "Extension.QuotaExceeded"
    assert orjson.loads(report.body)["errorMessage"] == "too much"
    assert "lambda-extension-identifier" in report.headers


def test_init_error_from_async_on_init() -> None:
    api = ScriptedApi([SHUTDOWN])

    async def on_init(registration: object) -> None:
        raise KeyError("missing setting")

    try:
        with pytest.raises(ExtensionFailed, match=r"Extension\.KeyError"):
            Extension("init", on_init=on_init, runtime_api=api.address).run()
    finally:
        api.server.close()
    assert [r.target for r in api.requests][-1] == "/2020-01-01/extension/init/error"
