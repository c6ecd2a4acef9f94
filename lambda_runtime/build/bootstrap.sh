#!/bin/sh
# Entry point for the provided.al2023 (OS-only) runtime: Lambda runs this file from the package root.
# The interpreter, first found wins: $LAMBDA_RUNTIME_PYTHON, a bundled one in the package (python/bin/python3),
# one in a layer (/opt/python/bin/python3), python3 on PATH.
case "$0" in */*) here=${0%/*} ;; *) here=. ;; esac
here=$(cd "$here" && pwd)
python=${LAMBDA_RUNTIME_PYTHON:-}
for candidate in "$here/python/bin/python3" /opt/python/bin/python3; do
    if [ -z "$python" ] && [ -x "$candidate" ]; then
        python=$candidate
        # A relocated interpreter's shared libpython sits in its own lib/.
        export LD_LIBRARY_PATH="${candidate%/bin/python3}/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    fi
done
# Dependencies live beside this file or in a layer's /opt/python.
export PYTHONPATH="${LAMBDA_TASK_ROOT:-$here}:$here:/opt/python${PYTHONPATH:+:$PYTHONPATH}"
exec "${python:-python3}" -u -m lambda_runtime "$@"
