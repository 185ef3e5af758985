"""Limits on a roster file, checked before it is read whole.

A roster of the largest meetings has 100,000-200,000 rows of about twenty
columns. Anything far beyond is refused with a message that names the limit,
before it can exhaust memory (a zip bomb inflates 1 MB into gigabytes).
"""

from __future__ import annotations

from kiosk.messages import DomainError

MAX_ROWS = 200_000            # data rows in all sheets together
MAX_COLUMNS = 200             # cells a row may have
MAX_CELL_CHARS = 2_000        # characters in one cell (a name is at most 50)
MAX_CELLS = 5_000_000         # cells in a workbook's sheets / non-empty cells of a CSV
MAX_FILE_BYTES = 100 * 2**20  # any roster file on disk
MAX_ZIP_ENTRIES = 1_000       # parts of an .xlsx/.ods package
MAX_UNCOMPRESSED = 512 * 2**20  # all parts of a package, inflated
MAX_RATIO = 150               # inflated/compressed size of a part over 1 MB
MAX_SHARED_STRINGS = 5_000_000  # strings in an .xlsx shared-strings table
MAX_SHEETS = 100


class RosterTooLarge(DomainError):
    """A roster file beyond the limits, refused before it is read whole."""


def mb(n: int) -> str:
    """Bytes as whole megabytes, for messages."""
    return f"{n / 2**20:.0f} MB"
