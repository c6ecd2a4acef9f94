"""``build --python-layer`` and ``--bundle-python`` from the interpreter running the tests
(``sys.base_prefix``): the copied CPython runs from wherever it is unpacked, with a clean environment, and the
bundled zip answers an invoke through its bootstrap."""

from __future__ import annotations

import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lambda_runtime.build.deps import Target
from lambda_runtime.build.errors import BuildError
from lambda_runtime.build.python_layer import download_pbs, python_tree
from lambda_runtime.cli import main
from tests.support.runtime_harness import RuntimeApiServer, RuntimeProcess

HOST_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
SHARED = bool(__import__("sysconfig").get_config_var("Py_ENABLE_SHARED"))


def unpack(path: Path, dest: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        archive.extractall(dest)
        for info in archive.infolist():
            (dest / info.filename).chmod(stat.S_IMODE(info.external_attr >> 16))


@pytest.fixture(scope="module")
def layer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layer")
    assert main(["build", "--python-layer", "--python-from", sys.base_prefix, "--output", str(out)]) == 0
    return out / "python-layer.zip"


def test_layer_interpreter_runs_wherever_unpacked_with_a_clean_environment(
    layer: Path, tmp_path: Path
) -> None:
    opt = tmp_path / "somewhere" / "opt"
    unpack(layer, opt)
    code = (
        "import json, ssl, sqlite3, sys;"
        "maps = [line.split()[-1] for line in open('/proc/self/maps') if 'libpython' in line];"
        "print(json.dumps({'prefix': sys.prefix, 'path': sys.path, 'libpython': sorted(set(maps))}))"
    )
    result = subprocess.run(
        [str(opt / "python" / "bin" / "python3"), "-c", code],
        env={},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = __import__("json").loads(result.stdout)
    assert seen["prefix"] == str(opt / "python")
    assert all(entry.startswith(str(opt)) for entry in seen["path"] if entry)
    if SHARED:
        assert seen["libpython"], "a shared build maps libpython"
        assert all(path.startswith(str(opt / "python" / "lib")) for path in seen["libpython"])


def test_two_layer_builds_give_the_same_bytes(layer: Path, tmp_path: Path) -> None:
    assert main(["build", "--python-layer", "--python-from", sys.base_prefix, "--output", str(tmp_path)]) == 0
    assert (tmp_path / "python-layer.zip").read_bytes() == layer.read_bytes()


def test_layer_leaves_out_site_packages_tests_and_build_files(layer: Path) -> None:
    with zipfile.ZipFile(layer) as archive:
        names = archive.namelist()
    stdlib = f"python/lib/python{HOST_VERSION}/"
    assert f"{stdlib}os.py" in names
    assert any(name.startswith(f"{stdlib}lib-dynload/_ssl") for name in names)
    assert all(name.startswith("python/") for name in names)
    for dropped in ("site-packages/", "test/", "idlelib/", "tkinter/", "ensurepip/", "turtledemo/"):
        assert not any(name.startswith(stdlib + dropped) for name in names), dropped
    assert not any(name.startswith(("python/include/", "python/share/")) for name in names)
    assert not any(name.endswith(".a") or "/config-" in name for name in names)
    assert not any(name.startswith("python/lib/python3/site-packages") for name in names)


@pytest.mark.network
@pytest.mark.usefixtures("offline_pip")
def test_bundled_interpreter_serves_the_function_through_bootstrap(tmp_path: Path) -> None:
    project = tmp_path / "fn"
    project.mkdir()
    (project / "app.py").write_text(
        "import sys\n\ndef handler(event, context):\n    return {'prefix': sys.prefix}\n"
    )
    out = tmp_path / "out"
    args = ["build", "--project", str(project), "--output", str(out), "--python-version", HOST_VERSION]
    status = main([*args, "--bundle-python", "--python-from", sys.base_prefix, "--no-pyc"])
    assert status == 0
    task = tmp_path / "task"
    unpack(out / "function.zip", task)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": "", "LD_LIBRARY_PATH": ""}
    command = ["/bin/sh", str(task / "bootstrap")]
    with RuntimeApiServer() as api, RuntimeProcess(api, "app.handler", task, env=env, command=command):
        posted = api.wait_for(api.add_invocation(b"{}"))
    assert posted.kind == "response", posted.body
    assert __import__("json").loads(posted.body) == {"prefix": str(task / "python")}


def test_the_interpreter_must_match_the_target_architecture(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="the target is aarch64"):
        python_tree(Path(sys.base_prefix), Target(arch="arm64"), tmp_path, lambda _: None)


def test_a_failed_download_says_so_and_what_to_pass_instead(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        download_pbs(Target(), tmp_path, lambda _: None, url="http://127.0.0.1:9/releases/latest")
    message = str(caught.value)
    assert "could not download python-build-standalone from GitHub" in message
    assert "--python-from" in message
