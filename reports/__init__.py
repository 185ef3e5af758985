"""Printed output with reportlab: attendance report, certificates, invitation cards,
paper sign-in sheets, roll-ups, and attendance exports. Never imports Qt.
"""
