"""The runtime's environment, read once at start into typed values."""

from __future__ import annotations

import os
from collections.abc import Mapping

from lambda_runtime._record import Record, set_field
from lambda_runtime.protocol.runtime_api import Endpoint

__all__ = ["FunctionInfo", "RuntimeConfig"]


class ConfigError(Exception):
    """The environment lacks something the runtime cannot start without."""


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, "")
    try:
        return int(text)
    except ValueError:
        return default


class FunctionInfo(Record):
    """What every invocation of this function shares (the static half of a Context)."""

    __slots__ = (
        "function_name",
        "function_version",
        "log_group_name",
        "log_stream_name",
        "memory_limit_in_mb",
    )
    function_name: str
    function_version: str
    memory_limit_in_mb: int
    log_group_name: str
    log_stream_name: str

    def __init__(
        self,
        function_name: str = "function",
        function_version: str = "$LATEST",
        memory_limit_in_mb: int = 128,
        log_group_name: str = "",
        log_stream_name: str = "",
    ) -> None:
        set_field(self, "function_name", function_name)
        set_field(self, "function_version", function_version)
        set_field(self, "memory_limit_in_mb", memory_limit_in_mb)
        set_field(self, "log_group_name", log_group_name)
        set_field(self, "log_stream_name", log_stream_name)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> FunctionInfo:
        name = env.get("AWS_LAMBDA_FUNCTION_NAME", "function")
        return cls(
            function_name=name,
            function_version=env.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
            memory_limit_in_mb=_int(env, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", 128),
            log_group_name=env.get("AWS_LAMBDA_LOG_GROUP_NAME", f"/aws/lambda/{name}"),
            log_stream_name=env.get("AWS_LAMBDA_LOG_STREAM_NAME", ""),
        )


class RuntimeConfig(Record):
    __slots__ = ("endpoint", "function", "handler", "task_root")
    endpoint: Endpoint
    handler: str
    task_root: str
    function: FunctionInfo

    def __init__(
        self,
        endpoint: Endpoint,
        handler: str,
        task_root: str,
        function: FunctionInfo,
    ) -> None:
        set_field(self, "endpoint", endpoint)
        set_field(self, "handler", handler)
        set_field(self, "task_root", task_root)
        set_field(self, "function", function)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RuntimeConfig:
        env = os.environ if env is None else env
        api = env.get("AWS_LAMBDA_RUNTIME_API")
        if not api:
            raise ConfigError(
                "AWS_LAMBDA_RUNTIME_API is not set: run under Lambda or `lambda-runtime emulate`"
            )
        return cls(
            endpoint=Endpoint.parse(api),
            handler=env.get("_HANDLER", ""),
            task_root=env.get("LAMBDA_TASK_ROOT", os.getcwd()),
            function=FunctionInfo.from_env(env),
        )
