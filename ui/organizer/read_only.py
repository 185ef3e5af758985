"""Write controls held disabled while the meeting file can only be read.

On a file the organizer cannot write (read-only media, file or folder), every
button, menu item and field that would write says so instead of failing with
a ReadOnlyError in the log: it stays disabled, its tooltip and status tip say
why (in the window's language). The panels enable and disable their buttons as
the selection changes; ``WriteLock`` undoes any such enabling of a locked
control at once, so no panel needs to know about read-only files.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


def locked_text(reason: str) -> str:
    """The tooltip of a write control on a read-only file."""
    return QCoreApplication.translate("ReadOnly", "Not available: this meeting file can only be "
                                      "read (%1).").replace("%1", reason)


class WriteLock(QObject):
    """Keeps the controls given to ``lock`` disabled, with the reason as their tooltip."""

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = reason
        self.text = locked_text(reason)
        self.widgets: list[QWidget] = []
        self.actions: list[QAction] = []

    def lock(self, *items: QWidget | QAction) -> None:
        """Disable each control now and whenever its panel enables it again."""
        for item in items:
            item.setEnabled(False)
            item.setToolTip(self.text)
            item.setStatusTip(self.text)
            if isinstance(item, QAction):
                self.actions.append(item)
                item.changed.connect(lambda a=item: a.setEnabled(False) if a.isEnabled() else None)
            else:
                self.widgets.append(item)
                item.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A locked widget that was just enabled is disabled again."""
        if (event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget)
                and watched.isEnabled()):
            watched.setEnabled(False)
        return False
