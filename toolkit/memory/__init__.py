"""The translation memory: approved translations kept in SQLite, found again exactly or fuzzily.

``store`` (SQLite in WAL mode: safe under two writing processes), ``tmx`` (TMX 1.4 import and
export), ``units`` (what goes in: approved catalog entries).
"""

from toolkit.memory.store import Match, Memory, Unit, default_path, normalize

__all__ = ["Match", "Memory", "Unit", "default_path", "normalize"]
