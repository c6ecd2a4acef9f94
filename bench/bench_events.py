"""Decode + 5 field reads: our typed events vs ``orjson.loads`` alone vs Powertools' data classes and
parser (pydantic) models, for the API Gateway HTTP API (v2) sample and a 10-record SQS event.

Every contender is a Python function that starts from the same JSON bytes and does ``orjson.loads``
first; "orjson.loads alone" is such a function too, so the ratio against it is the whole cost of the
typed layer. The 5 reads are what a handler typically touches (for v2: path, method, one header by
name, query parameters, body). Row "API GW v2" reads the method as handlers write it with each library
(``event.http_method``, a property both offer); row "v2 nested" reads it through the nested objects
(``event.request_context.http.method``: two more objects to build), to show what that costs.

Run: ``python -m bench.bench_events [--calls N] [--repeats R]``.
Targets: ours <= 1.5x orjson.loads alone, and faster than Powertools data classes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

import orjson

from bench._timing import FLOOR, OURS, interleaved_best, loads_alone, print_decoder_table, timing_arguments
from lambda_runtime.events.api_gateway import APIGatewayV2HTTPRequest
from lambda_runtime.events.cli import read_sample
from lambda_runtime.events.sqs import SQSEvent

__all__ = ["main"]


def _payloads() -> tuple[bytes, bytes]:
    http = orjson.dumps(json.loads(read_sample("apigateway-http")))
    template = json.loads(read_sample("sqs"))["Records"][0]
    records = []
    for i in range(10):
        record = dict(template)
        record["messageId"] = f"059f36b4-87a3-44ab-83d2-6619756{i:05d}"
        record["body"] = json.dumps({"orderId": f"A-{1001 + i}", "total": 19.99 + i})
        records.append(record)
    return http, orjson.dumps({"Records": records})


# Every reader is written out in full, as a handler would write it: a shared helper would add a call to
# each timed path.


def _ours_http(data: bytes) -> Any:
    event = APIGatewayV2HTTPRequest.from_dict(orjson.loads(data))
    return (
        event.raw_path,
        event.http_method,
        event.headers["User-Agent"],
        event.query_string_parameters,
        event.body,
    )


def _ours_http_nested(data: bytes) -> Any:
    event = APIGatewayV2HTTPRequest.from_dict(orjson.loads(data))
    return (
        event.raw_path,
        event.request_context.http.method,
        event.headers["User-Agent"],
        event.query_string_parameters,
        event.body,
    )


def _ours_sqs(data: bytes) -> Any:
    records = SQSEvent.from_dict(orjson.loads(data)).records
    first, last = records[0], records[9]
    return (
        first.message_id,
        first.body,
        last.message_id,
        last.attributes["ApproximateReceiveCount"],
        records[5].event_source_arn,
    )


# Payload rows: the label, which of the two payloads it decodes, and our reader for it.
_HTTP, _NESTED, _SQS = "API GW v2", "v2 nested", "SQS x10"
Reader = Callable[[bytes], Any]


def _contenders() -> dict[str, dict[str, Reader] | str]:
    """Each other library's reader per payload row, or why it is unavailable."""
    found: dict[str, dict[str, Reader] | str] = {}
    try:
        from aws_lambda_powertools.utilities import data_classes as dc

        def dc_http(data: bytes) -> Any:
            event = dc.APIGatewayProxyEventV2(orjson.loads(data))
            return (
                event.raw_path,
                event.http_method,
                event.headers["User-Agent"],
                event.query_string_parameters,
                event.body,
            )

        def dc_http_nested(data: bytes) -> Any:
            event = dc.APIGatewayProxyEventV2(orjson.loads(data))
            return (
                event.raw_path,
                event.request_context.http.method,
                event.headers["User-Agent"],
                event.query_string_parameters,
                event.body,
            )

        def dc_sqs(data: bytes) -> Any:
            records = list(dc.SQSEvent(orjson.loads(data)).records)
            first, last = records[0], records[9]
            return (
                first.message_id,
                first.body,
                last.message_id,
                last.attributes.approximate_receive_count,
                records[5].event_source_arn,
            )

        found["Powertools data classes"] = {_HTTP: dc_http, _NESTED: dc_http_nested, _SQS: dc_sqs}
    except ImportError as exc:
        found["Powertools data classes"] = f"unavailable ({exc})"
    try:
        from aws_lambda_powertools.utilities.parser.models import APIGatewayProxyEventV2Model, SqsModel

        def model_http(data: bytes) -> Any:  # the models have no method shortcut: both rows read it nested
            event = APIGatewayProxyEventV2Model.model_validate(orjson.loads(data))
            return (
                event.rawPath,
                event.requestContext.http.method,
                event.headers["user-agent"] if event.headers else None,  # no case-insensitive lookup
                event.queryStringParameters,
                event.body,
            )

        def model_sqs(data: bytes) -> Any:
            records = SqsModel.model_validate(orjson.loads(data)).Records
            first, last = records[0], records[9]
            return (
                first.messageId,
                first.body,
                last.messageId,
                last.attributes.ApproximateReceiveCount,
                records[5].eventSourceARN,
            )

        found["Powertools parser (pydantic)"] = {_HTTP: model_http, _NESTED: model_http, _SQS: model_sqs}
    except ImportError as exc:
        found["Powertools parser (pydantic)"] = f"unavailable ({exc})"
    return found


def main() -> None:
    args = timing_arguments(__doc__, calls=2000, repeats=25)
    http, sqs = _payloads()
    contenders = _contenders()
    rows: list[tuple[str, str, float]] = []
    for label, data, ours in (
        (_HTTP, http, _ours_http),
        (_NESTED, http, _ours_http_nested),
        (_SQS, sqs, _ours_sqs),
    ):
        calls: dict[str, Callable[[], object]] = {
            FLOOR: partial(loads_alone, data),
            OURS: partial(ours, data),
        }
        for name, readers in contenders.items():
            if isinstance(readers, str):
                print(f"{label}: {name}: {readers}")
            else:
                calls[name] = partial(readers[label], data)
        best = interleaved_best(calls, args.calls, args.repeats)
        rows.extend((label, name, ns) for name, ns in best.items())
    print_decoder_table(rows)


if __name__ == "__main__":
    main()
