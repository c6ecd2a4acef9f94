"""Errors of async handlers, over a real runtime process: user frames only, and the request id in the body."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.support.runtime_harness import Posted, RuntimeApiServer, RuntimeProcess, write_module

ASYNC_HANDLERS = """
import asyncio

from lambda_runtime import LambdaBufferedHandler, LambdaStreamHandler


class AsyncDomainError(Exception):
    pass


def helper():
    raise AsyncDomainError("async rule broken")


async def async_function(event, context):
    await asyncio.sleep(0)
    helper()


class AsyncClass(LambdaBufferedHandler[dict, dict]):
    async def handle_request(self, event, context):
        await asyncio.sleep(0)
        helper()


class AsyncStreamEarly(LambdaStreamHandler[dict]):
    async def handle_request(self, event, output, context):
        await asyncio.sleep(0)
        helper()


class AsyncStreamLate(LambdaStreamHandler[dict]):
    async def handle_request(self, event, output, context):
        output.write("partial")
        await asyncio.sleep(0)
        helper()


async def async_generator(event, context):
    yield "first"
    await asyncio.sleep(0)
    helper()


async def awaits_asyncio(event, context):
    await asyncio.wait_for(asyncio.sleep(10), timeout=0)
"""

REQUEST_ID = "7f1c4f43-async-error"


@pytest.fixture
def task_root(tmp_path: Path) -> Path:
    write_module(tmp_path, "app", ASYNC_HANDLERS)
    return tmp_path


def error_document(posted: Posted) -> dict[str, object]:
    if posted.kind == "error":
        raw = posted.body
    else:  # a stream that had started reports its error in a trailer
        raw = base64.b64decode(posted.trailers["lambda-runtime-function-error-body"])
    document = json.loads(raw)
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize(
    ("handler", "kind"),
    [
        ("app.async_function", "error"),
        ("app.AsyncClass", "error"),
        ("app.AsyncStreamEarly", "error"),
        ("app.AsyncStreamLate", "response"),
        ("app.async_generator", "response"),
    ],
)
def test_async_error_has_user_frames_only_and_the_request_id(
    task_root: Path, handler: str, kind: str
) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, handler, task_root):
        posted = api.wait_for(api.add_invocation(b"{}", request_id=REQUEST_ID))
    assert posted.kind == kind
    document = error_document(posted)
    assert document["errorType"] == "AsyncDomainError"
    assert document["errorMessage"] == "async rule broken"
    assert document["requestId"] == REQUEST_ID
    trace = document["stackTrace"]
    assert isinstance(trace, list)
    user_file = f'File "{task_root / "app.py"}"'
    assert [line.split(",")[0].strip() for line in trace] == [user_file, user_file]
    assert "in helper" in trace[-1]


def test_asyncio_frames_below_a_user_frame_are_kept(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.awaits_asyncio", task_root):
        posted = api.wait_for(api.add_invocation(b"{}", request_id=REQUEST_ID))
    trace = error_document(posted)["stackTrace"]
    assert isinstance(trace, list)
    assert "app.py" in trace[0]
    assert "awaits_asyncio" in trace[0]
    assert any("asyncio" in line for line in trace[1:])
    assert not any("lambda_runtime" in line for line in trace)


def test_sync_error_body_carries_the_request_id(task_root: Path) -> None:
    write_module(task_root, "sync_app", "def handler(event, context):\n    raise KeyError('k')\n")
    with RuntimeApiServer() as api, RuntimeProcess(api, "sync_app.handler", task_root):
        posted = api.wait_for(api.add_invocation(b"{}", request_id=REQUEST_ID))
    document = error_document(posted)
    assert list(document) == ["errorMessage", "errorType", "requestId", "stackTrace"]
    assert document["requestId"] == REQUEST_ID
