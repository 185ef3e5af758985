"""The words on the result panel: one plain sentence for every answer a desk can give.

Kept apart from the widgets so each outcome's text is easy to review and
translate. All text goes through Qt's translation system (context "DeskTexts").
Phone numbers never appear here; names do, because the secretary checks the
face against them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from data.records import MemberRecord
from kiosk import vocabulary
from kiosk.checkin import CheckinResult, Outcome
from kiosk.times import read_time

translate = QCoreApplication.translate  # lupdate finds translate("DeskTexts", "…") calls

REJECT_KEY = "F8"  # 不是本人: one key in the scan flow, no dialog, printed on the button


@dataclass(frozen=True, slots=True)
class PanelText:
    """What the result panel shows: colour, a headline, the name, one or two lines."""

    colour: str
    headline: str
    name: str = ""
    detail: str = ""


def category_name(category: str) -> str:
    """A member category in the UI language, saying 'no vote' where it applies."""
    # The installed translation says which language the desk speaks.
    zh = translate("DeskTexts", "English") == "中文"
    return vocabulary.category_with_vote(category, zh=zh)


def clock(at: str | None) -> str:
    """An event's time as HH:MM on this machine's clock."""
    if not at:
        return ""
    t = read_time(at)  # never raises: events are immutable, whatever their time holds
    try:
        return t.moment.astimezone().strftime("%H:%M") if t.moment else at[11:16]
    except (OverflowError, OSError, ValueError):  # at the edge of the clock (year 1)
        return at[11:16]


def _who(m: MemberRecord | None) -> str:
    return m.name if m else ""


def ready_text(state: str = "open", *, opens_at: str | None = None,
               closes_at: str | None = None) -> PanelText:
    """The panel between scans, saying what a scan will do now.

    ``state``: 'open' (a scan signs in), 'leave' (early-leave mode: a scan
    records a departure), 'not_open' (sign-in has not opened yet) or 'closed'.
    A desk whose sign-in is closed must not invite members to scan.
    """
    if state == "closed":
        at = clock(closes_at)
        return PanelText("ready", translate("DeskTexts", "Sign-in is closed"),
                         translate("DeskTexts", "Sign-in ended at {time}").format(time=at) if at
                         else translate("DeskTexts", "The organizer closed sign-in"),
                         translate("DeskTexts", "Scans are not recorded. Please see the organizer."))
    if state == "not_open":
        return PanelText("ready", translate("DeskTexts", "Sign-in has not opened yet"),
                         translate("DeskTexts", "Opens at {time}").format(time=clock(opens_at))
                         if opens_at else translate("DeskTexts", "Waiting for the organizer"),
                         translate("DeskTexts", "Please wait; this desk starts by itself."))
    if state == "leave":
        return PanelText("ready", translate("DeskTexts", "Early leave"),
                         translate("DeskTexts", "Scan the card of a member who is leaving"),
                         translate("DeskTexts", "This desk now records departures, not arrivals."))
    return PanelText("ready", translate("DeskTexts", "Ready"), translate("DeskTexts", "Please scan the invitation card"),
                     translate("DeskTexts", "No card? Type the name, pinyin or the phone's last four digits below."))


def describe(result: CheckinResult, *, opens_at: str | None = None) -> PanelText:
    """The panel's text for a check-in (or leave) result."""
    m = result.member
    o = result.outcome
    branch_cat = f"{m.branch} · {category_name(m.category)}" if m else ""
    if result.recorded and result.presented_by_other is not None and o in (
            Outcome.WELCOME, Outcome.REENTRY, Outcome.OBSERVER):
        # Let in, but look: someone else presented this member's card before (不是本人).
        before = result.presented_by_other
        return PanelText("amber", translate("DeskTexts", "Check the person: card used by someone else before"),
                         _who(m), translate("DeskTexts", "Presented by someone else at {time} at {desk}. "
                                            "Compare the face.").format(
                             time=clock(before.at), desk=before.desk))
    if o == Outcome.WELCOME and result.admitted_elsewhere:
        return PanelText("blue", translate("DeskTexts", "Signed in here"), _who(m),
                         translate("DeskTexts", "{branch} is normally served by {desk}").format(
                             branch=m.branch if m else "", desk=result.serving_desk or ""))
    if o == Outcome.WELCOME:
        return PanelText("green", translate("DeskTexts", "Welcome"), _who(m), branch_cat)
    if o == Outcome.REENTRY:
        return PanelText("green", translate("DeskTexts", "Welcome back"), _who(m),
                         branch_cat + " · " + translate("DeskTexts", "re-entered at {time}").format(
                             time=clock(result.event.at if result.event else None)))
    if o == Outcome.OBSERVER:
        return PanelText("green", translate("DeskTexts", "Welcome, observer"), _who(m),
                         (m.branch + " · " if m else "") + translate("DeskTexts", "not counted in the turnout"))
    if o == Outcome.ALREADY:
        e = result.earlier
        return PanelText("amber", translate("DeskTexts", "Already signed in"), _who(m),
                         translate("DeskTexts", "at {time} at {desk}").format(time=clock(e.at if e else None),
                                                         desk=e.desk if e else "?"))
    if o == Outcome.WRONG_DESK:
        where = translate("DeskTexts", "{branch} signs in at {desk}").format(
            branch=m.branch if m else "", desk=result.serving_desk or "?")
        if result.presented_by_other is not None:
            # Not let in here, but the secretary should know before sending the person on.
            before = result.presented_by_other
            where += translate("DeskTexts", ". Careful: this card was presented by someone else "
                               "at {time} at {desk}.").format(time=clock(before.at), desk=before.desk)
        return PanelText("blue", translate("DeskTexts", "Please go to {desk}").format(desk=result.serving_desk or "?"),
                         _who(m), where)
    if o == Outcome.EXCLUDED:
        reason = m.status_reason if m and m.status_reason else translate("DeskTexts", "approved")
        return PanelText("amber", translate("DeskTexts", "Excused from this meeting"), _who(m),
                         translate("DeskTexts", "Not counted ({reason}). Please ask the organizer.").format(reason=reason))
    if o == Outcome.LEFT:
        return PanelText("amber", translate("DeskTexts", "Early leave recorded"), _who(m),
                         translate("DeskTexts", "Left at {time}. Scan the card again on return.").format(
                             time=clock(result.event.at if result.event else None)))
    if o == Outcome.NOT_PRESENT:
        return PanelText("red", translate("DeskTexts", "Not in the hall"), _who(m),
                         translate("DeskTexts", "This member is not signed in, so no leave was recorded."))
    if o == Outcome.UNKNOWN:
        return PanelText("red", translate("DeskTexts", "Card not recognised"), "",
                         translate("DeskTexts", "This card is not on this meeting's list. Please find the member by name."))
    if o == Outcome.REVOKED:
        return PanelText("red", translate("DeskTexts", "This card was replaced"), _who(m),
                         translate("DeskTexts", "A newer card was issued. Please sign in by name below."))
    if o == Outcome.OTHER_MEETING:
        return PanelText("red", translate("DeskTexts", "Card for another meeting"), "",
                         translate("DeskTexts", "This card belongs to a different meeting. Please check the invitation."))
    if o == Outcome.NOT_OPEN:
        detail = (translate("DeskTexts", "Sign-in opens at {time}.").format(time=clock(opens_at)) if opens_at
                  else translate("DeskTexts", "Please wait until the organizer opens sign-in."))
        return PanelText("red", translate("DeskTexts", "Sign-in has not opened yet"), _who(m), detail)
    if o == Outcome.CLOSED:
        return PanelText("red", translate("DeskTexts", "Sign-in is closed"), _who(m),
                         translate("DeskTexts", "Please see the organizer."))
    if o == Outcome.ID_WRONG:
        return PanelText("red", translate("DeskTexts", "ID number is wrong, please swipe the card again"),
                         "", translate("DeskTexts", "Its check digit does not match: the reader misread "
                                                    "the card or a digit was mistyped."))
    if o == Outcome.ID_UNKNOWN:
        return PanelText("red", translate("DeskTexts", "This ID card is not on the list"), "",
                         translate("DeskTexts", "No member of this meeting has the ID number ending "
                                                "{last4}. Please find the member by name.").format(
                             last4=result.text[-4:]))
    if o == Outcome.ID_OFF:
        return PanelText("red", translate("DeskTexts", "ID cards cannot sign in here"), "",
                         translate("DeskTexts", "The roster was imported without ID numbers. Please "
                                                "scan the invitation card or find the member by name."))
    return PanelText("red", translate("DeskTexts", "Could not read the card"), "",
                     translate("DeskTexts", "Please scan again, or find the member by name."))


def asking_hub_text(shown: str) -> PanelText:
    """The panel while the hub is asked whose a swiped ID number is (not an answer yet)."""
    return PanelText("waiting", translate("DeskTexts", "Asking the hub about this ID number…"), "",
                     translate("DeskTexts", "Not on this desk's branches' list (ID number ending "
                                            "{last4}). One moment.").format(last4=shown[-4:]))


def id_not_here_text(shown: str, why: str = "offline") -> PanelText:
    """The red answer when an ID number is not on this desk's list and the hub could not be asked.

    ``why``: 'offline' (the desk is not connected) or 'timeout' (no answer in time).
    """
    reason = (translate("DeskTexts", "The hub did not answer in time")
              if why in ("timeout", "busy") else translate("DeskTexts", "This desk is not connected to the hub"))
    return PanelText("red", translate("DeskTexts", "This ID number is not on this desk's branches' list"),
                     "", translate("DeskTexts", "{reason}, so it could not be asked (ID number ending "
                                                "{last4}). A member of another branch signs in at "
                                                "their branch's desk; or find the member by name "
                                                "below.").format(reason=reason, last4=shown[-4:]))


def rejected_text(name: str) -> PanelText:
    """The panel after "Not this person": the check-in is undone, the member stays not arrived."""
    return PanelText("red", translate("DeskTexts", "Not this person: check-in undone"), name,
                     translate("DeskTexts", "{name} stays not arrived; the card is marked and the "
                               "organizer sees it.").format(name=name))
