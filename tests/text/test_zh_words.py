"""Where a Chinese word may end: toolkit.text.zh.word_boundary."""

from __future__ import annotations

from toolkit.text.zh import word_boundary


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
