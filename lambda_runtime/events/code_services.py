"""AWS developer tools: CodePipeline jobs (the Lambda invoke action), and the CodePipeline, CodeCommit,
CodeBuild and CodeDeploy notifications (EventBridge events and CodeCommit triggers)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambda_runtime.events._base import (
    EventObject,
    Field,
    ListOf,
    Obj,
    OptionalField,
    OptionalListOf,
    OptionalObj,
)
from lambda_runtime.events._decode import parse_json
from lambda_runtime.events._shapes import EventBridgeEnvelope

__all__ = [
    "CodeBuildArtifact",
    "CodeBuildEnvironment",
    "CodeBuildEnvironmentVariable",
    "CodeBuildEvent",
    "CodeBuildEventAdditionalInformation",
    "CodeBuildEventDetail",
    "CodeBuildLogs",
    "CodeBuildPhase",
    "CodeBuildSource",
    "CodeCommitCodeCommit",
    "CodeCommitEvent",
    "CodeCommitRecord",
    "CodeCommitReference",
    "CodeDeployEvent",
    "CodeDeployEventDetail",
    "CodeDeployLifecycleHookEvent",
    "CodePipelineActionConfiguration",
    "CodePipelineArtifact",
    "CodePipelineArtifactCredentials",
    "CodePipelineArtifactLocation",
    "CodePipelineCloudWatchEvent",
    "CodePipelineConfiguration",
    "CodePipelineData",
    "CodePipelineEvent",
    "CodePipelineEventBridgeEvent",
    "CodePipelineEventDetail",
    "CodePipelineEventDetailExecutionResult",
    "CodePipelineEventDetailType",
    "CodePipelineJob",
    "CodePipelineJobEvent",
    "CodePipelineS3Location",
]


# ---- CodePipeline job (the "AWS Lambda" invoke action) -------------------------------------------


class CodePipelineConfiguration(EventObject):
    __slots__ = ()
    function_name = Field[str]("FunctionName")
    user_parameters = OptionalField[str]("UserParameters")

    def user_parameters_json(self) -> Any:
        """``UserParameters`` parsed as JSON (a common convention; ``None`` when absent)."""
        text = self.user_parameters
        return None if text is None else parse_json(text, "CodePipelineConfiguration.UserParameters")


class CodePipelineActionConfiguration(EventObject):
    __slots__ = ()
    configuration = Obj("configuration", CodePipelineConfiguration)


class CodePipelineS3Location(EventObject):
    __slots__ = ()
    bucket_name = Field[str]("bucketName")
    object_key = Field[str]("objectKey")


class CodePipelineArtifactLocation(EventObject):
    __slots__ = ()
    s3_location = OptionalObj("s3Location", CodePipelineS3Location)
    type = Field[str]("type")  # S3


class CodePipelineArtifact(EventObject):
    __slots__ = ()
    location = Obj("location", CodePipelineArtifactLocation)
    revision = OptionalField[str]("revision")
    name = Field[str]("name")


class CodePipelineArtifactCredentials(EventObject):
    __slots__ = ()
    secret_access_key = Field[str]("secretAccessKey")
    session_token = Field[str]("sessionToken")
    access_key_id = Field[str]("accessKeyId")
    expiration_time = OptionalField[int]("expirationTime")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(access_key_id={self._doc.get('accessKeyId')!r}, <secret hidden>)"


class CodePipelineData(EventObject):
    __slots__ = ()
    action_configuration = Obj("actionConfiguration", CodePipelineActionConfiguration)
    input_artifacts = ListOf("inputArtifacts", CodePipelineArtifact)
    output_artifacts = ListOf("outputArtifacts", CodePipelineArtifact)
    artifact_credentials = OptionalObj("artifactCredentials", CodePipelineArtifactCredentials)
    continuation_token = OptionalField[str]("continuationToken")
    encryption_key = OptionalField[dict[str, Any]]("encryptionKey")


class CodePipelineJob(EventObject):
    __slots__ = ()
    id = Field[str]("id")
    account_id = Field[str]("accountId")
    data = Obj("data", CodePipelineData)


class CodePipelineJobEvent(EventObject):
    """Report the outcome with the CodePipeline API (PutJobSuccessResult / PutJobFailureResult)."""

    __slots__ = ()
    codepipeline_job = Obj("CodePipeline.job", CodePipelineJob)


CodePipelineEvent = CodePipelineJobEvent


# ---- CodePipeline state changes (EventBridge) ------------------------------------------------------


class CodePipelineEventDetailType(EventObject):
    __slots__ = ()
    owner = Field[str]("owner")
    category = Field[str]("category")
    provider = Field[str]("provider")
    version = Field[int | str]("version")


class CodePipelineEventDetailExecutionResult(EventObject):
    __slots__ = ()
    external_execution_url = OptionalField[str]("external-execution-url")
    external_execution_summary = OptionalField[str]("external-execution-summary")
    external_execution_id = OptionalField[str]("external-execution-id")
    error_code = OptionalField[str]("error-code")


class CodePipelineEventDetail(EventObject):
    __slots__ = ()
    pipeline = Field[str]("pipeline")
    version = OptionalField[int]("version")
    execution_id = Field[str]("execution-id")
    stage = OptionalField[str]("stage")  # stage and action events
    action = OptionalField[str]("action")  # action events
    state = Field[str]("state")  # STARTED, SUCCEEDED, RESUMED, FAILED, CANCELED, SUPERSEDED
    region = OptionalField[str]("region")
    type = OptionalObj("type", CodePipelineEventDetailType)
    execution_result = OptionalObj("execution-result", CodePipelineEventDetailExecutionResult)


class CodePipelineCloudWatchEvent(EventBridgeEnvelope):
    """Pipeline, stage and action execution state changes; ``detail_type`` says which."""

    __slots__ = ()
    detail = Obj("detail", CodePipelineEventDetail)


CodePipelineEventBridgeEvent = CodePipelineCloudWatchEvent


# ---- CodeCommit triggers -------------------------------------------------------------------------


class CodeCommitReference(EventObject):
    __slots__ = ()
    commit = Field[str]("commit")
    ref = Field[str]("ref")
    created = OptionalField[bool]("created")
    deleted = OptionalField[bool]("deleted")


class CodeCommitCodeCommit(EventObject):
    __slots__ = ()
    references = ListOf("references", CodeCommitReference)


class CodeCommitRecord(EventObject):
    __slots__ = ()
    event_id = Field[str]("eventId")
    event_version = Field[str]("eventVersion")
    event_time = Field[str]("eventTime")  # e.g. 2018-01-26T15:58:33.475+0000
    event_trigger_name = Field[str]("eventTriggerName")
    event_part_number = Field[int]("eventPartNumber")
    codecommit = Obj("codecommit", CodeCommitCodeCommit)
    event_name = Field[str]("eventName")
    event_trigger_config_id = Field[str]("eventTriggerConfigId")
    event_source_arn = Field[str]("eventSourceARN")
    user_identity_arn = Field[str]("userIdentityARN")
    event_source = Field[str]("eventSource")  # aws:codecommit
    aws_region = Field[str]("awsRegion")
    event_total_parts = Field[int]("eventTotalParts")
    custom_data = OptionalField[str]("customData")


class CodeCommitEvent(EventObject):
    __slots__ = ()
    records = ListOf("Records", CodeCommitRecord)

    def __iter__(self) -> Iterator[CodeCommitRecord]:
        return iter(self.records)


# ---- CodeBuild state and phase changes (EventBridge) -------------------------------------------


class CodeBuildArtifact(EventObject):
    __slots__ = ()
    md5sum = OptionalField[str]("md5sum")
    sha256sum = OptionalField[str]("sha256sum")
    location = OptionalField[str]("location")


class CodeBuildEnvironmentVariable(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    type = Field[str]("type")  # PLAINTEXT, PARAMETER_STORE, SECRETS_MANAGER
    value = Field[str]("value")


class CodeBuildEnvironment(EventObject):
    __slots__ = ()
    image = Field[str]("image")
    privileged_mode = OptionalField[bool]("privileged-mode")
    compute_type = Field[str]("compute-type")
    type = Field[str]("type")
    environment_variables = OptionalListOf("environment-variables", CodeBuildEnvironmentVariable)


class CodeBuildSource(EventObject):
    __slots__ = ()
    location = OptionalField[str]("location")
    type = Field[str]("type")


class CodeBuildLogs(EventObject):
    __slots__ = ()
    group_name = OptionalField[str]("group-name")
    stream_name = OptionalField[str]("stream-name")
    deep_link = OptionalField[str]("deep-link")


class CodeBuildPhase(EventObject):
    __slots__ = ()
    phase_context = OptionalField[list[Any]]("phase-context")
    start_time = Field[str]("start-time")  # e.g. "Sep 1, 2017 4:12:29 PM"
    end_time = OptionalField[str]("end-time")
    duration_in_seconds = OptionalField[float]("duration-in-seconds")
    phase_type = Field[str]("phase-type")
    phase_status = OptionalField[str]("phase-status")


class CodeBuildEventAdditionalInformation(EventObject):
    __slots__ = ()
    artifact = OptionalObj("artifact", CodeBuildArtifact)
    environment = OptionalObj("environment", CodeBuildEnvironment)
    timeout_in_minutes = OptionalField[float]("timeout-in-minutes")
    build_complete = OptionalField[bool]("build-complete")
    build_number = OptionalField[float]("build-number")
    initiator = OptionalField[str]("initiator")
    build_start_time = OptionalField[str]("build-start-time")
    source = OptionalObj("source", CodeBuildSource)
    source_version = OptionalField[str]("source-version")
    logs = OptionalObj("logs", CodeBuildLogs)
    phases = OptionalListOf("phases", CodeBuildPhase)


class CodeBuildEventDetail(EventObject):
    """State changes fill ``build_status``/``current_phase``; phase changes fill ``completed_phase*``."""

    __slots__ = ()
    build_status = OptionalField[str]("build-status")
    project_name = Field[str]("project-name")
    build_id = Field[str]("build-id")
    additional_information = OptionalObj("additional-information", CodeBuildEventAdditionalInformation)
    current_phase = OptionalField[str]("current-phase")
    current_phase_context = OptionalField[str]("current-phase-context")
    version = OptionalField[str]("version")
    completed_phase_status = OptionalField[str]("completed-phase-status")
    completed_phase = OptionalField[str]("completed-phase")
    completed_phase_context = OptionalField[str]("completed-phase-context")
    completed_phase_duration_seconds = OptionalField[float]("completed-phase-duration-seconds")
    completed_phase_start = OptionalField[str]("completed-phase-start")
    completed_phase_end = OptionalField[str]("completed-phase-end")


class CodeBuildEvent(EventBridgeEnvelope):
    __slots__ = ()
    STATE_CHANGE = "CodeBuild Build State Change"
    PHASE_CHANGE = "CodeBuild Build Phase Change"
    detail = Obj("detail", CodeBuildEventDetail)


# ---- CodeDeploy notifications and lifecycle hooks ----------------------------------------------


class CodeDeployEventDetail(EventObject):
    __slots__ = ()
    instance_group_id = OptionalField[str]("instanceGroupId")
    instance_id = OptionalField[str]("instanceId")  # instance events only
    region = OptionalField[str]("region")
    application = Field[str]("application")
    deployment_id = Field[str]("deploymentId")
    state = Field[str]("state")  # START, SUCCESS, FAILURE, STOP, READY
    deployment_group = Field[str]("deploymentGroup")


class CodeDeployEvent(EventBridgeEnvelope):
    """Deployment and instance state-change notifications."""

    __slots__ = ()
    DEPLOYMENT = "CodeDeploy Deployment State-change Notification"
    INSTANCE = "CodeDeploy Instance State-change Notification"
    detail = Obj("detail", CodeDeployEventDetail)


class CodeDeployLifecycleHookEvent(EventObject):
    """A Lambda/ECS deployment lifecycle hook (BeforeAllowTraffic, ...); answer with the CodeDeploy API
    PutLifecycleEventHookExecutionStatus."""

    __slots__ = ()
    deployment_id = Field[str]("DeploymentId")
    lifecycle_event_hook_execution_id = Field[str]("LifecycleEventHookExecutionId")
