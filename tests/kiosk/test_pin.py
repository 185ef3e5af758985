"""The kiosk PIN: six digits or more, stored with salted scrypt, checked with full-width digits."""

from __future__ import annotations

import hashlib
import time

import pytest

from data.store import Store
from kiosk.meeting import (
    SettingError,
    check_pin,
    hash_pin,
    pin_hash_is_weak,
    update_settings,
)


def test_pin_is_scrypt_with_its_own_salt_and_parameters(demo_store: Store) -> None:
    update_settings(demo_store, "test", pin="246813")
    stored = demo_store.meeting().pin_hash
    kind, n, r, p, salt, digest = stored.split("$")
    assert (kind, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 1)
    assert len(bytes.fromhex(salt)) == 16 and "246813" not in stored
    assert hash_pin("246813") != hash_pin("246813")  # salted: never the same twice
    assert not pin_hash_is_weak(stored)
    m = demo_store.meeting()
    assert check_pin(m, "246813")
    assert check_pin(m, "２４６８１３")  # a Chinese input method's full-width digits
    assert check_pin(m, " 246 813 ")
    assert not check_pin(m, "246814") and not check_pin(m, "")


def test_short_or_non_digit_pins_are_refused_and_nothing_changes(demo_store: Store) -> None:
    for bad in ("2468", "12345", "24681a", "1234567890123", "٢٤٦٨١٣"):
        with pytest.raises(SettingError) as err:
            update_settings(demo_store, "test", pin=bad)
        assert "6 to 12 digits" in str(err.value)
        assert demo_store.meeting().pin_hash == ""
    update_settings(demo_store, "test", pin="１２３４５６")  # stored as its ASCII digits
    assert check_pin(demo_store.meeting(), "123456")
    update_settings(demo_store, "test", pin="")  # removed
    assert demo_store.meeting().pin_hash == ""


def test_old_pbkdf2_pins_still_open_and_are_flagged(demo_store: Store) -> None:
    salt = "0011223344556677"
    old = f"{salt}${hashlib.pbkdf2_hmac('sha256', b'2468', salt.encode(), 100_000).hex()}"
    with demo_store.transact():
        demo_store.db.execute("UPDATE meeting SET pin_hash = ?", (old,))
    m = demo_store.meeting()
    assert pin_hash_is_weak(m.pin_hash)
    assert check_pin(m, "2468") and not check_pin(m, "2469")


def test_hostile_parameters_are_refused_not_run(demo_store: Store) -> None:
    """A hash with huge scrypt parameters (from a bent replica) does not eat the desk's memory."""
    with demo_store.transact():
        demo_store.db.execute("UPDATE meeting SET pin_hash = ?",
                              (f"scrypt${2**24}$64$16${'00' * 16}${'00' * 32}",))
    started = time.perf_counter()
    assert not check_pin(demo_store.meeting(), "123456")
    assert time.perf_counter() - started < 0.5
