"""The domain of SignDesk: meeting rules, roster, cards, check-in decisions,
turnout, quorum and search. Plain Python: never imports Qt.
"""
