"""The public names of ``lambda_runtime.log``, and what importing it costs in modules."""

from __future__ import annotations

import subprocess
import sys

import lambda_runtime
import lambda_runtime.log


def test_exported_names_are_the_intended_ones() -> None:
    assert sorted(lambda_runtime.log.__all__) == [
        "LambdaLogHandler",
        "Level",
        "Log",
        "LogConfig",
        "LogFormat",
        "configure",
        "log_fault",
    ]
    for name in lambda_runtime.log.__all__:
        assert getattr(lambda_runtime.log, name) is not None


def test_log_is_reexported_by_the_package() -> None:
    assert lambda_runtime.Log is lambda_runtime.log.Log


def test_import_leaves_heavy_modules_unloaded() -> None:
    probe = (
        "import sys, lambda_runtime.log\n"
        "heavy = ('logging', 'typing_extensions', 'traceback', 'lambda_runtime.runtime.context', 'asyncio')\n"
        "print(','.join(name for name in heavy if name in sys.modules))\n"
    )
    command = [sys.executable, "-c", probe]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == ""
