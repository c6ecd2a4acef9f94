"""The function `lambda-runtime demo` runs (``_HANDLER=lambda_runtime.emulator.demo_function.handler``).

It greets, lists the event's top-level keys and reports a little of its context. It is a plain
``handler(event, context)``: the emulator names no runtime class (it imports protocol and events only).
"""

from __future__ import annotations

from typing import Any

__all__ = ["handler"]


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    keys = sorted(event)
    print(f"demo function: got an event with {len(keys)} top-level keys")
    return {
        "message": "Hello from lambda-runtime!",
        "eventKeys": keys,
        "functionName": context.function_name,
        "requestId": context.aws_request_id,
        "remainingTimeMs": context.get_remaining_time_in_millis(),
    }
