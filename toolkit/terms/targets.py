"""Which target term each source mention requires, and which mentions a translation satisfies.

The rule of the issue: the concept's preferred target term of the same type as the source
mention (full form for full form, acronym for acronym), an admitted term only where the glossary
prefers it or has no preferred one, never a deprecated or forbidden one; a do-not-translate term
comes back as the source wrote it. :meth:`Concept.suggestion` already encodes that choice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from toolkit.glossary.longer_name import word_before
from toolkit.glossary.match import Mention, matcher_for
from toolkit.glossary.model import Glossary, Term
from toolkit.terms.model import Requirement

if TYPE_CHECKING:
    from toolkit.mt.translator import Span


def requirements(glossary: Glossary, mentions: Sequence[Mention], target_lang: str
                 ) -> list[Requirement]:
    """The requirement of each source mention, in source order."""
    # enforcement asks this of every sentence several times (each leg, each pass, the
    # hints): the answer per (concept, source term) is remembered with the glossary
    chosen: dict[tuple[str, Term], Term | None] = glossary.cached(
        ("suggestion", target_lang), dict)
    out = []
    for mention in mentions:
        key = (mention.concept_id, mention.term)
        if key not in chosen:
            concept = glossary.get(mention.concept_id)
            chosen[key] = (concept.suggestion(target_lang, like=mention.term)
                           if concept is not None and not mention.term.dnt else None)
        out.append(Requirement(mention, chosen[key]))
    return out


def _fits(requirement: Requirement, found: Mention) -> bool:
    if found.concept_id != requirement.concept_id:
        return False
    if requirement.dnt:
        return found.surface == requirement.mention.surface
    return requirement.term is not None and found.term.text == requirement.term.text


def match_targets(requirements_: Sequence[Requirement], found: Sequence[Mention]
                  ) -> dict[int, Mention]:
    """Requirement index -> the target mention that satisfies it (each used once, in order)."""
    used: set[int] = set()
    out: dict[int, Mention] = {}
    for i, req in enumerate(requirements_):
        for k, mention in enumerate(found):
            if k not in used and _fits(req, mention):
                used.add(k)
                out[i] = mention
                break
    return out


def target_mentions(glossary: Glossary, text: str, lang: str) -> list[Mention]:
    """Glossary mentions in a translation (Russian inflected forms included)."""
    return matcher_for(glossary, lang).find(text, within_names=True)


def other_names(glossary: Glossary, source: str, source_lang: str, texts: Sequence[str],
                lang: str) -> list[list[Span]]:
    """Per translation in *texts*: the spans of the longer names there whose tail is a glossary
    term (``Tomsk Polytechnic University``) and that render the source's own such names
    (``Томского политехнического университета``), as many of each concept as the source has.

    The source names another organisation there, not the concept, and so does the model: such
    a span never satisfies a mention of the concept, nor is any part of it the rendering to
    replace (``Tomsk Peter the Great St. Petersburg Polytechnic University`` was written for
    the full form). A translation's longer name the source does not have is left to the
    usual search (it may be the model's rendering of a mention)."""
    wanted = Counter(m.concept_id for m in matcher_for(glossary, source_lang).name_tails(source))
    if not wanted:
        return [[] for _text in texts]
    matcher = matcher_for(glossary, lang)
    out = []
    for text in texts:
        left = Counter(wanted)
        spans = []
        for tail in matcher.name_tails(text):
            if left[tail.concept_id] > 0:
                left[tail.concept_id] -= 1
                before = word_before(text, tail.start)
                spans.append((before[0] if before else tail.start, tail.end))
        out.append(spans)
    return out
