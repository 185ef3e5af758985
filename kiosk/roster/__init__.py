"""Importing the organizer's roster: .xlsx, .xls, .et, .ods or CSV, as organizers have them.

The steps are separate modules so the organizer's window can preview a roster
and list every problem and finding before anything is written:

- ``sniff``: the file's real kind from its content, and the checks that refuse
  a hostile package before it inflates (``limits`` holds the numbers);
- ``reading``: every sheet's cells, with hidden rows, columns and sheets;
- ``headers``: the recognised headers and where the header row is;
- ``values``: dates, names, phones, ID numbers as Excel shows them;
- ``states``: categories and member states, and the rule each one follows;
- ``parse``: sheets into validated rows, problems and findings;
- ``preview``: what the preview shows (per branch, per category, exclusions);
- ``importing``: the write, in one transaction;
- ``template``: the roster template an organizer can fill in.
"""

from __future__ import annotations

from kiosk.roster.headers import FIELD_EN, FIELD_ZH, FIELDS, HEADER_ALIASES, REQUIRED
from kiosk.roster.importing import ImportReport, import_file, import_roster
from kiosk.roster.limits import MAX_ROWS, RosterTooLarge
from kiosk.roster.parse import (
    MAX_NAME,
    Roster,
    RosterRow,
    SheetInfo,
    header_field,
    parse_roster,
    read_header,
    validate_table,
)
from kiosk.roster.problems import Finding, Problem, RosterError, column_letter
from kiosk.roster.reading import decode_csv
from kiosk.roster.values import parse_birth_date

__all__ = [
    "FIELDS", "FIELD_EN", "FIELD_ZH", "HEADER_ALIASES", "MAX_NAME", "MAX_ROWS", "REQUIRED",
    "Finding", "ImportReport", "Problem", "Roster", "RosterError", "RosterRow", "RosterTooLarge",
    "SheetInfo", "column_letter", "decode_csv", "header_field", "import_file", "import_roster",
    "parse_birth_date", "parse_roster", "read_header", "validate_table",
]
