"""Importing member photos from a folder or .zip, and making one image small for the file."""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

import kiosk.photos as photos
from data.jpeg import MAX_PHOTO_BYTES, jpeg_size
from data.store import Store
from kiosk.demo import demo_roster
from kiosk.organizer import OrganizerService
from kiosk.photos import PhotoError, import_photos, normalise


def picture(width: int = 600, height: int = 800, fmt: str = "JPEG", mode: str = "RGB",
            **save: object) -> bytes:
    """A real image file: top half red, bottom half blue (tells upright from rotated)."""
    image = Image.new("RGB", (width, height), "blue")
    image.paste(Image.new("RGB", (width, height // 2), "red"), (0, 0))
    if mode != "RGB":
        image = image.convert(mode)
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def noise(width: int, height: int) -> bytes:
    """A photo of pure noise (the worst case for JPEG size)."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def colour_at(jpeg: bytes, x: float, y: float) -> tuple[int, int, int]:
    image = Image.open(io.BytesIO(jpeg)).convert("RGB")
    return image.getpixel((int(x * (image.width - 1)), int(y * (image.height - 1))))


def is_red(rgb: tuple[int, int, int]) -> bool:
    return rgb[0] > 180 and rgb[2] < 80


def is_blue(rgb: tuple[int, int, int]) -> bool:
    return rgb[2] > 180 and rgb[0] < 80


def numbers(store: Store, n: int) -> list[str]:
    return [m.number for m in store.members()[:n] if m.number]


# ---- one image ---------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    picture(),
    picture(fmt="PNG"),
    picture(3000, 4000, quality=95),                 # a phone photo
    picture(800, 600),                               # landscape: cropped to a portrait
    picture(fmt="JPEG", mode="CMYK"),                # a print shop's scan
    picture(fmt="PNG", mode="RGBA"),
    picture(fmt="PNG", mode="P"),
    picture(fmt="PNG", mode="I;16"),
    picture(fmt="JPEG", progressive=True),
    noise(1200, 1600),
])
def test_any_usable_image_becomes_a_small_portrait_jpeg(data: bytes) -> None:
    out = normalise(data)
    assert jpeg_size(out) == (240, 320)
    assert len(out) <= MAX_PHOTO_BYTES
    Image.open(io.BytesIO(out)).load()


def test_a_small_source_is_cropped_to_three_by_four_not_enlarged() -> None:
    assert jpeg_size(normalise(picture(150, 150))) == (112, 150)


def test_the_exif_orientation_is_applied_and_no_metadata_is_kept() -> None:
    # A phone held upright stores the picture sideways and says so in EXIF (6: rotate 90° CW).
    upright = Image.open(io.BytesIO(picture(600, 800)))
    sideways = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    sideways.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    made = normalise(out.getvalue())
    assert is_red(colour_at(made, 0.5, 0.1)) and is_blue(colour_at(made, 0.5, 0.9))
    kept = Image.open(io.BytesIO(made))
    assert not kept.getexif() and "icc_profile" not in kept.info
    assert b"PhoneMaker" not in made and b"Exif" not in made


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` (a decompression bomb)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("data, why", [
    (png_claiming(100_000, 100_000), "refused unread"),
    (png_claiming(8000, 8000), "refused unread"),
    (png_claiming(5000, 4000), "for a PNG"),         # 20 MP: a JPEG may, a PNG may not
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "not a readable"),
    (picture()[:600], "damaged"),                    # cut short in the scan
    (b"GIF89a" + b"\0" * 100, "not a readable"),
    (picture(fmt="BMP"), "not a readable"),          # only JPEG and PNG are opened
    (picture(40, 40), "only 40x40"),
    (b"\xff\xd8\xff" + b"\0" * (photos.MAX_FILE_BYTES + 1), "MB"),
    (b"", "not a readable"),
    (b"\0\0\0\x18ftypheic" + b"\0" * 200, "HEIC"),      # an iPhone photo named .jpg
])
def test_hostile_or_broken_images_are_refused_with_the_reason(data: bytes, why: str) -> None:
    with pytest.raises(PhotoError, match=why) as caught:
        normalise(data)
    assert caught.value.zh


# ---- a folder or a .zip ------------------------------------------------------------------


def demo_ids() -> dict[str, str]:
    """Member number -> the demo's fictional ID number."""
    return {r.number: r.id_number for r in demo_roster().rows if r.number}


def build_collection(store: Store, root: Path) -> dict[str, int]:
    """A photo collection as organizers receive it, with every kind of trouble in it."""
    members = store.members()
    nums = [m.number for m in members if m.number]
    by_number = {m.number: m.id for m in members}
    ids = demo_ids()
    files = {
        f"by id/{ids[nums[7]]}.jpg": picture(),                # named by ID number
        f"by id/{ids[nums[8]].lower()}.PNG": picture(fmt="PNG"),
        f"{ids[nums[9]][:17]}{'0' if ids[nums[9]][17] != '0' else '1'}.jpg": picture(),
        f"{nums[0]}.jpg": picture(),
        f"{nums[1]}.JPG": picture(fmt="JPEG"),                 # upper-case extension
        f"{nums[2]}.png": picture(fmt="PNG"),
        f"branch 2/{nums[3]}.jpeg": picture(),               # nested folder
        f"branch 2/deeper/{nums[4].lower()}.Png": picture(fmt="PNG"),
        f"{nums[5]}.jpg": picture()[:700],                     # corrupt
        "99999999999.jpg": picture(),                          # nobody's number
        f"dup/{nums[0]}.png": picture(fmt="PNG"),              # a second photo of nums[0]
        "readme.txt": b"photos of the 2026 meeting",
        "__MACOSX/._x.jpg": b"\0\5\26\7",
        ".DS_Store": b"\0\0\0\1Bud1",
        f"branch 2/.{nums[6]}.jpg": picture(),               # hidden
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return by_number


def check_report(report: photos.PhotoImport, store: Store, by_number: dict[str, int],
                 had_photo: int) -> None:
    nums = [n for n in by_number if n][:10]
    matched = {mid for _, mid, _ in report.matched}
    assert matched == {by_number[n] for n in nums[:5] + nums[7:9]}
    assert store.photo_member_ids() == matched | {had_photo}
    for mid in matched:
        assert jpeg_size(store.photo(mid) or b"") == (240, 320)
    assert [r[1] for r in report.replaced] == [had_photo]
    assert [name for name, _ in report.unreadable] == [f"{nums[5]}.jpg"]
    assert "damaged" in report.unreadable[0][1]
    unknown = dict(report.unknown)
    assert "99999999999.jpg" in unknown and len(unknown) == 2
    wrong = next(name for name in unknown if name != "99999999999.jpg")
    assert "check character" in unknown[wrong]
    # No ID number in clear in the report, or in the file beside the photo.
    ids = demo_ids()
    text = repr(report)
    for n in nums[7:10]:
        assert ids[n] not in text and ids[n].lower() not in text and ids[n][:17] not in text
    assert all(ids[n][-4:] in text.upper() for n in nums[7:9])
    sources = {r[0] for r in store.all("SELECT source FROM photos")}
    assert not any(ids[n] in s.upper() for s in sources for n in nums[7:10])
    assert [d[0] for d in report.duplicates] == [f"dup/{nums[0]}.png"]
    assert [name for name, _ in report.skipped] == ["readme.txt"]
    assert report.hidden == 3
    assert not report.cancelled
    # Every problem is on a line for the organizer.
    text = "\n".join(report.lines())
    for name in ("99999999999.jpg", f"{nums[5]}.jpg", f"dup/{nums[0]}.png", "readme.txt"):
        assert name in text
    assert "replaced" in report.summary() and "could not be read" in report.summary()
    assert "无法读取" in report.summary_zh()


def test_a_folder_is_imported_by_member_number(demo_store: Store, tmp_path: Path) -> None:
    by_number = build_collection(demo_store, tmp_path / "photos")
    had = by_number[numbers(demo_store, 2)[1]]
    demo_store.set_photo(had, normalise(picture(fmt="PNG")), "earlier.png")
    report = import_photos(demo_store, tmp_path / "photos", "secretary")
    check_report(report, demo_store, by_number, had)
    audit = [a for a in demo_store.audit_log() if a[3].startswith("photo_")]
    assert [a[3] for a in audit].count("photo_replaced") == 1  # the import replaced the earlier
    assert all(a[2] == "secretary" for a in audit[1:])


def zipped(root: Path, target: Path, *, utf8_names: bool = True) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(root).as_posix())
    return target


def test_a_zip_is_imported_the_same_way(demo_store: Store, tmp_path: Path) -> None:
    by_number = build_collection(demo_store, tmp_path / "photos")
    had = by_number[numbers(demo_store, 2)[1]]
    demo_store.set_photo(had, normalise(picture()), "earlier.jpg")
    archive = zipped(tmp_path / "photos", tmp_path / "photos.zip")
    report = import_photos(demo_store, archive, "secretary")
    check_report(report, demo_store, by_number, had)


def test_an_id_number_name_is_reported_when_the_roster_holds_no_id_numbers(
        demo_store: Store, tmp_path: Path) -> None:
    number = numbers(demo_store, 1)[0]
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / f"{demo_ids()[number]}.jpg").write_bytes(picture())
    (tmp_path / "p" / "11010519491231002X.jpg").write_bytes(picture())  # nobody's
    report = import_photos(demo_store, tmp_path / "p", "secretary")
    assert len(report.matched) == 1 and "no member" in report.unknown[0][1]
    demo_store.remove_photo(report.matched[0][1])
    with demo_store.transact() as db:
        db.execute("UPDATE members SET id_hash = '', id_last4 = ''")
    report = import_photos(demo_store, tmp_path / "p", "secretary")
    assert len(report.matched) == 0 and len(report.unknown) == 2
    assert all("holds no ID numbers" in why for _, why in report.unknown)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)


def test_full_width_digits_in_a_name_are_digits_and_never_shown_in_clear(
        demo_store: Store, tmp_path: Path) -> None:
    first, second = numbers(demo_store, 2)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / f"{full_width(first)}.jpg").write_bytes(picture())
    (tmp_path / "p" / f"{full_width(demo_ids()[second])}.jpg").write_bytes(picture())
    (tmp_path / "p" / f"{full_width('11010519491231002X')}.jpg").write_bytes(picture())
    report = import_photos(demo_store, tmp_path / "p", "secretary")
    assert len(report.matched) == 2 and len(report.unknown) == 1
    shown = repr(report.lines()) + repr(report.unknown) + repr(report.matched)
    for clear in ("11010519491231002X", full_width("11010519491231002X"), demo_ids()[second],
                  full_width(demo_ids()[second])):
        assert clear not in shown and clear[:14] not in shown


def test_a_member_removed_during_the_import_is_reported_not_fatal(
        demo_store: Store, tmp_path: Path) -> None:
    from kiosk.members import remove_member

    chosen = numbers(demo_store, 3)
    (tmp_path / "p").mkdir()
    for number in chosen:
        (tmp_path / "p" / f"{number}.jpg").write_bytes(picture())
    gone = demo_store.member_by_number(chosen[1]).id

    def progress(done: int, total: int) -> None:
        if done == 2:  # read and matched, not written yet (one batch at the end)
            remove_member(demo_store, gone, "moved away", "organizer")

    report = import_photos(demo_store, tmp_path / "p", "secretary", progress=progress)
    assert len(report.matched) == 2 and gone not in demo_store.photo_member_ids()
    ((name, why),) = report.unreadable
    assert name == f"{chosen[1]}.jpg" and "roster" in why and report.zh[why].startswith("未写入")


def test_a_zip_announcing_a_huge_directory_is_refused_before_it_is_loaded(
        demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "names.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for i in range(200):
            z.writestr(f"{'n' * 200}{i}.jpg", b"x")
    monkeypatch.setattr(photos, "MAX_ZIP_DIRECTORY", 10_000)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the directory was loaded")

    monkeypatch.setattr(photos.zipfile, "ZipFile", never)
    with pytest.raises(PhotoError, match="list of files") as caught:
        import_photos(demo_store, archive, "secretary")
    assert "文件目录" in caught.value.zh


def test_a_chinese_windows_zip_name_is_read_as_gbk(demo_store: Store, tmp_path: Path) -> None:
    archive = tmp_path / "gbk.zip"
    number = numbers(demo_store, 1)[0]
    with zipfile.ZipFile(archive, "w") as z:
        # Windows' built-in zip writes names in the ANSI code page without the UTF-8 flag.
        info = zipfile.ZipInfo(f"第一支部/{number}.jpg")
        z.writestr(info, picture())
    raw = archive.read_bytes()
    gbk = "第一支部".encode("gbk")
    utf8 = "第一支部".encode()
    raw = raw.replace(utf8, gbk.ljust(len(utf8), b"_"))
    # Clear the UTF-8 flag (bit 11) in both headers: the name is then 'as the system wrote it'.
    raw = raw.replace(b"PK\x03\x04\x14\x00\x00\x08", b"PK\x03\x04\x14\x00\x00\x00")
    raw = raw.replace(b"PK\x01\x02\x14\x03\x14\x00\x00\x08", b"PK\x01\x02\x14\x03\x14\x00\x00\x00")
    archive.write_bytes(raw)
    report = import_photos(demo_store, archive, "secretary")
    assert len(report.matched) == 1
    assert report.matched[0][0].startswith("第一支部")


def test_zip_bombs_and_huge_archives_are_refused(demo_store: Store, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    number = numbers(demo_store, 1)[0]
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{number}.jpg", b"\xff\xd8\xff" + b"\0" * (20 * 2**20))  # 20 MB of zeros
    report = import_photos(demo_store, bomb, "secretary")
    assert report.matched == [] and "zip bomb" in report.unreadable[0][1]
    # An entry that declares a small size and holds more is stopped while inflating.
    monkeypatch.setattr(photos, "MAX_ENTRIES", 3)
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(4):
            z.writestr(f"{i}.jpg", b"x")
    with pytest.raises(PhotoError, match="at most 3"):
        import_photos(demo_store, many, "secretary")
    (tmp_path / "not.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(PhotoError, match="not a readable .zip"):
        import_photos(demo_store, tmp_path / "not.zip", "secretary")
    assert demo_store.photo_member_ids() == set()


def test_an_entry_lying_about_its_size_is_stopped_while_inflating(
        demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    number = numbers(demo_store, 1)[0]
    monkeypatch.setattr(photos, "MAX_FILE_BYTES", 2 * 2**20)
    liar = tmp_path / "liar.zip"
    with zipfile.ZipFile(liar, "w", zipfile.ZIP_STORED) as z:
        z.writestr(f"{number}.jpg", os.urandom(3 * 2**20))
    raw = bytearray(liar.read_bytes())
    # Patch the declared (uncompressed) size in the central directory to 1 KB.
    at = raw.rindex(b"PK\x01\x02")
    raw[at + 24:at + 28] = struct.pack("<I", 1024)
    liar.write_bytes(bytes(raw))
    report = import_photos(demo_store, liar, "secretary")
    assert report.matched == [] and len(report.unreadable) == 1


def test_a_link_in_the_folder_is_not_followed(demo_store: Store, tmp_path: Path) -> None:
    number = numbers(demo_store, 1)[0]
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(picture())
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / f"{number}.jpg").symlink_to(outside)
    report = import_photos(demo_store, tmp_path / "p", "secretary")
    assert report.matched == [] and "link" in report.skipped[0][1]


def test_cancelling_keeps_what_was_written_and_says_so(demo_store: Store, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(photos, "BATCH", 2)
    (tmp_path / "p").mkdir()
    for number in numbers(demo_store, 6):
        (tmp_path / "p" / f"{number}.jpg").write_bytes(picture(300, 400))

    def progress(done: int, total: int) -> None:
        assert total == 6
        if done == 3:
            raise RuntimeError("cancelled")

    report = import_photos(demo_store, tmp_path / "p", "secretary", progress=progress)
    assert report.cancelled and len(report.matched) == 3
    assert len(demo_store.photo_member_ids()) == 3
    assert "cancelled" in report.summary()


def test_the_organizer_sets_and_removes_one_photo(demo_path: Path, tmp_path: Path) -> None:
    image = tmp_path / "face.png"
    image.write_bytes(picture(fmt="PNG"))
    with OrganizerService(demo_path, "secretary") as service:
        mid = service.store.members()[0].id
        changes = service.set_photo_file(mid, image)
        assert changes.members == {mid} and not changes.roster
        assert jpeg_size(service.photo(mid) or b"") == (240, 320)
        service.set_photo_image(mid, picture(), "camera")
        assert service.photo_member_ids() == {mid}
        assert service.remove_photo(mid).members == {mid}
        assert service.remove_photo(mid).empty
        with pytest.raises(PhotoError, match="not a file"):
            service.set_photo_file(mid, tmp_path)
        with pytest.raises(PhotoError, match="not a readable"):
            service.set_photo_image(mid, b"<svg/>", "camera")
        with pytest.raises(PhotoError, match="no member"):
            service.set_photo_image(10**9, picture(), "camera")
        assert service.photo(mid) is None


def test_the_photos_command(demo_path: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    import cli

    with Store.open(demo_path) as store:
        first, second = numbers(store, 2)
        total = len(store.members())
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / f"{first}.jpg").write_bytes(picture())
    (folder / "nobody.jpg").write_bytes(picture())
    assert cli.main(["photos", str(demo_path), str(folder)]) == cli.EXIT_FAILED  # one unknown
    out = capsys.readouterr().out
    assert "1 photos imported" in out and "unknown name: nobody.jpg" in out
    single = tmp_path / "one.png"
    single.write_bytes(picture(fmt="PNG"))
    assert cli.main(["photos", str(demo_path), "--member", second, "--image", str(single)]) == cli.EXIT_OK
    assert cli.main(["photos", str(demo_path), "--missing"]) == cli.EXIT_OK
    assert f"{total - 2} members have no photo" in capsys.readouterr().out
    assert cli.main(["photos", str(demo_path), "--member", second, "--remove"]) == cli.EXIT_OK
    assert "removed the photo" in capsys.readouterr().out
    assert cli.main(["photos", str(demo_path), "--member", second, "--image",
                     str(tmp_path / "none.jpg")]) == cli.EXIT_USER
    assert "none.jpg is not a file" in capsys.readouterr().err
    with Store.open(demo_path) as store:
        assert len(store.photo_member_ids()) == 1
