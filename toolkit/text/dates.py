"""Dates: found in the source, written back in the target language's convention.

MT models, small ones above all, garble digits ("12.03.2027" -> "12.07.2027", "12 марта 2026
г." -> "20 March 2021"). A date is therefore protected like a URL, and restored already
rendered for the target language: ``24.06.2026`` (ru/en press style) <-> ``2026年6月24日``
(zh); a date with the month in words, as datelines write it (``12 марта 2026 г.``, ``5 May
2026``, ``May 5, 2026``), comes back in words in the target language (``12 March 2026``,
``5 мая 2026 года``, ``2026年5月5日``). English output gets the month in words whatever the
source wrote (``24.06.2026`` -> ``24 June 2026``): a day.month date reads as month.day to many
English readers (01.09.2026), and a new user's zh->en trial got "14.05.2026" for 2026年5月14日.
ISO dates (2026-06-24) are left to the generic protection and copied as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from toolkit.text.ends import CLOSERS

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
#: the genitive, as a date writes the month (12 марта)
RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря")
_EN_NAME = {**{m.lower(): n for n, m in enumerate(EN_MONTHS, 1)},
            **{m[:3].lower(): n for n, m in enumerate(EN_MONTHS, 1)}, "sept": 9}
_EN = "|".join(sorted(_EN_NAME, key=len, reverse=True))
_RU_NAME = {m: n for n, m in enumerate(RU_MONTHS, 1)}
_RU = "|".join(RU_MONTHS)
#: a date's words are apart by any space, a no-break one too: a page writes a dateline
#: ``12&nbsp;March&nbsp;2026`` so that it never breaks across lines
_EN_DMY = re.compile(rf"(?<![\w.])(\d{{1,2}})\s+({_EN})\.?\s+(\d{{4}})(?!\d)", re.I)
_EN_MDY = re.compile(rf"(?<![\w.])({_EN})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.I)
_RU_DMY = re.compile(rf"(?<![\w.])(\d{{1,2}})\s+({_RU})\s+(\d{{4}})(?!\d)"
                     rf"(?:\s?(?:г(?:\.|(?!\w))|года(?!\w)|год(?!\w)))?", re.I)
_DOTTED = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d]|\.\d)")
_CHINESE = re.compile(r"(?<![A-Za-z0-9_.])(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
#: Each date form: its pattern, the groups of (day, month, year), and the month names (None:
#: the month is a number).
_FORMS: tuple[tuple[re.Pattern[str], tuple[int, int, int], dict[str, int] | None], ...] = (
    (_DOTTED, (1, 2, 3), None), (_CHINESE, (3, 2, 1), None), (_EN_DMY, (1, 2, 3), _EN_NAME),
    (_EN_MDY, (2, 1, 3), _EN_NAME), (_RU_DMY, (1, 2, 3), _RU_NAME))


@dataclass(frozen=True)
class DateSpan:
    """A date written in *text[start:end]*."""

    start: int
    end: int
    date: dt.date
    words: bool = False
    """Is the month written in words (``12 марта 2026 г.``)?"""


def find_dates(text: str, *, sentence: bool = True) -> list[DateSpan]:
    """Valid day.month.year, 年月日 and day-month-in-words-year dates in *text*, in order
    (impossible dates skipped).

    In a *sentence*, the point of ``2026 г.`` that ends it (nothing but closing quotes
    after it) is also its full stop: it stays out of the span, so a sentence whose date is
    protected keeps its stop (``Иркутск, 14 мая 2026 г.`` -> ``Irkutsk, 14 May 2026.``,
    not a sentence that runs into the next one)."""
    found: list[DateSpan] = []
    for pattern, (d, mo, y), names in _FORMS:
        for m in pattern.finditer(text):
            month = int(m.group(mo)) if names is None else names[m.group(mo).lower()]
            try:
                date = dt.date(int(m.group(y)), month, int(m.group(d)))
            except ValueError:
                continue
            end = m.end()
            if sentence and m.group().endswith(".") and not text[end:].strip().strip(CLOSERS):
                end -= 1
            found.append(DateSpan(m.start(), end, date, words=names is not None))
    return sorted(found, key=lambda d: d.start)


def render_words(date: dt.date, lang: str) -> str:
    """The date with its month in words, as a dateline in *lang* writes it."""
    if lang == "zh":
        return render_date(date, "zh")
    if lang == "ru":
        return f"{date.day} {RU_MONTHS[date.month - 1]} {date.year} года"
    return f"{date.day} {EN_MONTHS[date.month - 1]} {date.year}"


def render_date(date: dt.date, lang: str) -> str:
    """The date as a press release in *lang* writes it (English: unambiguous, in words)."""
    if lang == "zh":
        return f"{date.year}年{date.month}月{date.day}日"
    if lang == "en":
        return render_words(date, "en")
    return f"{date.day:02d}.{date.month:02d}.{date.year}"


def localize_date(text: str, source_lang: str, target_lang: str) -> str:
    """*text*, if it is exactly one date, written the target's way when the convention changes
    (zh <-> en/ru, a numeric date into English, or a month in words in another language);
    anything else, and same-convention pairs, unchanged."""
    dates = find_dates(text, sentence=False)
    if len(dates) != 1 or (dates[0].start, dates[0].end) != (0, len(text)):
        return text
    if dates[0].words:  # in words: in the target's words (12 марта 2026 г. -> 12 March 2026)
        return text if source_lang == target_lang else render_words(dates[0].date,
                                                                   target_lang)
    if source_lang == target_lang or (target_lang != "en"
                                      and (source_lang == "zh") == (target_lang == "zh")):
        return text
    return render_date(dates[0].date, target_lang)
