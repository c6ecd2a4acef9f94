"""The Extensions API (``/2020-01-01/extension/...``) and the Telemetry / Logs subscription APIs over HTTP.

Rule: this module translates between HTTP and the extensions host (extensions/host.py): it reads bodies
(at most 64 KiB), takes headers, and renders refusals as ``{"errorMessage", "errorType"}`` with their
status (403 for the Extensions API, 400 ``ValidationError`` for a subscription). What is allowed is the
host's and the protocol's (protocol/extensions_api.py, protocol/telemetry.py) business.
"""

from __future__ import annotations

from collections.abc import Sequence

from lambda_runtime.emulator.extensions.host import ExtensionsRuntime
from lambda_runtime.emulator.http.server import BodyTooLarge, HttpRequest, HttpResponse, Route
from lambda_runtime.protocol.extensions_api import (
    ExtensionApiError,
    ExtensionHeader,
    ExtensionPath,
    Trigger,
    parse_register_body,
)
from lambda_runtime.protocol.telemetry import LOGS_API_PATH, TELEMETRY_API_PATH, Api, SubscriptionError

__all__ = ["ExtensionsApi"]

# A register/subscribe body is small; anything bigger is refused without buffering it.
_MAX_REQUEST_BYTES = 64 * 1024


def _error(exc: ExtensionApiError | SubscriptionError) -> HttpResponse:
    if isinstance(exc, SubscriptionError):
        return HttpResponse.json(400, {"errorMessage": str(exc), "errorType": exc.error_type})
    return HttpResponse.json(exc.status, exc.body())


async def _read(request: HttpRequest) -> bytes:
    try:
        return await request.read(_MAX_REQUEST_BYTES)
    except BodyTooLarge:
        raise ExtensionApiError(
            "InvalidRequestFormat", f"request body exceeds {_MAX_REQUEST_BYTES} bytes"
        ) from None


class ExtensionsApi:
    def __init__(self, host: ExtensionsRuntime) -> None:
        self.host = host

    def routes(self) -> Sequence[Route]:
        return (
            Route("POST", ExtensionPath.REGISTER, self._register),
            Route("GET", ExtensionPath.NEXT, self._next),
            Route("POST", ExtensionPath.INIT_ERROR, self._init_error),
            Route("POST", ExtensionPath.EXIT_ERROR, self._exit_error),
            Route("PUT", TELEMETRY_API_PATH, self._telemetry),
            Route("PUT", LOGS_API_PATH, self._logs),
        )

    async def _register(self, request: HttpRequest) -> HttpResponse:
        try:
            events = parse_register_body(await _read(request))
            features = (request.header(ExtensionHeader.ACCEPT_FEATURE) or "").replace(" ", "").split(",")
            extension, body = await self.host.register(request.header(ExtensionHeader.NAME), events, features)
        except ExtensionApiError as exc:
            return _error(exc)
        headers = (("Content-Type", "application/json"), (ExtensionHeader.IDENTIFIER, extension.identifier))
        return HttpResponse(200, headers, body)

    async def _next(self, request: HttpRequest) -> HttpResponse:
        try:
            extension, event = await self.host.next_event(request.header(ExtensionHeader.IDENTIFIER))
        except ExtensionApiError as exc:
            return _error(exc)
        headers = (("Content-Type", "application/json"), (ExtensionHeader.IDENTIFIER, extension.identifier))
        return HttpResponse(200, headers, event)

    async def _report_error(self, request: HttpRequest, trigger: Trigger) -> HttpResponse:
        try:
            extension = self.host.identify(request.header(ExtensionHeader.IDENTIFIER))
            error_type = request.header(ExtensionHeader.ERROR_TYPE)
            if not error_type:
                raise ExtensionApiError("Extension.MissingHeader", f"{ExtensionHeader.ERROR_TYPE} not found")
            await _read(request)
            await self.host.report_error(extension, error_type, trigger)
        except ExtensionApiError as exc:
            return _error(exc)
        return HttpResponse.json(202, {"status": "OK"})

    async def _init_error(self, request: HttpRequest) -> HttpResponse:
        return await self._report_error(request, Trigger.INIT_ERROR)

    async def _exit_error(self, request: HttpRequest) -> HttpResponse:
        return await self._report_error(request, Trigger.EXIT_ERROR)

    async def _subscribe(self, request: HttpRequest, api: Api) -> HttpResponse:
        try:
            extension = self.host.identify(request.header(ExtensionHeader.IDENTIFIER))
            self.host.subscribe(extension, api, await _read(request))
        except (ExtensionApiError, SubscriptionError) as exc:
            return _error(exc)
        return HttpResponse(200, (("Content-Type", "text/plain"),), b"OK")

    async def _telemetry(self, request: HttpRequest) -> HttpResponse:
        return await self._subscribe(request, Api.TELEMETRY)

    async def _logs(self, request: HttpRequest) -> HttpResponse:
        return await self._subscribe(request, Api.LOGS)
