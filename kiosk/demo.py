"""A demo meeting like Beijiao's: 11 branches, about 450 fictional members.

Names are made up but realistic: common and polyphonic surnames (曾, 单, 解, 区),
namesakes in different branches, a minority name with '·'. Some members are
probationary, suspended, on leave, excluded with a reason, or observers. The
roster goes through the real import, so the demo exercises what organizers use.
With ``photos`` the members of 第一支部 and the namesakes get drawn portraits
(kiosk.avatars: drawings, not real people); a few are left without one, as in
a real roster.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.idnumbers import check_char
from kiosk.meeting import assign_desk, create_meeting
from kiosk.model import Method
from kiosk.roster import Roster, RosterRow, import_roster

BRANCHES = [f"第{n}支部" for n in "一二三四五六七八九十"] + ["第十一支部"]
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭"
            "曾单解区仇查乐翟沈陆顾姚钱蒋")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文"
         "海燕春林德福永生金凤宝荣松柏云龙凯琴慧")
EDUCATION = ("初中", "高中", "中专", "大专", "本科", "研究生")
EXCLUSION_REASONS = ("长期卧床", "出国半年以上", "组织关系未转")  # each a case the rules list
LEAVE_REASONS = ("生病住院", "外出探亲", "")


def demo_id_number(i: int, year: int, month: int, gender: str) -> str:
    """A fictional resident ID number for demo member ``i``, consistent with the birth
    month and gender, with a right check character (so a desk can try an ID-card reader).

    Regions 9999xx are no real place (codes run from 11 to 82), so no real person's
    number is ever made. Unique for up to 50,000 members: the region counts the
    hundreds of pairs, the sequence (odd for men) the member within them.
    """
    seq = (i % 500) * 2 + (1 if gender == "男" else 0)  # odd: male, even: female
    first17 = f"9999{i // 500 % 100:02d}{year:04d}{month:02d}{1 + i % 28:02d}{seq:03d}"
    return first17 + check_char(first17)


def demo_roster(seed: int = 2026, size: int = 460) -> Roster:
    """The demo roster as validated rows (deterministic for a seed)."""
    rnd = random.Random(seed)
    rows: list[RosterRow] = []
    namesakes = ["王伟", "李娜", "张敏"]
    for i in range(size):
        branch = BRANCHES[i % len(BRANCHES)]
        if i < 6:
            name = namesakes[i % 3]  # the same names in different branches
        elif i == 7:
            name = "阿依古丽·买买提"
        elif i == 8:
            name = "曾小明"
        elif i == 9:
            name = "单田芳"
        else:
            name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2, 2))))
        roll = rnd.random()
        category, status, reason = "full", "active", ""
        if roll < 0.06:
            category = "probationary"
        elif roll < 0.07:
            category = "suspended"
        elif roll < 0.08:
            category = "observer"
        elif roll < 0.11:
            status, reason = "leave", rnd.choice(LEAVE_REASONS)
        elif roll < 0.13:
            status, reason = "excluded", rnd.choice(EXCLUSION_REASONS)
        year = rnd.randint(1938, 1998)
        gender, month = rnd.choice("男女"), rnd.randint(1, 12)
        rows.append(RosterRow(
            row=i + 2, name=name, branch=branch, number=f"31011{i + 1:05d}",
            gender=gender, birth_date=f"{year}-{month:02d}",
            education=rnd.choice(EDUCATION),
            phone=f"1{rnd.choice('3589')}{rnd.randint(0, 9)}{rnd.randint(0, 99999999):08d}",
            category=category, status=status, reason=reason, notes="",
            id_number=demo_id_number(i, year, month, gender),
        ))
    return Roster("demo", rows, {})


def build_demo(path: str | Path, *, arrivals: float = 0.0, seed: int = 2026,
               photos: bool = False) -> Store:
    """Create the demo meeting at ``path``; with ``arrivals`` sign in that share of it.

    ``photos`` gives drawn portraits to some members (``add_demo_photos``).
    """
    store = create_meeting(path, title="北郊居民区党员大会", date=datetime.now().date().isoformat(),
                           venue="北郊居民区活动中心二楼会议室")
    import_roster(store, demo_roster(seed), actor="demo")
    for n, branch in enumerate(BRANCHES, start=1):
        assign_desk(store, branch, f"{n}号台", actor="demo")
    if photos:
        add_demo_photos(store)
    if arrivals > 0:
        sign_in_share(store, arrivals, seed)
    return store


#: Every this many members of the photographed ones has no photo (the desk then shows none).
WITHOUT_PHOTO_EVERY = 7


def add_demo_photos(store: Store, branch: str = BRANCHES[0]) -> int:
    """Drawn portraits for the members of ``branch`` and every namesake; returns how many.

    One transaction (about 50 portraits, a few ms each to draw), so the demo
    stays quick to build.
    """
    from kiosk.avatars import avatar_jpeg

    members = store.members()
    names = Counter(m.name for m in members)
    chosen = [m for m in members if m.branch == branch or names[m.name] > 1]
    added = 0
    with store.transact():
        for n, m in enumerate(chosen):
            if n % WITHOUT_PHOTO_EVERY == WITHOUT_PHOTO_EVERY - 1:
                continue
            store.set_photo(m.id, avatar_jpeg(m.id, m.gender), "demo", actor="demo")
            added += 1
    return added


def sign_in_share(store: Store, share: float, seed: int = 2026) -> int:
    """Sign in a share of the expected members over the last 40 minutes (for demos)."""
    rnd = random.Random(seed)
    cards = store.current_cards()
    start = datetime.now().astimezone() - timedelta(minutes=40)
    desk_of = {b.id: b.desk_name or "1号台" for b in store.branches()}
    members = [m for m in store.members() if m.status != "excluded"]
    chosen = rnd.sample(members, int(len(members) * share))
    chosen.sort(key=lambda m: rnd.random())
    done = 0
    for k, m in enumerate(chosen):
        at = start + timedelta(seconds=int(2400 * (k / max(1, len(chosen))) ** 0.7))
        r = check_in(store, cards[m.id], Desk(desk_of[m.branch_id], "demo"),
                     method=Method.SCAN, at=at.isoformat(timespec="seconds"))
        done += r.recorded
    return done
