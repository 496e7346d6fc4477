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


def test_a_decimal_is_not_its_digits_run_together() -> None:
    # "12.5 million" came out as "125 млн": the same digits, another number
    assert missing_numbers("Worth 12.5 million yuan.", "Стоимостью 125 млн юаней.",
                           "ru") == ["number 12.5"]
    assert missing_numbers("Worth 12.5 million yuan.", "Стоимостью 1.25 млн юаней.",
                           "ru") == ["number 12.5"]
    assert missing_numbers("Worth 12.5 million yuan.", "Стоимостью 12,5 млн юаней.",
                           "ru") == []
    assert numbers_in("1,250.75 and 1 250,75 and 3.14159") == {"1250.75": 2, "3.14159": 1}


def test_a_group_of_three_digits_is_not_the_start_of_a_longer_run() -> None:
    # a phone number's "8641" is no thousands group: "+86 451 8641 2114" is not 86,451,864
    assert "8641" in numbers_in("Press contact: +86 451 8641 2114.")


def test_a_number_with_a_scale_word_is_compared_written_out() -> None:
    # zh->en of a release of ours: 1500万卢布 is 15 million rubles, and was 'number 1500'
    assert missing_numbers("俄罗斯科学基金会将提供1500万卢布的资助。",
                           "The RSF will provide 15 million rubles.", "en") == []
    assert missing_numbers("The RSF will provide 15 million rubles.",
                           "俄罗斯科学基金会将提供1500万卢布的资助。", "zh") == []
    assert missing_numbers("Worth 12.5 million yuan.", "价值1250万元。", "zh") == []
    assert missing_numbers("Выделено 8,4 млн рублей.", "8.4 million rubles.", "en") == []
    assert missing_numbers("население 3 млрд", "30亿人口", "zh") == []
    # still a changed number: 12.5 million is not 125万 (1.25 million)
    assert missing_numbers("Worth 12.5 million yuan.", "价值125万元。", "zh") == ["number 12.5"]
