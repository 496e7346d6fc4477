"""wrap_columns: text for a terminal broken by columns (wide characters take two) where the
catalog writer may break, spaces at the breaks dropped."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from toolkit.po.writer import wrap_columns


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_chinese_breaks_between_characters_not_before_closing_punctuation() -> None:
    lines = wrap_columns("保留版式（标题、列表、空行、缩进）；URL、电子邮件地址原样复制。", 20)
    assert all(_columns(line) <= 20 for line in lines)
    assert "".join(lines) == "保留版式（标题、列表、空行、缩进）；URL、电子邮件地址原样复制。"
    assert not any(line[0] in "，。、；）" for line in lines)


def test_words_and_option_names_stay_whole() -> None:
    assert wrap_columns("whitespace-padded terms --force x", 20) == [
        "whitespace-padded", "terms --force x"]
    assert wrap_columns("请使用 --force 覆盖", 10) == ["请使用", "--force 覆", "盖"]
    assert wrap_columns("", 10) == [""]


@given(st.text(alphabet="ab 中文，。-", max_size=60), st.integers(4, 30))
def test_nothing_but_break_spaces_is_lost(text: str, width: int) -> None:
    lines = wrap_columns(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
