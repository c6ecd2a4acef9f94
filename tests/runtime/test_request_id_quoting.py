"""Request ids are percent-encoded in the response and error paths, and decoded back by the server side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lambda_runtime.protocol.errors import ErrorReport
from lambda_runtime.protocol.runtime_api import (
    Endpoint,
    InvocationError,
    InvocationResponse,
    StreamingResponseStart,
    quote_request_id,
    unquote_request_id,
)
from tests.support.runtime_harness import RuntimeApiServer, RuntimeProcess, write_module

AWKWARD_IDS = ["a b", "x/y/z", "100%", "%41", "caf\u00e9-\u00fc\u65e5", "q?x=1#f", "tab\there", "+plus&amp"]

HANDLERS = """
def echo_id(event, context):
    if event.get("fail"):
        raise ValueError(context.aws_request_id)
    return {"id": context.aws_request_id}


def stream_id(event, context):
    yield context.aws_request_id
"""


@pytest.mark.parametrize("request_id", [*AWKWARD_IDS, "8476a536-e9f4-11e8-9739-2dfe598c3fcd"])
def test_quote_round_trips_and_leaves_one_path_segment(request_id: str) -> None:
    quoted = quote_request_id(request_id)
    assert unquote_request_id(quoted) == request_id
    assert quoted.isascii()
    assert not set(quoted) & set("/ ?#\t")


def test_uuid_is_left_as_it_is() -> None:
    assert quote_request_id("8476a536-e9f4-11e8-9739-2dfe598c3fcd") == "8476a536-e9f4-11e8-9739-2dfe598c3fcd"
    assert quote_request_id("a b/%") == "a%20b%2F%25"


def test_unquote_keeps_what_is_not_an_escape() -> None:
    assert unquote_request_id("100%") == "100%"
    assert unquote_request_id("%zz%4") == "%zz%4"
    assert unquote_request_id("%FF") == "\ufffd"


def test_rendered_paths_quote_the_request_id() -> None:
    endpoint = Endpoint.parse("127.0.0.1:9000")
    tail = "/2018-06-01/runtime/invocation/a%20b%2Fc/"
    assert InvocationResponse("a b/c", b"{}").render(endpoint).path == tail + "response"
    assert StreamingResponseStart("a b/c").render(endpoint).path == tail + "response"
    assert InvocationError("a b/c", ErrorReport("E", "m")).render(endpoint).path == tail + "error"


@pytest.mark.parametrize("request_id", AWKWARD_IDS)
def test_runtime_posts_responses_and_errors_for_awkward_request_ids(tmp_path: Path, request_id: str) -> None:
    write_module(tmp_path, "app", HANDLERS)
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.echo_id", tmp_path):
        response = api.wait_for(api.add_invocation(b"{}", request_id=request_id), timeout=10)
        error = api.wait_for(api.add_invocation(b'{"fail": 1}', request_id=request_id), timeout=10)
        targets = [target for method, target in api.requests if method == "POST"]
    assert response.kind == "response"
    assert json.loads(response.body) == {"id": request_id}
    assert error.kind == "error"
    assert json.loads(error.body)["requestId"] == request_id
    quoted = quote_request_id(request_id)
    assert targets == [
        f"/2018-06-01/runtime/invocation/{quoted}/response",
        f"/2018-06-01/runtime/invocation/{quoted}/error",
    ]


def test_streamed_response_path_is_quoted(tmp_path: Path) -> None:
    write_module(tmp_path, "app", HANDLERS)
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.stream_id", tmp_path):
        posted = api.wait_for(api.add_invocation(b"{}", request_id="s p/a%ce"), timeout=10)
    assert posted.kind == "response"
    assert posted.body == b"s p/a%ce"
