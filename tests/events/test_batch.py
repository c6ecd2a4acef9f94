"""Partial batch failures: which records are reported, what runs, and what is logged."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from lambda_runtime.events.batch import async_process_batch, process_batch
from lambda_runtime.events.dynamodb import DynamoDBEvent, DynamoDBEventRecord, DynamoDBEventResponse
from lambda_runtime.events.kinesis import KinesisEvent, KinesisEventRecord, KinesisEventResponse
from lambda_runtime.events.sqs import SQSEvent, SQSEventResponse, SQSMessage

STANDARD_ARN = "arn:aws:sqs:us-east-1:123456789012:orders"
FIFO_ARN = "arn:aws:sqs:us-east-1:123456789012:orders.fifo"


def sqs_event(bodies: list[str], arn: str = STANDARD_ARN) -> SQSEvent:
    records = [
        {
            "messageId": f"m{i}",
            "receiptHandle": f"h{i}",
            "body": body,
            "attributes": {"MessageGroupId": "g"} if arn.endswith(".fifo") else {},
            "messageAttributes": {},
            "eventSource": "aws:sqs",
            "eventSourceARN": arn,
            "awsRegion": "us-east-1",
        }
        for i, body in enumerate(bodies)
    ]
    return SQSEvent.from_dict({"Records": records})


def kinesis_event(values: list[str]) -> KinesisEvent:
    return KinesisEvent.from_dict(
        {"Records": [{"eventID": f"e{i}", "kinesis": {"sequenceNumber": f"{100 + i}", "data": v}}
                     for i, v in enumerate(values)]}
    )  # fmt: skip


def dynamodb_event(names: list[str]) -> DynamoDBEvent:
    return DynamoDBEvent.from_dict(
        {"Records": [{"eventID": f"e{i}", "eventName": n, "dynamodb": {"SequenceNumber": f"{500 + i}"}}
                     for i, n in enumerate(names)]}
    )  # fmt: skip


def fail_on_bad(record: SQSMessage) -> None:
    if record.body == "bad":
        raise ValueError(f"cannot handle {record.message_id}")


def test_sqs_standard_reports_each_failure_and_runs_every_record(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[str] = []

    def fn(record: SQSMessage) -> None:
        seen.append(record.message_id)
        fail_on_bad(record)

    with caplog.at_level(logging.ERROR, logger="lambda_runtime.events.batch"):
        response = process_batch(sqs_event(["ok", "bad", "ok", "bad"]), fn)
    assert isinstance(response, SQSEventResponse)
    assert response.to_dict() == {"batchItemFailures": [{"itemIdentifier": "m1"}, {"itemIdentifier": "m3"}]}
    assert seen == ["m0", "m1", "m2", "m3"]
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "SQS record m1 failed: ValueError: cannot handle m1",
        "SQS record m3 failed: ValueError: cannot handle m3",
    ]
    assert caplog.records[0].exc_info is not None


def test_sqs_all_succeed_gives_an_empty_failure_list() -> None:
    response = process_batch(sqs_event(["ok", "ok"]), fail_on_bad)
    assert response.to_dict() == {"batchItemFailures": []}


def test_sqs_fifo_fails_every_record_after_the_first_failure(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[str] = []

    def fn(record: SQSMessage) -> None:
        seen.append(record.message_id)
        fail_on_bad(record)

    with caplog.at_level(logging.WARNING, logger="lambda_runtime.events.batch"):
        response = process_batch(sqs_event(["ok", "bad", "ok", "ok"], FIFO_ARN), fn)
    assert response.item_identifiers == ["m1", "m2", "m3"]
    assert seen == ["m0", "m1"]
    assert "2 later record(s) reported failed without running, after m1 failed: m2, m3" in caplog.text


def test_kinesis_stops_at_the_first_failure() -> None:
    seen: list[str] = []

    def fn(record: KinesisEventRecord) -> None:
        seen.append(record.kinesis.sequence_number)
        if record.kinesis.data == "bad":
            raise RuntimeError("boom")

    response = process_batch(kinesis_event(["a", "bad", "c", "bad"]), fn)
    assert isinstance(response, KinesisEventResponse)
    assert response.to_dict() == {"batchItemFailures": [{"itemIdentifier": "101"}]}
    assert seen == ["100", "101"]


def test_dynamodb_stops_at_the_first_failure(caplog: pytest.LogCaptureFixture) -> None:
    def fn(record: DynamoDBEventRecord) -> None:
        if record.event_name == "REMOVE":
            raise KeyError("gone")

    with caplog.at_level(logging.WARNING, logger="lambda_runtime.events.batch"):
        response = process_batch(dynamodb_event(["INSERT", "REMOVE", "MODIFY"]), fn)
    assert isinstance(response, DynamoDBEventResponse)
    assert response.item_identifiers == ["501"]
    assert "DynamoDB Streams: stopped after 501 failed; 1 later record(s) will be redelivered" in caplog.text


def test_async_processor_awaits_coroutines_and_accepts_plain_functions() -> None:
    seen: list[str] = []

    async def fn(record: SQSMessage) -> None:
        await asyncio.sleep(0)
        seen.append(record.message_id)
        fail_on_bad(record)

    response = asyncio.run(async_process_batch(sqs_event(["ok", "bad"]), fn))
    assert response.item_identifiers == ["m1"]
    assert seen == ["m0", "m1"]
    response = asyncio.run(async_process_batch(sqs_event(["bad", "ok"]), fail_on_bad))
    assert response.item_identifiers == ["m0"]


def test_async_fifo_skips_the_rest() -> None:
    async def fn(record: SQSMessage) -> None:
        fail_on_bad(record)

    response = asyncio.run(async_process_batch(sqs_event(["bad", "ok"], FIFO_ARN), fn))
    assert response.item_identifiers == ["m0", "m1"]


def test_sync_processor_refuses_a_coroutine_function_clearly() -> None:
    async def fn(record: SQSMessage) -> None:
        return None

    response = process_batch(sqs_event(["ok"]), fn)
    # The record is reported failed (nothing ran), and the log says why.
    assert response.item_identifiers == ["m0"]


def test_sync_processor_logs_the_coroutine_mistake(caplog: pytest.LogCaptureFixture) -> None:
    async def fn(record: SQSMessage) -> None:
        return None

    with caplog.at_level(logging.ERROR, logger="lambda_runtime.events.batch"):
        process_batch(sqs_event(["ok"]), fn)
    assert "use async_process_batch" in caplog.text


def test_base_exceptions_are_not_swallowed() -> None:
    def fn(record: SQSMessage) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        process_batch(sqs_event(["ok"]), fn)


def test_other_events_are_refused() -> None:
    from lambda_runtime.events.sns import SNSEvent

    event: Any = SNSEvent.from_dict({"Records": []})
    with pytest.raises(TypeError, match="not SNSEvent"):
        process_batch(event, lambda r: None)
