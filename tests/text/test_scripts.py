"""One copy of the script ranges (text/scripts.py) and of the URL/e-mail/tag patterns
(text/patterns.py), and every user agrees with them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.text.placeholders import find_emails, find_urls
from toolkit.text.scripts import detect_language, is_cjk, script_counts
from toolkit.text.segment import split_sentences

PACKAGE = Path(__file__).resolve().parents[2] / "toolkit"


def _sources(exclude: str) -> dict[str, str]:
    return {str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8")
            for p in PACKAGE.rglob("*.py") if p.name != exclude}


def test_cjk_and_cyrillic_ranges_are_written_only_in_scripts_py() -> None:
    # Any spelling of the start of the Han or Cyrillic block in a character range.
    copy = re.compile(r"\\u4e00|\\u0400|0x4e00|0x0400|\\u3400|\\uff00", re.I)
    copies = [name for name, src in _sources("scripts.py").items() if copy.search(src)]
    assert copies == []


def test_url_email_and_tag_patterns_are_written_only_in_patterns_py() -> None:
    copy = re.compile(r"https\?\|ftp|https\?://|www\\\\\.|@\[\\w|<!--\.\*\?-->")
    copies = [name for name, src in _sources("patterns.py").items() if copy.search(src)]
    assert copies == []


def test_url_before_chinese_text_does_not_swallow_the_rest() -> None:
    text = "详情请访问https://www.spbstu.ru/news，欢迎关注。我们明天见。"
    assert split_sentences(text, "zh") == ["详情请访问https://www.spbstu.ru/news，欢迎关注。",
                                           "我们明天见。"]
    assert [u.text for u in find_urls(text)] == ["https://www.spbstu.ru/news"]


@pytest.mark.parametrize(("text", "url"), [
    ("访问https://www.spbstu.ru/news欢迎关注", "https://www.spbstu.ru/news"),
    ("访问https://www.spbstu.ru/news。", "https://www.spbstu.ru/news"),
    ("网址：https://www.spbstu.ru/（新闻）", "https://www.spbstu.ru/"),
    ("见https://zh.wikipedia.org/wiki/南京。", "https://zh.wikipedia.org/wiki/南京"),
    ("see https://x.ru/a_(b).", "https://x.ru/a_(b)"),
    ("「https://x.ru/a」", "https://x.ru/a"),
])
def test_a_url_stops_at_cjk_text_and_full_width_punctuation(text: str, url: str) -> None:
    assert [u.text for u in find_urls(text)] == [url]


def test_an_email_next_to_chinese_text_is_only_the_address() -> None:
    assert [e.text for e in find_emails("联系press@spbstu.ru获取")] == ["press@spbstu.ru"]
    assert [e.text for e in find_emails("пишите на пресс@вуз.рф.")] == ["пресс@вуз.рф"]


def test_glossary_cli_and_segmenter_guess_the_same_language() -> None:
    from toolkit.cli.glossary import guess_lang

    line = "Подробнее: https://english.spbstu.ru/news/international_cooperation_2026/index.html"
    assert detect_language(line) == "ru"
    assert guess_lang("notes.txt", line) == "ru"


def test_script_counts_and_is_cjk() -> None:
    assert script_counts("Нанкин, 南京 and www.nanjing.cn") == {"zh": 6, "ru": 6, "en": 3}
    assert is_cjk("南") and is_cjk("の") and not is_cjk("，") and not is_cjk("Я")


@pytest.mark.parametrize(("text", "lang", "looks"), [
    ("Нанкин — город в Китае.", "en", "ru"),
    ("Нанкин — город в Китае.", "zh", "ru"),
    ("南京是中国的一座城市。", "en", "zh"),
    ("Nanjing is a city in China.", "ru", "en"),
    ("Нанкин — город в Китае.", "ru", None),
    ("Делегация SPbPU посетила Jiangsu Industrial Technology Research Institute.", "ru", None),
    ("Rector Rudskoy visited 南京.", "en", None),
    ("2026-06-24, https://english.spbstu.ru/", "zh", None),
])
def test_contradicts(text: str, lang: str, looks: str | None) -> None:
    from toolkit.text.scripts import contradicts

    assert contradicts(text, lang) == looks
