"""The error report codec: what the runtime encodes, a server decodes to the same report."""

from __future__ import annotations

import base64

from hypothesis import given
from hypothesis import strategies as st

from lambda_runtime.protocol.errors import (
    ERROR_BODY_TRAILER,
    ERROR_TYPE_HEADER,
    ErrorReport,
    ErrorTrailers,
)

_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_reports = st.builds(
    ErrorReport,
    error_type=_text.filter(bool),
    error_message=_text,
    stack_trace=st.lists(_text, max_size=3).map(tuple),
    request_id=_text,
)

_TYPE = ERROR_TYPE_HEADER.lower()
_BODY = ERROR_BODY_TRAILER.lower()


def _lowered(pairs: list[tuple[str, str]]) -> dict[str, str]:
    return {name.lower(): value for name, value in pairs}


@given(_reports)
def test_an_error_body_decodes_to_the_report_it_was_encoded_from(report: ErrorReport) -> None:
    assert ErrorReport.from_json(report.to_json()) == report


@given(_reports)
def test_error_trailers_decode_to_the_report_they_were_encoded_from(report: ErrorReport) -> None:
    trailers = ErrorTrailers.from_report(report)
    parsed = ErrorTrailers.parse(_lowered(trailers.render()))
    assert parsed is not None
    assert parsed == trailers
    assert parsed.error_type == report.header_error_type()
    assert parsed.report() == report


def test_trailers_are_named_as_lambda_specifies() -> None:
    names = [name for name, _ in ErrorTrailers.from_report(ErrorReport("ValueError", "bad")).render()]
    assert names == ["Lambda-Runtime-Function-Error-Type", "Lambda-Runtime-Function-Error-Body"]


def test_a_stream_without_error_trailers_did_not_fail() -> None:
    assert ErrorTrailers.parse({}) is None
    assert ErrorTrailers.parse({_TYPE: ""}) is None


def test_a_body_trailer_that_is_not_base64_leaves_the_header_type() -> None:
    parsed = ErrorTrailers.parse({_TYPE: "Function.Oops", _BODY: "%%"})
    assert parsed is not None
    assert parsed == ErrorTrailers("Function.Oops", b"")
    assert parsed.report() == ErrorReport("Function.Oops", "")


def test_a_body_trailer_without_an_error_type_takes_the_header_type() -> None:
    body = base64.b64encode(b'{"errorMessage": "m"}').decode()
    parsed = ErrorTrailers.parse({_TYPE: "Function.Oops", _BODY: body})
    assert parsed is not None
    assert parsed.report() == ErrorReport("Function.Oops", "m")


@given(_reports)
def test_a_post_of_an_error_document_reads_as_the_document(report: ErrorReport) -> None:
    body = report.to_json()
    assert ErrorReport.is_document(body)
    assert ErrorReport.from_post(body, "Function.Header") == ErrorReport.from_json(body)


def test_a_post_that_is_no_error_document_takes_the_header_type() -> None:
    assert ErrorReport.from_post(b"it broke", "Function.Oops") == ErrorReport("Function.Oops", "it broke")
    assert ErrorReport.from_post(b"", "Runtime.Unknown") == ErrorReport("Runtime.Unknown", "")
    # JSON that is no error document gives no message: only the header speaks.
    assert ErrorReport.from_post(b'{"errorMessage": "m"}', "Function.Oops") == ErrorReport(
        "Function.Oops", ""
    )
    assert ErrorReport.from_post(b"[1, 2]", "Function.Oops") == ErrorReport("Function.Oops", "")
    for body in (b"it broke", b"", b"[1]", b'{"errorType": 1}'):
        assert not ErrorReport.is_document(body)
