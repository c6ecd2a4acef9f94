"""The function `lambda-runtime demo` runs (``_HANDLER=lambda_runtime.emulator.demo_function.DemoHandler``).

It greets, lists the event's top-level keys and reports a little of its context.
"""

from __future__ import annotations

from typing import Any

from lambda_runtime.runtime.context import Context
from lambda_runtime.runtime.handlers.base import LambdaBufferedHandler

__all__ = ["DemoHandler"]


class DemoHandler(LambdaBufferedHandler[dict[str, Any], dict[str, Any]]):
    def handle_request(self, event: dict[str, Any], context: Context) -> dict[str, Any]:
        keys = sorted(event)
        print(f"demo function: got an event with {len(keys)} top-level keys")
        return {
            "message": "Hello from lambda-runtime!",
            "eventKeys": keys,
            "functionName": context.function_name,
            "requestId": context.aws_request_id,
            "remainingTimeMs": context.get_remaining_time_in_millis(),
        }
