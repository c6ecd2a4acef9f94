"""``emulate --zip F --layer Z``: a zip and a Python layer made by ``lambda-runtime build`` run in Lambda's
filesystem view (bubblewrap, or unshare as root) or, without either, by path remapping; real processes.

The function zip is built for this interpreter's X.Y with an empty requirements file (pip still installs the
runtime's orjson and typing-extensions wheels, hence the ``network`` mark on the tests using it); the layer is
built from ``sys.base_prefix``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from lambda_runtime.cli import main
from lambda_runtime.emulator.config import FunctionConfig
from lambda_runtime.emulator.core.artifact import ArtifactError, ArtifactSpec, extract_zip, unpack
from lambda_runtime.emulator.core.sandbox import (
    _bwrap,
    _unshare_tools,
    extension_launchers,
    lambda_environment,
)
from tests.emulator.harness import running
from tests.emulator.test_cli_subprocess import EmulatorProcess
from tests.support.console import CONSOLE_SCRIPT
from tests.support.paths import REPO_ROOT

HOST_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"

VIEW_APP = """
import os, sys


def can_write(path):
    try:
        with open(path, "w") as handle:
            handle.write("x")
        return True
    except OSError:
        return False


def handler(event, context):
    tmp = os.statvfs("/tmp") if os.path.isdir("/tmp") else None
    return {
        "cwd": os.getcwd(),
        "path": sys.path,
        "executable": sys.executable,
        "task_root": os.environ.get("LAMBDA_TASK_ROOT"),
        "env": dict(os.environ),
        "visible": {p: os.path.exists(p) for p in event["probe"]},
        "tmp_writable": can_write(os.path.join(os.environ.get("TMPDIR", "/tmp"), "probe")),
        "task_writable": can_write(os.path.join(os.environ["LAMBDA_TASK_ROOT"], "probe")),
        "tmp_bytes": tmp.f_blocks * tmp.f_frsize if tmp else None,
        "layer_file": open("/opt/shared.txt").read() if os.path.exists("/opt/shared.txt") else None,
    }
"""

# httpx is installed in the test environment (the emulator's client) but never in a function zip.
MISSING_DEP_APP = """
import httpx


def handler(event, context):
    return "unreachable"
"""

NAMESPACE_TOOLS = [
    pytest.param(
        "bwrap",
        marks=pytest.mark.skipif(
            _bwrap() is None, reason="bubblewrap (bwrap) missing or cannot make namespaces"
        ),
    ),
    pytest.param(
        "unshare",
        marks=pytest.mark.skipif(
            _unshare_tools() is None, reason="unshare needs root and a mount namespace (util-linux)"
        ),
    ),
]


def _build(project: Path, output: Path) -> Path:
    (project.parent / "empty-requirements.txt").write_text("")
    argv = ["build", "--project", str(project), "--output", str(output), "--python-version", HOST_VERSION]
    argv += ["--requirements", str(project.parent / "empty-requirements.txt"), "--no-pyc"]
    assert main(argv) == 0
    return output / "function.zip"


def _layer_zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(name), text)
    return path


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("artifacts")
    view = base / "view"
    view.mkdir()
    (view / "app.py").write_text(VIEW_APP)
    missing = base / "missing"
    missing.mkdir()
    (missing / "app.py").write_text(MISSING_DEP_APP)
    layer_out = base / "layer"
    layer_argv = ["build", "--python-layer", "--python-from", sys.base_prefix, "--output", str(layer_out)]
    assert main(layer_argv) == 0
    return {
        "zip": _build(view, base / "view-build"),
        "missing": _build(missing, base / "missing-build"),
        "python": layer_out / "python-layer.zip",
        "first": _layer_zip(base / "first.zip", {"shared.txt": "first", "only-first.txt": "1"}),
        "second": _layer_zip(base / "second.zip", {"shared.txt": "second"}),
    }


HIDDEN = ["/work", "/root", "/home", str(REPO_ROOT), sys.prefix]
PROBES = [*HIDDEN, "/var/task/app.py", "/opt/python/bin/python3"]


def _invoke(config: FunctionConfig, payload: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    with running(config) as emulator:
        answer = emulator.client().invoke(FunctionName="function", Payload=orjson.dumps(payload))
        body: dict[str, Any] = orjson.loads(answer["Payload"].read())
        return body, answer.get("FunctionError")


@pytest.mark.network
@pytest.mark.parametrize("isolation", NAMESPACE_TOOLS)
def test_artifact_runs_in_lambdas_filesystem_view(isolation: str, artifacts: dict[str, Path]) -> None:
    spec = ArtifactSpec(
        zip=artifacts["zip"],
        layers=(artifacts["python"], artifacts["first"], artifacts["second"]),
        ephemeral_storage_mb=600,
        isolation=isolation,
    )
    seen, error = _invoke(FunctionConfig(handler="app.handler", artifact=spec), {"probe": PROBES})
    assert error is None, seen
    assert seen["cwd"] == "/var/task"
    assert seen["task_root"] == "/var/task"
    assert seen["executable"] == "/opt/python/bin/python3"
    assert all(entry.startswith(("/var/task", "/opt/")) for entry in seen["path"] if entry), seen["path"]
    assert seen["visible"] == {
        **dict.fromkeys(HIDDEN, False),
        "/var/task/app.py": True,
        "/opt/python/bin/python3": True,
    }
    assert seen["tmp_writable"] is True
    assert seen["task_writable"] is False
    assert seen["tmp_bytes"] == 600 * 1024 * 1024
    assert seen["layer_file"] == "second"  # the later layer wins
    env = seen["env"]
    assert env["PATH"] == "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin"
    assert env["LD_LIBRARY_PATH"].endswith(
        "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib"
    )
    assert "VIRTUAL_ENV" not in env
    assert "HOME" not in env
    assert REPO_ROOT.as_posix() not in env.get("PYTHONPATH", "")


@pytest.mark.network
def test_path_remapping_when_no_namespace_tool(artifacts: dict[str, Path]) -> None:
    spec = ArtifactSpec(zip=artifacts["zip"], layers=(artifacts["python"],), isolation="remap")
    unpacked = unpack(spec)
    seen, error = _invoke(FunctionConfig(handler="app.handler", artifact=spec), {"probe": PROBES})
    assert error is None, seen
    assert seen["task_root"] == str(unpacked.task)
    assert seen["cwd"] == str(unpacked.task)
    assert seen["executable"] == str(unpacked.opt / "python" / "bin" / "python3")
    # bootstrap names /opt/python literally; the layer's copy is found through the interpreter's prefix.
    kept = [entry for entry in seen["path"] if entry and entry != "/opt/python"]
    assert all(entry.startswith(str(unpacked.root)) for entry in kept), seen["path"]
    assert not any(sys.prefix in entry or str(REPO_ROOT) in entry for entry in seen["path"])
    assert seen["env"]["PYTHONNOUSERSITE"] == "1"
    assert seen["env"]["TMPDIR"].startswith(str(unpacked.root))
    assert seen["tmp_writable"] is True


@pytest.mark.network
@pytest.mark.parametrize("isolation", [*NAMESPACE_TOOLS, "remap"])
def test_missing_dependency_fails_with_import_module_error(
    isolation: str, artifacts: dict[str, Path]
) -> None:
    __import__("httpx")  # importable here, from the checkout's environment
    spec = ArtifactSpec(zip=artifacts["missing"], layers=(artifacts["python"],), isolation=isolation)
    body, error = _invoke(FunctionConfig(handler="app.handler", artifact=spec), {})
    assert error == "Unhandled"
    assert body["errorType"] == "Runtime.ImportModuleError"
    assert "No module named 'httpx'" in body["errorMessage"]


@pytest.fixture
def emulate_zip(artifacts: dict[str, Path], tmp_path: Path) -> Iterator[EmulatorProcess]:
    zip_args = ["--zip", str(artifacts["zip"]), "--layer", str(artifacts["python"])]
    emulator = EmulatorProcess("--handler", "app.handler", *zip_args, cwd=tmp_path)
    try:
        yield emulator
    finally:
        emulator.kill()


@pytest.mark.network
def test_cli_emulate_zip_answers_an_invoke(emulate_zip: EmulatorProcess) -> None:
    emulate_zip.wait_for(r"runtime: /var/task/bootstrap$")
    port = int(emulate_zip.wait_for(r"try: lambda-runtime invoke --port (\d+)").group(1))
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "invoke", "--port", str(port), "--payload", orjson.dumps({"probe": PROBES})],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = orjson.loads(result.stdout)
    assert seen["visible"]["/var/task/app.py"] is True
    assert seen["visible"][str(REPO_ROOT)] is (_bwrap() is None and _unshare_tools() is None)
    emulate_zip.stop_with(signal.SIGTERM)


@pytest.mark.network
def test_cli_refuses_zip_with_a_runtime_command(artifacts: dict[str, Path]) -> None:
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "emulate", "--zip", str(artifacts["zip"]), "--", "python3"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "--zip runs the zip's bootstrap" in result.stderr


def test_layers_merge_in_order_keeping_modes(tmp_path: Path) -> None:
    first = tmp_path / "first.zip"
    with zipfile.ZipFile(first, "w") as archive:
        script = zipfile.ZipInfo("extensions/tool")
        script.external_attr = 0o100755 << 16
        archive.writestr(script, "#!/bin/sh\n")
        archive.writestr("a/b.txt", "first")
    second = _layer_zip(tmp_path / "second.zip", {"a/b.txt": "second", "a/c.txt": "c"})
    dest = tmp_path / "opt"
    dest.mkdir()
    extract_zip(first, dest)
    extract_zip(second, dest)
    assert (dest / "a" / "b.txt").read_text() == "second"
    assert (dest / "a" / "c.txt").read_text() == "c"
    assert os.access(dest / "extensions" / "tool", os.X_OK)


def test_member_leaving_its_folder_is_refused(tmp_path: Path) -> None:
    bad = _layer_zip(tmp_path / "bad.zip", {"../escape.txt": "x"})
    with pytest.raises(ArtifactError, match="leaves the folder"):
        extract_zip(bad, tmp_path / "dest")
    assert not (tmp_path / "escape.txt").exists()


def test_environment_drops_host_variables_and_keeps_overrides() -> None:
    host = {"PATH": "/bin", "HOME": "/root", "PYTHONPATH": "/work", "VIRTUAL_ENV": "/v", "_HANDLER": "a.b"}
    env = lambda_environment(host, {"PATH": "/custom"})
    assert env["PATH"] == "/custom"
    assert env["_HANDLER"] == "a.b"
    assert env["LAMBDA_TASK_ROOT"] == "/var/task"
    assert not {"HOME", "PYTHONPATH", "VIRTUAL_ENV"} & set(env)


# Its interpreter is the Python layer's: the shebang only resolves inside the view.
EXTENSION = """#!/opt/python/bin/python3
import json, os, urllib.request

base = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2020-01-01/extension"
body = json.dumps({"events": ["SHUTDOWN"]}).encode()
request = urllib.request.Request(base + "/register", data=body, method="POST")
request.add_header("Lambda-Extension-Name", "probe")
identifier = urllib.request.urlopen(request).headers["Lambda-Extension-Identifier"]
seen = {"work": os.path.exists("/work"), "task": os.path.exists("/var/task/app.py")}
seen["home"] = "HOME" in os.environ
print("probe sees " + json.dumps(seen, sort_keys=True), flush=True)
while True:
    request = urllib.request.Request(base + "/event/next")
    request.add_header("Lambda-Extension-Identifier", identifier)
    if json.loads(urllib.request.urlopen(request).read())["eventType"] == "SHUTDOWN":
        break
"""


@pytest.mark.network
@pytest.mark.parametrize("isolation", NAMESPACE_TOOLS)
def test_layer_extension_starts_in_the_view(
    isolation: str, artifacts: dict[str, Path], tmp_path: Path
) -> None:
    layer = tmp_path / "extension.zip"
    with zipfile.ZipFile(layer, "w") as archive:
        script = zipfile.ZipInfo("extensions/probe")
        script.external_attr = 0o100755 << 16
        archive.writestr(script, EXTENSION)
    spec = ArtifactSpec(zip=artifacts["zip"], layers=(artifacts["python"], layer), isolation=isolation)
    launchers = extension_launchers(spec, {})
    assert launchers is not None
    assert sorted(path.name for path in launchers.iterdir()) == ["probe"]
    config = FunctionConfig(handler="app.handler", artifact=spec, extensions_dir=launchers)
    with running(config) as emulator:
        answer = emulator.client().invoke(FunctionName="function", Payload=orjson.dumps({"probe": PROBES}))
        assert "FunctionError" not in answer
        lines = list(emulator.lines)
    assert any('probe sees {"home": false, "task": true, "work": false}' in line for line in lines), lines
