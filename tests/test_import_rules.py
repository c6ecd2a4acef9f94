"""The import rules of the package, read from the source with ``ast`` (nothing is imported).

Every ``import`` and ``from ... import`` counts, at module level or inside a function, except those in the
body of an ``if TYPE_CHECKING:`` block: type checkers read those, the interpreter never runs them.
Names loaded by string (``importlib.import_module``, the lazy tables of ``__init__`` modules) are not seen.
An import resolves to the module it names: ``from lambda_runtime import log`` is an edge to
``lambda_runtime.log``, ``from lambda_runtime.log import Log`` one to ``lambda_runtime.log``. The parent
packages Python runs on the way are not edges.

Rules:
- no import cycles between files;
- ``protocol`` imports nothing of ours but itself and ``_record``;
- ``log`` imports nothing from ``runtime``, ``emulator``, ``build``, ``extensions``;
- ``runtime`` never imports ``emulator``, ``build``, ``extensions``;
- ``emulator`` never imports ``runtime``;
- the emulator's ``client`` (the ``invoke`` command) never imports its servers (``http``) or ``core``;
- ``events`` imports nothing of ours but itself, ``_record`` and ``_jsonable``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import lambda_runtime

PACKAGE_DIR = Path(lambda_runtime.__file__).parent


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for statement in child.orelse:
                yield from _import_nodes(ast.Module(body=[statement], type_ignores=[]))
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child
        yield from _import_nodes(child)


def _modules() -> dict[str, tuple[Path, bool]]:
    modules: dict[str, tuple[Path, bool]] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        name, is_package = _module_name(path)
        modules[name] = (path, is_package)
    return modules


MODULES = _modules()


def _imports(name: str) -> set[str]:
    """The modules of ours that module ``name`` imports."""
    path, is_package = MODULES[name]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = name.split(".") if is_package else name.split(".")[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, *([node.module] if node.module else [])])
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            found.add(submodule if submodule in MODULES else base)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _imports(name) for name in MODULES}


def _within(module: str, *packages: str) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


def _violations(importers: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if _within(module, importers)
        for target in targets
        if _within(target, *forbidden) and not _within(target, importers, *allowed)
    )


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root, targets in graph.items():
        if root in index:
            continue
        work = [(root, iter(sorted(targets)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def test_the_graph_sees_the_package() -> None:
    assert "lambda_runtime.runtime.loop" in GRAPH
    assert "lambda_runtime.protocol.runtime_api" in GRAPH["lambda_runtime.runtime.loop"]
    # A function-level import counts; a TYPE_CHECKING one does not.
    assert "lambda_runtime.runtime.handlers.stream" in GRAPH["lambda_runtime.runtime.loop"]
    assert "lambda_runtime.runtime.transport_api" not in GRAPH["lambda_runtime.runtime.loop"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles_between_files() -> None:
    assert _cycles(GRAPH) == []


def test_protocol_imports_nothing_of_ours_but_itself_and_record() -> None:
    assert _violations("lambda_runtime.protocol", ("lambda_runtime",), ("lambda_runtime._record",)) == []


def test_log_imports_nothing_from_runtime_emulator_build_extensions() -> None:
    forbidden = tuple(f"lambda_runtime.{name}" for name in ("runtime", "emulator", "build", "extensions"))
    assert _violations("lambda_runtime.log", forbidden) == []


def test_runtime_never_imports_emulator_build_extensions() -> None:
    forbidden = tuple(f"lambda_runtime.{name}" for name in ("emulator", "build", "extensions"))
    assert _violations("lambda_runtime.runtime", forbidden) == []


def test_emulator_never_imports_runtime() -> None:
    assert _violations("lambda_runtime.emulator", ("lambda_runtime.runtime",)) == []


def test_the_invoke_client_never_imports_the_emulators_servers_or_core() -> None:
    forbidden = ("lambda_runtime.emulator.http", "lambda_runtime.emulator.core")
    assert _violations("lambda_runtime.emulator.client", forbidden) == []


def test_events_import_nothing_of_ours_but_themselves_record_and_jsonable() -> None:
    allowed = ("lambda_runtime._record", "lambda_runtime._jsonable")
    assert _violations("lambda_runtime.events", ("lambda_runtime",), allowed) == []
