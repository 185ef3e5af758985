"""The top of ui/: makes the QApplication and opens the windows.

``python main.py`` comes in here (``run_organizer``, ``run_desk``); the start
screen, which offers both roles, lives here too. Only this package imports
both windows (ui.organizer and ui.desk); the organizer's window asks for a desk
by a signal that the launcher answers, so neither window imports the other.
"""

from ui.launcher.app import can_open_windows, make_app, run_desk, run_organizer

__all__ = ["can_open_windows", "make_app", "run_desk", "run_organizer"]
