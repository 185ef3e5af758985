"""Finding the hub on the local network with mDNS/DNS-SD (zeroconf, ``_signdesk._tcp``).

The hub advertises its port, protocol version and meeting uid; a desk browses
for hubs of its own meeting. Typing the address is the fallback when multicast
is blocked (hotel and school networks often block it).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

from kiosk.link.protocol import PROTOCOL, SERVICE_TYPE


def lan_address() -> str:
    """This machine's address on the local network (127.0.0.1 when it has none)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        # Connecting a UDP socket sends nothing; it only picks the outgoing interface.
        s.connect(("10.255.255.255", 1))
        return str(s.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


@dataclass(frozen=True, slots=True)
class FoundHub:
    """A hub seen on the network."""

    address: str  # host:port
    meeting: str  # meeting uid
    title: str
    name: str     # the DNS-SD instance name


class Advertiser:
    """Announces a hub with zeroconf while it runs (registration happens off the caller's thread)."""

    def __init__(self, port: int, meeting: str, title: str, addresses: list[str]) -> None:
        self.port = port
        self.meeting = meeting
        self.title = title
        self.addresses = addresses
        self._zc = None
        self._info = None
        self._thread: threading.Thread | None = None
        self.error: str | None = None

    def start(self) -> None:
        """Begin announcing in the background (probing takes about a second)."""
        self._thread = threading.Thread(target=self._register, name="signdesk-mdns", daemon=True)
        self._thread.start()

    def _register(self) -> None:
        try:
            from zeroconf import ServiceInfo, Zeroconf

            host = socket.gethostname().split(".")[0] or "signdesk"
            self._info = ServiceInfo(
                SERVICE_TYPE,
                f"SignDesk {host} {self.port}.{SERVICE_TYPE}",
                port=self.port,
                parsed_addresses=self.addresses,
                properties={"proto": PROTOCOL, "meeting": self.meeting,
                            "title": self.title[:100]},
                server=f"{host}-signdesk.local.",
            )
            self._zc = Zeroconf()
            self._zc.register_service(self._info, allow_name_change=True)
        except Exception as exc:  # noqa: BLE001 — discovery is optional; typed addresses still work
            self.error = str(exc)

    def stop(self) -> None:
        """Withdraw the announcement."""
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._zc is not None:
            try:
                if self._info is not None:
                    self._zc.unregister_service(self._info)
            finally:
                self._zc.close()
            self._zc = None


def browse(timeout: float = 3.0, meeting: str | None = None) -> list[FoundHub]:
    """Hubs announcing themselves within ``timeout`` seconds (of one meeting if given)."""
    from zeroconf import ServiceBrowser, ServiceListener, Zeroconf

    found: dict[str, FoundHub] = {}
    lock = threading.Lock()
    zc = Zeroconf()

    class Listener(ServiceListener):
        def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
            info = zc.get_service_info(type_, name, timeout=1500)
            if info is None:
                return
            props = {k.decode(): (v or b"").decode() for k, v in info.properties.items()}
            if props.get("proto") != PROTOCOL:
                return
            if meeting and props.get("meeting") != meeting:
                return
            addrs = info.parsed_addresses()
            if not addrs:
                return
            with lock:
                found[name] = FoundHub(f"{addrs[0]}:{info.port}", props.get("meeting", ""),
                                       props.get("title", ""), name)

        def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
            self.add_service(zc, type_, name)

        def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
            with lock:
                found.pop(name, None)

    try:
        ServiceBrowser(zc, SERVICE_TYPE, Listener())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with lock:
                if found and meeting:
                    break
            time.sleep(0.05)
    finally:
        zc.close()
    with lock:
        return list(found.values())
