"""The environment lifecycle table: legal paths, and one clear error for everything else."""

from __future__ import annotations

import pytest

from lambda_runtime.protocol.lifecycle import TRANSITIONS, Event, IllegalTransition, Lifecycle, State


def test_init_invoke_cycle() -> None:
    lifecycle = Lifecycle()
    path = [Event.NEXT, Event.DISPATCH, Event.RESPONSE, Event.NEXT, Event.DISPATCH, Event.ERROR, Event.NEXT]
    states = [lifecycle.apply(event) for event in path]
    assert states == [
        State.IDLE,
        State.INVOKING,
        State.RESPONDED,
        State.IDLE,
        State.INVOKING,
        State.RESPONDED,
        State.IDLE,
    ]


@pytest.mark.parametrize(
    ("start", "event"),
    [
        (State.RESPONDED, Event.RESPONSE),  # a second response
        (State.IDLE, Event.INIT_ERROR),  # init/error after init
        (State.INIT_FAILED, Event.NEXT),
        (State.INVOKING, Event.NEXT),  # next without answering
        (State.DEAD, Event.SHUTDOWN),
        (State.BOOTING, Event.DISPATCH),
    ],
)
def test_illegal_transitions_raise(start: State, event: Event) -> None:
    lifecycle = Lifecycle(start)
    with pytest.raises(IllegalTransition, match=event.value):
        lifecycle.apply(event)
    assert lifecycle.state is start


def test_every_live_state_can_shut_down_and_exit() -> None:
    for state in State:
        if state is State.DEAD:
            continue
        assert (state, Event.EXIT) in TRANSITIONS
        if state is not State.SHUTTING_DOWN:
            assert TRANSITIONS[(state, Event.SHUTDOWN)] is State.SHUTTING_DOWN
