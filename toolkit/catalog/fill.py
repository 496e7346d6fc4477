"""``catalog fill``: untranslated entries translated, memory first, the model for the rest.

For one catalog: every string an entry needs (its msgid; for a plural entry the msgid for form
0 and the msgid_plural for the other forms, or the msgid_plural alone when the language has
one form) is looked up in the translation memory. An exact hit is used as it is; a fuzzy one
(a similar source) is used and the entry marked fuzzy. Only what is left goes to the model,
as ONE job through the glossary-aware pipeline (:func:`toolkit.pipeline.translate_sentences`:
placeholders protected by the entry's format flags, do-not-translate terms copied, approved
terms enforced), and what the model produced is stored in the memory, so filling the same
strings again does no MT work (the model is not even loaded). The job runs in about
:data:`GROUPS` groups of strings of similar length, the way the engine batches a job anyway
(same translations, same cost), each stored in the memory in one transaction as soon as it is
done: a Ctrl-C leaves the catalog as it was but keeps the finished groups' work, and a re-run
translates only the rest. Machine-made translations are marked fuzzy for a person to review
(unless asked not to) and carry a translator comment naming the model.

A plural form the model fills takes the words of its own numbers: the msgid_plural with a
number of that form (:func:`toolkit.po.plurals.sample_numbers`: Russian 21, 22, 10) in place
of its count placeholder goes into the same batch, and the placeholder goes back where the
number comes out (when it comes out exactly once; else the form keeps its source's
translation). The memory keeps translations per source string only, never with a sample
number: a form filled from it takes its source's translation, and does not undo the words
an earlier fill gave it.

The work runs without the file lock (it may take minutes); the results are then applied under
the lock to the catalog as it is *then* (:func:`apply`): an entry someone changed meanwhile is
left alone, except that a machine translation may be replaced by an approved one from the
memory. So two fills, or a fill and an edit, at the same time lose nothing.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from toolkit.errors import CatalogError, LanguageError
from toolkit.gcpause import gc_paused, gc_running
from toolkit.i18n import Message
from toolkit.po.reader import PoEntry, PoFile, _SlotRecord
from toolkit.po.stats import entry_state
from toolkit.text.placeholders import (
    FORMAT_FLAGS,
    count_placeholder,
    find_placeholders,
    has_words,
)

if TYPE_CHECKING:
    from toolkit.glossary.model import Glossary
    from toolkit.langs import Lang
    from toolkit.memory.store import Match, Memory
    from toolkit.mt.engine import EngineSettings, ProgressCallback
    from toolkit.pipeline import Route, TranslationWarning
    from toolkit.po.plurals import PluralInfo
    from toolkit.text.placeholders import Span

__all__ = ["FillOptions", "FillReport", "Job", "apply", "commit", "new_report", "plan",
           "preview", "run_model"]

MT_COMMENT = "machine translation (toolkit, {engine})"
TM_COMMENT = "translation memory, {score:.0f}% match (toolkit)"
# what the comments above start and end with: a later fill replaces them instead of adding
_OUR_COMMENTS = (("machine translation (toolkit, ", ")"), ("translation memory, ", "(toolkit)"))
COPIED = "copied"
"""The engine name of a string with nothing to translate (only placeholders, numbers...)."""

EntryKey = tuple[str | None, str, str | None]


# The records below are named tuples and written-out classes, not dataclasses: a dataclass
# writes and compiles its methods when its module is imported, and these seven cost every
# ``catalog fill`` process about 25 M instructions (3 % of a fill from memory) at start-up.


class FillOptions(NamedTuple):
    """What to fill and how to mark it."""

    source: str = "en"
    """Language of the msgids."""
    include_fuzzy: bool = False
    """Translate fuzzy entries again too (``--fuzzy``)."""
    mark_fuzzy: bool = True
    """Mark machine translations fuzzy for review (``--no-fuzzy``: don't)."""
    min_score: float = 75.0
    """Least rapidfuzz score (0-100) of a fuzzy memory hit."""


class Text(NamedTuple):
    """The translation of one source string, and where it came from."""

    text: str
    how: str  # "exact" / "fuzzy" (a memory unit, the same / a similar source), "mt", "copied"
    engine: str = ""  # the model that made it (now, or a machine unit in the memory)
    score: float = 100.0


class Need:
    """One string the catalog needs translated (a msgid or msgid_plural with its flags)."""

    __slots__ = ("source", "formats", "line", "result", "required", "sample", "context",
                 "_placeholders")

    def __init__(self, source: str, formats: tuple[str, ...], line: int,
                 result: Text | None = None, required: bool = False,
                 sample: bool = False, context: str = "") -> None:
        self.source = source
        self.formats = formats
        self.line = line
        self.result = result
        self.required = required  # False: only entries that just may be upgraded want it
        self.sample = sample  # a plural source with a number for its count: never in memory
        self.context = context  # the entry's msgctxt ("" for none): a person's translation
        # is per context
        self._placeholders: list[str] | None = None

    @property
    def placeholders(self) -> list[str]:
        """The source's placeholders, sorted (see :func:`_placeholders`), found once."""
        found = self._placeholders
        if found is None:
            found = self._placeholders = _placeholders(self.source, self.formats)
        return found

    def __repr__(self) -> str:
        return (f"Need(source={self.source!r}, formats={self.formats!r}, line={self.line!r}, "
                f"result={self.result!r}, required={self.required!r}, "
                f"sample={self.sample!r}, context={self.context!r})")


class Sample(NamedTuple):
    """A plural form's source with a number that selects the form in place of its count
    placeholder: the model writes the words that go with that number (Russian 3 files ->
    "3 файла", 5 -> "5 файлов"), and the placeholder goes back where the number comes out."""

    need: int  # index into Job.needs of the source with the number
    number: str
    placeholder: str


class Planned(_SlotRecord):
    """An entry to fill: which form takes which string, and what it held when read."""

    __slots__ = ("key", "forms", "single", "seen", "upgrade_only", "samples", "entry")

    def __init__(self, key: EntryKey, forms: dict[int, int] | None, single: int | None,
                 seen: tuple, upgrade_only: bool = False,
                 samples: dict[int, Sample] | None = None, entry: PoEntry | None = None
                 ) -> None:
        self.key = key
        self.forms = forms  # plural form -> index into Job.needs; None: singular
        self.single = single  # index into Job.needs of a singular entry's msgid
        self.seen = seen  # the entry's translations and flags when read (see _state)
        self.upgrade_only = upgrade_only  # an earlier fill's guess: replaced by approved text
        self.samples = samples  # plural form -> its sample (plural entries)
        self.entry = entry  # the entry in Job.po


class Job(_SlotRecord):
    """The work of one fill of one catalog, from :func:`plan` to :func:`apply`."""

    __slots__ = ("path", "source", "target", "entries", "needs", "skipped", "warnings", "po",
                 "engine", "translated", "locale", "plurals", "added_plural_forms")

    def __init__(self, path: str, source: Lang, target: Lang,
                 entries: list[Planned] | None = None, needs: list[Need] | None = None,
                 skipped: int = 0, warnings: list[TranslationWarning] | None = None,
                 po: PoFile | None = None, engine: str = "", translated: int = 0,
                 locale: str = "", plurals: PluralInfo | None = None,
                 added_plural_forms: str | None = None) -> None:
        self.path = path
        self.source = source
        self.target = target
        self.entries = [] if entries is None else entries
        self.needs = [] if needs is None else needs
        self.skipped = skipped
        self.warnings = [] if warnings is None else warnings
        self.po = po  # the catalog as read, edited again if the file is unchanged
        self.engine = engine  # the model(s) that translated the pending strings
        self.translated = translated  # strings the model translated
        self.locale = locale  # the catalog's locale (Language header, else its path)
        #: plural entries to fill: their forms (the header's, else CLDR's for the locale)
        self.plurals = plurals
        #: the Plural-Forms taken from CLDR for a header without one, written with the entries
        self.added_plural_forms = added_plural_forms

    @property
    def pending(self) -> list[Need]:
        """Strings neither the memory nor a copy could fill: the model's work."""
        return [n for n in self.needs if n.result is None and n.required]


class FillReport(_SlotRecord):
    """What one fill did to one catalog (counts are entries)."""

    __slots__ = ("catalog", "source", "target", "memory_exact", "memory_fuzzy", "mt", "copied",
                 "skipped", "changed_meanwhile", "strings_translated", "engine", "written",
                 "warnings", "notes")

    def __init__(self, catalog: str, source: str, target: str, memory_exact: int = 0,
                 memory_fuzzy: int = 0, mt: int = 0, copied: int = 0, skipped: int = 0,
                 changed_meanwhile: int = 0, strings_translated: int = 0, engine: str = "",
                 written: bool = False, warnings: list[TranslationWarning] | None = None,
                 notes: list[Message] | None = None) -> None:
        self.catalog = catalog
        self.source = source
        self.target = target
        self.memory_exact = memory_exact
        self.memory_fuzzy = memory_fuzzy
        self.mt = mt
        self.copied = copied
        self.skipped = skipped
        self.changed_meanwhile = changed_meanwhile
        self.strings_translated = strings_translated
        self.engine = engine
        self.written = written
        self.warnings = [] if warnings is None else warnings
        #: what the fill did besides filling entries, said once per catalog (a byte-order
        #: mark dropped: :func:`toolkit.catalog.files.write_notes`)
        self.notes = [] if notes is None else notes

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
                "written": self.written, "notes": [str(n) for n in self.notes],
                "warnings": [{**w.to_dict(), "catalog": self.catalog} for w in self.warnings]}


def _format_flags(e: PoEntry) -> tuple[str, ...]:
    return _formats_of(tuple(e.flags)) if e.flags else ()


@functools.cache
def _formats_of(flags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in flags if f in FORMAT_FLAGS or f[3:] in FORMAT_FLAGS)


def _state(e: PoEntry) -> tuple:
    """What an entry holds that a fill reads and writes."""
    return (e.msgstr, tuple(sorted(e.msgstr_plural.items())) if e.msgstr_plural else (),
            tuple(e.flags), e.comments)


def _key(e: PoEntry) -> EntryKey:
    return (e.msgctxt, e.msgid, e.msgid_plural)


def catalog_languages(po: PoFile, path: str | os.PathLike[str], source: str
                      ) -> tuple[Lang, Lang, str]:
    """(source, target, locale) of a catalog: *source* as given, the target from its locale
    (:func:`toolkit.po.locale.detect_locale`: its Language header, else its path)."""
    from toolkit.langs import parse_lang
    from toolkit.po.locale import detect_locale

    shown = os.fspath(path)
    locale = detect_locale(path, po.header)
    if locale is None:
        raise CatalogError(Message("cannot tell the catalog's language: set its Language "
                                   "header"), path=shown)
    try:
        return parse_lang(source), parse_lang(locale), locale
    except LanguageError as exc:
        line = po.header_entry.line if po.header_entry else None
        raise CatalogError(exc.message, path=shown, line=line) from None


def plural_info(po: PoFile, path: str, locale: str) -> tuple[PluralInfo, str | None]:
    """The plural forms of the catalog and, when its header has no Plural-Forms (or the
    template's ``nplurals=INTEGER`` placeholder), the value taken from CLDR for its *locale*:
    the one ``catalog init`` writes (:func:`toolkit.catalog.init.plural_forms`), which the
    fill then writes into the header too, so that ``check`` and ``compile`` count the same
    forms. A header value that is there but broken stops the fill (file:line)."""
    from toolkit.catalog.init import plural_forms
    from toolkit.po.plurals import is_template_placeholder, parse_plural_forms

    line = po.header_entry.line if po.header_entry else None
    value = po.header.get("Plural-Forms", "").strip()
    added = None
    if not value or is_template_placeholder(value):
        try:
            value, _n = plural_forms(locale)
        except CatalogError as exc:
            raise CatalogError(Message("no Plural-Forms header, and {problem}: add one",
                                       problem=exc.message), path=path, line=line) from None
        added = value
    info = parse_plural_forms(value)
    if isinstance(info, str):
        raise CatalogError(Message("Plural-Forms {value!r}: {problem}", value=value,
                                   problem=info), path=path, line=line)
    return info, added


def _machine_made(e: PoEntry) -> bool:
    """A fuzzy entry an earlier fill made (its comment says so) and no one has approved."""
    return e.fuzzy and any(_ours(c) for c in e.comments)


def plan(po: PoFile, path: str | os.PathLike[str], options: FillOptions,
         memory: Memory | None) -> Job:
    """The strings *po* needs and what the memory (and copying) already gives.

    The garbage collector is paused meanwhile (:func:`toolkit.gcpause.gc_paused`): its
    collections walked the catalog's entries again and again."""
    with gc_paused():
        return _plan(po, path, options, memory)


def _plan(po: PoFile, path: str | os.PathLike[str], options: FillOptions,
          memory: Memory | None) -> Job:
    from toolkit.po.plurals import sample_numbers

    shown = os.fspath(path)
    source, target, locale = catalog_languages(po, path, options.source)
    job = Job(shown, source, target, po=po, locale=locale)
    if source.code == target.code and source.traditional == target.traditional:
        job.skipped = len(po.live_entries)
        return job
    index: dict[tuple[str, tuple[str, ...], bool, str | None], int] = {}
    needs = job.needs

    def need(text: str, e: PoEntry, formats: tuple[str, ...], required: bool,
             sample: bool = False) -> int:
        k = index.get((text, formats, sample, e.msgctxt))
        if k is None:
            k = index[(text, formats, sample, e.msgctxt)] = len(needs)
            needs.append(Need(text, formats, e.lines.get("msgid", e.line) if e.lines else e.line,
                              sample=sample, context=e.msgctxt or ""))
        if required and not sample:  # see _want_samples
            needs[k].required = True
        return k

    info = None
    include_fuzzy = options.include_fuzzy
    skipped = 0
    entries = job.entries
    for e in po.entries:
        state = entry_state(e)
        if state == "translated" or state is None or state == "obsolete":
            skipped += state == "translated"
            continue
        required = state == "untranslated" or (include_fuzzy and state == "fuzzy")
        if not required and not _machine_made(e):  # a fuzzy entry no fill made
            skipped += 1
            continue
        formats = _format_flags(e)
        seen = _state(e)
        if e.msgid_plural is None:
            entries.append(Planned((e.msgctxt, e.msgid, None), None,
                                   need(e.msgid, e, formats, required), seen, not required,
                                   None, e))
            continue
        if info is None:
            info, job.added_plural_forms = plural_info(po, shown, locale)
            job.plurals = info
            numbers = sample_numbers(info) if info.nplurals > 1 else {}
        planned = Planned(_key(e), {}, None, seen, not required, {}, e)
        count = None  # the msgid_plural's count placeholder, looked for once per entry
        for i in range(info.nplurals):
            if e.fuzzy or not e.msgstr_plural.get(i):
                text = e.msgid if i == 0 and info.nplurals > 1 else e.msgid_plural
                planned.forms[i] = need(text, e, formats, required)  # type: ignore[index]
                if i not in numbers:
                    continue
                if count is None:
                    count = _count_span(e.msgid_plural, formats)  # type: ignore[arg-type]
                sample = _sample(e.msgid_plural, count, numbers[i])  # type: ignore[arg-type]
                if sample is not None:
                    planned.samples[i] = Sample(need(sample[0], e, formats, False, True),
                                                *sample[1:])
        entries.append(planned)
    job.skipped = skipped
    _copy_untranslatable(job)
    if memory is not None:
        _from_memory(job, memory, options.min_score)
    _want_samples(job)
    return job


_DIGITS = re.compile(r"\d+")


def _count_span(source: str, formats: Sequence[str]) -> Span | bool:
    """The count placeholder of a msgid_plural (:func:`count_placeholder`), False if none."""
    return count_placeholder(source, formats) or False


def _sample(source: str, span: Span | bool, numbers: Sequence[int]
            ) -> tuple[str, str, str] | None:
    """(source with its count placeholder *span* replaced by a number, the number, the
    placeholder), the number the first of *numbers* that is not in the source already; None
    when the source has no single count placeholder (*span* False) or no number is free."""
    if not span:
        return None
    taken = set(_DIGITS.findall(source))
    number = next((str(n) for n in numbers if str(n) not in taken), None)
    if number is None:
        return None
    return source[:span.start] + number + source[span.end:], number, span.text


def _want_samples(job: Job) -> None:
    """A form's sample goes to the model only with the form's own source: the memory keeps
    translations per source string, so a form it fills is filled as it is."""
    for p in job.entries:
        if not p.samples:
            continue
        for i, sample in p.samples.items():
            base = job.needs[p.forms[i]]  # type: ignore[index]
            job.needs[sample.need].required |= base.required and base.result is None


def _form_text(job: Job, p: Planned, form: int, held: str) -> str:
    """What plural *form* of entry *p* gets: the translation of its sample with the number
    turned back into the placeholder when the model made the form's text and the number
    came back exactly once (and every placeholder with it), else its source's translation.

    *held* is the form's text when an earlier fill made the entry: a machine translation
    from the memory does not replace it (the memory has no sample translations, so that
    would undo the form's own words; an approved translation does replace it)."""
    base = job.needs[p.forms[form]].result  # type: ignore[index]
    if held and base is not None and base.how == "exact" and base.engine not in ("", COPIED):
        return held
    sample = p.samples.get(form) if p.samples else None
    made = job.needs[sample.need].result if sample is not None else None
    if base is None or sample is None or made is None or base.how != "mt":
        return base.text if base is not None else ""
    found = list(re.finditer(rf"(?<!\d){sample.number}(?!\d)", made.text))
    if len(found) != 1:
        return base.text
    text = made.text[:found[0].start()] + sample.placeholder + made.text[found[0].end():]
    formats = job.needs[sample.need].formats
    wanted = sorted([*job.needs[sample.need].placeholders,
                     sample.placeholder])
    return text if _placeholders(text, formats) == wanted else base.text


def _copy_untranslatable(job: Job) -> None:
    """Strings with no words outside their placeholders, URLs and tags are copied (asked
    once per string and flags: the entries of many contexts share their strings)."""
    words: dict[tuple[str, tuple[str, ...]], bool] = {}
    for n in job.needs:
        key = (n.source, n.formats)
        found = words.get(key)
        if found is None:
            found = words[key] = has_words(n.source, n.formats)
        if not found:
            n.result = Text(n.source, COPIED, COPIED)


def _placeholders(text: str, formats: Sequence[str]) -> list[str]:
    """The placeholders of *text*, sorted: equal lists, the same placeholders as often."""
    return sorted([s.text for s in find_placeholders(text, formats)])


def _from_memory(job: Job, memory: Memory, min_score: float) -> None:
    """Exact hits first: a person's translation in the string's own context (msgctxt) is
    used as it is; one made for another context ("May" the month for "May" the verb) only
    as a suggestion, marked fuzzy, yet before a model's draft, which has no context. Then
    similar sources for what is left."""
    from toolkit.memory.store import MACHINE, lang_tag

    src, tgt = lang_tag(job.source.tag), lang_tag(job.target.tag)
    left: list[Need] = []
    asked = [n for n in job.needs if n.result is None and not n.sample]
    # a string is looked up, and a hit made its text, once: entries in many contexts (and
    # the forms of plural entries) share their strings
    sources = list(dict.fromkeys([n.source for n in asked]))
    exact = dict(zip(sources, memory.exact_many(src, tgt, sources), strict=True))
    made: dict[tuple[int, tuple[str, ...]], Text] = {}
    kinds: dict[str, tuple[Match | None, dict[str, Match], Match | None]] = {}
    for n in asked:
        hits = exact[n.source]
        if not hits:
            if n.required:  # a fuzzy hit never upgrades anything
                left.append(n)
            continue
        hit = hits[0]
        if len(hits) > 1 or hit.unit.context != n.context:  # a person's, in this context
            kind = kinds.get(n.source)
            if kind is None:
                kind = kinds[n.source] = _hit_kinds(hits)
            person, by_context, machine = kind
            hit = by_context.get(n.context)
            if hit is None and person is not None and n.required:
                n.result = Text(person.target, "fuzzy", score=person.score)
                continue
            hit = hit or machine
            if hit is None:  # only other contexts' translations, for an upgrade: none
                continue
        key = (id(hit), n.formats)  # hits live in *exact*: one per source's unit
        text = made.get(key)
        if text is None:
            text = made[key] = _from_match(hit, n, MACHINE)
        n.result = text
    sources = list(dict.fromkeys([n.source for n in left]))
    similar = dict(zip(sources, memory.fuzzy_many(src, tgt, sources, limit=1,
                                                  cutoff=min_score, machine=False),
                       strict=True))
    for n in left:
        found = similar[n.source]
        if found:
            n.result = Text(found[0].target, "fuzzy", score=found[0].score)


def _hit_kinds(hits: list[Match]) -> tuple[Match | None, dict[str, Match], Match | None]:
    """(the first person's hit, the first person's hit in each context, the first model's
    hit) among one source's *hits*: what :func:`_from_memory` chooses from for each
    context the source is needed in, sorted out once per source."""
    person = machine = None
    by_context: dict[str, Match] = {}
    for h in hits:
        if h.unit.machine:
            machine = machine or h
        else:
            person = person or h
            by_context.setdefault(h.unit.context, h)
    return person, by_context, machine


def _from_match(hit: Match, n: Need, machine: str) -> Text:
    """The text an exact memory *hit* gives string *n* (*machine*: the origin prefix of a
    model's unit, :data:`toolkit.memory.store.MACHINE`, passed in: this runs per string)."""
    origin = hit.unit.origin
    engine = origin[len(machine):] if origin.startswith(machine) else ""
    # a hit whose placeholders could not be carried over is a suggestion, not a translation
    # (neither text has a % or a {, what every placeholder starts with: both have none)
    target, source = hit.target, n.source
    if (("%" in target or "{" in target or "%" in source or "{" in source)
            and _placeholders(target, n.formats) != n.placeholders):
        return Text(target, "fuzzy", engine, score=hit.score)
    return Text(target, "exact", engine)


def run_model(job: Job, *, route: Route | None = None,
              glossary: Glossary | Callable[[], Glossary | None] | None = None,
              memory: Memory | None = None, settings: EngineSettings | None = None,
              progress: ProgressCallback | None = None) -> int:
    """Translate the job's pending strings in one job (in groups, see :data:`GROUPS`);
    returns how many.

    Nothing happens (no route, no glossary, no model is loaded) when nothing is pending.
    *glossary* may be a function that loads it, called only then. The translations go into
    *memory* as machine units.
    """
    pending = job.pending
    if not pending:
        return 0
    from toolkit.pipeline import resolve_route  # costs a fill from memory 0.1 s: not above

    route = route or resolve_route(job.source, job.target)
    job.engine = "+".join(p.name for p in route.packages)
    distinct = _distinct(pending)
    with gc_running():  # the caller may have paused the collector (the CLI does)
        _translate_pending(job, list(distinct.values()), route, glossary, memory, settings,
                           progress)
    for n in pending:  # the same string in other contexts: the same translation
        n.result = distinct[(n.source, n.formats, n.sample)].result
    job.translated = len(distinct)
    return len(distinct)


def _distinct(pending: list[Need]) -> dict[tuple[str, tuple[str, ...], bool], Need]:
    """The first of *pending* with each string (text, flags, sample or not): the model
    translates each once. The strings of entries in different contexts are needs of their
    own (a person's translation in the memory is per context), but the model, which sees
    no context, would give each the same text: 2,227 strings of a 2,000-entry catalog where
    846 differ."""
    distinct: dict[tuple[str, tuple[str, ...], bool], Need] = {}
    for n in pending:
        distinct.setdefault((n.source, n.formats, n.sample), n)
    return distinct


GROUPS = 8
"""A fill's model work is cut into about this many groups of strings of similar length (at
least :data:`_MIN_GROUP_CHARS` of source each), translated one after the other and each
stored in the memory as soon as it is done: a Ctrl-C keeps what the finished groups made,
and a re-run translates only the rest."""
_MIN_GROUP_CHARS = 2000


def _groups(pending: Sequence[Need]) -> list[list[int]]:
    """Indexes into *pending* in groups (see :data:`GROUPS`), shortest strings first.

    A group holds strings of neighbouring lengths, as the engine's own batches do (it sorts
    a job by length and cuts it into batches of a token budget), so a group's batches are
    as full as the whole job's would be."""
    order = sorted(range(len(pending)), key=lambda i: len(pending[i].source))
    size = max(_MIN_GROUP_CHARS, -(-sum(len(n.source) for n in pending) // GROUPS))
    groups: list[list[int]] = []
    current: list[int] = []
    chars = 0
    for i in order:
        current.append(i)
        chars += len(pending[i].source)
        if chars >= size:
            groups.append(current)
            current, chars = [], 0
    if current:
        groups.append(current)
    return groups


def _translate_pending(job: Job, pending: list[Need], route: Route,
                       glossary: Glossary | Callable[[], Glossary | None] | None,
                       memory: Memory | None, settings: EngineSettings | None,
                       progress: ProgressCallback | None) -> None:
    """:func:`run_model`'s work: *pending* translated group by group (:func:`_groups`),
    each group's translations stored in *memory* in one transaction when it is done;
    results and warnings on *job*, the warnings in the order of *pending*."""
    from toolkit.pipeline import do_not_translate_spans, translate_sentences
    from toolkit.text.segment import rejoin, split_document

    engine = job.engine
    if callable(glossary):
        glossary = glossary()
    keep = do_not_translate_spans(glossary, job.source.code) if glossary else None
    pieces = [split_document(n.source, job.source.code, "text") for n in pending]
    # each translatable piece's place in the whole job (the warnings' order)
    first: list[int] = []
    count = 0
    for doc in pieces:
        first.append(count)
        count += sum(1 for p in doc if p.translatable)
    # the plural samples are the fill's own sentences (a form whose sample lost its number
    # keeps its source's translation): their findings are not the catalog's
    samples = {p.text for n, doc in zip(pending, pieces, strict=True) if n.sample
               for p in doc if p.translatable}
    found: list[tuple[int, int, TranslationWarning]] = []
    done = 0
    for group in _groups(pending):
        sentences, formats, lines, places = [], [], [], []
        for i in group:
            n = pending[i]
            for k, p in enumerate(p for p in pieces[i] if p.translatable):
                sentences.append(p.text)
                formats.append(n.formats)
                lines.append(n.line)
                places.append(first[i] + k)
        scaled = None
        if progress is not None:
            def scaled(d: int, t: int, base: int = done, share: int = len(sentences)) -> None:
                progress(base + (d * share // t if t else share), count)
        out, warnings = translate_sentences(sentences, route, settings=settings,
                                            progress=scaled, keep=keep, enforce=glossary,
                                            lines=lines, formats=formats)
        done += len(sentences)
        k = 0  # the warnings come in the order of the sentences
        for w in warnings:
            while k + 1 < len(sentences) and (sentences[k], lines[k]) != (w.source, w.line):
                k += 1
            found.append((places[k], len(found), w))
        it = iter(out)
        for i in group:
            texts = [next(it) for p in pieces[i] if p.translatable]
            pending[i].result = Text(rejoin(pieces[i], texts, job.target.code,
                                            source_lang=job.source.code), "mt", engine)
        if memory is not None:
            from toolkit.memory.store import Unit, lang_tag, machine_origin

            src, tgt = lang_tag(job.source.tag), lang_tag(job.target.tag)
            memory.add(Unit(src, tgt, n.source, n.result.text, machine_origin(engine))
                       for n in (pending[i] for i in group)
                       if n.result is not None and n.result.text.strip() and not n.sample)
    # the msgid and msgid_plural of one entry often give the same finding on the same line:
    # once each
    seen = {(w.line, w.message) for w in job.warnings}
    for _place, _n, w in sorted(found, key=lambda f: f[:2]):
        if w.source not in samples and (w.line, w.message) not in seen:
            seen.add((w.line, w.message))
            job.warnings.append(w)


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
    return _outcome_of(tuple((t.how, t.engine, t.score) for t in texts), mark_fuzzy)


@functools.cache
def _outcome_of(texts: tuple[tuple[str, str, float], ...], mark_fuzzy: bool
                ) -> tuple[str, bool, str | None]:
    """:func:`_outcome` of texts given as (how, engine, score): a catalog's entries have a
    handful of these between them."""
    hows = {how for how, _, _ in texts}
    engines = sorted({engine for _, engine, _ in texts if engine})
    if len(engines) > 1 and COPIED in engines:
        engines.remove(COPIED)
    similar = [score for how, _, score in texts if how == "fuzzy"]
    kind = ("mt" if "mt" in hows else "memory_fuzzy" if similar
            else COPIED if hows == {COPIED} else "memory_exact")
    fuzzy = bool(similar) or (bool(engines) and mark_fuzzy)
    if engines:
        return kind, fuzzy, MT_COMMENT.format(engine="+".join(engines))
    if similar:
        return kind, fuzzy, TM_COMMENT.format(score=min(similar))
    return kind, fuzzy, None


def apply(po: PoFile, job: Job, options: FillOptions, report: FillReport) -> None:
    """Put the job's translations into *po* (the catalog as it is now, under the lock).

    An entry whose translations, flags or comments changed since :func:`plan` read it is left
    alone (someone else filled or fixed it), unless it now holds what a fill made (a machine
    translation or a fuzzy memory match, still fuzzy) and the job has an approved
    translation from the memory for every form: that replaces an earlier fill's guess
    whenever it is there, with or without ``--fuzzy``.
    """
    from toolkit.po.writer import snapshot

    same = po is job.po  # the catalog plan read, unchanged: its entries are the planned ones
    if same:
        found_in_po = [(p.entry, p) for p in job.entries]
    else:
        by_key = {p.key: p for p in job.entries}
        found_in_po = [(e, p) for e in po.live_entries
                       if (p := by_key.get(_key(e))) is not None]
    header = po.header_entry if job.added_plural_forms is not None else None
    if po.snapshot is None:  # the writer compares these entries alone with what it read
        snapshot(po, editable=[e for e, _ in found_in_po] + ([header] if header else []))
    needs = job.needs
    plurals_written = False
    kinds: dict[str, int] = {}
    # an entry's outcome depends on its texts alone: worked out once per text (or set of
    # forms' texts), not per entry. Keyed by the texts' identity: the needs of one string in
    # many contexts share one text from the memory (_from_memory) or the model (run_model),
    # and every text is held by its need meanwhile
    outcomes: dict[int | tuple[int, ...], tuple[str, bool, str | None]] = {}
    for e, p in found_in_po:
        if p.forms is None:
            found = needs[p.single].result  # type: ignore[index]
            texts = [found] if found is not None and found.text.strip() else []
            if not texts:
                report.skipped += 1
                continue
        else:
            found_forms = [needs[i].result for i in p.forms.values()]
            texts = [t for t in found_forms if t is not None and t.text.strip()]
            if not texts or len(texts) < len(found_forms):
                report.skipped += 1
                continue
        if p.upgrade_only or not same and _state(e) != p.seen:
            if not (_approved(texts) and _machine_made(e)):
                if p.upgrade_only:
                    report.skipped += 1
                else:
                    report.changed_meanwhile += 1
                continue
        which = id(texts[0]) if p.forms is None else tuple(map(id, texts))
        outcome = outcomes.get(which)  # type: ignore[arg-type]
        if outcome is None:
            outcome = outcomes[which] = _outcome(texts, options.mark_fuzzy)  # type: ignore[index]
        kind, fuzzy, comment = outcome
        if p.forms is None:
            e.msgstr = texts[0].text  # type: ignore[union-attr]
        else:
            forms = dict(e.msgstr_plural)
            ours = _machine_made(e)
            for i in p.forms:
                forms[i] = _form_text(job, p, i, forms.get(i, "") if ours else "")
            nplurals = job.plurals.nplurals if job.plurals is not None else len(forms)
            # an empty form the language does not have (msgstr[1] of a zh entry from a
            # two-form template) goes: check and compile would report it as unexpected
            e.msgstr_plural = {i: t for i, t in sorted(forms.items()) if i < nplurals or t}
            plurals_written = True
        flags = [f for f in e.flags if f != "fuzzy"] if e.flags else []
        e.flags = ["fuzzy", *flags] if fuzzy else flags
        kept = tuple(c for c in e.comments if not _ours(c)) if e.comments else ()
        e.comments = (*kept, comment) if comment else kept
        e.previous_msgctxt = e.previous_msgid = e.previous_msgid_plural = None
        kinds[kind] = kinds.get(kind, 0) + 1
    for kind, n in kinds.items():
        setattr(report, kind, getattr(report, kind) + n)
    if plurals_written and job.added_plural_forms is not None:
        report.notes.append(_add_plural_forms(po, job))


def _add_plural_forms(po: PoFile, job: Job) -> Message:
    """Write the Plural-Forms the plural entries were filled with into *po*'s header (a
    catalog without a header gets one); what to tell the user."""
    from toolkit.po.header import header_fields, set_header_field

    value, locale = job.added_plural_forms or "", job.locale
    if po.header.get("Plural-Forms", "").strip():
        note = Message("Plural-Forms was the template's placeholder: plural entries filled "
                       "by CLDR's rule for {locale}, now in the header: {value}",
                       locale=locale, value=value)
    else:
        note = Message("no Plural-Forms header: plural entries filled by CLDR's rule for "
                       "{locale}, now in the header: {value}", locale=locale, value=value)
    if po.header_entry is None:
        po.header_entry = PoEntry(0, msgid="", msgstr="")
        po.entries.insert(0, po.header_entry)
    po.header_entry.msgstr = set_header_field(po.header_entry.msgstr or "", "Plural-Forms",
                                              value)
    po.header = header_fields(po.header_entry.msgstr)
    return note


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
        if p.forms is not None and job.added_plural_forms is not None and not report.notes:
            report.notes.append(Message(
                "no usable Plural-Forms header: plural entries would be filled by CLDR's rule "
                "for {locale}, and the header would say: {value}",
                locale=job.locale, value=job.added_plural_forms))
    report.strings_translated = len(_distinct(job.pending))
    return report


def commit(job: Job, options: FillOptions) -> FillReport:
    """Apply the job to its catalog file: re-read under the lock, :func:`apply`, written
    atomically and only if something changed (untouched entries keep their bytes); the
    garbage collector paused as in :func:`plan`."""
    from toolkit.catalog.files import editing, write_notes

    report = new_report(job)
    with gc_paused(), editing(job.path, reuse=job.po, track=False) as po:
        apply(po, job, options, report)
        report.notes.extend(write_notes(po))
    job.po = None  # edited now: never reused
    report.written = report.filled > 0 or bool(report.notes)
    return report
