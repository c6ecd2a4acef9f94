"""The work of one warm invoke, counted rather than timed: Python and C calls made by ``serve_one``.

A budget on calls is deterministic (no timing), and it fails when a change puts work back on the path
every invocation takes (a Record per answer, a file object's readline per header, a second header parse).
The bench (``python -m bench.bench_runtime``, ``bench.instructions_runtime``) measures the cost itself.
"""

from __future__ import annotations

import sys
from types import FrameType

from lambda_runtime.protocol.runtime_api import Endpoint
from lambda_runtime.runtime.config import FunctionInfo, RuntimeConfig
from lambda_runtime.runtime.handlers.adapters import adapt
from lambda_runtime.runtime.loop import InvocationLoop
from lambda_runtime.runtime.transport import Connection
from tests.support.runtime_harness import RuntimeApiServer

TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
EVENT = b'{"rawPath": "/orders", "requestContext": {"http": {"method": "GET", "sourceIp": "1.2.3.4"}}}'

# Calls (Python functions and C functions called from Python) one warm buffered invoke may make, the
# handler's own included. Measured against this harness: 87.
CALL_BUDGET = 90


def handler(event: dict[str, object], context: object) -> dict[str, object]:
    return {"statusCode": 200, "path": event["rawPath"]}


def calls_per_invoke(invokes: int) -> float:
    with RuntimeApiServer() as api:
        endpoint = Endpoint.parse(api.endpoint)
        config = RuntimeConfig(endpoint, "app.handler", ".", FunctionInfo("f", "$LATEST", 128, "/g", "s"))
        loop = InvocationLoop(config, Connection(endpoint), adapt(handler))
        ids = [
            api.add_invocation(EVENT, headers={"Lambda-Runtime-Trace-Id": TRACE}) for _ in range(invokes + 2)
        ]
        loop.serve_one()  # the first invoke sets up what later ones reuse
        loop.serve_one()
        count = 0

        def profile(frame: FrameType, event: str, arg: object) -> None:
            nonlocal count
            if event in ("call", "c_call"):
                count += 1

        sys.setprofile(profile)
        try:
            for _ in range(invokes):
                loop.serve_one()
        finally:
            sys.setprofile(None)
        for request_id in ids:
            assert api.wait_for(request_id).kind == "response"
    return count / invokes


def test_a_warm_invoke_stays_within_its_call_budget() -> None:
    assert calls_per_invoke(20) <= CALL_BUDGET
