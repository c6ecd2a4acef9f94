"""CPU per warm invoke, cold start and peak RSS: our runtime vs awslambdaric vs a bare-socket floor.

Run: ``python -m bench.bench_runtime`` (about 25 s) or ``--quick`` (a few seconds).

Each runtime process serves a Runtime API played by this script over one loopback connection, with the
API Gateway v2 sample event and one handler file shared by all three. Per session it measures:

- cold start: from just before spawning the process to the moment its first /response post is fully read;
- CPU per warm invoke: user+sys of the runtime process only (the sum of ``/proc/<pid>/task/*/schedstat``,
  nanoseconds), taken when the runtime has sent its /next request, so exactly N whole invoke cycles fall
  between the two readings; a warm-up of W invokes after init is excluded;
- cold start CPU: the process's CPU time at that first response (no target; steadier than wall time when
  the machine is shared);
- peak RSS: ``VmHWM`` from ``/proc/<pid>/status`` at the end.

Repetitions alternate (ours, awslambdaric, floor, ours, ...) so machine noise hits all three alike; the
table shows medians with their range. Every response is checked against the handler's expected answer.
Cold start is noisier than the rest on a shared machine, so between repetitions extra alternating
sessions (``--cold-starts``, 14 by default) serve just the first invocation: each runtime's cold start
columns take one sample per full session plus one per such session.

Interpreters run with ``-S`` and an explicit PYTHONPATH (repository root, then site-packages): the venv's
``.pth`` files (an editable-install finder importing pathlib, dataclasses, inspect) would add ~10 ms to every
start here that a Lambda deployment does not pay. ``--site`` runs them the ordinary way instead.
``--ours-root DIR`` imports lambda_runtime from another copy (a patch under evaluation).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from bench.floor_runtime import FloorContext

__all__ = [
    "BenchSettings",
    "RuntimeApiPeer",
    "RuntimeSpec",
    "SessionResult",
    "load_event",
    "main",
    "run_cold_start",
    "run_session",
    "runtime_specs",
]

REPO_ROOT = Path(__file__).resolve().parents[1]
EVENT_PATH = REPO_ROOT / "bench" / "events" / "apigw-v2-request-no-authorizer.json"

HANDLER_MODULE = "bench_handler"
HANDLER_SOURCE = """\
def handler(event, context):
    http = event["requestContext"]["http"]
    return {
        "statusCode": 200,
        "requestId": context.aws_request_id,
        "method": http["method"],
        "path": event["rawPath"],
        "sourceIp": http["sourceIp"],
        "headerCount": len(event["headers"]),
    }
"""

# Used when the sample file is absent: a trimmed API Gateway v2 event with the fields the handler reads.
EMBEDDED_EVENT = {
    "version": "2.0",
    "routeKey": "$default",
    "rawPath": "/",
    "rawQueryString": "",
    "headers": {"accept": "*/*", "host": "aaaaaaaaaa.execute-api.us-west-2.amazonaws.com"},
    "requestContext": {
        "accountId": "123456789012",
        "apiId": "aaaaaaaaaa",
        "http": {"method": "GET", "path": "/", "protocol": "HTTP/1.1", "sourceIp": "1.2.3.4"},
        "requestId": "LV7fzho-PHcEJPw=",
        "stage": "$default",
        "timeEpoch": 1587481701067,
    },
    "isBase64Encoded": False,
}

FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:bench"
TRACE_ID = "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Parent=53995c3f42cd8ad8;Sampled=1"
IO_TIMEOUT_SECONDS = 30.0
_ACCEPT_POLL_SECONDS = 0.05

# Targets (issues #2 and #9), as ratios to the floor and to awslambdaric.
CPU_TARGET_VS_FLOOR = 1.20
COLD_TARGET_VS_FLOOR = 1.10
RSS_TARGET_VS_AWSLAMBDARIC = 1.00


class BenchError(Exception):
    """A runtime misbehaved during the benchmark (crashed, answered wrongly, timed out)."""


def load_event() -> tuple[bytes, str]:
    """The event bytes and where they came from."""
    try:
        return EVENT_PATH.read_bytes(), str(EVENT_PATH)
    except OSError:
        return orjson.dumps(EMBEDDED_EVENT), f"embedded small event ({EVENT_PATH} is absent)"


# -- the Runtime API side ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HttpRequest:
    method: str
    path: str
    body: bytes


_ACCEPTED = (
    b'HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{"status":"OK"}'
)


class RuntimeApiPeer:
    """The Runtime API for one runtime process over one accepted connection; single-threaded, minimal.

    Reads Content-Length and chunked request bodies, answers ``Expect: 100-continue``.
    """

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._buffer = b""

    def _fill(self) -> None:
        data = self._sock.recv(262144)
        if not data:
            raise BenchError("the runtime closed its connection")
        self._buffer += data

    def _take_line(self) -> bytes:
        while (end := self._buffer.find(b"\r\n")) < 0:
            self._fill()
        line, self._buffer = self._buffer[:end], self._buffer[end + 2 :]
        return line

    def _take(self, size: int) -> bytes:
        while len(self._buffer) < size:
            self._fill()
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def read_request(self) -> HttpRequest:
        while (end := self._buffer.find(b"\r\n\r\n")) < 0:
            self._fill()
        lines = self._buffer[:end].decode("latin-1").split("\r\n")
        self._buffer = self._buffer[end + 4 :]
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("expect", "").lower() == "100-continue":
            self._sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        if "chunked" in headers.get("transfer-encoding", "").lower():
            pieces = []
            while size := int(self._take_line().split(b";")[0], 16):
                pieces.append(self._take(size))
                self._take_line()
            while self._take_line():  # trailers
                pass
            return HttpRequest(method, path, b"".join(pieces))
        return HttpRequest(method, path, self._take(int(headers.get("content-length", "0"))))

    def send_invocation(self, request_id: str, event: bytes) -> None:
        deadline = int(time.time() * 1000) + 300_000
        head = (
            "HTTP/1.1 200 OK\r\n"
            f"Lambda-Runtime-Aws-Request-Id: {request_id}\r\n"
            f"Lambda-Runtime-Deadline-Ms: {deadline}\r\n"
            f"Lambda-Runtime-Invoked-Function-Arn: {FUNCTION_ARN}\r\n"
            f"Lambda-Runtime-Trace-Id: {TRACE_ID}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(event)}\r\n\r\n"
        )
        self._sock.sendall(head.encode("latin-1") + event)

    def accept_post(self) -> None:
        self._sock.sendall(_ACCEPTED)

    def refuse_next(self) -> None:
        """Answer the pending /next with 500: a runtime then exits promptly."""
        body = b'{"errorType":"Runtime.Bench","errorMessage":"done"}'
        head = f"HTTP/1.1 500 Internal Server Error\r\nContent-Length: {len(body)}\r\n\r\n"
        self._sock.sendall(head.encode() + body)


# -- the runtimes --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuntimeSpec:
    name: str
    command: tuple[str, ...]


def _interpreter(use_site: bool) -> list[str]:
    return [sys.executable] if use_site else [sys.executable, "-S"]


def runtime_specs(use_site: bool = False) -> list[RuntimeSpec]:
    python = _interpreter(use_site)
    handler = f"{HANDLER_MODULE}.handler"
    return [
        RuntimeSpec("lambda_runtime", (*python, "-m", "lambda_runtime")),
        RuntimeSpec("awslambdaric", (*python, "-m", "awslambdaric", handler)),
        RuntimeSpec("floor", (*python, str(REPO_ROOT / "bench" / "floor_runtime.py"))),
    ]


def _environment(endpoint: str, task_root: Path, settings: BenchSettings) -> dict[str, str]:
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TZ") if name in os.environ}
    env.update(
        {
            "AWS_LAMBDA_RUNTIME_API": endpoint,
            "_HANDLER": f"{HANDLER_MODULE}.handler",
            "LAMBDA_TASK_ROOT": str(task_root),
            "AWS_LAMBDA_FUNCTION_NAME": "bench",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/bench",
            "AWS_LAMBDA_LOG_STREAM_NAME": "2026/01/01/[$LATEST]0123456789abcdef",
            "AWS_REGION": "us-east-1",
        }
    )
    # The directory lambda_runtime is imported from comes first: the repository, or --ours-root.
    paths = [str(settings.ours_root or REPO_ROOT)]
    if not settings.use_site:
        paths += [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


# -- /proc readings ------------------------------------------------------------------------------------------


def cpu_ns(pid: int) -> int:
    """CPU time (user+sys) of every thread of ``pid``, in nanoseconds."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(FileNotFoundError), open(f"/proc/{pid}/task/{task}/schedstat") as file:
            total += int(file.read().split()[0])
    return total


def peak_rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as file:
        for line in file:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise BenchError(f"no VmHWM in /proc/{pid}/status")


# -- one session ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionResult:
    cold_start_ms: float
    # CPU the process used up to its first response: less noisy than wall time on a busy machine.
    cold_start_cpu_ms: float
    cpu_us_per_invoke: float
    peak_rss_kib: int


@dataclass(frozen=True, slots=True)
class BenchSettings:
    repetitions: int = 7
    warmup: int = 200
    invokes: int = 2000
    use_site: bool = False
    # A directory holding another copy of the lambda_runtime package to measure (e.g. a proposed patch).
    ours_root: Path | None = None
    # Extra sessions per runtime that measure only cold start (spread between the repetitions).
    cold_starts: int = 14


def _request_id(number: int) -> str:
    return f"8476a536-e9f4-11e8-9739-{number:012x}"


class _Checker:
    """Checks that each post is the handler's answer for the request it belongs to."""

    def __init__(self, event: bytes, task_root: Path) -> None:
        namespace: dict[str, Any] = {}
        exec(compile(HANDLER_SOURCE, str(task_root / f"{HANDLER_MODULE}.py"), "exec"), namespace)
        self._handler: Callable[[Any, Any], Any] = namespace["handler"]
        self._event = orjson.loads(event)

    def check(self, request: HttpRequest, request_id: str) -> None:
        if request.method != "POST" or not request.path.endswith(
            f"/runtime/invocation/{request_id}/response"
        ):
            raise BenchError(
                f"expected the response of {request_id}, got {request.method} {request.path}: "
                f"{request.body[:300]!r}"
            )
        expected = self._handler(self._event, FloorContext(request_id, 0, FUNCTION_ARN))
        if orjson.loads(request.body) != expected:
            raise BenchError(f"wrong response for {request_id}: {request.body[:300]!r}")


def _expect_next(peer: RuntimeApiPeer) -> None:
    request = peer.read_request()
    if request.method != "GET" or not request.path.endswith("/runtime/invocation/next"):
        raise BenchError(f"expected GET /next, got {request.method} {request.path}: {request.body[:300]!r}")


@contextlib.contextmanager
def _spawned(spec: RuntimeSpec, env: dict[str, str], task_root: Path) -> Iterator[subprocess.Popen[bytes]]:
    log_path = task_root / f"{spec.name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(spec.command, env=env, cwd=task_root, stdout=log, stderr=log)
    try:
        yield process
    except (BenchError, OSError) as exc:
        process.kill()
        process.wait()
        output = log_path.read_bytes().decode(errors="replace")[-2000:]
        raise BenchError(f"{spec.name}: {exc}\n--- its output ---\n{output}") from exc
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def _accept(listener: socket.socket, process: subprocess.Popen[bytes]) -> socket.socket:
    """The runtime's connection; a clear error as soon as the process exits without connecting."""
    give_up = time.monotonic() + IO_TIMEOUT_SECONDS
    while time.monotonic() < give_up:
        try:
            sock, _ = listener.accept()
        except TimeoutError:
            status = process.poll()
            if status is not None:
                raise BenchError(
                    f"exited with status {status} before connecting to the Runtime API"
                ) from None
            continue
        return sock
    raise BenchError(f"did not connect to the Runtime API within {IO_TIMEOUT_SECONDS:.0f} s")


@contextlib.contextmanager
def _connected(
    spec: RuntimeSpec, task_root: Path, settings: BenchSettings
) -> Iterator[tuple[RuntimeApiPeer, subprocess.Popen[bytes], float]]:
    """Spawn ``spec`` and accept its connection: the peer, the process, and when the spawn began."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(_ACCEPT_POLL_SECONDS)
        env = _environment(f"127.0.0.1:{listener.getsockname()[1]}", task_root, settings)
        started = time.perf_counter()
        with _spawned(spec, env, task_root) as process:
            sock = _accept(listener, process)
            with sock:
                sock.settimeout(IO_TIMEOUT_SECONDS)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                yield RuntimeApiPeer(sock), process, started


def _serve_first(
    peer: RuntimeApiPeer, process: subprocess.Popen[bytes], started: float, event: bytes, checker: _Checker
) -> tuple[float, float]:
    """Serve the first invocation: (cold start ms, cold start CPU ms)."""
    _expect_next(peer)
    request_id = _request_id(0)
    peer.send_invocation(request_id, event)
    posted = peer.read_request()
    cold_start = time.perf_counter() - started
    cold_start_cpu = cpu_ns(process.pid)  # it now waits for the 202: its CPU count is settled
    checker.check(posted, request_id)
    peer.accept_post()
    return cold_start * 1000, cold_start_cpu / 1e6


def run_cold_start(
    spec: RuntimeSpec, event: bytes, task_root: Path, settings: BenchSettings, checker: _Checker | None = None
) -> tuple[float, float]:
    """Spawn ``spec`` and serve it one invocation: (cold start ms, cold start CPU ms)."""
    checker = checker or _Checker(event, task_root)
    with _connected(spec, task_root, settings) as (peer, process, started):
        cold = _serve_first(peer, process, started, event, checker)
        _expect_next(peer)  # the first answer was complete: the runtime asks for the next event
    return cold


def run_session(
    spec: RuntimeSpec, event: bytes, task_root: Path, settings: BenchSettings, checker: _Checker | None = None
) -> SessionResult:
    """Spawn ``spec``, serve it ``1 + warmup + invokes`` invocations, and measure."""
    checker = checker or _Checker(event, task_root)
    with _connected(spec, task_root, settings) as (peer, process, started):
        cold_start_ms, cold_start_cpu_ms = _serve_first(peer, process, started, event, checker)
        cpu_start = 0
        for number in range(1, settings.warmup + settings.invokes + 1):
            _expect_next(peer)
            if number == settings.warmup + 1:
                cpu_start = cpu_ns(process.pid)
            request_id = _request_id(number)
            peer.send_invocation(request_id, event)
            checker.check(peer.read_request(), request_id)
            peer.accept_post()
        _expect_next(peer)
        cpu_used = cpu_ns(process.pid) - cpu_start
        rss = peak_rss_kib(process.pid)
    return SessionResult(cold_start_ms, cold_start_cpu_ms, cpu_used / 1000 / settings.invokes, rss)


# -- the report ----------------------------------------------------------------------------------------------


@dataclass
class Samples:
    cold_start_ms: list[float] = field(default_factory=list)
    cold_start_cpu_ms: list[float] = field(default_factory=list)
    cpu_us: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)

    def add(self, result: SessionResult) -> None:
        self.add_cold_start(result.cold_start_ms, result.cold_start_cpu_ms)
        self.cpu_us.append(result.cpu_us_per_invoke)
        self.rss_mib.append(result.peak_rss_kib / 1024)

    def add_cold_start(self, cold_start_ms: float, cold_start_cpu_ms: float) -> None:
        self.cold_start_ms.append(cold_start_ms)
        self.cold_start_cpu_ms.append(cold_start_cpu_ms)


def _cell(values: Sequence[float], digits: int) -> str:
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f}"
    return f"{median:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def _verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "MISSED"


def report(samples: dict[str, Samples], settings: BenchSettings, event_source: str) -> str:
    ours, ric, floor = samples["lambda_runtime"], samples["awslambdaric"], samples["floor"]
    lines = [
        f"event: {event_source}",
        f"{settings.repetitions} alternating repetitions; per session {settings.warmup} warm-up + "
        f"{settings.invokes} measured invokes; interpreter flags: {'' if settings.use_site else '-S'}"
        + (f"; lambda_runtime from {settings.ours_root}" if settings.ours_root else ""),
        f"cold start columns: {settings.repetitions + settings.cold_starts} samples per runtime "
        f"({settings.repetitions} sessions + {settings.cold_starts} first-invocation-only sessions)",
        "median (min-max)",
        "",
        f"{'runtime':<16}{'CPU/invoke us':>22}{'cold start ms':>22}{'cold start CPU ms':>22}"
        f"{'peak RSS MiB':>22}",
    ]
    for name, values in samples.items():
        lines.append(
            f"{name:<16}{_cell(values.cpu_us, 1):>22}{_cell(values.cold_start_ms, 1):>22}"
            f"{_cell(values.cold_start_cpu_ms, 1):>22}{_cell(values.rss_mib, 1):>22}"
        )

    def ratio(a: list[float], b: list[float]) -> float:
        return statistics.median(a) / statistics.median(b)

    def paired(a: list[float], b: list[float]) -> float:
        return statistics.median(x / y for x, y in zip(a, b, strict=True))

    cpu_floor, cpu_ric = ratio(ours.cpu_us, floor.cpu_us), ratio(ours.cpu_us, ric.cpu_us)
    cold_floor, cold_ric = (
        ratio(ours.cold_start_ms, floor.cold_start_ms),
        ratio(ours.cold_start_ms, ric.cold_start_ms),
    )
    rss_floor, rss_ric = ratio(ours.rss_mib, floor.rss_mib), ratio(ours.rss_mib, ric.rss_mib)
    init_floor = ratio(ours.cold_start_cpu_ms, floor.cold_start_cpu_ms)
    init_ric = ratio(ours.cold_start_cpu_ms, ric.cold_start_cpu_ms)
    lines += [
        "",
        f"{'lambda_runtime':<16}{'vs floor':>10}{'vs awslambdaric':>17}   target",
        f"{'CPU/invoke':<16}{cpu_floor:>9.2f}x{cpu_ric:>16.2f}x   <= {CPU_TARGET_VS_FLOOR}x floor: "
        f"{_verdict(cpu_floor, CPU_TARGET_VS_FLOOR)}",
        f"{'  paired':<16}{paired(ours.cpu_us, floor.cpu_us):>9.2f}x{paired(ours.cpu_us, ric.cpu_us):>16.2f}x"
        "   (median of the ratios within each repetition: less moved by load that comes and goes)",
        f"{'cold start':<16}{cold_floor:>9.2f}x{cold_ric:>16.2f}x   <= {COLD_TARGET_VS_FLOOR}x floor: "
        f"{_verdict(cold_floor, COLD_TARGET_VS_FLOOR)}",
        f"{'cold start CPU':<16}{init_floor:>9.2f}x{init_ric:>16.2f}x   (no target; steadier than wall time)",
        f"{'peak RSS':<16}{rss_floor:>9.2f}x{rss_ric:>16.2f}x   <= awslambdaric: "
        f"{_verdict(rss_ric, RSS_TARGET_VS_AWSLAMBDARIC)}",
        "",
        f"awslambdaric vs floor: CPU/invoke {ratio(ric.cpu_us, floor.cpu_us):.2f}x, "
        f"cold start {ratio(ric.cold_start_ms, floor.cold_start_ms):.2f}x",
    ]
    return "\n".join(lines)


def _share(total: int, parts: int, index: int) -> int:
    """Part ``index`` of ``total`` split into ``parts`` near-equal whole parts."""
    return total * (index + 1) // parts - total * index // parts


def run(settings: BenchSettings, *, progress: Callable[[str], None] | None = None) -> str:
    event, event_source = load_event()
    specs = runtime_specs(settings.use_site)
    samples = {spec.name: Samples() for spec in specs}
    with tempfile.TemporaryDirectory(prefix="bench-runtime-") as directory:
        task_root = Path(directory)
        (task_root / f"{HANDLER_MODULE}.py").write_text(HANDLER_SOURCE)
        checker = _Checker(event, task_root)
        # One unmeasured session each: byte-compiles the handler and warms the page cache.
        for spec in specs:
            run_session(spec, event, task_root, replace(settings, warmup=5, invokes=5), checker)
        for repetition in range(settings.repetitions):
            for spec in specs:
                samples[spec.name].add(run_session(spec, event, task_root, settings, checker))
            # This repetition's share of the cold-start-only rounds, so they spread over the whole run.
            rounds = _share(settings.cold_starts, settings.repetitions, repetition)
            for _ in range(rounds):
                for spec in specs:
                    samples[spec.name].add_cold_start(
                        *run_cold_start(spec, event, task_root, settings, checker)
                    )
            if progress is not None:
                progress(f"repetition {repetition + 1}/{settings.repetitions} done")
    return report(samples, settings, event_source)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_runtime", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="a few seconds: 2 repetitions, 300 invokes, 4 extra cold starts"
    )
    parser.add_argument("--repetitions", type=int, help="alternating repetitions (default 7)")
    parser.add_argument("--invokes", type=int, help="measured invokes per session (default 2000)")
    parser.add_argument("--warmup", type=int, help="unmeasured invokes after init (default 200)")
    parser.add_argument(
        "--cold-starts",
        type=int,
        help="extra first-invocation-only sessions per runtime, for the cold start columns (default 14)",
    )
    parser.add_argument(
        "--site", action="store_true", help="run interpreters without -S (process .pth files)"
    )
    parser.add_argument(
        "--ours-root",
        type=Path,
        help="import lambda_runtime from this directory instead of the repository (to measure a patch)",
    )
    args = parser.parse_args(argv)
    settings = BenchSettings(2, 50, 300, cold_starts=4) if args.quick else BenchSettings()
    settings = BenchSettings(
        repetitions=args.repetitions if args.repetitions is not None else settings.repetitions,
        warmup=args.warmup if args.warmup is not None else settings.warmup,
        invokes=args.invokes if args.invokes is not None else settings.invokes,
        use_site=args.site,
        ours_root=args.ours_root,
        cold_starts=args.cold_starts if args.cold_starts is not None else settings.cold_starts,
    )
    if settings.repetitions < 1 or settings.invokes < 1 or settings.warmup < 0 or settings.cold_starts < 0:
        parser.error("--repetitions and --invokes must be at least 1, --warmup and --cold-starts at least 0")
    if (
        settings.ours_root is not None
        and not (settings.ours_root / "lambda_runtime" / "__init__.py").is_file()
    ):
        parser.error(f"--ours-root {settings.ours_root} holds no lambda_runtime package")
    try:
        print(run(settings, progress=lambda message: print(message, file=sys.stderr, flush=True)))
    except BenchError as exc:
        raise SystemExit(f"bench_runtime: {exc}") from None


if __name__ == "__main__":
    main()
