"""Terminology findings on running text: a translation against its source, or one text alone.

Checks (each finding has a code, a kind, spans into the text and a suggested replacement):

- ``GL101 missing-term``: a concept mentioned in the source has no rendering at all in the
  translation, although the glossary has an approved term for the target language;
- ``GL102 forbidden-term`` / ``GL103 deprecated-term``: a term the glossary rejects is used;
- ``GL104 inconsistent-term``: one concept written two ways (two different approved terms of
  the same type) in one document;
- ``GL105 acronym-before-full-form``: for a concept marked ``full_form_first``, the acronym
  comes before the full form (Markdown heading lines are exempt: headlines use acronyms);
- ``GL106 dnt-changed``: a do-not-translate name of the source is not kept as written;
- ``GL107 wrong-case``: a case-sensitive term written in another case (``Globaltech IP``);
- ``GL108 wrong-script``: a Traditional form in a Simplified Chinese text (``江蘇省``), or a
  term of another script where the language has its own (``RCIA`` in Russian for ``РКИА``);
- ``GL109 near-miss``: a span close to a term but none of its forms (see
  :mod:`toolkit.glossary.near`);
- ``GL110 missing-in-paragraph``: across language versions, a concept of paragraph N of one
  absent from the aligned paragraph of another (see :mod:`toolkit.glossary.align`);
- ``GL111 invented-term``: a translated sentence names a concept its source sentence does not
  (the model wrote an entity of its own: a name from its training data that the glossary
  knows), see :func:`invented_terms`;
- ``GL112 repeated-term``: a translated sentence names a concept more often than its source
  sentence does (the model repeated words: ``открыл в ФРИИ открыл в ФРИИ``), ditto.

Every check is a function over mentions, so the catalog rules (TK501-503) and the translation
verify step call the same code with their own cached mentions.

Mentions come from :mod:`toolkit.glossary.match`; this module only reasons about them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from toolkit.glossary.match import Mention, find_mentions, matcher_for
from toolkit.glossary.model import Concept, Glossary
from toolkit.glossary.ru import relative_adjective_in
from toolkit.i18n import Message
from toolkit.langs import parse_lang

CODES = {
    "missing-term": ("GL101", "error"),
    "forbidden-term": ("GL102", "error"),
    "deprecated-term": ("GL103", "warning"),
    "inconsistent-term": ("GL104", "warning"),
    "acronym-before-full-form": ("GL105", "warning"),
    "dnt-changed": ("GL106", "error"),
    "wrong-case": ("GL107", "error"),
    "wrong-script": ("GL108", "error"),
    "near-miss": ("GL109", "warning"),
    "missing-in-paragraph": ("GL110", "warning"),
    "invented-term": ("GL111", "warning"),
    "repeated-term": ("GL112", "warning"),
}
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty block of *text* between blank lines."""
    out, start = [], 0
    for match in _BLANK_LINE.finditer(text):
        if text[start:match.start()].strip():
            out.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


@dataclass(frozen=True)
class Span:
    """A stretch of a text: ``side`` is ``source``, ``target`` or ``text`` (monolingual)."""

    start: int
    end: int
    text: str
    side: str = "text"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {"side": self.side, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class GlossaryFinding:
    """One terminology problem. ``spans[0]`` is where to look first."""

    code: str
    kind: str
    severity: str
    message: str
    concept_id: str
    spans: tuple[Span, ...]
    suggestion: str | None = None

    @property
    def span(self) -> Span:
        """The main span."""
        return self.spans[0]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {"code": self.code, "kind": self.kind, "severity": self.severity,
                "message": self.message, "concept": self.concept_id,
                "spans": [s.to_dict() for s in self.spans], "suggestion": self.suggestion}


def finding(kind: str, message: str, concept_id: str, spans: list[Span],
            suggestion: str | None, severity: str | None = None) -> GlossaryFinding:
    """A finding of *kind* with the code and default severity :data:`CODES` gives it."""
    code, default = CODES[kind]
    return GlossaryFinding(code, kind, severity or default, message, concept_id, tuple(spans),
                           suggestion)


def _span(mention: Mention, side: str) -> Span:
    return Span(mention.start, mention.end, mention.surface, side)


def _in_context(replacement: str, mention: Mention, lang: str) -> str:
    """*replacement* in the grammatical case of the mention it replaces (Russian; a
    misspelt mention's case is told from its ending: ``Наньцзина`` -> ``Нанкина``)."""
    if lang != "ru" or mention.surface == mention.term.text:
        return replacement
    from toolkit.glossary.morph import inflect_near

    return inflect_near(replacement, mention.surface)


def heading_ranges(text: str) -> list[tuple[int, int]]:
    """Headlines, where acronyms may come first: Markdown headings, or in a plain-text
    release (no heading) its first paragraph."""
    ranges = []
    for match in _HEADING.finditer(text):
        end = text.find("\n", match.start())
        ranges.append((match.start(), len(text) if end < 0 else end))
    blocks = paragraphs(text)
    if not ranges and len(blocks) > 1:  # one paragraph only is the body, not a headline
        ranges.append(blocks[0])
    return ranges


def rejected_terms(glossary: Glossary, mentions: list[Mention], lang: str,
                   side: str = "text") -> list[GlossaryFinding]:
    """Forbidden and deprecated terms among *mentions*, each with the preferred term to use,
    in the case of the mention it replaces."""
    findings = []
    for mention in mentions:
        concept = glossary.get(mention.concept_id)
        if mention.status in ("forbidden", "deprecated") and concept is not None:
            better = concept.suggestion(lang, like=mention.term)
            text = _in_context(better.text, mention, lang) if better else None
            findings.append(finding(
                f"{mention.status}-term", _rejected(mention.status, mention.surface,
                                                    concept.id, text),
                concept.id, [_span(mention, side)], text))
    return findings


def _rejected(status: str, surface: str, concept: str, better: str | None) -> Message:
    if status == "forbidden":
        if better:
            return Message("forbidden term {term!r} for {concept}; use {better!r}",
                           term=surface, concept=concept, better=better)
        return Message("forbidden term {term!r} for {concept}", term=surface, concept=concept)
    if better:
        return Message("deprecated term {term!r} for {concept}; use {better!r}",
                       term=surface, concept=concept, better=better)
    return Message("deprecated term {term!r} for {concept}", term=surface, concept=concept)


def miscased_terms(glossary: Glossary, miscased: list[Mention], lang: str,
                   side: str = "text", mentions: list[Mention] | None = None
                   ) -> list[GlossaryFinding]:
    """Case-sensitive terms written in another case (from :meth:`Matcher.find_all`), and
    names with a word in capitals the glossary does not write so (``Andrei RUDSKOY``)."""
    findings = []
    shouted = [m for m in mentions if _shouting(m)] if mentions else []
    for mention in [*miscased, *shouted]:
        concept = glossary.get(mention.concept_id)
        if concept is None or _capitalised_only(mention.surface, mention.term.text):
            continue
        term = mention.term
        if not term.approved:
            term = concept.suggestion(lang, like=term) or term
        findings.append(finding(
            "wrong-case", Message("{term!r} is written {written!r} ({concept})",
                                  term=mention.surface, written=term.text, concept=concept.id),
            concept.id, [_span(mention, side)], _in_context(term.text, mention, lang)))
    return findings


_SHOUT = re.compile(r"\b[^\W\d_]{3,}\b")


def _shouting(mention: Mention) -> bool:
    said = [w for w in _SHOUT.findall(mention.surface) if w.isupper()]
    return bool(said) and mention.term.pos == "properNoun" and not any(
        w in mention.term.text for w in said)


def _capitalised_only(surface: str, term: str) -> bool:
    """A lower-case term capitalised at a sentence start (``iPhone``/``IPhone``) is no error."""
    return surface[:1].upper() + surface[1:] == term[:1].upper() + term[1:] and \
        surface[1:] == term[1:]


def script_findings(glossary: Glossary, text: str, mentions: list[Mention], lang: str,
                    side: str = "text", traditional: bool = False) -> list[GlossaryFinding]:
    """Terms in the wrong script: Traditional characters in a Simplified Chinese text; in
    Russian (English) text a Latin (Cyrillic) term of a concept that has its own term in the
    language's script."""
    from toolkit.glossary.match import is_traditional, matcher_for

    findings = []
    if lang == "zh":
        if traditional:
            return findings
        for mention in mentions:
            concept = glossary.get(mention.concept_id)
            if concept is None or not is_traditional(mention.surface):
                continue
            better = concept.suggestion("zh", like=mention.term) \
                if not mention.term.approved else mention.term
            fix = better.text if better else None
            findings.append(finding(
                "wrong-script", _traditional(mention.surface, concept.id, fix),
                concept.id, [_span(mention, side)], fix))
        return findings
    other = {"ru": "en", "en": "ru"}.get(lang)
    if other is None:
        return findings
    own_script = _cyrillic if lang == "ru" else _latin
    taken = [(m.start, m.end) for m in mentions]
    for foreign in matcher_for(glossary, other).find(text):
        if foreign.term.lang != other or own_script(foreign.surface) or \
                any(a < foreign.end and foreign.start < b for a, b in taken):
            continue
        concept = glossary.get(foreign.concept_id)
        if concept is None:
            continue
        own = concept.preferred(lang, foreign.term.type)
        if own is None or not own_script(own.text):
            continue
        fix = _in_context(own.text, foreign, lang)
        findings.append(finding(
            "wrong-script", Message("{term!r} is the {other} term for {concept}; in {lang} "
                                    "write {own!r}", term=foreign.surface, other=other,
                                    concept=concept.id, lang=lang, own=own.text),
            concept.id, [_span(foreign, side)], fix))
    return findings


def _traditional(term: str, concept: str, fix: str | None) -> Message:
    if fix:
        return Message("{term!r} is in Traditional characters in a Simplified text ({concept}); "
                       "write {fix!r}", term=term, concept=concept, fix=fix)
    return Message("{term!r} is in Traditional characters in a Simplified text ({concept})",
                   term=term, concept=concept)


def _cyrillic(text: str) -> bool:
    return _has(text, "ru")


def _latin(text: str) -> bool:
    return _has(text, "en")


def _has(text: str, lang: str) -> bool:
    from toolkit.text.scripts import script_counts

    return script_counts(text).get(lang, 0) > 0


def near_miss_findings(glossary: Glossary, text: str, mentions: list[Mention], lang: str,
                       side: str = "text") -> list[GlossaryFinding]:
    """Spans close to a term that are none of its forms, each with the preferred term of the
    same type, inflected into the case the span is in (Russian)."""
    from toolkit.glossary.near import find_near_misses

    findings = []
    for miss in find_near_misses(glossary, text, lang, mentions):
        concept = glossary.get(miss.concept_id)
        if concept is None:
            continue
        fix, better = _near_fix(concept, miss, lang)
        findings.append(finding(
            "near-miss", Message("{span!r} looks like a misspelt {concept} ({term!r}) but is "
                                 "none of its forms", span=miss.surface, concept=concept.id,
                                 term=better.text), concept.id,
            [Span(miss.start, miss.end, miss.surface, side)], fix))
    return findings


def _near_fix(concept: Concept, miss: Any, lang: str) -> tuple[str, Any]:
    """The replacement for a near miss and the term it stands for: the span rewritten with
    the right word when that is a preferred term (or an inflected form of one), else the
    preferred term of the same type, inflected into the span's case."""
    from toolkit.glossary.match import Matcher

    if miss.replacement:
        found = Matcher(Glossary((concept,)), lang).find(miss.replacement)
        whole = [m for m in found if m.start == 0 and m.end == len(miss.replacement)]
        if whole:
            term = whole[0].term
            better = concept.preferred(lang, term.type)
            if term.status == "preferred" or (term.approved and (
                    better is None or better.status != "preferred")):
                return miss.replacement, term
            better = concept.suggestion(lang, like=term) or term
            return _inflect(better.text, miss.surface, lang), better
    term = miss.term
    better = term if term.status == "preferred" else (concept.suggestion(lang, like=term)
                                                      or term)
    return _inflect(better.text, miss.surface, lang), better


def _inflect(replacement: str, surface: str, lang: str) -> str:
    if lang != "ru":
        return replacement
    from toolkit.glossary.morph import inflect_near

    return inflect_near(replacement, surface)


def check_mentions(glossary: Glossary, text: str, mentions: list[Mention], lang: str,
                   side: str = "text", miscased: list[Mention] | None = None,
                   traditional: bool = False) -> list[GlossaryFinding]:
    """Monolingual findings over already computed *mentions* of *text* (and the miscased
    ones :meth:`Matcher.find_all` returns)."""
    findings = rejected_terms(glossary, mentions, lang, side)
    findings += miscased_terms(glossary, miscased or [], lang, side, mentions)
    findings += script_findings(glossary, text, mentions, lang, side, traditional)
    flagged = [(f.span.start, f.span.end) for f in findings]
    taken = [*mentions, *(miscased or [])]
    near = [f for f in near_miss_findings(glossary, text, taken, lang, side)
            if not any(a < f.span.end and f.span.start < b for a, b in flagged)]
    findings += near
    by_concept: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_concept.setdefault(mention.concept_id, []).append(mention)
    headings = heading_ranges(text)
    for concept_id, group in by_concept.items():
        concept = glossary.get(concept_id)
        if concept is None:
            continue
        findings.extend(_inconsistent(concept, group, side))
        # a misspelt full form still introduces the acronym: one finding, not two
        introduced = [f.span.start for f in near if f.concept_id == concept_id]
        if concept.wants_full_form_first and not (introduced and
                                                  min(introduced) < group[0].start):
            findings.extend(_acronym_first(concept, group, lang, side, headings))
    findings.sort(key=lambda f: (f.span.start, f.code))
    return findings


def _inconsistent(concept: Concept, group: list[Mention], side: str) -> list[GlossaryFinding]:
    first_of_type: dict[str, Mention] = {}
    out = []
    for mention in group:
        if not mention.term.approved:
            continue
        first = first_of_type.setdefault(mention.term.type, mention)
        if first.term != mention.term:
            out.append(finding(
                "inconsistent-term",
                Message("{concept} written as {here!r} here but as {earlier!r} earlier; keep "
                        "one {type} form", concept=concept.id, here=mention.surface,
                        earlier=first.surface, type=mention.term.type),
                concept.id, [_span(mention, side), _span(first, side)], first.term.text))
    return out


def _acronym_first(concept: Concept, group: list[Mention], lang: str, side: str,
                   headings: list[tuple[int, int]]) -> list[GlossaryFinding]:
    body = [m for m in group
            if not any(a <= m.start < b for a, b in headings) and m.term.approved]
    if not body or body[0].term.type != "acronym":
        return []
    first = body[0]
    full = concept.preferred(lang, "full")
    suggestion = f"{full.text} ({first.surface})" if full else None
    return [finding("acronym-before-full-form",
                     Message("acronym {acronym!r} used before the full form of {concept} was "
                             "introduced", acronym=first.surface, concept=concept.id),
                     concept.id, [_span(first, side)], suggestion)]


def _only(findings: list[GlossaryFinding], kinds: Collection[str] | None
          ) -> list[GlossaryFinding]:
    if kinds is None:
        return findings
    unknown = set(kinds) - set(CODES)
    if unknown:
        raise ValueError(f"unknown finding kind(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(CODES)}")
    return [f for f in findings if f.kind in kinds]


def check_monolingual(glossary: Glossary, text: str, lang: str, *,
                      kinds: Collection[str] | None = None) -> list[GlossaryFinding]:
    """Findings on one text: rejected terms, one concept written two ways, acronym first.

    *kinds* keeps only some (e.g. ``{"forbidden-term", "deprecated-term"}`` for short UI
    strings, where acronym order and consistency mean little).
    """
    parsed = parse_lang(lang)
    mentions, miscased = matcher_for(glossary, parsed.code).find_all(text)
    return _only(check_mentions(glossary, text, mentions, parsed.code, miscased=miscased,
                                traditional=parsed.traditional), kinds)


def check_translation(glossary: Glossary, source_text: str, source_lang: str,
                      target_text: str, target_lang: str, *,
                      kinds: Collection[str] | None = None) -> list[GlossaryFinding]:
    """Findings on a translation: concepts of the source missing from the target, plus the
    monolingual checks on the target (*kinds* as in :func:`check_monolingual`)."""
    src, tgt = parse_lang(source_lang).code, parse_lang(target_lang).code
    traditional = parse_lang(target_lang).traditional
    source = find_mentions(glossary, source_text, src)
    matcher = matcher_for(glossary, tgt)
    target, miscased = matcher.find_all(target_text)
    # nested mentions count: Nanjing inside "Nanjing Municipal ... Bureau" renders Nanjing,
    # and so does a term after any word (a machine translation may put it anywhere)
    present = matcher.find_nested(target_text, within_names=True)
    findings = missing_terms(glossary, source, present, tgt, target_text)
    # The translation is judged on what the source talks about, and not for a choice the
    # source made itself: a concept the source never mentions, or one the source also
    # writes two ways, gives no finding (it gave one per mention, hundreds per document).
    mentioned = {m.concept_id for m in source}
    own = {f.concept_id for f in check_mentions(glossary, source_text, source, src,
                                                side="source")
           if f.kind == "inconsistent-term"}
    findings.extend(f for f in check_mentions(glossary, target_text, target, tgt, side="target",
                                              miscased=miscased, traditional=traditional)
                    if f.concept_id in mentioned
                    and not (f.kind == "inconsistent-term" and f.concept_id in own))
    return _only(findings, kinds)


def missing_terms(glossary: Glossary, source: list[Mention], target: list[Mention],
                  target_lang: str, target_text: str) -> list[GlossaryFinding]:
    """Concepts of the *source* mentions with no rendering among the *target* mentions
    (``missing-term``), and do-not-translate names not kept as written (``dnt-changed``)."""
    in_target = {m.concept_id for m in target}
    findings: list[GlossaryFinding] = []
    reported: set[str] = set()
    for mention in source:
        concept = glossary.get(mention.concept_id)
        if concept is None or concept.id in reported:
            continue
        if mention.term.dnt:
            if mention.term.text in target_text or mention.surface in target_text:
                continue
            reported.add(concept.id)
            findings.append(finding(
                "dnt-changed", Message("do-not-translate term {term!r} changed or missing",
                                       term=mention.surface),
                concept.id, [_span(mention, "source")], mention.term.text))
            continue
        if concept.id in in_target:
            continue
        expected = concept.suggestion(target_lang, like=mention.term)
        if expected is None:
            continue
        if target_lang == "ru" and relative_adjective_in(expected.text, target_text):
            continue  # "Nanjing University" -> "Нанкинский университет" renders Nanjing
        reported.add(concept.id)
        spans = [_span(m, "source") for m in source if m.concept_id == concept.id]
        findings.append(finding(
            "missing-term",
            Message("{term!r} ({concept}) has no {lang} rendering in the translation; "
                    "expected {expected!r}", term=mention.surface, concept=concept.id,
                    lang=target_lang, expected=expected.text),
            concept.id, spans, expected.text))
    return findings


_GLOSS = re.compile(r"\s*[(（]\s*")


def _glossed(text: str, name: Mention, gloss: Mention) -> bool:
    """Whether *gloss* stands in brackets right after *name* (``Фонд развития
    интернет-инициатив (ФРИИ)``): a name spelled out with its acronym, one mention."""
    between = _GLOSS.fullmatch(text, name.end, gloss.start)
    return between is not None and text[gloss.end:gloss.end + 1] in (")", "）")


def invented_terms(glossary: Glossary, pairs: Iterable[tuple[str, str]], target_text: str,
                   source_lang: str, target_lang: str) -> list[GlossaryFinding]:
    """Concepts a translated sentence names that its source sentence does not
    (``invented-term``), or names more often than it (``repeated-term``): one finding per
    sentence and concept, its span in *target_text*.

    *pairs* are (source sentence, its translation) in document order; each translation is
    looked for in *target_text* after the previous one. A small model fills a sentence it
    does not understand with entities it saw in training (``Елена Кузнецова``, another
    university), and an entity the glossary knows reads as a real one; it also loops, writing
    a phrase with its name twice (``открыл в ФРИИ открыл в ФРИИ``). What the source
    sentence mentions counts nested too (``Nanjing`` of ``Nanjing University`` admits
    ``南京``); what the translation names counts only as a whole name (``Нанкин`` of ``Неделя
    инноваций в Нанкине`` is that event's name, not a mention of the city). A warning: the
    sentence may name it for a reason (a pronoun of the source resolved)."""
    src, tgt = parse_lang(source_lang).code, parse_lang(target_lang).code
    source_matcher, target_matcher = matcher_for(glossary, src), matcher_for(glossary, tgt)
    findings: list[GlossaryFinding] = []
    pos = 0
    for source, translation in pairs:
        shown = translation.strip()
        at = target_text.find(shown, pos) if shown else -1
        if at < 0:
            continue
        pos = at + len(shown)
        named = Counter(m.concept_id
                        for m in source_matcher.find_nested(source, within_names=True))
        mentions = target_matcher.find_all(shown)[0]
        total = Counter(m.concept_id for m in mentions)
        seen: Counter[str] = Counter()
        last: dict[str, Mention] = {}
        for m in mentions:
            before, last[m.concept_id] = last.get(m.concept_id), m
            if before is not None and _glossed(shown, before, m):
                continue  # "互联网创业发展基金（IIDF）": one mention, glossed
            seen[m.concept_id] += 1
            times = seen[m.concept_id]
            if times <= named[m.concept_id] or times > named[m.concept_id] + 1:
                continue  # as often as the source so far, or reported already
            span = [Span(at + m.start, at + m.end, m.surface, "target")]
            if not named[m.concept_id]:
                findings.append(finding(
                    "invented-term",
                    Message("{term!r} ({concept}) is in the translation, but its source "
                            "sentence does not name it: check that the model did not invent "
                            "it", term=m.surface, concept=m.concept_id),
                    m.concept_id, span, None))
            else:
                findings.append(finding(
                    "repeated-term",
                    Message("{term!r} ({concept}) is named more often in the translation "
                            "({count}) than in its source sentence ({named}): check that the "
                            "model did not repeat words", term=m.surface, concept=m.concept_id,
                            count=total[m.concept_id], named=named[m.concept_id]),
                    m.concept_id, span, None))
    return findings
