"""Many desks, one meeting: the hub, the desk's link to it, pairing and discovery.

Plain Python (asyncio + the ``websockets`` library, ``zeroconf`` for discovery);
never imports Qt. The wire protocol is described in docs/PROTOCOL.md.

- ``hub``: the single writer and authority; serves desks over WebSocket.
- ``client``: a desk's link (join, then sync in a background thread).
- ``replica``: writing snapshots, events and roster updates into a desk's file,
  and turning a replica into an authority when a desk takes over as hub.
- ``protocol``: message shapes and (de)serialization shared by both ends.
- ``pairing``: pairing codes, desk credentials, and the wrong-code backoff.
- ``discovery``: advertising and finding hubs with mDNS/DNS-SD.
- ``headless``: the desk client driven from standard input.
"""
