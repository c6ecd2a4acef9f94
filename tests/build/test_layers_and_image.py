"""``build --extension``, ``build --exec-wrapper`` and ``build --image``: layouts, modes, and the scripts
run from wherever the artifact is unpacked (network mark: the wheelhouse fixture)."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lambda_runtime.cli import main
from tests.support.runtime_harness import RuntimeApiServer, RuntimeProcess

HOST_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
pytestmark = [pytest.mark.network, pytest.mark.usefixtures("offline_pip")]


def unpack(path: Path, dest: Path) -> dict[str, int]:
    modes = {}
    with zipfile.ZipFile(path) as archive:
        archive.extractall(dest)
        for info in archive.infolist():
            modes[info.filename] = stat.S_IMODE(info.external_attr >> 16)
            (dest / info.filename).chmod(modes[info.filename])
    return modes


def test_extension_layer_launcher_runs_its_module(tmp_path: Path) -> None:
    project = tmp_path / "ext"
    project.mkdir()
    (project / "my_ext.py").write_text(
        "import os, sys, orjson\nprint(orjson.dumps({'argv': sys.argv[1:], 'path': sys.path[1]}).decode())\n"
    )
    out = tmp_path / "out"
    args = ["build", "--extension", "my-ext", "--project", str(project), "--output", str(out)]
    assert main([*args, "--python-version", HOST_VERSION]) == 0
    opt = tmp_path / "opt"
    modes = unpack(out / "extension-my-ext.zip", opt)
    assert modes["extensions/my-ext"] == 0o755
    assert "my-ext/my_ext.py" in modes
    assert "my-ext/lambda_runtime/__main__.py" in modes
    assert not any(name.startswith("my-ext/bootstrap") for name in modes)
    result = subprocess.run(
        [str(opt / "extensions" / "my-ext"), "x"],
        env={"PATH": "/usr/bin:/bin", "LAMBDA_RUNTIME_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '{"argv":["x"],"path":"%s"}' % (opt / "my-ext")


def test_extension_module_must_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p").mkdir()
    status = main(
        ["build", "--extension", "nope", "--project", str(tmp_path / "p"), "--output", str(tmp_path)]
    )
    assert status == 2
    assert "module nope is not in" in capsys.readouterr().err


def test_exec_wrapper_starts_this_runtime_instead_of_the_managed_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", "--exec-wrapper", "--python-version", HOST_VERSION, "--output", str(out)]) == 0
    opt = tmp_path / "opt"
    modes = unpack(out / "exec-wrapper-layer.zip", opt)
    assert modes["lambda-runtime-wrapper"] == 0o755
    assert "python/lambda_runtime/__main__.py" in modes
    assert any(name.startswith("python/orjson/") for name in modes)
    assert not any(
        name.startswith(("python/httpx/", "python/h11/", "python/lambda_runtime/emulator/")) for name in modes
    )
    task = tmp_path / "task"
    task.mkdir()
    (task / "app.py").write_text("def handler(event, context):\n    return {'ok': event['n'] + 1}\n")
    # Lambda runs the wrapper with the managed runtime's command as arguments; they are ignored.
    command = [str(opt / "lambda-runtime-wrapper"), "/var/runtime/bootstrap"]
    env = {"LAMBDA_RUNTIME_PYTHON": sys.executable, "PYTHONPATH": ""}
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.handler", task, env=env, command=command):
        posted = api.wait_for(api.add_invocation(b'{"n": 41}'))
    assert posted.kind == "response", posted.body
    assert posted.body == b'{"ok":42}'


def _copy_sources(dockerfile: str) -> list[str]:
    sources = []
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            sources += line.split()[1:-1]
    return sources


@pytest.mark.parametrize("python_from", [False, True])
def test_image_context_has_every_copy_source(sample_project: Path, tmp_path: Path, python_from: bool) -> None:
    out = tmp_path / "out"
    args = [
        "build",
        "--image",
        "--project",
        str(sample_project),
        "--output",
        str(out),
        "--handler",
        "app.handler",
    ]
    if python_from:
        args += ["--python-from", sys.base_prefix, "--python-version", HOST_VERSION, "--no-pyc"]
    assert main(args) == 0
    context = out / "image"
    dockerfile = (context / "Dockerfile").read_text()
    assert dockerfile.startswith("FROM public.ecr.aws/lambda/provided:al2023\n")
    assert 'CMD ["app.handler"]' in dockerfile
    assert "COPY function/bootstrap ${LAMBDA_RUNTIME_DIR}/bootstrap" in dockerfile
    sources = _copy_sources(dockerfile)
    assert sources
    for source in sources:
        assert (context / source).exists(), source
    assert (context / "function" / "bootstrap").stat().st_mode & 0o777 == 0o755
    assert (context / "function" / "app.py").is_file()
    assert (context / "function" / "lambda_runtime" / "__main__.py").is_file()
    assert not (context / "function" / "tests").exists()
    if python_from:
        assert "COPY python/ /opt/python/" in dockerfile
        assert (context / "python" / "bin" / "python3").stat().st_mode & 0o111
    else:
        assert re.search(r"RUN dnf install -y python3\.12 ", dockerfile)
        assert "ENV LAMBDA_RUNTIME_PYTHON=/usr/bin/python3.12" in dockerfile


def test_image_needs_a_handler(
    sample_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--image", "--project", str(sample_project), "--output", str(tmp_path)]) == 2
    assert "--image needs the handler" in capsys.readouterr().err
