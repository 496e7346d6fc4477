"""Which pairs of a catalog each pair rule may report on, found in a few passes at C speed.

A catalog's pairs (source, translation) are collected first; then, per rule, the pairs it
could have anything to say about are picked out of all of them at once (the rule's
``select``, or a scan for its ``needs`` characters), and the rule is called on those alone.
On a 55,000-entry catalog most rules apply to a few hundred pairs: choosing them pair by pair
in Python cost more than the rules themselves.

The scans run over each side's strings joined into one text (a regex search there costs
nanoseconds a character, a Python test of each string a fraction of a microsecond each).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Sequence
from functools import partial
from itertools import accumulate, chain, compress, repeat
from operator import add, contains, eq, ne

__all__ = ["Pairs", "SIDES", "singular_pairs"]

# between two strings of a joined text; a catalog holding it is tested string by string
_SEP = "\x1f"
SIDES = ("source", "translation", "either")
_STARTS = re.Match.start


def _string_indexes(text: str, positions: Iterable[int],
                    starts: Callable[[], list[int]]) -> list[int]:
    """For each of *positions* (ascending) in *text*, strings joined by ``_SEP``, the index
    of the string it is in (of the string it ends, for a separator): the separators before
    it. Few positions are looked up in *starts()*, where the second, third... string start
    (a binary search each, ~20 comparisons); many, counted gap by gap from the one before,
    which reads the text up to the last one (~5 instructions a character)."""
    at = list(positions)
    if at and len(at) * 400 < at[-1]:
        return list(map(bisect_right, repeat(starts()), at))
    return list(accumulate(map(text.count, repeat(_SEP), chain((0,), at), at)))


_SEP_BYTE = _SEP.encode()
# a separator with whitespace after or before it (see Pairs.with_edge_space)
_EDGE_SPACE = re.compile(_SEP + r"(?:(?=\s)|(?<=\s" + _SEP + "))")


def _first_byte(char: str) -> int:
    """The first byte of *char* in UTF-8 (*char* itself when ASCII; else a lead byte that
    many characters share, e.g. 0xE2 for U+2000 to U+2FFF)."""
    return ord(char) if char < "\x80" else char.encode("utf-8", "surrogatepass")[0]


def _deleting(chars: Iterable[str]) -> bytes:
    """The bytes ``bytes.translate`` deletes to keep those that can start the UTF-8 form
    of one of *chars*, and the separator."""
    keep = set(map(_first_byte, chars))
    keep.add(ord(_SEP))
    return bytes(b for b in range(256) if b not in keep)


def _holding_bytes(reduced: bytes, chars: Iterable[str]) -> list[int]:
    """Indexes, ascending, of the strings whose part of *reduced* (UTF-8 strings joined by
    the separator) holds a byte that can start one of *chars*."""
    lead = sorted(set(map(_first_byte, chars)))
    rx = re.compile(b"[" + b"".join(re.escape(bytes([b])) for b in lead) + b"][^"
                    + re.escape(_SEP_BYTE) + b"]*")
    at = list(map(_STARTS, rx.finditer(reduced)))
    return list(accumulate(map(reduced.count, repeat(_SEP_BYTE), chain((0,), at), at)))


class Pairs:
    """A file's pairs to check: sources and translations, in two parallel lists."""

    def __init__(self, srcs: list[str], tgts: list[str]):
        self.srcs = srcs
        self.tgts = tgts
        self._joined: dict[int, str | None] = {}
        self._starts_of: dict[int, list[int]] = {}
        self._identical: list[int] | None = None
        self._bytes: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self.srcs)

    def where(self, flags: Iterable[object]) -> list[int]:
        """Indexes of the pairs whose flag (one per pair, in order) is true."""
        return list(compress(range(len(self.srcs)), flags))

    def identical(self) -> list[int]:
        """Indexes of the pairs whose translation is the source, ascending (found once: a
        rule's pre-filter and its catalog-wide count both ask, and each pass over a large
        catalog's strings is ~5 ms of cache misses)."""
        if self._identical is None:
            self._identical = self.where(map(eq, self.srcs, self.tgts))
        return self._identical

    def _side(self, k: int) -> str | None:
        """Side *k*'s strings joined by ``_SEP`` (None when a string holds ``_SEP``); built on
        first use."""
        if k not in self._joined:
            strings = self.tgts if k else self.srcs
            text = _SEP.join(strings)
            self._joined[k] = text if text.count(_SEP) == len(strings) - 1 else None
        return self._joined[k]

    def _strings(self, k: int) -> list[str]:
        return self.tgts if k else self.srcs

    def _starts(self, k: int) -> list[int]:
        """Where each string of side *k* but the first starts in its joined text (built on
        first use; see :func:`_string_indexes`)."""
        starts = self._starts_of.get(k)
        if starts is None:
            strings = self._strings(k)
            starts = self._starts_of[k] = list(accumulate(map(add, map(len, strings),
                                                              repeat(1, len(strings) - 1))))
        return starts

    def _matches(self, k: int, pattern: str) -> list[int]:
        """Indexes of side *k*'s strings where *pattern* (which never matches ``_SEP``)
        matches, ascending: one scan of the joined text, each match run on to the end of its
        string, so a string gives one match at most."""
        text = self._side(k)
        assert text is not None
        matches = re.compile(f"(?:{pattern})[^{_SEP}]*").finditer(text)
        return _string_indexes(text, map(_STARTS, matches), partial(self._starts, k))

    def matching(self, pattern: str, side: str = "source") -> list[int]:
        """Indexes of the pairs, ascending, whose *side* (``source`` or ``translation``) has
        a match of *pattern*, a regex that never matches ``_SEP`` (one scan of the joined
        text; a regex search per string costs a call each)."""
        k = SIDES.index(side)
        if self._side(k) is None:  # a string holds the separator: test each string
            search = re.compile(pattern).search
            return list(compress(range(len(self.srcs)), map(search, self._strings(k))))
        return self._matches(k, pattern)

    def findall_each(self, pattern: str, side: str = "source") -> dict[int, list[str]]:
        """The pairs whose *side* has matches of *pattern* -> those matches in order (what
        ``findall`` gives on the string), ascending: one scan of the joined text, where a
        call per string cost more (the strings are cold in a large catalog). *pattern* has
        no groups and never matches ``_SEP``, and its ``\\b`` see ``_SEP`` as a string's end."""
        k = SIDES.index(side)
        text = self._side(k)
        if text is None:  # a string holds the separator: test each string
            findall = re.compile(pattern).findall
            return {i: found for i, s in enumerate(self._strings(k)) if (found := findall(s))}
        at: list[int] = []
        words: list[str] = []
        for m in re.finditer(pattern, text):  # no match object kept (120 bytes each)
            at.append(m.start())
            words.append(m.group())
        out: dict[int, list[str]] = {}
        for i, word in zip(_string_indexes(text, at, partial(self._starts, k)), words,
                           strict=True):
            found = out.get(i)
            if found is None:
                out[i] = [word]
            else:
                found.append(word)
        return out

    def with_edge_space(self) -> list[int]:
        """Indexes of the pairs, ascending, with whitespace at the start or end of the source
        or the translation (as ``str.strip`` sees it)."""
        found: set[int] = set()
        for k in (0, 1):
            strings = self._strings(k)
            text = self._side(k)
            if text is None:  # a string holds the separator: test each string
                found.update(compress(range(len(strings)),
                                      map(ne, map(str.strip, strings), strings)))
                continue
            if text[:1].isspace():
                found.add(0)
            if text[-1:].isspace():
                found.add(len(strings) - 1)
            # whitespace after a separator starts the next string, before one ends the
            # previous (the separator itself is whitespace to \s: an empty string between
            # two is taken too, which only costs a call). One scan stops at the separators
            # with whitespace on either side (re's \s is str.isspace), few: which side is
            # asked of those alone
            positions = list(map(_STARTS, re.finditer(_EDGE_SPACE, text)))
            for at, i in zip(positions, _string_indexes(text, positions,
                                                        partial(self._starts, k)),
                             strict=True):
                if text[at + 1:at + 2].isspace():
                    found.add(i + 1)
                if text[at - 1:at].isspace():
                    found.add(i)
        return sorted(found)

    def _holding_literal(self, k: int, needle: str) -> list[int]:
        text = self._side(k)
        assert text is not None
        if needle not in text:  # a fast search (count is much slower: it reads every char)
            return []
        # how often, from the first sixteenth: in many strings, asking each string costs
        # less than a scan mapping every match to its string
        sample = len(text) // 16
        if 16 * text.count(needle, 0, sample) > len(self.srcs) // 8:
            return list(compress(range(len(self.srcs)),
                                 map(contains, self._strings(k), repeat(needle))))
        return self._matches(k, re.escape(needle))

    def holding(self, needles: Iterable[str], side: str = "either") -> list[int]:
        """Indexes of the pairs, ascending, whose *side* (``source``, ``translation`` or
        ``either``) holds one of the strings *needles* (a few literal searches; for many
        single characters see :meth:`holding_each`)."""
        return self.holding_each([needles], side)[0]

    def holding_each(self, needle_sets: Sequence[Iterable[str]], side: str = "either", *,
                     frequent: bool = False) -> list[list[int]]:
        """:meth:`holding` for several sets of needles at once. The sets of more than three
        single characters are found together in the side's bytes (one bytes.translate pass
        for all of them), the others take a literal search per needle, faster for a few
        rare characters; *frequent*: so are sets of two or three (e.g. ( and ), which a
        third of the strings hold). Only the time differs."""
        sets = [sorted(set(n)) for n in needle_sets]
        found: list[set[int]] = [set() for _ in sets]
        for k in (0, 1) if side == "either" else (SIDES.index(side),):
            strings = self._strings(k)
            if self._side(k) is None:  # a string holds the separator: test each string
                for needles, out in zip(sets, found, strict=True):
                    out.update(i for i, s in enumerate(strings) if any(n in s for n in needles))
                continue
            # no string holds the separator: never look for it
            usable = [[n for n in needles if _SEP not in n] for needles in sets]
            classes = [i for i, u in enumerate(usable) if len(u) > (1 if frequent else 3)
                       and all(len(n) == 1 for n in u)]
            for i, needles in enumerate(usable):
                if i not in classes:
                    for needle in needles:
                        found[i].update(self._holding_literal(k, needle))
            if not classes:
                continue
            # the classes' characters looked for in the side's UTF-8 bytes: all bytes but
            # those that can start one of them, and the separators, deleted in one pass of
            # bytes.translate (a regex class costs ~5x more a character); what is left is
            # short, and scanned for each class
            reduced = self._encoded(k).translate(None, _deleting(
                c for i in classes for c in usable[i]))
            for i in classes:
                ascii_set = [c for c in usable[i] if c < "\x80"]
                wide = [c for c in usable[i] if c >= "\x80"]
                if ascii_set:  # an ASCII byte in UTF-8 is that character: exact
                    found[i].update(_holding_bytes(reduced, ascii_set))
                if wide:  # a lead byte is shared by many characters: each candidate asked
                    search = re.compile("[" + "".join(map(re.escape, wide)) + "]").search
                    maybe = [j for j in _holding_bytes(reduced, wide) if j not in found[i]]
                    found[i].update(compress(maybe, map(search, [strings[j] for j in maybe])))
        return [sorted(f) for f in found]

    def unbalanced(self, opener: str, closer: str, side: str = "translation") -> list[int]:
        """Indexes of the pairs, ascending, whose *side* holds the ASCII character *opener*
        not as many times as *closer*. Counted in the side's UTF-8 bytes with all others
        deleted (one bytes.translate pass; an ASCII byte in UTF-8 is that character), so
        only the strings holding either are asked, in a few bytes each."""
        k = SIDES.index(side)
        strings = self._strings(k)
        if self._side(k) is None:  # a string holds the separator: count in each string
            return [i for i, s in enumerate(strings) if s.count(opener) != s.count(closer)]
        keep = {ord(opener), ord(closer), ord(_SEP)}
        pieces = self._encoded(k).translate(None, bytes(b for b in range(256) if b not in keep)
                                            ).split(_SEP_BYTE)
        o, c = opener.encode(), closer.encode()
        return [i for i in compress(range(len(pieces)), pieces)
                if pieces[i].count(o) != pieces[i].count(c)]

    def _encoded(self, k: int) -> bytes:
        """Side *k*'s joined text as UTF-8 (built on first use; surrogates passed through,
        so it never fails)."""
        encoded = self._bytes.get(k)
        if encoded is None:
            encoded = self._bytes[k] = self._side(k).encode(  # type: ignore[union-attr]
                "utf-8", "surrogatepass")
        return encoded

    def to_check(self, prefilters: Sequence[tuple[Callable[[Pairs], Sequence[int]] | None,
                                                  frozenset[str] | None]]
                 ) -> list[Sequence[int]]:
        """For each rule's (select, needs), the pairs it is called on: those its select
        returns, or those holding one of its needs characters (all such scans done together),
        or every pair when it has neither."""
        held = iter(self.holding_each([n for s, n in prefilters if s is None and n is not None]))
        out: list[Sequence[int]] = []
        for select, needs in prefilters:
            chosen: Sequence[int] = range(len(self.srcs))
            if select is not None:
                try:
                    chosen = select(self)
                except Exception:  # noqa: BLE001 - a pre-filter bug costs time, not findings
                    pass
            elif needs is not None:
                chosen = next(held)
            out.append(chosen)
        return out


def singular_pairs(ctx) -> tuple[Pairs, Container[int]]:
    """The file's pairs for a rule that counts over the whole catalog (TK204's style, TK305's
    evidence), with the indexes it must skip: it counts the (msgid, msgstr) of translated,
    non-fuzzy, singular entries.

    These are the engine's own pairs when it checked the whole file in one process (their
    sides are joined once for every rule), skipping the forms of plural entries and, when
    fuzzy entries are checked too, theirs; else (a ``-j`` slice, a rule called alone) pairs
    built from ``ctx.po``'s entries, skipping none. Built once per file."""
    found = ctx.cache.get("singular pairs")
    if found is None:
        shared = ctx.cache.get("pairs")
        if shared is not None:
            pairs, owners, forms = shared
            skip: Container[int] = set(forms)
            if ctx.settings.check_fuzzy:
                skip = skip | {i for i, e in enumerate(owners) if "fuzzy" in e.flags}
            found = (pairs, skip)
        else:
            live = [e for e in ctx.po.entries if not e.obsolete and e.msgid
                    and e.msgid_plural is None and e.msgstr and not e.fuzzy]
            found = (Pairs([e.msgid for e in live], [e.msgstr for e in live]), frozenset())
        ctx.cache["singular pairs"] = found
    return found
