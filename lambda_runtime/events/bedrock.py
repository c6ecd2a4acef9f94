"""Amazon Bedrock Agents action groups: the ``BedrockAgentEvent`` (both OpenAPI-schema and
function-details action groups) and the ``BedrockAgentResponse`` the agent expects back.

    BedrockAgentResponse.for_api(event, body={"ok": True})          # OpenAPI action group
    BedrockAgentResponse.for_function(event, text="done")           # function-details action group
"""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    ListOf,
    Obj,
    OptionalField,
    OptionalListOf,
    OptionalMapOf,
    OptionalObj,
    compact,
)

__all__ = [
    "BedrockAgentEvent",
    "BedrockAgentInfo",
    "BedrockAgentParameter",
    "BedrockAgentRequestBody",
    "BedrockAgentRequestMedia",
    "BedrockAgentResponse",
    "BedrockAgentResponsePayload",
]


class BedrockAgentInfo(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    id = Field[str]("id")
    alias = Field[str]("alias")
    version = Field[str]("version")


class BedrockAgentParameter(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    type = Field[str]("type")  # string, number, integer, boolean, array
    value = Field[str]("value")  # always text, whatever the declared type


class BedrockAgentRequestMedia(EventObject):
    __slots__ = ()
    properties = ListOf("properties", BedrockAgentParameter)


class BedrockAgentRequestBody(EventObject):
    __slots__ = ()
    content = OptionalMapOf("content", BedrockAgentRequestMedia)  # media type -> properties


class BedrockAgentEvent(EventObject):
    """OpenAPI action groups send ``api_path``/``http_method``; function-details ones send ``function``."""

    __slots__ = ()
    message_version = Field[str]("messageVersion")
    agent = Obj("agent", BedrockAgentInfo)
    input_text = OptionalField[str]("inputText")
    session_id = Field[str]("sessionId")
    action_group = Field[str]("actionGroup")
    api_path = OptionalField[str]("apiPath")
    http_method = OptionalField[str]("httpMethod")
    function = OptionalField[str]("function")
    parameters = OptionalListOf("parameters", BedrockAgentParameter)
    request_body = OptionalObj("requestBody", BedrockAgentRequestBody)
    session_attributes = OptionalField[dict[str, str]]("sessionAttributes")
    prompt_session_attributes = OptionalField[dict[str, str]]("promptSessionAttributes")

    def parameter(self, name: str) -> str | None:
        """The value of the named parameter (path, query or function parameter), or ``None``."""
        for parameter in self.parameters or ():
            if parameter.name == name:
                return parameter.value
        return None

    def body_properties(self, media_type: str = "application/json") -> dict[str, str]:
        """The request body's properties for ``media_type`` as a name -> value dict."""
        body = self.request_body
        content = None if body is None else body.content
        media = None if content is None else content.get(media_type)
        return {} if media is None else {p.name: p.value for p in media.properties}


class BedrockAgentResponsePayload(EventObject):
    """The ``response`` object: API fields or function fields, as the action group kind requires."""

    __slots__ = ()
    action_group = Field[str]("actionGroup")
    api_path = OptionalField[str]("apiPath")
    http_method = OptionalField[str]("httpMethod")
    http_status_code = OptionalField[int]("httpStatusCode")
    response_body = OptionalField[dict[str, Any]]("responseBody")
    function = OptionalField[str]("function")
    function_response = OptionalField[dict[str, Any]]("functionResponse")


class BedrockAgentResponse(EventResponse):
    __slots__ = ()
    message_version = Field[str]("messageVersion")
    response = Obj("response", BedrockAgentResponsePayload)
    session_attributes = OptionalField[dict[str, str]]("sessionAttributes")
    prompt_session_attributes = OptionalField[dict[str, str]]("promptSessionAttributes")
    knowledge_bases_configuration = OptionalField[list[dict[str, Any]]]("knowledgeBasesConfiguration")

    def __init__(
        self,
        *,
        response: dict[str, Any] | BedrockAgentResponsePayload,
        message_version: str = "1.0",
        session_attributes: dict[str, str] | None = None,
        prompt_session_attributes: dict[str, str] | None = None,
        knowledge_bases_configuration: list[dict[str, Any]] | None = None,
    ) -> None:
        payload = response.to_dict() if isinstance(response, EventObject) else dict(response)
        super().__init__(
            compact(
                {
                    "messageVersion": message_version,
                    "response": payload,
                    "sessionAttributes": session_attributes,
                    "promptSessionAttributes": prompt_session_attributes,
                    "knowledgeBasesConfiguration": knowledge_bases_configuration,
                }
            )
        )

    @classmethod
    def for_api(
        cls,
        event: BedrockAgentEvent,
        *,
        body: Any,
        status_code: int = 200,
        content_type: str = "application/json",
        session_attributes: dict[str, str] | None = None,
        prompt_session_attributes: dict[str, str] | None = None,
    ) -> BedrockAgentResponse:
        """Answer an OpenAPI action group. ``body`` (any JSON value) is sent as JSON text, a ``str``
        as it is; session attributes default to the event's, so they carry over."""
        if not isinstance(body, str):
            from lambda_runtime._jsonable import dumps

            body = dumps(body).decode()
        payload = {
            "actionGroup": event.action_group,
            "apiPath": event.api_path,
            "httpMethod": event.http_method,
            "httpStatusCode": status_code,
            "responseBody": {content_type: {"body": body}},
        }
        return cls(
            response=payload,
            message_version=event.message_version,
            session_attributes=_default(session_attributes, event.session_attributes),
            prompt_session_attributes=_default(prompt_session_attributes, event.prompt_session_attributes),
        )

    @classmethod
    def for_function(
        cls,
        event: BedrockAgentEvent,
        *,
        text: str,
        response_state: str | None = None,
        session_attributes: dict[str, str] | None = None,
        prompt_session_attributes: dict[str, str] | None = None,
    ) -> BedrockAgentResponse:
        """Answer a function-details action group; ``response_state`` may be FAILURE or REPROMPT."""
        function_response = compact(
            {"responseState": response_state, "responseBody": {"TEXT": {"body": text}}}
        )
        payload = {
            "actionGroup": event.action_group,
            "function": event.function,
            "functionResponse": function_response,
        }
        return cls(
            response=payload,
            message_version=event.message_version,
            session_attributes=_default(session_attributes, event.session_attributes),
            prompt_session_attributes=_default(prompt_session_attributes, event.prompt_session_attributes),
        )


def _default(value: dict[str, str] | None, fallback: dict[str, str] | None) -> dict[str, str] | None:
    return fallback if value is None else value
