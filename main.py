"""SignDesk's entry point: `python main.py` opens the app; sub-commands run headless.

    python main.py                      start screen (choose a meeting)
    python main.py FILE [--big-screen]  the organizer's window (or the hall screen)
    python main.py desk FILE [--name …] a sign-in desk
    python main.py demo [FILE]          build the demo meeting and open it
    python main.py stats FILE --json    … see `python main.py --help`

The command line lives in the ``cli`` package (each sub-command beside its
arguments); this file only starts it.
"""

from __future__ import annotations

import multiprocessing
import sys

from cli import build_parser, main

__all__ = ["build_parser", "main"]

if __name__ == "__main__":
    # The window writes PDFs in a spawned child process (ui/tasks.py in_child); a
    # frozen build (PyInstaller) must let such a child run its task instead of the app.
    multiprocessing.freeze_support()
    sys.exit(main())
