"""Source of the handler module the runtime tests deploy into a temporary task root."""

HANDLERS = """
import asyncio
import decimal
import os
import sys

from lambda_runtime import LambdaBufferedHandler, LambdaStreamHandler


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    @classmethod
    def from_dict(cls, doc):
        return cls(doc["x"], doc["y"])

    def to_dict(self):
        return {"x": self.x, "y": self.y, "sum": self.x + self.y}


def echo(event, context):
    print("echo handler saw", context.aws_request_id)
    return {"event": event, "request_id": context.aws_request_id}


async def async_echo(event, context):
    await asyncio.sleep(0)
    return {"async": event}


_loops = []


async def loop_identity(event, context):
    _loops.append(id(asyncio.get_running_loop()))
    return {"distinct_loops": len(set(_loops)), "calls": len(_loops)}


def typed_point(event: Point, context):
    return Point(event.x * 10, event.y * 10)


def raw_bytes(event: bytes, context):
    return event[::-1]


def context_view(event, context):
    identity = context.identity
    client = context.client_context
    return {
        "function_name": context.function_name,
        "function_version": context.function_version,
        "memory": context.memory_limit_in_mb,
        "arn": context.invoked_function_arn,
        "log_stream": context.log_stream_name,
        "identity": [identity.cognito_identity_id, identity.cognito_identity_pool_id],
        "installation_id": client.client.installation_id if client and client.client else None,
        "custom": client.custom if client else None,
        "tenant_id": context.tenant_id,
        "trace_env": os.environ.get("_X_AMZN_TRACE_ID"),
        "remaining_positive": context.get_remaining_time_in_millis() > 0,
    }


def fails(event, context):
    raise KeyError("missing-thing")


class MyDomainError(Exception):
    pass


def domain_error(event, context):
    raise MyDomainError("domain rule broken")


def unserialisable(event, context):
    return {"when": object()}


def too_large(event, context):
    return "x" * (6 * 1024 * 1024 + 200)


def with_decimal(event, context):
    return {"price": decimal.Decimal("1.50"), "count": decimal.Decimal("3"), "tags": {"a"}}


def returns_none(event, context):
    return None


class Greeter(LambdaBufferedHandler[Point, dict]):
    def __init__(self):
        self.greeting = "hello"

    def handle_request(self, event, context):
        return {"greeting": self.greeting, "x": event.x}


class AsyncGreeter(LambdaBufferedHandler[dict, dict]):
    async def handle_request(self, event, context):
        await asyncio.sleep(0)
        return {"async_class": event}


class Chunks(LambdaStreamHandler[dict]):
    def handle_request(self, event, output, context):
        for index in range(event["count"]):
            output.write(f"chunk-{index};")


class AsyncChunks(LambdaStreamHandler[dict]):
    async def handle_request(self, event, output, context):
        for index in range(3):
            await asyncio.sleep(0)
            output.write(b"async-%d;" % index)


class FunctionUrl(LambdaStreamHandler[dict]):
    def handle_request(self, event, output, context):
        output.start_http_response(201, {"Content-Type": "text/plain"}, ["a=b"])
        output.write("streamed body")


class StreamFailsLate(LambdaStreamHandler[dict]):
    def handle_request(self, event, output, context):
        output.write("partial")
        raise RuntimeError("broke mid-stream")


class StreamFailsEarly(LambdaStreamHandler[dict]):
    def handle_request(self, event, output, context):
        raise RuntimeError("broke before writing")


def generator(event, context):
    yield "one;"
    yield b"two;"


async def async_generator(event, context):
    for word in ("three;", "four;"):
        await asyncio.sleep(0)
        yield word


def prints_partial_line(event, context):
    sys.stdout.write("no newline yet")
    return {"ok": True}
"""

SHUTDOWN_HANDLERS = """
from lambda_runtime import LambdaBufferedHandler, on_shutdown


class WithShutdown(LambdaBufferedHandler[dict, dict]):
    def handle_request(self, event, context):
        return {"ok": True}

    def on_shutdown(self):
        print("class shutdown hook ran", flush=True)


@on_shutdown
def module_hook():
    print("module shutdown hook ran", flush=True)
"""
