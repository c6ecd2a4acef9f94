"""The public surface of ``lambda_runtime`` and what importing it costs."""

from __future__ import annotations

import json
import subprocess
import sys

import lambda_runtime

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


def test_serving_a_sync_handler_does_not_load_heavy_modules() -> None:
    # orjson's own module init imports dataclasses (and so inspect), which no code of ours can avoid: the
    # probe forgets those two after importing orjson, so they show up again only if our modules import them.
    probe = (
        "import sys, json, orjson\n"
        "for name in ('dataclasses', 'inspect'):\n"
        "    sys.modules.pop(name, None)\n"
        "from lambda_runtime.runtime import runner\n"
        "from lambda_runtime.handlers import loading\n"
        "heavy = ('asyncio', 'httpx', 'h11', 'typing_extensions', 'dataclasses', 'inspect',\n"
        "         'lambda_runtime.events', 'lambda_runtime.emulator',\n"
        "         'signal', 'threading', 'struct', 'contextvars')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True).stdout)
    assert loaded == []
