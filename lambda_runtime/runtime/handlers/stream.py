"""ResponseStream: what a streaming handler writes to.

Rule: nothing is sent until the first byte is written, so an error raised before it is reported with
/error like a buffered failure; after it, the error travels in HTTP trailers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import orjson

from lambda_runtime.protocol.errors import ErrorReport, ErrorTrailers
from lambda_runtime.protocol.runtime_api import (
    HTTP_INTEGRATION_CONTENT_TYPE,
    HTTP_INTEGRATION_SEPARATOR,
    STREAMING_CONTENT_TYPE,
)

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from lambda_runtime.runtime.transport import Response
    from lambda_runtime.runtime.transport_api import Upload

__all__ = ["ResponseStream", "StreamClosedError"]

# Opens the chunked /response request for a content type; supplied by the runtime loop.
StreamOpener = Callable[[str], "Upload"]


class StreamClosedError(Exception):
    """A write after the stream finished."""


class ResponseStream:
    """The output of a streaming handler. Write bytes (or str, sent as UTF-8) as they are produced."""

    def __init__(self, opener: StreamOpener) -> None:
        self._opener = opener
        self._upload: Upload | None = None
        self._content_type = STREAMING_CONTENT_TYPE
        self._prelude: bytes | None = None
        self._finished = False

    @property
    def started(self) -> bool:
        """True once bytes have been sent: from then on, errors go in trailers."""
        return self._upload is not None

    def set_content_type(self, content_type: str) -> None:
        if self.started:
            raise StreamClosedError("the content type must be set before the first write")
        self._content_type = content_type

    def start_http_response(
        self,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        cookies: Sequence[str] | None = None,
    ) -> None:
        """Frame the stream for a Function URL or API Gateway: status, headers and cookies first."""
        if self.started or self._prelude is not None:
            raise StreamClosedError("start_http_response must be called once, before the first write")
        prelude = {"statusCode": status_code, "headers": dict(headers or {}), "cookies": list(cookies or [])}
        self._content_type = HTTP_INTEGRATION_CONTENT_TYPE
        self._prelude = orjson.dumps(prelude)

    def write(self, data: bytes | bytearray | memoryview | str) -> None:
        if self._finished:
            raise StreamClosedError("the response stream is finished")
        chunk = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if not chunk:
            return
        self._ensure_started().write(chunk)

    def _ensure_started(self) -> Upload:
        if self._upload is None:
            self._upload = self._opener(self._content_type)
            if self._prelude is not None:
                # Prelude and separator go as chunks of their own: some servers (cargo-lambda) read
                # them frame by frame rather than scanning for the separator.
                self._upload.write(self._prelude)
                self._upload.write(HTTP_INTEGRATION_SEPARATOR)
        return self._upload

    def finish(self, error: ErrorReport | None = None) -> Response | None:
        """End the stream; with an error after the first byte, report it in trailers.

        Returns the server's answer, or None when nothing was sent (the caller then posts /error or an
        empty response itself).
        """
        if self._finished:
            return None
        self._finished = True
        if self._upload is None:
            if self._prelude is None or error is not None:
                return None
            self._ensure_started()
        assert self._upload is not None
        trailers = [] if error is None else ErrorTrailers.from_report(error).render()
        return self._upload.finish(trailers)
