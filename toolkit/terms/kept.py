"""What enforcement may not do: lose the model's own words around the terms it puts in."""

from __future__ import annotations

from collections import Counter

from toolkit.glossary.match import matcher_for
from toolkit.glossary.model import Glossary
from toolkit.terms.locate import content_words
from toolkit.terms.model import Enforced

#: How a replaced span was found where it is surely the term's rendering: a glossary term of
#: the concept, a run of words like the term, the model's own term put in its case.
_SURE = frozenset({"variant", "fuzzy", "case"})


def lost_words(plain: str, enforced: Enforced, lang: str, glossary: Glossary) -> list[str]:
    """Words of the model's *plain* translation (glossary off) that the *enforced* one lacks,
    but for the words of the glossary's terms in *plain* and those of renderings found
    surely (:data:`_SURE`), as :func:`~toolkit.terms.locate.content_words` keys.

    What attention alone found and enforcement replaced counts: an upper bound of the words
    a term swallowed (a garbled rendering, rightly replaced, counts too). Meaningful when
    *enforced* was edited from the same translation (:func:`same_translation`).
    """
    lost = Counter(content_words(plain, lang)) - Counter(content_words(enforced.text, lang))
    for mention in matcher_for(glossary, lang).find(plain, within_names=True):
        lost -= Counter(content_words(mention.surface, lang))
    for result in enforced.results:
        if result.found_by in _SURE:
            lost -= Counter(content_words(result.replaced or "", lang))
    return sorted(lost.elements())


def same_translation(enforced: Enforced, middle: str | None = None) -> bool:
    """Whether *enforced* was edited from the model's best translation of the plain source
    (no other hypothesis chosen, no term-as-token translation; on a pivot, from the *middle*
    sentence the plain translation went through: a middle the glossary changed is another
    sentence to the second model), so :func:`lost_words` compares like with like."""
    return enforced.hypothesis_rank == 0 and all(
        "token" not in (r.how, r.found_by) for r in enforced.results) and (
        middle is None or enforced.middle == middle)
