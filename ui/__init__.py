"""The PySide6 user interface: desk, organizer's window, big screen. The only layer
that imports Qt.
"""

import sys

if sys.implementation.name == "cpython" and sys.version_info < (3, 12):
    # PySide6 6.12.0's SignalInstance.emit() returns a *borrowed* True, so every
    # emit() from Python drops one reference to True. On Python 3.11 (where True
    # is not yet immortal) a screen that emits a few signals per poll brings
    # True's count to zero within minutes: "Fatal Python error: bool_dealloc".
    # Padding the count makes True effectively immortal, as 3.12 does anyway.
    import ctypes

    for _value in (True, False):
        ctypes.c_ssize_t.from_address(id(_value)).value += 1 << 40
    del _value, ctypes
