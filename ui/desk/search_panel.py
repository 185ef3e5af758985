"""Finding a member who came without their card: type, look, choose, Enter.

Results update as the operator types (name, pinyin, initials, the phone's last
four digits or the member number). Namesakes are told apart by branch, gender,
birth year and a masked phone, and by their photo beside each row (read from
the file only when the row is painted; a member without one shows none). Nothing is ever picked automatically: Enter
signs in only the row the operator moved to with the arrow keys or clicked.
The box keeps the input method off, so a scan while it has focus still works;
a "中" button lets a person type Chinese characters when they want to.
An emptied box keeps no undo history: an ID number typed and sent with Enter,
or cleared with Esc or the ✕ button, never comes back with Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk import codes
from kiosk.presence import MemberPresence
from kiosk.search import Hit
from ui.desk.texts import clock
from ui.scanner import NoImeLineEdit
from ui.style import TRANSPARENT

MEMBER_ROLE = Qt.ItemDataRole.UserRole
THUMB = QSize(42, 56)  # a search row's photo (3:4, like the stored 240x320)

PhotoFor = Callable[[int, QSize], "QPixmap | None"]


class MemberItem(QListWidgetItem):
    """A result row; its photo is read only when the list paints the row."""

    def __init__(self, text: str, member_id: int, photo: PhotoFor | None,
                 size: QSize = THUMB) -> None:
        super().__init__(text)
        self.setData(MEMBER_ROLE, member_id)
        self._photo = photo
        self._size = size

    def data(self, role: int) -> object:  # noqa: D102 - Qt's
        if role == Qt.ItemDataRole.DecorationRole and self._photo is not None:
            pix = self._photo(int(super().data(MEMBER_ROLE)), self._size)
            # No photo (none taken, or another desk's branch): an empty space of the
            # photo's size, so every name in the list starts at the same place.
            return pix if pix is not None and not pix.isNull() else _blank(self._size)
        return super().data(role)


_BLANKS: dict[tuple[int, int], QPixmap] = {}


def _blank(size: QSize) -> QPixmap:
    """A transparent pixmap of ``size`` (one per size)."""
    key = (size.width(), size.height())
    if key not in _BLANKS:
        blank = QPixmap(size)
        blank.fill(QColor(TRANSPARENT))
        _BLANKS[key] = blank
    return _BLANKS[key]


class RowHeight(QStyledItemDelegate):
    """Rows tall enough for a photo, whether or not the first row has one."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.minimum = 0

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt name)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Qt's size, at least ``minimum`` tall."""
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), self.minimum))
        return size


class SearchBox(NoImeLineEdit):
    """The search field: arrow keys move in the result list, Enter chooses, Esc clears."""

    moved = Signal(int)
    activated = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The ✕ button (and any other way of emptying the box) goes through
        # QLineEdit.clear(), which is undoable: forget the history once it is empty.
        self.textChanged.connect(self._emptied)

    def empty(self) -> None:
        """Empty the box and its undo history.

        ``QLineEdit.clear()`` can be undone: an ID number typed here came back with
        Ctrl+Z after Enter had signed it in. ``setText`` starts a new history.
        """
        self.setText("")

    def _emptied(self, text: str) -> None:
        if not text and self.isUndoAvailable():
            self.empty()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        """Keys that steer the result list instead of the text."""
        key = event.key()
        if key == Qt.Key.Key_Down:
            self.moved.emit(1)
        elif key == Qt.Key.Key_Up:
            self.moved.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.moved.emit(5)
        elif key == Qt.Key.Key_PageUp:
            self.moved.emit(-5)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit()
        elif key == Qt.Key.Key_Escape:
            self.empty()
            self.cleared.emit()
        else:
            super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Search box, result list and a sign-in button; emits ``chosen(member_id)``."""

    chosen = Signal(int)
    idTyped = Signal(str)  # an ID number typed, then Enter: signed in as a swiped card
    finished = Signal()  # the operator is done with the box (chose or cleared)

    def __init__(
        self,
        search: Callable[[str], list[Hit]],
        presence: Callable[[int], MemberPresence] | None = None,
        parent: QWidget | None = None,
        photo: PhotoFor | None = None,
        has_photos: Callable[[], bool] | None = None,
        thumb: QSize = THUMB,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._presence = presence
        self._photo = photo
        self._has_photos = has_photos
        self.thumb = QSize(thumb)  # larger on a larger screen, like the list's type
        self.box = SearchBox(self)
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.ime = QToolButton(self)
        self.ime.setCheckable(True)
        self.ime.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ime.toggled.connect(self._ime_toggled)
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay in the box
        self.results.setUniformItemSizes(True)
        self.results.setIconSize(self.thumb)
        self.rows = RowHeight(self.results)
        self.results.setItemDelegate(self.rows)
        self.results.itemDoubleClicked.connect(lambda _item: self.choose_current())
        self.results.currentRowChanged.connect(self._row_changed)
        self.sign = QPushButton(self)
        self.sign.setObjectName("searchSignIn")
        self.sign.setEnabled(False)
        self.sign.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sign.clicked.connect(self.choose_current)
        self.hint = QLabel(self)
        self.hint.setObjectName("searchHint")
        self.box.textChanged.connect(self.refresh)
        self.box.moved.connect(self.move)
        self.box.activated.connect(self.choose_current)
        self.box.cleared.connect(self.finished)

        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.ime)
        top.addWidget(self.sign)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.hint)
        lay.addWidget(self.results, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.box.setPlaceholderText(self.tr("Name, pinyin, initials, phone last 4 or number"))
        self.ime.setText(self.tr("中 Type Chinese"))
        self.ime.setToolTip(self.tr("Allow the Chinese input method in this box (it turns off again after each sign-in)"))
        self.sign.setText(self.tr("Sign in"))
        self._update_hint()

    def _ime_toggled(self, on: bool) -> None:
        self.box.allow_ime(on)
        self.box.setFocus()

    def set_presence(self, presence: Callable[[int], MemberPresence]) -> None:
        """Where to look up whether a result is already signed in."""
        self._presence = presence

    def refresh(self) -> None:
        """Search again for the text in the box."""
        self.results.clear()
        hits = self._search(self.box.text()) if self.box.text().strip() else []
        photos = self._photo is not None and (self._has_photos is None or self._has_photos())
        self.rows.minimum = self.thumb.height() + 6 if photos else 0
        for hit in hits:
            text = hit.label
            if self._presence is not None:
                p = self._presence(hit.member.id)
                if p.attended and p.arrival is not None:
                    text += "   " + self.tr("✓ in {time}").format(time=clock(p.arrival.at))
            self.results.addItem(MemberItem(text, hit.member.id, self._photo if photos else None,
                                            self.thumb))
        self.results.setCurrentRow(-1)  # never pre-select: the operator chooses
        self._update_hint()

    def _update_hint(self) -> None:
        n = self.results.count()
        shape = codes.parse(self.box.text()).shape
        if not self.box.text().strip():
            self.hint.setText("")
        elif shape == "idcard":
            self.hint.setText(self.tr("An ID number: press Enter to sign in as with the ID card."))
        elif shape == "idcard_bad":
            self.hint.setText(self.tr("This ID number's check digit is wrong: check the digits."))
        elif n == 0:
            self.hint.setText(self.tr("Nobody found. Try the pinyin (e.g. wangwei) or initials (ww)."))
        elif self.results.currentRow() < 0:
            self.hint.setText(self.tr("{n} found. Choose with ↓ ↑ and press Enter.").format(n=n))
        else:
            self.hint.setText(self.tr("Press Enter to sign in the highlighted member."))

    def _row_changed(self, row: int) -> None:
        self.sign.setEnabled(row >= 0)
        self._update_hint()

    def move(self, step: int) -> None:
        """Move the highlighted row (from none: ↓ goes to the first)."""
        n = self.results.count()
        if n == 0:
            return
        row = self.results.currentRow()
        row = (0 if step > 0 else n - 1) if row < 0 else max(0, min(n - 1, row + step))
        self.results.setCurrentRow(row)
        self.results.scrollToItem(self.results.currentItem())

    def selected_member(self) -> int | None:
        """The member id of the highlighted row, or None."""
        item = self.results.currentItem()
        if item is None or self.results.currentRow() < 0:
            return None
        return int(item.data(MEMBER_ROLE))

    def choose_current(self) -> None:
        """Sign in the highlighted member (only an explicit choice, never a guess).

        An ID number in the box is not searched for: Enter hands it on as if
        the card had been swiped (``idTyped``), and the box is emptied.
        """
        mid = self.selected_member()
        typed = self.box.text()
        if mid is None and codes.parse(typed).shape in ("idcard", "idcard_bad"):
            self.reset()
            self.idTyped.emit(typed)
            self.finished.emit()
            return
        if mid is None:
            self._update_hint()
            return
        self.chosen.emit(mid)
        self.reset()
        self.finished.emit()

    def reset(self) -> None:
        """Empty the box and the list; the input method goes back off."""
        self.box.blockSignals(True)
        self.box.empty()  # not clear(): Ctrl+Z would bring an ID number back
        self.box.blockSignals(False)
        self.results.clear()
        self.ime.setChecked(False)
        self._row_changed(-1)
