"""Where a Chinese word may end: toolkit.text.zh.word_boundary; transliterated names."""

from __future__ import annotations

import pytest

from toolkit.text.zh import TRANSLITERATED, word_boundary


def test_a_place_inside_a_word_moves_to_the_next_marked_boundary() -> None:
    text = "首批项目，初创企业签署了协议的文本。"
    # between two Han characters with nothing marking a boundary: on to the run's end
    assert word_boundary(text, 1) == 4  # 首|批项目 -> 首批项目|，
    assert word_boundary(text, 6) == 9  # 初|创企业 -> 初创企业|签署 (a verb begins there)
    # a verb's edges, a function character's, punctuation and the text's ends stay
    assert [word_boundary(text, at) for at in (0, 4, 5, 9, 11, 12, 14, len(text))] == [
        0, 4, 5, 9, 11, 12, 14, len(text)]
    assert word_boundary("南京大学学生", 4) == 4  # after a name's kind
    assert word_boundary("abc def", 2) == 2  # not Chinese: as it is


@pytest.mark.parametrize("name", ["安德烈·鲁德斯科伊", "彼得·伊万诺夫", "娜塔莉娅·伊万诺娃",
                                  "叶莲娜·库兹涅佐娃", "伊尔库茨克", "玛丽亚·季莫费耶娃",
                                  "谢尔盖·契诃夫"])
def test_common_russian_names_are_one_transliterated_name(name: str) -> None:
    """烈 (Андрей: 安德烈), 得 (Пётр: 彼得), 莉娅, 莲, 茨, 玛, 季, 契 ... were missing from the
    transliteration table: 安德烈·鲁德斯科伊 was the name 鲁德斯科伊 after three other
    characters, and a term replaced a part of it (安德烈·雅科夫列夫·鲁德斯科伊)."""
    assert [m.group() for m in TRANSLITERATED.finditer(f"校长{name}表示")] == [name]
