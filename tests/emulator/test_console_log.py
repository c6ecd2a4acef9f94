"""ConsoleLog: the emulate command's console sink, with a small recording stream."""

from __future__ import annotations

import asyncio
import io

from lambda_runtime.emulator.service import CONSOLE_FLUSH_S, ConsoleLog


class Recording(io.StringIO):
    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.writes: list[str] = []
        self.fail = fail

    def write(self, text: str) -> int:
        if self.fail:
            raise BrokenPipeError("reader went away")
        self.writes.append(text)
        return len(text)


def test_lines_within_the_flush_window_are_one_write() -> None:
    stream = Recording()
    console = ConsoleLog(stream)

    async def scenario() -> None:
        console("START RequestId: r1")
        await asyncio.sleep(0)
        console("hello")
        await asyncio.sleep(0)  # later loop iterations, the same window
        console("END RequestId: r1")
        await asyncio.sleep(CONSOLE_FLUSH_S * 4)  # the window closed: the writer got the three as one chunk
        assert console.wait_written()
        console("REPORT RequestId: r1")
        assert console.wait_written()  # hands over what is pending at once

    asyncio.run(scenario())
    assert stream.writes == ["START RequestId: r1\nhello\nEND RequestId: r1\n", "REPORT RequestId: r1\n"]


def test_without_a_loop_lines_are_handed_over_at_once() -> None:
    stream = Recording()
    console = ConsoleLog(stream)
    console("one")
    console("two")
    assert console.wait_written()
    assert "".join(stream.writes) == "one\ntwo\n"


def test_a_broken_stream_is_given_up_without_raising() -> None:
    stream = Recording(fail=True)
    console = ConsoleLog(stream)
    console("lost")
    assert console.wait_written()
    stream.fail = False
    console("also dropped: the stream broke once")
    assert console.wait_written()
    assert stream.writes == []
