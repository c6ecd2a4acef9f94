"""``lambda-runtime events generate <family>``: print a realistic sample event (like
``sam local generate-event``), ready for ``lambda-runtime invoke``. ``events list`` names the families.

Rule: a family is the name of a JSON file in ``lambda_runtime/events/samples``; adding a sample file
adds a family, nothing else to register.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from typing import Any

__all__ = ["list_families", "read_sample", "register"]


def list_families() -> list[str]:
    """The sample names, sorted."""
    folder = resources.files("lambda_runtime.events").joinpath("samples")
    return sorted(entry.name[: -len(".json")] for entry in folder.iterdir() if entry.name.endswith(".json"))


def read_sample(family: str) -> str:
    """The sample's JSON text; an unknown family raises ``LookupError`` listing the known ones."""
    families = list_families()
    if family not in families:
        raise LookupError(f"unknown event family {family!r}; known families: {', '.join(families)}")
    return (
        resources.files("lambda_runtime.events")
        .joinpath("samples")
        .joinpath(f"{family}.json")
        .read_text("utf-8")
    )


def _generate(args: argparse.Namespace) -> int:
    try:
        text = read_sample(args.family)
    except LookupError as exc:
        print(f"lambda-runtime events generate: {exc.args[0]}", file=sys.stderr)
        return 2
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _list(args: argparse.Namespace) -> int:
    for family in list_families():
        print(family)
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "events",
        help="sample events for local invokes",
        description="Sample Lambda events, one per event family, to feed `lambda-runtime invoke`.",
    )
    commands = parser.add_subparsers(dest="events_command", metavar="SUBCOMMAND", required=True)
    generate = commands.add_parser(
        "generate",
        help="print a sample event of one family",
        description="Print the sample event of one family as JSON on stdout.",
    )
    generate.add_argument("family", help="event family (see `lambda-runtime events list`)")
    generate.set_defaults(func=_generate)
    listing = commands.add_parser(
        "list",
        help="list the event families with samples",
        description="Print the event families that have a sample, one per line.",
    )
    listing.set_defaults(func=_list)
