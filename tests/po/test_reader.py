"""The line-accurate PO reader: same content as polib, exact lines, errors instead of skips."""

from __future__ import annotations

import gc
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.po.reader import PoEntry, decode_po, parse_po, read_po


def test_lines_of_entries_and_plural_forms_are_exact() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'      # 1-3
        "# comment\n#: src/a.py:1\n#, python-format\n"   # 5-7
        'msgctxt "menu"\nmsgid "Open %(n)s"\nmsgstr "Открыть %(n)s"\n\n'  # 8-10
        'msgid "%d file"\nmsgid_plural "%d files"\n'     # 12-13
        'msgstr[0] "%d файл"\nmsgstr[1] "%d файла"\n\n'  # 14-15 (form 2 missing)
        '#~ msgid "gone"\n#~ msgstr "нет"\n'             # 17-18
    )
    po = parse_po(text)
    assert po.errors == []
    assert po.header["Language"] == "ru"
    header, ctx, plural, obsolete = po.entries
    assert (header.line, ctx.line, plural.line, obsolete.line) == (1, 8, 12, 17)
    assert ctx.msgctxt == "menu" and ctx.flags == ["python-format"]
    assert ctx.comments == ("comment",) and ctx.references == ("src/a.py:1",)
    assert plural.msgstr_plural == {0: "%d файл", 1: "%d файла"}  # not padded
    assert obsolete.obsolete and obsolete.msgstr == "нет"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid "a"\nmsgstr "b\n', 2, "unterminated string"),
        ('msgid "a"\nmsgstr "b\\q"\n', 2, "invalid escape"),
        ('msgid "a"\nmsgstr "b"c"\n', 2, "unescaped quote"),
        ('msgstr "c"\n\nmsgid "a"\nmsgstr "b"\n', 1, "msgstr without msgid"),
        ('msgid "a"\nmsgstr "b"\n\nmsgstr "c"\n', 4, "duplicate msgstr"),
        ('msgid "a"\nmsgstr ""\n  "b"\nmsgstr "c"\n', 4, "duplicate msgstr"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 1, "entry without msgstr"),
        ('msgid "a"\nmsgstr "b"\nmsgfoo "x"\n', 3, "unknown keyword"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate message definition"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 3, "msgstr without [n]"),
    ],
)
def test_syntax_errors_have_lines(text: str, line: int, message: str) -> None:
    po = parse_po(text)
    assert any(e.line == line and message in e.message for e in po.errors), po.errors


def test_an_error_does_not_hide_the_entries_after_it() -> None:
    text = 'msgid "a"\nmsgstr "b\n\nmsgctxt "c"\nmsgid "d"\nmsgstr "e"\n\nmsgid "f"\nmsgstr "g"\n'
    po = parse_po(text)
    assert [e.msgid for e in po.entries if e.msgstr] == ["d", "f"]
    assert [e.line for e in po.entries if e.msgstr] == [4, 8]


def test_decode_reports_bom_crlf_and_bad_bytes() -> None:
    dec = decode_po(b'\xef\xbb\xbfmsgid "a"\r\nmsgstr "\xff"\r\n')
    assert dec.bom and dec.crlf_lines == [1, 2] and dec.bad_utf8_lines == [2]
    assert "\r" not in dec.text


def test_declared_charset_is_used() -> None:
    raw = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=KOI8-R\\n"\n\n'
           'msgid "a"\nmsgstr "д"\n')
    dec = decode_po(raw.encode("koi8-r"))
    assert dec.used_charset == "KOI8-R" and dec.bad_utf8_lines == []
    assert parse_po(dec.text).entries[-1].msgstr == "д"


def _django_files(django_locale: Path) -> list[Path]:
    root = django_locale.parent.parent
    return sorted(p for loc in ("ru", "zh_Hans")
                  for p in root.rglob(f"locale/{loc}/LC_MESSAGES/*.po"))


def test_same_content_as_polib_on_django_catalogs(django_locale: Path) -> None:
    files = _django_files(django_locale)
    assert len(files) >= 20
    for path in files:
        po, _ = read_po(str(path))
        assert po.errors == [], path
        ref = polib.pofile(str(path))
        theirs = {(e.msgctxt, e.msgid): e for e in [*ref, *ref.obsolete_entries()]}
        mine = {e.key: e for e in po.entries if not e.is_header}
        assert mine.keys() == theirs.keys(), path
        lines = path.read_text("utf-8").split("\n")
        for key, e in mine.items():
            t = theirs[key]
            assert sorted(e.flags) == sorted(t.flags)
            if e.msgid_plural is not None:
                assert e.msgstr_plural == {int(k): v for k, v in t.msgstr_plural.items()}
            else:
                assert e.msgstr == t.msgstr
            first = lines[e.line - 1].removeprefix("#~ ")
            assert first.startswith("msgctxt " if e.msgctxt is not None else "msgid "), path


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x9FFF),
                max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _text), _text.filter(bool), _text,
                          st.booleans()), max_size=8, unique_by=lambda t: (t[0], t[1])))
def test_round_trip_through_polib(rows: list[tuple[str | None, str, str, bool]]) -> None:
    cat = polib.POFile(wrapwidth=20)
    cat.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for ctx, msgid, msgstr, fuzzy in rows:
        cat.append(polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=msgstr,
                                 flags=["fuzzy"] if fuzzy else []))
    po = parse_po(str(cat))
    assert po.errors == []
    got = [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy) for e in po.entries if not e.is_header]
    assert got == rows


_LINES = st.sampled_from([
    'msgid "a"', 'msgid "b\\n"', 'msgid ""', 'msgctxt "c"', 'msgid_plural "as"',
    'msgstr "x"', 'msgstr ""', 'msgstr[0] "f0"', 'msgstr[1] "f1"', '"cont"', '  "indented"',
    '"bad\\q"', '"open', "", "", "#, fuzzy", "#: ref.py:1", "# note", "#. extracted",
    "#, fuzzy, python-format", "#,c-format", "#, , no-wrap ", 'msgstr "e\\tsc"',
    '#~ msgid "old"', '#~ msgstr "o"', "#| msgid \"prev\"", '#| "ious"', '#~| msgid "old"',
    "junk", 'msgid "a" ',
])


def _fast_and_slow(text: str) -> tuple[list, list]:
    """(the reader's result, the line parser's alone) on *text*: entries as lists of every
    field but ``lines`` (the fast path keeps none), errors included."""
    from toolkit.po.reader import _finish, _parse_lines

    fast = parse_po(text)
    entries: list = []
    errors: list = []
    _parse_lines(text.split("\n"), 0, entries, errors)
    slow = _finish(entries, errors, text.count("\n") + 1)
    names = [name for name in PoEntry.__slots__ if name != "lines"]
    return ([[getattr(e, n) for n in names] for e in fast.entries] + [fast.errors],
            [[getattr(e, n) for n in names] for e in slow.entries] + [slow.errors])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=24))
def test_fast_path_agrees_with_the_line_parser(lines: list[str]) -> None:
    """The regex fast path is an optimisation: the line parser alone must read the same."""
    text = "\n".join(lines) + "\n"
    fast, slow = _fast_and_slow(text)
    assert fast == slow
    assert parse_po(text).line_count == text.count("\n") + 1


# Generated catalogs for the fast path: string text with what needs care (quotes, backslashes,
# newlines, tabs, CR, U+2028, a form feed, '#' and ':' that look like comment syntax), written
# as gettext would, then optionally damaged one line at a time.
_TRICKY = st.text(alphabet=st.sampled_from(list('ab Zя中"\\\n\t\r\u2028\x0c#:,~[]')),
                  max_size=10)
_COMMENT_TEXT = st.text(alphabet=st.sampled_from(list('ab Zя:,.|~"\\\t\u2028')), max_size=8)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n"}


@st.composite
def _string_lines(draw: st.DrawFn, keyword: str) -> list[str]:
    """*keyword* and a string in one or more quoted lines (tabs and CR escaped or raw)."""
    text = draw(_TRICKY)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=3)))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=False)]
    raw = draw(st.booleans())
    quoted = []
    for chunk in chunks:
        esc = "".join(_ESCAPES.get(c, c) for c in chunk)
        if not raw:
            esc = esc.replace("\t", "\\t").replace("\r", "\\r")
        quoted.append(f'"{esc}"')
    if len(quoted) > 1 and draw(st.booleans()):
        quoted.insert(0, '""')
    return [f"{keyword} {quoted[0]}", *quoted[1:]]


@st.composite
def _comment_lines(draw: st.DrawFn) -> list[str]:
    kinds = st.sampled_from(["#: ", "#:", "#, ", "#,", "#. ", "# ", "#", "#| msgid ", '#| "'])
    out = []
    for kind in draw(st.lists(kinds, max_size=4)):
        body = draw(_COMMENT_TEXT)
        if kind in ("#, ", "#,"):
            body = draw(st.sampled_from(["fuzzy", " fuzzy, python-format", "c-format,",
                                         ", ,no-wrap ", "fuzzy ,x"]))
        elif kind == "#":  # "#~..." would be an obsolete entry's line
            body = ""
        elif kind.startswith("#|"):
            body = (f'"{body}"' if kind == "#| msgid " else f'{body}"')
        out.append(kind + body)
    return out


@st.composite
def _entry_lines(draw: st.DrawFn, index: int) -> list[str]:
    lines = draw(_comment_lines())
    if draw(st.booleans()):
        lines += draw(_string_lines("msgctxt"))
    lines += [f'msgid "m{index}"']  # unique keys: duplicates are tested on their own
    lines += draw(_string_lines("msgid"))[1:]
    if draw(st.booleans()):
        lines += draw(_string_lines("msgid_plural"))
        for i in range(draw(st.integers(1, 3))):
            lines += draw(_string_lines(f"msgstr[{i}]"))
    else:
        lines += draw(_string_lines("msgstr"))
    return lines + [""] * draw(st.integers(0, 2))


_DAMAGE = st.sampled_from([
    lambda s: s + " ", lambda s: s + '"', lambda s: s[:-1], lambda s: s.replace('"', "", 1),
    lambda s: s.replace("\\", "\\q", 1), lambda s: s + "\\", lambda s: "#~ " + s,
    lambda s: "  " + s, lambda s: "", lambda s: s.replace("msg", "mgs", 1),
    lambda s: s.replace("[0]", "[1]"), lambda s: s + '\nmsgstr "dup"', lambda s: "\n" + s,
    lambda s: s.replace(" ", "\t", 1), lambda s: s + "\r",
    lambda s: s + ' "x"', lambda s: s + '""', lambda s: s + "\t# note", lambda s: s + " junk",
])


@st.composite
def _catalog(draw: st.DrawFn, damaged: bool) -> tuple[str, int]:
    """PO text of well-formed generated entries (header first), and how many; with *damaged*
    some of its lines are then broken, so the line parser takes over there."""
    lines = ['msgid ""', 'msgstr ""', '"Language: ru\\n"', ""]
    n = draw(st.integers(0, 6))
    for i in range(n):
        lines += draw(_entry_lines(i))
    if damaged:
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(_DAMAGE)(lines[i])
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"])), n + 1


@settings(max_examples=400, deadline=None)
@given(_catalog(damaged=False))
def test_generated_catalogs_read_the_same_on_both_paths(catalog: tuple[str, int]) -> None:
    """Well-formed entries with tricky strings and every comment shape: the fast path takes
    every one (``lines`` stays None: the line parser always fills it) and reads what the line
    parser reads."""
    text, n = catalog
    fast, slow = _fast_and_slow(text)
    assert fast == slow
    po = parse_po(text)
    assert po.errors == [] and len(po.entries) == n
    assert po.line_count == text.count("\n") + 1
    assert [e.lines for e in po.entries] == [None] * n


@settings(max_examples=400, deadline=None)
@given(_catalog(damaged=True))
def test_damaged_generated_catalogs_read_the_same_on_both_paths(
        catalog: tuple[str, int]) -> None:
    """Broken lines among well-formed entries: where the fast path hands over to the line
    parser and back must not change a field, an error or a line number."""
    fast, slow = _fast_and_slow(catalog[0])
    assert fast == slow
    # the line count the reader adds up entry by entry, handing over and back
    assert parse_po(catalog[0]).line_count == catalog[0].count("\n") + 1


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('\\nt"rx07aq8?\'Я ')), max_size=12))
def test_unescape_of_the_usual_escapes_agrees_with_the_general_one(body: str) -> None:
    """unescape() takes a quick path when only \\n, \\t and \\" occur; same result."""
    from toolkit.po.reader import _unescape_each, unescape

    assert unescape(body) == _unescape_each(body)


@pytest.mark.parametrize("enabled", [True, False])
def test_parsing_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    """parse_po pauses the cyclic collector while it runs (speed), and only then."""
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        parse_po('msgid "a"\nmsgstr "b"\n')
        with pytest.raises(TypeError):
            parse_po(None)  # type: ignore[arg-type]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


@pytest.mark.parametrize("body", ['"a\\x"', '"\\xzz"', '"bad \\x at end\\x"'])
def test_a_bad_hex_escape_is_a_syntax_error_with_its_line(body: str) -> None:
    """``\\x`` without hex digits used to raise ValueError out of the reader."""
    text = f'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "ok"\nmsgstr {body}\n'
    po = parse_po(text)
    assert [(e.line, e.message) for e in po.errors] == [(6, "invalid escape sequence \\x")]
    assert po.entries[-1].msgid == "ok"


def test_a_bad_hex_escape_through_the_checker_is_a_finding(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    po = tmp_path / "ru.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "a"\nmsgstr "b\\x"\n',
                  encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(po), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert '"line": 6' in result.stdout, result.stdout


@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_bare_obsolete_mark_line_carries_the_string_on_as_msgfmt_reads_it(gap: str) -> None:
    """``#~`` with no keyword, then a quoted line: msgfmt reads the string as the msgstr's
    continuation. The fast path once stopped at the entry and left the line parser an orphan
    string (hypothesis found it)."""
    text = f'msgid ""\nmsgstr ""\n{gap}#~ \n"Language: ru\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    fast, slow = _fast_and_slow(text)
    assert fast == slow
    po = parse_po(text)
    assert not po.errors
    assert [(e.msgid, e.msgstr, e.line) for e in po.entries] == [
        ("", "Language: ru\n", 1), ("a", "b", 6 + len(gap))]


def test_binary_data_is_called_binary_not_shown_as_a_keyword() -> None:
    # a model file named .po gave 'unknown keyword' with a kilobyte of its bytes
    po = parse_po("\x06\x00\x00TransformerSpec\x00decoder/alibi\x00" * 40 + "\nmore\x00\n")
    assert [(e.line, str(e.message)) for e in po.errors] == [
        (1, "binary data (a NUL byte): not a PO file")]


def test_a_long_unknown_keyword_is_cut_in_the_message() -> None:
    po = parse_po("x" * 500 + "\n")
    assert [str(e.message) for e in po.errors] == [f"unknown keyword {'x' * 40 + '…'!r}"]


def test_a_second_msgctxt_is_reported_on_its_own_line() -> None:
    # it said 'entry without msgstr' on line 1 (msgfmt: a syntax error on line 2)
    po = parse_po('msgctxt "a"\nmsgctxt "b"\nmsgid "x"\nmsgstr "y"\n')
    assert [(e.line, str(e.message)) for e in po.errors] == [
        (2, "a second msgctxt before the msgid")]
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in po.entries] == [("b", "x", "y")]


@pytest.mark.parametrize(("written", "one_per_line"), [
    ('msgid "a"\nmsgstr "b" "c"\n', 'msgid "a"\nmsgstr "b"\n"c"\n'),
    ('msgid "a" "b"\nmsgstr "x"\n', 'msgid "a"\n"b"\nmsgstr "x"\n'),
    ('msgid "a"\nmsgstr ""\n"x" "y"\n', 'msgid "a"\nmsgstr ""\n"x"\n"y"\n'),
    ('msgid "a"\nmsgstr "b""c"\t"\\n" # note\n', 'msgid "a"\nmsgstr "b"\n"c"\n"\\n"\n'),
    ('msgctxt "k" "t"\nmsgid "a"\nmsgid_plural "as" ""\nmsgstr[0] "b" "\\\\"\nmsgstr[1] ""\n',
     'msgctxt "k"\n"t"\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n"\\\\"\nmsgstr[1] ""\n'),
    ('#~ msgid "a" "b"\n#~ msgstr "x" "y"\n', '#~ msgid "a"\n#~ "b"\n#~ msgstr "x"\n#~ "y"\n'),
    ('#, fuzzy\n#| msgid "o" "ld"\nmsgid "a"\nmsgstr "b"\n',
     '#, fuzzy\n#| msgid "o"\n#| "ld"\nmsgid "a"\nmsgstr "b"\n'),
])
def test_adjacent_strings_on_one_line_are_joined_as_msgfmt_joins_them(
        written: str, one_per_line: str) -> None:
    """``msgstr "b" "c"``: msgfmt concatenates; the reader said "unescaped quote" (a user's
    catalog that msgfmt compiled was refused). Same content as one string per line, the lines
    after it unmoved, both paths alike, and a load + save gives the bytes back."""
    from toolkit.po.writer import render_po

    header = 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
    after = '\nmsgid "z"\nmsgstr "last"\n'
    po = parse_po(header + written + after)
    assert po.errors == []
    names = [name for name in PoEntry.__slots__ if name not in ("lines", "line", "start")]
    expected = parse_po(header + one_per_line + after)
    assert [[getattr(e, n) for n in names] for e in po.entries] == \
        [[getattr(e, n) for n in names] for e in expected.entries]
    last_line = (header + written).count("\n") + 2
    assert po.entries[-1].line == last_line
    fast, slow = _fast_and_slow(header + written + after)
    assert fast == slow
    assert render_po(po) == header + written + after


@pytest.mark.parametrize(("line", "column", "message"), [
    ('msgstr "год" junk', 14, "unexpected 'junk' after the string"),
    ('msgstr "b" "c" )', 16, "unexpected ')' after the string"),
    ('msgstr "b" "c', 12, "unterminated string"),
    ('msgstr "He said "hi" ok"', 17, "unescaped quote in string"),
    ('msgstr "b" "\\x"', 12, "invalid escape sequence \\x"),
])
def test_what_follows_a_string_is_named_at_its_line(line: str, column: int,
                                                    message: str) -> None:
    """``msgstr "год" junk`` was called an unterminated string; msgfmt names the junk."""
    po = parse_po(f'msgid "a"\n{line}\n\nmsgid "b"\nmsgstr "c"\n')
    assert [(e.line, e.column, str(e.message)) for e in po.errors] == [(2, column, message)]
    assert [e.msgid for e in po.entries] == ["a", "b"]
