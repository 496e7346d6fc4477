"""SQLite translation memory: exact lookup by normalized text, fuzzy lookup with a score.

A unit is (source language, target language, source, target, context): the context is the
catalog entry's msgctxt ("" for none), since "May" the month and "May" the verb are two
messages with two translations; a caller decides what a hit in another context is worth
(``catalog fill``: a suggestion, marked fuzzy). Lookups compare a *key*: the
source with placeholders masked (``%(name)s``, ``{count}``, ``%d`` -> one mask character),
whitespace collapsed and Unicode NFC, so ``Delete %(name)s?`` finds ``Delete %(item)s?`` and
the hit comes back with the query's own placeholders put in. The database runs in WAL mode
with a busy timeout, so two processes adding at once both succeed and readers never block.
"""

from __future__ import annotations

import os
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from toolkit.errors import ToolkitError
from toolkit.i18n import Message
from toolkit.text.placeholders import find_placeholders

__all__ = ["MACHINE", "Match", "Memory", "MemoryError_", "Unit", "default_path", "lang_tag",
           "machine_origin", "normalize"]

MASK = "\ufffc"
_KEYS_PER_QUERY = 900  # host parameters per statement: SQLite before 3.32 allows 999
# an index look-up of one key costs about as much as reading this many rows in order (5.5
# measured on an 800-unit memory): a look-up of more keys than the memory has units over
# this reads the language pair once instead
_PROBE_COST = 4
MACHINE = "machine:"
"""Origin prefix of a unit a model produced (``catalog fill``): kept so the same string is
never translated twice, but never offered as a fuzzy match or taken as approved."""
SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    key TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    UNIQUE (src_lang, tgt_lang, source, target, context)
);
CREATE INDEX IF NOT EXISTS units_key ON units (src_lang, tgt_lang, key);
"""
_COLUMNS = "id, src_lang, tgt_lang, source, target, key, origin, created"
_MIGRATE = f"""
ALTER TABLE units RENAME TO units_before_context;
{SCHEMA.split(";", 1)[0]};
INSERT INTO units ({_COLUMNS}) SELECT {_COLUMNS} FROM units_before_context;
DROP TABLE units_before_context;
{SCHEMA.split(";", 1)[1]}"""
"""A memory written before units kept their context: the table again with the column, and
the unique constraint with it (SQLite cannot alter a constraint in place)."""


class MemoryError_(ToolkitError):  # noqa: N801 - MemoryError is a builtin
    """The memory database cannot be opened or is not a toolkit memory."""


class Unit(NamedTuple):
    """One translation: *source* in *src_lang* is *target* in *tgt_lang*.

    A named tuple, not a frozen dataclass: a lookup makes one per stored unit it reads and a
    frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (with the
    columns the query already knows read back, a quarter of the exact look-up of the 852
    strings of a 2,000-entry fill)."""

    src_lang: str
    tgt_lang: str
    source: str
    target: str
    origin: str = ""
    context: str = ""  # the msgctxt of the entry it came from, "" for none

    @property
    def machine(self) -> bool:
        """Whether a model produced the target (not yet approved by a person)."""
        return self.origin.startswith(MACHINE)


def machine_origin(engine: str) -> str:
    """The origin of a unit the model *engine* (a package name) produced."""
    return MACHINE + engine


class Match(NamedTuple):
    """A lookup hit: the stored unit, its target adapted to the query, a 0-100 score."""

    unit: Unit
    target: str
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


def lang_tag(code: str) -> str:
    """The one spelling of a language in the memory (en, ru, zh-Hans, zh-Hant)."""
    from toolkit.langs import parse_lang

    return parse_lang(code).tag


def _placeholders(text: str) -> list[str]:
    return [s.text for s in find_placeholders(text)]


def _closest_first(units: list[Unit], text: str) -> list[Unit]:
    """*units*, whose sources all normalize to *text*'s key, with the unit whose source is
    *text* itself first, then those with the same placeholders, in their order otherwise.
    'Delete selected %(verbose_name_plural)s' and 'Delete selected %(model)s' share a key:
    the translation of the other source, more recent, was taken for an exact one
    (Django's 'Удалить выбранный объект типа ...') over the translation of the string
    itself."""
    if len(units) < 2:
        return units
    marks = _placeholders(text)
    return sorted(units, key=lambda u: 0 if u.source == text
                  else 1 if _placeholders(u.source) == marks else 2)


def normalize(text: str) -> str:
    """The lookup key of *text*: placeholders masked, whitespace collapsed, NFC."""
    spans = find_placeholders(text)
    if spans:
        parts, last = [], 0
        for s in spans:
            parts.append(text[last:s.start])
            parts.append(MASK)
            last = s.end
        parts.append(text[last:])
        text = "".join(parts)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _adapt(unit: Unit, query: str) -> str:
    """The unit's target with the stored source's placeholders replaced by the query's
    (matched by position in the source); unchanged when they cannot be paired."""
    if unit.source == query:
        return unit.target
    old, new = _placeholders(unit.source), _placeholders(query)
    if old == new or len(old) != len(new):
        return unit.target
    mapping = dict(zip(old, new, strict=True))
    if len(mapping) != len(old):
        return unit.target
    spans = find_placeholders(unit.target)
    out, last = [], 0
    for s in spans:
        out.append(unit.target[last:s.start])
        out.append(mapping.get(s.text, s.text))
        last = s.end
    out.append(unit.target[last:])
    return "".join(out)


def default_path() -> Path:
    """``TOOLKIT_MEMORY``, else ``path`` in ``[tool.toolkit.memory]``, else the user data dir."""
    env = os.environ.get("TOOLKIT_MEMORY")
    if env:
        return Path(env)
    from toolkit.config import load_section, setting

    section = load_section("memory", {"path"})
    if "path" in section.values:
        base = section.file.parent if section.file else Path.cwd()
        return base / setting(section.values["path"], str, "path", section)
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(data) / "toolkit" / "memory.sqlite3"


class Memory:
    """A translation memory in one SQLite file (created on first use)."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            self._add_context_column()
        except sqlite3.DatabaseError as exc:
            raise MemoryError_(Message("not a translation memory: {error}", error=str(exc)),
                               path=str(self.path)) from None
        except OSError as exc:
            raise MemoryError_(Message("cannot open: {error}", error=exc.strerror),
                               path=str(self.path)) from None

    def _has_context(self) -> bool:
        return any(row[1] == "context" for row in self.db.execute("PRAGMA table_info(units)"))

    def _add_context_column(self) -> None:
        """Bring a memory written before units kept their context up to date, once, in one
        transaction (another process may be doing the same: the second finds it done)."""
        if self._has_context():
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if not self._has_context():
                for statement in _MIGRATE.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, units: Iterable[Unit]) -> int:
        """Store *units* in one transaction; returns how many were new.

        An approved unit (no :data:`MACHINE` origin) whose text a model's unit already holds
        replaces that origin and counts as new: a reviewer who keeps the model's draft as it
        is approves it, and the memory must stop offering it as a draft to review."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows = [(u.src_lang, u.tgt_lang, u.source, u.target, normalize(u.source), u.origin, now,
                 u.context) for u in units if u.source.strip() and u.target.strip()]
        if not rows:
            return 0
        approved = [(origin, created, *unit, context)
                    for *unit, _key, origin, created, context in rows
                    if not origin.startswith(MACHINE)]
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            before = self.db.total_changes
            cur.executemany("INSERT OR IGNORE INTO units (src_lang, tgt_lang, source, target, "
                            "key, origin, created, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            rows)
            cur.executemany("UPDATE units SET origin = ?, created = ? WHERE src_lang = ? AND "
                            "tgt_lang = ? AND source = ? AND target = ? AND context = ? AND "
                            "substr(origin, 1, ?) = ?",
                            [(*a, len(MACHINE), MACHINE) for a in approved])
            added = self.db.total_changes - before
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return added

    def units(self, src_lang: str | None = None, tgt_lang: str | None = None) -> Iterator[Unit]:
        """Every stored unit (optionally of one language pair), oldest first."""
        sql = "SELECT src_lang, tgt_lang, source, target, origin, context FROM units"
        args: tuple[str, ...] = ()
        if src_lang and tgt_lang:
            sql += " WHERE src_lang = ? AND tgt_lang = ?"
            args = (src_lang, tgt_lang)
        for row in self.db.execute(sql + " ORDER BY id", args):
            yield Unit(*row)

    def exact(self, src_lang: str, tgt_lang: str, text: str) -> list[Match]:
        """Units whose normalized source equals *text*'s, in every context (each hit's unit
        says its own): those whose source is *text* itself first, then those with its
        placeholders, then the rest (placeholders named otherwise), most recent first in
        each (:func:`_closest_first`)."""
        return self.exact_many(src_lang, tgt_lang, [text])[0]

    def exact_many(self, src_lang: str, tgt_lang: str, texts: Sequence[str]
                   ) -> list[list[Match]]:
        """:meth:`exact` for each of *texts*, in one query per :data:`_KEYS_PER_QUERY` keys
        (a catalog's worth of strings asked one by one spent most of a fill's look-up time
        in SQLite's per-statement work)."""
        keys = [normalize(t) for t in texts]
        unique = list(dict.fromkeys(keys))
        found: dict[str, list[Unit]] = {}
        last = self.db.execute("SELECT max(id) FROM units").fetchone()[0] or 0
        if len(unique) * _PROBE_COST >= last:  # about the whole memory: read the pair once
            wanted = set(unique)
            for key, source, target, origin, context in self.db.execute(
                    "SELECT key, source, target, origin, context FROM units "
                    "WHERE src_lang = ? AND tgt_lang = ? ORDER BY id DESC",
                    (src_lang, tgt_lang)):
                if key in wanted:
                    found.setdefault(key, []).append(
                        Unit(src_lang, tgt_lang, source, target, origin, context))
            unique = []
        for i in range(0, len(unique), _KEYS_PER_QUERY):
            chunk = unique[i:i + _KEYS_PER_QUERY]
            rows = self.db.execute(
                "SELECT key, source, target, origin, context FROM units "
                f"WHERE src_lang = ? AND tgt_lang = ? AND key IN ({','.join('?' * len(chunk))})"
                " ORDER BY id DESC", (src_lang, tgt_lang, *chunk))
            for key, source, target, origin, context in rows:
                found.setdefault(key, []).append(
                    Unit(src_lang, tgt_lang, source, target, origin, context))
        return [[Match(u, _adapt(u, text), 100.0) for u in _closest_first(found.get(key, []),
                                                                           text)]
                for text, key in zip(texts, keys, strict=True)]

    def fuzzy(self, src_lang: str, tgt_lang: str, text: str, *, limit: int = 5,
              cutoff: float = 75.0) -> list[Match]:
        """The *limit* most similar units (rapidfuzz ratio on the keys) scoring >= *cutoff*."""
        return self.fuzzy_many(src_lang, tgt_lang, [text], limit=limit, cutoff=cutoff)[0]

    def fuzzy_many(self, src_lang: str, tgt_lang: str, texts: Sequence[str], *,
                   limit: int = 5, cutoff: float = 75.0,
                   machine: bool = True) -> list[list[Match]]:
        """:meth:`fuzzy` for each of *texts*, reading the language pair's units once (a
        catalog's worth of lookups would otherwise read the whole pair per string).
        ``machine=False`` leaves out machine translations (see :func:`machine_origin`)."""
        if not texts:
            return []
        from rapidfuzz import fuzz, process

        sql = ("SELECT src_lang, tgt_lang, source, target, origin, context, key FROM units "
               "WHERE src_lang = ? AND tgt_lang = ?")
        args: tuple[str, ...] = (src_lang, tgt_lang)
        if not machine:
            sql += " AND origin NOT LIKE ?"
            args += (MACHINE + "%",)
        rows = self.db.execute(sql, args).fetchall()
        if not rows:
            return [[] for _ in texts]
        keys = [r[6] for r in rows]
        out: list[list[Match]] = []
        for text in texts:
            hits = process.extract(normalize(text), keys, scorer=fuzz.ratio, limit=limit,
                                   score_cutoff=cutoff)
            found = []
            for _, score, i in hits:
                u = Unit(*rows[i][:6])
                found.append(Match(u, _adapt(u, text), round(float(score), 1)))
            out.append(found)
        return out

    def stats(self) -> list[dict[str, object]]:
        """Units per language pair."""
        return [{"source": s, "target": t, "units": n} for s, t, n in self.db.execute(
            "SELECT src_lang, tgt_lang, COUNT(*) FROM units GROUP BY src_lang, tgt_lang "
            "ORDER BY src_lang, tgt_lang")]
