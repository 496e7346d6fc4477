"""Glossary data model: concepts with per-language terms. Plain frozen values, no I/O.

A :class:`Concept` (a university, a city, a person) owns :class:`Term` objects in ru, en and zh.
Each term has a *type* (full form, acronym, short form, variant) and a *status* (preferred,
admitted, deprecated, forbidden). A :class:`Glossary` is the union of several files: a project
glossary on top of the shipped one. Later files replace earlier ones concept by concept, and
every replacement or clash is recorded in ``Glossary.conflicts`` rather than merged silently.

Where a value came from (file, line, XML element) is kept in ``origin`` fields that take no part
in equality, so a glossary read from CSV equals the same glossary read from TBX.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from toolkit.errors import GlossaryError
from toolkit.i18n import Message
from toolkit.langs import normalize

TERM_TYPES = ("full", "acronym", "short", "variant")
STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
#: Statuses a writer may use; the others are findings when they appear.
APPROVED = ("preferred", "admitted")
PARTS_OF_SPEECH = ("noun", "properNoun", "adjective", "verb", "adverb", "other")
GENDERS = ("masculine", "feminine", "neuter", "other")

_ALIASES = {
    "type": {"fullform": "full", "full_form": "full", "full-form": "full",
             "abbreviation": "acronym",
             "abbr": "acronym", "shortform": "short", "short_form": "short",
             "short-form": "short", "variant": "variant"},
    "status": {"preferredterm": "preferred", "admittedterm": "admitted",
               "deprecatedterm": "deprecated", "supersededterm": "deprecated",
               "superseded": "deprecated", "notrecommended": "deprecated",
               "forbiddenterm": "forbidden", "donotuse": "forbidden", "do-not-use": "forbidden"},
    "pos": {"propernoun": "properNoun", "proper_noun": "properNoun", "proper": "properNoun",
            "n": "noun", "adj": "adjective", "v": "verb", "adv": "adverb"},
    "gender": {"m": "masculine", "masc": "masculine", "f": "feminine", "femn": "feminine",
               "n": "neuter", "neut": "neuter"},
}
_CHOICES = {"type": TERM_TYPES, "status": STATUSES, "pos": PARTS_OF_SPEECH, "gender": GENDERS}


def canonical(kind: str, value: str) -> str:
    """Map a user spelling of a term type/status/pos/gender to the model's value, or raise."""
    raw = (value or "").strip()
    choices = _CHOICES[kind]
    for choice in choices:
        if raw.lower() == choice.lower():
            return choice
    key = raw.lower().replace("-admn-sts", "").replace(" ", "")
    for choice in choices:  # "preferred-admn-sts"
        if key == choice.lower():
            return choice
    if key in _ALIASES[kind]:
        return _ALIASES[kind][key]
    raise GlossaryError(Message("unknown {kind} {value!r}; expected one of: {choices}",
                                kind=kind, value=value, choices=", ".join(choices)))


@dataclass(frozen=True)
class Origin:
    """Where a concept or term was read: file, 1-based line, and an XML element path if any."""

    path: str | None = None
    line: int | None = None
    element: str | None = None

    def __str__(self) -> str:
        where = self.path or "<glossary>"
        if self.line:
            where += f":{self.line}"
        if self.element:
            where += f" ({self.element})"
        return where


_FULL_FIRST_NOTE = re.compile(
    r"full[ -]form first|spell(?:ed)? (?:it )?out (?:on|at) first|full (?:form|name) "
    r"(?:on|at) first (?:use|mention)|first (?:use|mention)[^.]{0,30}full (?:form|name)"
    r"|при первом упоминании[^.]{0,40}полн|полн\w+ (?:форм\w*|назван\w*)[^.]{0,30}"
    r"перв\w+ упоминан|首次(?:出现|提及)[^。]{0,10}全称|全称[^。]{0,8}首次", re.IGNORECASE)
#: What a note says to mark a term "do not translate", in the words glossaries are written in.
DNT_MARKERS = ("do-not-translate", "do not translate", "DNT", "не переводить", "不翻译",
               "不要翻译")
# Whole words in alphabetic scripts (not "DNTs" or "redo not translate"); Chinese has no
# spaces to bound a word, so its phrases count wherever they stand.
_DNT_NOTE = re.compile("|".join(dict.fromkeys(
    re.escape(m) if m[0] > "\u3000"
    else r"(?<!\w)" + re.sub(r"\\[ -]", r"[-\\s]+", re.escape(m)) + r"(?!\w)"
    for m in DNT_MARKERS)), re.IGNORECASE)


def says_do_not_translate(note: str, *, at_start: bool = False) -> bool:
    """Whether *note* marks its term or concept "do not translate" (:data:`DNT_MARKERS`, any
    case, as a whole word or phrase); with *at_start*, only a note that begins with one (a
    CSV note column: ``DNT: brand name``)."""
    if at_start:
        return bool(_DNT_NOTE.match(note.lstrip(" \t\"'«“(")))
    return bool(_DNT_NOTE.search(note))


_INNER_CAPS = re.compile(r"\w[A-ZА-ЯЁ]")
_CAPS = re.compile(r"[A-ZА-ЯЁ]")


def _looks_like_acronym(text: str) -> bool:
    """One word with two or more capitals (SPbSPU, СПбГПУ): a variant of an acronym."""
    word = text.strip()
    return bool(word) and not any(c.isspace() for c in word) and len(_CAPS.findall(word)) >= 2


def default_type(text: str) -> str:
    """The type of a term whose glossary does not say: ``acronym`` for one word mostly in
    capitals (IRNITU, SPbPU, UrFU, ИРНИТУ), else ``full``. A spreadsheet or a vendor's
    two-column CSV names no types, and an acronym typed as a full form turns the glossary's
    acronym rules off (full-form-first, GL105, the acronym a mention of the acronym needs)."""
    word = text.strip()
    if not word or any(c.isspace() for c in word):
        return "full"
    upper = sum(1 for c in word if c.isupper())
    others = sum(1 for c in word if c.isalpha() and not c.isupper())
    return "acronym" if upper >= 2 and upper > others else "full"


def default_case_sensitive(text: str, type: str, dnt: bool) -> bool:
    """Acronyms, do-not-translate names and words with inner capitals (SPbPU, GlobalTech) keep
    their exact case; ordinary words match in any case."""
    return type == "acronym" or dnt or bool(_INNER_CAPS.search(text))


@dataclass(frozen=True)
class Term:
    """One designation of a concept in one language.

    ``case_sensitive=None`` means "decide from the text" (see :func:`default_case_sensitive`);
    after construction it is always a bool; ``type=None`` likewise (:func:`default_type`).
    ``dnt`` (do not translate) terms stay as written in every language, e.g. ``GlobalTech IP``.
    """

    text: str
    lang: str
    type: str | None = None  # None: decided from the text, see default_type
    status: str = "preferred"
    case_sensitive: bool | None = None
    dnt: bool = False
    pos: str | None = None
    gender: str | None = None
    note: str = ""
    origin: Origin | None = field(default=None, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lang", normalize(self.lang))
        object.__setattr__(self, "type", canonical("type", self.type) if self.type
                           else default_type(self.text))
        object.__setattr__(self, "status", canonical("status", self.status))
        if self.pos:
            object.__setattr__(self, "pos", canonical("pos", self.pos))
        else:
            object.__setattr__(self, "pos", None)
        if self.gender:
            object.__setattr__(self, "gender", canonical("gender", self.gender))
        else:
            object.__setattr__(self, "gender", None)
        object.__setattr__(self, "note", self.note or "")
        if self.case_sensitive is None:
            object.__setattr__(self, "case_sensitive",
                               default_case_sensitive(self.text, self.type, self.dnt))

    @property
    def approved(self) -> bool:
        """Preferred or admitted: a term a writer may use."""
        return self.status in APPROVED


STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
TYPE_RANK = {kind: rank for rank, kind in enumerate(TERM_TYPES)}


@dataclass(frozen=True)
class Concept:
    """A thing named in several languages, e.g. ``spbpu`` with its ru/en/zh names.

    ``full_form_first``: in running text the full form must be introduced before the acronym.
    """

    id: str
    terms: tuple[Term, ...] = ()
    note: str = ""
    full_form_first: bool = False
    origin: Origin | None = field(default=None, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        if not self.id or self.id != self.id.strip() or any(c.isspace() for c in self.id):
            raise GlossaryError(Message("bad concept id {id!r}: must be non-empty, without "
                                        "spaces", id=self.id))
        # canonical order: grouped by language (first seen first), stable within a language,
        # so every file format, which all group by language, reads back the same concept
        order = {lang: i for i, lang in enumerate(dict.fromkeys(t.lang for t in self.terms))}
        object.__setattr__(self, "terms", tuple(sorted(self.terms, key=lambda t: order[t.lang])))
        object.__setattr__(self, "note", self.note or "")

    @property
    def wants_full_form_first(self) -> bool:
        """The ``full_form_first`` field (``x-fullFormFirst`` in TBX), or a note on the concept
        or on one of its acronyms that says so (glossaries written by people say it in words:
        "spell out on first mention", "при первом упоминании — полное название")."""
        return self.full_form_first or any(
            _FULL_FIRST_NOTE.search(note)
            for note in (self.note, *(t.note for t in self.terms if t.type == "acronym")))

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages that have at least one term, in first-seen order."""
        return tuple(dict.fromkeys(t.lang for t in self.terms))

    @property
    def dnt(self) -> bool:
        """Whether the concept has a do-not-translate name (kept as written everywhere)."""
        return any(t.dnt for t in self.terms)

    def terms_for(self, lang: str) -> tuple[Term, ...]:
        """Terms in *lang* (any code :mod:`toolkit.langs` accepts)."""
        code = normalize(lang)
        return tuple(t for t in self.terms if t.lang == code)

    def preferred(self, lang: str, type: str | None = "full") -> Term | None:
        """The preferred term of *type* in *lang*; with ``type=None`` the best of any type.

        Falls back to an admitted term, and for ``type=None`` orders full > acronym > short >
        variant. A do-not-translate term stands in for a language that has none. An empty
        term (a spreadsheet's blank cell, ``glossary validate``'s GL205) is none: written into
        a translation it would delete the name.
        """
        candidates = [t for t in self.terms_for(lang) if t.approved and t.text.strip()]
        if not candidates:
            candidates = [t for t in self.terms if t.dnt and t.approved and t.text.strip()]
        if type is not None:
            kind = canonical("type", type)
            candidates = [t for t in candidates if t.type == kind]
        if not candidates:
            return None
        return min(candidates, key=lambda t: (STATUS_RANK[t.status], TYPE_RANK[t.type]))

    def suggestion(self, lang: str, like: Term | None = None) -> Term | None:
        """The term to write in *lang* in place of *like* (same type when there is one)."""
        if like is not None:
            kind = like.type
            if kind == "variant" and _looks_like_acronym(like.text):
                kind = "acronym"
            found = self.preferred(lang, kind)
            if found is not None and found != like:
                return found
        return self.preferred(lang, "full") or self.preferred(lang, None)


@dataclass(frozen=True)
class Conflict:
    """A clash found while merging glossary files: reported, never merged silently.

    ``kind``: ``override`` (a later file redefines a concept differently) or ``term_clash``
    (one term text in one language names two concepts from different files).
    """

    kind: str
    concept_id: str
    message: str
    origins: tuple[Origin, ...] = ()


@dataclass(frozen=True)
class Glossary:
    """An ordered set of concepts (ids unique) plus the conflicts met while building it."""

    concepts: tuple[Concept, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    _cache: dict[Any, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    #: what a file reader kept of the file as written (TBX: its bytes per concept), so writing
    #: the glossary back keeps what the model does not hold; None when built otherwise
    source: Any = field(default=None, compare=False, hash=False, repr=False)
    #: ids of the shipped concepts a project glossary replaced (:func:`overlay`)
    shadowed: tuple[str, ...] = field(default=(), compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "concepts", tuple(self.concepts))
        object.__setattr__(self, "conflicts", tuple(self.conflicts))
        seen: set[str] = set()
        for concept in self.concepts:
            if concept.id in seen:
                raise GlossaryError(Message("duplicate concept id {id!r}", id=concept.id),
                                    path=concept.origin.path if concept.origin else None,
                                    line=concept.origin.line if concept.origin else None)
            seen.add(concept.id)

    def cached(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The value stored under *key* for this glossary, built by *build* on first use
        (matchers and term indexes: a glossary is immutable, so they never go stale)."""
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = build()
        return value

    @cached_property
    def by_id(self) -> dict[str, Concept]:
        """Concepts by id."""
        return {c.id: c for c in self.concepts}

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.by_id

    def get(self, concept_id: str) -> Concept | None:
        """The concept with *concept_id*, or None."""
        return self.by_id.get(concept_id)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language with a term somewhere, in first-seen order."""
        return tuple(dict.fromkeys(lang for c in self.concepts for lang in c.languages))

    def terms(self) -> Iterator[tuple[Concept, Term]]:
        """Every (concept, term) pair in order."""
        for concept in self.concepts:
            for term in concept.terms:
                yield concept, term

    def with_concept(self, concept: Concept) -> Glossary:
        """A copy with *concept* added, or replacing the concept of the same id in place."""
        if concept.id in self.by_id:
            concepts = [concept if c.id == concept.id else c for c in self.concepts]
        else:
            concepts = [*self.concepts, concept]
        return Glossary(tuple(concepts), self.conflicts, source=self.source)

    def without_concept(self, concept_id: str) -> Glossary:
        """A copy without the concept *concept_id* (no error if absent)."""
        return Glossary(tuple(c for c in self.concepts if c.id != concept_id), self.conflicts,
                        source=self.source)


def _describe(concept: Concept) -> str:
    return str(concept.origin) if concept.origin else "<glossary>"


def merge(glossaries: Iterable[Glossary]) -> Glossary:
    """Union of *glossaries*; a later concept with the same id replaces the earlier one.

    Each replacement that changes anything becomes an ``override`` conflict, and a term text
    claimed in one language by concepts that come from different files a ``term_clash``.
    """
    order: list[str] = []
    current: dict[str, Concept] = {}
    conflicts: list[Conflict] = []
    for glossary in glossaries:
        conflicts.extend(glossary.conflicts)
        for concept in glossary.concepts:
            old = current.get(concept.id)
            if old is None:
                order.append(concept.id)
            elif old != concept:
                conflicts.append(Conflict(
                    "override", concept.id,
                    Message("concept {id!r} from {new} overrides the one from {old}",
                            id=concept.id, new=_describe(concept), old=_describe(old)),
                    tuple(o for o in (old.origin, concept.origin) if o)))
            current[concept.id] = concept
    merged = tuple(current[cid] for cid in order)
    conflicts.extend(_term_clashes(merged))
    return Glossary(merged, tuple(conflicts))


def overlay(base: Glossary, project: Glossary) -> Glossary:
    """*project* (the user's glossary) on top of *base* (the shipped one).

    A base concept that names a term the project names too (same language, same text up to
    case, spacing and ё) under another id is left out whole: the project's concept is what
    that name means here, so a mention never has two concepts to choose from. The ids left
    out are in ``shadowed`` (for one summary line, not a warning per term). Concepts with the
    same id override as in :func:`merge`.
    """
    named = {(t.lang, _fold(t.text)) for c in project for t in c.terms}
    shadowed = tuple(c.id for c in base if c.id not in project
                     and any((t.lang, _fold(t.text)) in named for t in c.terms))
    kept = Glossary(tuple(c for c in base if c.id not in shadowed), base.conflicts)
    merged = merge([kept, project])
    return Glossary(merged.concepts, merged.conflicts, shadowed=shadowed)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().replace("ё", "е")


def _term_clashes(concepts: Sequence[Concept]) -> list[Conflict]:
    owners: dict[tuple[str, str], list[tuple[Concept, Term]]] = {}
    for concept in concepts:
        for term in concept.terms:
            owners.setdefault((term.lang, _fold(term.text)), []).append((concept, term))
    clashes = []
    for (lang, _text), pairs in owners.items():
        ids = list(dict.fromkeys(c.id for c, _ in pairs))
        paths = {c.origin.path for c, _ in pairs if c.origin}
        if len(ids) > 1 and len(paths) > 1:
            clashes.append(Conflict(
                "term_clash", ids[-1],
                Message("{lang} term {term!r} names concepts {ids} from different files",
                        lang=lang, term=pairs[0][1].text, ids=", ".join(ids)),
                tuple(t.origin for _, t in pairs if t.origin)))
    return clashes


def replace_term(concept: Concept, old: Term, new: Term | None) -> Concept:
    """A copy of *concept* with *old* replaced by *new* (or removed when *new* is None)."""
    terms = []
    for term in concept.terms:
        if term == old:
            if new is not None:
                terms.append(new)
        else:
            terms.append(term)
    return replace(concept, terms=tuple(terms))


def closest_concept(glossary: Glossary, query: str) -> str | None:
    """The concept id a mistyped id or a term text most likely means (None if nothing close).

    Users type ``Nanking`` or ``spbu`` where the glossary says ``nanjing``/``spbpu``: ids and
    every term's text are candidates, compared with rapidfuzz's weighted ratio.
    """
    from rapidfuzz import fuzz, process

    choices: dict[str, str] = {}
    for concept in glossary.concepts:
        choices.setdefault(concept.id.casefold(), concept.id)
        for term in concept.terms:
            choices.setdefault(term.text.casefold(), concept.id)
    best = process.extractOne(query.casefold(), list(choices), scorer=fuzz.WRatio,
                              score_cutoff=75)
    return choices[best[0]] if best else None
