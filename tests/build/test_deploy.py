"""``lambda-runtime deploy`` against moto's Lambda API server on loopback (a subprocess, never AWS):
create, update code, publish a layer; the configuration read back matches what was deployed."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lambda_runtime.cli import main

pytest.importorskip("moto")
boto3 = pytest.importorskip("boto3")

ROLE_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'  # noqa: E501


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def moto_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
    )
    try:
        while True:  # until it listens, or exits
            assert process.poll() is None, "moto server exited"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)


def client(service: str, endpoint: str) -> Any:
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1")


def zip_of(files: dict[str, str], path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def role_arn(moto_endpoint: str, aws_env: None) -> str:
    iam = client("iam", moto_endpoint)
    name = f"lambda-role-{os.getpid()}"
    try:
        return str(iam.get_role(RoleName=name)["Role"]["Arn"])
    except iam.exceptions.NoSuchEntityException:
        return str(iam.create_role(RoleName=name, AssumeRolePolicyDocument=ROLE_POLICY)["Role"]["Arn"])


def test_create_then_update_code_then_publish_a_layer(
    moto_endpoint: str, role_arn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = zip_of({"bootstrap": "#!/bin/sh\n", "app.py": "v = 1\n"}, tmp_path / "one.zip")
    common = [
        "deploy",
        "--function-name",
        "fn-deploy",
        "--endpoint-url",
        moto_endpoint,
        "--region",
        "us-east-1",
    ]
    status = main(
        [*common, "--zip", str(first), "--role", role_arn, "--handler", "app.handler", "--memory", "256",
         "--timeout", "7", "--arch", "arm64", "--env", "GREETING=hi"]
    )  # fmt: skip
    assert status == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "function:fn-deploy version 1" in out
    lam = client("lambda", moto_endpoint)
    config = lam.get_function(FunctionName="fn-deploy")["Configuration"]
    assert config["Runtime"] == "provided.al2023"
    assert config["Handler"] == "app.handler"
    assert config["Role"] == role_arn
    assert config["MemorySize"] == 256
    assert config["Timeout"] == 7
    assert config["Architectures"] == ["arm64"]
    assert config["Environment"]["Variables"] == {"GREETING": "hi"}
    first_sha = config["CodeSha256"]

    second = zip_of({"bootstrap": "#!/bin/sh\n", "app.py": "v = 2\n"}, tmp_path / "two.zip")
    assert main([*common, "--zip", str(second), "--arch", "arm64"]) == 0
    assert "version 2" in capsys.readouterr().out
    config = lam.get_function(FunctionName="fn-deploy")["Configuration"]
    assert config["CodeSha256"] != first_sha
    assert config["MemorySize"] == 256  # untouched settings stay

    layer = zip_of({"python/bin/python3": "x"}, tmp_path / "python-layer.zip")
    assert (
        main([*common, "--zip", str(second), "--arch", "arm64", "--layer", str(layer), "--timeout", "9"]) == 0
    )
    out = capsys.readouterr().out
    assert ":layer:python-layer:1" in out
    config = lam.get_function(FunctionName="fn-deploy")["Configuration"]
    assert [entry["Arn"] for entry in config["Layers"]] == [line.split()[1] for line in out.splitlines()[:1]]
    assert config["Timeout"] == 9
    layer_version = lam.get_layer_version(LayerName="python-layer", VersionNumber=1)
    assert layer_version["CompatibleRuntimes"] == ["provided.al2023"]
    assert layer_version["CompatibleArchitectures"] == ["arm64"]


def test_creating_needs_role_and_handler(
    moto_endpoint: str, aws_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = zip_of({"bootstrap": "#!/bin/sh\n"}, tmp_path / "f.zip")
    status = main(
        ["deploy", "--function-name", "fn-new", "--zip", str(code), "--endpoint-url", moto_endpoint]
    )
    assert status == 2
    assert "needs --role and --handler" in capsys.readouterr().err


def test_a_missing_zip_is_a_clear_error(
    aws_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["deploy", "--function-name", "f", "--zip", str(tmp_path / "none.zip")])
    assert status == 2
    assert "run lambda-runtime build first" in capsys.readouterr().err
