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
