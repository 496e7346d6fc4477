"""The grammatical form of a term inserted into a Russian sentence.

The model's own rendering tells the case and number when it has a declinable noun
(``Институтом промышленных технологий`` -> instrumental). Otherwise the case forms of the term
are put into the sentence and the translator scores them; the best one wins. A preposition
right before the place narrows the candidates to the cases it governs (``в`` -> prepositional
or accusative, ``с`` -> instrumental or genitive). Indeclinable parts (acronyms, ``Цзянсу``,
Latin-script names) stay as written (:func:`toolkit.glossary.morph.inflect` leaves what it does
not know).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from toolkit.glossary.morph import CASES, inflect, observed_form
from toolkit.glossary.ru import analyzer


def word_is_known(word: str) -> bool:
    return bool(analyzer().word_is_known(word))

Scorer = Callable[[Sequence[str]], Sequence[float]]
"""Scores candidate target sentences (higher is better)."""

#: The cases each common Russian preposition governs (a fact of the grammar, not of a model).
PREPOSITION_CASES: dict[str, tuple[str, ...]] = {
    "в": ("loct", "accs"), "во": ("loct", "accs"), "на": ("loct", "accs"),
    "о": ("loct",), "об": ("loct",), "обо": ("loct",), "при": ("loct",),
    # "с" + genitive ("from": с сайта) hardly ever takes a named entity
    "с": ("ablt",), "со": ("ablt",), "между": ("ablt",), "над": ("ablt",),
    "под": ("ablt", "accs"), "перед": ("ablt",), "за": ("ablt", "accs"),
    "к": ("datv",), "ко": ("datv",), "по": ("datv",), "благодаря": ("datv",),
    "для": ("gent",), "из": ("gent",), "от": ("gent",), "до": ("gent",), "у": ("gent",),
    "без": ("gent",), "около": ("gent",), "после": ("gent",), "против": ("gent",),
    "среди": ("gent",), "вокруг": ("gent",), "кроме": ("gent",), "из-за": ("gent",),
    "через": ("accs",), "про": ("accs",),
}
_LAST_WORD = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)?)\s*$")


#: The Russian case a source-language preposition before a mention usually asks for: the hint
#: used when nothing in the Russian sentence decides (en: the word before; zh: the character
#: before, or 的 after).
SOURCE_CASE_HINTS: dict[str, dict[str, str]] = {
    "en": {"with": "ablt", "by": "ablt", "between": "ablt", "of": "gent", "for": "gent",
           "from": "gent", "without": "gent", "in": "loct", "at": "loct", "on": "loct",
           "about": "loct", "to": "datv", "towards": "datv"},
    "zh": {"与": "ablt", "和": "ablt", "同": "ablt", "跟": "ablt", "在": "loct", "于": "loct",
           "为": "gent", "从": "gent", "给": "datv", "向": "datv", "对": "datv"},
}
_EN_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


def source_case_hint(source: str, start: int, end: int, lang: str) -> str | None:
    """The case the source suggests for a mention at ``source[start:end]`` (None: no hint).

    A mention opening the sentence is its subject (nominative); otherwise the preposition
    before it (:data:`SOURCE_CASE_HINTS`); in Chinese a 的 right after it marks a possessor
    (genitive).
    """
    before = source[:start]
    if lang == "en":
        before = re.sub(r"\bthe\s*$", "", before, flags=re.I)
    if not re.search(r"\w", before):
        return "nomn"
    hints = SOURCE_CASE_HINTS.get(lang, {})
    if lang == "zh":
        if source[end:end + 1] == "的":
            return "gent"
        return hints.get(before.rstrip()[-1:])
    found = _EN_WORD_BEFORE.search(before)
    return hints.get(found.group(1).lower()) if found else None


def governed_cases(before: str) -> tuple[str, ...]:
    """The cases a term may take after *before*, most likely first.

    At the start of the sentence: the nominative. After a preposition: the cases it governs.
    After an inanimate noun: the genitive (``соглашение мэрии``); after an animate one also its
    own case (apposition, ``ректором Андреем Рудским``). Otherwise any.
    """
    if not re.search(r"\w", before):
        return ("nomn",)  # a noun phrase opening the sentence is its subject
    found = _LAST_WORD.search(before)
    if not found:
        return CASES
    word = found.group(1).lower()
    if word in PREPOSITION_CASES:
        return PREPOSITION_CASES[word]
    parses = analyzer().parse(word) if word_is_known(word) else []
    if parses and parses[0].tag.POS == "NOUN" and parses[0].tag.case:
        if parses[0].tag.animacy != "anim":
            return ("gent",)
        return tuple(dict.fromkeys(("gent", parses[0].tag.case)))
    return CASES


def forms(term: str, cases: Sequence[str] = CASES) -> list[str]:
    """The distinct singular forms of *term* in *cases*, in that order."""
    return list(dict.fromkeys(inflect(term, case) for case in cases))


def misplaced_case(surface: str, before: str) -> bool:
    """Whether a term written as *surface* after *before* is in a case its place cannot take
    (``пройдёт в Санкт-Петербургский университет`` is, ``соглашение с СПбПУ`` cannot tell)."""
    allowed = governed_cases(before)
    if allowed == CASES:
        return False
    observed = observed_form(surface)
    return observed is not None and observed[0] not in allowed and not (
        # nominative and accusative look alike for inanimate nouns
        observed[0] in ("nomn", "accs") and {"nomn", "accs"} & set(allowed))


def choose_form(term: str, rendering: str | None, sentence: Callable[[str], str],
                score: Scorer | None, before: str = "", hint: str | None = None
                ) -> tuple[str, str]:
    """(form of *term* to insert, how it was chosen: ``observed``, ``governed``, ``source``,
    ``scored`` or ``as-is``).

    *rendering* is what the model wrote in its place (None if nothing); *before* the target
    text before the place; *hint* the case the source suggests (:func:`source_case_hint`),
    taken when the Russian context leaves more than one case open; *sentence(form)* builds the
    target sentence with *form* inserted, for *score*.
    """
    allowed = governed_cases(before)
    if rendering:
        observed = observed_form(rendering)
        if observed is not None and observed[0] in allowed:
            return inflect(term, *observed), "observed"
    if hint is not None and (hint in allowed) and (allowed == CASES or len(allowed) > 1):
        return inflect(term, hint), "source"
    candidates = forms(term, allowed)
    if len(candidates) == 1:
        return candidates[0], "as-is" if candidates[0] == term else "governed"
    if score is None:
        return candidates[0], "governed"
    scores = score([sentence(c) for c in candidates])
    best = max(range(len(candidates)), key=lambda i: scores[i])
    return candidates[best], "scored"
