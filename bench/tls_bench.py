"""What TLS costs the link: round trips and connections over wss:// (mutual TLS) against ws://.

    .venv/bin/python bench/tls_bench.py [--trips 3000] [--connects 200]

Both servers run in this process on loopback with the same websockets settings
as the hub; the TLS one uses a hub certificate and a desk certificate made by
``kiosk.link.identity`` exactly as pairing makes them. Plain and TLS trips are
interleaved, so a busy machine slows both alike: the ratio is the figure.
Printed: a push-sized round trip (one 10-event push answered by its ack) and a
connection set-up (TCP + TLS 1.3 handshake + WebSocket upgrade), p50/p95 each.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import connect  # noqa: E402
from websockets.asyncio.server import serve  # noqa: E402

from kiosk.link import identity  # noqa: E402

PUSH = json.dumps({"type": "push", "events": [
    [f"{i:032x}", "arrive", i, "3号台", "张三", "scan", "2026-12-02T08:31:05+08:00", None, "", None]
    for i in range(10)]}, ensure_ascii=False)
ACK = json.dumps({"type": "ack", "acks": [{"id": f"{i:032x}", "hub_seq": i, "duplicate": None}
                                          for i in range(10)]})


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile, in ms."""
    s = sorted(values)
    return 1000 * s[max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))]


async def main(trips: int, connects: int) -> None:
    hub = identity.new_hub_identity("bench")
    desk = identity.new_desk_key()
    cert = identity.issue_desk_cert(hub, desk.public_der, "1号台")
    server_ctx = identity.server_context(hub)
    client_ctx = identity.desk_context(desk.key_pem, cert, hub.cert_pem)

    async def echo(ws) -> None:
        async for _ in ws:
            await ws.send(ACK)

    opts = {"compression": None, "ping_interval": None}
    async with serve(echo, "127.0.0.1", 0, **opts) as plain, \
            serve(echo, "127.0.0.1", 0, ssl=server_ctx, **opts) as tls:
        urls = {"plain": f"ws://127.0.0.1:{plain.sockets[0].getsockname()[1]}/",
                "tls": f"wss://127.0.0.1:{tls.sockets[0].getsockname()[1]}/"}
        kw = {"plain": {}, "tls": {"ssl": client_ctx, "server_hostname": identity.SERVER_NAME}}
        trip: dict[str, list[float]] = {"plain": [], "tls": []}
        setup: dict[str, list[float]] = {"plain": [], "tls": []}
        conns = {k: await connect(urls[k], **kw[k], **opts) for k in urls}
        for _ in range(trips):
            for k in ("plain", "tls"):
                t = time.perf_counter()
                await conns[k].send(PUSH)
                await conns[k].recv()
                trip[k].append(time.perf_counter() - t)
        for c in conns.values():
            await c.close()
        for _ in range(connects):
            for k in ("plain", "tls"):
                t = time.perf_counter()
                c = await connect(urls[k], **kw[k], **opts)
                setup[k].append(time.perf_counter() - t)
                await c.close()
    print(f"TLS cost on loopback ({trips} push/ack round trips, {connects} connections each, "
          "interleaved)")
    for name, data in (("push -> ack round trip", trip), ("connection set-up", setup)):
        p50 = {k: pct(v, 50) for k, v in data.items()}
        p95 = {k: pct(v, 95) for k, v in data.items()}
        print(f"  {name:<24} plain p50 {p50['plain']:7.3f} ms p95 {p95['plain']:7.3f} ms | "
              f"mutual TLS p50 {p50['tls']:7.3f} ms p95 {p95['tls']:7.3f} ms | "
              f"ratio p50 {p50['tls'] / p50['plain']:.2f}x, p95 {p95['tls'] / p95['plain']:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trips", type=int, default=3000)
    parser.add_argument("--connects", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(main(args.trips, args.connects))
