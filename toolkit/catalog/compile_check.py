"""Entries a ``.mo`` must not carry as they are: they would break the program at run time.

A translation with a placeholder its source lacks (a KeyError or a crash in the program), a
singular translation missing one of its source's, a plural entry with the wrong number of
forms for the header's ``Plural-Forms``; and what msgfmt refuses to compile, a translation
that does not begin or end with a line break as its source does.
:func:`toolkit.catalog.compile.mo_bytes` refuses them unless forced, and loads this module
only then, so ``compile --force`` starts without the placeholder and plural machinery.
"""

from __future__ import annotations

from itertools import chain, compress, repeat
from operator import and_, attrgetter, eq, not_, or_
from typing import NamedTuple

from toolkit.catalog.compile import compiled_entries
from toolkit.errors import CatalogError
from toolkit.i18n import Message, PluralMessage
from toolkit.po.msgfmt import edge_breaks_differ
from toolkit.po.plurals import PluralInfo, form_gaps, often_forms, parse_plural_forms
from toolkit.po.reader import PoEntry, PoFile
from toolkit.text.placeholders import (
    FORMAT_FLAGS,
    argument_names,
    find_placeholders,
    placeholder_signatures,
    qt_not_simple,
    qt_not_simple_message,
    same_arguments,
)

__all__ = ["BrokenEntries", "Problem", "problems", "problems_among"]

_PRINTF_FLAGS = frozenset(f for f, kind in FORMAT_FLAGS.items() if kind == "printf")
_FORMAT_FLAGS = frozenset(FORMAT_FLAGS)


class Problem(NamedTuple):
    """Why one entry must not be compiled as it is: *message* is English as a string and in
    the user's language through :func:`toolkit.i18n.localized`, like every finding.

    A named tuple, not a frozen dataclass: making the class is part of every compile's
    start-up, and a dataclass writes and compiles its methods then (about 0.7 ms)."""

    line: int
    message: Message


class BrokenEntries(CatalogError):
    """Entries that would break at run time; ``problems`` lists each with its line."""

    def __init__(self, problems: list[Problem], path: str | None = None):
        first, more = problems[0], len(problems) - 1
        message = (Message("{problem}; fix it or pass --force", problem=first.message)
                   if not more else
                   PluralMessage("{problem} (and {count} more); fix it or pass --force",
                                 "{problem} (and {count} more); fix it or pass --force", more,
                                 problem=first.message, count=more))
        super().__init__(message, path=path, line=first.line)
        self.problems = problems


def _kept_placeholders(checked: list[PoEntry], single: frozenset[int] | None) -> list[bool]:
    """A quick yes for most of *checked*, entries with a format flag: each translation writes
    exactly the placeholders of its msgid (or msgid_plural), under a printf flag or with no
    ``%`` anywhere in the entry (see :func:`~toolkit.text.placeholders.same_placeholders`),
    so :func:`problems` has nothing to say of it; or the same in another order, when that
    prints the same arguments (:func:`~toolkit.text.placeholders.same_arguments`: named
    placeholders a translation moves). False means: look closely.

    Whole-list steps where they can be: every string is signed in one call
    (:func:`~toolkit.text.placeholders.placeholder_signatures`) and a singular entry's two
    signatures compared by ``map``; Python looks only at what differs, at plural entries and
    at entries with no printf flag.

    A plural form keeps msgid_plural's placeholders, or msgid's when it is one of *single*,
    the forms chosen by one number alone (None: any form, the formula being unknown); see
    :func:`problems_among`."""
    singular = [e.msgid_plural is None for e in checked]
    singles = list(compress(checked, singular))
    sources = placeholder_signatures([e.msgid for e in singles])
    targets = placeholder_signatures([e.msgstr or "" for e in singles])
    kept = list(map(eq, sources, targets))
    for i in [i for i, same in enumerate(kept) if not same]:
        e = singles[i]
        kept[i] = not e.msgstr or same_arguments(targets[i], sources[i], e.flags)
    unflagged = map(_PRINTF_FLAGS.isdisjoint, map(attrgetter("flags"), singles))
    for i in compress(range(len(singles)), unflagged):  # printf unflagged: "%" needs a look
        e = singles[i]
        if e.msgstr and ("%" in e.msgstr or "%" in e.msgid):
            kept[i] = False
    plurals = [e for e in checked if e.msgid_plural is not None]
    firsts = placeholder_signatures([e.msgid for e in plurals])
    seconds = placeholder_signatures([e.msgid_plural or "" for e in plurals])
    # every form with the index of its entry; a form keeps the placeholders of one source
    forms = list(chain.from_iterable(e.msgstr_plural.values() for e in plurals))
    alone = [single is None or i in single
             for i in chain.from_iterable(e.msgstr_plural for e in plurals)]
    owner = list(chain.from_iterable(map(repeat, range(len(plurals)),
                                         [len(e.msgstr_plural) for e in plurals])))
    signs = placeholder_signatures(forms)
    same = map(or_, map(and_, map(eq, signs, map(firsts.__getitem__, owner)), alone),
               map(eq, signs, map(seconds.__getitem__, owner)))
    plural_kept = [True] * len(plurals)
    for i in compress(range(len(forms)), map(not_, map(or_, same, map(not_, forms)))):
        k = owner[i]
        plural_kept[k] = plural_kept[k] and any(
            same_arguments(signs[i], source[k], plurals[k].flags)
            for source in ((firsts, seconds) if alone[i] else (seconds,)))
    for k, e in enumerate(plurals):
        if _PRINTF_FLAGS.isdisjoint(e.flags) and any(
                "%" in t for t in (e.msgid, e.msgid_plural or "", *e.msgstr_plural.values())):
            plural_kept[k] = False  # unflagged printf: a look at the "%" around
    if all(kept) and all(plural_kept):  # the usual answer, without a walk in Python
        return [True] * len(checked)
    in_order = iter(kept), iter(plural_kept)
    return [next(in_order[0] if one else in_order[1]) for one in singular]


def _form_gaps(indices: dict[int, str], nplurals: int) -> Message:
    """"plural forms missing msgstr[2]; unexpected msgstr[5], the header says nplurals=3":
    which ``msgstr[i]`` a plural entry lacks or has too many (the parts as ``check``'s TK303
    words them)."""
    missing, extra = form_gaps(indices, nplurals)
    parts = [Message(template, forms=", ".join(f"msgstr[{i}]" for i in ids))
             for template, ids in (("missing {forms}", missing), ("unexpected {forms}", extra))
             if ids]
    if len(parts) == 1:
        return Message("plural forms {problems}, the header says nplurals={n}",
                       problems=parts[0], n=nplurals)
    return Message("plural forms {missing}; {unexpected}, the header says nplurals={n}",
                   missing=parts[0], unexpected=parts[1], n=nplurals)


def problems(po: PoFile) -> list[Problem]:
    """Entries msgfmt would compile that would fail when the program uses them: a translation
    with a placeholder its source lacks (a KeyError/crash), a singular translation missing one
    of its source's, the wrong number of plural forms for the header's ``Plural-Forms``, or
    a translation msgfmt refuses (a line break at an end where its msgid has none)."""
    return problems_among(po, compiled_entries(po.entries))


def problems_among(po: PoFile, compiled: list[PoEntry]) -> list[Problem]:
    """:func:`problems` among *compiled*, the entries of *po* msgfmt would compile
    (:func:`toolkit.catalog.compile.compiled_entries`), in line order."""
    found = _edge_breaks(compiled)
    plural: PluralInfo | None = None
    header = po.header.get("Plural-Forms")
    if header:
        parsed = parse_plural_forms(header)
        if isinstance(parsed, PluralInfo):
            plural = parsed
        elif po.header_entry is not None and any(e.msgid_plural is not None
                                                 for e in po.entries):
            found.append(Problem(po.header_entry.line,
                                 Message("bad Plural-Forms header: {problem}", problem=parsed)))
    # only entries with a format flag or plural forms can have anything to report (the header
    # none); of those with format flags, the placeholders of the ones that pass a quick test
    # need no closer look
    flagged = [e for e in filter(attrgetter("flags"), compiled)
               if not _FORMAT_FLAGS.isdisjoint(e.flags) and (e.msgid or e.msgctxt is not None)]
    # the forms a plural translation must print msgid_plural's arguments in (None: unknown)
    often = often_forms(plural) if plural else None
    kept = _kept_placeholders(flagged, frozenset(range(plural.nplurals)) - often
                              if plural and often is not None else None)
    look = set() if all(kept) else set(map(id, compress(flagged, map(not_, kept))))
    for e in [e for e in compiled if e.msgid_plural is not None or look and id(e) in look]:
        if not (e.msgid or e.msgctxt is not None):
            continue
        flags = [f for f in e.flags if f in FORMAT_FLAGS] if id(e) in look else []
        if e.msgid_plural is not None:
            if plural is None:
                found.append(Problem(e.line, Message("plural entry but no valid Plural-Forms "
                                                     "header")))
            elif sorted(e.msgstr_plural) != list(range(plural.nplurals)):
                found.append(Problem(e.line, _form_gaps(e.msgstr_plural, plural.nplurals)))
        if not flags:
            continue
        spans = [find_placeholders(e.msgid, flags)]
        if e.msgid_plural is not None:
            spans.append(find_placeholders(e.msgid_plural, flags))
        source = {k: v for one in spans for k, v in argument_names(one, flags).items()}
        if e.msgid_plural is not None:
            targets = [(e.lines.get(f"msgstr[{n}]", e.line) if e.lines else e.line, t, n)
                       for n, t in sorted(e.msgstr_plural.items())]
        else:
            targets = [(e.lines.get("msgstr", e.line) if e.lines else e.line, e.msgstr or "",
                        None)]
        for line, text, form in targets:
            if not text:
                continue
            found_spans = find_placeholders(text, flags)
            not_simple = qt_not_simple(spans, found_spans, flags)
            if not_simple:
                found.append(Problem(line, qt_not_simple_message(not_simple)))
                continue
            own = argument_names(found_spans, flags)
            extra = sorted(own[k] for k in own.keys() - source.keys())
            if extra:
                found.append(Problem(line, Message(
                    "placeholder {placeholder} is not in the source ({flags})",
                    placeholder=extra[0], flags=", ".join(flags))))
                continue
            # a form that serves many numbers prints msgid_plural's arguments, as msgfmt -c
            # holds it to; one chosen by a few numbers (English "one") may write the number
            # as a word
            needed = (source if form is None else
                      argument_names(spans[1], flags)
                      if often is not None and form in often else None)
            missing = sorted(needed[k] for k in needed.keys() - own.keys()) if needed else []
            if missing:
                found.append(Problem(line, Message(
                    "placeholder {placeholder} of the source is missing ({flags})",
                    placeholder=missing[0], flags=", ".join(flags))))
    return sorted(found, key=attrgetter("line"))


def _edge_breaks(compiled: list[PoEntry]) -> list[Problem]:
    """Translations msgfmt refuses to compile: one that begins (ends) with a line break where
    its msgid does not, or the reverse (:func:`toolkit.po.msgfmt.edge_breaks_differ`)."""
    found = []
    for e in compiled:
        if not e.msgid:
            continue
        texts = ((("msgstr", e.msgstr or ""),) if e.msgid_plural is None
                 else [(f"msgstr[{n}]", t) for n, t in sorted(e.msgstr_plural.items())])
        for key, text in texts:
            for message in edge_breaks_differ(e.msgid, text):
                found.append(Problem(e.lines.get(key, e.line) if e.lines else e.line, message))
    return found
