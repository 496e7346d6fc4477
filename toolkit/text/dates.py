"""Numeric dates: found in the source, written back in the target language's convention.

MT models, small ones above all, garble digits ("12.03.2027" -> "12.07.2027"). A date is
therefore protected like a URL, and restored already rendered for the target language:
``24.06.2026`` (ru/en press style) <-> ``2026年6月24日`` (zh). ISO dates (2026-06-24) are left
to the generic protection and copied as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DOTTED = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d]|\.\d)")
_CHINESE = re.compile(r"(?<![A-Za-z0-9_.])(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


@dataclass(frozen=True)
class DateSpan:
    """A date written in *text[start:end]*."""

    start: int
    end: int
    date: dt.date


def find_dates(text: str) -> list[DateSpan]:
    """Valid day.month.year and 年月日 dates in *text*, in order (impossible dates skipped)."""
    found: list[DateSpan] = []
    for pattern, order in ((_DOTTED, (3, 2, 1)), (_CHINESE, (1, 2, 3))):
        for m in pattern.finditer(text):
            year, month, day = (int(m.group(i)) for i in order)
            try:
                found.append(DateSpan(m.start(), m.end(), dt.date(year, month, day)))
            except ValueError:
                continue
    return sorted(found, key=lambda d: d.start)


def render_date(date: dt.date, lang: str) -> str:
    """The date as a press release in *lang* writes it."""
    if lang == "zh":
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day:02d}.{date.month:02d}.{date.year}"


def localize_date(text: str, source_lang: str, target_lang: str) -> str:
    """*text*, if it is exactly one date, written the target's way when the convention changes
    (zh <-> en/ru); anything else, and same-convention pairs, unchanged."""
    if (source_lang == "zh") == (target_lang == "zh"):
        return text
    dates = find_dates(text)
    if len(dates) == 1 and (dates[0].start, dates[0].end) == (0, len(text)):
        return render_date(dates[0].date, target_lang)
    return text
