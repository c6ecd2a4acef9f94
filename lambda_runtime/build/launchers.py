"""The shell scripts the layers carry: an extension's launcher and the managed-runtime exec wrapper.

Rule: each script finds its own files from ``$0`` (so it runs wherever the layer is unpacked) and picks the
interpreter in bootstrap's order, adding the managed runtimes' ``/var/lang/bin/python3`` before ``python3`` on
PATH.
"""

from __future__ import annotations

__all__ = ["EXEC_WRAPPER", "extension_launcher"]

_FIND_PYTHON = """python=${LAMBDA_RUNTIME_PYTHON:-}
for candidate in "${LAMBDA_TASK_ROOT:-/var/task}/python/bin/python3" /opt/python/bin/python3; do
    if [ -z "$python" ] && [ -x "$candidate" ]; then
        python=$candidate
        export LD_LIBRARY_PATH="${candidate%/bin/python3}/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    fi
done
if [ -z "$python" ] && [ -x /var/lang/bin/python3 ]; then python=/var/lang/bin/python3; fi
"""

_EXTENSION = """#!/bin/sh
# Lambda starts every executable in /opt/extensions before the runtime; this one runs the Python module
# {module} from the layer's {name}/ folder, with only that folder on PYTHONPATH.
root=$(cd "${{0%/*}}/.." && pwd)
{find_python}export PYTHONPATH="$root/{name}"
exec "${{python:-python3}}" -u -m {module} "$@"
"""

EXEC_WRAPPER = """#!/bin/sh
# Set AWS_LAMBDA_EXEC_WRAPPER=/opt/lambda-runtime-wrapper on a managed python3.x function: Lambda runs this
# script with its own runtime command as arguments; the script runs lambda-runtime instead, on the managed
# runtime's interpreter (/var/lang/bin/python3), with the layer's packages after the function's code.
here=$(cd "${0%/*}" && pwd)
python=${LAMBDA_RUNTIME_PYTHON:-/var/lang/bin/python3}
[ -x "$python" ] || python=python3
export PYTHONPATH="${LAMBDA_TASK_ROOT:-/var/task}:$here/python${PYTHONPATH:+:$PYTHONPATH}"
exec "$python" -u -m lambda_runtime
"""


def extension_launcher(name: str, module: str) -> bytes:
    return _EXTENSION.format(name=name, module=module, find_python=_FIND_PYTHON).encode()
