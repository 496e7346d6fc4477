"""Gettext catalog management behind ``toolkit catalog``: extract, init, update, compile.

Built on :mod:`toolkit.po` (reader, minimal-diff writer, plurals, stats); every file goes
through :mod:`toolkit.catalog.files` (atomic, locked).
"""
