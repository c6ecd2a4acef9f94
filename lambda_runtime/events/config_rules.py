"""AWS Config custom rules: the evaluation event (``ConfigEvent``). ``invokingEvent`` and
``ruleParameters`` are JSON text; the methods parse them."""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import EventObject, Field, OptionalField
from lambda_runtime.events._decode import parse_json

__all__ = ["ConfigEvent"]


class ConfigEvent(EventObject):
    __slots__ = ()
    account_id = Field[str]("accountId")
    config_rule_arn = OptionalField[str]("configRuleArn")
    config_rule_id = OptionalField[str]("configRuleId")
    config_rule_name = Field[str]("configRuleName")
    event_left_scope = OptionalField[bool]("eventLeftScope")
    execution_role_arn = OptionalField[str]("executionRoleArn")
    invoking_event = Field[str]("invokingEvent")  # JSON text
    result_token = Field[str]("resultToken")
    rule_parameters = OptionalField[str]("ruleParameters")  # JSON text
    version = Field[str]("version")
    evaluation_mode = OptionalField[str]("evaluationMode")

    def invoking_event_json(self) -> dict[str, Any]:
        """``invokingEvent`` parsed (configurationItem, messageType, notificationCreationTime, ...)."""
        value: dict[str, Any] = parse_json(self.invoking_event, "ConfigEvent.invokingEvent")
        return value

    def rule_parameters_json(self) -> dict[str, Any]:
        """``ruleParameters`` parsed; ``{}`` when the rule has none."""
        text = self.rule_parameters
        if not text:
            return {}
        value: dict[str, Any] = parse_json(text, "ConfigEvent.ruleParameters")
        return value
