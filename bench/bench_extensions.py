"""Extensions: cold start (spawn -> first ``next``) of both shipped extensions against a floor, the log
shipper's CPU per 10k log lines, and a cache hit over HTTP against a direct boto3 ``get_parameter``.

Everything runs on loopback: a stand-in Extensions API (this process), and moto for S3/SSM. Medians of
several runs; the machine is shared, so read the ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import orjson

from lambda_runtime.extensions._http import HttpServer, Request, Response

__all__ = ["main"]

REPO_ROOT = Path(__file__).resolve().parents[1]
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_SESSION_TOKEN": "bench-token",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}

# A floor: the least an extension in Python can do, register and call next on a raw socket.
FLOOR = """
import os, socket
host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
s = socket.create_connection((host, int(port)))
body = b'{"events":["SHUTDOWN"]}'
s.sendall(b"POST /2020-01-01/extension/register HTTP/1.1\\r\\nHost: x\\r\\n"
          b"Lambda-Extension-Name: floor\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body) + body)
head = s.recv(65536).decode()
ident = [line.split(":", 1)[1].strip() for line in head.split("\\r\\n")
         if line.lower().startswith("lambda-extension-identifier")][0]
s.sendall(("GET /2020-01-01/extension/event/next HTTP/1.1\\r\\nHost: x\\r\\n"
           "Lambda-Extension-Identifier: %s\\r\\n\\r\\n" % ident).encode())
s.recv(65536)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FakeExtensionsApi:
    """Just enough of the Extensions and Telemetry APIs for one extension process."""

    def __init__(self) -> None:
        self.first_next_at: float | None = None
        self.registered_at: float | None = None
        self.listener_port: int | None = None
        self.events: queue.Queue[bytes] = queue.Queue()
        self.nexts = 0
        self.ready = threading.Event()
        self.subscribed = threading.Event()
        self.errors: list[str] = []
        self.server = HttpServer(self._handle).start()
        self.address = f"127.0.0.1:{self.server.port}"

    def _handle(self, request: Request) -> Response:
        path = request.target
        if path.endswith("/extension/register"):
            self.registered_at = time.perf_counter()
            headers = [("Lambda-Extension-Identifier", str(uuid.uuid4()))]
            return Response(
                200, b'{"functionName":"bench","functionVersion":"$LATEST","handler":"x"}', headers
            )
        if path.endswith("/event/next"):
            self.nexts += 1
            if self.first_next_at is None:
                self.first_next_at = time.perf_counter()
            self.ready.set()
            return Response(200, self.events.get())
        if path in ("/2022-07-01/telemetry", "/2020-08-15/logs"):
            uri = orjson.loads(request.body)["destination"]["URI"]
            self.listener_port = int(uri.rsplit(":", 1)[1].split("/")[0])
            self.subscribed.set()
            return Response(200, b"OK")
        self.errors.append(f"{path}: {request.headers.get('lambda-extension-function-error-type')}")
        return Response(202, b"{}")

    def shutdown(self, budget_s: float = 2.0) -> None:
        deadline_ms = int((time.time() + budget_s) * 1000)
        self.events.put(
            orjson.dumps({"eventType": "SHUTDOWN", "deadlineMs": deadline_ms, "shutdownReason": "spindown"})
        )

    def invoke(self, request_id: str) -> None:
        deadline_ms = int((time.time() + 30) * 1000)
        self.events.put(
            orjson.dumps(
                {"eventType": "INVOKE", "deadlineMs": deadline_ms, "requestId": request_id,
                 "invokedFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:bench", "tracing": {}}
            )
        )  # fmt: skip

    def close(self) -> None:
        self.server.close()


class Moto:
    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **CREDENTIALS},
        )
        for _ in range(600):
            try:
                httpx.get(self.url + "/moto-api/", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("moto did not start")

    def client(self, service: str) -> Any:
        import boto3

        return boto3.client(
            service, endpoint_url=self.url, region_name="us-east-1",
            aws_access_key_id="bench", aws_secret_access_key="bench",
        )  # fmt: skip

    def close(self) -> None:
        self.process.terminate()
        self.process.wait()


def _env(api: FakeExtensionsApi, moto: Moto, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO_ROOT),
        "AWS_LAMBDA_RUNTIME_API": api.address,
        "AWS_LAMBDA_FUNCTION_NAME": "bench",
        "AWS_ENDPOINT_URL": moto.url,
        **CREDENTIALS,
        **extra,
    }


def _spawn(argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO_ROOT)


def cold_start(argv: list[str], env_of: Any, runs: int) -> tuple[float, float]:
    """Median ms from spawn to registered, and from spawn to the first next."""
    registered, first_next = [], []
    for _ in range(runs):
        api = FakeExtensionsApi()
        try:
            api.shutdown()
            started = time.perf_counter()
            process = _spawn(argv, env_of(api))
            _, err = process.communicate(timeout=60)
            if api.first_next_at is None or api.registered_at is None:
                raise RuntimeError(f"{argv} never called next: {err.decode()[-2000:]}")
            registered.append((api.registered_at - started) * 1000)
            first_next.append((api.first_next_at - started) * 1000)
        finally:
            api.close()
    return statistics.median(registered), statistics.median(first_next)


def _records(lines: int, start: int) -> list[bytes]:
    """Telemetry deliveries of ``lines`` function lines, 1000 a batch."""
    batches = []
    for first in range(start, start + lines, 1000):
        batch = [
            {
                "time": "2026-01-01T00:00:00.000Z",
                "type": "function",
                "record": f"bench log line number {n} " + "x" * 60,
            }
            for n in range(first, min(first + 1000, start + lines))
        ]
        batches.append(orjson.dumps(batch))
    return batches


def shipper_cpu_s(moto: Moto, lines: int) -> float:
    """CPU seconds (user + system) of a whole shipper process that ships ``lines`` log lines."""
    api = FakeExtensionsApi()
    bucket = f"bench-{uuid.uuid4().hex[:8]}"
    try:
        env = _env(api, moto, ADAPTIVE_BATCHING_EXTENSION_S3_BUCKET=bucket)
        process = _spawn([sys.executable, "-m", "lambda_runtime.extensions.adaptive_batching"], env)
        api.invoke("bench-request")
        api.subscribed.wait(60)
        api.ready.wait(60)
        assert api.listener_port is not None
        with httpx.Client() as client:
            url = f"http://127.0.0.1:{api.listener_port}/"
            for body in _records(lines, 0):
                client.post(url, content=body).raise_for_status()
            done = [{"time": "2026-01-01T00:00:00.000Z", "type": "platform.runtimeDone",
                     "record": {"requestId": "bench-request", "status": "success"}}]  # fmt: skip
            client.post(url, content=orjson.dumps(done)).raise_for_status()
        api.shutdown(budget_s=30)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"the shipper exited {process.returncode}: {api.errors}")
        if lines:
            s3 = moto.client("s3")
            keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
            shipped = sum(s3.get_object(Bucket=bucket, Key=key)["Body"].read().count(b"\n") for key in keys)
            if shipped < lines:
                raise RuntimeError(f"only {shipped} of {lines} lines reached S3")
        return float(usage.ru_utime + usage.ru_stime)
    finally:
        if process.stderr is not None:
            process.stderr.close()
        api.close()


def _p50_ms(call: Any, count: int) -> float:
    samples = []
    for _ in range(count):
        started = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return statistics.median(samples)


def cache_hits(moto: Moto, count: int) -> dict[str, float]:
    ssm = moto.client("ssm")
    ssm.put_parameter(Name="BenchParameter", Value="v" * 64, Type="String", Overwrite=True)
    api = FakeExtensionsApi()
    port, aws_port = _free_port(), _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.yaml"
        config.write_text("parameters:\n  - region: us-east-1\n    names: [BenchParameter]\n")
        env = _env(
            api, moto, CACHE_EXTENSION_CONFIG=str(config), CACHE_EXTENSION_PORT=str(port),
            PARAMETERS_SECRETS_EXTENSION_HTTP_PORT=str(aws_port),
        )  # fmt: skip
        process = _spawn([sys.executable, "-m", "lambda_runtime.extensions.cache"], env)
        try:
            if not api.ready.wait(60):
                raise RuntimeError("the cache never called next")
            conn = http.client.HTTPConnection("127.0.0.1", port)

            def cache_get() -> None:
                conn.request("GET", "/parameters?name=BenchParameter")
                answer = conn.getresponse()
                assert answer.read() == b"v" * 64

            def cache_get_new_connection() -> None:
                one = http.client.HTTPConnection("127.0.0.1", port)
                one.request("GET", "/parameters?name=BenchParameter")
                assert one.getresponse().read() == b"v" * 64
                one.close()

            def boto3_get() -> None:
                assert ssm.get_parameter(Name="BenchParameter")["Parameter"]["Value"] == "v" * 64

            for call in (cache_get, cache_get_new_connection, boto3_get):
                call()  # warm
            result = {
                "cache over HTTP, keep-alive": _p50_ms(cache_get, count),
                "cache over HTTP, new connection each": _p50_ms(cache_get_new_connection, count),
                "boto3 get_parameter to moto": _p50_ms(boto3_get, count),
            }
            conn.close()
            return result
        finally:
            api.shutdown()
            process.communicate(timeout=30)
            api.close()


def _cold_start_rows(moto: Moto, tmp: Path, runs: int) -> dict[str, tuple[float, float]]:
    floor_script = tmp / "floor.py"
    floor_script.write_text(FLOOR)
    config = tmp / "config.yaml"
    config.write_text("parameters:\n  - region: us-east-1\n    names: [ColdParameter]\n")
    moto.client("ssm").put_parameter(Name="ColdParameter", Value="v", Type="String", Overwrite=True)
    shipper = [sys.executable, "-m", "lambda_runtime.extensions.adaptive_batching"]
    cache = [sys.executable, "-m", "lambda_runtime.extensions.cache"]

    def cache_env(api: FakeExtensionsApi, preload: str) -> dict[str, str]:
        return _env(
            api,
            moto,
            CACHE_EXTENSION_CONFIG=str(config),
            CACHE_EXTENSION_INIT_STARTUP=preload,
            CACHE_EXTENSION_PORT=str(_free_port()),
            PARAMETERS_SECRETS_EXTENSION_HTTP_PORT=str(_free_port()),
        )

    return {
        "floor (raw socket, python3)": cold_start(
            [sys.executable, str(floor_script)], lambda api: _env(api, moto), runs
        ),
        "adaptive-batching": cold_start(
            shipper, lambda api: _env(api, moto, ADAPTIVE_BATCHING_EXTENSION_S3_BUCKET="cold"), runs
        ),
        "cache, no preload": cold_start(cache, lambda api: cache_env(api, "false"), runs),
        "cache, preloading 1 parameter": cold_start(cache, lambda api: cache_env(api, "true"), runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="cold-start runs per extension (median)")
    parser.add_argument("--lines", type=int, default=100_000, help="log lines for the CPU measure")
    parser.add_argument("--hits", type=int, default=300, help="requests per cache contender")
    args = parser.parse_args()
    moto = Moto()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rows = _cold_start_rows(moto, Path(tmp), args.runs)
        floor = rows["floor (raw socket, python3)"][1]
        print(f"cold start, median of {args.runs} (ms from spawn)")
        print(f"  {'extension':32} {'registered':>11} {'first next':>11} {'x floor':>8}")
        for name, (registered, first_next) in rows.items():
            print(f"  {name:32} {registered:11.1f} {first_next:11.1f} {first_next / floor:8.2f}")

        base = min(shipper_cpu_s(moto, 0) for _ in range(3))
        loaded = min(shipper_cpu_s(moto, args.lines) for _ in range(3))
        per_10k_ms = (loaded - base) / args.lines * 10_000 * 1000
        print(
            f"\nshipper CPU (user+sys, best of 3): start+shutdown {base * 1000:.0f} ms, "
            f"with {args.lines} lines {loaded * 1000:.0f} ms\n"
            f"  -> {per_10k_ms:.1f} ms CPU per 10k lines (listener parse + batch + S3 PUT)"
        )

        hits = cache_hits(moto, args.hits)
        boto = hits["boto3 get_parameter to moto"]
        print(f"\ncache hit p50 over {args.hits} requests")
        for name, p50 in hits.items():
            print(f"  {name:40} {p50:8.3f} ms   x boto3 {p50 / boto:6.3f}")
    finally:
        moto.close()


if __name__ == "__main__":
    main()
