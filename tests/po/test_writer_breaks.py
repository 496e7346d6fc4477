"""The writer's fast line-break search agrees with the per-character UAX #14 rule."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from toolkit.po import writer

# Cyrillic and Latin prose, the break characters, closing/opening punctuation, CJK, kana
# marks, a combining accent and numeric symbols that are not letters
ALPHABET = list("абвгд ежзAbc-/ ,.;:!?()[]\"'«»–—\u00a0") + [
    "中", "文", "。", "ー", "々", "（", "½", "²", "\u0301", "한"]


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_break_opportunities_match_the_per_character_rule(text: str) -> None:
    slow = [i for i in range(1, len(text)) if writer._break_before(text[i - 1], text[i])]
    assert writer._opportunities(text) == slow


@given(st.text(alphabet=ALPHABET, max_size=200), st.integers(0, 40))
def test_wrapping_keeps_every_character_in_order(text: str, column: int) -> None:
    lines = writer._portion_lines(text, column, 78, 1)
    assert "".join(lines) == writer.escape(text)


@given(st.text(alphabet="ab 中文ДЖ\t\"\\", min_size=0, max_size=45))
def test_one_line_string_stays_on_the_keyword_line_exactly_when_it_fits(text: str) -> None:
    """A string without a newline goes on its keyword's line when ``msgstr "..."`` takes
    at most 79 columns (a wide character two, an escape its length): the writer's quick
    test for short strings must agree with counting."""
    escaped = writer.escape(text)
    # msgcat keeps a line of exactly PAGE_WIDTH columns, closing quote included: 'x ' * 34
    # + 'ab' stays on 'msgstr', one column more splits
    fits = len('msgstr ""') + len(escaped) + sum(map(writer._wide, text)) <= writer.PAGE_WIDTH
    lines = writer.wrap_string("msgstr", text)
    assert (lines == [f'msgstr "{escaped}"']) == fits


def test_a_run_of_backslashes_breaks_between_them_as_gnu_gettext_does() -> None:
    # msgcat 0.21 on 'msgstr' with 36 and 40 backslashes: libunistring allows a break between
    # two backslashes (line-break class PR), so the string leaves the keyword's line and
    # splits; the writer kept both on the keyword's line, 81 and 89 columns wide.
    assert writer.wrap_string("msgstr", "\\" * 36) == ['msgstr ""', '"' + "\\\\" * 36 + '"']
    assert writer.wrap_string("msgstr", "\\" * 40) == [
        'msgstr ""', '"' + "\\\\" * 38 + '"', '"' + "\\\\" * 2 + '"']
