"""The cache extension: settings, TTL expiry with an injected clock against moto, and the whole extension
under the emulator, read by a function over HTTP on both APIs."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.extensions.cache.service import CacheService, Clients
from lambda_runtime.extensions.cache.settings import CacheSettings, ConfigError, parse_duration
from tests.extensions.harness import EmulatorThread, MotoServer, free_port, module_launcher

FUNCTION = """
import urllib.error, urllib.request

def handler(event, context):
    request = urllib.request.Request(event["url"], headers=event.get("headers", {}))
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return {"status": answer.status, "body": answer.read().decode()}
    except urllib.error.HTTPError as exc:
        return {"status": exc.code, "body": exc.read().decode()}
"""


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("60m", 3600.0), ("1h30m", 5400.0), ("500ms", 0.5), ("1.5h", 5400.0), ("0", 0.0), ("2m3s", 123.0)],
)
def test_go_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "60", "m", "1x", "1h 2m"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_duration(text)


def test_ttl_settings(tmp_path: Path) -> None:
    config = {"CACHE_EXTENSION_CONFIG": str(tmp_path / "none.yaml")}
    assert CacheSettings.from_env(config).ttl_s == 3600
    assert CacheSettings.from_env({**config, "CACHE_TIMEOUT_IN_MINUTES": "2"}).ttl_s == 120
    assert (
        CacheSettings.from_env(
            {**config, "CACHE_EXTENSION_TTL": "90s", "CACHE_TIMEOUT_IN_MINUTES": "2"}
        ).ttl_s
        == 90
    )
    assert CacheSettings.from_env(config).port == 4000
    assert CacheSettings.from_env(config).aws_api_port == 2773


def test_config_yaml_sample_format(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG.format(table="T"))
    settings = CacheSettings.from_env({"CACHE_EXTENSION_CONFIG": str(path)})
    assert settings.parameters[0].region == "us-east-1"
    assert settings.parameters[0].names == (
        "Parameter1",
        "/app/secure",
        "/aws/reference/secretsmanager/secret_info",
    )
    assert settings.parameters[1].names == ("/aws/reference/secretsmanager/other_secret",)
    (item,) = settings.dynamodb
    assert item.cache_key == "T-pKey1-sKey1"
    assert item.key() == {"pKey": {"S": "pKey1"}, "sKey": {"S": "sKey1"}}
    path.write_text("parameters: [1, 2")
    with pytest.raises(ConfigError):
        CacheSettings.from_env({"CACHE_EXTENSION_CONFIG": str(path)})


CONFIG = """
parameters:
  - region: us-east-1
    names: [Parameter1, /app/secure, /aws/reference/secretsmanager/secret_info]
secrets:
  - names: [other_secret]
dynamodb:
  - table: {table}
    hashkey: pKey
    hashkeytype: S
    hashkeyvalue: pKey1
    sortkey: sKey
    sortkeytype: S
    sortkeyvalue: sKey1
"""


class World:
    """Parameters, secrets and a table in moto, with names unique to one test."""

    def __init__(self, moto: MotoServer) -> None:
        self.moto = moto
        self.table = f"table-{uuid.uuid4().hex[:8]}"
        ssm = moto.client("ssm")
        ssm.put_parameter(Name="Parameter1", Value="value1", Type="String", Overwrite=True)
        ssm.put_parameter(Name="/app/secure", Value="s3cr3t", Type="SecureString", Overwrite=True)
        secrets = moto.client("secretsmanager")
        for name, value in (("secret_info", '{"user": "u"}'), ("other_secret", "other")):
            try:
                secrets.create_secret(Name=name, SecretString=value)
            except secrets.exceptions.ResourceExistsException:
                secrets.put_secret_value(SecretId=name, SecretString=value)
        dynamodb = moto.client("dynamodb")
        dynamodb.create_table(
            TableName=self.table,
            KeySchema=[
                {"AttributeName": "pKey", "KeyType": "HASH"},
                {"AttributeName": "sKey", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "pKey", "AttributeType": "S"},
                {"AttributeName": "sKey", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        dynamodb.put_item(
            TableName=self.table, Item={"pKey": {"S": "pKey1"}, "sKey": {"S": "sKey1"}, "data": {"N": "42"}}
        )

    def config(self, directory: Path) -> Path:
        path = directory / "config.yaml"
        path.write_text(CONFIG.format(table=self.table))
        return path


def test_ttl_expiry_refetches(
    tmp_path: Path, moto_server: MotoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = World(moto_server)
    for name, value in moto_server.env().items():
        monkeypatch.setenv(name, value)
    now = [1000.0]
    settings = CacheSettings.from_env(
        {"CACHE_EXTENSION_CONFIG": str(world.config(tmp_path)), "CACHE_EXTENSION_TTL": "10s"}
    )
    service = CacheService(settings, Clients(), clock=lambda: now[0])
    assert service.preload() == 5  # 3 parameters, 1 secret, 1 item
    ssm = moto_server.client("ssm")
    ssm.put_parameter(Name="Parameter1", Value="value2", Type="String", Overwrite=True)
    from lambda_runtime.extensions._http import Request

    def get(target: str) -> tuple[int, bytes]:
        answer = service.handle(Request("GET", target, {}, b""))
        return answer.status, answer.body

    assert get("/parameters?name=Parameter1") == (200, b"value1")  # preloaded, fresh
    now[0] += 9.9
    assert get("/parameters?name=Parameter1") == (200, b"value1")
    now[0] += 0.2
    assert get("/parameters?name=Parameter1") == (200, b"value2")  # expired: read through
    ssm.put_parameter(Name="/not/configured", Value="late", Type="String", Overwrite=True)
    assert get("/parameters?name=/not/configured") == (200, b"late")  # a miss: read through
    assert get("/parameters?name=/not/there")[0] == 404
    ssm.put_parameter(Name="Parameter1", Value="value1", Type="String", Overwrite=True)


class CacheRun:
    def __init__(self, tmp_path: Path, moto: MotoServer, world: World) -> None:
        task_root = tmp_path / "task"
        task_root.mkdir()
        (task_root / "app.py").write_text(FUNCTION)
        config = world.config(task_root)
        extensions = tmp_path / "extensions"
        module_launcher(extensions, "cache", "lambda_runtime.extensions.cache")
        self.port = free_port()
        self.aws_port = free_port()
        self.token = "session-token-for-the-test"
        env = {
            **moto.env(),
            "AWS_SESSION_TOKEN": self.token,
            "CACHE_EXTENSION_CONFIG": str(config),
            "CACHE_EXTENSION_PORT": str(self.port),
            "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT": str(self.aws_port),
        }
        self.emulator = EmulatorThread(
            FunctionConfig(
                handler="app.handler",
                task_root=task_root,
                extensions_dir=extensions,
                command=(sys.executable, "-m", "lambda_runtime"),
                timeout_s=30.0,
                env=env,
            )
        )

    def get(self, url: str, **headers: str) -> tuple[int, str]:
        answer = self.emulator.invoke(orjson.dumps({"url": url, "headers": headers}))
        doc: dict[str, Any] = orjson.loads(answer.content)
        assert "status" in doc, doc
        return doc["status"], doc["body"]


@pytest.fixture
def cache_run(tmp_path: Path, moto_server: MotoServer) -> Iterator[tuple[CacheRun, World]]:
    world = World(moto_server)
    run = CacheRun(tmp_path, moto_server, world)
    try:
        yield run, world
    finally:
        run.emulator.close()


def test_function_reads_through_the_cache(cache_run: tuple[CacheRun, World]) -> None:
    run, world = cache_run
    base = f"http://localhost:{run.port}"
    assert run.get(f"{base}/parameters?name=Parameter1") == (200, "value1")
    assert run.get(f"{base}/parameters?name=/app/secure") == (200, "s3cr3t")
    assert run.get(f"{base}/secrets?name=secret_info") == (200, '{"user": "u"}')
    assert run.get(f"{base}/secrets?name=other_secret") == (200, "other")
    status, body = run.get(f"{base}/dynamodb?name={world.table}-pKey1-sKey1")
    assert status == 200
    assert orjson.loads(body) == {"pKey": {"S": "pKey1"}, "sKey": {"S": "sKey1"}, "data": {"N": "42"}}
    status, body = run.get(f"{base}/parameters?name=NoSuchParameter")
    assert status == 404
    assert "error" in orjson.loads(body)
    status, body = run.get(f"{base}/dynamodb?name=unknown-key")
    assert status == 404
    assert run.get(f"{base}/other?name=x")[0] == 404
    preloaded = [line for line in run.emulator.lines if "cache: preloaded" in line]
    assert preloaded
    assert "preloaded 5 entries" in preloaded[0]


def test_function_reads_through_the_aws_extension_api(cache_run: tuple[CacheRun, World]) -> None:
    run, _ = cache_run
    base = f"http://localhost:{run.aws_port}"
    token = {"X-Aws-Parameters-Secrets-Token": run.token}
    status, body = run.get(
        f"{base}/systemsmanager/parameters/get?name=/app/secure&withDecryption=true", **token
    )
    assert status == 200
    assert orjson.loads(body)["Parameter"]["Value"] == "s3cr3t"
    status, body = run.get(f"{base}/systemsmanager/parameters/get?name=Parameter1", **token)
    assert (status, orjson.loads(body)["Parameter"]["Type"]) == (200, "String")
    status, body = run.get(f"{base}/secretsmanager/get?secretId=secret_info", **token)
    assert status == 200
    assert orjson.loads(body)["SecretString"] == '{"user": "u"}'
    assert run.get(f"{base}/systemsmanager/parameters/get?name=Parameter1")[0] == 403
    assert (
        run.get(
            f"{base}/systemsmanager/parameters/get?name=Parameter1", **{"X-Aws-Parameters-Secrets-Token": "x"}
        )[0]
        == 403
    )
    assert run.get(f"{base}/systemsmanager/parameters/get?name=Nope", **token)[0] == 404
    assert run.get(f"{base}/secretsmanager/get?secretId=nope", **token)[0] == 404


def test_aws_api_caches_unless_disabled(
    tmp_path: Path, moto_server: MotoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in moto_server.env().items():
        monkeypatch.setenv(name, value)
    from lambda_runtime.extensions._http import Request

    ssm = moto_server.client("ssm")
    headers = {"x-aws-parameters-secrets-token": "t"}
    target = "/systemsmanager/parameters/get?name=/app/api/param"
    config = {"CACHE_EXTENSION_CONFIG": str(tmp_path / "none.yaml"), "AWS_SESSION_TOKEN": "t"}
    for enabled, expected in (("true", "one"), ("false", "two")):
        ssm.put_parameter(Name="/app/api/param", Value="one", Type="String", Overwrite=True)
        settings = CacheSettings.from_env({**config, "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED": enabled})
        service = CacheService(settings, Clients())
        assert (
            orjson.loads(service.handle_aws(Request("GET", target, headers, b"")).body)["Parameter"]["Value"]
            == "one"
        )
        ssm.put_parameter(Name="/app/api/param", Value="two", Type="String", Overwrite=True)
        answer = service.handle_aws(Request("GET", target, headers, b""))
        assert orjson.loads(answer.body)["Parameter"]["Value"] == expected
