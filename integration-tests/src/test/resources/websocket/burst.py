"""Reads whole WebSocket connections with the Python `websockets` library (Debian's
python3-websockets): connects ROUNDS times in turn, prints every text message received as
"m <text>", then "closed <code>" once the server has closed the connection. Usage:
burst.py ws://host:port/path ROUNDS
"""
import asyncio
import sys

import websockets


async def main(uri, rounds):
    for _ in range(rounds):
        async with websockets.connect(uri, max_size=None, max_queue=None, compression=None) as ws:
            out = []
            try:
                while True:
                    out.append("m " + await ws.recv())
            except websockets.exceptions.ConnectionClosed:
                pass
            out.append(f"closed {ws.close_code}")
            print("\n".join(out), flush=True)


asyncio.run(main(sys.argv[1], int(sys.argv[2])))
