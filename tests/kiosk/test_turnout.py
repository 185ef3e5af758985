"""Turnout and quorum arithmetic: exact, integer, rounded half up."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from kiosk.turnout import percent, quorum, required_for


def test_the_sub_district_figure() -> None:
    assert percent(3539, 3869) == "91.47"


def test_rounding_is_half_up() -> None:
    assert percent(1, 8) == "12.50"
    assert percent(1, 3) == "33.33"
    assert percent(2, 3) == "66.67"
    assert percent(1, 20000) == "0.01"   # 0.005% rounds up
    assert percent(1, 40000) == "0.00"   # 0.0025% rounds down
    assert percent(0, 0) == "0.00"
    assert percent(7, 7) == "100.00"


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_percent_matches_exact_fractions(part: int, whole: int) -> None:
    exact = Fraction(part * 100, whole)
    hundredths = int(exact * 100 + Fraction(1, 2))  # floor(x + 1/2): half up
    assert percent(part, whole) == f"{hundredths // 100}.{hundredths % 100:02d}"


def test_quorum_for_3869_expected() -> None:
    # 4/5 of 3869 is 3095.2, so 3096 voting members are needed either way.
    assert required_for("election", 3869) == 3096
    assert required_for("election_at_least", 3869) == 3096
    q = quorum("election", 3869, 3095)
    assert not q.met and q.still_needed == 1
    assert quorum("election", 3869, 3096).met


def test_exactly_four_fifths_depends_on_the_setting() -> None:
    assert not quorum("election", 10, 8).met          # 8 is not more than 8
    assert quorum("election_at_least", 10, 8).met     # 8 is at least 8
    assert quorum("majority", 10, 6).met and not quorum("majority", 10, 5).met
    assert quorum("none", 10, 0).met


def test_a_count_exactly_on_four_fifths_is_marked() -> None:
    assert quorum("election", 10, 8).exact and quorum("election_at_least", 10, 8).exact
    assert not quorum("election", 10, 9).exact and not quorum("election", 3869, 3096).exact
    assert not quorum("majority", 10, 8).exact and not quorum("election", 0, 0).exact
    assert quorum("election", 10, 8).as_dict()["exactly_four_fifths"] is True


@given(st.integers(0, 10**5), st.integers(0, 10**5))
def test_rules_are_the_integer_inequalities(expected: int, present: int) -> None:
    assert quorum("election", expected, present).met == (5 * present > 4 * expected)
    assert quorum("election_at_least", expected, present).met == (5 * present >= 4 * expected)
    assert quorum("majority", expected, present).met == (2 * present > expected)
    q = quorum("election", expected, present)
    assert q.still_needed == max(0, q.required - present)
