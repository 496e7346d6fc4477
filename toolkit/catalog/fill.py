"""``catalog fill``: untranslated entries translated, memory first, the model for the rest.

For one catalog: every string an entry needs (its msgid; for a plural entry the msgid for form
0 and the msgid_plural for the other forms, or the msgid_plural alone when the language has
one form) is looked up in the translation memory. An exact hit is used as it is; a fuzzy one
(a similar source) is used and the entry marked fuzzy. Only what is left goes to the model,
all of it in ONE batched call through the glossary-aware pipeline
(:func:`toolkit.pipeline.translate_sentences`: placeholders protected by the entry's format
flags, do-not-translate terms copied, approved terms enforced), and what the model produced is
stored in the memory, so filling the same strings again does no MT work (the model is not even
loaded). Machine-made translations are marked fuzzy for a person to review (unless asked not
to) and carry a translator comment naming the model.

The work runs without the file lock (it may take minutes); the results are then applied under
the lock to the catalog as it is *then* (:func:`apply`): an entry someone changed meanwhile is
left alone, except that a machine translation may be replaced by an approved one from the
memory. So two fills, or a fill and an edit, at the same time lose nothing.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.errors import CatalogError, LanguageError
from toolkit.po.reader import PoEntry, PoFile
from toolkit.po.stats import entry_state

if TYPE_CHECKING:
    from toolkit.glossary.model import Glossary
    from toolkit.langs import Lang
    from toolkit.memory.store import Match, Memory
    from toolkit.mt.engine import EngineSettings, ProgressCallback
    from toolkit.pipeline import Route, TranslationWarning

__all__ = ["FillOptions", "FillReport", "Job", "apply", "commit", "new_report", "plan",
           "preview", "run_model"]

MT_COMMENT = "machine translation (toolkit, {engine})"
TM_COMMENT = "translation memory, {score:.0f}% match (toolkit)"
# what the comments above start and end with: a later fill replaces them instead of adding
_OUR_COMMENTS = (("machine translation (toolkit, ", ")"), ("translation memory, ", "(toolkit)"))
COPIED = "copied"
"""The engine name of a string with nothing to translate (only placeholders, numbers...)."""

EntryKey = tuple[str | None, str, str | None]


@dataclass(frozen=True)
class FillOptions:
    """What to fill and how to mark it."""

    source: str = "en"
    """Language of the msgids."""
    include_fuzzy: bool = False
    """Translate fuzzy entries again too (``--fuzzy``)."""
    mark_fuzzy: bool = True
    """Mark machine translations fuzzy for review (``--no-fuzzy``: don't)."""
    min_score: float = 75.0
    """Least rapidfuzz score (0-100) of a fuzzy memory hit."""


@dataclass
class Text:
    """The translation of one source string, and where it came from."""

    text: str
    how: str  # "exact" / "fuzzy" (a memory unit, the same / a similar source), "mt", "copied"
    engine: str = ""  # the model that made it (now, or a machine unit in the memory)
    score: float = 100.0


@dataclass
class Need:
    """One string the catalog needs translated (a msgid or msgid_plural with its flags)."""

    source: str
    formats: tuple[str, ...]
    line: int
    result: Text | None = None
    required: bool = False  # False: only entries that just may be upgraded want it


@dataclass
class Planned:
    """An entry to fill: which form takes which string, and what it held when read."""

    key: EntryKey
    forms: dict[int, int] | None  # plural form -> index into Job.needs; None: singular
    single: int | None  # index into Job.needs of a singular entry's msgid
    seen: tuple  # the entry's translations and flags when read (see _state)
    upgrade_only: bool = False  # holds an earlier fill's guess: replaced by approved text only


@dataclass
class Job:
    """The work of one fill of one catalog, from :func:`plan` to :func:`apply`."""

    path: str
    source: Lang
    target: Lang
    entries: list[Planned] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    skipped: int = 0
    warnings: list[TranslationWarning] = field(default_factory=list)
    po: PoFile | None = None  # the catalog as read, edited again if the file is unchanged
    engine: str = ""  # the model(s) that translated the pending strings
    translated: int = 0  # strings the model translated

    @property
    def pending(self) -> list[Need]:
        """Strings neither the memory nor a copy could fill: the model's work."""
        return [n for n in self.needs if n.result is None and n.required]


@dataclass
class FillReport:
    """What one fill did to one catalog (counts are entries)."""

    catalog: str
    source: str
    target: str
    memory_exact: int = 0
    memory_fuzzy: int = 0
    mt: int = 0
    copied: int = 0
    skipped: int = 0
    changed_meanwhile: int = 0
    strings_translated: int = 0
    engine: str = ""
    written: bool = False
    warnings: list[TranslationWarning] = field(default_factory=list)

    @property
    def filled(self) -> int:
        return self.memory_exact + self.memory_fuzzy + self.mt + self.copied

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly summary."""
        return {"catalog": self.catalog, "from": self.source, "to": self.target,
                "filled": self.filled, "memory_exact": self.memory_exact,
                "memory_fuzzy": self.memory_fuzzy, "mt": self.mt, "copied": self.copied,
                "skipped": self.skipped, "changed_meanwhile": self.changed_meanwhile,
                "strings_translated": self.strings_translated, "engine": self.engine,
                "written": self.written,
                "warnings": [{**w.to_dict(), "catalog": self.catalog} for w in self.warnings]}


def _format_flags(e: PoEntry) -> tuple[str, ...]:
    from toolkit.text.placeholders import FORMAT_FLAGS

    return tuple(f for f in e.flags if f in FORMAT_FLAGS or f[3:] in FORMAT_FLAGS)


def _state(e: PoEntry) -> tuple:
    return (e.msgstr, tuple(sorted(e.msgstr_plural.items())), tuple(e.flags), e.comments)


def _key(e: PoEntry) -> EntryKey:
    return (e.msgctxt, e.msgid, e.msgid_plural)


def catalog_languages(po: PoFile, path: str | os.PathLike[str], source: str
                      ) -> tuple[Lang, Lang]:
    """(source, target) of a catalog: *source* as given, the target from its Language header
    or its path."""
    from toolkit.langs import parse_lang
    from toolkit.po.locale import detect_locale

    shown = os.fspath(path)
    locale = detect_locale(path, po.header)
    if locale is None:
        raise CatalogError("cannot tell the catalog's language: set its Language header",
                           path=shown)
    try:
        return parse_lang(source), parse_lang(locale)
    except LanguageError as exc:
        line = po.header_entry.line if po.header_entry else None
        raise CatalogError(str(exc), path=shown, line=line) from None


def plural_count(po: PoFile, target: Lang, path: str) -> int:
    """How many forms a plural entry has: the catalog's Plural-Forms, else CLDR's for the
    language (a catalog without the header)."""
    from toolkit.po.plurals import PluralInfo, expected_plural_forms, parse_plural_forms

    line = po.header_entry.line if po.header_entry else None
    value = po.header.get("Plural-Forms")
    if value:
        info = parse_plural_forms(value)
        if isinstance(info, PluralInfo):
            return info.nplurals
        raise CatalogError(f"Plural-Forms: {info}", path=path, line=line)
    usual = expected_plural_forms(target.code)
    info = parse_plural_forms(usual) if usual else None
    if isinstance(info, PluralInfo):
        return info.nplurals
    raise CatalogError("no Plural-Forms header: cannot fill plural entries", path=path,
                       line=line)


def _machine_made(e: PoEntry) -> bool:
    """A fuzzy entry an earlier fill made (its comment says so) and no one has approved."""
    return e.fuzzy and any(_ours(c) for c in e.comments)


def _fillable(e: PoEntry, include_fuzzy: bool) -> bool:
    state = entry_state(e)
    return state == "untranslated" or (include_fuzzy and state == "fuzzy")


def plan(po: PoFile, path: str | os.PathLike[str], options: FillOptions,
         memory: Memory | None) -> Job:
    """The strings *po* needs and what the memory (and copying) already gives."""
    shown = os.fspath(path)
    source, target = catalog_languages(po, path, options.source)
    job = Job(shown, source, target, po=po)
    if source.code == target.code and source.traditional == target.traditional:
        job.skipped = len(po.live_entries)
        return job
    index: dict[tuple[str, tuple[str, ...]], int] = {}

    def need(text: str, e: PoEntry, required: bool) -> int:
        formats = _format_flags(e)
        k = index.get((text, formats))
        if k is None:
            k = index[(text, formats)] = len(job.needs)
            job.needs.append(Need(text, formats, (e.lines or {}).get("msgid", e.line)))
        job.needs[k].required |= required
        return k

    nplurals = None
    for e in po.live_entries:
        required = _fillable(e, options.include_fuzzy)
        if not required and not _machine_made(e):
            job.skipped += 1
            continue
        if e.msgid_plural is None:
            job.entries.append(Planned(_key(e), None, need(e.msgid, e, required), _state(e),
                                       not required))
            continue
        if nplurals is None:
            nplurals = plural_count(po, target, shown)
        forms: dict[int, int] = {}
        for i in range(nplurals):
            if e.fuzzy or not e.msgstr_plural.get(i):
                text = e.msgid if i == 0 and nplurals > 1 else e.msgid_plural
                forms[i] = need(text, e, required)
        job.entries.append(Planned(_key(e), forms, None, _state(e), not required))
    _copy_untranslatable(job)
    if memory is not None:
        _from_memory(job, memory, options.min_score)
    return job


def _copy_untranslatable(job: Job) -> None:
    """Strings with no words outside their placeholders, URLs and tags are copied."""
    from toolkit.text.placeholders import strip_protected

    for n in job.needs:
        if not any(c.isalpha() for c in strip_protected(n.source, n.formats)):
            n.result = Text(n.source, COPIED, COPIED)


def _placeholders(text: str, formats: Sequence[str]) -> Counter[str]:
    from toolkit.text.placeholders import find_placeholders

    return Counter(s.text for s in find_placeholders(text, formats))


def _from_memory(job: Job, memory: Memory, min_score: float) -> None:
    from toolkit.memory.store import lang_tag

    src, tgt = lang_tag(job.source.tag), lang_tag(job.target.tag)
    left: list[Need] = []
    for n in (n for n in job.needs if n.result is None):
        hits = memory.exact(src, tgt, n.source)
        hit = next((h for h in hits if not h.unit.machine), hits[0] if hits else None)
        if hit is None and n.required:  # a fuzzy hit never upgrades anything
            left.append(n)
        elif hit is not None:
            n.result = _from_match(hit, n)
    fuzzy = memory.fuzzy_many(src, tgt, [n.source for n in left], limit=1,
                              cutoff=min_score, machine=False)
    for n, found in zip(left, fuzzy, strict=True):
        if found:
            n.result = Text(found[0].target, "fuzzy", score=found[0].score)


def _from_match(hit: Match, n: Need) -> Text:
    from toolkit.memory.store import MACHINE

    engine = hit.unit.origin[len(MACHINE):] if hit.unit.machine else ""
    # a hit whose placeholders could not be carried over is a suggestion, not a translation
    if _placeholders(hit.target, n.formats) != _placeholders(n.source, n.formats):
        return Text(hit.target, "fuzzy", engine, score=hit.score)
    return Text(hit.target, "exact", engine)


def run_model(job: Job, *, route: Route | None = None,
              glossary: Glossary | Callable[[], Glossary | None] | None = None,
              memory: Memory | None = None, settings: EngineSettings | None = None,
              progress: ProgressCallback | None = None) -> int:
    """Translate the job's pending strings in one batched pipeline call; returns how many.

    Nothing happens (no route, no glossary, no model is loaded) when nothing is pending.
    *glossary* may be a function that loads it, called only then. The translations go into
    *memory* as machine units.
    """
    from toolkit.pipeline import (
        do_not_translate_spans,
        resolve_route,
        translate_sentences,
    )
    from toolkit.text.segment import rejoin, split_document

    pending = job.pending
    if not pending:
        return 0
    route = route or resolve_route(job.source, job.target)
    engine = job.engine = "+".join(p.name for p in route.packages)
    if callable(glossary):
        glossary = glossary()
    pieces = [split_document(n.source, job.source.code, "text") for n in pending]
    sentences, formats, lines = [], [], []
    for n, doc in zip(pending, pieces, strict=True):
        for p in doc:
            if p.translatable:
                sentences.append(p.text)
                formats.append(n.formats)
                lines.append(n.line)
    keep = do_not_translate_spans(glossary, job.source.code) if glossary else None
    out, warnings = translate_sentences(sentences, route, settings=settings, progress=progress,
                                        keep=keep, enforce=glossary, lines=lines,
                                        formats=formats)
    job.warnings.extend(warnings)
    it = iter(out)
    for n, doc in zip(pending, pieces, strict=True):
        done = [next(it) for p in doc if p.translatable]
        text = rejoin(doc, done, job.target.code, source_lang=job.source.code)
        n.result = Text(text, "mt", engine)
    if memory is not None:
        from toolkit.memory.store import Unit, lang_tag, machine_origin

        src, tgt = lang_tag(job.source.tag), lang_tag(job.target.tag)
        memory.add(Unit(src, tgt, n.source, n.result.text, machine_origin(engine))
                   for n in pending if n.result is not None and n.result.text.strip())
    job.translated = len(pending)
    return len(pending)


def _ours(comment: str) -> bool:
    return any(comment.startswith(a) and comment.endswith(b) for a, b in _OUR_COMMENTS)


def _approved(texts: Sequence[Text]) -> bool:
    """Every text is a person's translation of the same source (an approved memory unit)."""
    return all(t.how == "exact" and not t.engine for t in texts)


def _outcome(texts: Sequence[Text], mark_fuzzy: bool) -> tuple[str, bool, str | None]:
    """(kind for the report, fuzzy?, translator comment) of an entry filled with *texts*.

    The kind says where the text came from (the model, the memory exactly or fuzzily, a
    copy); whether it is marked fuzzy and commented says who made it: a machine (now or in
    an earlier fill, found in the memory) or a person (an approved memory unit).
    """
    hows = {t.how for t in texts}
    engines = sorted({t.engine for t in texts if t.engine})
    if len(engines) > 1 and COPIED in engines:
        engines.remove(COPIED)
    similar = [t for t in texts if t.how == "fuzzy"]
    kind = ("mt" if "mt" in hows else "memory_fuzzy" if similar
            else COPIED if hows == {COPIED} else "memory_exact")
    fuzzy = bool(similar) or (bool(engines) and mark_fuzzy)
    if engines:
        return kind, fuzzy, MT_COMMENT.format(engine="+".join(engines))
    if similar:
        return kind, fuzzy, TM_COMMENT.format(score=min(t.score for t in similar))
    return kind, fuzzy, None


def apply(po: PoFile, job: Job, options: FillOptions, report: FillReport) -> None:
    """Put the job's translations into *po* (the catalog as it is now, under the lock).

    An entry whose translations, flags or comments changed since :func:`plan` read it is left
    alone (someone else filled or fixed it), unless it now holds what a fill made (a machine
    translation or a fuzzy memory match, still fuzzy) and the job has an approved
    translation from the memory for every form: that replaces an earlier fill's guess
    whenever it is there, with or without ``--fuzzy``.
    """
    by_key = {p.key: p for p in job.entries}
    for e in po.live_entries:
        p = by_key.get(_key(e))
        if p is None:
            continue
        indexes = [p.single] if p.forms is None else list(p.forms.values())
        found = [job.needs[i].result for i in indexes]
        texts = [t for t in found if t is not None and t.text.strip()]
        if not texts or len(texts) < len(found):
            report.skipped += 1
            continue
        if p.upgrade_only or _state(e) != p.seen:
            if not (_approved(texts) and _machine_made(e)):
                if p.upgrade_only:
                    report.skipped += 1
                else:
                    report.changed_meanwhile += 1
                continue
        kind, fuzzy, comment = _outcome(texts, options.mark_fuzzy)
        if p.forms is None:
            e.msgstr = texts[0].text  # type: ignore[union-attr]
        else:
            forms = dict(e.msgstr_plural)
            for i, k in p.forms.items():
                forms[i] = job.needs[k].result.text  # type: ignore[union-attr]
            e.msgstr_plural = dict(sorted(forms.items()))
        flags = [f for f in e.flags if f != "fuzzy"]
        e.flags = ["fuzzy", *flags] if fuzzy else flags
        e.comments = tuple(c for c in e.comments if not _ours(c)) + (
            (comment,) if comment else ())
        e.previous_msgctxt = e.previous_msgid = e.previous_msgid_plural = None
        setattr(report, kind, getattr(report, kind) + 1)


def new_report(job: Job) -> FillReport:
    """An empty report for *job* (the entries :func:`plan` passed over counted as skipped)."""
    return FillReport(job.path, job.source.tag, job.target.tag, skipped=job.skipped,
                      strings_translated=job.translated, engine=job.engine,
                      warnings=list(job.warnings))


def preview(job: Job, options: FillOptions) -> FillReport:
    """What a fill would do (``--dry-run``): strings still pending count as the model's."""
    report = new_report(job)
    for p in job.entries:
        indexes = [p.single] if p.forms is None else list(p.forms.values())
        texts = [job.needs[i].result or Text("", "mt", "model") for i in indexes]
        if not texts or p.upgrade_only and not _approved(texts):
            report.skipped += 1
            continue
        kind = _outcome(texts, options.mark_fuzzy)[0]
        setattr(report, kind, getattr(report, kind) + 1)
    report.strings_translated = len(job.pending)
    return report


def commit(job: Job, options: FillOptions) -> FillReport:
    """Apply the job to its catalog file: re-read under the lock, :func:`apply`, written
    atomically and only if something changed (untouched entries keep their bytes)."""
    from toolkit.catalog.files import editing

    report = new_report(job)
    with editing(job.path, reuse=job.po) as po:
        apply(po, job, options, report)
    job.po = None  # edited now: never reused
    report.written = report.filled > 0
    return report
