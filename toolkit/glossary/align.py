"""Across languages: a release and its translations, paragraph by paragraph.

A concept mentioned in paragraph N of one version must be mentioned in the aligned paragraph of
every other (any direction, two or three files). A finding names the version that lacks it and
the span there that probably stands for it: a near miss of that concept in the paragraph, or
else the stretch most like the concept's preferred term.

Paragraphs are blocks between blank lines. Versions with the same number of paragraphs align
one to one; otherwise each paragraph goes to the paragraph of the other version at the same
relative position in the text (translations keep the order of paragraphs, not their length).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.glossary.consistency import (
    GlossaryFinding,
    Span,
    check_mentions,
    finding,
    paragraphs,
)
from toolkit.glossary.match import Mention, matcher_for, tokenize
from toolkit.glossary.model import Glossary
from toolkit.glossary.ru import relative_adjective_in
from toolkit.langs import parse_lang


@dataclass(frozen=True)
class Version:
    """One language version of a release: its text, its language and a side name for spans
    (the file name in the CLI)."""

    text: str
    lang: str
    side: str
    name: str = ""

    @property
    def label(self) -> str:
        """How messages name the version."""
        return self.name or self.side


def _align(a: list[tuple[int, int]], b: list[tuple[int, int]], len_a: int,
           len_b: int) -> list[int]:
    """For each paragraph of *a*, the index of its paragraph in *b*."""
    if len(a) == len(b):
        return list(range(len(a)))
    if not b:
        return [-1] * len(a)
    out = []
    for start, end in a:
        middle = (start + end) / 2 / max(len_a, 1)
        out.append(min(range(len(b)), key=lambda j: abs(
            (b[j][0] + b[j][1]) / 2 / max(len_b, 1) - middle)))
    return out


def _probable_span(glossary: Glossary, version: Version, para: tuple[int, int],
                   concept_id: str, near: list[GlossaryFinding]) -> Span | None:
    for f in near:
        if f.concept_id == concept_id and para[0] <= f.span.start < para[1]:
            return f.span
    concept = glossary.get(concept_id)
    term = concept.preferred(version.lang, None) if concept else None
    if term is None:
        return None
    from rapidfuzz import fuzz

    chunk = version.text[para[0]:para[1]]
    if version.lang[:2] == "zh":
        align = fuzz.partial_ratio_alignment(term.text, chunk, score_cutoff=50)
        if align is None or align.dest_end <= align.dest_start:
            return None
        start, end = para[0] + align.dest_start, para[0] + align.dest_end
        return Span(start, end, version.text[start:end], version.side)
    # the run of words most like the term, about as many words as it has
    words = [(a, b) for a, b, tok in tokenize(chunk) if tok[:1].isalnum()]
    size = len([t for t in tokenize(term.text) if t[2][:1].isalnum()])
    best = None
    for n in range(max(1, size - 1), size + 2):
        for i in range(len(words) - n + 1):
            a, b = words[i][0], words[i + n - 1][1]
            score = fuzz.ratio(term.text.lower(), chunk[a:b].lower())
            if score >= 50 and (best is None or score > best[0]):
                best = (score, a, b)
    if best is None:
        return None
    start, end = para[0] + best[1], para[0] + best[2]
    return Span(start, end, version.text[start:end], version.side)


def check_versions(glossary: Glossary, versions: Sequence[Version]) -> list[GlossaryFinding]:
    """Monolingual findings on each version, then ``missing-in-paragraph`` findings: a
    concept of paragraph N of one version absent from the aligned paragraph of another."""
    found: list[list[Mention]] = []    # top-level mentions: what each version says
    present: list[list[Mention]] = []  # nested ones too: what each version mentions
    findings: list[GlossaryFinding] = []
    near_of: list[list[GlossaryFinding]] = []
    for version in versions:
        parsed = parse_lang(version.lang)
        matcher = matcher_for(glossary, parsed.code)
        mentions, miscased = matcher.find_all(version.text)
        found.append(mentions)
        present.append(matcher.find_nested(version.text, within_names=True))
        own = check_mentions(glossary, version.text, mentions, parsed.code, version.side,
                             miscased, parsed.traditional)
        findings.extend(own)
        near_of.append(own)
    paras = [paragraphs(v.text) for v in versions]
    reported: set[tuple[int, int, str]] = set()
    for i, a in enumerate(versions):
        for k, b in enumerate(versions):
            if i == k:
                continue
            code_b = parse_lang(b.lang).code
            mapping = _align(paras[i], paras[k], len(a.text), len(b.text))
            for n, (start, end) in enumerate(paras[i]):
                j = mapping[n]
                if j < 0:
                    continue
                b_start, b_end = paras[k][j]
                here = {m.concept_id for m in present[k] if b_start <= m.start < b_end}
                here |= {f.concept_id for f in near_of[k] if b_start <= f.span.start < b_end}
                for m in found[i]:
                    if not start <= m.start < end or m.concept_id in here:
                        continue
                    concept = glossary.get(m.concept_id)
                    if concept is None or (concept.preferred(code_b, None) is None
                                           and not m.term.dnt):
                        continue
                    key = (k, j, m.concept_id)
                    if key in reported:
                        continue
                    reported.add(key)
                    probable = _probable_span(glossary, b, (b_start, b_end), m.concept_id,
                                              near_of[k])
                    expected = concept.preferred(code_b, None)
                    if code_b == "ru" and expected is not None and relative_adjective_in(
                            expected.text, b.text[b_start:b_end]):
                        continue  # "Nanjing University" -> "Нанкинский университет"
                    fix = expected.text if expected else m.term.text
                    if probable and code_b == "ru" and expected:
                        from toolkit.glossary.morph import inflect_near

                        fix = inflect_near(fix, probable.text)
                    where = Span(b_start, b_start, "", b.side)
                    findings.append(finding(
                        "missing-in-paragraph",
                        f"paragraph {j + 1} of {b.label} does not mention {concept.id} "
                        f"({m.surface!r} in paragraph {n + 1} of {a.label})"
                        + (f"; {probable.text!r} probably stands for it" if probable else ""),
                        concept.id, [probable or where, Span(m.start, m.end, m.surface, a.side)],
                        fix))
    findings.sort(key=lambda f: ([v.side for v in versions].index(f.span.side),
                                 f.span.start, f.code))
    return findings
