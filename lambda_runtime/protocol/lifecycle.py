"""The lifecycle of one execution environment, as a transition table.

Rule: this module knows states and events, nothing about processes, sockets or callers. An event that the
table does not allow in the current state raises ``IllegalTransition``; the Runtime API answers it with 403.

    BOOTING --NEXT--> IDLE --DISPATCH--> INVOKING --RESPONSE/ERROR--> RESPONDED --NEXT--> IDLE ...
    BOOTING --INIT_ERROR--> INIT_FAILED
    any live state --SHUTDOWN--> SHUTTING_DOWN;  any state --EXIT--> DEAD
"""

from __future__ import annotations

from enum import Enum

__all__ = ["Event", "IllegalTransition", "Lifecycle", "State"]


class State(Enum):
    BOOTING = "booting"  # the process runs its init; it has not called /next yet
    IDLE = "idle"  # the runtime waits in /next; no invocation is out
    INVOKING = "invoking"  # an invocation was handed out and awaits its response or error
    RESPONDED = "responded"  # the invocation was answered; the runtime has not called /next again
    INIT_FAILED = "init_failed"  # the runtime posted /init/error; it should exit
    SHUTTING_DOWN = "shutting_down"
    DEAD = "dead"

    # Members hash as they compare, by identity: a table lookup stays in C (Enum's own hash is Python).
    __hash__ = object.__hash__


class Event(Enum):
    NEXT = "next"
    INIT_ERROR = "init_error"
    DISPATCH = "dispatch"
    RESPONSE = "response"
    ERROR = "error"
    SHUTDOWN = "shutdown"
    EXIT = "exit"

    __hash__ = object.__hash__


_LIVE = (State.BOOTING, State.IDLE, State.INVOKING, State.RESPONDED, State.INIT_FAILED)

TRANSITIONS: dict[tuple[State, Event], State] = {
    (State.BOOTING, Event.NEXT): State.IDLE,
    (State.BOOTING, Event.INIT_ERROR): State.INIT_FAILED,
    (State.IDLE, Event.DISPATCH): State.INVOKING,
    (State.INVOKING, Event.RESPONSE): State.RESPONDED,
    (State.INVOKING, Event.ERROR): State.RESPONDED,
    (State.RESPONDED, Event.NEXT): State.IDLE,
    **{(state, Event.SHUTDOWN): State.SHUTTING_DOWN for state in _LIVE},
    **{(state, Event.EXIT): State.DEAD for state in (*_LIVE, State.SHUTTING_DOWN)},
}


class IllegalTransition(Exception):
    def __init__(self, state: State, event: Event) -> None:
        super().__init__(f"{event.value} is not allowed while the environment is {state.value}")
        self.state = state
        self.event = event


class Lifecycle:
    __slots__ = ("state",)

    def __init__(self, state: State = State.BOOTING) -> None:
        self.state = state

    def can(self, event: Event) -> bool:
        return (self.state, event) in TRANSITIONS

    def apply(self, event: Event) -> State:
        try:
            self.state = TRANSITIONS[(self.state, event)]
        except KeyError:
            raise IllegalTransition(self.state, event) from None
        return self.state
