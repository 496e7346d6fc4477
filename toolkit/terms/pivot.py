"""Term enforcement through a pivot (zh -> en -> ru): each leg enforced on its own.

Enforcing only on the final output asks too much of the pivot: the second model translates a
middle sentence that may have lost or garbled the term, the model's own rendering can only be
found through two attention maps composed, a Russian case is guessed from a Chinese source
(Chinese has no case, and the Russian sentence follows the English middle, not the Chinese),
and candidate forms are scored against a middle sentence the candidate was not translated from.
So the glossary is applied on the middle first: the first model's output gets the approved
middle-language term of each source mention (same type, the document's full form where it
asks for one). The second leg then translates that middle with its mentions known (the
approved terms just put in, which a model knows far better than a garbled rendering), and
enforces the target terms the *source* mentions require, with the case hints of the middle
sentence's own prepositions and the second model's scores of candidates given the middle
sentence. Results come back per source mention, pointing into the source and the final text.

The second leg retranslates a middle with its terms as tokens only where a term could not be
placed or a placeholder was lost, not where a term was put in by attention: the middle is
the first leg's repaired sentence, and retranslating it for those placed no more terms and
no case better (bench/terms.py zh-ru: 10 of 64 sentences, 0.10x a plain translation, Russian
case 0.607 without the pass, 0.584 with it, term accuracy and consistency 1.0 either way).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from toolkit.gcpause import gc_paused
from toolkit.glossary.match import Mention
from toolkit.glossary.model import Glossary, Term
from toolkit.terms.inflect import Hint
from toolkit.terms.model import Enforced, Requirement, TermResult
from toolkit.terms.targets import requirements

if TYPE_CHECKING:
    from toolkit.mt.translator import PivotTranslator


def _like(glossary: Glossary, concept_id: str, term: Term, lang: str) -> Term | None:
    """The concept's approved term in *lang* of the same type as *term* (a document's choice
    of a full form carried over to the middle language)."""
    concept = glossary.get(concept_id)
    return concept.preferred(lang, term.type) if concept is not None else None


def _middle_mentions(middle: Enforced, reqs: Sequence[Requirement]
                     ) -> list[tuple[int, Mention]]:
    """(source mention index, the mention of the same concept in the middle text), for every
    source mention the first leg rendered, in the middle text's order (overlaps dropped)."""
    found: list[tuple[int, Mention]] = []
    for i, (req, result) in enumerate(zip(reqs, middle.results, strict=True)):
        if not result.applied or result.target_start is None or result.target_end is None:
            continue
        term = req.mention.term if req.dnt else req.term
        if term is None:
            continue
        found.append((i, Mention(req.concept_id, term, term.lang, result.target_start,
                                 result.target_end, middle.text[result.target_start:
                                                                result.target_end])))
    found.sort(key=lambda f: (f[1].start, -f[1].end))
    kept: list[tuple[int, Mention]] = []
    for i, m in found:
        if not kept or m.start >= kept[-1][1].end:
            kept.append((i, m))
    return kept


def _hint(middle: Hint, source: Hint, first: TermResult) -> Hint | None:
    """The case hint of a mention in the middle sentence where the middle's words cannot be
    trusted to give it: the source's (None: keep the middle's). They cannot where no
    preposition or position in the middle tells the case, nor where the first leg placed the
    term by attention alone (put in after an aligned word, or over the words aligned to the
    mention): the words around it there are not the model's translation of the words around
    the mention."""
    if (_unsure(first) or middle[0] is None) and source[0] is not None:
        return source
    return None


def _unsure(first: TermResult) -> bool:
    """Whether the first leg placed a term by attention alone (:func:`_hint`)."""
    return first.how == "inserted" or first.found_by in ("alignment", "end")


def _combined(source: Mention, required: str | None, first: TermResult,
              second: TermResult | None) -> TermResult:
    """One result per source mention: where it ended up (second leg), and how it got there
    (the first leg's step when the second leg found the term already in the model's output,
    not when it wrote the term once for this mention and the one it is in apposition to)."""
    if second is None:
        return replace(first, required=required, how=None, target_start=None,
                       target_end=None, target=None, found_by=None, replaced=None,
                       reason=first.reason or "the model's rendering was not found",
                       code=first.code or "not-found")
    base = replace(second, concept_id=source.concept_id, source_start=source.start,
                   source_end=source.end, source=source.surface)
    if second.how == "n-best" and first.how not in (None, "n-best") and \
            second.found_by != "apposition":
        return replace(base, how=first.how, found_by=first.found_by, replaced=first.replaced)
    return base


def enforce_pivot(sources: Sequence[str], translator: PivotTranslator, glossary: Glossary,
                  mentions: Sequence[Sequence[Mention]], *, num_hypotheses: int,
                  term_tokens: bool, prefer: Mapping[tuple[int, int], Term] | None
                  ) -> list[Enforced]:
    """:func:`toolkit.terms.enforce` along a pivot: the glossary applied on each leg (see the
    module doc). *prefer* names target-language terms; the middle leg takes the middle
    language's term of the same type."""
    from toolkit.terms.enforce import enforce, mention_hints

    first, second = translator.first, translator.second
    middle_lang = first.target
    prefer = prefer or {}
    middle_prefer = {(k, i): like for (k, i), term in prefer.items()
                     if (like := _like(glossary, mentions[k][i].concept_id, term,
                                       middle_lang)) is not None}
    middles = enforce(sources, first, glossary, num_hypotheses=num_hypotheses,
                      mentions=mentions, term_tokens=term_tokens, prefer=middle_prefer)
    with gc_paused():  # as in enforce: the bookkeeping between the legs
        # what each source mention requires in the target (the document's choice included)
        target_reqs = [[Requirement(m, prefer[(k, i)]) if (k, i) in prefer else r
                        for i, (m, r) in enumerate(zip(found, requirements(
                            glossary, found, translator.target), strict=True))]
                       for k, found in enumerate(mentions)]
        pairs = [_middle_mentions(middle, requirements(glossary, found, middle_lang))
                 for middle, found in zip(middles, mentions, strict=True)]
        second_prefer = {(k, j): target_reqs[k][i].term
                         for k, found in enumerate(pairs) for j, (i, _m) in enumerate(found)
                         if target_reqs[k][i].term is not None and not target_reqs[k][i].dnt}
        hints = {}
        for k, found in enumerate(pairs):
            middle_hints = mention_hints(middles[k].text, requirements(
                glossary, [m for _i, m in found], middle_lang))
            # read only where the middle's words cannot be trusted
            source_hints: list[Hint] = []
            for j, (i, _m) in enumerate(found):
                if middle_hints[j][0] is not None and not _unsure(middles[k].results[i]):
                    continue
                source_hints = source_hints or mention_hints(sources[k], target_reqs[k])
                hint = _hint(middle_hints[j], source_hints[i], middles[k].results[i])
                if hint is not None:
                    hints[(k, j)] = hint
    finals = enforce([m.text for m in middles], second, glossary,
                     num_hypotheses=num_hypotheses, mentions=[[m for _i, m in found]
                                                              for found in pairs],
                     term_tokens=term_tokens, prefer=second_prefer,  # type: ignore[arg-type]
                     case_hints=hints, retry_inserted=False)
    out = []
    with gc_paused():
        for k, (source, middle, final) in enumerate(zip(sources, middles, finals, strict=True)):
            by_source = {i: final.results[j] for j, (i, _m) in enumerate(pairs[k])}
            results = tuple(_combined(req.mention, req.text, middle.results[i],
                                      by_source.get(i))
                            for i, req in enumerate(target_reqs[k]))
            out.append(Enforced(source, final.text, results, final.hypothesis_rank,
                                middle.text))
    return out
