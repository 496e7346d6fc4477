"""Compile a catalog to a GNU ``.mo`` file, byte for byte what ``msgfmt`` writes.

Same choice of messages as msgfmt (the header always, fuzzy and obsolete entries never, an entry
only when its first translation is non-empty), same order (by context + msgid bytes), the same
hash table (:mod:`toolkit.catalog.mo_hash`), strings packed without padding. Time is linear in
the catalog's size apart from the sort: one pass builds lists that are joined once.

Before compiling, entries whose placeholders or plural forms would break the program at run
time are refused (:mod:`toolkit.catalog.compile_check`, loaded only then), unless the caller
forces it.
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate, count, repeat
from operator import add

from toolkit.catalog.mo_hash import hash_table
from toolkit.errors import CatalogError
from toolkit.po.msgfmt import BYTE_ORDER_MARK, NOTHING_TO_COMPILE, starts_with_bom
from toolkit.po.reader import PoEntry, PoFile

__all__ = ["compiled_entries", "mo_bytes", "system_dependent"]

MAGIC = 0x950412DE


def compiled_entries(entries: list[PoEntry]) -> list[PoEntry]:
    """The entries msgfmt puts in the .mo, in file order: those whose first translation is
    non-empty, but no obsolete one and no fuzzy one except the header. A header whose msgstr
    is empty (``msgid ""`` ``msgstr ""``, as some extractors leave it) is left out too: it is
    untranslated like any other entry, and msgfmt writes no empty-string entry for it."""
    return [e for e in entries
            if not e.obsolete
            and (e.msgstr if e.msgid_plural is None else e.msgstr_plural.get(0))
            and ("fuzzy" not in e.flags or (e.msgctxt is None and not e.msgid))]


def system_dependent(po: PoFile) -> list[PoEntry]:
    """Compiled C entries whose msgid uses an ``<inttypes.h>`` macro (``%<PRIuMAX>``,
    ``%<PRId64>``): GNU msgfmt writes them as *system-dependent strings* (a revision-1 .mo
    segment the C library expands to the machine's ``%lu``/``%llu``), which this module does
    not write: they go in as plain text, which a C program never looks up. Python's gettext
    reads neither kind, so only C catalogs (glib, coreutils, git) are concerned. A substring
    search of the whole text first: most catalogs have none."""
    if po.source is None or "<PRI" not in po.source.text:
        return []
    import re

    macro = re.compile(r"%[-+ #0'\d.*]*<PRI\w+>")
    return [e for e in compiled_entries(po.entries)
            if "c-format" in e.flags and (macro.search(e.msgid)
                                          or macro.search(e.msgid_plural or ""))]


def mo_bytes(po: PoFile, *, force: bool = False, path: str | None = None) -> bytes:
    """The ``.mo`` file for *po* (little-endian, like msgfmt on this machine's kind of CPU).

    Raises :class:`CatalogError` for what msgfmt refuses (a UTF-8 byte-order mark) or
    writes no file for (no header and nothing translated), and
    :class:`~toolkit.catalog.compile_check.BrokenEntries` when
    :func:`~toolkit.catalog.compile_check.problems` finds any, unless *force*.
    """
    if po.errors:
        err = po.errors[0]
        raise CatalogError(err.message, path=path, line=err.line)
    if starts_with_bom(po):
        raise CatalogError(BYTE_ORDER_MARK, path=path, line=1)
    compiled = compiled_entries(po.entries)
    if not compiled:
        raise CatalogError(NOTHING_TO_COMPILE, path=path, line=1)
    if not force:
        from toolkit.catalog.compile_check import BrokenEntries, problems_among

        found = problems_among(po, compiled)
        if found:
            raise BrokenEntries(found, path)
    encoding = po.source.used_charset if po.source is not None else "utf-8"
    # Whole-list steps rather than one loop with its branches per entry: comprehensions pick
    # the strings and map(str.encode) encodes them in C (half the instructions of the loop).
    ids = [e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}" for e in compiled]
    texts = [(e.msgstr or "") if e.msgid_plural is None
             else "\0".join([e.msgstr_plural[i] for i in sorted(e.msgstr_plural)])
             for e in compiled]
    plural_at = [i for i, e in enumerate(compiled) if e.msgid_plural is not None]
    idents = list(map(str.encode, ids, repeat(encoding)))  # what msgfmt sorts and hashes by
    values = list(map(str.encode, texts, repeat(encoding)))
    separators = sum(len(compiled[i].msgstr_plural) - 1 for i in plural_at)
    if (b"\0" in b"".join(idents) or b"".join(values).count(b"\0") != separators
            or any("\0" in (compiled[i].msgid_plural or "") for i in plural_at)):
        ids, texts = _cut_at_nul(compiled)
        idents = list(map(str.encode, ids, repeat(encoding)))
        values = list(map(str.encode, texts, repeat(encoding)))
    at = ids.index("") if "" in ids else -1  # the header: no msgctxt, empty msgid
    if at >= 0 and compiled[at].msgid_plural is None:
        # msgfmt leaves the POT date out, so a re-extract alone changes no .mo
        values[at] = "".join(line for line in texts[at].splitlines(keepends=True)
                             if not line.startswith("POT-Creation-Date:")).encode(encoding)
    keys = idents[:]  # the same, then NUL msgid_plural for a plural entry
    for i in plural_at:
        keys[i] += b"\0" + _c_string(compiled[i].msgid_plural or "").encode(encoding)
    order = sorted(range(len(idents)), key=idents.__getitem__)  # stable: file order in a tie
    n = len(order)
    table = hash_table([idents[i] for i in order])
    size = len(table)
    orig_at = 28
    trans_at = orig_at + 8 * n
    hash_at = trans_at + 8 * n
    strings = [keys[i] for i in order]
    strings += [values[i] for i in order]
    lengths = list(map(len, strings))
    # each string's (length, offset), keys then values, packed one after another with a NUL:
    # string k starts after the k strings before it and their k NULs
    pairs = [0] * (2 * len(strings))
    pairs[0::2] = lengths
    pairs[1::2] = map(add, accumulate(lengths[:-1], initial=hash_at + 4 * size), count())
    descriptors = array("I", pairs)
    head = array("I", (MAGIC, 0, n, orig_at, trans_at, size, hash_at))
    if sys.byteorder == "big":  # pragma: no cover - big-endian host
        for part in (head, descriptors, table):
            part.byteswap()
    front = b"".join((head.tobytes(), descriptors.tobytes(), table.tobytes()))
    if not n:
        return front
    # the file in one join (the strings are most of it: no second copy of them): the header,
    # descriptors and table in front of the first string, an empty one after the last for
    # its NUL
    strings[0] = front + strings[0]
    strings.append(b"")
    return b"\0".join(strings)


def _c_string(text: str) -> str:
    """*text* as msgfmt writes it: up to its first NUL (an escaped ``\\0`` in the PO
    file), as a C string ends there."""
    return text.split("\0", 1)[0]


def _cut_at_nul(compiled: list[PoEntry]) -> tuple[list[str], list[str]]:
    """The ids and translations of *compiled* when a NUL is in one of their strings: each
    string (msgctxt, msgid, every form; msgid_plural is cut where it is added) ends at its
    first NUL in the .mo, as msgfmt writes it."""
    ids = [_c_string(e.msgid) if e.msgctxt is None
           else f"{_c_string(e.msgctxt)}\x04{_c_string(e.msgid)}" for e in compiled]
    texts = [_c_string(e.msgstr or "") if e.msgid_plural is None
             else "\0".join([_c_string(e.msgstr_plural[i]) for i in sorted(e.msgstr_plural)])
             for e in compiled]
    return ids, texts
