"""A printed output of the meeting written in a child process (no Qt here).

``ui.organizer.printing`` runs ``write`` through ``ui.tasks.in_child``: the
child opens the meeting file itself (its own OrganizerService, read for the
output), has reportlab draw the pages, checks which characters no font has,
and hands back the font gaps. Nothing of the window is imported, so the child
starts small and the window's GIL is never held by reportlab.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ui.child import Report

if TYPE_CHECKING:
    from reports.glyphs import Gap


def write(report: Report, meeting: str, actor: str, kind: str, path: str, english: bool,
          steps: tuple[str, str] = ("", "")) -> list[Gap]:
    """Write output ``kind`` of ``meeting`` to ``path``; the characters no font can print.

    ``steps`` are the window's words for the two steps (drawing the pages,
    checking the fonts), already translated: the child has no translator.
    """
    from kiosk.organizer import OrganizerService

    with OrganizerService(Path(meeting), actor) as service:
        report(0, 2, steps[0])
        service.write_output(kind, path, english=english)
        report(1, 2, steps[1])
        gaps = service.font_gaps(kind)  # said before Print… can be pressed
        report(2, 2, steps[1])
        return gaps
