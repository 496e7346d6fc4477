"""Numbers compared by value, dates as dates, small numbers allowed as words."""

from __future__ import annotations

from toolkit.text.numbers import missing_numbers, numbers_in


def test_grouping_does_not_matter() -> None:
    assert numbers_in("3,000 and 3 000 and 3000") == {"3000": 3}
    assert missing_numbers("Limit is 10,000 rows.", "Предел — 10 000 строк.", "ru") == []


def test_dates_are_compared_as_dates() -> None:
    assert missing_numbers("St. Petersburg, 24.06.2026.", "圣彼得堡，2026年6月24日。", "zh") == []
    assert missing_numbers("On 24.06.2026.", "2026年7月24日。", "zh") == ["date 24.06.2026"]


def test_a_changed_number_is_reported() -> None:
    assert missing_numbers("более 3000 участников из 40 стран", "more than 3,00 from 40",
                           "en") == ["number 3000"]


def test_small_numbers_may_be_words() -> None:
    assert missing_numbers("2 of 5 rooms", "две из пяти комнат", "ru") == []
    assert missing_numbers("Step 2 of the wizard", "向导的第二步", "zh") == []
    assert missing_numbers("Step 2", "Шаг", "ru") == ["number 2"]


def test_numbers_inside_urls_and_placeholders_do_not_count() -> None:
    assert missing_numbers("See https://x.org/2026/report and %(n)s", "См. отчёт", "ru") == []
