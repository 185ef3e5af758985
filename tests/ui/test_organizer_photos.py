"""Members' photos in the organizer's window: import with progress and report, one photo, 缺照片."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from data.jpeg import jpeg_size
from data.store import Store
from ui.organizer import photos as photos_ui


def picture(fmt: str = "JPEG", colour: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), colour).save(out, fmt)
    return out.getvalue()


def missing_rows(panel) -> set[int]:
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("nophoto"))
    model = panel.model
    return {model.member_at(r).id for r in range(model.rowCount())}


def test_import_photos_shows_every_problem_and_the_missing_filter_follows(
        qtbot, window, demo_path: Path, tmp_path: Path) -> None:
    panel = window.members
    with Store.open(demo_path) as store:
        members = store.members()
    folder = tmp_path / "photos"
    folder.mkdir()
    for m in members[:12]:
        (folder / f"{m.number}.jpg").write_bytes(picture())
    (folder / f"{members[12].number}.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    (folder / "nobody.jpg").write_bytes(picture())
    assert len(missing_rows(panel)) == len(members)

    runner = panel.import_photos(str(folder))
    assert runner.task is not None and runner.task.wait(30_000)
    qtbot.waitUntil(lambda: runner.dialog is not None and runner.dialog.isVisible(), timeout=5000)
    text = runner.dialog.details.toPlainText()
    assert "nobody.jpg" in text and f"{members[12].number}.png" in text
    assert "12 photos imported" in runner.dialog.summary.text()
    runner.dialog.accept()
    # The 缺照片 filter now leaves out the twelve.
    assert missing_rows(panel) == {m.id for m in members[12:]}
    assert panel.count.text().startswith(str(len(members) - 12))


def test_one_member_photo_from_a_file_shown_and_removed(qtbot, window, demo_path: Path,
                                                        tmp_path: Path, monkeypatch) -> None:
    panel = window.members
    target = panel.model.member_at(0)
    assert target.id in missing_rows(panel)
    panel.status_filter.setCurrentIndex(0)
    assert panel.select_member(target.id)
    box = panel.photo
    assert box.member is not None and box.member.id == target.id
    assert not box.has_photo() and box.preview.text() == "No photo"
    assert not box.remove_button.isEnabled()
    image = tmp_path / "face.png"
    image.write_bytes(picture("PNG", "orange"))
    assert box.add_from_file(image)
    assert box.has_photo() and box.remove_button.isEnabled()
    with Store.open(demo_path) as store:
        assert jpeg_size(store.photo(target.id) or b"") == (240, 320)
    # A file that is not an image is refused in words, and nothing changes.
    bad = tmp_path / "notes.png"
    bad.write_bytes(b"not an image")
    assert not box.add_from_file(bad)
    assert "not a readable" in box.error.text()
    # A camera picture goes the same way (the dialog hands over a QImage).
    camera = QImage(640, 480, QImage.Format.Format_RGB32)
    camera.fill(0x336699)
    assert box.set_image(camera)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert box.remove()
    assert not box.has_photo()
    with Store.open(demo_path) as store:
        assert store.photo(target.id) is None
        actions = [a[3] for a in store.audit_log() if a[4] == target.id]
    assert actions[-3:] == ["photo_added", "photo_replaced", "photo_removed"]
    assert target.id in missing_rows(panel)
    # With the 缺照片 filter on, a member given a photo leaves the list at once.
    assert panel.select_member(target.id) and panel.photo.add_from_file(image)
    assert target.id not in {panel.model.member_at(r).id for r in range(panel.model.rowCount())}


def test_without_a_camera_the_button_says_so(qtbot, window) -> None:
    box = window.members.photo
    assert photos_ui.cameras() == []  # this machine has none
    assert box.camera_button.text() == "No camera found"
    window.members.select_member(window.members.model.member_at(0).id)
    assert not box.camera_button.isEnabled() and box.file_button.isEnabled()
    assert box.take_photo() is False


def test_the_photo_controls_speak_chinese(qtbot, demo_path: Path) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui.language import install_translations
    from ui.organizer.window import OrganizerWindow

    app = QApplication.instance()
    translators = install_translations(app, QLocale("zh_CN"))
    try:
        win = OrganizerWindow(demo_path)
        qtbot.addWidget(win)
        panel = win.members
        assert panel.import_photos_button.text() == "导入照片…"
        assert panel.status_filter.itemText(panel.status_filter.findData("nophoto")) == "缺照片"
        assert panel.photo.file_button.text() == "从文件添加照片…"
        assert panel.photo.camera_button.text() == "未找到摄像头"
        assert panel.photo.preview.text() == "无照片"
        win.close()
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))


def test_a_busy_meeting_file_is_said_in_the_box_not_only_in_the_log(qtbot, window,
                                                                    demo_path: Path,
                                                                    tmp_path: Path) -> None:
    """Another program holds the meeting file's write lock longer than the wait: the
    photo is not saved and the box says why (it went to stderr only)."""
    import sqlite3

    panel = window.members
    target = panel.model.member_at(0)
    assert panel.select_member(target.id)
    box = panel.photo
    image = tmp_path / "face.png"
    image.write_bytes(picture("PNG", "orange"))
    box.service.store.db.execute("PRAGMA busy_timeout = 200")  # not the usual 10 s wait
    other = sqlite3.connect(demo_path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        assert not box.add_from_file(image)
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert box.error.isVisibleTo(box)
    assert "The photo was not saved" in box.error.text() and "locked" in box.error.text()
    assert not box.has_photo()
    with Store.open(demo_path) as store:
        assert store.photo(target.id) is None
    # Once the file is free, the same file is taken.
    assert box.add_from_file(image) and box.has_photo() and not box.error.isVisibleTo(box)


def test_a_file_named_by_id_number_is_named_masked(qtbot, window, tmp_path: Path) -> None:
    """A photo file named by the member's ID number that cannot be used: the message names
    it by its last four characters only."""
    id_number = "11010519491231002X"
    panel = window.members
    assert panel.select_member(panel.model.member_at(0).id)
    box = panel.photo
    corrupt = tmp_path / f"{id_number}.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0 a damaged JPEG")
    folder = tmp_path / "dir" / f"{id_number}.jpg"
    folder.mkdir(parents=True)
    for path in (corrupt, folder):
        assert not box.add_from_file(path)
        text = box.error.text()
        assert "**************002X.jpg" in text, text
        assert id_number not in text and "1101051949" not in text
