"""The meeting file's schema as an ordered list of numbered migration steps.

Step N brings a file from ``user_version`` N-1 to N. The store runs the missing
steps inside one exclusive transaction that also bumps ``PRAGMA user_version``,
so a file is always at exactly one version. Never edit a step that has shipped:
add a new one.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Run a multi-statement script inside the caller's transaction.

    ``executescript`` would COMMIT first and break the one-transaction upgrade,
    so statements are split with ``sqlite3.complete_statement`` and run singly.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:60]}")


def _v1_initial(db: sqlite3.Connection) -> None:
    """Meeting, desks, branches, members, cards, check-in events, audit, meta."""
    run_script(
        db,
        """
        CREATE TABLE meeting (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            uid TEXT NOT NULL,
            code_prefix TEXT NOT NULL,
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            venue TEXT NOT NULL DEFAULT '',
            quorum_rule TEXT NOT NULL DEFAULT 'election'
                CHECK (quorum_rule IN ('none', 'election', 'election_at_least', 'majority')),
            opens_at TEXT,
            closes_at TEXT,
            signin_state TEXT NOT NULL DEFAULT 'auto'
                CHECK (signin_state IN ('auto', 'open', 'closed')),
            wrong_desk_admits INTEGER NOT NULL DEFAULT 0,
            track_leave INTEGER NOT NULL DEFAULT 1,
            pin_hash TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE desks (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE branches (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL,
            desk_id INTEGER REFERENCES desks(id)
        );
        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            number TEXT UNIQUE,
            name TEXT NOT NULL,
            branch_id INTEGER NOT NULL REFERENCES branches(id),
            gender TEXT NOT NULL DEFAULT '',
            birth_date TEXT NOT NULL DEFAULT '',
            education TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT 'full'
                CHECK (category IN ('full', 'probationary', 'suspended', 'observer')),
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'leave', 'excluded')),
            status_reason TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            pinyin TEXT NOT NULL DEFAULT '',
            initials TEXT NOT NULL DEFAULT '',
            removed_at TEXT
        );
        CREATE INDEX members_branch ON members(branch_id);
        CREATE TABLE cards (
            code TEXT PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members(id),
            issued_at TEXT NOT NULL,
            revoked_at TEXT
        ) WITHOUT ROWID;
        CREATE INDEX cards_member ON cards(member_id);
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('arrive', 'leave', 'void')),
            member_id INTEGER NOT NULL REFERENCES members(id),
            desk TEXT NOT NULL,
            operator TEXT NOT NULL,
            method TEXT NOT NULL
                CHECK (method IN ('scan', 'camera', 'search', 'paper', 'manual')),
            at TEXT NOT NULL,
            target TEXT,
            reason TEXT NOT NULL DEFAULT '',
            hub_seq INTEGER UNIQUE,
            CHECK ((kind = 'void') = (target IS NOT NULL)),
            CHECK (kind != 'void' OR reason != '')
        );
        CREATE INDEX events_member ON events(member_id);
        -- Events are facts: never deleted, never rewritten. The only change
        -- allowed is the authority stamping its order (hub_seq) once.
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'check-in events are never deleted'); END;
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        WHEN OLD.hub_seq IS NOT NULL
          OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind
          OR NEW.member_id IS NOT OLD.member_id OR NEW.desk IS NOT OLD.desk
          OR NEW.operator IS NOT OLD.operator OR NEW.method IS NOT OLD.method
          OR NEW.at IS NOT OLD.at OR NEW.target IS NOT OLD.target
          OR NEW.reason IS NOT OLD.reason OR NEW.seq IS NOT OLD.seq
        BEGIN SELECT RAISE(ABORT, 'check-in events are immutable'); END;
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            member_id INTEGER,
            detail TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """
    )


def _v2_received_refused(db: sqlite3.Connection) -> None:
    """Events record when the authority received them; a replica lists the hub's refusals."""
    run_script(
        db,
        """
        ALTER TABLE events ADD COLUMN received_at TEXT;
        -- A desk's own event that the hub refused stays (events are never
        -- deleted) but no longer counts: presence and figures skip it.
        CREATE TABLE refused (
            event_id TEXT PRIMARY KEY REFERENCES events(id),
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        ) WITHOUT ROWID;
        DROP TRIGGER events_no_update;
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        WHEN OLD.hub_seq IS NOT NULL
          OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind
          OR NEW.member_id IS NOT OLD.member_id OR NEW.desk IS NOT OLD.desk
          OR NEW.operator IS NOT OLD.operator OR NEW.method IS NOT OLD.method
          OR NEW.at IS NOT OLD.at OR NEW.target IS NOT OLD.target
          OR NEW.reason IS NOT OLD.reason OR NEW.seq IS NOT OLD.seq
          OR NEW.received_at IS NOT OLD.received_at
        BEGIN SELECT RAISE(ABORT, 'check-in events are immutable'); END;
        """
    )


def _v3_member_states(db: sqlite3.Connection) -> None:
    """Member states from real rosters: exclusion case and approval, source, vote, flags."""
    run_script(
        db,
        """
        -- 核准不计 is one of the cases the rules list (or 'other' with its text in
        -- status_reason), approved by the higher party organization on a date.
        ALTER TABLE members ADD COLUMN exclusion_case TEXT NOT NULL DEFAULT ''
            CHECK (exclusion_case IN ('', 'mental', 'abroad', 'party_stopped', 'detained',
                                      'bedridden', 'transfer_pending', 'mobile_declined',
                                      'other'));
        ALTER TABLE members ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
        ALTER TABLE members ADD COLUMN approved_on TEXT NOT NULL DEFAULT '';
        -- Where the status came from: set by hand ('') or read from the roster file.
        ALTER TABLE members ADD COLUMN state_source TEXT NOT NULL DEFAULT ''
            CHECK (state_source IN ('', 'roster'));
        -- 中止表决权 (被依法留置、逮捕): expected, but without a vote.
        ALTER TABLE members ADD COLUMN vote_suspended INTEGER NOT NULL DEFAULT 0
            CHECK (vote_suspended IN (0, 1));
        -- 失联党员 / 流动党员: full rights and expected; flagged for the organizer.
        ALTER TABLE members ADD COLUMN lost_contact INTEGER NOT NULL DEFAULT 0
            CHECK (lost_contact IN (0, 1));
        ALTER TABLE members ADD COLUMN mobile INTEGER NOT NULL DEFAULT 0
            CHECK (mobile IN (0, 1));
        -- Exclusions made before cases existed keep their words as 'other'.
        UPDATE members SET exclusion_case = 'other' WHERE status = 'excluded';
        """
    )


def _v4_photos(db: sqlite3.Connection) -> None:
    """Member photos: one small portrait JPEG per member, shown only at the member's desk."""
    run_script(
        db,
        """
        -- At most 48 KiB (a 240x320 portrait is 15-30 KB at the quality the
        -- import chooses), and JPEG only: the file itself refuses anything
        -- else, so no image decoder ever meets a PNG, TIFF or SVG read from here.
        CREATE TABLE photos (
            member_id INTEGER PRIMARY KEY REFERENCES members(id),
            image BLOB NOT NULL CHECK (length(image) <= 49152)
                CHECK (typeof(image) = 'blob' AND substr(image, 1, 3) = x'FFD8FF'),
            source TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        );
        """
    )


def _v5_id_numbers(db: sqlite3.Connection) -> None:
    """Members keep an ID number's keyed hash and last four; events may be taken by ID card."""
    run_script(
        db,
        """
        -- HMAC-SHA256 (meta 'id_key') of the 18-character ID number, and its last
        -- four characters for display; the number itself is never stored.
        ALTER TABLE members ADD COLUMN id_hash TEXT NOT NULL DEFAULT '';
        ALTER TABLE members ADD COLUMN id_last4 TEXT NOT NULL DEFAULT '';
        CREATE INDEX members_id_hash ON members(id_hash) WHERE id_hash != '';
        -- A new method ('idcard') needs the events table rebuilt: SQLite cannot
        -- change a CHECK constraint in place. The refused table's rows point at
        -- events, so they wait aside while the old table goes.
        CREATE TABLE events_v5 (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('arrive', 'leave', 'void')),
            member_id INTEGER NOT NULL REFERENCES members(id),
            desk TEXT NOT NULL,
            operator TEXT NOT NULL,
            method TEXT NOT NULL
                CHECK (method IN ('scan', 'camera', 'search', 'paper', 'manual', 'idcard')),
            at TEXT NOT NULL,
            target TEXT,
            reason TEXT NOT NULL DEFAULT '',
            hub_seq INTEGER UNIQUE,
            received_at TEXT,
            CHECK ((kind = 'void') = (target IS NOT NULL)),
            CHECK (kind != 'void' OR reason != '')
        );
        INSERT INTO events_v5 (seq, id, kind, member_id, desk, operator, method, at, target,
                               reason, hub_seq, received_at)
            SELECT seq, id, kind, member_id, desk, operator, method, at, target, reason,
                   hub_seq, received_at FROM events;
        CREATE TEMP TABLE refused_v5 AS SELECT * FROM refused;
        DELETE FROM refused;
        DROP TABLE events;
        ALTER TABLE events_v5 RENAME TO events;
        INSERT INTO refused SELECT * FROM temp.refused_v5;
        DROP TABLE temp.refused_v5;
        CREATE INDEX events_member ON events(member_id);
        -- The same two guards as step 2 left them.
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'check-in events are never deleted'); END;
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        WHEN OLD.hub_seq IS NOT NULL
          OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind
          OR NEW.member_id IS NOT OLD.member_id OR NEW.desk IS NOT OLD.desk
          OR NEW.operator IS NOT OLD.operator OR NEW.method IS NOT OLD.method
          OR NEW.at IS NOT OLD.at OR NEW.target IS NOT OLD.target
          OR NEW.reason IS NOT OLD.reason OR NEW.seq IS NOT OLD.seq
          OR NEW.received_at IS NOT OLD.received_at
        BEGIN SELECT RAISE(ABORT, 'check-in events are immutable'); END;
        """
    )
    # The meeting's own secret for the hashes. A desk's replica gets its hub's
    # (kiosk.link): one made here would hash every swiped card wrongly.
    role = db.execute("SELECT value FROM meta WHERE key = 'role'").fetchone()
    if role is None or role[0] != "replica":
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('id_key', ?)",
                   (secrets.token_hex(32),))


# The ordered list: index i holds the step that makes user_version i+1.
MIGRATIONS: list[Migration] = [
    _v1_initial,
    _v2_received_refused,
    _v3_member_states,
    _v4_photos,
    _v5_id_numbers,
]

SCHEMA_VERSION = len(MIGRATIONS)
