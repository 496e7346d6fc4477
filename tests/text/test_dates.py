"""Numeric dates are found in en/ru/zh writing and rendered the target's way."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from toolkit.text.dates import find_dates, localize_date, render_date, render_words


def test_finds_dotted_and_chinese_dates() -> None:
    assert [d.date for d in find_dates("St. Petersburg, 24.06.2026.")] == [dt.date(2026, 6, 24)]
    assert [d.date for d in find_dates("圣彼得堡，2026年6月24日。")] == [dt.date(2026, 6, 24)]
    assert [d.date for d in find_dates("с 1.5.2026 по 2026 年 5 月 3 号")] == [
        dt.date(2026, 5, 1), dt.date(2026, 5, 3)]


def test_skips_impossible_dates_versions_and_decimals() -> None:
    assert find_dates("31.02.2026, v1.2.2026, 3.14, 10.10.20261, 2026年13月1日") == []


def test_localize_only_when_the_convention_changes() -> None:
    assert localize_date("24.06.2026", "en", "zh") == "2026年6月24日"
    assert localize_date("2026年6月24日", "zh", "ru") == "24.06.2026"
    assert localize_date("1.5.2026", "ru", "zh") == "2026年5月1日"
    assert localize_date("1.5.2026", "en", "ru") == "1.5.2026"  # same convention: as written
    assert localize_date("1.5.2026", "en", "en") == "1.5.2026"


def test_a_numeric_date_comes_into_english_with_the_month_in_words() -> None:
    """A new user's zh->en trial: 2026年5月14日 came out "14.05.2026", which many English
    readers take for a month.day date (01.09.2026 is 9 January or 1 September?)."""
    assert localize_date("2026年5月14日", "zh", "en") == "14 May 2026"
    assert localize_date("01.09.2026", "ru", "en") == "1 September 2026"
    assert localize_date("https://x.org/24.06.2026", "en", "zh") == "https://x.org/24.06.2026"


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
       st.sampled_from(["en", "ru", "zh"]))
def test_render_then_find_gives_the_date_back(date: dt.date, lang: str) -> None:
    text = render_date(date, lang)
    (found,) = find_dates(f"x {text} y")
    assert found.date == date


def test_dates_right_after_chinese_or_cyrillic_text() -> None:
    assert [d.date for d in find_dates("于2026年6月24日发布")] == [dt.date(2026, 6, 24)]
    assert [d.date for d in find_dates("于24.06.2026发布")] == [dt.date(2026, 6, 24)]


def test_dates_with_the_month_in_words_as_datelines_write_them() -> None:
    """Found by a new user's trial: '**Томск, 12 марта 2026 г.**' came out '20 March 2021'
    from the demo model (only numeric dates were protected)."""
    text = "Томск, 12 марта 2026 г. On 5 May 2026, on Sept. 30, 2026 and 1 июля 2027 года."
    assert [(text[d.start:d.end], d.date) for d in find_dates(text)] == [
        ("12 марта 2026 г.", dt.date(2026, 3, 12)), ("5 May 2026", dt.date(2026, 5, 5)),
        ("Sept. 30, 2026", dt.date(2026, 9, 30)), ("1 июля 2027 года", dt.date(2027, 7, 1))]
    assert find_dates("31 February 2026, 5 May, May 2026, 12 марта 20261") == []
    assert localize_date("12 марта 2026 г.", "ru", "en") == "12 March 2026"
    assert localize_date("May 5, 2026", "en", "ru") == "5 мая 2026 года"
    assert localize_date("5 May 2026", "en", "zh") == "2026年5月5日"
    assert localize_date("5 May 2026", "en", "en") == "5 May 2026"


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
       st.sampled_from(["en", "ru", "zh"]))
def test_render_words_then_find_gives_the_date_back(date: dt.date, lang: str) -> None:
    (found,) = find_dates(f"x {render_words(date, lang)} y")
    assert found.date == date


def test_a_dateline_in_words_comes_back_right_through_the_demo_model() -> None:
    from toolkit.pipeline import translate_text

    source = "**Томск, 12 марта 2026 г.** Открыта лаборатория."
    assert "12 March 2026" in translate_text(source, "ru", "en", fmt="markdown").text
    assert "2026年3月12日" in translate_text(source, "ru", "zh", fmt="markdown").text
