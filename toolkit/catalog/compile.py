"""Compile a catalog to a GNU ``.mo`` file, byte for byte what ``msgfmt`` writes.

Same choice of messages as msgfmt (the header always, fuzzy and obsolete entries never, an entry
only when its first translation is non-empty), same order (by context + msgid bytes), the same
hash table (``hashpjw``, size the next odd prime above 4n/3, double hashing), strings packed
without padding. Time is linear in the catalog's size apart from the sort: one pass builds
lists that are joined once.

Before compiling, entries whose placeholders or plural forms would break the program at run
time are refused (:class:`BrokenEntries`), unless the caller forces it.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass

from toolkit.errors import CatalogError
from toolkit.po.plurals import PluralInfo, form_gaps, parse_plural_forms
from toolkit.po.reader import PoEntry, PoFile
from toolkit.text.placeholders import FORMAT_FLAGS, argument_names, find_placeholders

__all__ = ["BrokenEntries", "Problem", "mo_bytes", "problems"]

MAGIC = 0x950412DE


@dataclass(frozen=True)
class Problem:
    """Why one entry must not be compiled as it is."""

    line: int
    message: str


class BrokenEntries(CatalogError):
    """Entries that would break at run time; ``problems`` lists each with its line."""

    def __init__(self, problems: list[Problem], path: str | None = None):
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first.message}{more}; fix it or pass --force", path=path,
                         line=first.line)
        self.problems = problems


def _compiled(e: PoEntry) -> bool:
    """Would msgfmt put *e* in the .mo? (The header is always kept, even when fuzzy.)"""
    if e.obsolete:
        return False
    if e.is_header:
        return True
    if e.fuzzy:
        return False
    if e.msgid_plural is None:
        return bool(e.msgstr)
    return bool(e.msgstr_plural.get(0))


def _format_flags(e: PoEntry) -> list[str]:
    return [f for f in e.flags if f in FORMAT_FLAGS]


def problems(po: PoFile) -> list[Problem]:
    """Entries msgfmt would compile that would fail when the program uses them: a translation
    with a placeholder its source lacks (a KeyError/crash), a singular translation missing one
    of its source's, or the wrong number of plural forms for the header's ``Plural-Forms``."""
    found: list[Problem] = []
    plural: PluralInfo | None = None
    header = po.header.get("Plural-Forms")
    if header:
        parsed = parse_plural_forms(header)
        if isinstance(parsed, PluralInfo):
            plural = parsed
        elif po.header_entry is not None and any(e.msgid_plural is not None
                                                 for e in po.entries):
            found.append(Problem(po.header_entry.line, f"bad Plural-Forms header: {parsed}"))
    for e in po.entries:
        if not _compiled(e) or (e.msgid == "" and e.msgctxt is None):
            continue
        if e.msgid_plural is not None:
            if plural is None:
                found.append(Problem(e.line, "plural entry but no valid Plural-Forms header"))
            elif sorted(e.msgstr_plural) != list(range(plural.nplurals)):
                missing, extra = form_gaps(e.msgstr_plural, plural.nplurals)
                said = [f"{what} {', '.join(f'msgstr[{i}]' for i in ids)}"
                        for what, ids in (("missing", missing), ("unexpected", extra)) if ids]
                found.append(Problem(e.line, f"plural forms {'; '.join(said)}, the header "
                                             f"says nplurals={plural.nplurals}"))
        flags = _format_flags(e)
        if not flags:
            continue
        source = argument_names(find_placeholders(e.msgid, flags), flags)
        if e.msgid_plural is not None:
            source |= argument_names(find_placeholders(e.msgid_plural, flags), flags)
            targets = [(e.lines.get(f"msgstr[{i}]", e.line) if e.lines else e.line, t)
                       for i, t in sorted(e.msgstr_plural.items())]
        else:
            targets = [(e.lines.get("msgstr", e.line) if e.lines else e.line, e.msgstr or "")]
        for line, text in targets:
            if not text:
                continue
            own = argument_names(find_placeholders(text, flags), flags)
            extra = sorted(own[k] for k in own.keys() - source.keys())
            if extra:
                found.append(Problem(line, f"placeholder {extra[0]} is not in the source "
                                           f"({', '.join(flags)})"))
            elif e.msgid_plural is None and own.keys() != source.keys():
                missing = sorted(source[k] for k in source.keys() - own.keys())
                found.append(Problem(line, f"placeholder {missing[0]} of the source is missing "
                                           f"({', '.join(flags)})"))
    return found


def _is_prime(candidate: int) -> bool:
    """gettext's is_prime, quirk included: it calls 3 composite (so 2 messages get 5 slots)."""
    divn = 3
    sq = divn * divn
    while sq < candidate and candidate % divn != 0:
        divn += 1
        sq += 4 * divn
        divn += 1
    return candidate % divn != 0


def _next_prime(seed: int) -> int:
    """gettext's next_prime: the first odd number >= seed|1 that :func:`_is_prime` accepts."""
    seed |= 1
    while not _is_prime(seed):
        seed += 2
    return seed


def _hashpjw(data: bytes) -> int:
    """gettext's string hash of a message id (no NUL in *data*): the C loop's
    ``g = h & 0xF0000000; h ^= g >> 24; h ^= g`` with h kept below 2**28."""
    h = 0
    for b in data:
        h = (h << 4) + b
        if h > 0x0FFFFFFF:
            h = (h ^ ((h >> 28) << 4)) & 0x0FFFFFFF
    return h


def mo_bytes(po: PoFile, *, force: bool = False, path: str | None = None) -> bytes:
    """The ``.mo`` file for *po* (little-endian, like msgfmt on this machine's kind of CPU).

    Raises :class:`BrokenEntries` when :func:`problems` finds any, unless *force*.
    """
    if po.errors:
        err = po.errors[0]
        raise CatalogError(err.message, path=path, line=err.line)
    if not force:
        found = problems(po)
        if found:
            raise BrokenEntries(found, path)
    encoding = po.source.used_charset if po.source is not None else "utf-8"
    messages: list[tuple[bytes, bytes]] = []
    for e in po.entries:
        if not _compiled(e):
            continue
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is not None:
            key += "\0" + e.msgid_plural
            value = "\0".join(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
        else:
            value = e.msgstr or ""
            if key == "":  # msgfmt leaves the POT date out, so a re-extract alone changes no .mo
                value = "".join(line for line in value.splitlines(keepends=True)
                                if not line.startswith("POT-Creation-Date:"))
        messages.append((key.encode(encoding), value.encode(encoding)))
    messages.sort(key=lambda m: m[0].split(b"\0", 1)[0])
    n = len(messages)
    size = _next_prime(n * 4 // 3)
    if size <= 2:
        size = 3
    table = array("I", bytes(4 * size))
    for j, (key, _) in enumerate(messages):
        h = _hashpjw(key.split(b"\0", 1)[0] if b"\0" in key else key)
        idx = h % size
        if table[idx]:
            incr = 1 + h % (size - 2)
            while table[idx]:
                idx = idx - (size - incr) if idx >= size - incr else idx + incr
        table[idx] = j + 1
    orig_at = 28
    trans_at = orig_at + 8 * n
    hash_at = trans_at + 8 * n
    offset = hash_at + 4 * size
    orig = array("I")
    for key, _ in messages:
        orig.extend((len(key), offset))
        offset += len(key) + 1
    trans = array("I")
    for _, value in messages:
        trans.extend((len(value), offset))
        offset += len(value) + 1
    for a in (orig, trans, table):
        if struct.pack("=I", 1) != struct.pack("<I", 1):  # pragma: no cover - big-endian host
            a.byteswap()
    head = struct.pack("<7I", MAGIC, 0, n, orig_at, trans_at, size, hash_at)
    strings = b"\0".join([k for k, _ in messages] + [v for _, v in messages])
    return b"".join((head, orig.tobytes(), trans.tobytes(), table.tobytes(), strings,
                     b"\0" if messages else b""))
