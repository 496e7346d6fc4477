"""Compile a catalog to a GNU ``.mo`` file, byte for byte what ``msgfmt`` writes.

Same choice of messages as msgfmt (the header always, fuzzy and obsolete entries never, an entry
only when its first translation is non-empty), same order (by context + msgid bytes), the same
hash table (:mod:`toolkit.catalog.mo_hash`), strings packed
without padding. Time is linear in the catalog's size apart from the sort: one pass builds
lists that are joined once.

Before compiling, entries whose placeholders or plural forms would break the program at run
time are refused (:class:`BrokenEntries`), unless the caller forces it.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass
from itertools import accumulate

from toolkit.catalog.mo_hash import hash_table
from toolkit.errors import CatalogError
from toolkit.po.plurals import PluralInfo, form_gaps, parse_plural_forms
from toolkit.po.reader import PoEntry, PoFile
from toolkit.text.placeholders import (
    FORMAT_FLAGS,
    argument_names,
    find_placeholders,
    same_placeholders,
)

__all__ = ["BrokenEntries", "Problem", "mo_bytes", "problems"]

MAGIC = 0x950412DE
_PRINTF_FLAGS = frozenset(f for f, kind in FORMAT_FLAGS.items() if kind == "printf")


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


def _compiled_entries(entries: list[PoEntry]) -> list[PoEntry]:
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


def _same_placeholders(e: PoEntry, flags: list[str]) -> bool:
    """A quick yes for most entries: each translation writes exactly the placeholders of its
    msgid (or msgid_plural), under a printf flag or with no ``%`` anywhere in the entry (see
    :func:`~toolkit.text.placeholders.same_placeholders`), so :func:`problems` has nothing
    to say. False means: look closely."""
    if e.msgid_plural is None:
        sources, targets = (e.msgid,), (e.msgstr,)
    else:
        sources, targets = (e.msgid, e.msgid_plural), tuple(e.msgstr_plural.values())
    if _PRINTF_FLAGS.isdisjoint(flags) and any(t and "%" in t for t in (*sources, *targets)):
        return False  # unflagged printf looks at the text around a "%"
    return all(not t or any(same_placeholders(t, s) for s in sources) for t in targets)


def problems(po: PoFile) -> list[Problem]:
    """Entries msgfmt would compile that would fail when the program uses them: a translation
    with a placeholder its source lacks (a KeyError/crash), a singular translation missing one
    of its source's, or the wrong number of plural forms for the header's ``Plural-Forms``."""
    return _problems(po, _compiled_entries(po.entries))


def _problems(po: PoFile, compiled: list[PoEntry]) -> list[Problem]:
    """:func:`problems` among *compiled*, the entries of *po* msgfmt would compile."""
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
    for e in compiled:
        if e.msgid == "" and e.msgctxt is None:
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
        flags = [f for f in e.flags if f in FORMAT_FLAGS] if e.flags else None
        if not flags or _same_placeholders(e, flags):
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


def mo_bytes(po: PoFile, *, force: bool = False, path: str | None = None) -> bytes:
    """The ``.mo`` file for *po* (little-endian, like msgfmt on this machine's kind of CPU).

    Raises :class:`BrokenEntries` when :func:`problems` finds any, unless *force*.
    """
    if po.errors:
        err = po.errors[0]
        raise CatalogError(err.message, path=path, line=err.line)
    compiled = _compiled_entries(po.entries)
    if not force:
        found = _problems(po, compiled)
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
