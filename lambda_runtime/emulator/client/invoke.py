"""``lambda-runtime invoke``: call a function on a running emulator (or any Invoke API endpoint).

Output rule: stdout carries the function's result bytes only, exactly as sent (so it can be piped);
everything a person reads — function errors, service errors, the log tail, a streamed response's HTTP
status and headers — goes to stderr. A Function URL style stream (JSON prelude, 8 NUL bytes, body) prints
its body on stdout and its prelude on stderr; ``--raw`` prints the stream byte for byte instead. When stdout
and stderr are both a terminal, a final newline the result lacks goes to stderr, never into the result.

Exit status: 0 success, 1 the function failed (``X-Amz-Function-Error`` / ``InvokeComplete.ErrorCode``),
2 bad input, a service error or an unreachable endpoint, 141 stdout was closed by its reader (``| head``).
"""

from __future__ import annotations

import argparse
import base64
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO
from urllib.parse import quote

import orjson

if TYPE_CHECKING:
    import httpx

    from lambda_runtime.emulator.client.http_prelude import PreludeSplitter

__all__ = [
    "EXIT_FUNCTION_ERROR",
    "EXIT_OK",
    "EXIT_SERVICE_ERROR",
    "InvokeOptions",
    "UsageError",
    "invoke",
    "main",
    "register",
    "run",
]

EXIT_OK = 0
EXIT_FUNCTION_ERROR = 1
EXIT_SERVICE_ERROR = 2

INVOCATION_TYPES = ("RequestResponse", "Event", "DryRun")

# What the emulator's streaming answer declares; AWS declares the function's stream content type instead.
_EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream"


class UsageError(Exception):
    """The command line asks for something that cannot be sent."""


@dataclass(frozen=True, slots=True)
class InvokeOptions:
    host: str = "127.0.0.1"
    port: int = 9000
    function_name: str = "function"
    payload: bytes = b"{}"
    stream: bool = False
    raw: bool = False
    log_tail: bool = False
    invocation_type: str = "RequestResponse"
    timeout_s: float = 900.0
    client_context: str | None = None

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def path(self) -> str:
        name = quote(self.function_name, safe="")
        if self.stream:
            return f"/2021-11-15/functions/{name}/response-streaming-invocations"
        return f"/2015-03-31/functions/{name}/invocations"

    def headers(self) -> dict[str, str]:
        headers = {"X-Amz-Invocation-Type": self.invocation_type}
        if self.log_tail:
            headers["X-Amz-Log-Type"] = "Tail"
        if self.client_context is not None:
            headers["X-Amz-Client-Context"] = self.client_context
        return headers


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="emulator host (default: %(default)s)")
    parser.add_argument("--port", type=int, default=9000, help="emulator port (default: %(default)s)")
    parser.add_argument(
        "--function-name",
        default="function",
        help="function name, name:qualifier or ARN (default: %(default)s)",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--payload", help="the event as JSON text (default: {})")
    source.add_argument(
        "--payload-file", help="read the event from this file ('-' for stdin) (default: none, use --payload)"
    )
    parser.add_argument(
        "--stream",
        action="store_true",
        help="use the response-streaming API; print chunks as they arrive. A Function URL style stream "
        "prints its body on stdout and its HTTP status and headers on stderr",
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="with --stream: print the stream byte for byte on stdout, a Function URL prelude and its "
        "8 NUL bytes included",
    )
    parser.add_argument("--log-tail", action="store_true", help="print the last 4 KB of the invoke's log")
    parser.add_argument(
        "--invocation-type", choices=INVOCATION_TYPES, default="RequestResponse", help="X-Amz-Invocation-Type"
    )
    parser.add_argument(
        "--client-context", help="X-Amz-Client-Context: JSON text, sent base64-encoded as Lambda expects"
    )
    parser.add_argument(
        "--timeout", type=float, default=900.0, help="seconds to wait for the answer (default: %(default)s)"
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``invoke`` command."""
    parser = subparsers.add_parser(
        "invoke",
        help="invoke a function on a running emulator",
        description="Invoke a function through the Lambda Invoke API of a running `lambda-runtime emulate`. "
        "The result goes to stdout exactly as the function sent it; errors, the log tail and a streamed "
        "response's HTTP status and headers go to stderr. Exit status: 0 success, 1 function error, "
        "2 service error or bad input, 141 stdout closed by its reader.",
    )
    _add_arguments(parser)
    parser.set_defaults(func=run)


def _read_payload(args: argparse.Namespace) -> bytes:
    if args.payload_file is not None:
        try:
            raw = (
                sys.stdin.buffer.read() if args.payload_file == "-" else Path(args.payload_file).read_bytes()
            )
        except OSError as exc:
            raise UsageError(f"cannot read --payload-file: {exc}") from None
        origin = f"--payload-file {args.payload_file}"
    elif args.payload is not None:
        raw = str(args.payload).encode("utf-8")
        origin = "--payload"
    else:
        return b"{}"
    try:
        orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UsageError(f"{origin} is not valid JSON: {exc}") from None
    return raw


def _options_from_args(args: argparse.Namespace) -> InvokeOptions:
    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be 1..65535, not {args.port}")
    if args.stream and args.invocation_type != "RequestResponse":
        raise UsageError("--stream works only with --invocation-type RequestResponse")
    if args.raw and not args.stream:
        raise UsageError("--raw works only with --stream")
    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    client_context = None
    if args.client_context is not None:
        try:
            orjson.loads(args.client_context)
        except orjson.JSONDecodeError as exc:
            raise UsageError(f"--client-context is not valid JSON: {exc}") from None
        client_context = base64.b64encode(args.client_context.encode("utf-8")).decode("ascii")
    return InvokeOptions(
        host=args.host,
        port=args.port,
        function_name=args.function_name,
        payload=_read_payload(args),
        stream=args.stream,
        raw=args.raw,
        log_tail=args.log_tail,
        invocation_type=args.invocation_type,
        timeout_s=args.timeout,
        client_context=client_context,
    )


def run(args: argparse.Namespace) -> int:
    """Entry point of ``lambda-runtime invoke``."""
    try:
        options = _options_from_args(args)
    except UsageError as exc:
        sys.stderr.write(f"lambda-runtime invoke: {exc}\n")
        return EXIT_SERVICE_ERROR
    return invoke(options, stdout=sys.stdout.buffer, stderr=sys.stderr)


def _decode_log(value: str) -> str:
    try:
        return base64.b64decode(value, validate=True).decode("utf-8", "replace")
    except ValueError:
        return f"(log result is not base64: {value!r})"


def _write_log_tail(stderr: TextIO, value: str | None) -> None:
    if value is None:
        stderr.write("(no log tail in the answer)\n")
        return
    text = _decode_log(value)
    stderr.write(text if text.endswith("\n") or not text else text + "\n")


def _describe_service_error(response: httpx.Response, body: bytes) -> str:
    error_type = response.headers.get("X-Amzn-ErrorType", "").split(":", 1)[0]
    message = ""
    try:
        parsed = orjson.loads(body) if body else None
    except orjson.JSONDecodeError:
        parsed = None
    if isinstance(parsed, dict):
        error_type = error_type or str(parsed.get("__type") or parsed.get("code") or parsed.get("Code") or "")
        message = str(parsed.get("message") or parsed.get("Message") or "")
    if not message:
        message = body.decode("utf-8", "replace").strip()
    kind = f" {error_type}" if error_type else ""
    return f"service error: HTTP {response.status_code}{kind}: {message or '(no message)'}"


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty()) if callable(isatty) else False


def _finish_output(stdout: BinaryIO, stderr: TextIO, wrote: bytes) -> None:
    # stdout gets exactly the function's bytes; on a terminal the prompt's newline goes through stderr.
    stdout.flush()
    if wrote and not wrote.endswith(b"\n") and _isatty(stdout) and _isatty(stderr):
        stderr.write("\n")
        stderr.flush()


def _buffered(client: httpx.Client, options: InvokeOptions, stdout: BinaryIO, stderr: TextIO) -> int:
    response = client.post(options.path, content=options.payload, headers=options.headers())
    body = response.content
    if response.status_code >= 400:
        stderr.write(_describe_service_error(response, body) + "\n")
        return EXIT_SERVICE_ERROR
    if options.log_tail:
        _write_log_tail(stderr, response.headers.get("X-Amz-Log-Result"))
    if response.status_code in (202, 204):
        stderr.write(f"accepted: HTTP {response.status_code} ({options.invocation_type})\n")
        return EXIT_OK
    stdout.write(body)
    _finish_output(stdout, stderr, body)
    function_error = response.headers.get("X-Amz-Function-Error")
    if function_error is not None:
        stderr.write(f"function error ({function_error}): {body.decode('utf-8', 'replace')}\n")
        return EXIT_FUNCTION_ERROR
    return EXIT_OK


def _splitter_for(response: httpx.Response, options: InvokeOptions) -> PreludeSplitter:
    from lambda_runtime.emulator.client.http_prelude import PreludeSplitter
    from lambda_runtime.protocol.runtime_api import HTTP_INTEGRATION_CONTENT_TYPE

    declared = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    # Detect the framing unless told to print raw bytes or the answer declares another content type.
    detect = not options.raw and declared in ("", HTTP_INTEGRATION_CONTENT_TYPE, _EVENT_STREAM_CONTENT_TYPE)
    return PreludeSplitter(detect=detect)


class _StreamOutput:
    """Writes a streamed response: the body to stdout as it arrives, a prelude's lines to stderr."""

    def __init__(self, splitter: PreludeSplitter, stdout: BinaryIO, stderr: TextIO) -> None:
        self._splitter = splitter
        self._stdout = stdout
        self._stderr = stderr
        self.last = b""

    def write(self, chunk: bytes) -> None:
        was_decided = self._splitter.decided
        self._emit(self._splitter.feed(chunk), announce=not was_decided)

    def close(self) -> None:
        was_decided = self._splitter.decided
        self._emit(self._splitter.close(), announce=not was_decided)
        _finish_output(self._stdout, self._stderr, self.last)

    def _emit(self, body: bytes, *, announce: bool) -> None:
        if announce and self._splitter.prelude is not None:
            from lambda_runtime.emulator.client.http_prelude import describe_prelude

            self._stderr.write("".join(line + "\n" for line in describe_prelude(self._splitter.prelude)))
            self._stderr.flush()
        if body:
            self._stdout.write(body)
            self._stdout.flush()
            self.last = body


def _streamed(client: httpx.Client, options: InvokeOptions, stdout: BinaryIO, stderr: TextIO) -> int:
    from lambda_runtime.emulator.event_stream import (
        EventStreamDecoder,
        EventStreamError,
        parse_invoke_complete,
    )

    with client.stream("POST", options.path, content=options.payload, headers=options.headers()) as response:
        if response.status_code >= 400:
            body = response.read()
            stderr.write(_describe_service_error(response, body) + "\n")
            return EXIT_SERVICE_ERROR
        decoder = EventStreamDecoder()
        output = _StreamOutput(_splitter_for(response, options), stdout, stderr)
        try:
            for data in response.iter_raw():
                for message in decoder.feed(data):
                    if message.event_type == "PayloadChunk":
                        if message.payload:
                            output.write(message.payload)
                    elif message.event_type == "InvokeComplete":
                        output.close()
                        complete = parse_invoke_complete(message)
                        if options.log_tail:
                            _write_log_tail(stderr, complete.log_result)
                        if complete.error_code is not None:
                            details = complete.error_details or ""
                            stderr.write(f"function error ({complete.error_code}): {details}\n")
                            return EXIT_FUNCTION_ERROR
                        return EXIT_OK
                    else:
                        stderr.write(f"ignoring unexpected event {message.event_type!r}\n")
        except EventStreamError as exc:
            output.close()
            stderr.write(f"service error: malformed event stream: {exc}\n")
            return EXIT_SERVICE_ERROR
    output.close()
    stderr.write("service error: the stream ended without an InvokeComplete event\n")
    return EXIT_SERVICE_ERROR


def invoke(
    options: InvokeOptions,
    *,
    stdout: BinaryIO,
    stderr: TextIO,
    client_factory: Callable[[InvokeOptions], httpx.Client] | None = None,
) -> int:
    """Send one invoke and print its outcome; returns the exit status."""
    import httpx

    def default_client(opts: InvokeOptions) -> httpx.Client:
        timeout = httpx.Timeout(opts.timeout_s, connect=10.0)
        return httpx.Client(base_url=opts.base_url, timeout=timeout, trust_env=False)

    try:
        with (client_factory or default_client)(options) as client:
            if options.stream:
                return _streamed(client, options, stdout, stderr)
            return _buffered(client, options, stdout, stderr)
    except httpx.ConnectError as exc:
        stderr.write(f"service error: cannot reach {options.base_url}: {exc}\n")
    except httpx.TimeoutException:
        stderr.write(f"service error: no answer from {options.base_url} within {options.timeout_s:g} s\n")
    except httpx.HTTPError as exc:
        stderr.write(f"service error: {type(exc).__name__}: {exc}\n")
    return EXIT_SERVICE_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m lambda_runtime.emulator.client.invoke [options]``: the command on its own."""
    from lambda_runtime import cli

    parser = cli.Parser(prog="lambda-runtime invoke", description="Invoke a function on an emulator.")
    _add_arguments(parser)
    return cli.run(run, parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
