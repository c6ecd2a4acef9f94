"""Writes ``lambda_runtime/events/_exports.py``: every public event name -> the module that defines it.

The table is derived from each family module's ``__all__``; ``tests/events/test_exports_table.py`` fails
when the committed file differs from what this script writes. Run after adding or removing a class:

    python -m tools.events_exports
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from lambda_runtime import events

TABLE_PATH = Path(events.__file__).with_name("_exports.py")

# Modules whose names are not event classes: helpers, the CLI, the base machinery.
NOT_EXPORTED = frozenset({"batch", "cli"})
# Private modules that define a few public names (everything else in them stays internal).
PRIVATE_EXPORTS: dict[str, tuple[str, ...] | None] = {
    "_batch_response": None,  # None: the module's whole __all__
    "_http": ("CaseInsensitiveMapping",),
}

HEADER = '''"""Public event name -> the module of ``lambda_runtime.events`` that defines it.

Generated from each family module's ``__all__`` by ``python -m tools.events_exports``; do not edit.
"""

EXPORTS: dict[str, str] = {
'''


def family_modules() -> list[str]:
    """The modules whose ``__all__`` is exported whole, in name order."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules(events.__path__)
        if not info.name.startswith("_") and info.name not in NOT_EXPORTED
    )


def exports() -> dict[str, str]:
    table: dict[str, str] = {}
    sources: list[tuple[str, tuple[str, ...] | None]] = [
        *PRIVATE_EXPORTS.items(),
        *((name, None) for name in family_modules()),
    ]
    for module_name, only in sources:
        module = importlib.import_module(f"{events.__name__}.{module_name}")
        for name in only if only is not None else module.__all__:
            if name in table:
                raise SystemExit(f"{name} is exported by both {table[name]} and {module_name}")
            table[name] = module_name
    return table


def render() -> str:
    lines = [f'    "{name}": "{module}",\n' for name, module in exports().items()]
    return HEADER + "".join(lines) + "}\n"


def main() -> None:
    text = render()
    if TABLE_PATH.read_text() != text:
        TABLE_PATH.write_text(text)
        print(f"wrote {TABLE_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
