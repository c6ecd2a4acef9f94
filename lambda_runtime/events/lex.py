"""Amazon Lex (V1) code hooks: the ``LexEvent`` and the ``LexResponse`` the bot expects back.

``LexResponse`` has constructors for the five dialog actions: ``LexResponse.close(...)``,
``elicit_slot``, ``elicit_intent``, ``confirm_intent`` and ``delegate``.
"""

from __future__ import annotations

from typing import Any

from lambda_runtime.events._base import (
    EventObject,
    EventResponse,
    Field,
    ListOf,
    OptionalField,
    OptionalListOf,
    OptionalMapOf,
    OptionalObj,
    compact,
)

__all__ = [
    "LexAlternativeIntents",
    "LexAttachment",
    "LexBot",
    "LexCurrentIntent",
    "LexDialogAction",
    "LexEvent",
    "LexResponse",
    "LexResponseCard",
    "LexSlotDetail",
]


class LexBot(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    alias = OptionalField[str]("alias")
    version = OptionalField[str]("version")


class LexSlotDetail(EventObject):
    __slots__ = ()
    resolutions = OptionalField[list[dict[str, str]]]("resolutions")
    original_value = OptionalField[str]("originalValue")


class LexCurrentIntent(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    nlu_intent_confidence_score = OptionalField[float]("nluIntentConfidenceScore")
    slots = OptionalField[dict[str, str | None]]("slots")
    slot_details = OptionalMapOf("slotDetails", LexSlotDetail)
    confirmation_status = OptionalField[str]("confirmationStatus")  # None, Confirmed, Denied


class LexAlternativeIntents(LexCurrentIntent):
    __slots__ = ()


class LexAttachment(EventResponse):
    __slots__ = ()
    title = OptionalField[str]("title")
    sub_title = OptionalField[str]("subTitle")
    image_url = OptionalField[str]("imageUrl")
    attachment_link_url = OptionalField[str]("attachmentLinkUrl")
    buttons = OptionalField[list[dict[str, str]]]("buttons")  # [{"text": ..., "value": ...}]

    def __init__(
        self,
        *,
        title: str | None = None,
        sub_title: str | None = None,
        image_url: str | None = None,
        attachment_link_url: str | None = None,
        buttons: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(
            compact(
                {
                    "title": title,
                    "subTitle": sub_title,
                    "imageUrl": image_url,
                    "attachmentLinkUrl": attachment_link_url,
                    "buttons": buttons,
                }
            )
        )


class LexResponseCard(EventResponse):
    __slots__ = ()
    version = OptionalField[int]("version")
    content_type = OptionalField[str]("contentType")
    generic_attachments = ListOf("genericAttachments", LexAttachment)

    def __init__(
        self,
        generic_attachments: list[LexAttachment],
        *,
        version: int = 1,
        content_type: str = "application/vnd.amazonaws.card.generic",
    ) -> None:
        super().__init__(
            {
                "version": version,
                "contentType": content_type,
                "genericAttachments": [a.to_dict() for a in generic_attachments],
            }
        )


class LexDialogAction(EventResponse):
    __slots__ = ()
    type = Field[str]("type")  # ElicitIntent, ElicitSlot, ConfirmIntent, Delegate, Close
    fulfillment_state = OptionalField[str]("fulfillmentState")  # Fulfilled, Failed
    message = OptionalField[dict[str, str]]("message")  # {"contentType": ..., "content": ...}
    intent_name = OptionalField[str]("intentName")
    slots = OptionalField[dict[str, str | None]]("slots")
    slot_to_elicit = OptionalField[str]("slotToElicit")
    response_card = OptionalObj("responseCard", LexResponseCard)

    def __init__(
        self,
        *,
        type: str,
        fulfillment_state: str | None = None,
        message: str | dict[str, str] | None = None,
        intent_name: str | None = None,
        slots: dict[str, str | None] | None = None,
        slot_to_elicit: str | None = None,
        response_card: LexResponseCard | None = None,
    ) -> None:
        if isinstance(message, str):
            message = {"contentType": "PlainText", "content": message}
        super().__init__(
            compact(
                {
                    "type": type,
                    "fulfillmentState": fulfillment_state,
                    "message": message,
                    "intentName": intent_name,
                    "slots": slots,
                    "slotToElicit": slot_to_elicit,
                    "responseCard": None if response_card is None else response_card.to_dict(),
                }
            )
        )


class LexEvent(EventObject):
    __slots__ = ()
    message_version = OptionalField[str]("messageVersion")
    invocation_source = OptionalField[str]("invocationSource")  # DialogCodeHook, FulfillmentCodeHook
    user_id = OptionalField[str]("userId")
    input_transcript = OptionalField[str]("inputTranscript")
    session_attributes = OptionalField[dict[str, str]]("sessionAttributes")
    request_attributes = OptionalField[dict[str, str]]("requestAttributes")
    bot = OptionalObj("bot", LexBot)
    output_dialog_mode = OptionalField[str]("outputDialogMode")  # Text, Voice
    current_intent = OptionalObj("currentIntent", LexCurrentIntent)
    alternative_intents = OptionalListOf("alternativeIntents", LexAlternativeIntents)
    recent_intent_summary_view = OptionalField[list[dict[str, Any]]]("recentIntentSummaryView")
    sentiment_response = OptionalField[dict[str, Any]]("sentimentResponse")
    active_contexts = OptionalField[list[dict[str, Any]]]("activeContexts")


class LexResponse(EventResponse):
    __slots__ = ()
    session_attributes = OptionalField[dict[str, str]]("sessionAttributes")
    dialog_action = OptionalObj("dialogAction", LexDialogAction)

    def __init__(
        self,
        *,
        dialog_action: LexDialogAction,
        session_attributes: dict[str, str] | None = None,
    ) -> None:
        super().__init__(
            {"sessionAttributes": session_attributes or {}, "dialogAction": dialog_action.to_dict()}
        )

    @classmethod
    def close(
        cls,
        fulfillment_state: str,
        message: str | dict[str, str] | None = None,
        *,
        session_attributes: dict[str, str] | None = None,
    ) -> LexResponse:
        action = LexDialogAction(type="Close", fulfillment_state=fulfillment_state, message=message)
        return cls(dialog_action=action, session_attributes=session_attributes)

    @classmethod
    def elicit_slot(
        cls,
        intent_name: str,
        slots: dict[str, str | None],
        slot_to_elicit: str,
        message: str | dict[str, str] | None = None,
        *,
        session_attributes: dict[str, str] | None = None,
    ) -> LexResponse:
        action = LexDialogAction(
            type="ElicitSlot",
            intent_name=intent_name,
            slots=slots,
            slot_to_elicit=slot_to_elicit,
            message=message,
        )
        return cls(dialog_action=action, session_attributes=session_attributes)

    @classmethod
    def elicit_intent(
        cls, message: str | dict[str, str] | None = None, *, session_attributes: dict[str, str] | None = None
    ) -> LexResponse:
        action = LexDialogAction(type="ElicitIntent", message=message)
        return cls(dialog_action=action, session_attributes=session_attributes)

    @classmethod
    def confirm_intent(
        cls,
        intent_name: str,
        slots: dict[str, str | None],
        message: str | dict[str, str] | None = None,
        *,
        session_attributes: dict[str, str] | None = None,
    ) -> LexResponse:
        action = LexDialogAction(type="ConfirmIntent", intent_name=intent_name, slots=slots, message=message)
        return cls(dialog_action=action, session_attributes=session_attributes)

    @classmethod
    def delegate(
        cls, slots: dict[str, str | None], *, session_attributes: dict[str, str] | None = None
    ) -> LexResponse:
        action = LexDialogAction(type="Delegate", slots=slots)
        return cls(dialog_action=action, session_attributes=session_attributes)
