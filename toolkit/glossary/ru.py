"""Russian word normalisation for term matching: lemmas, case-ending stems, acronyms.

Three kinds of token, three ways to reduce a form to something every inflected form shares:

- a word pymorphy3 knows (``университета``, ``Нанкине``): its lemmas (``университет``,
  ``нанкин``); a form may have several, the matcher picks the one its glossary uses;
- an acronym (``СПбПУ``, ``МИДа``, ``РКИА``): the capitals, with a trailing case ending cut off;
- a word pymorphy3 only guesses (``Цзянсу``, ``Рудского``, ``Ингрии``): a stem, the word
  with its longest case ending removed, so ``Рудской``/``Рудского``/``Рудскому`` agree; a
  glossary word also keeps its whole form as a key, since ``Росатом`` strips to ``росат`` but
  ``Росатома`` to ``росатом``.

Parses are cached per word, so a long text costs one pymorphy3 call per distinct word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: Case endings of nouns and adjectives (ё folded to е), tried longest first.
ENDINGS = tuple(sorted({
    "ого", "его", "ому", "ему", "ыми", "ими", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий",
    "ой", "ей", "ую", "юю", "ом", "ем", "ым", "им", "ых", "их",
    "иями", "ями", "ами", "ией", "ием", "иям", "иях", "ям", "ам", "ях", "ах", "ов", "ев",
    "ьи", "ью", "ья", "ия", "ии", "ию", "а", "я", "о", "е", "у", "ю", "ы", "и", "ь", "й",
}, key=len, reverse=True))
#: Endings Russian writers attach to acronyms read as words (МИДа, вузом).
ACRONYM_ENDINGS = frozenset({"а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах", "ой", "и", "ю",
                             "ем", "я", "ев", "ям", "ях", "ями"})
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_ACRONYM = re.compile(r"([А-ЯЁ][А-ЯЁа-яё]*?[А-ЯЁ])(?:-?([а-яё]{1,3}))?")
MIN_STEM = 2


def fold(text: str) -> str:
    """Lowercase and fold ё to е (Russian print often drops the dots)."""
    return text.lower().replace("ё", "е")


def has_cyrillic(token: str) -> bool:
    """Whether *token* has a Cyrillic letter."""
    return bool(_CYRILLIC.search(token))


def acronym_base(token: str) -> str | None:
    """``СПбПУ`` -> ``СПбПУ``, ``МИДа`` -> ``МИД``; None when *token* is not an acronym.

    An acronym has at least two capitals and, unless it mixes cases (СПбПУ), at most six
    letters: a whole word in capitals (a headline) is not an acronym.
    """
    match = _ACRONYM.fullmatch(token)
    if not match:
        return None
    base, ending = match.group(1), match.group(2)
    if sum(1 for c in base if c.isupper()) < 2:
        return None
    if base.isupper() and len(base) > 6:
        return None
    if ending and ending not in ACRONYM_ENDINGS:
        return None
    return base


def stem(word: str) -> str:
    """*word* folded, with its longest case ending removed (at least two letters kept)."""
    folded = fold(word)
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            return folded[: -len(ending)]
    return folded


#: Endings of a Russian adjective (нанкинский, нанкинского, нанкинской ...), ё folded.
_ADJECTIVE_ENDING = "(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими|ым|ыми|ые|ых)"


def relative_adjective_in(name: str, text: str) -> bool:
    """Whether *text* has the relative adjective of the one-word place name *name*
    (Нанкин -> нанкинского, Харбин -> харбинский, Казань -> казанской, Томск -> томская).

    English puts a city before a noun as it is ("Nanjing University", "the Harbin office");
    Russian makes it an adjective ("Нанкинский университет"), which renders the city as well
    as its noun would."""
    folded = fold(name.strip())
    if not folded or not folded.isalpha() or not has_cyrillic(folded):
        return False
    base = folded[:-1] if folded.endswith("ь") else folded
    prefix = base if base.endswith("ск") else base + "ск"
    return re.search(rf"(?<![а-яё]){re.escape(prefix)}{_ADJECTIVE_ENDING}(?![а-яё])",
                     fold(text)) is not None


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The pymorphy3 analyzer (loaded once; loading takes a fraction of a second)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=500_000)
@lru_cache(maxsize=65536)
def parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's parses of *word* (lowercased), best first; cached per word, since a
    document repeats its words and enforcement asks about the same terms again and again."""
    return tuple(analyzer().parse(word.lower()))


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """Folded lemmas of a lowercase *word* in parse-score order; empty when pymorphy3 does
    not know the word (its guesses for names and foreign words are unreliable)."""
    morph = analyzer()
    if not morph.word_is_known(word):
        return ()
    return tuple(dict.fromkeys(fold(p.normal_form) for p in morph.parse(word)))


def known(word: str) -> bool:
    """Whether pymorphy3 knows *word* (rather than guessing its forms)."""
    return bool(lemmas(word.lower()))


def token_keys(token: str) -> tuple[str, ...]:
    """Every key a glossary token may reduce to (all its lemmas, or its acronym/stem)."""
    if not has_cyrillic(token):
        return (token.lower(),)
    base = acronym_base(token)
    if base is not None:
        return (fold(base),)
    word = token.lower()
    # an unknown nominative may end in letters that look like an ending (Росатом -> росат),
    # while its oblique forms strip to the whole word (Росатома -> росатом): register both
    return lemmas(word) or tuple(dict.fromkeys((stem(word), fold(word))))


def prefix(key: str) -> str:
    """The first three letters: inflected forms share them with their lemma (Пётр/Петра)."""
    return key[:3]
