"""Amazon S3: event notifications, EventBridge S3 events, Batch Operations, Object Lambda.

Rule: object keys in notifications are URL-encoded (spaces as ``+``); ``S3Object.url_decoded_key``
decodes them, ``key`` is what S3 sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    ListOf,
    Obj,
    OptionalField,
    OptionalObj,
    compact,
)
from lambda_runtime.events.cloudwatch import EventBridgeEnvelope

__all__ = [
    "S3BatchJob",
    "S3BatchJobEvent",
    "S3BatchJobResponse",
    "S3BatchJobResult",
    "S3BatchJobTask",
    "S3Bucket",
    "S3Entity",
    "S3Event",
    "S3EventBridgeBucket",
    "S3EventBridgeDetail",
    "S3EventBridgeEvent",
    "S3EventBridgeObject",
    "S3EventRecord",
    "S3GlacierEventData",
    "S3Object",
    "S3ObjectLambdaConfiguration",
    "S3ObjectLambdaContext",
    "S3ObjectLambdaEvent",
    "S3ObjectLambdaUserRequest",
    "S3RestoreEventData",
    "S3UserIdentity",
]


class S3UserIdentity(EventObject):
    __slots__ = ()
    principal_id = Field[str]("principalId")


class S3Bucket(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    owner_identity = OptionalObj("ownerIdentity", S3UserIdentity)
    arn = Field[str]("arn")


class S3Object(EventObject):
    __slots__ = ()
    key = Field[str]("key")
    size = OptionalField[int]("size")  # absent for deletes
    version_id = OptionalField[str]("versionId")
    e_tag = OptionalField[str]("eTag")
    sequencer = OptionalField[str]("sequencer")

    @property
    def url_decoded_key(self) -> str:
        """The object key with S3's URL encoding undone (``+`` is a space)."""
        decoded = self._doc.get("urlDecodedKey")
        if isinstance(decoded, str):
            return decoded
        from urllib.parse import unquote_plus

        return unquote_plus(self.key)


class S3Entity(EventObject):
    __slots__ = ()
    schema_version = Field[str]("s3SchemaVersion")
    configuration_id = Field[str]("configurationId")
    bucket = Obj("bucket", S3Bucket)
    object = Obj("object", S3Object)


class S3RestoreEventData(EventObject):
    __slots__ = ()
    lifecycle_restoration_expiry_time = OptionalField[str]("lifecycleRestorationExpiryTime")
    lifecycle_restore_storage_class = OptionalField[str]("lifecycleRestoreStorageClass")


class S3GlacierEventData(EventObject):
    __slots__ = ()
    restore_event_data = OptionalObj("restoreEventData", S3RestoreEventData)


class S3EventRecord(EventObject):
    __slots__ = ()
    event_version = Field[str]("eventVersion")
    event_source = Field[str]("eventSource")
    aws_region = Field[str]("awsRegion")
    event_time = Field[str]("eventTime")
    event_name = Field[str]("eventName")  # e.g. ObjectCreated:Put
    user_identity = OptionalObj("userIdentity", S3UserIdentity)
    request_parameters = OptionalField[dict[str, str]]("requestParameters")
    response_elements = OptionalField[dict[str, str]]("responseElements")
    s3 = Obj("s3", S3Entity)
    glacier_event_data = OptionalObj("glacierEventData", S3GlacierEventData)
    restore_event_data = OptionalObj("restoreEventData", S3RestoreEventData)
    replication_event_data = OptionalField[dict[str, Any]]("replicationEventData")
    intelligent_tiering_event_data = OptionalField[dict[str, Any]]("intelligentTieringEventData")
    lifecycle_event_data = OptionalField[dict[str, Any]]("lifecycleEventData")


class S3Event(EventObject):
    """An S3 event notification (direct, or unwrapped from SQS/SNS)."""

    __slots__ = ()
    records = ListOf("Records", S3EventRecord)


class S3EventBridgeBucket(EventObject):
    __slots__ = ()
    name = Field[str]("name")


class S3EventBridgeObject(EventObject):
    __slots__ = ()
    key = Field[str]("key")
    size = OptionalField[int]("size")
    etag = OptionalField[str]("etag")
    version_id = OptionalField[str]("version-id")
    sequencer = OptionalField[str]("sequencer")


class S3EventBridgeDetail(EventObject):
    __slots__ = ()
    version = Field[str]("version")
    bucket = Obj("bucket", S3EventBridgeBucket)
    object = Obj("object", S3EventBridgeObject)
    request_id = OptionalField[str]("request-id")
    requester = OptionalField[str]("requester")
    source_ip_address = OptionalField[str]("source-ip-address")
    reason = OptionalField[str]("reason")
    deletion_type = OptionalField[str]("deletion-type")


class S3EventBridgeEvent(EventBridgeEnvelope):
    """An S3 event delivered by EventBridge ("Object Created", "Object Deleted", ...)."""

    __slots__ = ()
    detail = Obj("detail", S3EventBridgeDetail)


class S3BatchJob(EventObject):
    __slots__ = ()
    id = Field[str]("id")
    user_arguments = OptionalField[dict[str, str]]("userArguments")  # schema 2.0


class S3BatchJobTask(EventObject):
    __slots__ = ()
    task_id = Field[str]("taskId")
    s3_key = Field[str]("s3Key")
    s3_version_id = OptionalField[str]("s3VersionId")
    s3_bucket_arn = OptionalField[str]("s3BucketArn")  # schema 1.0
    s3_bucket = OptionalField[str]("s3Bucket")  # schema 2.0


class S3BatchJobEvent(EventObject):
    """An S3 Batch Operations "Invoke Lambda" task (invocation schema 1.0 or 2.0)."""

    __slots__ = ()
    invocation_schema_version = Field[str]("invocationSchemaVersion")
    invocation_id = Field[str]("invocationId")
    job = Obj("job", S3BatchJob)
    tasks = ListOf("tasks", S3BatchJobTask)


class S3BatchJobResult(EventResponse):
    __slots__ = ()
    task_id = Field[str]("taskId")
    result_code = Field[str]("resultCode")  # Succeeded, TemporaryFailure, PermanentFailure
    result_string = OptionalField[str]("resultString")

    def __init__(self, task_id: str, result_code: str, result_string: str | None = None) -> None:
        super().__init__(
            compact({"taskId": task_id, "resultCode": result_code, "resultString": result_string})
        )


class S3BatchJobResponse(EventResponse):
    __slots__ = ()
    invocation_schema_version = Field[str]("invocationSchemaVersion")
    treat_missing_keys_as = Field[str]("treatMissingKeysAs")
    invocation_id = Field[str]("invocationId")
    results = ListOf("results", S3BatchJobResult)

    def __init__(
        self,
        invocation_id: str,
        results: Iterable[S3BatchJobResult],
        *,
        invocation_schema_version: str = "1.0",
        treat_missing_keys_as: str = "PermanentFailure",
    ) -> None:
        super().__init__(
            {
                "invocationSchemaVersion": invocation_schema_version,
                "treatMissingKeysAs": treat_missing_keys_as,
                "invocationId": invocation_id,
                "results": [r.to_dict() for r in results],
            }
        )


class S3ObjectLambdaContext(EventObject):
    """``getObjectContext`` / ``headObjectContext`` / ``listObjects[V2]Context``."""

    __slots__ = ()
    input_s3_url = Field[str]("inputS3Url")
    output_route = OptionalField[str]("outputRoute")  # GetObject only: pass to WriteGetObjectResponse
    output_token = OptionalField[str]("outputToken")


class S3ObjectLambdaConfiguration(EventObject):
    __slots__ = ()
    access_point_arn = Field[str]("accessPointArn")
    supporting_access_point_arn = Field[str]("supportingAccessPointArn")
    payload = OptionalField[str]("payload")


class S3ObjectLambdaUserRequest(EventObject):
    __slots__ = ()
    url = Field[str]("url")
    headers = Field[dict[str, str]]("headers")


class S3ObjectLambdaEvent(EventObject):
    __slots__ = ()
    x_amz_request_id = Field[str]("xAmzRequestId")
    get_object_context = OptionalObj("getObjectContext", S3ObjectLambdaContext)
    head_object_context = OptionalObj("headObjectContext", S3ObjectLambdaContext)
    list_objects_context = OptionalObj("listObjectsContext", S3ObjectLambdaContext)
    list_objects_v2_context = OptionalObj("listObjectsV2Context", S3ObjectLambdaContext)
    configuration = Obj("configuration", S3ObjectLambdaConfiguration)
    user_request = Obj("userRequest", S3ObjectLambdaUserRequest)
    user_identity = Field[dict[str, Any]]("userIdentity")
    protocol_version = Field[str]("protocolVersion")

    def object_context(self) -> S3ObjectLambdaContext | None:
        """Whichever operation context the event carries."""
        return (
            self.get_object_context
            or self.head_object_context
            or self.list_objects_context
            or self.list_objects_v2_context
        )
