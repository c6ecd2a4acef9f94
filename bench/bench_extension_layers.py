"""The shipped extension layers' sizes, botocore's service models trimmed and not.

For each shipped extension (``lambda-runtime build --extension NAME``), builds the layer twice for one
target: as shipped (models trimmed to the services it calls) and with ``--botocore-services all``. Prints the
zipped and unzipped sizes (MB = 2**20 bytes, as Lambda's quotas) and the botocore version pip installed.
pip's index serves the wheels; pass ``--find-links DIR`` to work offline.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import zipfile
from pathlib import Path

from lambda_runtime.build.deps import Target
from lambda_runtime.build.extension import BUILTIN, build_extension
from lambda_runtime.build.report import size_report

_MB = 2**20


def _botocore_version(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            found = re.search(r"/botocore-([^/]+)\.dist-info/", name)
            if found:
                return found.group(1)
    return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--arch", default="x86_64", choices=["x86_64", "arm64"])
    parser.add_argument("--python-version", default="3.12")
    parser.add_argument("--no-pyc", action="store_true", help="layers without .pyc files")
    parser.add_argument("--find-links", help="a folder of wheels: install offline from it")
    args = parser.parse_args()
    if args.find_links:
        os.environ["PIP_NO_INDEX"] = "1"
        os.environ["PIP_FIND_LINKS"] = args.find_links
    target = Target(arch=args.arch, python_version=args.python_version)
    print(f"target: CPython {target.python_version} {target.arch}, .pyc: {'no' if args.no_pyc else 'yes'}")
    print("| layer | botocore models | zipped MB | unzipped MB |")
    print("|---|---|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bench-extension-layers-") as tmp:
        for name, builtin in BUILTIN.items():
            for label, services in (("all ({version})", ["all"]), (", ".join(builtin.services), None)):
                out = Path(tmp) / name / ("all" if services else "trimmed")
                path = build_extension(
                    name, None, None, out, target, None, lambda _message: None,
                    botocore_services=services, pyc=not args.no_pyc,
                )  # fmt: skip
                report = size_report(path)
                shown = label.format(version=_botocore_version(path))
                print(f"| {name} | {shown} | {report.zipped / _MB:.2f} | {report.unzipped / _MB:.2f} |")


if __name__ == "__main__":
    main()
