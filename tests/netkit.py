"""Network helpers shared by the tests: a TCP relay that plays a desk's cable."""

from __future__ import annotations

import selectors
import socket
import threading


class Relay:
    """A TCP relay between one desk and the hub: the desk's network cable.

    ``cut()`` drops the live connection and refuses new ones (accepting and
    closing at once, so the port stays ours); ``restore()`` lets them through.
    ``up`` and ``down`` hold every byte it carried towards the hub and back: what
    a sniffer on the LAN would see.
    """

    def __init__(self, upstream: str) -> None:
        host, port = upstream.rsplit(":", 1)
        self.upstream = (host, int(port))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self._listener.getsockname()[1]}"
        self._open = threading.Event()
        self._open.set()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._conns: list[socket.socket] = []
        self.refused = 0  # connections turned away while cut: the desk is trying again
        self.up = bytearray()    # desk -> hub
        self.down = bytearray()  # hub -> desk
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self) -> None:
        """Pull the cable: drop what is connected and refuse what comes next."""
        self._open.clear()
        with self._lock:
            conns, self._conns = self._conns, []
        for s in conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def restore(self) -> None:
        """Plug the cable back in."""
        self._open.set()

    def close(self) -> None:
        """Stop relaying for good."""
        self._closed.set()
        self.cut()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                down, _ = self._listener.accept()
            except OSError:
                return
            if not self._open.is_set():
                down.close()
                self.refused += 1
                continue
            try:
                up = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                down.close()
                continue
            with self._lock:
                self._conns += [down, up]
            threading.Thread(target=self._pipe, args=(down, up), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        sel = selectors.DefaultSelector()
        sel.register(a, selectors.EVENT_READ, b)
        sel.register(b, selectors.EVENT_READ, a)
        try:
            while self._open.is_set():
                for key, _ in sel.select(0.2):
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                    if not data:
                        return
                    with self._lock:
                        (self.up if key.fileobj is a else self.down).extend(data)
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            sel.close()
            for s in (a, b):
                s.close()
