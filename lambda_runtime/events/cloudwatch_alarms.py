"""Amazon CloudWatch alarms: the event an alarm's Lambda action sends (``CloudWatchAlarmEvent``) and the
alarm notification carried as JSON text in an SNS message (``CloudWatchAlarmSNSPayload``).

    alarms = CloudWatchAlarmSNSPayload.from_sns_event(sns_event)    # one per SNS record
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lambda_runtime.events._base import EventObject, Field, Obj, OptionalField, OptionalListOf, OptionalObj
from lambda_runtime.events._decode import parse_json

if TYPE_CHECKING:
    from lambda_runtime.events.sns import SNSEvent

__all__ = [
    "CloudWatchAlarmConfiguration",
    "CloudWatchAlarmData",
    "CloudWatchAlarmEvent",
    "CloudWatchAlarmEventMetric",
    "CloudWatchAlarmEventMetricDataQuery",
    "CloudWatchAlarmEventMetricStat",
    "CloudWatchAlarmSNSPayload",
    "CloudWatchAlarmState",
    "CloudWatchAlarmTrigger",
    "CloudWatchDimension",
    "CloudWatchMetric",
    "CloudWatchMetricDataQuery",
    "CloudWatchMetricStat",
]


# ---- the alarm's Lambda action (direct invocation) ----


class CloudWatchAlarmState(EventObject):
    __slots__ = ()
    value = Field[str]("value")  # OK, ALARM, INSUFFICIENT_DATA
    reason = OptionalField[str]("reason")
    reason_data = OptionalField[str]("reasonData")  # JSON text
    timestamp = Field[str]("timestamp")
    actions_suppressed_by = OptionalField[str]("actionsSuppressedBy")
    actions_suppressed_reason = OptionalField[str]("actionsSuppressedReason")

    def reason_data_json(self) -> Any:
        text = self.reason_data
        return None if text is None else parse_json(text, "CloudWatchAlarmState.reasonData")


class CloudWatchAlarmEventMetric(EventObject):
    __slots__ = ()
    namespace = OptionalField[str]("namespace")
    name = OptionalField[str]("name")
    dimensions = OptionalField[dict[str, str]]("dimensions")


class CloudWatchAlarmEventMetricStat(EventObject):
    __slots__ = ()
    metric = OptionalObj("metric", CloudWatchAlarmEventMetric)
    period = OptionalField[int]("period")
    stat = OptionalField[str]("stat")
    unit = OptionalField[str]("unit")


class CloudWatchAlarmEventMetricDataQuery(EventObject):
    __slots__ = ()
    id = Field[str]("id")
    metric_stat = OptionalObj("metricStat", CloudWatchAlarmEventMetricStat)
    expression = OptionalField[str]("expression")
    label = OptionalField[str]("label")
    return_data = OptionalField[bool]("returnData")


class CloudWatchAlarmConfiguration(EventObject):
    """Metric alarms carry ``metrics``; composite alarms carry ``alarm_rule`` and suppressor settings."""

    __slots__ = ()
    description = OptionalField[str]("description")
    metrics = OptionalListOf("metrics", CloudWatchAlarmEventMetricDataQuery)
    alarm_rule = OptionalField[str]("alarmRule")
    actions_suppressor = OptionalField[str]("actionsSuppressor")
    actions_suppressor_wait_period = OptionalField[int]("actionsSuppressorWaitPeriod")
    actions_suppressor_extension_period = OptionalField[int]("actionsSuppressorExtensionPeriod")


class CloudWatchAlarmData(EventObject):
    __slots__ = ()
    alarm_name = Field[str]("alarmName")
    state = Obj("state", CloudWatchAlarmState)
    previous_state = OptionalObj("previousState", CloudWatchAlarmState)
    configuration = OptionalObj("configuration", CloudWatchAlarmConfiguration)


class CloudWatchAlarmEvent(EventObject):
    __slots__ = ()
    source = Field[str]("source")  # aws.cloudwatch
    alarm_arn = Field[str]("alarmArn")
    account_id = Field[str]("accountId")
    time = Field[str]("time")
    region = Field[str]("region")
    alarm_data = Obj("alarmData", CloudWatchAlarmData)


# ---- the SNS notification payload ----


class CloudWatchDimension(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    value = Field[str]("value")


class CloudWatchMetric(EventObject):
    __slots__ = ()
    dimensions = OptionalListOf("Dimensions", CloudWatchDimension)
    metric_name = OptionalField[str]("MetricName")
    namespace = OptionalField[str]("Namespace")


class CloudWatchMetricStat(EventObject):
    __slots__ = ()
    metric = Obj("Metric", CloudWatchMetric)
    period = OptionalField[int]("Period")
    stat = OptionalField[str]("Stat")
    unit = OptionalField[str]("Unit")


class CloudWatchMetricDataQuery(EventObject):
    __slots__ = ()
    id = Field[str]("Id")
    expression = OptionalField[str]("Expression")
    label = OptionalField[str]("Label")
    metric_stat = OptionalObj("MetricStat", CloudWatchMetricStat)
    period = OptionalField[int]("Period")
    return_data = OptionalField[bool]("ReturnData")


class CloudWatchAlarmTrigger(EventObject):
    """Single-metric alarms fill ``metric_name``/``namespace``/``dimensions``; metric-math alarms
    fill ``metrics``."""

    __slots__ = ()
    period = OptionalField[int]("Period")
    evaluation_periods = OptionalField[int]("EvaluationPeriods")
    comparison_operator = OptionalField[str]("ComparisonOperator")
    threshold = OptionalField[float]("Threshold")
    treat_missing_data = OptionalField[str]("TreatMissingData")
    evaluate_low_sample_count_percentile = OptionalField[str]("EvaluateLowSampleCountPercentile")
    metrics = OptionalListOf("Metrics", CloudWatchMetricDataQuery)
    metric_name = OptionalField[str]("MetricName")
    namespace = OptionalField[str]("Namespace")
    statistic_type = OptionalField[str]("StatisticType")
    statistic = OptionalField[str]("Statistic")
    unit = OptionalField[str]("Unit")
    dimensions = OptionalListOf("Dimensions", CloudWatchDimension)


class CloudWatchAlarmSNSPayload(EventObject):
    __slots__ = ()
    alarm_name = Field[str]("AlarmName")
    alarm_description = OptionalField[str]("AlarmDescription")
    aws_account_id = Field[str]("AWSAccountId")
    alarm_configuration_updated_timestamp = OptionalField[str]("AlarmConfigurationUpdatedTimestamp")
    new_state_value = Field[str]("NewStateValue")
    new_state_reason = OptionalField[str]("NewStateReason")
    state_change_time = Field[str]("StateChangeTime")
    region = OptionalField[str]("Region")
    alarm_arn = OptionalField[str]("AlarmArn")
    old_state_value = OptionalField[str]("OldStateValue")
    ok_actions = OptionalField[list[str]]("OKActions")
    alarm_actions = OptionalField[list[str]]("AlarmActions")
    insufficient_data_actions = OptionalField[list[str]]("InsufficientDataActions")
    trigger = OptionalObj("Trigger", CloudWatchAlarmTrigger)

    @classmethod
    def from_sns_message(cls, message: str) -> CloudWatchAlarmSNSPayload:
        """Parse an SNS record's ``Message`` text; non-JSON or non-object text raises
        ``EventDecodeError``."""
        return cls.from_dict(parse_json(message, "CloudWatchAlarmSNSPayload (SNS Message)"))

    @classmethod
    def from_sns_event(cls, event: SNSEvent) -> list[CloudWatchAlarmSNSPayload]:
        """The alarm notification of every record of an SNS event, in order."""
        return [cls.from_sns_message(record.sns.message) for record in event.records]
