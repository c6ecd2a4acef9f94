"""``_X_AMZN_TRACE_ID`` per invoke: visible to os.environ and C getenv, removed when absent, and set
without leaving a string behind per invoke (C-level evidence: the environment entry stays one buffer)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from lambda_runtime.runtime.trace_env import TRACE_ENV, TraceEnv
from tests.support.paths import REPO_ROOT
from tests.support.runtime_harness import RuntimeApiServer, RuntimeProcess, write_module

HANDLERS = """
import ctypes
import os

_libc = ctypes.CDLL(None)
_libc.getenv.restype = ctypes.c_void_p
_libc.getenv.argtypes = (ctypes.c_char_p,)


def trace_view(event, context):
    address = _libc.getenv(b"_X_AMZN_TRACE_ID")
    return {
        "environ": os.environ.get("_X_AMZN_TRACE_ID"),
        "getenv": os.getenv("_X_AMZN_TRACE_ID"),
        "c_getenv": ctypes.string_at(address).decode() if address else None,
        "c_address": address,
    }
"""

RUNTIMES = {
    "lambda_runtime": None,
    "floor": [sys.executable, str(REPO_ROOT / "bench" / "floor_runtime.py")],
}


def trace(number: int) -> str:
    return f"Root=1-5759e988-bd862e3fe1be46a9{number:08x};Parent={number:016x};Sampled=1"


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_trace_id_is_visible_everywhere_and_stays_in_one_buffer(tmp_path: Path, runtime: str) -> None:
    write_module(tmp_path, "app", HANDLERS)
    headers: list[dict[str, str]] = [
        *({"Lambda-Runtime-Trace-Id": trace(n)} for n in range(6)),
        {},  # no trace header: the variable is removed
        *({"Lambda-Runtime-Trace-Id": trace(n)} for n in range(6, 9)),
        {"Lambda-Runtime-Trace-Id": "Root=1-" + "a" * 600},  # longer than any buffer so far
        *({"Lambda-Runtime-Trace-Id": trace(n)} for n in range(9, 12)),
    ]
    with (
        RuntimeApiServer() as api,
        RuntimeProcess(api, "app.trace_view", tmp_path, command=RUNTIMES[runtime]),
    ):
        views = [json.loads(api.wait_for(api.add_invocation(b"{}", headers=h)).body) for h in headers]
    for sent, view in zip(headers, views, strict=True):
        expected = sent.get("Lambda-Runtime-Trace-Id")
        assert (view["environ"], view["getenv"], view["c_getenv"]) == (expected, expected, expected)
    addresses = [view["c_address"] for view in views]
    # setenv would give every value a new string; the owned buffer keeps one address (from the second
    # invoke on: the first goes through os.environ, before ctypes is loaded).
    assert len(set(addresses[1:6])) == 1
    assert addresses[7:10] == addresses[1:4]
    assert len(set(addresses[11:])) == 1


def test_trace_env_in_process_rewrites_one_buffer() -> None:
    saved = os.environ.get(TRACE_ENV)
    env = TraceEnv()
    try:
        env.set("Root=first")
        assert os.environ[TRACE_ENV] == "Root=first"
        env.prepare()
        env.set("Root=second")
        data = os.environ._data  # type: ignore[attr-defined]
        entry = data[TRACE_ENV.encode()]
        assert os.getenv(TRACE_ENV) == "Root=second"
        env.set(None)
        assert TRACE_ENV not in os.environ
        env.set("Root=third")
        assert os.getenv(TRACE_ENV) == "Root=third"
        os.environ[TRACE_ENV] = "set by user code"
        env.set("Root=fourth")
        assert os.getenv(TRACE_ENV) == "Root=fourth"
        assert data[TRACE_ENV.encode()] is not entry
        env.set("with\0nul")
        assert TRACE_ENV not in os.environ
    finally:
        if saved is None:
            os.environ.pop(TRACE_ENV, None)
        else:
            os.environ[TRACE_ENV] = saved
