"""The hall's big screen never shows a member's photo, though every member has one."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from data.store import Store
from kiosk.demo import sign_in_share
from kiosk.photos import normalise
from ui.live import MeetingWatcher
from ui.organizer.bigscreen import BigScreen


def magenta_share(widget: QWidget) -> float:
    """The share of the widget's pixels that are near magenta (no colour of the screens)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(image.constBits())[: image.sizeInBytes()]
    pil = Image.frombuffer("RGB", (image.width(), image.height()), data, "raw", "RGB",
                           image.bytesPerLine(), 1)
    small = pil.resize((pil.width // 4, pil.height // 4), Image.Resampling.NEAREST)
    raw = small.tobytes()
    near = sum(1 for i in range(0, len(raw), 3)
               if raw[i] > 200 and raw[i + 2] > 200 and raw[i + 1] < 60)
    return near / max(1, len(raw) // 3)


def magenta_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (240, 320), (255, 0, 255)).save(out, "PNG")
    return normalise(out.getvalue())


def test_the_big_screen_shows_no_photo(qtbot, demo_path: Path) -> None:
    photo = magenta_jpeg()
    with Store.open(demo_path) as store:
        sign_in_share(store, 0.5)
        with store.transact():
            for m in store.members():
                store.set_photo(m.id, photo, "x.jpg")
    watcher = MeetingWatcher(demo_path)
    screen = BigScreen(watcher)
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    qtbot.waitExposed(screen)
    assert magenta_share(screen) == 0.0
    # The check sees a photo where there is one.
    label = QLabel()
    pixmap = QPixmap()
    pixmap.loadFromData(photo, "JPG")
    label.setPixmap(pixmap)
    qtbot.addWidget(label)
    assert magenta_share(label) > 0.5
    watcher.close()
