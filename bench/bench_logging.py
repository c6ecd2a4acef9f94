"""Cost of one JSON log line with two extra fields: ``Log.info``, stdlib ``logging`` through our handler,
Powertools' Logger, and awslambdaric's JSON formatter, in one run.

Every contender writes to the same sink, a text stream on os.devnull, inside one invocation (so our
records carry a requestId; Powertools gets the same key appended). The floor is the least any JSON
logger must do: ``orjson.dumps`` of the finished record plus the write.

Run: ``python -m bench.bench_logging [--calls N] [--repeats R]``. Target: Log.info <= 0.5x Powertools.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TextIO

import orjson

from bench._timing import best_ns_per_call, timing_arguments
from lambda_runtime.log import LambdaLogHandler, LogConfig, LogFormat, configure
from lambda_runtime.log import Log as RuntimeLog
from lambda_runtime.log._log import active_emitter
from lambda_runtime.runtime.context import Context, invocation_scope

__all__ = ["main"]

REQUEST_ID = "8f5f0e5e-7f54-4b3c-a2f0-2d4b8c6a1e9b"


def _isolated_logger(name: str, handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(name)
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def _contenders(sink: TextIO) -> dict[str, Callable[[], None]]:
    configure(LogConfig(LogFormat.JSON))
    logging.getLogger().handlers.clear()  # only the named loggers below write
    stdlib = _isolated_logger("bench.stdlib", LambdaLogHandler(active_emitter()))

    from aws_lambda_powertools import Logger

    powertools = Logger(service="bench", stream=sink)
    powertools.append_keys(function_request_id=REQUEST_ID)

    from awslambdaric.lambda_runtime_log_utils import JsonFormatter

    ric_handler = logging.StreamHandler(sink)
    ric_handler.setFormatter(JsonFormatter())
    ric = _isolated_logger("bench.awslambdaric", ric_handler)

    def floor() -> None:
        record = {
            "timestamp": "2024-05-01T12:00:00.123Z",
            "level": "INFO",
            "message": "payment accepted",
            "logger": "Log",
            "requestId": REQUEST_ID,
            "order_id": 1234,
            "currency": "EUR",
        }
        sink.write(orjson.dumps(record).decode() + "\n")
        sink.flush()

    extra = {"order_id": 1234, "currency": "EUR"}
    return {
        "floor (orjson.dumps + write)": floor,
        "Log.info": lambda: RuntimeLog.info("payment accepted", order_id=1234, currency="EUR"),
        "logging + LambdaLogHandler": lambda: stdlib.info("payment accepted", extra=extra),
        "awslambdaric JsonFormatter": lambda: ric.info("payment accepted", extra=extra),
        "Powertools Logger": lambda: powertools.info("payment accepted", extra=extra),
    }


def main() -> None:
    args = timing_arguments(__doc__, calls=20_000, repeats=5)

    context = Context(
        REQUEST_ID,
        "arn:aws:lambda:us-east-1:123456789012:function:bench",
        "bench",
        "$LATEST",
        128,
        "/aws/lambda/bench",
        "stream",
    )
    real_stdout = sys.stdout
    with open(os.devnull, "w") as sink, invocation_scope(context):
        sys.stdout = sink  # Log's stdout sink looks sys.stdout up at each write
        try:
            contenders = _contenders(sink)
            results = {
                name: best_ns_per_call(call, args.calls, args.repeats) for name, call in contenders.items()
            }
        finally:
            sys.stdout = real_stdout

    powertools = results["Powertools Logger"]
    print(f"one JSON line, two extra fields; best of {args.repeats} x {args.calls} calls, sink os.devnull")
    print(f"{'contender':<30} {'ns/call':>10} {'x Powertools':>13}")
    for name, ns in results.items():
        print(f"{name:<30} {ns:>10.0f} {ns / powertools:>13.2f}")
    ratio = results["Log.info"] / powertools
    verdict = "met" if ratio <= 0.5 else "NOT met"
    print(f"target Log.info <= 0.50x Powertools: {ratio:.2f}x ({verdict})")


if __name__ == "__main__":
    main()
