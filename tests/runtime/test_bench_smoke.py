"""The benchmark's floor is a correct runtime, and the benchmark's own Runtime API and readings work.

The floor runs as a subprocess against the tests' h11 Runtime API server (a peer the bench did not write);
the bench's session runner is run once, briefly, against the floor.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from bench import bench_runtime
from bench.bench_runtime import BenchError, BenchSettings, RuntimeSpec, run_cold_start, run_session
from tests.support.paths import REPO_ROOT
from tests.support.runtime_harness import RuntimeApiServer, RuntimeProcess, write_module

FLOOR = [sys.executable, str(REPO_ROOT / "bench" / "floor_runtime.py")]

HANDLERS = """
import os

def echo(event, context):
    return {
        "requestId": context.aws_request_id,
        "path": event["rawPath"],
        "trace": os.environ.get("_X_AMZN_TRACE_ID"),
        "remaining_positive": context.get_remaining_time_in_millis() > 0,
    }

def fail(event, context):
    raise ValueError("no such order")
"""


@pytest.fixture
def task_root(tmp_path: Path) -> Path:
    write_module(tmp_path, "app", HANDLERS)
    return tmp_path


def test_floor_answers_invocations_in_order_over_one_connection(task_root: Path) -> None:
    event = bench_runtime.EVENT_PATH.read_bytes()
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.echo", task_root, command=FLOOR):
        first = api.add_invocation(event, headers={"Lambda-Runtime-Trace-Id": "Root=1-abc;Sampled=1"})
        posted = api.wait_for(first)
        second = api.add_invocation(b'{"rawPath": "/orders"}')
        posted_second = api.wait_for(second)
        assert api.connections_accepted == 1
    assert posted.kind == "response"
    assert posted.headers["content-type"] == "application/json"
    assert orjson.loads(posted.body) == {
        "requestId": first,
        "path": "/",
        "trace": "Root=1-abc;Sampled=1",
        "remaining_positive": True,
    }
    # No trace header on the second invoke: the variable is removed, not left over from the first.
    assert orjson.loads(posted_second.body)["trace"] is None
    assert orjson.loads(posted_second.body)["path"] == "/orders"


def test_floor_posts_an_error_when_the_handler_raises(task_root: Path) -> None:
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.fail", task_root, command=FLOOR):
        request_id = api.add_invocation(b"{}")
        posted = api.wait_for(request_id)
    assert posted.kind == "error"
    assert orjson.loads(posted.body) == {
        "errorType": "ValueError",
        "errorMessage": "no such order",
        "requestId": request_id,
    }


def test_floor_serves_a_runtime_api_with_a_path_prefix(task_root: Path) -> None:
    with RuntimeApiServer(prefix="/.rt") as api, RuntimeProcess(api, "app.echo", task_root, command=FLOOR):
        request_id = api.add_invocation(b'{"rawPath": "/x"}')
        posted = api.wait_for(request_id)
    assert orjson.loads(posted.body)["path"] == "/x"


def test_floor_without_runtime_api_exits_with_a_clear_message(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "_HANDLER": "app.echo"}
    done = subprocess.run(FLOOR, env=env, cwd=tmp_path, capture_output=True, timeout=20, check=False)
    assert done.returncode == 1
    assert b"AWS_LAMBDA_RUNTIME_API is not set" in done.stderr


def test_bench_session_measures_the_floor(tmp_path: Path) -> None:
    event, _ = bench_runtime.load_event()
    (tmp_path / f"{bench_runtime.HANDLER_MODULE}.py").write_text(bench_runtime.HANDLER_SOURCE)
    floor = next(spec for spec in bench_runtime.runtime_specs() if spec.name == "floor")
    result = run_session(floor, event, tmp_path, BenchSettings(repetitions=1, warmup=2, invokes=20))
    assert result.cold_start_ms > 0
    assert result.cpu_us_per_invoke > 0
    assert result.peak_rss_kib > 1024


def test_bench_cold_start_session_measures_the_floor(tmp_path: Path) -> None:
    event, _ = bench_runtime.load_event()
    (tmp_path / f"{bench_runtime.HANDLER_MODULE}.py").write_text(bench_runtime.HANDLER_SOURCE)
    floor = next(spec for spec in bench_runtime.runtime_specs() if spec.name == "floor")
    cold_start_ms, cold_start_cpu_ms = run_cold_start(floor, event, tmp_path, BenchSettings())
    assert cold_start_ms > 0
    assert cold_start_cpu_ms > 0


@pytest.mark.parametrize(("total", "parts"), [(14, 7), (4, 2), (5, 3), (0, 7), (2, 7)])
def test_cold_start_rounds_are_spread_over_the_repetitions(total: int, parts: int) -> None:
    shares = [bench_runtime._share(total, parts, index) for index in range(parts)]
    assert sum(shares) == total
    assert max(shares) - min(shares) <= 1


def test_bench_session_reports_a_runtime_that_exits_at_start(tmp_path: Path) -> None:
    event, _ = bench_runtime.load_event()
    crashing = RuntimeSpec("crashing", (sys.executable, "-c", "raise SystemExit(3)"))
    with pytest.raises(BenchError, match="crashing: exited with status 3 before connecting"):
        run_session(crashing, event, tmp_path, BenchSettings(repetitions=1, warmup=0, invokes=1))


def test_bench_session_reports_a_wrong_answer(tmp_path: Path) -> None:
    event, _ = bench_runtime.load_event()
    (tmp_path / f"{bench_runtime.HANDLER_MODULE}.py").write_text(
        "def handler(event, context):\n    return 1\n"
    )
    floor = next(spec for spec in bench_runtime.runtime_specs() if spec.name == "floor")
    with pytest.raises(BenchError, match="wrong response for"):
        run_session(floor, event, tmp_path, BenchSettings(repetitions=1, warmup=0, invokes=1))


@pytest.mark.parametrize("arguments", [["--invokes", "0"], ["--cold-starts", "-1"]])
def test_bench_rejects_bad_counts(arguments: list[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        bench_runtime.main(arguments)
    assert raised.value.code == 2
