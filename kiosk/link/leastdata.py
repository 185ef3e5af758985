"""What of the roster one desk receives: what its secretary needs, no more.

A desk decides every scan alone, so it holds every member (a member at the
wrong table is told which desk to go to, and a namesake search covers the hall),
but it holds personal details only where its secretary uses them:

- phone numbers in full for the branches this desk serves (the absentee call
  list); for other branches only the masked form the screens show
  (``138****5678``), which still tells namesakes apart and finds a member by
  the phone's last four digits;
- the birth year, never the full date (namesakes are told apart by year);
- for other branches no notes or education (the exclusion reason stays: the
  desk's figures count approved exclusions by reason, as the hub's do);
- card codes of other branches only as a digest (``data.store.card_key``):
  a scanned card of another branch is still recognised and answered
  "wrong desk, go to X", but a lost desk's file cannot print working cards;
- ID numbers (as the keyed hash the meeting file holds, with the meeting's
  secret: the desk hashes each swipe itself, network down too) and their last
  four characters only for the branches it serves. ID numbers have so little
  entropy that a replica with its secret gives up every hash it holds to a
  brute force in minutes; so a swiped ID card of another branch is not found
  here but asked of the hub (``id_lookup``, rate-limited there: see
  ``kiosk.link.limits.LOOKUPS_PER_SECOND``), which answers with the member's
  id and the desk then routes it as a card ("wrong desk, go to X"). Offline,
  such a card is answered "not on this desk's branches' list". The residual
  risk (a replica exposes its own branches' numbers) is in README, "ID cards
  and privacy";
- no audit, no meta (credentials travel separately, as digests, for a hand-over);
- members' photos only for the branches this desk serves, never in these
  tables: they follow in their own bounded messages (``kiosk/link/photosync.py``).

The meeting row keeps the kiosk PIN's salted slow hash: the kiosk lock must
unlock with the network down, so the desk has to be able to check the PIN.

A desk serves a branch assigned to it, and every branch assigned to no desk.
"""

from __future__ import annotations

from typing import Any

from data.store import card_key
from kiosk.link.protocol import ROSTER_TABLES
from kiosk.model import mask_phone

_MEMBER = {c: i for i, c in enumerate(ROSTER_TABLES["members"])}
_BRANCH = {c: i for i, c in enumerate(ROSTER_TABLES["branches"])}
_DESK = {c: i for i, c in enumerate(ROSTER_TABLES["desks"])}
_CARD = {c: i for i, c in enumerate(ROSTER_TABLES["cards"])}


def served_branches(roster: dict[str, list[list[Any]]], desk: str) -> set[int]:
    """Ids of the branches ``desk`` serves: its own and those no desk serves."""
    desk_ids = {row[_DESK["id"]] for row in roster.get("desks", []) if row[_DESK["name"]] == desk}
    return {row[_BRANCH["id"]] for row in roster.get("branches", [])
            if row[_BRANCH["desk_id"]] is None or row[_BRANCH["desk_id"]] in desk_ids}


def desk_view(roster: dict[str, list[list[Any]]], desk: str,
              branches: dict[str, list[list[Any]]] | None = None,
              digests: dict[str, str] | None = None) -> dict[str, list[list[Any]]]:
    """The roster tables as ``desk`` may hold them (rows in ``ROSTER_TABLES`` order).

    ``branches`` gives the full desks/branches tables when ``roster`` is only a
    delta without them; ``digests`` caches ``card_key`` of each code across the
    desks' views of one roster version.
    """
    served = served_branches(branches or roster, desk)
    out = dict(roster)
    if "members" in roster:
        members_branch: dict[int, int] = {}
        rows = []
        for row in roster["members"]:
            row = list(row)
            members_branch[row[_MEMBER["id"]]] = row[_MEMBER["branch_id"]]
            row[_MEMBER["birth_date"]] = _year(row[_MEMBER["birth_date"]])
            if row[_MEMBER["branch_id"]] not in served:
                row[_MEMBER["phone"]] = mask_phone(row[_MEMBER["phone"]] or "")
                row[_MEMBER["notes"]] = ""
                row[_MEMBER["education"]] = ""
                row[_MEMBER["id_last4"]] = ""
                row[_MEMBER["id_hash"]] = ""
            rows.append(row)
        out["members"] = rows
    if "cards" in roster:
        member_branch = _branch_of(roster, branches)
        digests = {} if digests is None else digests
        out["cards"] = [_card(row, served, member_branch, digests) for row in roster["cards"]]
    return out


def _branch_of(roster: dict[str, list[list[Any]]],
               full: dict[str, list[list[Any]]] | None) -> dict[int, int]:
    table = roster.get("members") or (full or {}).get("members") or []
    return {row[_MEMBER["id"]]: row[_MEMBER["branch_id"]] for row in table}


def _card(row: list[Any], served: set[int], member_branch: dict[int, int],
          digests: dict[str, str]) -> list[Any]:
    if member_branch.get(row[_CARD["member_id"]]) in served:
        return row
    row = list(row)
    code = row[_CARD["code"]]
    key = digests.get(code)
    if key is None:
        key = digests[code] = card_key(code)
    row[_CARD["code"]] = key
    return row


def _year(birth_date: str | None) -> str:
    text = birth_date or ""
    return text[:4] if text[:4].isdigit() else ""
