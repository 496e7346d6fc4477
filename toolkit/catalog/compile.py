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

import struct
from array import array
from itertools import accumulate

from toolkit.catalog.mo_hash import hash_table
from toolkit.errors import CatalogError
from toolkit.po.msgfmt import BYTE_ORDER_MARK, NOTHING_TO_COMPILE, starts_with_bom
from toolkit.po.reader import PoEntry, PoFile

__all__ = ["compiled_entries", "mo_bytes"]

MAGIC = 0x950412DE


def compiled_entries(entries: list[PoEntry]) -> list[PoEntry]:
    """The entries msgfmt puts in the .mo, in file order: the header always (even fuzzy),
    fuzzy and obsolete entries never, others when their first translation is non-empty."""
    out = []
    for e in entries:
        if e.obsolete:
            continue
        if e.msgctxt is None and not e.msgid:
            out.append(e)
        elif "fuzzy" not in e.flags and (e.msgstr if e.msgid_plural is None
                                         else e.msgstr_plural.get(0)):
            out.append(e)
    return out


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
    idents: list[bytes] = []  # what msgfmt sorts and hashes by: msgctxt EOT msgid
    keys: list[bytes] = []  # the same, then NUL msgid_plural for a plural entry
    values: list[bytes] = []
    for e in compiled:
        ident = (e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}").encode(encoding)
        key = ident
        if b"\0" in ident:  # an escaped NUL in the source: the id ends there
            ident = ident.split(b"\0", 1)[0]
        if e.msgid_plural is not None:
            key += b"\0" + e.msgid_plural.encode(encoding)
            forms = e.msgstr_plural
            value = "\0".join([forms[i] for i in sorted(forms)])
        else:
            value = e.msgstr or ""
            if not key:  # msgfmt leaves the POT date out, so a re-extract alone changes no .mo
                value = "".join(line for line in value.splitlines(keepends=True)
                                if not line.startswith("POT-Creation-Date:"))
        idents.append(ident)
        keys.append(key)
        values.append(value.encode(encoding))
    order = sorted(range(len(idents)), key=idents.__getitem__)  # stable: file order in a tie
    n = len(order)
    table = hash_table([idents[i] for i in order])
    size = len(table)
    orig_at = 28
    trans_at = orig_at + 8 * n
    hash_at = trans_at + 8 * n
    strings = [keys[i] for i in order] + [values[i] for i in order]
    lengths = [len(s) for s in strings]
    # each string's (length, offset), keys then values, packed one after another with a NUL
    pairs = [0] * (2 * len(strings))
    pairs[0::2] = lengths
    pairs[1::2] = list(accumulate([length + 1 for length in lengths],
                                  initial=hash_at + 4 * size))[:-1]
    descriptors = array("I", pairs)
    if struct.pack("=I", 1) != struct.pack("<I", 1):  # pragma: no cover - big-endian host
        descriptors.byteswap()
        table.byteswap()
    head = struct.pack("<7I", MAGIC, 0, n, orig_at, trans_at, size, hash_at)
    return b"".join((head, descriptors.tobytes(), table.tobytes(), b"\0".join(strings),
                     b"\0" if n else b""))
