"""Resolve ``_HANDLER`` to a handler, with the init errors AWS's Python runtime reports.

Accepted forms: ``module.function``, ``path/to/module.function`` (imported as ``path.to.module``), and
``module.ClassName`` for a LambdaBufferedHandler / LambdaStreamHandler subclass (instantiated once).
"""

from __future__ import annotations

import importlib
import sys

from lambda_runtime.protocol.errors import InitFault
from lambda_runtime.runtime.handlers.adapters import HandlerTarget, NotAHandlerError, adapt

__all__ = ["load_handler"]


def _split(spec: str) -> tuple[str, str]:
    module_path, dot, attribute = spec.strip().rpartition(".")
    if not dot or not module_path or not attribute:
        raise InitFault(
            f"Bad handler '{spec}': expected module.function, path/to/module.function or module.ClassName",
            error_type="Runtime.MalformedHandlerName",
        )
    module_name = module_path.replace("/", ".").strip(".")
    if not module_name or ".." in module_name:
        raise InitFault(
            f"Bad handler '{spec}': malformed module path", error_type="Runtime.MalformedHandlerName"
        )
    return module_name, attribute


def load_handler(spec: str, task_root: str) -> HandlerTarget:
    """Import and adapt the handler named by ``spec``; every failure is an InitFault."""
    module_name, attribute = _split(spec)
    if module_name.split(".")[0] in sys.builtin_module_names:
        raise InitFault(
            f"Cannot use built-in module {module_name} as a handler module",
            error_type="Runtime.BuiltInModuleConflict",
        )
    if task_root not in sys.path:
        sys.path.insert(0, task_root)
    # Any other exception raised by the module body propagates: it is reported under its own class name.
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as exc:
        where = f'  File "{exc.filename}", line {exc.lineno}\n    {(exc.text or "").strip()}\n'
        raise InitFault(
            f"Syntax error in module '{module_name}': {exc}",
            error_type="Runtime.UserCodeSyntaxError",
            stack_trace=(where,),
        ) from exc
    except ImportError as exc:
        raise InitFault(
            f"Unable to import module '{module_name}': {exc}", error_type="Runtime.ImportModuleError"
        ) from exc
    try:
        handler = getattr(module, attribute)
    except AttributeError:
        raise InitFault(
            f"Handler '{attribute}' missing on module '{module_name}'", error_type="Runtime.HandlerNotFound"
        ) from None
    # A handler class is instantiated by adapt; an exception from its __init__ keeps its own name.
    try:
        return adapt(handler)
    except NotAHandlerError as exc:
        raise InitFault(
            f"Handler '{attribute}' on module '{module_name}' is not usable: {exc}",
            error_type="Runtime.HandlerNotFound",
        ) from None
