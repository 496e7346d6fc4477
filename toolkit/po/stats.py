"""How far a catalog is translated: the one counting behind ``toolkit catalog stats`` and the
checker's completeness rule (TK306), so the two can never disagree."""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.po.reader import PoEntry, _SlotRecord

__all__ = ["STATES", "Stats", "entry_state", "catalog_stats"]

STATES = ("translated", "fuzzy", "untranslated", "obsolete")


def entry_state(e: PoEntry) -> str | None:
    """``translated``, ``fuzzy``, ``untranslated`` or ``obsolete``; None for the header.

    Fuzzy wins over translated (a fuzzy translation is not used at run time); a plural entry is
    translated when every form written is non-empty (a missing form is the checker's TK012).
    """
    if e.obsolete:
        return "obsolete"
    # is_header, fuzzy and translated spelled out: this runs once per entry of a catalog
    if not e.msgid and e.msgctxt is None:
        return None
    if "fuzzy" in e.flags:
        return "fuzzy"
    if e.msgid_plural is None:
        return "translated" if e.msgstr else "untranslated"
    forms = e.msgstr_plural
    return "translated" if forms and all(forms.values()) else "untranslated"


class Stats(_SlotRecord):
    """Entry and source-word counts per state; ``total`` leaves obsolete entries out.

    Written out, not a dataclass: ``catalog fill`` imports this module for
    :func:`entry_state`, and a dataclass compiles its methods at import (and the
    ``dataclasses`` module is imported for it), 7 M instructions of each fill's start-up."""

    __slots__ = ("translated", "fuzzy", "untranslated", "obsolete", "translated_words",
                 "fuzzy_words", "untranslated_words", "obsolete_words")

    def __init__(self, translated: int = 0, fuzzy: int = 0, untranslated: int = 0,
                 obsolete: int = 0, translated_words: int = 0, fuzzy_words: int = 0,
                 untranslated_words: int = 0, obsolete_words: int = 0) -> None:
        self.translated = translated
        self.fuzzy = fuzzy
        self.untranslated = untranslated
        self.obsolete = obsolete
        self.translated_words = translated_words
        self.fuzzy_words = fuzzy_words
        self.untranslated_words = untranslated_words
        self.obsolete_words = obsolete_words

    def add(self, e: PoEntry) -> str | None:
        """Count *e*; returns its state (None for the header, which is not counted)."""
        state = entry_state(e)
        if state is None:
            return None
        words = len(e.msgid.split())
        if state == "translated":
            self.translated += 1
            self.translated_words += words
        elif state == "fuzzy":
            self.fuzzy += 1
            self.fuzzy_words += words
        elif state == "untranslated":
            self.untranslated += 1
            self.untranslated_words += words
        else:
            self.obsolete += 1
            self.obsolete_words += words
        return state

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def total_words(self) -> int:
        return self.translated_words + self.fuzzy_words + self.untranslated_words

    @property
    def percent_translated(self) -> float:
        """Translated share of live entries (100 for an empty catalog: nothing is missing)."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def __iadd__(self, other: Stats) -> Stats:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def as_dict(self) -> dict[str, int | float]:
        out: dict[str, int | float] = {name: getattr(self, name)
                                       for name in self.__slots__}
        out["total"] = self.total
        out["total_words"] = self.total_words
        out["percent_translated"] = round(self.percent_translated, 2)
        return out


def catalog_stats(entries: Iterable[PoEntry]) -> Stats:
    """Counts over *entries* (a catalog's, header and obsolete ones included)."""
    stats = Stats()
    for e in entries:
        stats.add(e)
    return stats
