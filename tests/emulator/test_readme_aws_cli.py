"""The README's AWS CLI example, run exactly as written (only the port differs) against ``lambda-runtime
emulate`` serving the README's quick-start function, with no AWS configuration on the machine."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.support.console import CONSOLE_SCRIPT, EmulateProcess
from tests.support.paths import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
VENV_BIN = Path(sys.executable).parent


def readme_command(marker: str) -> str:
    """The indented shell command of the README holding ``marker``, continuation lines included."""
    lines = README.splitlines()
    index = next(i for i, line in enumerate(lines) if marker in line and line.startswith("    "))
    while index > 0 and lines[index - 1].rstrip().endswith("\\"):
        index -= 1
    command = [lines[index]]
    while command[-1].rstrip().endswith("\\"):
        index += 1
        command.append(lines[index])
    return "\n".join(line[4:] for line in command)


def readme_quick_start_app() -> str:
    match = re.search(r"```python\n(# app\.py\n.*?)```", README, re.DOTALL)
    assert match is not None, "the README's quick start has an app.py block"
    return match.group(1)


@pytest.mark.skipif(shutil.which("aws", path=str(VENV_BIN)) is None, reason="needs the AWS CLI (dev extras)")
def test_the_readme_aws_cli_example_works_as_written(tmp_path: Path) -> None:
    command = readme_command("aws lambda invoke")
    assert "http://127.0.0.1:9000" in command
    (tmp_path / "app.py").write_text(readme_quick_start_app())
    event = subprocess.run(
        [str(CONSOLE_SCRIPT), "events", "generate", "apigateway-http"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    (tmp_path / "event.json").write_bytes(event)
    # No AWS settings but what the command line gives: no variables, no ~/.aws.
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        HOME=str(tmp_path),
        AWS_CONFIG_FILE=str(tmp_path / "no-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-credentials"),
        PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
    )
    with EmulateProcess("--handler", "app.Hello", "--task-root", ".", cwd=tmp_path) as emulate:
        port = emulate.port()
        result = subprocess.run(
            ["bash", "-c", command.replace(":9000", f":{port}")],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    answer = orjson.loads(result.stdout)
    assert answer["StatusCode"] == 200
    assert "START RequestId:" in base64.b64decode(answer["LogResult"]).decode()
    response = orjson.loads((tmp_path / "out.json").read_bytes())
    assert response["statusCode"] == 200
    assert response["body"].startswith("hello ")
