"""Lambda's filesystem view for an unpacked artifact, and the environment its runtime reads there.

The view: the function at /var/task (read-only), the merged layers at /opt (read-only), a fresh /tmp per
environment (a tmpfs of the ephemeral storage size where the tool allows), the host's /usr, /etc and the
/bin, /sbin, /lib, /lib64 links or folders read-only (so an interpreter built on this host finds its system
libraries), /proc and a minimal /dev. Nothing else of the host: no /home, /root, /work, no checkout, no
virtual environment. The network namespace is shared: the Runtime API is on loopback.

Rules:
- Isolation, first that works: bubblewrap (``bwrap``); ``unshare`` with a mount namespace and ``chroot`` when
  root; otherwise path remapping, announced by one warning per process: LAMBDA_TASK_ROOT is the unpacked
  folder, the runtime starts there with a clean environment (PYTHONNOUSERSITE, no PYTHONPATH from the host),
  Lambda's PATH and LD_LIBRARY_PATH with /var/task and /opt replaced by the unpacked folders, and TMPDIR a
  fresh folder (no size limit, /var/task writable).
- The environment: the emulator's Lambda variables, minus what it passes through from the host (PATH, HOME,
  locale, TMPDIR, VIRTUAL_ENV, PYTHONPATH), plus Lambda's PATH, LD_LIBRARY_PATH, LANG, LAMBDA_TASK_ROOT and
  LAMBDA_RUNTIME_DIR; the ``--env`` values last.
- A probe runs each tool once per process before it is chosen (a tool can be installed yet refused by the
  kernel or a container's policy).
"""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from lambda_runtime.emulator.core.artifact import ArtifactError, ArtifactSpec, Launch, Unpacked, unpack

if TYPE_CHECKING:
    from lambda_runtime.emulator.config import FunctionConfig

__all__ = [
    "LAMBDA_LD_LIBRARY_PATH",
    "LAMBDA_PATH",
    "OPT",
    "TASK_ROOT",
    "available_isolation",
    "bwrap_argv",
    "extension_launchers",
    "isolation_for",
    "lambda_environment",
    "launch",
    "runtime_launch",
    "unshare_argv",
]

TASK_ROOT = "/var/task"
OPT = "/opt"
RUNTIME_DIR = "/var/runtime"
# AWS's base images (packaging.md).
LAMBDA_PATH = "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin"
LAMBDA_LD_LIBRARY_PATH = (
    "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib"
)
LAMBDA_LANG = "en_US.UTF-8"

# What the emulator takes from the host for a runtime run from a checkout; none of it exists on Lambda.
_HOST_VARIABLES = frozenset(
    {"PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "VIRTUAL_ENV", "SYSTEMROOT", "PYTHONPATH"}
)
# Read-only from the host: a host-built interpreter needs its system libraries and /etc (resolver, certs).
_HOST_FOLDERS = ("usr", "etc")
# Links on merged-/usr systems (copied as links), folders elsewhere (bound read-only).
_HOST_ROOT_ENTRIES = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")

_PROBE_TIMEOUT_S = 10.0
_warned: set[str] = set()


def _probe(argv: list[str]) -> bool:
    try:
        result = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=_PROBE_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


@functools.cache
def _bwrap() -> str | None:
    path = shutil.which("bwrap")
    if path is None or not _probe([path, "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"]):
        return None
    return path


@functools.cache
def _bwrap_has_size() -> bool:
    path = _bwrap()
    if path is None:
        return False
    try:
        result = subprocess.run(
            [path, "--help"], capture_output=True, text=True, timeout=_PROBE_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return "--size" in result.stdout


@functools.cache
def _unshare_tools() -> tuple[str, str, str] | None:
    """unshare, mount and chroot, when this process is root and a mount namespace can be made."""
    if os.geteuid() != 0:
        return None
    search = os.defpath + ":/usr/sbin:/sbin"
    tools = [shutil.which(name, path=search) for name in ("unshare", "mount", "chroot")]
    unshare, mount, chroot = tools
    if unshare is None or mount is None or chroot is None:
        return None
    if not _probe([unshare, "--mount", "--propagation", "private", "true"]):
        return None
    return unshare, mount, chroot


def available_isolation() -> str:
    """The isolation "auto" picks here: "bwrap", "unshare" or "remap"."""
    if _bwrap() is not None:
        return "bwrap"
    if _unshare_tools() is not None:
        return "unshare"
    return "remap"


def isolation_for(spec: ArtifactSpec) -> str:
    """The isolation ``spec`` asks for, checked; "auto" picks. ``ArtifactError`` when the tool is unusable."""
    if spec.isolation == "auto":
        return available_isolation()
    if spec.isolation == "bwrap" and _bwrap() is None:
        raise ArtifactError("bubblewrap (bwrap) is not installed or cannot create namespaces here")
    if spec.isolation == "unshare" and _unshare_tools() is None:
        raise ArtifactError(
            "unshare with a mount namespace needs root and util-linux's unshare, mount and chroot"
        )
    return spec.isolation


def _warn_remap() -> None:
    if "remap" not in _warned:
        _warned.add("remap")
        print(
            "lambda-runtime emulate: warning: Lambda's filesystem view is approximated by path remapping "
            "(no usable bubblewrap, nor unshare as root): the function runs from the unpacked folder "
            "(LAMBDA_TASK_ROOT), /var/task stays writable and /tmp is not size-limited",
            file=sys.stderr,
        )


def lambda_environment(
    runtime_env: Mapping[str, str],
    overrides: Mapping[str, str],
    *,
    task_root: str = TASK_ROOT,
    opt: str = OPT,
) -> dict[str, str]:
    """The runtime's environment in the view (module docstring); ``task_root``/``opt`` remap the paths."""

    def remap(value: str) -> str:
        parts = []
        for entry in value.split(":"):
            if entry == TASK_ROOT or entry.startswith(TASK_ROOT + "/"):
                parts.append(task_root + entry[len(TASK_ROOT) :])
            elif entry == OPT or entry.startswith(OPT + "/"):
                parts.append(opt + entry[len(OPT) :])
            else:
                parts.append(entry)
        return ":".join(parts)

    env = {name: value for name, value in runtime_env.items() if name not in _HOST_VARIABLES}
    env.update(
        {
            "PATH": remap(LAMBDA_PATH),
            "LD_LIBRARY_PATH": remap(LAMBDA_LD_LIBRARY_PATH),
            "LANG": LAMBDA_LANG,
            "LAMBDA_TASK_ROOT": task_root,
            "LAMBDA_RUNTIME_DIR": RUNTIME_DIR,
        }
    )
    env.update(overrides)
    return env


def _host_root_arguments() -> list[str]:
    argv: list[str] = []
    for name in _HOST_FOLDERS:
        argv += ["--ro-bind", f"/{name}", f"/{name}"]
    for name in _HOST_ROOT_ENTRIES:
        path = Path("/", name)
        if path.is_symlink():
            argv += ["--symlink", os.readlink(path), f"/{name}"]
        elif path.is_dir():
            argv += ["--ro-bind", f"/{name}", f"/{name}"]
    return argv


def bwrap_argv(bwrap: str, unpacked: Unpacked, tmp_mb: int, command: list[str], *, sized: bool) -> list[str]:
    argv = [bwrap, "--die-with-parent", *_host_root_arguments(), "--proc", "/proc", "--dev", "/dev"]
    if sized:
        argv += ["--size", str(tmp_mb * 1024 * 1024)]
    argv += ["--perms", "1777", "--tmpfs", "/tmp"] if sized else ["--tmpfs", "/tmp"]
    argv += ["--ro-bind", str(unpacked.task), TASK_ROOT, "--ro-bind", str(unpacked.opt), OPT]
    argv += ["--dir", RUNTIME_DIR, "--chdir", TASK_ROOT, "--", *command]
    return argv


# Runs in a fresh mount namespace (private propagation): builds the view on a tmpfs at $1, then chroots.
_UNSHARE_SCRIPT = r"""
set -e
root=$1 task=$2 opt=$3 size=$4 mount=$5 chroot=$6
shift 6
"$mount" -t tmpfs -o mode=0755 lambda-root "$root"
ro_bind() {
    mkdir -p "$root$2"
    "$mount" --rbind "$1" "$root$2"
    "$mount" -o remount,bind,ro "$root$2"
}
ro_bind /usr /usr
ro_bind /etc /etc
for name in bin sbin lib lib32 lib64 libx32; do
    if [ -L "/$name" ]; then
        ln -s "$(readlink "/$name")" "$root/$name"
    elif [ -d "/$name" ]; then
        ro_bind "/$name" "/$name"
    fi
done
ro_bind "$task" /var/task
ro_bind "$opt" /opt
mkdir -p "$root/tmp" "$root/proc" "$root/dev" "$root/var/runtime"
"$mount" -t tmpfs -o "size=${size}m,mode=1777" lambda-tmp "$root/tmp"
"$mount" -t proc proc "$root/proc"
"$mount" --rbind /dev "$root/dev"
exec "$chroot" "$root" /bin/sh -c 'cd /var/task && exec "$@"' sh "$@"
"""


def unshare_argv(
    tools: tuple[str, str, str], unpacked: Unpacked, tmp_mb: int, command: list[str]
) -> list[str]:
    unshare, mount, chroot = tools
    new_root = unpacked.root / "root"
    new_root.mkdir(exist_ok=True)
    return [
        unshare,
        "--mount",
        "--propagation",
        "private",
        "--",
        "/bin/sh",
        "-c",
        _UNSHARE_SCRIPT,
        "sh",
        str(new_root),
        str(unpacked.task),
        str(unpacked.opt),
        str(tmp_mb),
        mount,
        chroot,
        *command,
    ]


def _view_argv(spec: ArtifactSpec, unpacked: Unpacked, isolation: str, command: list[str]) -> list[str]:
    """``command`` (paths as the view names them) run in the view; remap: the command itself."""
    if isolation == "bwrap":
        bwrap = _bwrap()
        assert bwrap is not None
        return bwrap_argv(bwrap, unpacked, spec.ephemeral_storage_mb, command, sized=_bwrap_has_size())
    if isolation == "unshare":
        tools = _unshare_tools()
        assert tools is not None
        return unshare_argv(tools, unpacked, spec.ephemeral_storage_mb, command)
    return command


def launch(
    spec: ArtifactSpec,
    unpacked: Unpacked,
    runtime_env: Mapping[str, str],
    overrides: Mapping[str, str],
    *,
    name: str = "",
) -> Launch:
    """The artifact's ``bootstrap`` for one environment, in the view ``spec`` asks for."""
    isolation = isolation_for(spec)
    if isolation != "remap":
        argv = _view_argv(spec, unpacked, isolation, [f"{TASK_ROOT}/bootstrap"])
        return Launch(tuple(argv), lambda_environment(runtime_env, overrides), unpacked.root)
    _warn_remap()
    env = _remapped_environment(unpacked, runtime_env, overrides, name)
    return Launch((str(unpacked.bootstrap),), env, unpacked.task)


def _remapped_environment(
    unpacked: Unpacked, runtime_env: Mapping[str, str], overrides: Mapping[str, str], name: str
) -> dict[str, str]:
    env = lambda_environment(runtime_env, {}, task_root=str(unpacked.task), opt=str(unpacked.opt))
    env["PYTHONNOUSERSITE"] = "1"
    env["TMPDIR"] = tempfile.mkdtemp(prefix=f"tmp-{name or 'env'}-", dir=unpacked.root)
    layer_python = unpacked.opt / "python" / "bin" / "python3"
    if layer_python.is_file() and not (unpacked.task / "python" / "bin" / "python3").is_file():
        # bootstrap looks for /opt/python/bin/python3, which is elsewhere here.
        env["LAMBDA_RUNTIME_PYTHON"] = str(layer_python)
        env["LD_LIBRARY_PATH"] = f"{unpacked.opt}/python/lib:{env['LD_LIBRARY_PATH']}"
    env.update(overrides)
    return env


def extension_launchers(spec: ArtifactSpec, overrides: Mapping[str, str]) -> Path | None:
    """A folder for ``--extensions-dir``: for each executable ``/opt/extensions/NAME`` of the layers, a
    launcher ``NAME`` that runs it in the view (its own /tmp), with Lambda's variables instead of the
    host's and the ``--env`` values. None when the layers bring no extension."""
    unpacked = unpack(spec)
    source = unpacked.extensions_dir
    if source is None:
        return None
    names = sorted(p.name for p in source.iterdir() if p.is_file() and os.access(p, os.X_OK))
    if not names:
        return None
    isolation = isolation_for(spec)
    folder = Path(tempfile.mkdtemp(prefix="extensions-", dir=unpacked.root))
    for name in names:
        if isolation == "remap":
            _warn_remap()
            env = _remapped_environment(unpacked, {}, overrides, name)
            argv = [str(source / name)]
        else:
            env = lambda_environment({}, overrides)
            argv = _view_argv(spec, unpacked, isolation, [f"{OPT}/extensions/{name}"])
        env.pop("LAMBDA_TASK_ROOT", None)  # hidden from extensions
        unset = " ".join(f"-u {variable}" for variable in sorted(_HOST_VARIABLES))
        assignments = " ".join(shlex.quote(f"{key}={value}") for key, value in sorted(env.items()))
        script = folder / name
        script.write_text(
            "#!/bin/sh\n"
            f"# Runs the layer's extension {name} in Lambda's filesystem view.\n"
            f'exec /usr/bin/env {unset} {assignments} {shlex.join(argv)} "$@"\n'
        )
        script.chmod(0o755)
    return folder


def runtime_launch(config: FunctionConfig, runtime_env: Mapping[str, str], *, name: str = "") -> Launch:
    """What the spawn step runs for one environment: ``config.command`` in the task root, or, with an
    artifact, its ``bootstrap`` in Lambda's filesystem view (see ``launch``)."""
    artifact = config.artifact
    if artifact is None:
        return Launch(tuple(config.command), dict(runtime_env), config.task_root)
    return launch(artifact, unpack(artifact), runtime_env, config.env, name=name)
