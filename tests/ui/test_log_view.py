"""The organizer sees the hub's and the link's problems in the window, not only in a file."""

from __future__ import annotations

import logging
import socket
import threading

from PySide6.QtCore import Qt

from ui.log_view import GuiLogHandler, LogView


def test_a_record_from_another_thread_arrives_on_the_gui_thread(qtbot) -> None:
    handler = GuiLogHandler().install()
    try:
        view = LogView(handler)
        qtbot.addWidget(view)
        seen_on: list[int] = []
        handler.logged.connect(lambda _e: seen_on.append(threading.get_ident()))
        worker = threading.Thread(target=lambda: logging.getLogger("kiosk.link.hub").error(
            "could not store events: %r", OSError("disk full")), name="hub")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: view.list.count() == 1)
        assert "ERROR kiosk.link.hub: could not store events: OSError('disk full')" in view.shown()[0]
        assert seen_on == [threading.main_thread().ident]
        assert view.problems == 1
        # Info is kept but shown only when asked for.
        logging.getLogger("kiosk.link.hub").setLevel(logging.INFO)
        logging.getLogger("kiosk.link.hub").info("desk 3号台 connected")
        logging.getLogger("kiosk.link.hub").setLevel(logging.NOTSET)
        qtbot.waitUntil(lambda: len(view.entries) == 2)
        assert view.list.count() == 1
        view.level.setCurrentIndex(view.level.findData(logging.INFO))
        assert [line.split(" ", 1)[1] for line in view.shown()][1] == \
            "INFO kiosk.link.hub: desk 3号台 connected"
        assert view.problems == 1  # info is not a problem
    finally:
        handler.remove()


def test_a_hub_that_cannot_start_is_in_the_window_s_log(qtbot, window) -> None:
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    try:
        assert not window.start_hub(host="127.0.0.1", port=port, discovery=False)
    finally:
        busy.close()
    view = window.log_view
    qtbot.waitUntil(lambda: view.problems >= 1)
    assert any("the hub could not start" in line for line in view.shown())
    assert window.problems.isVisible() and "1 problem" in window.problems.text()
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "Log (1)"
    qtbot.mouseClick(window.problems, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is view


def test_closing_the_window_takes_its_handler_off(qtbot, demo_path) -> None:
    from ui.organizer.window import OrganizerWindow

    win = OrganizerWindow(demo_path)
    qtbot.addWidget(win)
    assert win.log_handler in logging.getLogger().handlers
    win.close()
    assert win.log_handler not in logging.getLogger().handlers
