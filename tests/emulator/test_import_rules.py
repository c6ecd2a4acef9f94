"""The import rules of the protocol and emulator packages, read from the source (nothing is imported).

- No import cycle between any two modules of ``lambda_runtime.emulator`` or ``lambda_runtime.protocol``.
- ``protocol`` imports nothing of ours but itself and ``lambda_runtime._record``.
- ``emulator`` imports itself, protocol and events; from the runtime only the Runtime API vocabulary
  (``runtime.protocol``), which moves into ``protocol`` with the runtime's own redesign.
"""

from __future__ import annotations

import ast
from pathlib import Path

import lambda_runtime

PACKAGE = Path(lambda_runtime.__file__).parent
RUNTIME_API_VOCABULARY = {"lambda_runtime.runtime.protocol"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("lambda_runtime"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("lambda_runtime"))
    return found


def _graph(*subpackages: str) -> dict[str, set[str]]:
    modules = {
        _module_name(path): path for sub in subpackages for path in sorted((PACKAGE / sub).rglob("*.py"))
    }
    return {
        name: {target for target in _imports(path) if target in modules} for name, path in modules.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> list[str] | None:
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for target in sorted(graph[node]):
            found = visit(target)
            if found:
                return found
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        found = visit(node)
        if found:
            return found
    return None


def test_no_import_cycle_in_the_emulator_or_protocol() -> None:
    assert _cycle(_graph("emulator", "protocol")) is None


def test_protocol_imports_only_itself_and_record() -> None:
    for path in (PACKAGE / "protocol").rglob("*.py"):
        for target in _imports(path):
            assert target.startswith(("lambda_runtime.protocol", "lambda_runtime._record")), (path, target)


def test_emulator_imports_protocol_events_and_the_runtime_api_vocabulary_only() -> None:
    allowed = ("lambda_runtime.emulator", "lambda_runtime.protocol", "lambda_runtime.events")
    for path in (PACKAGE / "emulator").rglob("*.py"):
        for target in _imports(path):
            if target in ("lambda_runtime", "lambda_runtime.cli") or target.startswith(allowed):
                continue
            module = target if target in RUNTIME_API_VOCABULARY else target.rsplit(".", 1)[0]
            assert module in RUNTIME_API_VOCABULARY, (path, target)
