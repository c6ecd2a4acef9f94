"""The real runtime (``python -m lambda_runtime``) against a real Runtime API server on loopback."""

from __future__ import annotations

import base64
import json
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lambda_runtime.protocol.runtime_api import MAX_PAYLOAD_BYTES
from tests.runtime.handlers_source import HANDLERS, SHUTDOWN_HANDLERS
from tests.support.runtime_harness import Posted, RuntimeApiServer, RuntimeProcess, write_module

TRACE_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"


@pytest.fixture
def task_root(tmp_path: Path) -> Path:
    write_module(tmp_path, "app", HANDLERS)
    return tmp_path


def invoke_once(
    task_root: Path, handler: str, body: bytes = b'{"x": 1, "y": 2}', **invocation: object
) -> Posted:
    with RuntimeApiServer() as api, RuntimeProcess(api, handler, task_root):
        request_id = api.add_invocation(body, **invocation)  # type: ignore[arg-type]
        return api.wait_for(request_id)


def error_body(posted: Posted) -> dict[str, object]:
    document = json.loads(posted.body)
    assert isinstance(document, dict)
    return document


# -- handler forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("handler", "expected"),
    [
        ("app.echo", {"event": {"x": 1, "y": 2}}),
        ("app.async_echo", {"async": {"x": 1, "y": 2}}),
        ("app.typed_point", {"x": 10, "y": 20, "sum": 30}),
        ("app.Greeter", {"greeting": "hello", "x": 1}),
        ("app.AsyncGreeter", {"async_class": {"x": 1, "y": 2}}),
        ("app.with_decimal", {"price": 1.5, "count": 3, "tags": ["a"]}),
    ],
)
def test_buffered_handler_forms(task_root: Path, handler: str, expected: dict[str, object]) -> None:
    posted = invoke_once(task_root, handler)
    assert posted.kind == "response"
    document = json.loads(posted.body)
    for key, value in expected.items():
        assert document[key] == value


def test_returning_none_posts_json_null(task_root: Path) -> None:
    posted = invoke_once(task_root, "app.returns_none")
    assert (posted.kind, posted.body) == ("response", b"null")


def test_bytes_event_and_result_are_raw(task_root: Path) -> None:
    posted = invoke_once(task_root, "app.raw_bytes", b"not json at all")
    assert (posted.kind, posted.body) == ("response", b"lla ta nosj ton")


def test_path_style_handler_name(task_root: Path) -> None:
    package = task_root / "pkg" / "sub"
    package.mkdir(parents=True)
    write_module(package, "mod", "def handler(event, context):\n    return {'from': 'pkg.sub.mod'}\n")
    posted = invoke_once(task_root, "pkg/sub/mod.handler")
    assert json.loads(posted.body) == {"from": "pkg.sub.mod"}


def test_many_invokes_share_one_event_loop_and_connection(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.loop_identity", task_root):
        results = [json.loads(api.wait_for(api.add_invocation(b"{}")).body) for _ in range(5)]
    assert results[-1] == {"distinct_loops": 1, "calls": 5}
    assert len(api.requests) >= 10  # 5 x /next + 5 x /response at least ...
    assert api.connections_accepted == 1  # ... over one keep-alive connection


def test_runtime_api_with_http_scheme_and_path_prefix(task_root: Path) -> None:
    with (
        RuntimeApiServer(prefix="/.rt") as api,
        RuntimeProcess(api, "app.echo", task_root, env={"AWS_LAMBDA_RUNTIME_API": f"http://{api.endpoint}"}),
    ):
        posted = api.wait_for(api.add_invocation(b'"hi"'))
    assert json.loads(posted.body)["event"] == "hi"


def test_user_owned_main_with_lambda_runtime_run(task_root: Path) -> None:
    write_module(
        task_root,
        "main",
        "from lambda_runtime import LambdaRuntime, LambdaBufferedHandler\n"
        "class Doubler(LambdaBufferedHandler[int, int]):\n"
        "    def handle_request(self, event, context):\n"
        "        return event * 2\n"
        "LambdaRuntime.run(Doubler())\n",
    )
    with (
        RuntimeApiServer() as api,
        RuntimeProcess(
            api, "unused.handler", task_root, command=[sys.executable, str(task_root / "main.py")]
        ),
    ):
        posted = api.wait_for(api.add_invocation(b"21"))
    assert posted.body == b"42"


# -- the Context and per-invoke environment --------------------------------------------------------


def test_context_carries_every_header(task_root: Path) -> None:
    client_context = {
        "client": {"installation_id": "inst-1", "app_title": "app"},
        "custom": {"k": "v"},
        "env": {},
    }
    headers = {
        "Lambda-Runtime-Client-Context": json.dumps(client_context),
        "Lambda-Runtime-Cognito-Identity": json.dumps(
            {"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}
        ),
        "Lambda-Runtime-Aws-Tenant-Id": "tenant-7",
        "Lambda-Runtime-Trace-Id": TRACE_HEADER,
    }
    posted = invoke_once(task_root, "app.context_view", headers=headers)
    view = json.loads(posted.body)
    assert view == {
        "function_name": "test-function",
        "function_version": "$LATEST",
        "memory": 256,
        "arn": "arn:aws:lambda:us-east-1:123456789012:function:test",
        "log_stream": "2026/11/22/[$LATEST]0123456789abcdef",
        "identity": ["id-1", "pool-1"],
        "installation_id": "inst-1",
        "custom": {"k": "v"},
        "tenant_id": "tenant-7",
        "trace_env": headers["Lambda-Runtime-Trace-Id"],
        "remaining_positive": True,
    }


def test_trace_env_is_removed_when_header_absent(task_root: Path) -> None:
    trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.context_view", task_root):
        first = json.loads(
            api.wait_for(api.add_invocation(b"{}", headers={"Lambda-Runtime-Trace-Id": trace})).body
        )
        second = json.loads(api.wait_for(api.add_invocation(b"{}")).body)
    assert first["trace_env"] == trace
    assert second["trace_env"] is None


def test_malformed_context_headers_read_as_absent(task_root: Path) -> None:
    headers = {"Lambda-Runtime-Client-Context": "{not json", "Lambda-Runtime-Cognito-Identity": "[1, 2]"}
    view = json.loads(invoke_once(task_root, "app.context_view", headers=headers).body)
    assert view["identity"] == [None, None]
    assert view["custom"] is None


def test_print_reaches_stdout_at_once(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.prints_partial_line", task_root) as runtime:
        api.wait_for(api.add_invocation(b"{}"))
        # The process is now parked on /next: unbuffered output is already in the file.
        assert "no newline yet" in runtime.stdout


# -- errors from the handler -----------------------------------------------------------------------


def test_unhandled_exception_reports_class_name_and_user_frames(task_root: Path) -> None:
    posted = invoke_once(task_root, "app.domain_error")
    body = error_body(posted)
    assert posted.kind == "error"
    assert body["errorType"] == "MyDomainError"
    assert body["errorMessage"] == "domain rule broken"
    trace = body["stackTrace"]
    assert isinstance(trace, list)
    assert any("app.py" in line and "domain_error" in line for line in trace)
    assert not any("lambda_runtime" in line for line in trace)
    assert posted.headers["lambda-runtime-function-error-type"] == "Function.MyDomainError"
    assert posted.headers["content-type"] == "application/vnd.aws.lambda.error+json"


def test_invalid_json_event_is_unmarshal_error_and_runtime_keeps_serving(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.echo", task_root):
        bad = api.wait_for(api.add_invocation(b"{not json"))
        good = api.wait_for(api.add_invocation(b"[1]"))
    assert bad.kind == "error"
    assert error_body(bad)["errorType"] == "Runtime.UnmarshalError"
    assert bad.headers["lambda-runtime-function-error-type"] == "Runtime.UnmarshalError"
    assert json.loads(good.body)["event"] == [1]


def test_event_not_matching_declared_type_is_unmarshal_error(task_root: Path) -> None:
    posted = invoke_once(task_root, "app.typed_point", b'{"x": 1}')
    body = error_body(posted)
    assert body["errorType"] == "Runtime.UnmarshalError"
    assert "Point" in str(body["errorMessage"])


def test_unserialisable_result_is_marshal_error(task_root: Path) -> None:
    body = error_body(invoke_once(task_root, "app.unserialisable"))
    assert body["errorType"] == "Runtime.MarshalError"
    assert "object" in str(body["errorMessage"])


def test_oversized_result_is_reported_and_runtime_keeps_serving(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.too_large", task_root):
        first = api.wait_for(api.add_invocation(b"{}"))
        second = api.wait_for(api.add_invocation(b"{}"))
    for posted in (first, second):
        body = error_body(posted)
        assert body["errorType"] == "Function.ResponseSizeTooLarge"
        assert str(MAX_PAYLOAD_BYTES) in str(body["errorMessage"])


# -- init errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("handler", "module_source", "error_type", "message_part"),
    [
        ("missing_module.handler", None, "Runtime.ImportModuleError", "missing_module"),
        (
            "broken.handler",
            "def handler(event, context)\n    return 1\n",
            "Runtime.UserCodeSyntaxError",
            "broken",
        ),
        ("app.no_such_function", None, "Runtime.HandlerNotFound", "no_such_function"),
        ("no_dot_at_all", None, "Runtime.MalformedHandlerName", "no_dot_at_all"),
        ("sys.exit", None, "Runtime.BuiltInModuleConflict", "sys"),
        ("explodes.handler", "raise RuntimeError('config missing')\n", "RuntimeError", "config missing"),
        (
            "imports_missing.handler",
            "import not_installed_anywhere\n",
            "Runtime.ImportModuleError",
            "not_installed_anywhere",
        ),
    ],
)
def test_init_errors_are_posted_and_process_exits_non_zero(
    task_root: Path, handler: str, module_source: str | None, error_type: str, message_part: str
) -> None:
    if module_source is not None:
        write_module(task_root, handler.split(".", maxsplit=1)[0], module_source)
    with RuntimeApiServer() as api, RuntimeProcess(api, handler, task_root) as runtime:
        posted = api.wait_init_error()
        status = runtime.wait()
    body = error_body(posted)
    assert posted.kind == "init_error"
    assert body["errorType"] == error_type
    assert message_part in str(body["errorMessage"])
    assert posted.headers["lambda-runtime-function-error-type"].startswith(("Runtime.", "Function."))
    assert status != 0
    assert error_type in runtime.stdout + runtime.stderr  # logged, not only posted


# -- a Runtime API that answers errors -------------------------------------------------------------


def test_next_answering_500_exits_non_zero_promptly(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.echo", task_root) as runtime:
        api.next_overrides.append(500)
        status = runtime.wait(timeout=10)
    assert status != 0
    assert "500" in runtime.stdout + runtime.stderr


def test_next_answering_403_exits_with_a_clear_message(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.echo", task_root) as runtime:
        api.next_overrides.append(403)
        status = runtime.wait(timeout=10)
    assert status != 0
    assert "403" in runtime.stdout + runtime.stderr


@pytest.mark.parametrize("status", [400, 403, 413])
def test_response_rejected_with_4xx_is_logged_and_runtime_keeps_serving(task_root: Path, status: int) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.echo", task_root) as runtime:
        api.post_overrides.append(status)
        rejected = api.wait_for(api.add_invocation(b"1"))
        accepted = api.wait_for(api.add_invocation(b"2"))
        assert runtime.process is not None
        assert runtime.process.poll() is None
    assert rejected.kind == accepted.kind == "response"
    assert json.loads(accepted.body)["event"] == 2
    assert str(status) in runtime.stdout + runtime.stderr


def test_response_answered_500_exits_non_zero(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.echo", task_root) as runtime:
        api.post_overrides.append(500)
        api.wait_for(api.add_invocation(b"1"))
        status = runtime.wait(timeout=10)
    assert status != 0


def test_runtime_api_unreachable_exits_with_a_clear_message(task_root: Path) -> None:
    api = RuntimeApiServer()
    api.close()  # nothing listens on that port any more
    with RuntimeProcess(api, "app.echo", task_root) as runtime:
        status = runtime.wait(timeout=10)
    assert status != 0
    assert "cannot connect to the Runtime API" in runtime.stdout + runtime.stderr


# -- streaming -------------------------------------------------------------------------------------


def streamed(posted: Posted) -> bytes:
    assert posted.kind == "response"
    assert posted.headers["lambda-runtime-function-response-mode"] == "streaming"
    assert posted.headers["transfer-encoding"] == "chunked"
    return posted.body


@pytest.mark.parametrize(
    ("handler", "body", "expected"),
    [
        ("app.Chunks", b'{"count": 3}', b"chunk-0;chunk-1;chunk-2;"),
        ("app.AsyncChunks", b"{}", b"async-0;async-1;async-2;"),
        ("app.generator", b"{}", b"one;two;"),
        ("app.async_generator", b"{}", b"three;four;"),
    ],
)
def test_streaming_handler_forms(task_root: Path, handler: str, body: bytes, expected: bytes) -> None:
    posted = invoke_once(task_root, handler, body)
    assert streamed(posted) == expected
    assert len(posted.chunks) >= 2  # chunks are sent as written, not buffered into one
    assert posted.headers["content-type"] == "application/octet-stream"
    assert posted.trailers == {}


def test_function_url_framing(task_root: Path) -> None:
    posted = invoke_once(task_root, "app.FunctionUrl", b"{}")
    prelude, separator, payload = streamed(posted).partition(b"\x00" * 8)
    assert separator
    assert json.loads(prelude) == {
        "statusCode": 201,
        "headers": {"Content-Type": "text/plain"},
        "cookies": ["a=b"],
    }
    assert payload == b"streamed body"
    assert posted.headers["content-type"] == "application/vnd.awslambda.http-integration-response"


def test_stream_error_after_first_byte_goes_in_trailers(task_root: Path) -> None:
    posted = invoke_once(task_root, "app.StreamFailsLate", b"{}")
    assert streamed(posted) == b"partial"
    assert posted.trailers["lambda-runtime-function-error-type"] == "Function.RuntimeError"
    error = json.loads(base64.b64decode(posted.trailers["lambda-runtime-function-error-body"]))
    assert error["errorType"] == "RuntimeError"
    assert error["errorMessage"] == "broke mid-stream"


def test_stream_error_before_first_byte_is_posted_as_error(task_root: Path) -> None:
    posted = invoke_once(task_root, "app.StreamFailsEarly", b"{}")
    assert posted.kind == "error"
    assert error_body(posted)["errorMessage"] == "broke before writing"


def test_streaming_keeps_serving_after_a_failed_stream(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.Chunks", task_root):
        failed = api.wait_for(api.add_invocation(b'{"wrong": 1}'))
        ok = api.wait_for(api.add_invocation(b'{"count": 1}'))
    assert failed.kind == "error"
    assert error_body(failed)["errorType"] == "KeyError"
    assert ok.body == b"chunk-0;"


# -- shutdown --------------------------------------------------------------------------------------


@pytest.fixture
def shutdown_runtime(task_root: Path) -> Iterator[tuple[RuntimeApiServer, RuntimeProcess]]:
    write_module(task_root, "lifecycle", SHUTDOWN_HANDLERS)
    with RuntimeApiServer() as api, RuntimeProcess(api, "lifecycle.WithShutdown", task_root) as runtime:
        yield api, runtime


def test_sigterm_runs_shutdown_hooks_and_exits_cleanly(
    shutdown_runtime: tuple[RuntimeApiServer, RuntimeProcess],
) -> None:
    api, runtime = shutdown_runtime
    assert json.loads(api.wait_for(api.add_invocation(b"{}")).body) == {"ok": True}
    assert runtime.process is not None
    time.sleep(0.2)  # let the runtime park on /next
    runtime.process.send_signal(signal.SIGTERM)
    assert runtime.wait(timeout=10) == 0
    assert "class shutdown hook ran" in runtime.stdout
    assert "module shutdown hook ran" in runtime.stdout
    # With hooks to run, the runtime asked for SIGTERM by registering an internal extension.
    assert ("POST", "/2020-01-01/extension/register") in api.requests


# -- the bootstrap file --------------------------------------------------------------------------------


def test_bootstrap_serves_with_the_interpreter_it_is_given(task_root: Path) -> None:
    bootstrap = Path(__file__).resolve().parents[2] / "bootstrap"
    env = {"LAMBDA_RUNTIME_PYTHON": sys.executable}
    with (
        RuntimeApiServer() as api,
        RuntimeProcess(api, "app.echo", task_root, env=env, command=[str(bootstrap)]),
    ):
        posted = api.wait_for(api.add_invocation(b'{"via": "bootstrap"}'))
    assert json.loads(posted.body)["event"] == {"via": "bootstrap"}


def test_bootstrap_prefers_a_bundled_interpreter(
    task_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    package = tmp_path_factory.mktemp("package")
    bootstrap_source = Path(__file__).resolve().parents[2] / "bootstrap"
    (package / "bootstrap").write_bytes(bootstrap_source.read_bytes())
    (package / "bootstrap").chmod(0o755)
    (package / "python" / "bin").mkdir(parents=True)
    bundled = package / "python" / "bin" / "python3"
    bundled.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    bundled.chmod(0o755)
    with (
        RuntimeApiServer() as api,
        RuntimeProcess(
            api, "app.echo", task_root, command=[str(package / "bootstrap")], env={"PATH": "/nonexistent"}
        ),
    ):
        posted = api.wait_for(api.add_invocation(b"1"))
    assert json.loads(posted.body)["event"] == 1


def test_stdlib_logging_imported_mid_invoke_goes_through_our_format(task_root: Path) -> None:
    write_module(
        task_root,
        "late_logging",
        "def handler(event, context):\n"
        "    import logging  # first imported here, after the runtime started\n"
        "    logging.getLogger('app').warning('late hello')\n"
        "    return 'ok'\n",
    )
    with RuntimeApiServer() as api, RuntimeProcess(api, "late_logging.handler", task_root) as runtime:
        request_id = api.add_invocation(b"{}")
        api.wait_for(request_id)
        lines = [line for line in runtime.stdout.splitlines() if "late hello" in line]
    assert len(lines) == 1
    level, _timestamp, logged_request_id, message = lines[0].split("\t")
    assert (level, logged_request_id, message) == ("[WARN]", request_id, "late hello")
