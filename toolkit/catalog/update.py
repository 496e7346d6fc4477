"""``catalog update``: merge a template into a catalog the way msgmerge does, losing nothing.

For each template entry, in template order:

* the catalog has the same (msgctxt, msgid), live or obsolete: its translation, translator
  comments and flags are kept; references, extracted comments and format flags come from
  the template. An entry nothing changed in stays the same object, so the writer gives its
  original bytes back;
* else the most similar translated msgid (rapidfuzz ``ratio`` >= 60, msgmerge's threshold)
  lends its translation: the entry is marked fuzzy and keeps the old source in ``#|`` lines;
* else it comes in untranslated (plural entries with the catalog's number of forms).

Catalog entries the template no longer has become obsolete (``#~``) when they carry a
translation, so no translation is ever lost; untranslated ones are dropped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from toolkit.po.header import header_fields, set_header_field
from toolkit.po.plurals import PluralInfo, parse_plural_forms
from toolkit.po.reader import PoEntry, PoFile
from toolkit.text.placeholders import FORMAT_FLAGS

__all__ = ["FUZZY_CUTOFF", "UpdateResult", "update_catalog"]

FUZZY_CUTOFF = 60.0  # msgmerge's FUZZY_THRESHOLD (0.6) on rapidfuzz's 0-100 scale


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


def _set_translation_shape(e: PoEntry, msgid_plural: str | None, nplurals: int) -> bool:
    """Make *e*'s msgstr fit a singular or plural template entry; True if it had to change."""
    if msgid_plural is None and e.msgid_plural is not None:
        e.msgstr = e.msgstr_plural.get(0, "")
        e.msgstr_plural = {}
    elif msgid_plural is not None and e.msgid_plural is None:
        first = e.msgstr or ""
        e.msgstr = None
        e.msgstr_plural = {i: (first if i == 0 else "") for i in range(nplurals)}
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


_POOL = 64  # candidates compared in full per query, picked by shared uncommon words
_SHORT = 28  # msgmerge's SHORT_MSG_MAX: a message this short is compared with every short one


def _best_matches(queries: list[str], candidates: list[PoEntry]) -> list[PoEntry | None]:
    """For each new msgid, the most similar translated catalog entry (rapidfuzz ``ratio`` >=
    :data:`FUZZY_CUTOFF`; the earliest of equally similar ones), or None.

    Like msgmerge's fuzzy index, a word index narrows the search: a query is compared with
    the :data:`_POOL` candidates sharing most of its uncommon words (in at most 5% of the
    entries); only a query sharing no such word is compared with every candidate. A short
    query (:data:`_SHORT` characters at most) is also compared, as msgmerge does, with every
    short candidate whose length allows the cutoff: words alone miss ``Action`` ->
    ``Actions`` and ``Colour`` -> ``Color`` when a sentence shares ``action`` or ``colour``.
    """
    if not queries or not candidates:
        return [None] * len(queries)
    from collections import Counter

    from rapidfuzz import fuzz, process

    choices = [c.msgid for c in candidates]
    index: dict[str, list[int]] = {}
    for i, text in enumerate(choices):
        for word in set(text.lower().split()):
            index.setdefault(word, []).append(i)
    common = max(20, len(choices) // 20)
    short: dict[int, list[int]] = {}  # length -> short candidates of that length
    for i, text in enumerate(choices):
        if len(text) <= _SHORT:
            short.setdefault(len(text), []).append(i)
    # ratio = 2 * matches / (la + lb) <= 2 * min / (la + lb): lengths beyond these cannot pass
    spread = 200 / FUZZY_CUTOFF - 1
    out: list[PoEntry | None] = []
    for query in queries:
        if not query:
            out.append(None)
            continue
        shared: Counter[int] = Counter()
        for word in set(query.lower().split()):
            posting = index.get(word)
            if posting is not None and len(posting) <= common:
                shared.update(posting)
        if shared:
            picked = {i for i, _ in shared.most_common(_POOL)}
            if len(query) <= _SHORT:
                for n in range(math.ceil(len(query) / spread),
                               min(_SHORT, math.floor(len(query) * spread)) + 1):
                    picked.update(short.get(n, ()))
            pool = sorted(picked)  # earlier = preferred
            hit = process.extractOne(query, [choices[i] for i in pool], scorer=fuzz.ratio,
                                     processor=None, score_cutoff=FUZZY_CUTOFF)
            out.append(candidates[pool[hit[2]]] if hit is not None else None)
            continue
        hit = process.extractOne(query, choices, scorer=fuzz.ratio, processor=None,
                                 score_cutoff=FUZZY_CUTOFF)
        out.append(candidates[hit[2]] if hit is not None else None)
    return out


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
        if (plural_changed or reshaped) and not was_fuzzy and _has_translation(e):
            # as msgmerge: '#|' shows the translator what the translation was made for (a
            # singular that became plural, a plural that became singular, a new plural)
            e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural = was
        fuzzy = "fuzzy" in e.flags or reshaped or plural_changed
        _apply_template(e, t)
        e.flags = _merge_flags(e.flags, t.flags, fuzzy)
        if not fuzzy:
            e.previous_msgctxt = e.previous_msgid = e.previous_msgid_plural = None
        out.append(e)
        result.kept += 1
    sources: list[PoEntry | None] = [None] * len(new_entries)
    if fuzzy_matching and new_entries:
        # among equally similar sources, msgmerge takes an entry that is otherwise going away
        # (its translation then lives on in the fuzzy entry instead of an obsolete one)
        translated = [c for c in catalog.entries if not c.is_header and _has_translation(c)]
        candidates = ([c for c in translated if id(c) not in used]
                      + [c for c in translated if id(c) in used])
        sources = _best_matches([t.msgid for _, t in new_entries], candidates)
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
            e.references = ()
            result.obsoleted += 1
        gone.append(e)
    out.extend(gone)
    catalog.entries = out
    return result
