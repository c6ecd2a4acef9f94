"""What the emulator serves: one function's configuration, and the environment its runtime gets.

Rule: built once from the command line (or by a test), then read-only.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lambda_runtime.emulator.core.artifact import ArtifactSpec

__all__ = ["DEFAULT_COMMAND", "HIDDEN_FROM_EXTENSIONS", "FunctionConfig", "NameRule", "extension_environment"]

# The runtime each execution environment runs when no command is given: this project's bootstrap.
DEFAULT_COMMAND: tuple[str, ...] = (sys.executable, "-m", "lambda_runtime")

_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])

# Variables of the host passed through to the runtime: enough to find programs, libraries and a locale.
_PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "VIRTUAL_ENV", "SYSTEMROOT")


@dataclass(frozen=True, slots=True)
class NameRule:
    """A set of variable names given as exact names and name prefixes: ``name in rule``."""

    names: frozenset[str]
    prefixes: tuple[str, ...] = ()

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in self.names or name.startswith(self.prefixes))


# Section 2: what an extension does not see of the runtime's environment. The one place for this rule.
HIDDEN_FROM_EXTENSIONS = NameRule(
    names=frozenset(
        {
            "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME",
            "LAMBDA_RUNTIME_DIR",
            "LAMBDA_TASK_ROOT",
            "_HANDLER",
            "_X_AMZN_TRACE_ID",
        }
    ),
    prefixes=("AWS_XRAY_",),
)


@dataclass(frozen=True, slots=True)
class FunctionConfig:
    function_name: str = "function"
    handler: str = "lambda_function.handler"
    timeout_s: float = 3.0
    memory_mb: int = 128
    concurrency: int = 1
    task_root: Path = field(default_factory=Path.cwd)
    extensions_dir: Path | None = None
    command: tuple[str, ...] = DEFAULT_COMMAND
    # Given with --env; applied last, so they override everything else.
    env: Mapping[str, str] = field(default_factory=dict)
    init_timeout_s: float = 10.0
    # A streamed response may be this long (Lambda documents 200 MB); a buffered one MAX_PAYLOAD_BYTES.
    max_streamed_response_bytes: int = 200 * 1024 * 1024
    # Event invokes waiting for a free environment; one more is answered 429 TooManyRequestsException.
    max_queued_events: int = 100
    # The runtime's AWS_LAMBDA_RUNTIME_API carries its environment's secret path prefix (host:port/<token>).
    # False: plain host:port, for runtime clients that cannot take a path (awslambdaric's init/error uses
    # http.client); a connection without the prefix is then served only from the runtime's own process
    # tree (Linux /proc). Extensions always get the prefix.
    runtime_api_prefix: bool = True
    # Emulator HTTP connections (Invoke API and each Runtime API) close after this long without a next
    # request (idle keep-alive), or when a request head is not complete this long after its first byte.
    http_idle_timeout_s: float = 60.0
    http_header_timeout_s: float = 10.0
    region: str = "us-east-1"
    account_id: str = "123456789012"
    version: str = "$LATEST"
    # A built zip and layers run in Lambda's filesystem view (artifact.py); ``command`` is then unused.
    artifact: ArtifactSpec | None = None

    def __post_init__(self) -> None:
        if not self.function_name or "/" in self.function_name or ":" in self.function_name:
            raise ValueError(f"function name must be a plain name, not {self.function_name!r}")
        if self.timeout_s <= 0:
            raise ValueError(f"timeout must be positive, not {self.timeout_s}")
        if not 128 <= self.memory_mb <= 10240:
            raise ValueError(f"memory must be 128..10240 MB, not {self.memory_mb}")
        if self.concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, not {self.concurrency}")
        if not self.command:
            raise ValueError("the runtime command is empty")
        if self.max_queued_events < 0:
            raise ValueError(f"the Event queue size must not be negative, not {self.max_queued_events}")
        if self.http_idle_timeout_s <= 0 or self.http_header_timeout_s <= 0:
            raise ValueError("HTTP connection timeouts must be positive")
        if self.max_streamed_response_bytes < 1:
            raise ValueError(
                f"the streamed response limit must be positive, not {self.max_streamed_response_bytes}"
            )

    @property
    def function_arn(self) -> str:
        return f"arn:aws:lambda:{self.region}:{self.account_id}:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @staticmethod
    def new_log_stream_name() -> str:
        return time.strftime("%Y/%m/%d/", time.gmtime()) + f"[$LATEST]{secrets.token_hex(16)}"

    def runtime_environment(self, runtime_api: str, log_stream_name: str) -> dict[str, str]:
        """Section 1, "Environment a runtime reads", for one execution environment."""
        env = {name: os.environ[name] for name in _PASSED_THROUGH if name in os.environ}
        python_path = [str(self.task_root)]
        if os.environ.get("PYTHONPATH"):
            python_path.append(os.environ["PYTHONPATH"])
        # So the default runtime imports even from a checkout that is not pip-installed.
        python_path.append(_PACKAGE_PARENT)
        env.update(
            {
                "_HANDLER": self.handler,
                "LAMBDA_TASK_ROOT": str(self.task_root),
                "LAMBDA_RUNTIME_DIR": str(Path(sys.prefix)),
                "AWS_LAMBDA_RUNTIME_API": runtime_api,
                "AWS_LAMBDA_FUNCTION_NAME": self.function_name,
                "AWS_LAMBDA_FUNCTION_VERSION": self.version,
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(self.memory_mb),
                "AWS_LAMBDA_LOG_GROUP_NAME": self.log_group_name,
                "AWS_LAMBDA_LOG_STREAM_NAME": log_stream_name,
                "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
                "AWS_REGION": self.region,
                "AWS_DEFAULT_REGION": self.region,
                "AWS_EXECUTION_ENV": f"AWS_Lambda_python{sys.version_info[0]}.{sys.version_info[1]}",
                "AWS_ACCESS_KEY_ID": "AKIAEMULATOR00000000",
                "AWS_SECRET_ACCESS_KEY": "emulator-placeholder-secret",
                "AWS_SESSION_TOKEN": "emulator-placeholder-token",
                "TZ": ":UTC",
                "PYTHONPATH": os.pathsep.join(python_path),
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.env)
        return env


def extension_environment(runtime_env: Mapping[str, str], runtime_api: str | None = None) -> dict[str, str]:
    """An extension process's environment: the runtime's without ``HIDDEN_FROM_EXTENSIONS`` (the one place
    that filter is applied), plus ``AWS_LAMBDA_RUNTIME_API`` when given."""
    env = {name: value for name, value in runtime_env.items() if name not in HIDDEN_FROM_EXTENSIONS}
    if runtime_api is not None:
        env["AWS_LAMBDA_RUNTIME_API"] = runtime_api
    return env
