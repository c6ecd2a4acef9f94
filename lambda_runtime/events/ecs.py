"""Amazon ECS events from EventBridge: container instance state changes."""

from __future__ import annotations

from lambda_runtime.events._base import EventObject, Field, Obj, OptionalField, OptionalListOf, OptionalObj
from lambda_runtime.events._shapes import EventBridgeEnvelope

__all__ = [
    "ECSContainerInstanceEvent",
    "ECSContainerInstanceEventAttribute",
    "ECSContainerInstanceEventDetailType",
    "ECSContainerInstanceEventResource",
    "ECSContainerInstanceEventVersionInfo",
]


class ECSContainerInstanceEventAttribute(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    value = OptionalField[str]("value")


class ECSContainerInstanceEventResource(EventObject):
    __slots__ = ()
    name = Field[str]("name")  # CPU, MEMORY, PORTS, PORTS_UDP
    type = Field[str]("type")  # INTEGER, STRINGSET, ...
    integer_value = OptionalField[int]("integerValue")
    long_value = OptionalField[int]("longValue")
    double_value = OptionalField[float]("doubleValue")
    string_set_value = OptionalField[list[str]]("stringSetValue")


class ECSContainerInstanceEventVersionInfo(EventObject):
    __slots__ = ()
    agent_hash = OptionalField[str]("agentHash")
    agent_version = OptionalField[str]("agentVersion")
    docker_version = OptionalField[str]("dockerVersion")


class ECSContainerInstanceEventDetailType(EventObject):
    __slots__ = ()
    agent_connected = OptionalField[bool]("agentConnected")
    attributes = OptionalListOf("attributes", ECSContainerInstanceEventAttribute)
    cluster_arn = Field[str]("clusterArn")
    container_instance_arn = Field[str]("containerInstanceArn")
    ec2_instance_id = OptionalField[str]("ec2InstanceId")
    registered_resources = OptionalListOf("registeredResources", ECSContainerInstanceEventResource)
    remaining_resources = OptionalListOf("remainingResources", ECSContainerInstanceEventResource)
    status = Field[str]("status")  # ACTIVE, DRAINING, ...
    version = OptionalField[int]("version")
    version_info = OptionalObj("versionInfo", ECSContainerInstanceEventVersionInfo)
    updated_at = OptionalField[str]("updatedAt")


class ECSContainerInstanceEvent(EventBridgeEnvelope):
    __slots__ = ()
    detail = Obj("detail", ECSContainerInstanceEventDetailType)
