"""The public surface of ``lambda_runtime`` and what importing it costs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lambda_runtime
from tests.support.runtime_harness import RuntimeApiServer, RuntimeProcess, write_module

EXPECTED = {
    "Client",
    "ClientContext",
    "CognitoIdentity",
    "Context",
    "ErrorReport",
    "LambdaBufferedHandler",
    "LambdaRuntime",
    "LambdaStreamHandler",
    "Log",
    "ResponseStream",
    "StreamClosedError",
    "on_shutdown",
}


def test_exported_names_are_the_intended_ones() -> None:
    assert set(lambda_runtime.__all__) == EXPECTED
    for name in EXPECTED:
        value = getattr(lambda_runtime, name)
        assert getattr(value, "__module__", "").startswith("lambda_runtime.")


def test_import_is_lazy() -> None:
    probe = (
        "import sys, json, lambda_runtime\n"
        "prefixes = ('lambda_runtime', 'asyncio', 'httpx')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(prefixes))))\n"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True).stdout)
    assert loaded == ["lambda_runtime"]


# Modules a sync handler's cold start does without: each is loaded when first needed (async handlers,
# streaming, errors, shutdown hooks, logging, the emulator's side of the protocol). A name matches the
# modules it prefixes.
HEAVY_MODULES = (
    "asyncio",
    "httpx",
    "h11",
    "typing",  # and typing_extensions
    "logging",
    "traceback",
    "signal",
    "threading",
    "struct",
    "contextvars",
    "encodings.idna",  # with stringprep and unicodedata: what a str host costs getaddrinfo
    "stringprep",
    "unicodedata",
    "lambda_runtime.events",
    "lambda_runtime.emulator",
    "lambda_runtime.runtime.handlers.base",
    "lambda_runtime.runtime.handlers.stream",
    "lambda_runtime.protocol.routes",
    "lambda_runtime.runtime.transport_api",
    "lambda_runtime.log._log",
    "lambda_runtime.log._emitter",
    "lambda_runtime.log._config",
    "lambda_runtime.log._levels",
    "lambda_runtime.log._formatters",
    "lambda_runtime.log._sinks",
    "lambda_runtime.log._timestamps",
    "lambda_runtime.log._error_fields",
    "lambda_runtime.log._stdlib",
)


def test_serving_a_sync_handler_does_not_load_heavy_modules() -> None:
    # orjson's own module init imports dataclasses (and so inspect), which no code of ours can avoid: the
    # probe forgets those two after importing orjson, so they show up again only if our modules import them.
    heavy = (*HEAVY_MODULES, "dataclasses", "inspect")
    probe = (
        "import sys, json, orjson\n"
        "for name in ('dataclasses', 'inspect'):\n"
        "    sys.modules.pop(name, None)\n"
        "from lambda_runtime.runtime import runner\n"
        "from lambda_runtime.runtime.handlers import loading\n"
        f"heavy = {heavy!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True).stdout)
    assert loaded == []


LIST_LOADED_SOURCE = """\
import sys


def loaded(event, context):
    return sorted(name for name in sys.modules if name.startswith(tuple(event["heavy"])))
"""


def test_the_real_runtime_serves_a_sync_handler_without_heavy_modules(tmp_path: Path) -> None:
    # The whole cold path (configure, shutdown hooks, /next, the first invoke) as ``python -m`` runs it,
    # with no log settings in the environment (the harness clears them).
    write_module(tmp_path, "app", LIST_LOADED_SOURCE)
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.loaded", tmp_path):
        posted = api.wait_for(api.add_invocation(json.dumps({"heavy": HEAVY_MODULES}).encode()))
    assert posted.kind == "response"
    assert json.loads(posted.body) == []


# Every module of ours a sync handler's cold start loads, and no other: a new module here is paid by every
# function. The protocol modules replace the runtime's former protocol and errors modules; the log's
# leaf (_environment) holds the env names and the request scope the runtime sets.
COLD_TIER = [
    "lambda_runtime",
    "lambda_runtime._record",
    "lambda_runtime.log",
    "lambda_runtime.log._environment",
    "lambda_runtime.log._setup",
    "lambda_runtime.protocol",
    "lambda_runtime.protocol.errors",
    "lambda_runtime.protocol.runtime_api",
    "lambda_runtime.runtime",
    "lambda_runtime.runtime.awaitables",
    "lambda_runtime.runtime.config",
    "lambda_runtime.runtime.context",
    "lambda_runtime.runtime.handlers",
    "lambda_runtime.runtime.handlers.adapters",
    "lambda_runtime.runtime.handlers.codec",
    "lambda_runtime.runtime.handlers.loading",
    "lambda_runtime.runtime.loop",
    "lambda_runtime.runtime.runner",
    "lambda_runtime.runtime.shutdown",
    "lambda_runtime.runtime.trace_env",
    "lambda_runtime.runtime.transport",
]


def test_the_real_runtime_serving_a_sync_handler_loads_the_cold_tier_only(tmp_path: Path) -> None:
    write_module(tmp_path, "app", LIST_LOADED_SOURCE)
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.loaded", tmp_path):
        posted = api.wait_for(api.add_invocation(json.dumps({"heavy": ["lambda_runtime"]}).encode()))
    assert posted.kind == "response"
    assert json.loads(posted.body) == COLD_TIER
