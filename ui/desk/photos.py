"""Member photos at the desk: read one at a time when shown, a few decoded ones kept.

The secretary compares the face in front of the desk with the member's photo
(no proxy: DOMAIN.md). Photos live in the meeting file; the desk reads a photo
through ``DeskService.photo`` only when it shows it (the green panel, a row of
the search list on screen), decodes it, and keeps the last few decoded ones
(a small LRU), never the roster's photos: a 100,000-member desk stays small.
When the organizer adds, replaces or removes a photo the file's photo version
changes and the kept ones are dropped.

``pixmap`` returns None for a member without a photo (the desk then shows
none) and a *null* QPixmap for one whose stored bytes do not decode (the desk
says so rather than showing nothing silently).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap

FULL_KEPT = 16     # decoded photos kept (240x320: ~300 KB each)
THUMBS_KEPT = 96   # scaled thumbnails kept (a few KB each)


class PhotoCache:
    """Decoded photos by member id, read on demand through ``fetch``."""

    def __init__(self, fetch: Callable[[int], bytes | None],
                 version: Callable[[], int] | None = None) -> None:
        self._fetch = fetch
        self._version = version
        self._seen_version: int | None = None
        self._full: OrderedDict[int, QPixmap | None] = OrderedDict()
        self._thumbs: OrderedDict[tuple[int, int, int], QPixmap | None] = OrderedDict()
        self.reads = 0  # photos read from the file (tests look)

    def _check_version(self) -> None:
        if self._version is None:
            return
        now = self._version()
        if now != self._seen_version:
            self._seen_version = now
            self._full.clear()
            self._thumbs.clear()

    def has_photos(self) -> bool:
        """Whether the file ever held a photo (the search list then leaves room for them)."""
        return self._version is None or self._version() > 0

    def pixmap(self, member_id: int) -> QPixmap | None:
        """The member's photo, decoded; None without one; a null pixmap if it does not decode."""
        self._check_version()
        if member_id in self._full:
            self._full.move_to_end(member_id)
            return self._full[member_id]
        data = self._fetch(member_id)
        self.reads += 1
        pix: QPixmap | None = None
        if data is not None:
            pix = QPixmap()
            if not pix.loadFromData(data, "JPG"):
                pix = QPixmap()  # null: the desk says the photo cannot be shown
        self._full[member_id] = pix
        while len(self._full) > FULL_KEPT:
            self._full.popitem(last=False)
        return pix

    def thumbnail(self, member_id: int, size: QSize) -> QPixmap | None:
        """The photo scaled to fit ``size`` (aspect kept); None without one, null if unreadable."""
        self._check_version()
        key = (member_id, size.width(), size.height())
        if key in self._thumbs:
            self._thumbs.move_to_end(key)
            return self._thumbs[key]
        full = self.pixmap(member_id)
        thumb = full
        if full is not None and not full.isNull():
            thumb = full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                Qt.TransformationMode.SmoothTransformation)
        self._thumbs[key] = thumb
        while len(self._thumbs) > THUMBS_KEPT:
            self._thumbs.popitem(last=False)
        return thumb
