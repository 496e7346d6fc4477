"""Terminology findings on running text: a translation against its source, or one text alone.

Checks (each finding has a code, a kind, spans into the text and a suggested replacement):

- ``GL101 missing-term``: a concept mentioned in the source has no rendering at all in the
  translation, although the glossary has an approved term for the target language;
- ``GL102 forbidden-term`` / ``GL103 deprecated-term``: a term the glossary rejects is used;
- ``GL104 inconsistent-term``: one concept written two ways (two different approved terms of
  the same type) in one document;
- ``GL105 acronym-before-full-form``: for a concept marked ``full_form_first``, the acronym
  comes before the full form (Markdown heading lines are exempt: headlines use acronyms).

Mentions come from :mod:`toolkit.glossary.match`; this module only reasons about them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from toolkit.glossary.match import Mention, find_mentions
from toolkit.glossary.model import Concept, Glossary
from toolkit.langs import parse_lang

CODES = {
    "missing-term": ("GL101", "error"),
    "forbidden-term": ("GL102", "error"),
    "deprecated-term": ("GL103", "warning"),
    "inconsistent-term": ("GL104", "warning"),
    "acronym-before-full-form": ("GL105", "warning"),
}
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]", re.MULTILINE)


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


def _finding(kind: str, message: str, concept_id: str, spans: list[Span],
             suggestion: str | None) -> GlossaryFinding:
    code, severity = CODES[kind]
    return GlossaryFinding(code, kind, severity, message, concept_id, tuple(spans), suggestion)


def _span(mention: Mention, side: str) -> Span:
    return Span(mention.start, mention.end, mention.surface, side)


def _in_context(replacement: str, mention: Mention, lang: str) -> str:
    """*replacement* in the grammatical case of the mention it replaces (Russian)."""
    if lang != "ru" or mention.surface == mention.term.text:
        return replacement
    from toolkit.glossary.morph import inflect_like

    return inflect_like(replacement, mention.surface)


def _heading_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for match in _HEADING.finditer(text):
        end = text.find("\n", match.start())
        ranges.append((match.start(), len(text) if end < 0 else end))
    return ranges


def check_mentions(glossary: Glossary, text: str, mentions: list[Mention], lang: str,
                   side: str = "text") -> list[GlossaryFinding]:
    """Monolingual findings over already computed *mentions* of *text*."""
    findings: list[GlossaryFinding] = []
    by_concept: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_concept.setdefault(mention.concept_id, []).append(mention)
        concept = glossary.get(mention.concept_id)
        if mention.status in ("forbidden", "deprecated") and concept is not None:
            better = concept.suggestion(lang, like=mention.term)
            text = _in_context(better.text, mention, lang) if better else None
            kind = f"{mention.status}-term"
            findings.append(_finding(
                kind, f"{mention.status} term {mention.surface!r} for {concept.id}"
                + (f"; use {text!r}" if text else ""),
                concept.id, [_span(mention, side)], text))
    headings = _heading_ranges(text)
    for concept_id, group in by_concept.items():
        concept = glossary.get(concept_id)
        if concept is None:
            continue
        findings.extend(_inconsistent(concept, group, side))
        if concept.full_form_first:
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
            out.append(_finding(
                "inconsistent-term",
                f"{concept.id} written as {mention.surface!r} here but as "
                f"{first.surface!r} earlier; keep one {mention.term.type} form",
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
    return [_finding("acronym-before-full-form",
                     f"acronym {first.surface!r} used before the full form of {concept.id} "
                     "was introduced", concept.id, [_span(first, side)], suggestion)]


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
    code = parse_lang(lang).code
    return _only(check_mentions(glossary, text, find_mentions(glossary, text, code), code),
                 kinds)


def check_translation(glossary: Glossary, source_text: str, source_lang: str,
                      target_text: str, target_lang: str, *,
                      kinds: Collection[str] | None = None) -> list[GlossaryFinding]:
    """Findings on a translation: concepts of the source missing from the target, plus the
    monolingual checks on the target (*kinds* as in :func:`check_monolingual`)."""
    src, tgt = parse_lang(source_lang).code, parse_lang(target_lang).code
    source = find_mentions(glossary, source_text, src)
    target = find_mentions(glossary, target_text, tgt)
    in_target = {m.concept_id for m in target}
    findings: list[GlossaryFinding] = []
    reported: set[str] = set()
    for mention in source:
        concept = glossary.get(mention.concept_id)
        if concept is None or concept.id in in_target or concept.id in reported:
            continue
        expected = concept.suggestion(tgt, like=mention.term)
        if expected is None:
            continue
        reported.add(concept.id)
        spans = [_span(m, "source") for m in source if m.concept_id == concept.id]
        findings.append(_finding(
            "missing-term",
            f"{mention.surface!r} ({concept.id}) has no {tgt} rendering in the translation; "
            f"expected {expected.text!r}", concept.id, spans, expected.text))
    findings.extend(check_mentions(glossary, target_text, target, tgt, side="target"))
    return _only(findings, kinds)
