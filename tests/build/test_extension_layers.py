"""The shipped extensions as layers (``build --extension adaptive-batching`` / ``cache``, no project):
botocore trimmed to the services each one calls, and the unpacked layer alone runs them. Every run from a
layer uses a clean environment, ``python -S`` and only the layer's folder on the path, against a moto server
on loopback (network mark: the wheelhouse fixture)."""

from __future__ import annotations

import importlib.metadata
import json
import queue
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from lambda_runtime.build.botocore_data import trim_service_data
from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.zipper import Tree
from lambda_runtime.cli import main
from lambda_runtime.extensions._http import HttpServer, Request, Response
from tests.build.conftest import host_target
from tests.build.test_layers_and_image import unpack
from tests.extensions.harness import DUMMY_CREDENTIALS, REGION, MotoServer, free_port

# Files botocore reads when it creates any client; every trimmed layer keeps them.
SHARED_DATA = ("endpoints.json", "partitions.json", "sdk-default-configuration.json", "_retry.json")


# --- trimming a tree (no network) ---


def _fake_botocore(prefix: str = "") -> Tree:
    tree = Tree()
    for name in (*SHARED_DATA, "s3/2006-03-01/service-2.json.gz", "ssm/2014-11-06/service-2.json.gz",
                 "ec2/2016-11-15/service-2.json.gz", "ec2/2016-11-15/waiters-2.json"):  # fmt: skip
        tree.add_bytes(f"{prefix}botocore/data/{name}", b"{}")
    tree.add_bytes(f"{prefix}boto3/data/ec2/2016-11-15/resources-1.json", b"{}")
    tree.add_bytes(f"{prefix}boto3/data/s3/2006-03-01/resources-1.json", b"{}")
    tree.add_bytes(f"{prefix}botocore/client.py", b"")
    return tree


def test_trim_keeps_the_named_services_and_botocores_shared_files() -> None:
    tree = _fake_botocore("ext/")
    result = trim_service_data(tree, ["s3"], prefix="ext")
    assert result is not None
    assert result.kept == ("s3",)
    assert result.removed_files == 4
    assert sorted(tree) == sorted(
        [f"ext/botocore/data/{name}" for name in (*SHARED_DATA, "s3/2006-03-01/service-2.json.gz")]
        + ["ext/boto3/data/s3/2006-03-01/resources-1.json", "ext/botocore/client.py"]
    )


def test_trim_refuses_a_service_botocore_does_not_have() -> None:
    with pytest.raises(BuildError, match=r"no service model named sm3 \(did you mean s3"):
        trim_service_data(_fake_botocore(), ["ssm", "sm3"])


def test_trim_leaves_a_tree_without_botocore_alone() -> None:
    tree = Tree()
    tree.add_bytes("app.py", b"")
    assert trim_service_data(tree, ["s3"]) is None
    assert list(tree) == ["app.py"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--keep-service", "s3"], "--botocore-services and --keep-service go with --extension"),
        (["--python-layer", "--botocore-services", "s3"], "go with --extension"),
        (["--extension", "nope"], "'nope' is not a shipped extension (adaptive-batching, cache)"),
        (["--extension", "cache", "--botocore-services", "all,s3"], "keeps every service"),
        (["--extension", "cache", "--entry", "x"], "runs lambda_runtime.extensions.cache"),
    ],
)
def test_option_errors(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--output", str(tmp_path), *args]) == 2
    assert message in capsys.readouterr().err


# --- the built layers (network) ---

EXPECTED_SERVICES = {"adaptive-batching": {"s3"}, "cache": {"ssm", "dynamodb", "secretsmanager"}}
MODULES = {"adaptive-batching": "adaptive_batching", "cache": "cache"}


@pytest.fixture(scope="module")
def layers(tmp_path_factory: pytest.TempPathFactory, extension_wheels: Path) -> dict[str, Path]:
    """Both shipped extension layers built for this interpreter and unpacked: name -> the ``/opt`` folder."""
    out = tmp_path_factory.mktemp("layers")
    target = host_target()
    unpacked = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PIP_NO_INDEX", "1")
        patch.setenv("PIP_FIND_LINKS", str(extension_wheels))
        for name in EXPECTED_SERVICES:
            args = ["build", "--extension", name, "--output", str(out / name)]
            args += ["--arch", target.arch, "--python-version", target.python_version]
            assert main(args) == 0
            unpacked[name] = out / f"opt-{name}"
            unpack(out / name / f"extension-{name}.zip", unpacked[name])
    return unpacked


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    server = MotoServer.start()
    try:
        yield server
    finally:
        server.stop()


def _data_listing(root: Path, package: str) -> set[str]:
    folder = root / package / "data"
    return {path.name for path in folder.iterdir() if path.is_dir()}


@pytest.mark.network
@pytest.mark.parametrize("name", sorted(EXPECTED_SERVICES))
def test_layer_layout_and_trimmed_models(name: str, layers: dict[str, Path]) -> None:
    opt = layers[name]
    launcher = opt / "extensions" / name
    assert launcher.stat().st_mode & 0o777 == 0o755
    code = opt / name
    assert (code / "lambda_runtime" / "extensions" / MODULES[name] / "__main__.py").is_file()
    assert not (code / "lambda_runtime" / "emulator").exists()
    assert not (code / "lambda_runtime" / "build").exists()
    assert not (code / "bin").exists()
    assert _data_listing(code, "botocore") == EXPECTED_SERVICES[name]
    assert _data_listing(code, "boto3") <= EXPECTED_SERVICES[name]
    for shared in SHARED_DATA:
        assert (code / "botocore" / "data" / shared).is_file()
    assert (code / "yaml").is_dir() == (name == "cache")
    assert (code / "h11").is_dir()


def _run_in_layer(code: Path, script: str, moto: MotoServer) -> dict[str, object]:
    """``script`` under ``python -S`` with only ``code`` on the path and a clean environment; its last
    stdout line as JSON."""
    env = {
        "PYTHONPATH": str(code),
        "PATH": "/usr/bin:/bin",
        **DUMMY_CREDENTIALS,
        "AWS_ENDPOINT_URL": moto.url,
    }
    result = subprocess.run(
        [sys.executable, "-S", "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    answer: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


# Run inside the layer: the imported botocore is the layer's, and a service it does not carry is unknown.
_PREAMBLE = """
import json, os
import boto3, botocore, botocore.exceptions
assert botocore.__file__.startswith(os.environ["PYTHONPATH"]), botocore.__file__
try:
    boto3.client("sqs")
    unknown = None
except botocore.exceptions.UnknownServiceError:
    unknown = "sqs"
"""


@pytest.mark.network
def test_adaptive_batching_layer_puts_and_gets_an_s3_object(
    layers: dict[str, Path], moto: MotoServer
) -> None:
    script = (
        _PREAMBLE
        + """
s3 = boto3.client("s3")
s3.create_bucket(Bucket="layer-proof")
s3.put_object(Bucket="layer-proof", Key="k.log", Body=b"line 1\\n")
body = s3.get_object(Bucket="layer-proof", Key="k.log")["Body"].read().decode()
print(json.dumps({"body": body, "unknown": unknown}))
"""
    )
    answer = _run_in_layer(layers["adaptive-batching"] / "adaptive-batching", script, moto)
    assert answer == {"body": "line 1\n", "unknown": "sqs"}


@pytest.mark.network
def test_cache_layer_reads_a_parameter_an_item_and_a_secret(
    layers: dict[str, Path], moto: MotoServer
) -> None:
    tag = uuid.uuid4().hex[:8]
    ssm = moto.client("ssm")
    ssm.put_parameter(Name=f"/layer/{tag}", Value="plain", Type="String")
    ssm.put_parameter(Name=f"/layer/{tag}/secure", Value="hidden", Type="SecureString")
    dynamodb = moto.client("dynamodb")
    dynamodb.create_table(
        TableName=f"t{tag}",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.put_item(TableName=f"t{tag}", Item={"id": {"S": "a"}, "v": {"S": "item"}})
    moto.client("secretsmanager").create_secret(Name=f"s{tag}", SecretString="sesame")
    script = (
        _PREAMBLE
        + f"""
ssm = boto3.client("ssm")
dynamodb = boto3.client("dynamodb")
secrets = boto3.client("secretsmanager")
print(json.dumps({{
    "plain": ssm.get_parameter(Name="/layer/{tag}")["Parameter"]["Value"],
    "secure": ssm.get_parameter(Name="/layer/{tag}/secure", WithDecryption=True)["Parameter"]["Value"],
    "item": dynamodb.get_item(TableName="t{tag}", Key={{"id": {{"S": "a"}}}})["Item"]["v"]["S"],
    "secret": secrets.get_secret_value(SecretId="s{tag}")["SecretString"],
    "unknown": unknown,
}}))
"""
    )
    answer = _run_in_layer(layers["cache"] / "cache", script, moto)
    assert answer == {
        "plain": "plain",
        "secure": "hidden",
        "item": "item",
        "secret": "sesame",
        "unknown": "sqs",
    }


# --- the launchers, started from the unpacked layers (network) ---


class ScriptedExtensionsApi:
    """The Extensions and Telemetry APIs as an extension sees them: registration and a subscription are
    accepted (the listener's URI is handed to the test), ``next`` answers with the events the test releases,
    and error reports are kept."""

    def __init__(self) -> None:
        self.events: queue.Queue[bytes] = queue.Queue()
        self.listeners: queue.Queue[str] = queue.Queue()
        self.errors: list[Request] = []
        self.server = HttpServer(self._handle).start()
        self.address = f"127.0.0.1:{self.server.port}"

    def _handle(self, request: Request) -> Response:
        if request.target.endswith("/register"):
            return Response(
                200,
                b'{"functionName":"f","functionVersion":"1","handler":"h"}',
                [("Lambda-Extension-Identifier", str(uuid.uuid4()))],
            )
        if request.target.endswith("/event/next"):
            return Response(200, self.events.get(timeout=60))
        if request.method == "PUT":
            uri = str(orjson.loads(request.body)["destination"]["URI"])
            self.listeners.put(uri.replace("sandbox.localdomain", "127.0.0.1"))
            return Response(200, b"OK")
        self.errors.append(request)
        return Response(202, b"{}")

    def shutdown(self) -> None:
        deadline_ms = int(time.time() * 1000) + 10_000
        self.events.put(
            orjson.dumps({"eventType": "SHUTDOWN", "deadlineMs": deadline_ms, "shutdownReason": "SPINDOWN"})
        )

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def extensions_api() -> Iterator[ScriptedExtensionsApi]:
    api = ScriptedExtensionsApi()
    try:
        yield api
    finally:
        api.close()


def _start_launcher(
    opt: Path, name: str, api: ScriptedExtensionsApi, moto: MotoServer, tmp_path: Path, **env: str
) -> subprocess.Popen[str]:
    """``opt/extensions/NAME`` with a clean environment, on this interpreter under ``-S`` (so only the
    layer's folder, which the launcher puts on PYTHONPATH, provides packages)."""
    python = tmp_path / "python-S"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" -S "$@"\n')
    python.chmod(0o755)
    environment = {
        "PATH": "/usr/bin:/bin",
        "LAMBDA_RUNTIME_PYTHON": str(python),
        "AWS_LAMBDA_RUNTIME_API": api.address,
        "AWS_LAMBDA_FUNCTION_NAME": "layer-proof",
        "AWS_ENDPOINT_URL": moto.url,
        **DUMMY_CREDENTIALS,
        **env,
    }
    return subprocess.Popen(
        [str(opt / "extensions" / name)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finish(process: subprocess.Popen[str], api: ScriptedExtensionsApi) -> str:
    api.shutdown()
    try:
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, output
    assert not api.errors, [(r.target, r.body) for r in api.errors]
    return output


@pytest.mark.network
def test_cache_launcher_serves_parameters_from_the_layer(
    layers: dict[str, Path], moto: MotoServer, extensions_api: ScriptedExtensionsApi, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:8]
    ssm = moto.client("ssm")
    ssm.put_parameter(Name=f"/launch/{tag}", Value="plain-value", Type="String")
    ssm.put_parameter(Name=f"/launch/{tag}/secure", Value="secure-value", Type="SecureString")
    config = tmp_path / "config.yaml"
    config.write_text(
        f"parameters:\n  - region: {REGION}\n    names: [/launch/{tag}, /launch/{tag}/secure]\n"
    )
    port, aws_port = free_port(), free_port()
    process = _start_launcher(
        layers["cache"],
        "cache",
        extensions_api,
        moto,
        tmp_path,
        CACHE_EXTENSION_CONFIG=str(config),
        CACHE_EXTENSION_PORT=str(port),
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT=str(aws_port),
    )
    try:
        answers = {}
        for name in (f"/launch/{tag}", f"/launch/{tag}/secure"):
            answers[name] = _get_when_listening(f"http://127.0.0.1:{port}/parameters?name={name}", process)
    finally:
        output = _finish(process, extensions_api)
    assert answers == {f"/launch/{tag}": "plain-value", f"/launch/{tag}/secure": "secure-value"}, output


def _get_when_listening(url: str, process: subprocess.Popen[str]) -> str:
    """GET ``url`` once the extension listens (it binds during its init); the body of a 200."""
    while True:
        try:
            response = httpx.get(url, timeout=10)
        except httpx.ConnectError:
            assert process.poll() is None, "the extension exited before serving"
            time.sleep(0.05)
            continue
        assert response.status_code == 200, response.text
        return response.text


@pytest.mark.network
def test_adaptive_batching_launcher_ships_to_s3_from_the_layer(
    layers: dict[str, Path], moto: MotoServer, extensions_api: ScriptedExtensionsApi, tmp_path: Path
) -> None:
    bucket = f"ship-{uuid.uuid4().hex[:8]}"
    process = _start_launcher(
        layers["adaptive-batching"],
        "adaptive-batching",
        extensions_api,
        moto,
        tmp_path,
        ADAPTIVE_BATCHING_EXTENSION_S3_BUCKET=bucket,
    )
    records = [
        {"time": "2026-01-01T00:00:00.000Z", "type": "function", "record": f"line {n}"} for n in range(3)
    ]
    try:
        listener = extensions_api.listeners.get(timeout=60)
        assert httpx.post(listener, content=orjson.dumps(records), timeout=10).status_code == 200
    finally:
        output = _finish(process, extensions_api)
    s3 = moto.client("s3")
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    bodies = "".join(s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode() for key in keys)
    assert [json.loads(line) for line in bodies.splitlines() if line] == records, output


@pytest.mark.network
def test_a_projects_extension_is_trimmed_only_when_asked(
    tmp_path: Path, extension_wheels: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(extension_wheels))
    project = tmp_path / "ext"
    project.mkdir()
    (project / "my_ext.py").write_text("import boto3\n")
    (project / "requirements.txt").write_text(f"boto3=={importlib.metadata.version('boto3')}\n")
    target = host_target()
    base = ["build", "--extension", "my-ext", "--project", str(project), "--no-pyc"]
    base += ["--arch", target.arch, "--python-version", target.python_version]
    assert (
        main(
            [
                *base,
                "--output",
                str(tmp_path / "trimmed"),
                "--botocore-services",
                "s3",
                "--keep-service",
                "sts",
            ]
        )
        == 0
    )
    assert main([*base, "--output", str(tmp_path / "whole")]) == 0
    trimmed, whole = tmp_path / "opt-trimmed", tmp_path / "opt-whole"
    unpack(tmp_path / "trimmed" / "extension-my-ext.zip", trimmed)
    unpack(tmp_path / "whole" / "extension-my-ext.zip", whole)
    assert _data_listing(trimmed / "my-ext", "botocore") == {"s3", "sts"}
    assert {"s3", "sts", "ssm", "ec2", "lambda"} <= _data_listing(whole / "my-ext", "botocore")
