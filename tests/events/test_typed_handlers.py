"""The typed example handlers, run through the runtime's decode/encode step on the fixture events;
the package's import cost and exported names."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any, get_type_hints

import orjson
import pytest

from lambda_runtime import events
from lambda_runtime.events._base import EventObject
from lambda_runtime.runtime.handlers.codec import decoder_for, encode_result
from tests.events import typed_handlers as th
from tests.support.paths import FIXTURE_EVENTS

CASES: list[tuple[Callable[..., Any], str]] = [
    (th.http_api_handler, "apigw-v2-request-no-authorizer.json"),
    (th.rest_api_handler, "apigw-request.json"),
    (th.function_url_handler, "lambda-urls-request.json"),
    (th.alb_handler, "alb-lambda-target-request-headers-only.json"),
    (th.authorizer, "apigw-custom-auth-request.json"),
    (th.http_api_simple_authorizer, "apigw-v2-custom-authorizer-v2-request.json"),
    (th.sns_handler, "sns-event.json"),
    (th.s3_handler, "s3-event.json"),
    (th.dynamodb_handler, "dynamodb-event.json"),
    (th.kinesis_handler, "kinesis-event.json"),
    (th.firehose_transform, "kinesis-firehose-event.json"),
    (th.logs_handler, "cloudwatch-logs-event.json"),
]

# The context is not used by the examples.
CONTEXT: Any = None


@pytest.mark.parametrize(("handler", "fixture"), CASES, ids=[h.__name__ for h, _ in CASES])
def test_typed_handler_runs_through_the_runtime_codec(handler: Callable[..., Any], fixture: str) -> None:
    event_type = get_type_hints(handler)["event"]
    event = decoder_for(event_type)((FIXTURE_EVENTS / fixture).read_bytes())
    assert isinstance(event, event_type)
    encoded = encode_result(handler(event, CONTEXT))
    assert encoded.content_type == "application/json"
    assert orjson.loads(encoded.body) is not None


def test_expected_documents_from_examples() -> None:
    decode = decoder_for(events.APIGatewayV2HTTPRequest)
    event = decode((FIXTURE_EVENTS / "apigw-v2-request-no-authorizer.json").read_bytes())
    body = json.loads(orjson.loads(encode_result(th.http_api_handler(event, CONTEXT)).body)["body"])
    assert body == {"method": "GET", "path": "/", "agent": "curl/7.58.0", "q": None}
    sqs = events.SQSEvent.from_dict(json.loads((FIXTURE_EVENTS / "sqs-event.json").read_text()))
    sqs.records[0].body = "poison"
    assert th.OrdersQueueHandler().handle_request(sqs, CONTEXT).item_identifiers == ["MessageID_1"]


def test_runtime_reports_a_bad_event_as_unmarshal_error() -> None:
    from lambda_runtime.protocol.errors import UnmarshalFault

    with pytest.raises(UnmarshalFault, match="as SQSEvent: EventDecodeError: SQSEvent needs a JSON object"):
        decoder_for(events.SQSEvent)(b"[1, 2]")


def test_exported_names_resolve_to_event_classes_or_helpers() -> None:
    for name in events.__all__:
        value = getattr(events, name)
        assert isinstance(value, type) or callable(value), name
    assert "EventObject" in dir(events)
    with pytest.raises(AttributeError, match="no attribute 'NotAnEvent'"):
        _ = events.NotAnEvent  # type: ignore[attr-defined]


def test_every_event_class_is_slots_only() -> None:
    for name in events.__all__:
        value = getattr(events, name)
        if isinstance(value, type) and issubclass(value, EventObject):
            for klass in value.__mro__[:-1]:
                assert "__slots__" in vars(klass), (
                    f"{klass.__qualname__} (exported as {name}) lacks __slots__"
                )


def test_importing_the_package_loads_no_family_module() -> None:
    code = (
        "import sys, lambda_runtime, lambda_runtime.events;"
        "print(sorted(m for m in sys.modules if m.startswith('lambda_runtime.events.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    # The base classes and the name -> module table; no family.
    assert done.stdout.strip() == "['lambda_runtime.events._base', 'lambda_runtime.events._exports']"
