"""Members' photos never leave the meeting file: no export, printed output or card picture holds one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from data.store import Store
from kiosk.organizer import OrganizerService
from kiosk.photos import normalise

MAGENTA = (255, 0, 255)


def magenta_photo(seed: int) -> bytes:
    """A photo no output would draw by chance: magenta with a member's own grey square."""
    image = Image.new("RGB", (240, 320), MAGENTA)
    image.paste(Image.new("RGB", (60, 60), (seed % 256,) * 3), (90, 100))
    out = io.BytesIO()
    image.save(out, "PNG")
    return normalise(out.getvalue())


@pytest.fixture
def photographed(demo_copy) -> Path:
    """The demo meeting, 40% signed in, every member with a photo."""
    path = demo_copy(arrivals=0.4)
    with Store.open(path) as store, store.transact():
        for n, m in enumerate(store.members()):
            store.set_photo(m.id, magenta_photo(n), f"{m.number}.jpg")
    return path


def photo_bytes(path: Path) -> list[bytes]:
    with Store.open(path) as store:
        return [store.photo(mid) or b"" for mid in sorted(store.photo_member_ids())[:20]]


def assert_no_photo(data: bytes, photos: list[bytes], what: str) -> None:
    assert b"\xff\xd8\xff" not in data, f"a JPEG in {what}"
    assert b"DCTDecode" not in data, f"a JPEG image in {what}"
    for photo in photos:
        assert photo[-300:-2] not in data, f"a member's photo in {what}"


def test_exports_hold_no_photo(photographed: Path, tmp_path: Path) -> None:
    photos = photo_bytes(photographed)
    assert len(photos) == 20 and all(photos)
    with pytest.raises(AssertionError):  # the check sees a photo where there is one
        assert_no_photo(b"cells" + photos[3][2:], photos, "a control")
    with OrganizerService(photographed, "secretary") as service:
        for name in ("a.csv", "a.xlsx"):
            assert service.export(tmp_path / name) > 400
    assert_no_photo((tmp_path / "a.csv").read_bytes(), photos, "the CSV export")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        assert not [n for n in z.namelist() if "media" in n], "an image part in the .xlsx"
        for name in z.namelist():
            assert_no_photo(z.read(name), photos, f"the .xlsx part {name}")


@pytest.mark.parametrize("kind", ["report", "certificates", "cards", "sheets"])
def test_printed_outputs_hold_no_photo(photographed: Path, tmp_path: Path, kind: str) -> None:
    photos = photo_bytes(photographed)
    out = tmp_path / f"{kind}.pdf"
    with OrganizerService(photographed, "secretary") as service:
        service.write_output(kind, out)
    assert_no_photo(out.read_bytes(), photos, kind)
    for page in PdfReader(out).pages[:30]:
        for image in page.images:
            assert_no_photo(image.data, photos, f"an image of {kind}")
            pixels = image.image.convert("RGB")
            assert MAGENTA not in {c for _, c in (pixels.getcolors(1 << 16) or [])}


def test_card_pictures_hold_no_photo(photographed: Path, tmp_path: Path) -> None:
    photos = photo_bytes(photographed)
    with OrganizerService(photographed, "secretary") as service:
        made = service.card_pictures(tmp_path / "cards", branches=["第一支部"])
    files = sorted((tmp_path / "cards").rglob("*"))
    assert made and [f for f in files if f.is_file()]
    for f in files:
        if f.is_file():
            assert_no_photo(f.read_bytes(), photos, f.name)
