"""Numbers a translation must keep, compared by value; dates compared as dates.

Shared by ``toolkit check`` (TK105) and the translation pipeline's verify step, so both agree:
``1,000`` = ``1 000`` = ``1000``; ``24.06.2026`` = ``2026年6月24日``; a small number may be
spelled as a word in the translation ("2" -> "две", "两").
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from toolkit.i18n import Message
from toolkit.text.dates import find_dates
from toolkit.text.placeholders import strip_protected

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3}(?!\d))*(?P<fraction>[.,]\d+)?")
_DIGIT = re.compile(r"\d")
# \d\d*, not \d+ (the same runs): a pattern starting with a repeat gives re's search no first
# character to skip to, so it tried the pattern at every character (half the time)
_DIGITS = re.compile(r"\d\d*")
_CHAR_REF = re.compile(r"&#(?:\d+|[xX][0-9a-fA-F]+);")
# what a translator writes for a character reference, broken ones too (&8212;, &#x2014)
_REFERENCE_LIKE = re.compile(r"&#?\w+;?")
#: ASCII, full-width, Arabic-Indic, Persian and Devanagari digits (a cheap pre-filter).
DIGIT_CHARS = "0123456789０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९"
_SMALL_WORDS = {
    "zh": "零〇一二两三四五六七八九十百千万",
    "ru": ("ноль нуль один одна одно одного одной одну первый два две двух три трёх трех "
           "четыре четырёх пять шесть семь восемь девять десять сто тысяча "
           # compounds: четырёхстолбцовый (4 column), двухэтажный, пятиминутный
           r"одно\w+ двух\w+ трёх\w+ трех\w+ четырёх\w+ четырех\w+ пяти\w+ шести\w+ "
           r"семи\w+ восьми\w+ девяти\w+ десяти\w+"),
    "en": "zero one two three four five six seven eight nine ten once twice",
}


def _ascii_digits(run: str) -> str:
    """Digits of *run* in ASCII (Bengali ৮, Persian ۸, Devanagari ८ ... -> 8)."""
    return "".join(str(unicodedata.decimal(c, "")) for c in run if c.isdecimal())


def _value(m: re.Match[str]) -> str:
    """A number's digits in ASCII, its decimal part after a ``.`` (``1 250,75`` and
    ``1,250.75`` -> ``1250.75``): 12.5 is not 125."""
    fraction = m.group("fraction")
    if not fraction:
        return _ascii_digits(m.group())
    return f"{_ascii_digits(m.group()[:m.start('fraction') - m.start()])}.{_ascii_digits(fraction)}"


def numbers_in(text: str, formats: Iterable[str] | None = None) -> Counter[str]:
    """The numbers of *text* (outside placeholders, URLs, markup and numeric character
    references such as ``I&#39;m``) as ASCII digit strings, a decimal part after a ``.``;
    *formats*: PO flags that name the placeholder syntax (``qt-format``: ``%1`` is none)."""
    text = strip_protected(text, formats)
    if "&#" in text:
        text = _CHAR_REF.sub(" ", text)
    return Counter(_value(m) for m in _NUMBER.finditer(text))


def _without(text: str, spans: list) -> str:
    """*text* with the given spans blanked out (offsets of the rest kept)."""
    for span in reversed(spans):
        text = text[:span.start] + " " * (span.end - span.start) + text[span.end:]
    return text


def _has_word(low: str, words: str, lang: str | None) -> bool:
    if lang == "zh":
        return any(ch in low for ch in words)
    return any(re.search(rf"\b{w}\b", low) for w in words.split())


#: Words that multiply the number before them: Chinese counts in 万 (10^4) and 亿 (10^8),
#: English and Russian in thousands, millions and billions (1500万 = 15 million = 15 млн).
_SCALES = (("万", 4), ("萬", 4), ("亿", 8), ("億", 8), ("thousand", 3), ("million", 6),
           ("billion", 9), ("тыс", 3), ("млн", 6), ("млрд", 9), ("миллиард", 9),
           ("миллион", 6), ("тысяч", 3))
_SCALE = re.compile(r"[\u00a0 ]?(" + "|".join(w for w, _e in _SCALES) + ")", re.I)
_EXPONENT = {w: e for w, e in _SCALES}


def _scaled(text: str) -> dict[str, str]:
    """Each number of *text* followed by a scale word -> its value written out
    (``1500万`` and ``15 million`` -> ``15000000``; ``12.5 млн`` -> ``12500000``)."""
    out = {}
    for m in _NUMBER.finditer(text):
        scale = _SCALE.match(text, m.end())
        if scale is None:
            continue
        whole, _dot, fraction = _value(m).partition(".")
        digits = whole + fraction
        zeros = _EXPONENT[scale.group(1).lower()] - len(fraction)
        if zeros >= 0:
            out[_value(m)] = (digits + "0" * zeros).lstrip("0") or "0"
    return out


def missing_numbers(source: str, translation: str, lang: str | None = None,
                    formats: Iterable[str] | None = None) -> list[Message]:
    """What of the source's numbers and dates the translation lacks, as ``number 250`` /
    ``date 24.06.2026``; *lang* (the translation's en/ru/zh) lets small numbers be words;
    *formats* as :func:`numbers_in`."""
    if _DIGIT.search(source) is None:
        return []
    lost_refs = _lost_character_references(source, translation)
    have_runs = Counter(_DIGITS.findall(translation))
    if all(have_runs[k] >= n for k, n in Counter(_DIGITS.findall(source)).items()):
        return lost_refs  # every digit run of the source is in the translation
    src_dates, tgt_dates = find_dates(source), find_dates(translation)
    have_dates = {d.date for d in tgt_dates}
    lost = [Message("date {date}", date=source[d.start:d.end])
            for d in src_dates if d.date not in have_dates]
    have = numbers_in(_without(translation, tgt_dates), formats)
    missing = [n for n in numbers_in(_without(source, src_dates), formats) if n not in have]
    if missing:  # 1500万 is 15 million: compared written out where a scale word follows
        src_scaled, tgt_scaled = (_scaled(strip_protected(source, formats)),
                                  _scaled(strip_protected(translation, formats)))
        written = set(have) | set(tgt_scaled.values())
        missing = [n for n in missing if n not in written and src_scaled.get(n) not in written]
    words = _SMALL_WORDS.get(lang or "", "")
    if missing and words:
        low = translation.lower()
        missing = [n for n in missing
                   if not (len(n) <= 2 and int(n) <= 10 and _has_word(low, words, lang))]
    return [*lost_refs, *lost, *(Message("number {number}", number=n) for n in missing)]


def _lost_character_references(source: str, translation: str) -> list[Message]:
    """The source's numeric character references (``&#8212;``) that the translation replaced
    by a reference to a character the source does not have (``&#6212;``, mistyped) or by a
    broken one (``&8212;``): lost text whose digits are no number the translation could write
    another way. A reference written as its character (or a named reference to it) is kept;
    one simply left out with its character (``I&#39;m`` -> ``я``) is the translator's choice."""
    if "&#" not in source or "&" not in translation:
        return []
    have = html.unescape(translation)
    lost = [ref for ref in dict.fromkeys(_CHAR_REF.findall(source))
            if html.unescape(ref) not in have]
    if not lost:
        return []
    chars = html.unescape(source)
    if all(html.unescape(ref) in chars for ref in _REFERENCE_LIKE.findall(translation)):
        return []
    return [Message("character reference {reference} ({character})", reference=ref,
                    character=html.unescape(ref)) for ref in lost]
