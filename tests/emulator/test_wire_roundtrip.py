"""Property: what one side renders, the other side parses back to the same values (hypothesis).

Client side: the runtime's requests (runtime.protocol) and its stream-error trailers, the extension
client's register body and event parser. Server side: the emulator's route and error parsing
(http/runtime.py) and the Extensions API bodies it renders (protocol/extensions_api.py). And back:
the /next answer the emulator renders is the Invocation the runtime parses.
"""

from __future__ import annotations

import base64

import orjson
from hypothesis import given
from hypothesis import strategies as st

from lambda_runtime.emulator.http.runtime import error_failure, trailer_failure
from lambda_runtime.extensions.events import InvokeEvent, ShutdownEvent, parse_event
from lambda_runtime.protocol.errors import ErrorReport
from lambda_runtime.protocol.extensions_api import (
    SHUTDOWN_REASONS,
    Event,
    invoke_event,
    parse_register_body,
    register_body,
    shutdown_event,
)
from lambda_runtime.protocol.routes import RouteKind, parse_route
from lambda_runtime.protocol.runtime_api import (
    Endpoint,
    Header,
    InitError,
    Invocation,
    InvocationError,
    InvocationResponse,
    StreamingResponseStart,
)

ENDPOINT = Endpoint("127.0.0.1", 9001, "/secret-prefix")
# Request ids: any printable text, slashes, spaces, percent signs and non-ASCII included.
request_ids = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)
# Header-safe text (what fits one header line) for trace ids, ARNs and client contexts.
header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=80)
error_reports = st.builds(
    ErrorReport,
    error_type=st.text(min_size=1, max_size=40),
    error_message=st.text(max_size=200),
    stack_trace=st.lists(st.text(max_size=80), max_size=4).map(tuple),
)


def _lower(headers: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


@given(request_ids)
def test_response_and_error_routes_carry_a_quoted_request_id(request_id: str) -> None:
    # The rendered requests quote the id; the server side unquotes it back.
    for request, kind in (
        (InvocationResponse(request_id, b"{}").render(ENDPOINT), RouteKind.RESPONSE),
        (StreamingResponseStart(request_id).render(ENDPOINT), RouteKind.RESPONSE),
        (InvocationError(request_id, ErrorReport("E", "m")).render(ENDPOINT), RouteKind.ERROR),
    ):
        route = parse_route(request.method, request.path, ENDPOINT.prefix)
        assert route is not None
        assert route.kind is kind
        assert route.request_id == request_id


@given(error_reports)
def test_error_posts_reach_the_caller_as_the_runtime_reported_them(report: ErrorReport) -> None:
    for request in (InvocationError("id", report).render(ENDPOINT), InitError(report).render(ENDPOINT)):
        assert request.body is not None
        headers = _lower(request.headers)
        failure = error_failure(
            headers.get(Header.FUNCTION_ERROR_TYPE.lower()), request.body, "Function.Unknown"
        )
        assert failure.error_type == report.error_type
        assert orjson.loads(failure.body) == orjson.loads(request.body)  # the runtime's body, unchanged
        received = ErrorReport.from_json(failure.body)
        assert (received.error_type, received.error_message, received.stack_trace) == (
            report.error_type,
            report.error_message,
            report.stack_trace,
        )


@given(error_reports)
def test_stream_error_trailers_reach_the_caller_as_the_runtime_reported_them(report: ErrorReport) -> None:
    # The trailers a streamed response ends with (handlers/stream.py): the type and the base64 error body.
    trailers = {
        Header.FUNCTION_ERROR_TYPE.lower(): report.header_error_type(),
        Header.FUNCTION_ERROR_BODY.lower(): base64.b64encode(report.to_json()).decode("ascii"),
    }
    failure = trailer_failure(trailers)
    assert failure is not None
    assert failure.error_type == report.error_type
    assert ErrorReport.from_json(failure.body) == report
    assert trailer_failure({}) is None


@given(
    request_ids.filter(lambda text: text.isprintable() and text.isascii() and text.strip() == text),
    st.integers(min_value=0, max_value=2**53),
    header_text,
    st.none() | header_text,
    st.none() | header_text,
    st.binary(max_size=200),
)
def test_the_next_answer_is_the_invocation_the_runtime_parses(
    request_id: str,
    deadline_ms: int,
    arn: str,
    trace_id: str | None,
    client_context: str | None,
    body: bytes,
) -> None:
    invocation = Invocation(
        request_id=request_id,
        body=body,
        deadline_ms=deadline_ms,
        invoked_function_arn=arn.strip() or "arn",
        trace_id=trace_id.strip() or None if trace_id else None,
        client_context=client_context.strip() or None if client_context else None,
    )
    headers = {name.lower(): value for name, value in invocation.response_headers()}
    assert Invocation.from_headers(headers, body) == invocation


@given(request_ids, st.integers(min_value=0, max_value=2**53), header_text, st.none() | header_text)
def test_invoke_events_reach_the_extension_client(
    request_id: str, deadline_ms: int, arn: str, trace_id: str | None
) -> None:
    event = parse_event(
        invoke_event(
            request_id=request_id, deadline_ms=deadline_ms, invoked_function_arn=arn, trace_id=trace_id
        )
    )
    assert isinstance(event, InvokeEvent)
    assert (event.request_id, event.deadline_ms) == (request_id, deadline_ms)
    assert event.invoked_function_arn == arn
    # An empty trace id is no tracing at all on the client side.
    assert (event.tracing.value if event.tracing is not None else "") == (trace_id or "")


@given(st.sampled_from(SHUTDOWN_REASONS), st.booleans(), st.integers(min_value=0, max_value=2**53))
def test_shutdown_events_reach_the_extension_client(reason: str, upper: bool, deadline_ms: int) -> None:
    event = parse_event(shutdown_event(reason=reason.upper() if upper else reason, deadline_ms=deadline_ms))
    assert isinstance(event, ShutdownEvent)
    assert (event.reason, event.deadline_ms) == (reason, deadline_ms)


@given(st.sets(st.sampled_from(Event)))
def test_register_bodies_name_the_events_the_extension_asked_for(events: set[Event]) -> None:
    assert parse_register_body(register_body(sorted(event.value for event in events))) == events
