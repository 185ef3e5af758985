"""The PySide6 user interface: desk, organizer's window, big screen. The only layer
that imports Qt.

PySide6 6.12.0 is excluded in pyproject.toml: on CPython 3.11 it drops a
reference to None or True on every void call and every signal emit, and a live
screen dies within minutes with "Fatal Python error: none_dealloc"
(tests/ui/test_pyside_refcounts.py guards against such a release).
"""
