"""AWS Secrets Manager rotation: the event a rotation function gets once per step."""

from __future__ import annotations

from lambda_runtime.events._base import EventObject, Field, OptionalField

__all__ = ["SecretsManagerSecretRotationEvent"]


class SecretsManagerSecretRotationEvent(EventObject):
    __slots__ = ()
    CREATE_SECRET = "createSecret"
    SET_SECRET = "setSecret"
    TEST_SECRET = "testSecret"
    FINISH_SECRET = "finishSecret"
    step = Field[str]("Step")  # createSecret, setSecret, testSecret or finishSecret
    secret_id = Field[str]("SecretId")
    client_request_token = Field[str]("ClientRequestToken")
    rotation_token = OptionalField[str]("RotationToken")
