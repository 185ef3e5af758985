"""The PySide6 user interface: desk, organizer's window, big screen. The only layer
that imports Qt.
"""
