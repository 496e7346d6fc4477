"""Document consistency: a concept marked full-form-first is introduced by its full form.

Where the glossary marks a concept full-form-first (``x-fullFormFirst`` on the TBX concept,
the ``full_form_first`` CSV column, or a note such as "spell out on first mention": see
:attr:`toolkit.glossary.model.Concept.wants_full_form_first`), the first mention of it in
the body of a document must be rendered by the full form in the target, whatever form the
source used there; later mentions keep the form of their source (the acronym may follow).
Headlines (Markdown headings; in a plain-text document of several paragraphs, its first
paragraph) are exempt and do not count as the first mention: the same rule as the glossary
check GL105 (:func:`toolkit.glossary.consistency.heading_ranges`).

This only chooses which target term a mention requires; term enforcement
(:func:`toolkit.terms.enforce`, its ``prefer`` hook) puts it in and reports it.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.glossary.match import Mention
from toolkit.glossary.model import Glossary, Term


def headline_flags(text: str, offsets: Sequence[int]) -> list[bool]:
    """For each segment starting at one of *offsets* in the document *text*: whether it is
    in a headline."""
    from toolkit.glossary.consistency import heading_ranges

    ranges = heading_ranges(text)
    return [any(a <= offset < b for a, b in ranges) for offset in offsets]


def full_form_first(glossary: Glossary, mentions: Sequence[Sequence[Mention]],
                    headlines: Sequence[bool], target_lang: str
                    ) -> dict[tuple[int, int], Term]:
    """(segment, mention) -> the full-form target term, for the first body mention of each
    full-form-first concept that the source does not already write in full.

    *mentions* are the glossary mentions of each segment of one document in order;
    *headlines* says which segments are headlines (their mentions are skipped). A concept
    without a full form in *target_lang*, or with a do-not-translate name, is left alone.
    """
    seen: set[str] = set()
    out: dict[tuple[int, int], Term] = {}
    for k, found in enumerate(mentions):
        if k < len(headlines) and headlines[k]:
            continue
        for i, mention in enumerate(found):
            if mention.concept_id in seen:
                continue
            seen.add(mention.concept_id)
            concept = glossary.get(mention.concept_id)
            if (concept is None or not concept.wants_full_form_first or concept.dnt
                    or mention.term.type == "full"):
                continue
            full = concept.preferred(target_lang, "full")
            if full is not None:
                out[(k, i)] = full
    return out
