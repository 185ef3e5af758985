"""The one base class of errors a user can fix.

Every layer's refusals derive from ``UserError``: a meeting file that cannot
be used (data/), a domain refusal (kiosk/, with its Chinese text), a printed
output that cannot be made (reports/). The command line prints them without a
traceback and exits with ``EXIT_USER`` (see ``kiosk/cli.py``); windows show
the message. It lives in data/, the lowest layer, so every layer can use it.
"""

from __future__ import annotations


class UserError(Exception):
    """An error the user can fix; shown as its message, never as a traceback."""
