"""The emulator's floor (bench/floor_emulator.py) is correct for the exchange it is measured on: real
invokes through bench/floor_runtime.py over one keep-alive connection, a body split across writes, the
request and trace ids, a function error and a payload that is not JSON."""

from __future__ import annotations

import asyncio
import re
import uuid
from pathlib import Path

import orjson

from bench.floor_emulator import FloorEmulator

FUNCTION = (
    "import os\n"
    "def handler(event, context):\n"
    "    if event.get('fail'):\n"
    "        raise ValueError('boom')\n"
    "    return {'echo': event, 'id': context.aws_request_id, 'trace': os.environ['_X_AMZN_TRACE_ID']}\n"
)
TRACE = re.compile(r"Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0")
PATH = b"/2015-03-31/functions/function/invocations"


async def _read(reader: asyncio.StreamReader) -> tuple[bytes, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")[:-2]
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers["content-length"]))
    return status.encode(), headers, body


def _request(payload: bytes) -> bytes:
    return b"POST %s HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n\r\n%s" % (PATH, len(payload), payload)


async def _exchange(task_root: Path) -> None:
    async with FloorEmulator(handler="fn.handler", task_root=task_root) as floor:
        reader, writer = await asyncio.open_connection("127.0.0.1", floor.port)
        seen: set[str] = set()
        for number in range(3):
            request = _request(orjson.dumps({"n": number}))
            # The last one arrives in two writes, the cut inside its body.
            for part in (request[:-4], request[-4:]) if number == 2 else (request,):
                writer.write(part)
                await writer.drain()
                await asyncio.sleep(0.01)
            status, headers, body = await _read(reader)
            assert status == b"HTTP/1.1 200 OK"
            request_id = headers["x-amzn-requestid"]
            assert str(uuid.UUID(request_id)) == request_id
            assert uuid.UUID(request_id).version == 4
            assert headers["x-amz-executed-version"] == "$LATEST"
            assert headers["content-type"] == "application/json"
            answer = orjson.loads(body)
            assert answer["echo"] == {"n": number}
            assert answer["id"] == request_id
            assert TRACE.fullmatch(answer["trace"])
            seen.add(request_id)
        assert len(seen) == 3

        writer.write(_request(b'{"fail": true}'))
        status, headers, body = await _read(reader)
        assert status == b"HTTP/1.1 200 OK"
        assert headers["x-amz-function-error"] == "Unhandled"
        assert orjson.loads(body)["errorType"] == "ValueError"

        writer.write(_request(b"{not json"))
        status, _, body = await _read(reader)
        assert status == b"HTTP/1.1 400 Bad Request"
        assert orjson.loads(body)["errorType"] == "InvalidRequestContentException"
        writer.close()


def test_floor_emulator_serves_real_invokes(tmp_path: Path) -> None:
    (tmp_path / "fn.py").write_text(FUNCTION)
    asyncio.run(asyncio.wait_for(_exchange(tmp_path), 5))
