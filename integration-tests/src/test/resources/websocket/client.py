"""Drives a Weft WebSocket echo endpoint with the Python `websockets` library (Debian's
python3-websockets). Prints one "ok <case>" line per case that behaved; any failure raises, and the
exit status is not 0. Usage: client.py ws://host:port/ws
"""
import asyncio
import os
import sys

import websockets

LIMIT = 1024 * 1024


async def closed_code(ws):
    try:
        while True:
            await ws.recv()
    except websockets.exceptions.ConnectionClosed:
        pass
    return ws.close_code


async def main(uri):
    async with websockets.connect(uri, max_size=None, compression=None) as ws:
        await ws.send("hello from python")
        assert await ws.recv() == "hello from python"
        await ws.send(b"\x00\x01\xff")
        assert await ws.recv() == b"\x00\x01\xff"
        print("ok echo")

        await ws.send(["frag", "men", "ted"])  # an iterable is sent as one fragmented message
        assert await ws.recv() == "fragmented"
        print("ok fragmented")

        waiter = await ws.ping(b"python-ping")
        await asyncio.wait_for(waiter, 30)
        print("ok ping")

        big = os.urandom(LIMIT)
        await ws.send(big)
        assert await ws.recv() == big
        print("ok at-limit")

        await ws.close(code=4000, reason="python done")
        assert ws.close_code == 4000, ws.close_code
        print("ok close-code")

    async with websockets.connect(uri, max_size=None, compression=None) as ws:
        await ws.send(b"x" * (LIMIT + 1))
        code = await closed_code(ws)
        assert code == 1009, code
        print("ok over-limit")

    async with websockets.connect(uri, max_size=None) as ws:  # offers permessage-deflate
        extensions = ws.response_headers.get("Sec-WebSocket-Extensions", "")
        assert "permessage-deflate" in extensions, extensions
        text = "compress me " * 10000
        for _ in range(3):  # context takeover: later messages lean on earlier ones
            await ws.send(text)
            assert await ws.recv() == text
        print("ok deflate")
        await ws.send(bytes(4 * LIMIT))  # a few KiB on the wire, 4 MiB inflated
        code = await closed_code(ws)
        assert code == 1009, code
        print("ok deflate-bomb")

    ws = await websockets.connect(uri, compression=None)
    await ws.send("half a conversation")
    assert await ws.recv() == "half a conversation"
    ws.transport.abort()  # no close frame, no FIN: a reset
    print("ok abrupt")


asyncio.run(main(sys.argv[1]))
