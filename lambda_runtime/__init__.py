"""lambda-runtime: a fast, typed custom runtime for AWS Lambda, with a local Lambda emulator.

Public names are loaded on first use, so ``import lambda_runtime`` stays cheap on cold start.
"""

from __future__ import annotations

import importlib
import sys

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from lambda_runtime.log import Log
    from lambda_runtime.protocol.errors import ErrorReport
    from lambda_runtime.runtime.context import Client, ClientContext, CognitoIdentity, Context
    from lambda_runtime.runtime.handlers.base import LambdaBufferedHandler, LambdaStreamHandler
    from lambda_runtime.runtime.handlers.stream import ResponseStream, StreamClosedError
    from lambda_runtime.runtime.runner import LambdaRuntime
    from lambda_runtime.runtime.shutdown import on_shutdown

__all__ = [
    "Client",
    "ClientContext",
    "CognitoIdentity",
    "Context",
    "ErrorReport",
    "LambdaBufferedHandler",
    "LambdaRuntime",
    "LambdaStreamHandler",
    "Log",
    "ResponseStream",
    "StreamClosedError",
    "on_shutdown",
]

__version__ = "0.1.0"

_LOCATIONS = {
    "LambdaBufferedHandler": "lambda_runtime.runtime.handlers.base",
    "LambdaStreamHandler": "lambda_runtime.runtime.handlers.base",
    "ResponseStream": "lambda_runtime.runtime.handlers.stream",
    "StreamClosedError": "lambda_runtime.runtime.handlers.stream",
    "Log": "lambda_runtime.log",
    "Client": "lambda_runtime.runtime.context",
    "ClientContext": "lambda_runtime.runtime.context",
    "CognitoIdentity": "lambda_runtime.runtime.context",
    "Context": "lambda_runtime.runtime.context",
    "ErrorReport": "lambda_runtime.protocol.errors",
    "LambdaRuntime": "lambda_runtime.runtime.runner",
    "on_shutdown": "lambda_runtime.runtime.shutdown",
}


def _lazy_attributes(
    package: str, locations: Mapping[str, str], exported: Iterable[str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for a package whose names load on first access (PEP 562): the first
    access imports the name's module from ``locations`` and caches the value in the package."""
    namespace = sys.modules[package].__dict__
    names = tuple(exported)

    def __getattr__(name: str) -> object:
        module = locations.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *names})

    return __getattr__, __dir__


__getattr__, __dir__ = _lazy_attributes(__name__, _LOCATIONS, __all__)
