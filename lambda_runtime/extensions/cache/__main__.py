"""``python -m lambda_runtime.extensions.cache [--name NAME]``: the cache extension.

Registers for SHUTDOWN only (there is nothing to do per invoke; the function's own requests are served
on loopback meanwhile), reads the settings, starts both APIs, preloads, then waits for SHUTDOWN.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from lambda_runtime.extensions.cli import extension_name
from lambda_runtime.extensions.extension import Extension, main

if TYPE_CHECKING:
    from lambda_runtime.extensions._http import HttpServer

DEFAULT_NAME = "cache"
HOST = "127.0.0.1"


def build(name: str = DEFAULT_NAME) -> Extension:
    servers: list[HttpServer] = []

    def on_init(_registration: object) -> None:
        # Loaded after registration: the HTTP servers, YAML and boto3 stay off the extension's cold start.
        from lambda_runtime.extensions._http import HttpServer
        from lambda_runtime.extensions.cache.service import CacheService, Clients
        from lambda_runtime.extensions.cache.settings import CacheSettings

        settings = CacheSettings.from_env(os.environ)
        for warning in settings.warnings:
            print(f"cache: {warning}", file=sys.stderr, flush=True)
        service = CacheService(settings, Clients())
        servers.append(HttpServer(service.handle, host=HOST, port=settings.port).start())
        servers.append(HttpServer(service.handle_aws, host=HOST, port=settings.aws_api_port).start())
        if settings.preload:
            loaded = service.preload()
            print(f"cache: preloaded {loaded} entries", file=sys.stderr, flush=True)

    def on_shutdown(_event: object) -> None:
        for server in servers:
            server.close()

    return Extension(name, on_init=on_init, on_shutdown=on_shutdown, events=("SHUTDOWN",))


if __name__ == "__main__":
    main(build(extension_name(sys.argv[1:], DEFAULT_NAME)))
