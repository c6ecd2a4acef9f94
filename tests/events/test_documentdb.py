"""DocumentDB change streams: the sample and one change event of every operation type decode into typed
fields and come back from ``to_dict()``/``to_json()`` unchanged; ``events generate docdb`` prints the
sample."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from lambda_runtime import events
from lambda_runtime.cli import main
from lambda_runtime.events import DocumentDBChangeEvent, DocumentDBEvent
from lambda_runtime.events.cli import list_families, read_sample
from tests.events._walk import read_every_field

ARN = "arn:aws:rds:us-east-2:210987654321:cluster:inventory"
NS = {"db": "inventory", "coll": "parts"}
KEY = {"_id": {"$oid": "6571f0c2a1b2c3d4e5f60718"}}


def _change(operation: str, token: str, **rest: Any) -> dict[str, Any]:
    return {
        "_id": {"_data": token},
        "clusterTime": {"$timestamp": {"t": 1701965000, "i": 4}},
        "wallTime": {"$date": "2023-12-07T16:03:20.512Z"},
        "operationType": operation,
        **rest,
    }


CHANGES: dict[str, dict[str, Any]] = {
    "insert": _change(
        "insert",
        "0165f1a001",
        ns=NS,
        documentKey=KEY,
        fullDocument={**KEY, "part": "valve", "stock": {"$numberInt": "12"}},
    ),
    "update": _change(
        "update",
        "0165f1a002",
        ns=NS,
        documentKey=KEY,
        updateDescription={
            "updatedFields": {"stock": 11, "bins.0": "B-7"},
            "removedFields": ["reserved"],
            "truncatedArrays": [{"field": "history", "newSize": 5}],
        },
        fullDocument=None,  # asked for with UpdateLookup, but the document was deleted since
    ),
    "replace": _change(
        "replace", "0165f1a003", ns=NS, documentKey=KEY, fullDocument={**KEY, "part": "valve v2", "stock": 3}
    ),
    "delete": _change(
        "delete",
        "0165f1a004",
        ns=NS,
        documentKey=KEY,
        lsid={"id": {"$binary": {"base64": "q83vASNFZ4mrze8BI0VniQ==", "subType": "04"}}},
        txnNumber={"$numberLong": "7"},
    ),
    "drop": _change("drop", "0165f1a005", ns=NS),
    "rename": _change("rename", "0165f1a006", ns=NS, to={"db": "inventory", "coll": "parts_archive"}),
    "dropDatabase": _change("dropDatabase", "0165f1a007", ns={"db": "inventory"}),
    "invalidate": _change("invalidate", "0165f1a008"),
}


def _batch(*changes: dict[str, Any]) -> dict[str, Any]:
    return {"eventSource": "aws:docdb", "eventSourceArn": ARN, "events": [{"event": c} for c in changes]}


@pytest.mark.parametrize("operation", sorted(CHANGES))
def test_each_operation_type_decodes_and_round_trips(operation: str) -> None:
    doc = _batch(CHANGES[operation])
    pristine = copy.deepcopy(doc)
    event = DocumentDBEvent.from_dict(doc)
    assert read_every_field(event) > 0
    (change,) = list(event)
    assert change.operation_type == operation
    assert change.resume_token == CHANGES[operation]["_id"]["_data"]
    assert change.cluster_time is not None
    assert (change.cluster_time.timestamp.t, change.cluster_time.timestamp.i) == (1701965000, 4)
    assert event.to_dict() == pristine
    assert json.loads(event.to_json()) == pristine


def test_fields_each_operation_type_carries() -> None:
    by_type = {c.operation_type: c for c in DocumentDBEvent.from_dict(_batch(*CHANGES.values()))}

    insert = by_type["insert"]
    assert insert.ns is not None
    assert (insert.ns.db, insert.ns.coll) == ("inventory", "parts")
    assert insert.document_key == KEY
    assert insert.full_document is not None
    assert insert.full_document["part"] == "valve"
    assert insert.update_description is None
    assert insert.to is None

    update = by_type["update"]
    assert update.full_document is None
    description = update.update_description
    assert description is not None
    assert description.updated_fields == {"stock": 11, "bins.0": "B-7"}
    assert description.removed_fields == ["reserved"]
    assert description.truncated_arrays == [{"field": "history", "newSize": 5}]

    assert by_type["replace"].full_document == {**KEY, "part": "valve v2", "stock": 3}

    delete = by_type["delete"]
    assert delete.full_document is None
    assert delete.document_key == KEY
    assert delete.txn_number == {"$numberLong": "7"}
    assert delete.lsid is not None

    drop = by_type["drop"]
    assert drop.document_key is None
    assert drop.ns is not None
    assert drop.ns.coll == "parts"

    rename = by_type["rename"]
    assert rename.to is not None
    assert (rename.to.db, rename.to.coll) == ("inventory", "parts_archive")

    drop_database = by_type["dropDatabase"]
    assert drop_database.ns is not None
    assert (drop_database.ns.db, drop_database.ns.coll) == ("inventory", None)

    invalidate = by_type["invalidate"]
    assert (invalidate.ns, invalidate.document_key, invalidate.wall_time) == (
        None,
        None,
        {"$date": "2023-12-07T16:03:20.512Z"},
    )


def test_an_assigned_field_writes_into_the_document() -> None:
    change = DocumentDBChangeEvent.from_dict(copy.deepcopy(CHANGES["insert"]))
    change.full_document = None
    assert "fullDocument" not in change.to_dict()


def test_the_sample_decodes_reads_and_round_trips() -> None:
    doc = json.loads(read_sample("docdb"))
    pristine = copy.deepcopy(doc)
    event = DocumentDBEvent.from_dict(doc)
    assert read_every_field(event) > 0
    assert (event.event_source, event.event_source_arn.split(":")[2]) == ("aws:docdb", "rds")
    assert [c.operation_type for c in event] == ["insert", "update", "replace", "delete"]
    assert event.to_dict() == pristine
    assert "docdb" in list_families()


def test_generate_docdb_prints_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "generate", "docdb"]) == 0
    printed = DocumentDBEvent.from_json(capsys.readouterr().out)
    assert printed.to_dict() == json.loads(read_sample("docdb"))


def test_the_classes_are_exported_lazily() -> None:
    assert events.DocumentDBEvent is DocumentDBEvent
    assert "DocumentDBChangeEvent" in events.__all__
