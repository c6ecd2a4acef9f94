"""The README's 20-line extension runs as written under the emulator."""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

from lambda_runtime.emulator.config import FunctionConfig
from tests.extensions.harness import EmulatorThread, write_launcher
from tests.support.paths import REPO_ROOT

MARKER = "#!/usr/bin/env python3\n# /opt/extensions/my-extension"


def test_readme_extension_runs(tmp_path: Path) -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    start = readme.index(MARKER)
    code = readme[start : readme.index("```", start)].split("\n", 1)[1]
    task_root = tmp_path / "task"
    task_root.mkdir()
    (task_root / "app.py").write_text("def handler(event, context):\n    print('hi')\n    return event\n")
    write_launcher(tmp_path / "ext", "my-extension", code)
    emulator = EmulatorThread(
        FunctionConfig(
            handler="app.handler",
            task_root=task_root,
            extensions_dir=tmp_path / "ext",
            command=(sys.executable, "-m", "lambda_runtime"),
        )
    )
    try:
        answer = emulator.invoke(b'{"n": 1}')
    finally:
        emulator.close()
    assert orjson.loads(answer.content) == {"n": 1}
    lines = [
        line.rsplit("[extension my-extension] ", 1)[1]
        for line in emulator.lines
        if "[extension my-extension] " in line
    ]
    assert any(line.startswith("invoke ") for line in lines), lines
    assert any(line.startswith("function hi") for line in lines), lines
    assert "shutdown spindown" in lines
