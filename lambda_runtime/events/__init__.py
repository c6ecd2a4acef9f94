"""Typed AWS Lambda events and responses: ``from lambda_runtime.events import SQSEvent``.

Every class wraps the parsed JSON document without copying or walking it and exposes typed, snake_case
attributes; ``cls.from_dict(doc)`` / ``obj.to_dict()`` is the runtime's decode/encode protocol, and
``to_dict()`` gives back the very document (fields nobody modelled survive).

Rules:
- Importing this package imports no family module. Names resolve on first use through the generated
  table ``_exports.EXPORTS`` (name -> module), written from each module's ``__all__`` by
  ``python -m tools.events_exports``; a test fails when the table is stale.
- mypy sees the real classes through one star import per family module below; a test holds that list
  equal to the table's modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lambda_runtime.events._base import EventDecodeError, EventObject, EventResponse, MissingFieldError
from lambda_runtime.events._exports import EXPORTS as _EXPORTS

if TYPE_CHECKING:
    # ruff: noqa: F403
    from lambda_runtime.events._batch_response import *
    from lambda_runtime.events._http import CaseInsensitiveMapping as CaseInsensitiveMapping
    from lambda_runtime.events.alb import *
    from lambda_runtime.events.api_gateway import *
    from lambda_runtime.events.appsync import *
    from lambda_runtime.events.authorizers import *
    from lambda_runtime.events.autoscaling import *
    from lambda_runtime.events.bedrock import *
    from lambda_runtime.events.clientvpn import *
    from lambda_runtime.events.cloudformation import *
    from lambda_runtime.events.cloudwatch import *
    from lambda_runtime.events.cloudwatch_alarms import *
    from lambda_runtime.events.code_services import *
    from lambda_runtime.events.cognito import *
    from lambda_runtime.events.config_rules import *
    from lambda_runtime.events.connect import *
    from lambda_runtime.events.documentdb import *
    from lambda_runtime.events.dynamodb import *
    from lambda_runtime.events.ecr import *
    from lambda_runtime.events.ecs import *
    from lambda_runtime.events.function_url import *
    from lambda_runtime.events.iot import *
    from lambda_runtime.events.kafka import *
    from lambda_runtime.events.kinesis import *
    from lambda_runtime.events.kinesis_analytics import *
    from lambda_runtime.events.lex import *
    from lambda_runtime.events.mq import *
    from lambda_runtime.events.s3 import *
    from lambda_runtime.events.secrets_manager import *
    from lambda_runtime.events.ses import *
    from lambda_runtime.events.sns import *
    from lambda_runtime.events.sqs import *
    from lambda_runtime.events.vpc_lattice import *

__all__ = ["EventDecodeError", "EventObject", "EventResponse", "MissingFieldError", *_EXPORTS]  # noqa: PLE0604


# Runtime only: under a type checker every public name is a real import above, and a misspelt name
# must be an error rather than ``Any``.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module_name = _EXPORTS.get(name)
        if module_name is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(__all__)
