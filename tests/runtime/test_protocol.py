"""The sans-IO Runtime API module: endpoints, routes, invocations, rendered requests, error values."""

from __future__ import annotations

import pytest

from lambda_runtime.protocol.errors import ErrorReport, InitFault
from lambda_runtime.protocol.routes import Route, RouteKind, parse_route
from lambda_runtime.protocol.runtime_api import (
    Endpoint,
    InitError,
    Invocation,
    InvocationError,
    InvocationResponse,
    NextInvocation,
    ProtocolError,
    StreamingResponseStart,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:9001", Endpoint("127.0.0.1", 9001, "")),
        ("http://127.0.0.1:9000/.rt", Endpoint("127.0.0.1", 9000, "/.rt")),
        ("localhost:9001/", Endpoint("localhost", 9001, "")),
        ("[::1]:9001", Endpoint("::1", 9001, "")),
        (" sandbox:80/a/b/ ", Endpoint("sandbox", 80, "/a/b")),
    ],
)
def test_endpoint_parse(value: str, expected: Endpoint) -> None:
    assert Endpoint.parse(value) == expected


@pytest.mark.parametrize("value", ["", "localhost", "https://x:1", "host:port", "host:70000", ":9001"])
def test_endpoint_parse_rejects_garbage(value: str) -> None:
    with pytest.raises(ProtocolError, match="AWS_LAMBDA_RUNTIME_API"):
        Endpoint.parse(value)


def test_rendered_requests_carry_prefix_and_headers() -> None:
    endpoint = Endpoint.parse("127.0.0.1:9000/.rt")
    assert NextInvocation().render(endpoint).path == "/.rt/2018-06-01/runtime/invocation/next"
    response = InvocationResponse("id-1", b"{}").render(endpoint)
    assert (response.method, response.path) == ("POST", "/.rt/2018-06-01/runtime/invocation/id-1/response")
    error = InvocationError("id-1", ErrorReport("ValueError", "bad")).render(endpoint)
    assert dict(error.headers)["Lambda-Runtime-Function-Error-Type"] == "Function.ValueError"
    assert error.body == b'{"errorMessage":"bad","errorType":"ValueError","requestId":"id-1","stackTrace":[]}'
    init = InitError(ErrorReport("Runtime.ImportModuleError", "x")).render(endpoint)
    assert init.path == "/.rt/2018-06-01/runtime/init/error"
    stream = dict(StreamingResponseStart("id-1").render(endpoint).headers)
    assert stream["Lambda-Runtime-Function-Response-Mode"] == "streaming"
    assert stream["Transfer-Encoding"] == "chunked"
    assert "Lambda-Runtime-Function-Error-Body" in stream["Trailer"]


def test_invocation_round_trips_through_headers() -> None:
    invocation = Invocation(
        "id-9", b"{}", 123, "arn", "Root=1", '{"custom":{}}', '{"cognitoIdentityId":"c"}', "t"
    )
    headers = {name.lower(): value for name, value in invocation.response_headers()}
    assert Invocation.from_headers(headers, b"{}") == invocation


def test_invocation_without_request_id_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="Request-Id"):
        Invocation.from_headers({}, b"{}")


def test_invocation_with_bad_deadline_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="Deadline"):
        Invocation.from_headers(
            {"lambda-runtime-aws-request-id": "x", "lambda-runtime-deadline-ms": "soon"}, b""
        )


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/2018-06-01/runtime/invocation/next", Route(RouteKind.NEXT)),
        ("POST", "/2018-06-01/runtime/invocation/abc/response", Route(RouteKind.RESPONSE, "abc")),
        ("POST", "/2018-06-01/runtime/invocation/a%2Fb/error", Route(RouteKind.ERROR, "a/b")),
        ("POST", "/2018-06-01/runtime/init/error", Route(RouteKind.INIT_ERROR)),
        ("POST", "/2018-06-01/runtime/invocation/next", None),
        ("GET", "/2018-06-01/runtime/invocation/abc/response", None),
        ("GET", "/other", None),
        ("POST", "/2018-06-01/runtime/invocation/abc/response/extra", None),
    ],
)
def test_parse_route(method: str, path: str, expected: Route | None) -> None:
    assert parse_route(method, path) == expected


@pytest.mark.parametrize(
    ("error_type", "header"),
    [
        ("ValueError", "Function.ValueError"),
        ("Runtime.UnmarshalError", "Runtime.UnmarshalError"),
        ("HTTP404Error", "Function.HTTPError"),
        ("my_error", "Function.Unknown"),
        ("pkg.mod.CustomError", "Function.CustomError"),
    ],
)
def test_header_error_type_matches_what_the_rie_accepts(error_type: str, header: str) -> None:
    assert ErrorReport(error_type, "").header_error_type() == header


def test_error_report_from_exception_keeps_user_frames() -> None:
    def user_code() -> None:
        raise LookupError("where")

    try:
        user_code()
    except LookupError as exc:
        report = ErrorReport.from_exception(exc)
    assert report.error_type == "LookupError"
    assert report.error_message == "where"
    assert "user_code" in report.stack_trace[-1]


def test_error_report_from_runtime_fault_uses_fault_type() -> None:
    report = ErrorReport.from_exception(InitFault("nope", error_type="Runtime.HandlerNotFound"))
    assert (report.error_type, report.error_message, report.stack_trace) == (
        "Runtime.HandlerNotFound",
        "nope",
        (),
    )


@pytest.mark.parametrize("body", [b"not json", b"[1,2]", b'{"errorMessage": 5}'])
def test_error_report_reads_any_peer_body(body: bytes) -> None:
    report = ErrorReport.from_json(body)
    assert report.error_type
    assert isinstance(report.error_message, str)
