"""The transport as the invocation loop and the response stream use it: exactly the calls they make.

``transport.Connection`` (one keep-alive socket) is what the runtime passes; anything with these calls
will do, such as an in-memory Runtime API in a test. The runtime imports this module for type checking only,
so ``typing`` stays off the cold start.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from lambda_runtime.protocol.runtime_api import Request
from lambda_runtime.runtime.transport import Answer, Response

__all__ = ["Transport", "Upload"]


class Upload(Protocol):
    """The body of a chunked request in flight (a streamed response)."""

    def write(self, data: bytes) -> None:
        """Send one chunk."""
        ...

    def finish(self, trailers: Iterable[tuple[str, str]] = ()) -> Response:
        """Send the last chunk and the trailers, then read the answer."""
        ...


class Transport(Protocol):
    """A link to the Runtime API. Raises ``transport.TransportError`` when the API cannot be reached."""

    def exchange(self, request: Request) -> Answer:
        """Send a request with a Content-Length body; the answer as (status, lower-case headers, body)."""
        ...

    def post(self, path: str, content_type: str, body: bytes) -> Answer:
        """``exchange`` of a POST with one Content-Type header, without building the Request."""
        ...

    def request(self, request: Request) -> Response:
        """``exchange``, answering a Response."""
        ...

    def start_chunked(self, request: Request) -> Upload:
        """Send the head of a chunked request; the caller writes chunks and then finishes."""
        ...
