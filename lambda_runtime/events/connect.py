"""Amazon Connect contact flows: the ``ConnectEvent`` an "Invoke AWS Lambda function" block sends, and
the flat string map it expects back (``ConnectResponse``)."""

from __future__ import annotations

from lambda_runtime.events._base import EventObject, EventResponse, Field, Obj, OptionalField, OptionalObj

__all__ = [
    "ConnectContactData",
    "ConnectDetails",
    "ConnectEndpoint",
    "ConnectEvent",
    "ConnectQueue",
    "ConnectResponse",
]


class ConnectEndpoint(EventObject):
    __slots__ = ()
    address = OptionalField[str]("Address")
    type = OptionalField[str]("Type")  # TELEPHONE_NUMBER, ...


class ConnectQueue(EventObject):
    __slots__ = ()
    name = OptionalField[str]("Name")
    arn = OptionalField[str]("ARN")


class ConnectContactData(EventObject):
    __slots__ = ()
    attributes = OptionalField[dict[str, str]]("Attributes")
    channel = OptionalField[str]("Channel")  # VOICE, CHAT, TASK
    contact_id = Field[str]("ContactId")
    customer_endpoint = OptionalObj("CustomerEndpoint", ConnectEndpoint)
    system_endpoint = OptionalObj("SystemEndpoint", ConnectEndpoint)
    initial_contact_id = OptionalField[str]("InitialContactId")
    initiation_method = OptionalField[str]("InitiationMethod")
    previous_contact_id = OptionalField[str]("PreviousContactId")
    queue = OptionalObj("Queue", ConnectQueue)
    instance_arn = OptionalField[str]("InstanceARN")
    language_code = OptionalField[str]("LanguageCode")


class ConnectDetails(EventObject):
    __slots__ = ()
    contact_data = Obj("ContactData", ConnectContactData)
    parameters = OptionalField[dict[str, str]]("Parameters")


class ConnectEvent(EventObject):
    __slots__ = ()
    details = Obj("Details", ConnectDetails)
    name = Field[str]("Name")  # ContactFlowEvent / ContactFlowExecution


class ConnectResponse(EventResponse):
    """Connect accepts only a flat object of string values; ``ConnectResponse(greeting="hi")``."""

    __slots__ = ()

    def __init__(self, values: dict[str, str] | None = None, /, **more: str) -> None:
        doc: dict[str, str] = dict(values or {})
        doc.update(more)
        for key, value in doc.items():
            if not isinstance(value, str):
                raise TypeError(f"ConnectResponse values must be strings; {key!r} is {type(value).__name__}")
        super().__init__(doc)

    def __getitem__(self, key: str) -> str:
        value: str = self._doc[key]
        return value

    def __setitem__(self, key: str, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"ConnectResponse values must be strings; {key!r} is {type(value).__name__}")
        self._doc[key] = value
