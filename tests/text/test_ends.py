"""toolkit.text.ends: the full stop a model adds to a segment whose source has none."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.text.ends import END_CLASS, drop_added_stop


@pytest.mark.parametrize("source, translation, expected", [
    ("HIT opens a lab", "HIT открывает лабораторию.", "HIT открывает лабораторию"),
    ("Russian Science Foundation", "俄罗斯科学基金会。”", "俄罗斯科学基金会"),
    ('tech park "Ingria"', "технопарк «Ингрия».", "технопарк «Ингрия»"),
    ("A „b“", "А „б“.", "А „б“"),
    ("Room 5", "Комната 5. ", "Комната 5 "),
    # the source has an end mark: whatever the translation ends with stays
    ("Hello.", "Привет.", "Привет."),
    ("Why?", "Почему.", "Почему."),
    ("Note:", "注意。", "注意。"),
    # not an added full stop: an ellipsis, an abbreviation's point, a lone mark
    ("Wait", "Подождите...", "Подождите..."),
    ("etc", "и т. д.", "и т. д."),
    ("in 2026", "в 2026 г.", "в 2026 г."),
    ("x", ".", "."),
    ("", "Пусто.", "Пусто."),
])
def test_drop_added_stop(source: str, translation: str, expected: str) -> None:
    assert drop_added_stop(source, translation) == expected


@given(st.text(max_size=30), st.text(max_size=30))
def test_only_a_final_stop_and_closers_go(source: str, translation: str) -> None:
    out = drop_added_stop(source, translation)
    if out != translation:
        src = source.rstrip().rstrip("\"'»”’“‘)）]】」』》〉").rstrip()
        assert src and src[-1] not in END_CLASS
        # what is left is the translation up to its last stop, closers and trailing space kept
        body = translation.rstrip()
        cut = max(body.rfind(c) for c in ".。．")
        assert out.startswith(translation[:cut]) and len(out) < len(translation)
        assert set(out[cut:].strip()) <= set("\"'»”’“‘)）]】」』》〉")
