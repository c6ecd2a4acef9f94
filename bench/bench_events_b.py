"""Decode + 5 field reads for two part-B families: a 10-record Kafka (MSK) event and a Cognito
pre sign-up trigger. Ours vs ``orjson.loads`` alone vs Powertools' data classes and parser models.

Every contender is a Python function that parses the same bytes with ``orjson.loads`` first, and so is
the "orjson.loads alone" reader, so "x loads" is the whole cost of the typed layer.
Reads: Kafka - topic, offset and decoded value of the first record, offset of the last,
event source; Cognito - trigger source, user pool id, e-mail attribute, client id, a response flag.

Run: ``python -m bench.bench_events_b [--calls N] [--repeats R]``.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from functools import partial
from typing import Any

import orjson

from bench._timing import FLOOR, OURS, best_ns_per_call, loads_alone, print_decoder_table, timing_arguments
from lambda_runtime.events.cli import read_sample
from lambda_runtime.events.cognito import CognitoEventUserPoolsPreSignup
from lambda_runtime.events.kafka import KafkaEvent

__all__ = ["main"]

Decoder = Callable[[bytes], Any]


def _payloads() -> tuple[bytes, bytes]:
    kafka = json.loads(read_sample("kafka"))
    template = kafka["records"]["orders-0"][0]
    batch = []
    for i in range(10):
        record = dict(template)
        record["offset"] = 5000 + i
        record["value"] = base64.b64encode(json.dumps({"orderId": str(1000 + i)}).encode()).decode()
        batch.append(record)
    kafka["records"] = {"orders-0": batch}
    return orjson.dumps(kafka), orjson.dumps(json.loads(read_sample("cognito-pre-signup")))


def _ours_kafka(data: bytes) -> Any:
    event = KafkaEvent.from_dict(orjson.loads(data))
    records = event.records["orders-0"]
    first = records[0]
    return first.topic, first.offset, first.decoded_value(), records[9].offset, event.event_source


def _ours_cognito(data: bytes) -> Any:
    event = CognitoEventUserPoolsPreSignup.from_dict(orjson.loads(data))
    context = event.caller_context
    return (
        event.trigger_source,
        event.user_pool_id,
        event.request.user_attributes["email"],
        context.client_id if context else None,
        event.response.auto_confirm_user,
    )


def _contenders() -> dict[str, tuple[Decoder, Decoder | None] | str]:
    found: dict[str, tuple[Decoder, Decoder | None] | str] = {}
    try:
        from aws_lambda_powertools.utilities.data_classes import KafkaEvent as PTKafka
        from aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import (
            PreSignUpTriggerEvent,
        )

        def dc_kafka(data: bytes) -> Any:
            event = PTKafka(orjson.loads(data))
            records = list(event.records)
            first = records[0]
            return first.topic, first.offset, first.decoded_value, records[9].offset, event.event_source

        def dc_cognito(data: bytes) -> Any:
            event = PreSignUpTriggerEvent(orjson.loads(data))
            return (
                event.trigger_source,
                event.user_pool_id,
                event.request.user_attributes["email"],
                event.caller_context.client_id,
                event.response.auto_confirm_user,
            )

        found["Powertools data classes"] = (dc_kafka, dc_cognito)
    except ImportError as exc:
        found["Powertools data classes"] = f"unavailable ({exc})"
    try:
        from aws_lambda_powertools.utilities.parser.models import KafkaMskEventModel

        def model_kafka(data: bytes) -> Any:
            event = KafkaMskEventModel.model_validate(orjson.loads(data))
            records = event.records["orders-0"]
            first = records[0]
            return first.topic, first.offset, first.value, records[9].offset, event.eventSource

        found["Powertools parser (pydantic)"] = (model_kafka, None)  # it has no Cognito trigger models
    except ImportError as exc:
        found["Powertools parser (pydantic)"] = f"unavailable ({exc})"
    return found


def main() -> None:
    args = timing_arguments(__doc__, calls=10000, repeats=5)
    kafka, cognito = _payloads()
    contenders = _contenders()
    rows: list[tuple[str, str, float]] = []
    for index, (label, data, ours) in enumerate(
        (("Kafka x10", kafka, _ours_kafka), ("Cognito", cognito, _ours_cognito))
    ):
        rows.append((label, FLOOR, best_ns_per_call(partial(loads_alone, data), args.calls, args.repeats)))
        rows.append((label, OURS, best_ns_per_call(partial(ours, data), args.calls, args.repeats)))
        for name, pair in contenders.items():
            if isinstance(pair, str):
                print(f"{label}: {name}: {pair}")
                continue
            fn = pair[index]
            if fn is not None:
                rows.append((label, name, best_ns_per_call(partial(fn, data), args.calls, args.repeats)))
    print_decoder_table(rows)


if __name__ == "__main__":
    main()
