"""Handler module source for the runtime-level logging tests (written into a temporary task root)."""

SOURCE = r"""
import asyncio
import logging

from lambda_runtime import Log

logging.getLogger().warning("init via logging")
Log.info("init via Log")

LEVELS = ("trace", "debug", "info", "warn", "error", "fatal")
STDLIB = {"trace": 5, "debug": 10, "info": 20, "warn": 30, "error": 40, "fatal": 50}


def every_level(event, context):
    for name in LEVELS:
        getattr(Log, name)(f"Log {name}", source="Log", lvl=name)
        extra = {"source": "logging", "lvl": name}
        logging.getLogger("app").log(STDLIB[name], "logging %s", name, extra=extra)
    if event.get("fail"):
        raise ValueError("handler failed\nwith two lines")
    return {"ok": True}


def multi_line(event, context):
    Log.warn("first line\nsecond line\nthird line", key="value")
    print("plain print")
    raise RuntimeError("boom")


async def async_handler(event, context):
    async def step(n):
        await asyncio.sleep(0)
        Log.info("async step", n=n)

    await asyncio.gather(*(step(n) for n in range(3)))
    return {"ok": True}


def unserialisable(event, context):
    Log.info("about to fail", payload=object())
    return object()
"""

BROKEN_INIT = r"""
raise LookupError("missing configuration")
"""

POWERTOOLS = r"""
from aws_lambda_powertools import Logger

logger = Logger(service="payments")


@logger.inject_lambda_context
def handler(event, context):
    logger.info("charged", extra={"amount": 12})
    return {"ok": True}
"""
