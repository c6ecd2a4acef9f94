"""What the cache serves, over two loopback HTTP APIs.

Port 4000 (``CACHE_EXTENSION_PORT``), the sample's API: ``GET /<type>?name=<name>``
- ``parameters``: the parameter's value (text; SecureStrings decrypted). An unconfigured name is read
  through in the default region.
- ``secrets``: the secret's value, read as the SSM parameter ``/aws/reference/secretsmanager/<name>``.
- ``dynamodb``: the item (DynamoDB JSON, as GetItem answers) of a configured ``<table>-<hash>[-<sort>]``.
- Anything unknown: 404 ``{"error": ...}``.

Port 2773, the AWS Parameters and Secrets Lambda Extension's API (``X-Aws-Parameters-Secrets-Token`` must
equal ``AWS_SESSION_TOKEN``, else 403):
- ``/systemsmanager/parameters/get?name=&withDecryption=&version=&label=`` answers GetParameter's JSON;
- ``/secretsmanager/get?secretId=&versionId=&versionStage=`` answers GetSecretValue's.

Rule: AWS errors are translated at one place (``_aws_error``): not found is 404, refused is 4xx, the rest 502.
"""

from __future__ import annotations

import base64
import os
import sys
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson

from lambda_runtime.extensions._http import Request, Response
from lambda_runtime.extensions.cache.settings import SECRET_PREFIX, CacheSettings, DynamoItem
from lambda_runtime.extensions.cache.store import TtlCache

__all__ = ["CacheService", "Clients"]

TOKEN_HEADER = "x-aws-parameters-secrets-token"
_NOT_FOUND = {"ParameterNotFound", "ResourceNotFoundException", "ParameterVersionNotFound"}


class NotFound(Exception):
    pass


class Clients:
    """boto3 clients by (service, region), created on first use (boto3 loads after registration)."""

    def __init__(self, endpoint_url: str | None = None) -> None:
        self._endpoint_url = endpoint_url
        self._clients: dict[tuple[str, str | None], Any] = {}
        self._lock = threading.Lock()
        self._session: Any = None

    def get(self, service: str, region: str | None = None) -> Any:
        key = (service, region)
        client = self._clients.get(key)
        if client is not None:
            return client
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                import boto3
                from botocore.config import Config

                if self._session is None:
                    self._session = boto3.session.Session()
                endpoint = (
                    os.environ.get(f"AWS_ENDPOINT_URL_{service.upper()}")
                    or self._endpoint_url
                    or os.environ.get("AWS_ENDPOINT_URL")
                    or None
                )
                client = self._session.client(
                    service,
                    region_name=region,
                    endpoint_url=endpoint,
                    config=Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard"}),
                )
                self._clients[key] = client
            return client


def _json_default(value: Any) -> Any:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    raise TypeError(type(value).__name__)


def _dumps(doc: Any) -> bytes:
    return orjson.dumps(doc, default=_json_default)


def _error(status: int, message: str) -> Response:
    return Response.json(status, orjson.dumps({"error": message}))


class CacheService:
    def __init__(
        self, settings: CacheSettings, clients: Clients, *, clock: Callable[[], float] | None = None
    ) -> None:
        self.settings = settings
        self.clients = clients
        extra = {} if clock is None else {"clock": clock}
        self.cache = TtlCache(settings.ttl_s, max_entries=1_000_000, **extra)
        aws_entries = settings.max_entries if settings.aws_api_caching else 0
        self.aws_cache = TtlCache(settings.ssm_ttl_s, max_entries=aws_entries, **extra)
        self.aws_secret_cache = TtlCache(settings.secrets_ttl_s, max_entries=aws_entries, **extra)
        self._regions: dict[str, str | None] = {}
        self._items: dict[str, DynamoItem] = {}
        for group in settings.parameters:
            for name in group.names:
                self._regions[name] = group.region
        for item in settings.dynamodb:
            self._items[item.cache_key] = item

    # -- fetching ------------------------------------------------------------------------------------

    def _parameter(self, name: str) -> str:
        def fetch() -> str:
            ssm = self.clients.get("ssm", self._regions.get(name))
            answer = ssm.get_parameter(Name=name, WithDecryption=True)
            return str(answer["Parameter"]["Value"])

        return str(self.cache.get("parameters:" + name, fetch))

    def _item(self, key: str) -> bytes:
        item = self._items.get(key)
        if item is None:
            raise NotFound(f"no DynamoDB item named {key!r} in the cache configuration")

        def fetch() -> bytes:
            dynamodb = self.clients.get("dynamodb", item.region)
            answer = dynamodb.get_item(TableName=item.table, Key=item.key(), ConsistentRead=True)
            if "Item" not in answer:
                raise NotFound(f"DynamoDB table {item.table} has no item {key!r}")
            return _dumps(answer["Item"])

        return bytes(self.cache.get("dynamodb:" + key, fetch))

    def preload(self) -> int:
        """Fetch everything the config names; a failure is written to stderr and left for read-through."""
        loaded = 0
        for name in self._regions:
            loaded += self._try(lambda name=name: self._parameter(name), f"parameter {name}")  # type: ignore[misc]
        for key in self._items:
            loaded += self._try(lambda key=key: self._item(key), f"DynamoDB item {key}")  # type: ignore[misc]
        return loaded

    @staticmethod
    def _try(load: Callable[[], object], what: str) -> int:
        try:
            load()
        except Exception as exc:
            print(f"cache: could not preload {what}: {exc}", file=sys.stderr, flush=True)
            return 0
        return 1

    # -- port 4000 -----------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        if request.method != "GET":
            return _error(405, "only GET is served")
        parts = urlsplit(request.target)
        kind = parts.path.strip("/")
        names = parse_qs(parts.query).get("name")
        if kind not in ("parameters", "secrets", "dynamodb"):
            return _error(404, f"unknown cache type {kind!r}: parameters, secrets or dynamodb")
        if not names or not names[0]:
            return _error(400, "the name query parameter is required")
        name = names[0]
        try:
            if kind == "dynamodb":
                return Response.json(200, self._item(name))
            full = name if kind == "parameters" or name.startswith(SECRET_PREFIX) else SECRET_PREFIX + name
            return Response(200, self._parameter(full).encode(), [("Content-Type", "text/plain")])
        except NotFound as exc:
            return _error(404, str(exc))
        except Exception as exc:
            return self._aws_error(exc, name)

    @staticmethod
    def _aws_error(exc: Exception, name: str) -> Response:
        response = getattr(exc, "response", None)
        if isinstance(response, dict):
            error = response.get("Error", {})
            code = str(error.get("Code", ""))
            message = str(error.get("Message", "")) or code
            if code in _NOT_FOUND:
                return _error(404, f"{name}: {message}")
            status = int(response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 502)
            return _error(status if 400 <= status < 500 else 502, f"{code}: {message}")
        return _error(502, f"{type(exc).__name__}: {exc}")

    # -- port 2773 -----------------------------------------------------------------------------------

    def handle_aws(self, request: Request) -> Response:
        token = self.settings.session_token
        if not token or request.headers.get(TOKEN_HEADER) != token:
            return Response.json(403, b'{"error": "X-Aws-Parameters-Secrets-Token is missing or wrong"}')
        if request.method != "GET":
            return _error(405, "only GET is served")
        parts = urlsplit(request.target)
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        try:
            if parts.path == "/systemsmanager/parameters/get":
                return self._aws_parameter(query)
            if parts.path == "/secretsmanager/get":
                return self._aws_secret(query)
        except Exception as exc:
            return self._aws_error(exc, query.get("name") or query.get("secretId") or "")
        return _error(404, f"no such path {parts.path!r}")

    def _aws_parameter(self, query: dict[str, str]) -> Response:
        name = query.get("name")
        if not name:
            return _error(400, "name is required")
        decrypt = query.get("withDecryption", "false").lower() == "true"
        if "version" in query and "label" in query:
            return _error(400, "give version or label, not both")
        selector = (
            f":{query['version']}" if "version" in query else f":{query['label']}" if "label" in query else ""
        )

        def fetch() -> bytes:
            answer = self.clients.get("ssm").get_parameter(Name=name + selector, WithDecryption=decrypt)
            return _dumps({"Parameter": answer["Parameter"], "ResultMetadata": {}})

        key = f"{name}{selector}|{decrypt}"
        return Response.json(200, bytes(self.aws_cache.get(key, fetch)))

    def _aws_secret(self, query: dict[str, str]) -> Response:
        secret_id = query.get("secretId")
        if not secret_id:
            return _error(400, "secretId is required")
        options = {}
        if "versionId" in query:
            options["VersionId"] = query["versionId"]
        if "versionStage" in query:
            options["VersionStage"] = query["versionStage"]

        def fetch() -> bytes:
            answer = self.clients.get("secretsmanager").get_secret_value(SecretId=secret_id, **options)
            answer.pop("ResponseMetadata", None)
            return _dumps(answer)

        key = f"{secret_id}|{options.get('VersionId', '')}|{options.get('VersionStage', '')}"
        return Response.json(200, bytes(self.aws_secret_cache.get(key, fetch)))
