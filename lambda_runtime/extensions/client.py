"""A blocking Extensions API client on one keep-alive socket, with h11 reading and writing HTTP.

Rules:
- Calls are sequential (one lock): the Extensions API is a request/answer conversation per extension.
- Any answer other than 2xx is one ``ExtensionApiError`` with the status and the platform's error type.
- ``next_event`` waits as long as the platform makes it wait: the connection has no read timeout.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

import h11
import orjson

from lambda_runtime.extensions.events import NextEvent, parse_event
from lambda_runtime.extensions.wire import Header, Path, register_body

__all__ = ["ExtensionApiError", "ExtensionsClient", "Registration"]


class ExtensionApiError(Exception):
    """The Extensions / Telemetry API refused a request (or could not be reached: status 0)."""

    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(f"{status} {error_type}: {message}")
        self.status = status
        self.error_type = error_type
        self.message = message


class Registration:
    """What ``/extension/register`` answered."""

    __slots__ = ("account_id", "function_name", "function_version", "handler", "identifier")

    def __init__(self, identifier: str, doc: dict[str, Any]) -> None:
        self.identifier = identifier
        self.function_name = str(doc.get("functionName", ""))
        self.function_version = str(doc.get("functionVersion", ""))
        self.handler = str(doc.get("handler", ""))
        account = doc.get("accountId")
        self.account_id = str(account) if account is not None else None


class ExtensionsClient:
    def __init__(self, runtime_api: str) -> None:
        # ``AWS_LAMBDA_RUNTIME_API`` is host:port, optionally followed by a path every API path sits under.
        authority, slash, prefix = runtime_api.partition("/")
        host, _, port = authority.partition(":")
        self._address = (host, int(port) if port else 80)
        self._host_header = authority
        self._prefix = (slash + prefix).rstrip("/")
        self._sock: socket.socket | None = None
        self._h11: h11.Connection | None = None
        self._lock = threading.Lock()
        self.identifier: str | None = None

    def _request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        all_headers = dict(headers or {})
        if self.identifier is not None:
            all_headers.setdefault(Header.IDENTIFIER, self.identifier)
        if body is not None:
            all_headers.setdefault("Content-Type", "application/json")
        with self._lock:
            for attempt in (1, 2):
                fresh = self._sock is None
                try:
                    status, answer_headers, data = self._exchange(method, path, body or b"", all_headers)
                except (OSError, h11.ProtocolError) as exc:
                    self._drop()
                    # A kept-alive connection the server closed meanwhile: one fresh try.
                    if attempt == 2 or fresh:
                        raise ExtensionApiError(
                            0, "Extension.Unreachable", f"{method} {path}: {exc}"
                        ) from exc
                    continue
                if status >= 300:
                    raise _api_error(status, data)
                return status, answer_headers, data
        raise AssertionError("unreachable")

    def _exchange(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        if self._sock is None or self._h11 is None:
            self._sock = socket.create_connection(self._address)
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._h11 = h11.Connection(h11.CLIENT)
        conn, sock = self._h11, self._sock
        wire = [("Host", self._host_header), ("Content-Length", str(len(body))), *headers.items()]
        target = self._prefix + path
        out = conn.send(h11.Request(method=method, target=target, headers=wire)) or b""
        if body:
            out += conn.send(h11.Data(data=body)) or b""
        out += conn.send(h11.EndOfMessage()) or b""
        sock.sendall(out)
        status, answer_headers, data = 0, {}, bytearray()
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                chunk = sock.recv(65536)
                conn.receive_data(chunk)
                continue
            if isinstance(event, h11.Response):
                status = event.status_code
                answer_headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in event.headers}
            elif isinstance(event, h11.Data):
                data += event.data
            elif isinstance(event, h11.EndOfMessage):
                break
            elif isinstance(event, h11.ConnectionClosed):
                raise ConnectionResetError("the Extensions API closed the connection")
        if conn.our_state is h11.DONE and conn.their_state is h11.DONE:
            conn.start_next_cycle()
        else:
            self._drop()
        return status, answer_headers, bytes(data)

    def _drop(self) -> None:
        if self._sock is not None:
            self._sock.close()
        self._sock = None
        self._h11 = None

    def register(self, name: str, events: tuple[str, ...], *, accept_account_id: bool = True) -> Registration:
        headers = {Header.NAME: name}
        if accept_account_id:
            headers[Header.ACCEPT_FEATURE] = "accountId"
        status, answer_headers, data = self._request("POST", Path.REGISTER, register_body(events), headers)
        identifier = answer_headers.get(Header.IDENTIFIER.lower())
        if not identifier:
            raise ExtensionApiError(status, "Extension.NoIdentifier", "register answered no identifier")
        self.identifier = identifier
        doc = orjson.loads(data) if data.strip() else {}
        return Registration(identifier, doc if isinstance(doc, dict) else {})

    def next_event(self) -> NextEvent:
        _, _, data = self._request("GET", Path.NEXT)
        return parse_event(data)

    def init_error(self, error_type: str, message: str = "") -> None:
        self._report(Path.INIT_ERROR, error_type, message)

    def exit_error(self, error_type: str, message: str = "") -> None:
        self._report(Path.EXIT_ERROR, error_type, message)

    def _report(self, path: str, error_type: str, message: str) -> None:
        body = orjson.dumps({"errorMessage": message, "errorType": error_type})
        self._request("POST", path, body, {Header.ERROR_TYPE: error_type})

    def subscribe(self, path: str, body: bytes) -> None:
        self._request("PUT", path, body)

    def close(self) -> None:
        with self._lock:
            self._drop()


def _api_error(status: int, data: bytes) -> ExtensionApiError:
    error_type, message = "Extension.UnknownError", data.decode("utf-8", "replace")
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        doc = None
    if isinstance(doc, dict):
        error_type = str(doc.get("errorType", error_type))
        message = str(doc.get("errorMessage", message))
    return ExtensionApiError(status, error_type, message)
