"""A blocking Extensions API client on one keep-alive ``http.client`` connection.

Rules:
- Calls are sequential (one lock): the Extensions API is a request/answer conversation per extension.
- Any answer other than 2xx is one ``ExtensionApiError`` with the status and the platform's error type.
- ``next_event`` waits as long as the platform makes it wait: the connection has no read timeout.
"""

from __future__ import annotations

import http.client
import threading
from typing import Any

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
        host, _, port = runtime_api.partition(":")
        self._host = host
        self._port = int(port) if port else 80
        self._conn: http.client.HTTPConnection | None = None
        self._lock = threading.Lock()
        self.identifier: str | None = None

    def _request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPResponse, bytes]:
        all_headers = dict(headers or {})
        if self.identifier is not None:
            all_headers.setdefault(Header.IDENTIFIER, self.identifier)
        if body is not None:
            all_headers.setdefault("Content-Type", "application/json")
        with self._lock:
            for attempt in (1, 2):
                if self._conn is None:
                    self._conn = http.client.HTTPConnection(self._host, self._port)
                try:
                    self._conn.request(method, path, body=body, headers=all_headers)
                    response = self._conn.getresponse()
                    data = response.read()
                except (ConnectionError, http.client.HTTPException, OSError) as exc:
                    self._conn.close()
                    self._conn = None
                    # A kept-alive connection the server closed meanwhile: one fresh try.
                    if attempt == 2 or isinstance(exc, ConnectionRefusedError):
                        raise ExtensionApiError(
                            0, "Extension.Unreachable", f"{method} {path}: {exc}"
                        ) from exc
                    continue
                if response.status >= 300:
                    raise _api_error(response.status, data)
                return response.status, response, data
        raise AssertionError("unreachable")

    def register(self, name: str, events: tuple[str, ...], *, accept_account_id: bool = True) -> Registration:
        headers = {Header.NAME: name}
        if accept_account_id:
            headers[Header.ACCEPT_FEATURE] = "accountId"
        _, response, data = self._request("POST", Path.REGISTER, register_body(events), headers)
        identifier = response.getheader(Header.IDENTIFIER)
        if not identifier:
            raise ExtensionApiError(
                response.status, "Extension.NoIdentifier", "register answered no identifier"
            )
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
            if self._conn is not None:
                self._conn.close()
                self._conn = None


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
