"""The request id comes from the Context of the invocation in flight, per thread and per task."""

from __future__ import annotations

import asyncio
import contextvars
import json
import threading

from lambda_runtime.log import Level, Log, LogConfig, LogFormat
from lambda_runtime.log._emitter import Emitter
from lambda_runtime.log._log import install_emitter
from lambda_runtime.runtime.context import invocation_scope

from .conftest import ListSink, make_context


def use_json() -> ListSink:
    sink = ListSink()
    install_emitter(Emitter(LogConfig(LogFormat.JSON, Level.INFO), sink))
    return sink


def test_threads_each_see_their_own_request_id() -> None:
    sink = use_json()
    barrier = threading.Barrier(8)

    def invoke(request_id: str) -> None:
        with invocation_scope(make_context(request_id)):
            barrier.wait(timeout=10)
            for n in range(50):
                Log.info("step", owner=request_id, n=n)

    threads = [threading.Thread(target=invoke, args=(f"req-{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    docs = [json.loads(p) for p in sink.payloads]
    assert len(docs) == 400
    assert all(doc["requestId"] == doc["owner"] for doc in docs)


def test_async_tasks_each_see_their_own_request_id() -> None:
    sink = use_json()

    async def invoke(request_id: str) -> None:
        with invocation_scope(make_context(request_id)):
            for n in range(20):
                Log.info("step", owner=request_id, n=n)
                await asyncio.sleep(0)

    async def main() -> None:
        await asyncio.gather(*(invoke(f"task-{i}") for i in range(5)))

    asyncio.run(main())
    docs = [json.loads(p) for p in sink.payloads]
    assert len(docs) == 100
    assert all(doc["requestId"] == doc["owner"] for doc in docs)


def test_a_thread_started_with_a_copied_context_keeps_the_request_id() -> None:
    sink = use_json()
    with invocation_scope(make_context("req-parent")):
        context = contextvars.copy_context()
    thread = threading.Thread(target=context.run, args=(Log.info, "from worker"))
    thread.start()
    thread.join(timeout=10)
    (doc,) = (json.loads(p) for p in sink.payloads)
    assert doc["requestId"] == "req-parent"


def test_outside_an_invocation_there_is_no_request_id() -> None:
    sink = use_json()
    Log.info("init")
    assert "requestId" not in json.loads(sink.payloads[0])
