"""Where the writer breaks a long string's lines: where msgcat (GNU gettext 0.21, through
libunistring) does. The oracle tests ask libunistring itself (ctypes) or msgcat, and are
skipped where neither is installed; the golden cases are msgcat's own output."""

from __future__ import annotations

import ctypes
import ctypes.util
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.po import linebreak, writer
from toolkit.po.reader import parse_po

# Cyrillic and Latin prose, the break characters, closing/opening punctuation, CJK, kana
# marks, a combining accent and numeric symbols that are not letters
ALPHABET = list("абвгд ежзAbc-/ ,.;:!?()[]\"'«»–—\u00a0") + [
    "中", "文", "。", "ー", "々", "（", "½", "²", "\u0301", "한"]

# what catalogs hold: every character the tables list, prose letters, ideographs, the
# escaped characters (no combining marks: libunistring attaches them to the character
# before, which a table of pairs does not model)
LISTED = sorted({c for members in linebreak.CLASSES for c in members})
ORACLE_ALPHABET = [*LISTED, *"абвЖЩ文字学京", " ", " ", "\t", "\n"]


def _libunistring() -> ctypes.CDLL | None:
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("unistring") or "libunistring.so.2")
        version = ctypes.c_int.in_dll(lib, "_libunistring_version").value
    except (OSError, ValueError):
        return None
    if version != linebreak.LIBUNISTRING:  # another version's tables: not this oracle
        return None
    lib.u8_possible_linebreaks.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
                                           ctypes.c_char_p, ctypes.c_char_p]
    return lib


LIB = _libunistring()


def _gnu_opportunities(text: str) -> list[int]:
    """Where write-po.c lets libunistring break the literal of *text*: each character's
    escape as one unit (no break inside), never before a final ``\\n``."""
    units = [writer.escape(c) for c in text]
    data = "".join(units).encode("utf-8")
    out = ctypes.create_string_buffer(len(data))
    LIB.u8_possible_linebreaks(data, len(data), b"UTF-8", out)  # type: ignore[union-attr]
    found, offset = [], 0
    for i, unit in enumerate(units):
        if i and out.raw[offset] == 2:
            found.append(i)
        offset += len(unit.encode("utf-8"))
    if text.endswith("\n") and found and found[-1] == len(text) - 1:
        found.pop()
    return found


@pytest.mark.skipif(LIB is None, reason="libunistring 1.0 is not installed")
@given(st.text(alphabet=ORACLE_ALPHABET, max_size=40))
def test_break_opportunities_are_libunistrings(text: str) -> None:
    assert linebreak.opportunities(text) == _gnu_opportunities(text)


MSGCAT = shutil.which("msgcat")
ROOT = Path(__file__).parent.parent.parent
REAL = [*sorted((ROOT / "tests" / "data" / "upstream").rglob("*.po")),
        *sorted((ROOT / "locales").rglob("*.po"))]


def _msgcat_blocks(po_text: str, tmp_path: Path) -> list[str]:
    src = tmp_path / "in.po"
    src.write_text(po_text, "utf-8")
    out = subprocess.run([MSGCAT, str(src)], capture_output=True, text=True, check=True)
    return [b.strip("\n") for b in out.stdout.split("\n\n") if b.strip()]


@pytest.mark.skipif(MSGCAT is None, reason="GNU gettext is not installed")
def test_entries_of_real_catalogs_wrap_as_msgcat_writes_them(tmp_path: Path) -> None:
    """Every entry of the upstream excerpts (Wagtail, pretalx, JupyterLab...) and of the
    toolkit's own ru and zh_Hans catalogs (long help texts), rendered afresh, is msgcat's
    block for it, byte for byte."""
    checked = 0
    for path in REAL:
        blocks = _msgcat_blocks(path.read_text("utf-8"), tmp_path)
        entries = parse_po("\n\n".join(blocks) + "\n").entries
        assert len(entries) == len(blocks), path
        for entry, block in zip(entries, blocks, strict=True):
            if not entry.is_header:
                assert writer.render_entry(entry).strip("\n") == block, path
                checked += 1
    assert checked > 1000


@pytest.mark.skipif(MSGCAT is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("alphabet", [
    ["word ", "слово ", "中文", "\\\"", "\"", "\\", "(", ")", "-", "/", "%s", "{0}", "。",
     "，", "\t", "1999", "：", "“", "”", "docs.", "e.g. ", "[:", "]"],
    list("aZ ДЖ中文かカ한\t\"\\'()[]{}<>-/.,:;!?%$#@&*+=_|~`0123456789。、：；！？（）《》“”‘’…—"),
])
def test_generated_strings_wrap_as_msgcat_writes_them(alphabet: list[str],
                                                      tmp_path: Path) -> None:
    rng = random.Random(7)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(20, 90)))
             for _ in range(300)]
    po = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          + "".join(f'msgid "x{i}"\nmsgstr "{writer.escape(t)}"\n\n' for i, t in enumerate(texts)))
    blocks = _msgcat_blocks(po, tmp_path)[1:]
    differ = [t for t, b in zip(texts, blocks, strict=True)
              if writer.wrap_string("msgstr", t) != b.split("\n")[1:]]
    assert differ == []


def test_msgcats_breaks_after_a_dot_before_a_letter_and_around_escapes() -> None:
    """msgcat 0.21's own lines (Django's ru and zh_Hans catalogs): a break may follow a dot
    right before a letter; an ideograph may end a line before an escaped quote, a
    backslash never before an ideograph; the closing 。 stays with its ideograph."""
    assert writer.wrap_string("msgstr", (
        "Вы видите данную страницу, потому что указали <a href=\"https://docs.djangoproject"
        ".com/en/%(version)s/ref/settings/#debug\" target=\"_blank\" rel=\"noopener\">"
        "DEBUG=True</a>")) == [
        'msgstr ""',
        '"Вы видите данную страницу, потому что указали <a href=\\"https://docs."',
        '"djangoproject.com/en/%(version)s/ref/settings/#debug\\" target=\\"_blank\\" "',
        '"rel=\\"noopener\\">DEBUG=True</a>"']
    assert writer.wrap_string("msgstr", (
        "这是可用的%s列表。你可以在选择框下面进行选择，然后点击两选框之间的“选择”箭头。")) == [
        'msgstr ""',
        '"这是可用的%s列表。你可以在选择框下面进行选择，然后点击两选框之间的“选择”箭"',
        '"头。"']
    assert writer.wrap_string("msgstr", "中" * 37 + '文"b') == [
        'msgstr ""', '"' + "中" * 37 + '文"', '"\\"b"']


def test_a_zero_width_character_takes_no_column() -> None:
    # Sphinx's Persian catalog, msgcat 0.21: the zero-width non-joiner of "افزونه‌ی" takes
    # no column, so "است؛ " still fits the first line
    text = ("افزونه‌ی %s که در این پروژه استفاده شده دست کم نیازمند اسفینکس نسخه‌ی %s است؛ "
            "بنابراین با این نسخه قابل ساخت نیست.")
    assert writer.wrap_string("msgstr", text)[1].endswith('نسخه‌ی %s است؛ "')


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
    columns = len(escaped) + sum(map(writer._width, text)) - len(text)
    fits = len('msgstr ""') + columns <= writer.PAGE_WIDTH
    lines = writer.wrap_string("msgstr", text)
    assert (lines == [f'msgstr "{escaped}"']) == fits


def test_a_run_of_backslashes_breaks_between_them_as_gnu_gettext_does() -> None:
    # msgcat 0.21 on 'msgstr' with 36 and 40 backslashes: libunistring allows a break between
    # two backslashes (line-break class PR), so the string leaves the keyword's line and
    # splits; the writer kept both on the keyword's line, 81 and 89 columns wide.
    assert writer.wrap_string("msgstr", "\\" * 36) == ['msgstr ""', '"' + "\\\\" * 36 + '"']
    assert writer.wrap_string("msgstr", "\\" * 40) == [
        'msgstr ""', '"' + "\\\\" * 38 + '"', '"' + "\\\\" * 2 + '"']


def test_a_private_use_character_breaks_as_a_letter() -> None:
    # msgcat 0.21 keeps this string whole on the keyword's line: libunistring gives a
    # private-use character the class of a letter, so no break is allowed anywhere in it.
    # The writer matched text as codes in the private use area (U+E000 + i) and read U+E001
    # in the text as its own code for an ideograph, breaking after it.
    text = "x" * 70 + "\ue001" + "y" * 20
    assert writer.wrap_string("msgstr", text) == [f'msgstr "{text}"']


def test_the_tables_hold_what_opportunities_takes_for_granted() -> None:
    """opportunities() finds the breaks between letters and digits with a pattern alone:
    never one right between two of them (DIRECT), always one after spaces between two
    (AFTER_SPACE). Tables generated anew must still say so, else it would miss breaks."""
    plain = (linebreak._LETTER, linebreak._DIGIT)
    assert not any(linebreak.DIRECT[a] >> b & 1 for a in plain for b in plain)
    assert all(linebreak.AFTER_SPACE[a] >> b & 1 for a in plain for b in plain)


@given(st.text(alphabet=[*ALPHABET, *LISTED, " ", "\t", "\n", "\x80", "\x85"], max_size=60),
       st.booleans())
def test_break_opportunities_follow_the_pair_tables(text: str, escaped: bool) -> None:
    """Every place, looked at one by one: a break before text[j] (no space) when the class
    pair of the character before it, or of the last one before the spaces before it, is in
    DIRECT or AFTER_SPACE (what the quick scan of opportunities() must agree with)."""
    table, pairs = linebreak._codes(escaped)
    codes = text.translate(table)
    codes = "".join(chr(linebreak._CODE + 1)
                    if linebreak._ideographs().fullmatch(c) and c not in linebreak._CLASS
                    else c for c in codes)

    def pair(c: str) -> tuple[int, int]:
        i = ord(c) - linebreak._CODE
        return pairs[i] if 0 <= i < len(pairs) else (linebreak._LETTER, linebreak._LETTER)

    expected = []
    for j in range(1, len(codes)):
        if codes[j] == " ":
            continue
        i, spaced = j - 1, False
        while i >= 0 and codes[i] == " ":
            i, spaced = i - 1, True
        if i < 0:
            continue
        row = (linebreak.AFTER_SPACE if spaced else linebreak.DIRECT)[pair(codes[i])[0]]
        if row >> pair(codes[j])[1] & 1:
            expected.append(j)
    if escaped and expected and expected[-1] == len(text) - 1 and text[-1] == "\n":
        expected.pop()
    assert linebreak.opportunities(text, escaped) == expected
