"""Writing systems: the one copy of the CJK, Cyrillic and Latin character ranges.

Why one module: the segmenter, the translation engine's output tidying, the typography
checks, the glossary CLI and the language guess all ask "is this Chinese?" or "which script
is this text in?". With a copy each they disagreed (the glossary CLI called a Russian line
with a long URL English, the segmenter called it Russian). Every range is a string fit for a
regular expression character class (``f"[{HAN}]"``).
"""

from __future__ import annotations

import re
from functools import cache

from toolkit.i18n import Message

__all__ = [
    "HAN",
    "KANA",
    "HANGUL",
    "CJK_LETTERS",
    "CJK_PUNCTUATION",
    "CJK",
    "CJK_START",
    "CYRILLIC",
    "LATIN",
    "SCRIPT_NAMES",
    "is_cjk",
    "han_count",
    "script_counts",
    "detect_language",
    "contradicts",
]

HAN = "\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Han ideographs: radicals, the unified blocks and extensions, compatibility ideographs."""
KANA = "\u3040-\u30ff"
HANGUL = "\uac00-\ud7af"
CJK_LETTERS = HAN + KANA + HANGUL
"""Letters of a CJK script (what a Chinese sentence is written in)."""
CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
"""CJK symbols and punctuation (``。「」、``) and full-width forms (``，！：（）｟｠``)."""
CJK = CJK_LETTERS + CJK_PUNCTUATION
"""Everything written the CJK way: letters and full-width punctuation (no spaces around)."""
CJK_START = min(CJK.replace("-", ""))
"""The first character of the CJK ranges (U+2E80): a text whose characters all come before
it holds nothing CJK."""
CYRILLIC = "\u0400-\u04ff"
LATIN = "A-Za-z\u00c0-\u024f"
SCRIPT_NAMES = {"zh": Message("Chinese characters"), "ru": Message("Cyrillic"),
                "en": Message("Latin letters")}
"""The script each language's letters are counted in (for messages)."""


@cache
def _letters(chars: str) -> re.Pattern[str]:
    """The character class of *chars*, compiled on first use: the Han ranges take
    milliseconds to compile, and most commands (``toolkit check``) never ask."""
    return re.compile(f"[{chars}]")


def han_count(text: str) -> int:
    """How many Han ideographs *text* has (the same compiled class as the script counts)."""
    return len(_letters(HAN).findall(text))


def is_cjk(char: str) -> bool:
    """Is *char* a CJK letter (Han, kana, hangul)? Punctuation is not."""
    return _letters(CJK_LETTERS).match(char) is not None


@cache
def _noise() -> re.Pattern[str]:
    from toolkit.text import patterns

    # What is no evidence of a language: front matter, URLs, e-mails, protection tokens, code,
    # link destinations, markup, entities and placeholders.
    return re.compile(
        r"\A(?:---|\+\+\+)\r?\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)"
        f"|{patterns.URL}|{patterns.EMAIL}|{patterns.TOKEN}"
        rf"|```.*?(?:```|$)|{patterns.CODE_SPAN}|\]\([^)\s]*\)|<[^<>\n]*>|&#?\w+;"
        r"|\{[^{}\s]*\}|%(?:\([^)]*\))?[-+ #0]*\d*(?:\.\d+)?[sdifr%]",
        re.S,
    )


def script_counts(text: str) -> dict[str, int]:
    """Letters of each language's script in *text*, ignoring URLs, e-mails, code and markup.

    A Han character counts as three letters (one Han character carries about a word).
    """
    clean = _noise().sub(" ", text)
    return {
        "zh": 3 * len(_letters(HAN).findall(clean)),
        "ru": len(_letters(CYRILLIC).findall(clean)),
        "en": len(_letters(LATIN).findall(clean)),
    }


def detect_language(text: str) -> str:
    """en, ru or zh: the language whose script has the most letters; ``"en"`` when none."""
    scores = script_counts(text)
    best = max(scores, key=lambda k: (scores[k], k == "en"))
    return best if scores[best] else "en"


def contradicts(text: str, lang: str) -> str | None:
    """The language *text* is evidently written in when its script is not *lang*'s, else None.

    Evidence means *lang*'s script has under a fifth of the letters (Han weighted as in
    :func:`script_counts`): a Russian sentence full of English names is still Russian, a
    text with no letters contradicts nothing.
    """
    scores = script_counts(text)
    total = sum(scores.values())
    best = detect_language(text)
    if not total or best == lang or 5 * scores.get(lang, 0) >= total:
        return None
    return best
