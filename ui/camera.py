"""The camera as a second scanner: QtMultimedia frames, decoded by zxing-cpp off the main thread.

``decode_image`` is the whole frame pipeline (grey, bounded size, QR decode);
camera frames and test images go through the same function on the same worker
thread. A code held in front of the camera is seen in many frames: ``CodeGate``
passes it once and then ignores it for a few seconds (as Hi.Events does), so
one card gives one check-in. Without a camera the desk works on and says so.
"""

from __future__ import annotations

import atexit
import time
import weakref
from collections.abc import Callable

import zxingcpp
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)

MAX_SIDE = 1280        # px: larger frames are scaled down first (phones show big codes)
FRAME_INTERVAL = 0.12  # s: at most ~8 frames a second are decoded
REPEAT_HOLD = 3.0      # s: the same code again within this time is the same showing


_LIVE: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    # A QThread destroyed while running aborts the process: stop the decoders
    # of windows that were never closed (a script that just exits).
    for scanner in list(_LIVE):
        scanner.close()


def decode_image(image: QImage) -> list[str]:
    """Decode the QR codes in one image; the frame pipeline shared by camera and tests."""
    if image.isNull():
        return []
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    if max(grey.width(), grey.height()) > MAX_SIDE:
        grey = grey.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
    try:
        found = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)
    except Exception:  # noqa: BLE001 - a bad frame is no frame
        return []
    return [b.text for b in found if b.valid and b.text]


class CodeGate:
    """Lets a code through once, then ignores it while it stays in view."""

    def __init__(self, hold: float = REPEAT_HOLD, clock: Callable[[], float] = time.monotonic) -> None:
        self.hold = hold
        self.clock = clock
        self._seen: dict[str, float] = {}

    def admit(self, code: str) -> bool:
        """True if this code should be acted on now."""
        now = self.clock()
        last = self._seen.get(code)
        self._seen[code] = now  # a code still in view keeps extending its hold
        if len(self._seen) > 64:
            self._seen = {k: t for k, t in self._seen.items() if now - t < self.hold}
        return last is None or now - last >= self.hold


class FrameDecoder(QObject):
    """Lives on the worker thread; decodes one image at a time."""

    decoded = Signal(list, float)  # codes, perf_counter when the frame was submitted

    @Slot(QImage, float)
    def decode(self, image: QImage, submitted: float) -> None:
        """Decode and report (always reports, so the camera knows the worker is free)."""
        self.decoded.emit(decode_image(image), submitted)


class CameraScanner(QObject):
    """Camera input for the desk: emits ``code(text)`` once per card shown.

    ``state`` is 'none' (no camera on this machine), 'off', 'on' or 'error';
    ``stateChanged`` tells the window so it can say so.
    """

    code = Signal(str)
    stateChanged = Signal(str)
    _submit = Signal(QImage, float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = CodeGate()
        self.state = "off"
        self._busy = False
        self._last_frame = 0.0
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._sink: QVideoSink | None = None
        self._thread = QThread(self)
        self._thread.setObjectName("camera-decoder")
        self._decoder = FrameDecoder()
        self._decoder.moveToThread(self._thread)
        self._submit.connect(self._decoder.decode, Qt.ConnectionType.QueuedConnection)
        self._decoder.decoded.connect(self._on_decoded, Qt.ConnectionType.QueuedConnection)
        self._thread.start()
        _LIVE.add(self)
        if not self.cameras():
            self._set_state("none")

    @staticmethod
    def cameras() -> list:
        """The cameras this machine has (empty list if none or no multimedia backend)."""
        try:
            return list(QMediaDevices.videoInputs())
        except Exception:  # noqa: BLE001
            return []

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    def start(self) -> bool:
        """Switch the default camera on; False (and state 'none'/'error') if impossible."""
        devices = self.cameras()
        if not devices:
            self._set_state("none")
            return False
        if self._camera is None:
            self._camera = QCamera(QMediaDevices.defaultVideoInput() or devices[0], self)
            self._session = QMediaCaptureSession(self)
            self._sink = QVideoSink(self)
            self._session.setCamera(self._camera)
            self._session.setVideoSink(self._sink)
            self._sink.videoFrameChanged.connect(self._on_frame)
            self._camera.errorOccurred.connect(lambda *_: self._set_state("error"))
        self._camera.start()
        self._set_state("on" if self._camera.isActive() or self._camera.error() == QCamera.Error.NoError
                        else "error")
        return self.state == "on"

    def stop(self) -> None:
        """Switch the camera off (the worker stays ready)."""
        if self._camera is not None:
            self._camera.stop()
        if self.state == "on":
            self._set_state("off")

    def _on_frame(self, frame: QVideoFrame) -> None:
        # Frames come far faster than they decode: drop all but one at a time.
        now = time.perf_counter()
        if self._busy or now - self._last_frame < FRAME_INTERVAL or not frame.isValid():
            return
        self._last_frame = now
        self.feed(frame.toImage())

    def feed(self, image: QImage) -> bool:
        """Send an image down the frame pipeline; False if the worker is still busy."""
        if self._busy:
            return False
        self._busy = True
        self._submit.emit(image, time.perf_counter())
        return True

    def busy(self) -> bool:
        """True while a frame is being decoded."""
        return self._busy

    def _on_decoded(self, codes: list, _submitted: float) -> None:
        self._busy = False
        for text in codes:
            if self.gate.admit(text):
                self.code.emit(text)

    def close(self) -> None:
        """Stop the camera and the worker thread (safe to call twice)."""
        _LIVE.discard(self)
        try:
            self.stop()
            self._thread.quit()
            self._thread.wait(2000)
        except RuntimeError:  # the Qt side is already gone
            pass
