"""The meeting file: one SQLite file per meeting, its schema, migrations and queries.

Plain Python and the standard library's sqlite3; never imports Qt or the domain.
"""
