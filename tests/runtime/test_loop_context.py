"""What ``InvocationLoop.serve_one`` makes of a /next answer: the Context a handler sees, and the answers it
refuses. The loop reads the headers itself (no Invocation on its path), so these pin it to
``Invocation.from_headers`` and ``Context.from_invocation``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from lambda_runtime.protocol.runtime_api import Endpoint, Invocation, Request
from lambda_runtime.runtime.config import FunctionInfo, RuntimeConfig
from lambda_runtime.runtime.context import Client, ClientContext, CognitoIdentity, Context
from lambda_runtime.runtime.handlers.adapters import adapt
from lambda_runtime.runtime.loop import FatalRuntimeError, InvocationLoop
from lambda_runtime.runtime.trace_env import TRACE_ENV

FUNCTION = FunctionInfo("fn", "7", 512, "/aws/lambda/fn", "stream")
ENDPOINT = Endpoint.parse("127.0.0.1:9001/prefix")
ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn"
TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"


class FakeConnection:
    """Answers /next with the given answers in order and records the posts."""

    def __init__(self, *answers: tuple[int, dict[str, str], bytes]) -> None:
        self.answers = list(answers)
        self.posts: list[tuple[str, str, bytes]] = []

    def exchange(self, request: Request) -> tuple[int, dict[str, str], bytes]:
        assert request.path == "/prefix/2018-06-01/runtime/invocation/next"
        return self.answers.pop(0)

    def post(self, path: str, content_type: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
        self.posts.append((path, content_type, body))
        return 202, {}, b""

    def request(self, request: Request) -> Any:
        raise AssertionError(f"unexpected request {request!r}")


@pytest.fixture(autouse=True)
def _restore_trace_env() -> Iterator[None]:
    before = os.environ.get(TRACE_ENV)
    yield
    if before is None:
        os.environ.pop(TRACE_ENV, None)
    else:
        os.environ[TRACE_ENV] = before


def serve(connection: FakeConnection, handler: Any) -> None:
    config = RuntimeConfig(ENDPOINT, "app.handler", ".", FUNCTION)
    loop = InvocationLoop(config, connection, adapt(handler), clock=lambda: 1_000)  # type: ignore[arg-type]
    for _ in range(len(connection.answers)):
        loop.serve_one()


def test_the_handler_sees_the_context_from_invocation_builds() -> None:
    headers = {
        "lambda-runtime-aws-request-id": "req 1",
        "lambda-runtime-deadline-ms": "31000",
        "lambda-runtime-invoked-function-arn": ARN,
        "lambda-runtime-trace-id": TRACE,
        "lambda-runtime-client-context": '{"client": {"installation_id": "i-1"}, "custom": {"k": 1}}',
        "lambda-runtime-cognito-identity": '{"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool"}',
        "lambda-runtime-aws-tenant-id": "tenant-a",
        "content-type": "application/json",
    }
    bare = {"lambda-runtime-aws-request-id": "req-2"}
    seen: list[tuple[Context, str | None]] = []

    def handler(event: Any, context: Context) -> dict[str, int]:
        seen.append((context, os.environ.get(TRACE_ENV)))
        return {"remaining": context.get_remaining_time_in_millis()}

    connection = FakeConnection((200, headers, b"{}"), (200, bare, b"[]"))
    serve(connection, handler)

    (first, first_trace), (second, second_trace) = seen
    for context, answer_headers, body in ((first, headers, b"{}"), (second, bare, b"[]")):
        expected = Context.from_invocation(Invocation.from_headers(answer_headers, body), FUNCTION)
        assert type(context) is Context
        assert context == expected
        assert repr(context) == repr(expected)
        assert context.clock() == 1_000
        with pytest.raises(AttributeError, match="Context is immutable"):
            context.aws_request_id = "other"  # type: ignore[misc]
    assert first.identity == CognitoIdentity("id-1", "pool")
    assert first.client_context == ClientContext(Client("i-1"), {"k": 1}, None)
    assert (first.tenant_id, first.deadline_ms, first.trace_id) == ("tenant-a", 31000, TRACE)
    assert (second.invoked_function_arn, second.deadline_ms, second.trace_id) == ("", None, None)
    assert (first_trace, second_trace) == (TRACE, None)
    assert connection.posts == [
        (
            "/prefix/2018-06-01/runtime/invocation/req%201/response",
            "application/json",
            b'{"remaining":30000}',
        ),
        ("/prefix/2018-06-01/runtime/invocation/req-2/response", "application/json", b'{"remaining":0}'),
    ]


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "/next answer has no Lambda-Runtime-Aws-Request-Id header"),
        ({"lambda-runtime-aws-request-id": ""}, "/next answer has no Lambda-Runtime-Aws-Request-Id header"),
        (
            {"lambda-runtime-aws-request-id": "r", "lambda-runtime-deadline-ms": "soon"},
            "Lambda-Runtime-Deadline-Ms is not an integer: 'soon'",
        ),
        (
            {"lambda-runtime-deadline-ms": "soon"},
            "/next answer has no Lambda-Runtime-Aws-Request-Id header",
        ),
    ],
)
def test_an_answer_that_is_no_invocation_ends_the_process(headers: dict[str, str], message: str) -> None:
    def handler(event: Any, context: Context) -> None:
        raise AssertionError("not called")

    connection = FakeConnection((200, headers, b"{}"))
    with pytest.raises(FatalRuntimeError, match=f"^{message}$"):
        serve(connection, handler)
    assert connection.posts == []
