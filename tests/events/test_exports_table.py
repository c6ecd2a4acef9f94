"""The lazy export table of ``lambda_runtime.events`` is generated from each module's ``__all__``, and the
type checker's view (one star import per family in ``__init__``) covers the same modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from lambda_runtime import events
from lambda_runtime.events._exports import EXPORTS
from tests.support.paths import REPO_ROOT
from tools.events_exports import TABLE_PATH, render


def test_committed_table_is_what_the_generator_writes() -> None:
    assert TABLE_PATH.read_text() == render(), "stale table: run python -m tools.events_exports"


def test_every_exported_name_resolves_to_its_class() -> None:
    for name, module_name in EXPORTS.items():
        value = getattr(events, name)
        assert value.__module__.startswith("lambda_runtime.events"), (name, module_name)


def test_type_checking_imports_cover_every_module_of_the_table() -> None:
    tree = ast.parse(Path(events.__file__).read_text())
    imported = {
        node.module.rsplit(".", 1)[1]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith("lambda_runtime.events.")
    }
    assert set(EXPORTS.values()) <= imported


def test_mypy_rejects_a_name_the_package_does_not_export(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from lambda_runtime.events import SQSEvent, NoSuchEvent\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--follow-imports=silent", str(probe)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "NoSuchEvent" in result.stdout
    assert "SQSEvent" not in result.stdout.replace("NoSuchEvent", "")
