"""mask -> restore is lossless; lost and invented tokens are repaired and reported."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from toolkit.text.protect import MAX_TOKENS, TOKEN_RE, mask, restore, token


def test_mask_replaces_spans_in_order() -> None:
    text = "See https://english.spbstu.ru/ or write to press@spbstu.ru today."
    url = (4, 30)
    mail = (text.index("press@"), text.index(" today"))
    m = mask(text, [mail, url])
    assert m.text == "See ｟0｠ or write to ｟1｠ today."
    assert m.originals == ("https://english.spbstu.ru/", "press@spbstu.ru")


def test_restore_puts_originals_back_whatever_the_order() -> None:
    m = mask("a X b Y c", [(2, 3), (6, 7)])
    r = restore("c ｟1｠ b ｟0｠ a", m)
    assert r.text == "c Y b X a"
    assert r.missing == () and r.extra == ()


def test_restore_tolerates_spaces_inside_tokens() -> None:
    m = mask("go to http://x.org now", [(6, 18)])
    assert restore("перейдите на ｟ 0 ｠ сейчас", m).text == "перейдите на http://x.org сейчас"


def test_missing_token_is_reinserted_before_final_punctuation_and_reported() -> None:
    m = mask("Visit http://x.org.", [(6, 18)])
    r = restore("Посетите сайт.", m)
    assert r.text == "Посетите сайт http://x.org."
    assert r.missing == ("http://x.org",)


def test_invented_and_repeated_tokens_are_dropped_and_reported() -> None:
    m = mask("A http://x.org B", [(2, 14)])
    r = restore("А ｟0｠ ｟0｠ Б ｟7｠", m)
    assert r.text == "А http://x.org Б"
    assert r.extra == ("｟0｠", "｟7｠")


def test_more_spans_than_tokens_are_joined_never_left_to_the_model() -> None:
    # ｟10｠ is no piece of the demo vocabularies: spans past the tenth used to stay plain
    # text, which the model dropped without a word.
    urls = [f"https://spbstu.ru/p{i}" for i in range(1, 15)]
    text = "The forum lists " + ", ".join(urls[:7]) + " and " + ", ".join(urls[7:]) + "."
    spans = [m.span() for m in re.finditer(r"https://\S+\d", text)]
    assert len(spans) == 14
    m = mask(text, spans)
    assert len(m.originals) == MAX_TOKENS
    assert all(int(n) < MAX_TOKENS for n in TOKEN_RE.findall(m.text))
    assert all(any(u in o for o in m.originals) for u in urls)
    assert m.kept == ()  # only ", " gaps were joined, not " and "
    assert restore(m.text, m).text == text


def test_joining_across_prose_says_what_it_kept_verbatim() -> None:
    text = " and ".join(f"w{i}" for i in range(MAX_TOKENS + 3))
    spans = [m.span() for m in re.finditer(r"w\d+", text)]
    m = mask(text, spans)
    assert len(m.originals) == MAX_TOKENS
    assert m.kept == ("and",) * 3
    assert restore(m.text, m).text == text


def test_token_like_input_is_always_masked() -> None:
    m = mask("keep ｟3｠ literally", [])
    assert m.text == f"keep {token(0)} literally"
    assert restore(m.text, m).text == "keep ｟3｠ literally"


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet=st.sampled_from(list("ab ｟｠0123.:/@_Жж中")), max_size=60))
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=20))
    return text, [(min(a, b), max(a, b)) for a, b in spans]


@given(text_and_spans())
def test_mask_then_restore_is_identity(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    m = mask(text, spans)
    r = restore(m.text, m)
    assert r.text == text
    assert r.missing == () and r.extra == ()
    assert len(TOKEN_RE.findall(m.text)) == len(m.originals) <= MAX_TOKENS
