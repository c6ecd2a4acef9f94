"""Amazon EC2 Auto Scaling events from EventBridge: launch/terminate successes and failures and
lifecycle actions. ``detail`` differs per ``detail-type``; the common keys are typed, the rest are
read with ``detail.get(key)``."""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import EventObject, Obj, OptionalField
from lambda_runtime.events._shapes import EventBridgeEnvelope

__all__ = ["AutoScalingEvent", "AutoScalingEventDetail"]


class AutoScalingEventDetail(EventObject):
    __slots__ = ()
    auto_scaling_group_name = OptionalField[str]("AutoScalingGroupName")
    ec2_instance_id = OptionalField[str]("EC2InstanceId")
    # launch / terminate results
    status_code = OptionalField[str]("StatusCode")
    status_message = OptionalField[str]("StatusMessage")
    description = OptionalField[str]("Description")
    activity_id = OptionalField[str]("ActivityId")
    request_id = OptionalField[str]("RequestId")
    details = OptionalField[dict[str, Any]]("Details")
    cause = OptionalField[str]("Cause")
    start_time = OptionalField[str]("StartTime")
    end_time = OptionalField[str]("EndTime")
    # lifecycle actions
    lifecycle_action_token = OptionalField[str]("LifecycleActionToken")
    lifecycle_hook_name = OptionalField[str]("LifecycleHookName")
    lifecycle_transition = OptionalField[str]("LifecycleTransition")
    notification_metadata = OptionalField[str]("NotificationMetadata")
    origin = OptionalField[str]("Origin")
    destination = OptionalField[str]("Destination")


class AutoScalingEvent(EventBridgeEnvelope):
    __slots__ = ()
    LAUNCH_SUCCESSFUL = "EC2 Instance Launch Successful"
    LAUNCH_UNSUCCESSFUL = "EC2 Instance Launch Unsuccessful"
    TERMINATE_SUCCESSFUL = "EC2 Instance Terminate Successful"
    TERMINATE_UNSUCCESSFUL = "EC2 Instance Terminate Unsuccessful"
    LAUNCH_LIFECYCLE_ACTION = "EC2 Instance-launch Lifecycle Action"
    TERMINATE_LIFECYCLE_ACTION = "EC2 Instance-terminate Lifecycle Action"
    detail = Obj("detail", AutoScalingEventDetail)
