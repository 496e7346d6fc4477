"""``catalog update``: merge a template into a catalog the way msgmerge does, losing nothing.

For each template entry, in template order:

* the catalog has the same (msgctxt, msgid), live or obsolete: its translation, translator
  comments and flags are kept; references, extracted comments and format flags come from
  the template. An entry nothing changed in stays the same object, so the writer gives its
  original bytes back;
* else the entry msgmerge would take (its similarity measure, threshold and choice among
  equals: :func:`_best_matches`) lends its translation: the entry is marked fuzzy and keeps
  the old source in ``#|`` lines;
* else it comes in untranslated (plural entries with the catalog's number of forms).

Catalog entries the template no longer has become obsolete (``#~``, without references and
extracted comments) when they carry a translation, so no translation is ever lost;
untranslated ones are dropped.

Where the result differs from ``msgmerge --previous`` it does so on purpose: the header
keeps its fields' order (msgmerge sorts the ones it knows: a diff in every catalog that a
translation platform wrote in another order), an obsolete plural entry whose first form is
empty stays (msgmerge drops its other forms), and a fuzzy entry made from a fuzzy source
that had no ``#|`` lines shows that source's msgid as its previous text (msgmerge shows
none, leaving the translator nothing to compare).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from toolkit.po.header import header_fields, set_header_field
from toolkit.po.plurals import PluralInfo, parse_plural_forms
from toolkit.po.reader import PoEntry, PoFile
from toolkit.text.placeholders import FORMAT_FLAGS

__all__ = ["FUZZY_THRESHOLD", "UpdateResult", "update_catalog"]

FUZZY_THRESHOLD = 0.6  # msgmerge's: a fuzzy source is more similar than this


@dataclass
class UpdateResult:
    """What a merge did, for the command's report."""

    kept: int = 0
    new: int = 0
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (new msgid, matched msgid)
    obsoleted: int = 0
    revived: int = 0
    dropped: int = 0  # untranslated entries the template no longer has


def _is_format(flag: str) -> bool:
    name = flag[3:] if flag.startswith("no-") else flag
    return name in FORMAT_FLAGS or name.endswith("-format") or flag in ("wrap", "no-wrap")


def _merge_flags(old: list[str], template: list[str], fuzzy: bool) -> list[str]:
    """The catalog's own flags (fuzzy, toolkit-ignore...), the template's format flags."""
    own = [f for f in old if not _is_format(f) and f != "fuzzy"]
    merged = (["fuzzy"] if fuzzy else []) + own + [f for f in template
                                                   if _is_format(f) and f not in own]
    if sorted(merged) == sorted(old):
        return old  # same flags: keep their order (and the entry's bytes)
    return merged


def _has_translation(e: PoEntry) -> bool:
    return bool(e.msgstr) or any(e.msgstr_plural.values())


def _first_form(e: PoEntry) -> str:
    return (e.msgstr if e.msgid_plural is None else e.msgstr_plural.get(0)) or ""


def _set_translation_shape(e: PoEntry, msgid_plural: str | None, nplurals: int) -> bool:
    """Make *e*'s msgstr fit a singular or plural template entry; True if it had to change."""
    if msgid_plural is None and e.msgid_plural is not None:
        e.msgstr = e.msgstr_plural.get(0, "")
        e.msgstr_plural = {}
    elif msgid_plural is not None and e.msgid_plural is None:
        # as msgmerge: the singular's translation in every form, for the translator to
        # inflect (the entry is fuzzy)
        first = e.msgstr or ""
        e.msgstr = None
        e.msgstr_plural = dict.fromkeys(range(nplurals), first)
    else:
        e.msgid_plural = msgid_plural
        return False
    changed = _has_translation(e)
    e.msgid_plural = msgid_plural
    return changed


def _words(lines: tuple[str, ...]) -> list[str]:
    return " ".join(lines).split()


def _apply_template(e: PoEntry, t: PoEntry) -> None:
    """Template-owned parts: where the message is used and what the developer said."""
    if e.references != t.references and _words(e.references) != _words(t.references):
        e.references = t.references  # the same ones wrapped otherwise keep the entry's lines
    if e.auto_comments != t.auto_comments:
        e.auto_comments = t.auto_comments


_GRAM = 4  # msgmerge's fuzzy index: a msgid is found through its 4-character n-grams
_BONUS = 0.00001  # msgmerge's edge for a source of the same context, or of none


def _weight(query: str, choice: str, distance: int) -> float:
    """fstrcmp: the share of the two byte strings' total length that is common to both."""
    total = len(query) + len(choice)
    return (total - distance) / total


def _best_matches(queries: list[tuple[str | None, str]],
                  candidates: list[PoEntry]) -> list[PoEntry | None]:
    """For each new (msgctxt, msgid), the catalog entry msgmerge 0.21 lends the translation of.

    msgmerge's measure, its candidates and its choice among equals, so that both tools
    make the same fuzzy entries:

    * similarity is fstrcmp of the UTF-8 bytes: 2 * common / (both lengths), which must be
      above (not at) :data:`FUZZY_THRESHOLD`; a source of the query's own context, or of no
      context, gets a bonus of 0.00001 (a translation for one context suits another less);
    * the candidates are the catalog's entries whose (first) msgstr is not empty, live or
      obsolete, fuzzy or not, in file order, including those matched exactly by another
      template entry;
    * a query of 4 characters or more only reaches candidates sharing one of its
      4-character n-grams (msgmerge's index: ``Malay`` takes ``Malayalam``, not ``May``);
      among equally similar ones the candidate sharing more n-gram occurrences wins, then
      the earlier one. A shorter query is compared with the candidates whose byte length
      lets the threshold pass, the shorter ones first, then the earlier.

    rapidfuzz scores every candidate of a length that can pass (its ``ratio`` is the same
    measure); only those near the threshold are looked at again, exactly.
    """
    if not queries or not candidates:
        return [None] * len(queries)
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Indel

    # one character per byte: rapidfuzz then measures bytes, as fstrcmp does
    choices = [c.msgid.encode("utf-8").decode("latin-1") for c in candidates]
    # shortest first: a query is compared with the lengths that can pass only,
    # 2 * min / (both lengths) >= 0.6 (a third fewer comparisons on Django's messages)
    order = sorted(range(len(choices)), key=lambda i: len(choices[i]))
    by_length = [choices[i] for i in order]
    lengths = [len(c) for c in by_length]
    grams: dict[int, set[str]] = {}
    spread = 2 / FUZZY_THRESHOLD - 1
    out: list[PoEntry | None] = []
    for msgctxt, msgid in queries:
        query = msgid.encode("utf-8").decode("latin-1")
        low = bisect_left(lengths, math.floor(len(query) / spread))
        high = bisect_right(lengths, math.ceil(len(query) * spread))
        hits = process.extract(query, by_length[low:high], scorer=fuzz.ratio, processor=None,
                               score_cutoff=FUZZY_THRESHOLD * 100 - 0.1, limit=None)
        long_query = len(msgid) >= _GRAM
        query_grams = [msgid[i:i + _GRAM] for i in range(len(msgid) - _GRAM + 1)]
        lmin = math.ceil(len(query) / spread)
        lmax = int(len(query) * spread)
        best, best_rank, best_at = FUZZY_THRESHOLD, (0, 0), -1
        for choice, _, j in hits:
            at = order[low + j]
            weight = _weight(query, choice, Indel.distance(query, choice))
            source = candidates[at]
            if source.msgctxt is None or source.msgctxt == msgctxt:
                weight += _BONUS
            if weight < best or (weight == best and best_at < 0):
                continue
            if long_query:
                found = grams.get(at)
                if found is None:
                    text = source.msgid
                    found = grams[at] = {text[i:i + _GRAM]
                                         for i in range(len(text) - _GRAM + 1)}
                shared = sum(g in found for g in query_grams)
                if not shared:
                    continue
                rank = (-shared, at)
            else:
                if not lmin <= len(choice) <= lmax:
                    continue
                rank = (len(choice), at)
            if weight > best or rank < best_rank:
                best, best_rank, best_at = weight, rank, at
        out.append(candidates[best_at] if best_at >= 0 else None)
    return out


def _breaks_a_new_format(catalog: PoFile, e: PoEntry, flags: list[str]) -> bool:
    """Whether *flags* declare a format *e*'s own flags did not and its translation breaks
    it (a placeholder the source lacks, or one it misses: what ``compile`` refuses).

    msgmerge makes such an entry fuzzy, so that a catalog which compiled does not stop
    compiling because the template now says ``python-brace-format``."""
    if not _has_translation(e) or all(f in e.flags for f in flags if f in FORMAT_FLAGS):
        return False
    from toolkit.catalog.compile_check import problems_among

    own = e.flags
    before = len(problems_among(catalog, [e]))
    e.flags = flags
    try:
        return len(problems_among(catalog, [e])) > before
    finally:
        e.flags = own


#: Header fields a merge copies from the template, as msgmerge does.
TEMPLATE_HEADER_FIELDS = ("Report-Msgid-Bugs-To", "POT-Creation-Date")


def update_catalog(catalog: PoFile, template: PoFile, *,
                   fuzzy_matching: bool = True) -> UpdateResult:
    """Merge *template* into *catalog* in place (see the module docstring)."""
    result = UpdateResult()
    nplurals = 2
    forms = catalog.header.get("Plural-Forms")
    if forms:
        info = parse_plural_forms(forms)
        if isinstance(info, PluralInfo):
            nplurals = info.nplurals
    live: dict[tuple[str | None, str], PoEntry] = {}
    obsolete: dict[tuple[str | None, str], PoEntry] = {}
    for e in catalog.entries:
        if e.is_header:
            continue
        (obsolete if e.obsolete else live).setdefault(e.key, e)
    used: set[int] = set()
    out: list[PoEntry] = []
    header = catalog.header_entry
    if header is not None:
        out.append(header)
        # as msgmerge: the template's date, and its bug address when it has the field
        # (extract's msgid-bugs-address); the catalog's other fields are its own
        for name in TEMPLATE_HEADER_FIELDS:
            value = template.header.get(name)
            if value is None or (name == "POT-Creation-Date" and not value):
                continue
            if catalog.header.get(name) != value:
                header.msgstr = set_header_field(header.msgstr or "", name, value)
                catalog.header = header_fields(header.msgstr)
    new_entries: list[tuple[int, PoEntry]] = []  # (position in out, template entry)
    for t in template.live_entries:
        e = live.get(t.key)
        if e is None and t.key in obsolete:
            e = obsolete[t.key]
            e.obsolete = False
            result.revived += 1
        if e is None:
            new_entries.append((len(out), t))
            out.append(t)  # replaced below
            continue
        used.add(id(e))
        plural_changed = (e.msgid_plural is not None and t.msgid_plural is not None
                          and e.msgid_plural != t.msgid_plural and _has_translation(e))
        was = (e.msgctxt, e.msgid, e.msgid_plural)
        was_fuzzy = "fuzzy" in e.flags
        reshaped = _set_translation_shape(e, t.msgid_plural, nplurals)
        fuzzy = was_fuzzy or reshaped or plural_changed
        _apply_template(e, t)
        flags = _merge_flags(e.flags, t.flags, fuzzy)
        if not fuzzy and _breaks_a_new_format(catalog, e, flags):
            fuzzy = True
            flags = _merge_flags(e.flags, t.flags, True)
        if fuzzy and not was_fuzzy and _has_translation(e):
            # as msgmerge: '#|' shows the translator what the translation was made for (a
            # singular that became plural, a plural that became singular, a new plural, a
            # message now declared a format its translation breaks)
            e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural = was
        e.flags = flags
        if not fuzzy:
            e.previous_msgctxt = e.previous_msgid = e.previous_msgid_plural = None
        out.append(e)
        result.kept += 1
    sources: list[PoEntry | None] = [None] * len(new_entries)
    if fuzzy_matching and new_entries:
        candidates = [c for c in catalog.entries if not c.is_header and _first_form(c)]
        sources = _best_matches([(t.msgctxt, t.msgid) for _, t in new_entries], candidates)
    for (pos, t), source in zip(new_entries, sources, strict=True):
        new = PoEntry(0, msgid=t.msgid, msgctxt=t.msgctxt, msgid_plural=t.msgid_plural,
                      references=t.references, auto_comments=t.auto_comments)
        if source is not None:
            used.add(id(source))  # as msgmerge: its translation lives on in the fuzzy entry
            new.msgstr, new.msgstr_plural = source.msgstr, dict(source.msgstr_plural)
            new.msgid_plural = source.msgid_plural
            _set_translation_shape(new, t.msgid_plural, nplurals)
            new.comments = source.comments
            new.flags = _merge_flags([], t.flags, True)
            if "fuzzy" in source.flags and source.previous_msgid is not None:
                # the translation was made for the source's own previous text: keep that,
                # as msgmerge does (it was lost, replaced by the fuzzy source's msgid)
                new.previous_msgctxt = source.previous_msgctxt
                new.previous_msgid = source.previous_msgid
                new.previous_msgid_plural = source.previous_msgid_plural
            else:
                new.previous_msgctxt = source.msgctxt
                new.previous_msgid = source.msgid
                new.previous_msgid_plural = source.msgid_plural
            result.fuzzy.append((t.msgid, source.msgid))
        else:
            new.flags = _merge_flags([], t.flags, False)
            if t.msgid_plural is None:
                new.msgstr = ""
            else:
                new.msgstr_plural = dict.fromkeys(range(nplurals), "")
            result.new += 1
        out[pos] = new
    gone: list[PoEntry] = []
    for e in catalog.entries:
        if e.is_header or id(e) in used:
            continue
        if not _has_translation(e):
            if not e.obsolete:
                result.dropped += 1
            continue
        if not e.obsolete:
            e.obsolete = True
            result.obsoleted += 1
        # as msgmerge: where the code used it and what its developer said went with the code
        e.references = e.auto_comments = ()
        gone.append(e)
    out.extend(gone)
    catalog.entries = out
    return result
