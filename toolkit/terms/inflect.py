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

from toolkit.glossary import ru
from toolkit.glossary.morph import CASES, inflect, observed_form

Scorer = Callable[[Sequence[str]], Sequence[float]]
"""Scores candidate target sentences (higher is better)."""
Hint = tuple[str | None, str | None]
"""(the case a mention's place takes, the Russian preposition that renders the source's own),
each None when unknown: see :func:`source_preposition`."""

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


#: The Russian case a source-language preposition before a mention usually asks for, and the
#: Russian preposition that renders it where one does (None: the case alone, ``of X`` ->
#: genitive). The hint is used when nothing in the Russian sentence decides (en: the word
#: before; zh: the character before, or 的 after); the preposition when a term the model
#: dropped is put back.
SOURCE_CASE_HINTS: dict[str, dict[str, tuple[str, str | None]]] = {
    "en": {"with": ("ablt", "с"), "by": ("ablt", None), "between": ("ablt", "между"),
           "of": ("gent", None), "for": ("gent", "для"), "from": ("gent", None),
           "without": ("gent", "без"), "in": ("loct", "в"), "at": ("loct", None),
           "on": ("loct", None), "about": ("loct", "о"), "to": ("datv", None),
           "towards": ("datv", "к")},
    "zh": {"与": ("ablt", "с"), "和": ("ablt", None), "同": ("ablt", "с"), "跟": ("ablt", "с"),
           "在": ("loct", "в"), "于": ("loct", None), "为": ("gent", "для"), "从": ("gent", None),
           "给": ("datv", None), "向": ("datv", None), "对": ("datv", None)},
}
#: English verbs of motion (stems): ``arrived in X`` is ``прибыл в X`` (accusative).
_EN_MOTION = re.compile(r"\b(?:arriv|came|come|go|went|travel|mov|return|flew|fly|flie|"
                        r"invit|brought|bring|admit)\w*\s+(?:in|to|into)\s*$", re.I)
_EN_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
#: Coordinations: a mention after another joined by one of these takes the other's case.
_AND = re.compile(r"\s*(?:and|or|и|или|和|与|及|、|,)\s*", re.I)


def source_preposition(source: str, start: int, end: int, lang: str) -> Hint:
    """(case the source suggests for the mention at ``source[start:end]``, the Russian
    preposition that renders its own), each None when the source does not tell.

    A mention opening the sentence is its subject (nominative); otherwise the preposition
    before it (:data:`SOURCE_CASE_HINTS`; after a verb of motion ``in``/``to`` is
    ``в`` + accusative); in Chinese a 的 right after it marks a possessor (genitive), at the
    start of the sentence too (``X的校长``: ``ректор X``).
    """
    before = source[:start]
    if lang == "en":
        before = re.sub(r"\bthe\s*$", "", before, flags=re.I)
    hints = SOURCE_CASE_HINTS.get(lang, {})
    if lang == "zh":
        after = source[end:end + 1]
        if before.rstrip()[-1:] == "在" and not (after == "的" and "下" in source[end:end + 8]):
            return hints["在"]  # 在X的工作: в X; but 在X的支持下: при поддержке X
        if after == "的":  # X的代表 opening the sentence is a possessor too, not its subject
            return "gent", None
    if not re.search(r"\w", before):
        return "nomn", None
    if lang == "zh":
        return hints.get(before.rstrip()[-1:], (None, None))
    if lang == "en" and _EN_MOTION.search(before):
        return "accs", "в"
    found = _EN_WORD_BEFORE.search(before)
    return hints.get(found.group(1).lower(), (None, None)) if found else (None, None)


def source_case_hint(source: str, start: int, end: int, lang: str) -> str | None:
    """The case the source suggests for a mention at ``source[start:end]`` (None: no hint);
    see :func:`source_preposition`."""
    return source_preposition(source, start, end, lang)[0]


def coordinated(between: str) -> bool:
    """Whether the source text *between* two mentions joins them (``X and Y``), so the
    second takes the first's case."""
    return bool(_AND.fullmatch(between))


def with_preposition(preposition: str, word: str) -> str:
    """*preposition* in the form it takes before *word* (``во Владивостоке``, ``со СПбПУ``,
    ``об альянсе``)."""
    first, second = word[:1].lower(), word[1:2].lower()
    consonant = second.isalpha() and second not in "аеёиоуыэюя"
    if preposition == "в" and first in "вф" and consonant:
        return "во"
    if preposition == "с" and first in "сзшжщ" and consonant:
        return "со"
    if preposition == "о" and first in "аиоуэ":
        return "об"
    return preposition


#: Russian words of motion or direction (lemmas) after which ``в``/``на`` take the accusative.
_MOTION = frozenset({
    "прибыть", "прибывать", "приехать", "приезжать", "прилететь", "прилетать", "поехать",
    "ехать", "лететь", "полететь", "отправиться", "отправляться", "направиться", "вернуться",
    "возвращаться", "переехать", "прийти", "приходить", "войти", "въехать", "поступить",
    "пригласить", "приглашать", "отправить", "направить", "направлять", "перейти", "визит",
    "поездка", "приглашение", "регистрация", "заявка",
})


def preposition_cases(before: str) -> tuple[str, ...] | None:
    """The cases the target text *before* a place leaves it when they are sure: the
    nominative at the start of the sentence, or what the preposition right before governs
    (``в``/``на`` after a word of motion: the accusative); None otherwise."""
    if not re.search(r"\w", before):
        return ("nomn",)  # a noun phrase opening the sentence is its subject
    found = _LAST_WORD.search(before)
    if not found:
        return None
    word = found.group(1).lower()
    if word not in PREPOSITION_CASES:
        return None
    if word in ("в", "во", "на"):
        previous = _LAST_WORD.search(before[:found.start()])
        lemma = previous.group(1).lower() if previous else ""
        if lemma and ru.known(lemma) and any(
                p.normal_form in _MOTION for p in ru.parses(lemma)[:2]):
            return ("accs",)
    return PREPOSITION_CASES[word]


def governed_cases(before: str) -> tuple[str, ...]:
    """The cases a term may take after *before*, most likely first.

    What :func:`preposition_cases` is sure of; else after an inanimate noun the genitive
    (``соглашение мэрии``), after an animate one also its own case (apposition, ``ректором
    Андреем Рудским``); otherwise any.
    """
    sure = preposition_cases(before)
    if sure is not None:
        return sure
    found = _LAST_WORD.search(before)
    if not found:
        return CASES
    word = found.group(1).lower()
    parses = ru.parses(word) if ru.known(word) else ()
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
    taken unless a preposition right before the place (or the start of the sentence) rules it
    out: a source preposition is surer than the guess that a noun before governs the genitive;
    *sentence(form)* builds the target sentence with *form* inserted, for *score*.
    """
    sure = preposition_cases(before)
    allowed = sure or governed_cases(before)
    if rendering:
        observed = observed_form(rendering)
        if observed is not None and observed[0] in allowed:
            return inflect(term, *observed), "observed"
    if hint is not None and (hint in sure if sure else hint in CASES):
        return inflect(term, hint), "source"
    candidates = forms(term, allowed)
    if len(candidates) == 1:
        return candidates[0], "as-is" if candidates[0] == term else "governed"
    if score is None:
        return candidates[0], "governed"
    scores = score([sentence(c) for c in candidates])
    best = max(range(len(candidates)), key=lambda i: scores[i])
    return candidates[best], "scored"
