"""ConsoleLog: the emulate command's console sink, with a small recording stream."""

from __future__ import annotations

import asyncio
import io

from lambda_runtime.emulator.service import ConsoleLog


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


def test_lines_of_one_loop_iteration_are_one_write() -> None:
    stream = Recording()
    console = ConsoleLog(stream)

    async def scenario() -> None:
        console("START RequestId: r1")
        console("hello")
        console("END RequestId: r1")
        await asyncio.sleep(0)  # the loop iteration ends: the three lines go to the writer as one chunk
        assert console.wait_written()
        console("REPORT RequestId: r1")
        await asyncio.sleep(0)
        assert console.wait_written()

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
