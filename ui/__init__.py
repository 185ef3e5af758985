"""The PySide6 user interface: desk, organizer's window, big screen. The only layer
that imports Qt.
"""

import sys

if sys.implementation.name == "cpython" and sys.version_info < (3, 12):
    # PySide6 6.12.0 on CPython 3.11 returns *borrowed* references to None from
    # every void method (label.setText, timer.stop, processEvents …) and to True
    # from SignalInstance.emit(), so each call drops one reference the caller
    # never took. Python 3.12 made these singletons immortal, which hides the
    # bug there; on 3.11 a live screen brings the count to zero within minutes:
    # "Fatal Python error: none_dealloc" / "bool_dealloc". Padding the counts
    # makes them effectively immortal here too. (Measured: 200 setText calls
    # drop None's count by 200; see the organizer's report.)
    import ctypes

    for _value in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_value)).value += 1 << 40
    del _value, ctypes
