"""A roster import run in a child process (no Qt here).

``ui.organizer.roster_import`` runs ``import_roster`` through
``ui.tasks.in_child``: the child opens the meeting file itself and writes the
checked roster in one audited transaction. Run in the window's process, even on
a worker thread, it stalled the window: pypinyin builds its 57 MB phrase
dictionary in one call that holds Python's GIL for 0.2–0.5 s. In the child
that memory is never the window's, and Cancel ends the child, whose
unfinished transaction SQLite rolls back. Once every row is written the child
says it is committing (ui.child.committing): a Cancel from then on is too
late, and the dialog says what was imported, never "nothing was imported".
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from ui.child import Report, committing

if TYPE_CHECKING:
    from kiosk.roster import ImportReport, Roster

# Rows pickled per call: one pickle.dumps holds the GIL for its whole run, so a
# 100,000-row roster handed to the child in one piece stalled the window too.
CHUNK = 250


def pack(roster: Roster) -> tuple[bytes, list[bytes], list[bytes]]:
    """The roster as pickled pieces, made on a worker thread a chunk at a time."""
    rows, findings = roster.rows, roster.findings
    head = pickle.dumps(dataclasses.replace(roster, rows=[], findings=[]))
    return (head,
            [pickle.dumps(rows[i:i + CHUNK]) for i in range(0, len(rows), CHUNK)],
            [pickle.dumps(findings[i:i + CHUNK]) for i in range(0, len(findings), CHUNK)])


def unpack(packed: tuple[bytes, list[bytes], list[bytes]]) -> Roster:
    """The roster ``pack`` made pieces of."""
    head, rows, findings = packed
    roster = pickle.loads(head)  # noqa: S301 - made by this program's own window, a moment ago
    for piece in rows:
        roster.rows.extend(pickle.loads(piece))  # noqa: S301
    for piece in findings:
        roster.findings.extend(pickle.loads(piece))  # noqa: S301
    return roster


def import_roster(report: Report, meeting: str, actor: str,
                  packed: tuple[bytes, list[bytes], list[bytes]]) -> ImportReport:
    """Import the packed roster into ``meeting`` as ``actor``; what the import did."""
    from kiosk.organizer import OrganizerService

    roster = unpack(packed)
    with OrganizerService(Path(meeting), actor) as service:
        return service.import_roster(roster, progress=lambda done, total: report(done, total),
                                     committing=committing)
