"""The cache's settings: ``config.yaml`` (the sample's format) and the environment, read once.

Rules:
- ``CACHE_EXTENSION_TTL`` is a Go duration (``60m``, ``1h30m``, ``500ms``); without it
  ``CACHE_TIMEOUT_IN_MINUTES`` (minutes) counts; without either, 60 minutes.
- The config file is ``$CACHE_EXTENSION_CONFIG``, else ``config.yaml`` in ``$LAMBDA_TASK_ROOT`` (or
  ``/var/task``, since Lambda hides LAMBDA_TASK_ROOT from extensions). A missing file is an empty config;
  a malformed one is a ``ConfigError``.
- PyYAML is imported only when a file is read (after registration).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CacheSettings", "ConfigError", "DynamoItem", "ParameterGroup", "load_config", "parse_duration"]

SECRET_PREFIX = "/aws/reference/secretsmanager/"
_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_UNIT_S = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


class ConfigError(ValueError):
    pass


def parse_duration(text: str) -> float:
    """A Go ``time.ParseDuration`` string in seconds."""
    raw = text.strip()
    sign = 1.0
    if raw[:1] in "+-" and raw:
        sign = -1.0 if raw[0] == "-" else 1.0
        raw = raw[1:]
    if raw == "0":
        return 0.0
    if not raw:
        raise ConfigError(f"{text!r} is not a duration")
    total, position = 0.0, 0
    for match in _DURATION.finditer(raw):
        if match.start() != position:
            break
        total += float(match.group(1)) * _UNIT_S[match.group(2)]
        position = match.end()
    if position != len(raw):
        raise ConfigError(f"{text!r} is not a duration (like 60m, 1h30m, 500ms)")
    return sign * total


@dataclass(frozen=True, slots=True)
class ParameterGroup:
    region: str | None
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DynamoItem:
    table: str
    hash_key: str
    hash_key_type: str
    hash_key_value: str
    sort_key: str | None = None
    sort_key_type: str | None = None
    sort_key_value: str | None = None
    region: str | None = None

    @property
    def cache_key(self) -> str:
        """``<table>-<hashkeyvalue>-<sortkeyvalue>`` (without the sort part when there is none)."""
        parts = [self.table, self.hash_key_value]
        if self.sort_key_value is not None:
            parts.append(self.sort_key_value)
        return "-".join(parts)

    def key(self) -> dict[str, dict[str, str]]:
        key = {self.hash_key: {self.hash_key_type: self.hash_key_value}}
        if self.sort_key and self.sort_key_type and self.sort_key_value is not None:
            key[self.sort_key] = {self.sort_key_type: self.sort_key_value}
        return key


@dataclass(frozen=True, slots=True)
class CacheSettings:
    ttl_s: float = 3600.0
    port: int = 4000
    preload: bool = True
    parameters: tuple[ParameterGroup, ...] = ()
    dynamodb: tuple[DynamoItem, ...] = ()
    # The AWS Parameters and Secrets Lambda Extension's API.
    aws_api_port: int = 2773
    # PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED=false: port 2773 still answers, every request goes to AWS.
    aws_api_caching: bool = True
    ssm_ttl_s: float = 300.0
    secrets_ttl_s: float = 300.0
    max_entries: int = 1000
    session_token: str | None = None
    config_path: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> CacheSettings:
        if env.get("CACHE_EXTENSION_TTL"):
            ttl = parse_duration(env["CACHE_EXTENSION_TTL"])
        elif env.get("CACHE_TIMEOUT_IN_MINUTES"):
            ttl = _number(env, "CACHE_TIMEOUT_IN_MINUTES") * 60
        else:
            ttl = 3600.0
        if ttl < 0:
            raise ConfigError("the cache TTL cannot be negative")
        path = env.get("CACHE_EXTENSION_CONFIG") or os.path.join(
            env.get("LAMBDA_TASK_ROOT") or "/var/task", "config.yaml"
        )
        parameters, dynamodb, warnings = load_config(path)
        return cls(
            ttl_s=ttl,
            port=int(_number(env, "CACHE_EXTENSION_PORT", 4000)),
            preload=env.get("CACHE_EXTENSION_INIT_STARTUP", "true").strip().lower()
            not in ("false", "0", "no"),
            parameters=parameters,
            dynamodb=dynamodb,
            aws_api_port=int(_number(env, "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", 2773)),
            aws_api_caching=env.get("PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "true").strip().lower()
            != "false",
            ssm_ttl_s=min(_number(env, "SSM_PARAMETER_STORE_TTL", 300), 300),
            secrets_ttl_s=min(_number(env, "SECRETS_MANAGER_TTL", 300), 300),
            max_entries=int(min(max(_number(env, "PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE", 1000), 0), 1000)),
            session_token=env.get("AWS_SESSION_TOKEN"),
            config_path=path,
            warnings=warnings,
        )


def _number(env: Mapping[str, str], name: str, default: float | None = None) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        if default is None:
            raise ConfigError(f"{name} is required")
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None


def _text(doc: Mapping[str, Any], name: str, where: str, required: bool = True) -> str | None:
    value = doc.get(name)
    if value is None:
        if required:
            raise ConfigError(f"{where}: {name} is required")
        return None
    if isinstance(value, (dict, list)):
        raise ConfigError(f"{where}: {name} must be a scalar")
    return str(value)


def load_config(path: str) -> tuple[tuple[ParameterGroup, ...], tuple[DynamoItem, ...], tuple[str, ...]]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return (), (), (f"no {path}: nothing to preload",)
    import yaml

    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(doc, dict):
        raise ConfigError(f"{path} must be a mapping with parameters / dynamodb / secrets")
    groups: list[ParameterGroup] = []
    for section, prefix in (("parameters", ""), ("secrets", SECRET_PREFIX)):
        for index, group in enumerate(doc.get(section) or []):
            where = f"{path}: {section}[{index}]"
            if not isinstance(group, dict) or not isinstance(group.get("names"), list):
                raise ConfigError(f"{where} must be a mapping with a list of names")
            names = tuple(
                name if name.startswith(SECRET_PREFIX) else prefix + name
                for name in (str(n) for n in group["names"])
            )
            groups.append(ParameterGroup(_text(group, "region", where, required=False), names))
    items: list[DynamoItem] = []
    for index, item in enumerate(doc.get("dynamodb") or []):
        where = f"{path}: dynamodb[{index}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where} must be a mapping")
        items.append(
            DynamoItem(
                table=str(_text(item, "table", where)),
                hash_key=str(_text(item, "hashkey", where)),
                hash_key_type=str(_text(item, "hashkeytype", where) or "S").upper(),
                hash_key_value=str(_text(item, "hashkeyvalue", where)),
                sort_key=_text(item, "sortkey", where, required=False),
                sort_key_type=(_text(item, "sortkeytype", where, required=False) or "S").upper(),
                sort_key_value=_text(item, "sortkeyvalue", where, required=False),
                region=_text(item, "region", where, required=False),
            )
        )
    return tuple(groups), tuple(items), ()
