"""The PO writer: untouched catalogs come back byte for byte, changed entries alone move."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import CatalogError
from toolkit.po.reader import PoEntry, parse_po, read_po
from toolkit.po.writer import render_entry, render_po, snapshot, wrap_string, write_po

REPO = Path(__file__).resolve().parents[2]


def _real_catalogs(django_locale: Path) -> list[Path]:
    """Django's ru and zh_Hans catalogs (core and every contrib app) and our own UI catalogs."""
    import django

    root = Path(django.__file__).parent
    found = [p for p in sorted(root.rglob("*.po")) if p.parts[-3] in ("ru", "zh_Hans")]
    found += sorted((REPO / "locales").rglob("*.po"))
    return found


def test_load_and_save_of_real_catalogs_changes_zero_bytes(django_locale: Path) -> None:
    catalogs = _real_catalogs(django_locale)
    assert len(catalogs) >= 20  # core + contrib apps in two locales, and ours
    for path in catalogs:
        data = path.read_bytes()
        po, _ = read_po(io.BytesIO(data))
        out = io.BytesIO()
        write_po(out, po)
        assert out.getvalue() == data, path


def test_every_django_catalog_round_trips(django_locale: Path) -> None:
    """All locales: other scripts, other plural rules, other tools' layouts."""
    for path in sorted(django_locale.glob("*/LC_MESSAGES/django.po")):
        data = path.read_bytes()
        po, _ = read_po(io.BytesIO(data))
        assert render_po(po).encode(po.source.used_charset) == data.lstrip(b"\xef\xbb\xbf"), path


def test_a_changed_entry_is_the_only_diff(django_locale: Path) -> None:
    path = django_locale / "ru" / "LC_MESSAGES" / "django.po"
    text = path.read_text(encoding="utf-8")
    po, _ = read_po(path)
    entry = next(e for e in po.live_entries if e.msgid == "Enter a valid value.")
    entry.msgstr = "Введите корректное значение."
    entry.flags.append("fuzzy")
    new = render_po(po)
    old_lines, new_lines = text.splitlines(), new.splitlines()
    assert len(new_lines) == len(old_lines) + 1  # the "#, fuzzy" line
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b]
    first = changed[0]
    assert new_lines[first:first + 3] == ["#, fuzzy", 'msgid "Enter a valid value."',
                                          'msgstr "Введите корректное значение."']
    assert new_lines[first + 3:] == old_lines[first + 2:]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x0c", "\x1c", "\x85", "\r"])
def test_a_line_separator_inside_a_string_keeps_blocks_in_place(char: str) -> None:
    """Lines end at \\n only, as the reader counts them: str.splitlines also ends one at
    U+2028, a form feed... inside a string, which shifted every later block (load+save of an
    untouched catalog added a blank line and cut the entry after it in two)."""
    text = (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'msgid "a"\nmsgstr "x{char}y"\n\nmsgid "b"\nmsgstr ""\n\nmsgid "c"\nmsgstr "z"\n')
    po = parse_po(text)
    assert render_po(po) == text
    po.entries[2].msgstr = "B"
    assert render_po(po) == text.replace('msgid "b"\nmsgstr ""', 'msgid "b"\nmsgstr "B"')


def test_a_snapshot_of_the_editable_entries_writes_what_a_full_one_does(
        django_locale: Path) -> None:
    path = django_locale / "ru" / "LC_MESSAGES" / "django.po"
    full, _ = read_po(path)
    scoped, _ = read_po(path)
    snapshot(full)
    editable = scoped.live_entries[::7]
    snapshot(scoped, editable=editable)
    assert scoped.snapshot is not None and len(scoped.snapshot) == len(full.snapshot)
    for entries in (full.live_entries[::7], editable):
        for i, e in enumerate(entries):
            if i % 3 == 0:  # some edited, some left as they are
                e.msgstr, e.msgstr_plural = (None, {k: f"{v} ({i})" for k, v in
                                                    e.msgstr_plural.items()}) \
                    if e.msgid_plural else (f"{e.msgstr} ({i})", {})
                e.flags.append("fuzzy")
    text = render_po(full)
    assert render_po(scoped) == text and text != path.read_text(encoding="utf-8")


def test_gettext_layout_for_rendered_entries(django_locale: Path) -> None:
    """New and changed entries look like gettext's: nearly every Django entry (written by
    gettext through Transifex) renders to exactly its original lines; the rest were written by
    older gettext releases that broke lines elsewhere."""
    same = total = 0
    for path in sorted(django_locale.glob("*/LC_MESSAGES/django.po"))[:40]:
        po, _ = read_po(path)
        lines = po.text.splitlines(keepends=True)
        starts = [e.start for e in po.entries] + [len(lines) + 1]
        for e, end in zip(po.entries, starts[1:], strict=False):
            raw = "".join(lines[e.start - 1:end - 1]).rstrip("\n") + "\n"
            total += 1
            same += render_entry(e) == raw
    assert same / total > 0.97, (same, total)


def test_wrapping_like_gettext() -> None:
    assert wrap_string("msgid", "Hello\n") == ['msgid "Hello\\n"']
    assert wrap_string("msgid", "a\nb") == ['msgid ""', '"a\\n"', '"b"']
    long = "word " * 20
    lines = wrap_string("msgstr", long.strip())
    assert lines[0] == 'msgstr ""' and all(len(x) <= 79 for x in lines)
    assert "".join(x[1:-1] for x in lines[1:]) == long.strip()
    zh = "这是选中的列表。你可以在选择框下面进行选择，然后点击两选框之间的箭头进行删除。" * 2
    lines = wrap_string("msgstr", zh)
    assert all(x[1:2] not in "，。" for x in lines[1:])  # no line starts with closing punctuation


# letters, combining marks and wide characters of several scripts: Latin, Cyrillic (U+0483),
# Hebrew, Devanagari, Thai, format characters, Hangul, CJK
_WIDTH_ALPHABET = list("aZ ,.-\"\\\nабвЖ\u0301\u0483\u00ad\u05d0\u05b0\u0915\u094d\u0e01\u0e31"
                       "\u200b\u200d\u1100\u2014中文，")


@given(st.text(alphabet=_WIDTH_ALPHABET, max_size=120))
def test_columns_beyond_one_are_counted_in_every_script(text: str) -> None:
    """The writer finds the characters that take other than one column from a table of the
    scripts below U+0530 and a width look-up for the rest: together, every character's
    width."""
    from toolkit.i18n import columns
    from toolkit.po.writer import _extra_columns

    assert (_extra_columns(text) or 0) == columns(text) - len(text)


def test_a_string_of_combining_marks_fits_by_its_columns() -> None:
    """Devanagari with viramas (a combining mark after each letter): 80 characters, 40
    columns, so msgcat keeps it on the keyword's line."""
    text = "\u0915\u094d" * 40
    assert wrap_string("msgstr", text) == [f'msgstr "{text}"']


def test_previous_msgid_lines_are_read_and_written() -> None:
    text = ('#, fuzzy\n#| msgctxt "old"\n#| msgid ""\n#| "Open the "\n#| "file"\n'
            'msgid "Open file"\nmsgstr "Открыть файл"\n\n'
            '#~| msgid "Gone"\n#~ msgid "Gone away"\n#~ msgstr "Ушёл"\n')
    po = parse_po(text)
    assert po.errors == []
    live, obsolete = po.entries
    assert (live.previous_msgctxt, live.previous_msgid) == ("old", "Open the file")
    assert obsolete.obsolete and obsolete.previous_msgid == "Gone"
    assert render_po(po) == text
    live.msgstr = "Открыть"  # the previous strings keep their lines: only msgstr changes
    assert render_po(po) == text.replace('"Открыть файл"', '"Открыть"')
    live.previous_msgid = "Open a file"
    assert render_po(po).startswith('#, fuzzy\n#| msgctxt "old"\n#| msgid "Open a file"\n'
                                    'msgid "Open file"\nmsgstr "Открыть"\n\n#~|')
    live.previous_msgctxt = live.previous_msgid = None
    obsolete.msgstr = "Ушла"
    assert render_po(po) == ('#, fuzzy\nmsgid "Open file"\nmsgstr "Открыть"\n\n'
                             '#~| msgid "Gone"\n#~ msgid "Gone away"\n#~ msgstr "Ушла"\n')


ODD = ('#  two spaces\n#. extracted\n#: a.py:1\n#: b.py:2\n#, python-format\n'
       'msgctxt "con"\n"text"\nmsgid "%(n)d fi"\n"le"\nmsgid_plural "%(n)d "\n"files"\n'
       'msgstr[0] "%(n)d "\n"файл"\nmsgstr[1] ""\nmsgstr[2] "%(n)d "\n"файлов"\n\n\n'
       '  msgid   "Next"\nmsgstr ""\n')


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda e: e.msgstr_plural.update({1: "%(n)d файла"}),
     ODD.replace('msgstr[1] ""', 'msgstr[1] "%(n)d файла"')),
    (lambda e: setattr(e, "flags", ["fuzzy", "python-format"]),
     ODD.replace("#, python-format", "#, fuzzy, python-format")),
    (lambda e: setattr(e, "comments", ("two spaces", "machine")),
     ODD.replace("#  two spaces\n", "#  two spaces\n# machine\n")),
    (lambda e: setattr(e, "comments", ()), ODD.replace("#  two spaces\n", "")),
    (lambda e: setattr(e, "references", ("a.py:1", "c.py:3")),
     ODD.replace("#: b.py:2", "#: c.py:3")),
    (lambda e: setattr(e, "msgid", "%(n)d page"),
     ODD.replace('msgid "%(n)d fi"\n"le"', 'msgid "%(n)d page"')),
    (lambda e: setattr(e, "previous_msgid", "%(n)d fil"),
     ODD.replace('msgctxt "con"', '#| msgid "%(n)d fil"\nmsgctxt "con"')),
    (lambda e: setattr(e, "msgctxt", None), ODD.replace('msgctxt "con"\n"text"\n', "")),
])
def test_a_changed_entry_keeps_the_bytes_of_its_other_parts(edit, expected: str) -> None:  # noqa: ANN001
    """Within a changed entry only the changed parts are rendered (GNU layout, where GNU
    puts a new part); wrapping, spacing and order of the rest stay, and so do the blank
    lines after it and the entry after it."""
    po = parse_po(ODD)
    edit(po.entries[0])
    assert render_po(po) == expected
    assert po.entries[0].start == 1


def test_a_changed_entry_made_obsolete_is_rendered_whole() -> None:
    po = parse_po(ODD)
    po.entries[1].obsolete = True
    assert render_po(po) == ODD.replace('  msgid   "Next"\nmsgstr ""\n',
                                        '#~ msgid "Next"\n#~ msgstr ""\n')


def test_a_catalog_with_syntax_errors_is_not_written() -> None:
    po = parse_po('msgid "a"\nmsgstr "b\n')
    with pytest.raises(CatalogError) as info:
        render_po(po)
    assert info.value.line == 2


def test_new_entries_are_appended_with_one_blank_line() -> None:
    po = parse_po('msgid ""\nmsgstr "Language: ru\\n"\n\nmsgid "a"\nmsgstr "б"')  # no final \n
    po.entries.append(PoEntry(0, msgid="b", msgstr="в"))
    assert render_po(po) == ('msgid ""\nmsgstr "Language: ru\\n"\n\nmsgid "a"\nmsgstr "б"\n\n'
                             'msgid "b"\nmsgstr "в"\n')


def test_encoding_bom_and_crlf_are_kept() -> None:
    text = ('msgid ""\r\nmsgstr "Content-Type: text/plain; charset=KOI8-R\\n"\r\n\r\n'
            'msgid "a"\r\nmsgstr "б"\r\n')
    data = b"\xef\xbb\xbf" + text.encode("koi8-r")
    po, _ = read_po(io.BytesIO(data))
    po.entries[-1].msgstr = "в"
    out = io.BytesIO()
    write_po(out, po)
    assert out.getvalue() == data.replace("б".encode("koi8-r"), "в".encode("koi8-r"))


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=200)


@settings(max_examples=300, deadline=None)
@given(msgid=_text.filter(bool), msgstr=_text, ctxt=st.none() | _text,
       plural=st.none() | st.lists(_text, min_size=1, max_size=4), prev=st.none() | _text,
       obsolete=st.booleans(), fuzzy=st.booleans())
def test_render_then_read_gives_the_entry_back(msgid: str, msgstr: str, ctxt: str | None,
                                               plural: list[str] | None, prev: str | None,
                                               obsolete: bool, fuzzy: bool) -> None:
    e = PoEntry(0, msgid=msgid, msgctxt=ctxt, obsolete=obsolete, previous_msgid=prev,
                flags=["fuzzy"] if fuzzy else [])
    if plural is None:
        e.msgstr = msgstr
    else:
        e.msgid_plural = msgid + "s"
        e.msgstr_plural = dict(enumerate(plural))
    po = parse_po(render_entry(e))
    assert po.errors == []
    (back,) = po.entries
    assert (back.msgid, back.msgctxt, back.msgstr, back.msgid_plural, back.msgstr_plural,
            back.previous_msgid, back.obsolete, back.flags) == (
        e.msgid, e.msgctxt, e.msgstr, e.msgid_plural, e.msgstr_plural, e.previous_msgid,
        e.obsolete, e.flags)


_EDITS = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(
    ["msgstr", "flags", "comments", "references", "previous", "msgid", "msgctxt",
     "obsolete"]), _text), max_size=12)


@settings(max_examples=40, deadline=None)
@given(edits=_EDITS)
def test_any_edit_of_a_real_catalog_reads_back_as_made(edits: list, django_locale: Path) -> None:  # noqa: ANN001
    """Random edits of Django's Russian catalog: the written text reads back without an error
    to exactly the edited entries, and untouched entries keep their bytes."""
    from toolkit.po.writer import content_key

    path = django_locale / "ru" / "LC_MESSAGES" / "django.po"
    po, _ = read_po(path)
    snapshot(po)
    entries = po.entries[1:]
    touched = set()
    for index, what, text in edits:
        e = entries[index % len(entries)]
        touched.add(e.start)
        if what == "msgstr":
            if e.msgid_plural is None:
                e.msgstr = text
            else:
                e.msgstr_plural = {**e.msgstr_plural, index % 3: text}
        elif what == "flags":
            e.flags = ["fuzzy", *e.flags] if "fuzzy" not in e.flags else e.flags[1:]
        elif what in ("comments", "references"):
            values = getattr(e, what)
            setattr(e, what, values[1:] + (text.replace("\n", " ").strip(),))
        elif what == "previous":
            e.previous_msgid = text or None
        elif what == "msgid" and text:
            e.msgid = f"{e.msgid} {text} {index}"  # never a duplicate of another entry
        elif what == "msgctxt":  # never a duplicate of another entry
            e.msgctxt = f"{e.msgctxt or ''}{text} {index}"
        elif what == "obsolete":
            e.obsolete = not e.obsolete
            if not e.obsolete:  # brought back: unlike any live entry
                e.msgctxt = f"back {index}"
    out = render_po(po)
    back = parse_po(out)
    assert back.errors == []
    assert [content_key(e) for e in back.entries] == [content_key(e) for e in po.entries]
    before, after = _blocks(po.text, po.entries), _blocks(out, back.entries)
    for e, old, new in zip(po.entries, before, after, strict=True):
        if e.start not in touched:
            assert new == old


def _blocks(text: str, entries: list[PoEntry]) -> list[str]:
    """Each entry's lines in *text*, from its first line to the next entry's."""
    lines = text.split("\n")
    starts = [e.start for e in entries] + [len(lines) + 1]
    return ["\n".join(lines[a - 1:b - 1]) for a, b in zip(starts, starts[1:], strict=False)]


_WORDS = st.sampled_from(["", "a", "b", "x.py:1", "y.py:2", "#|z", "fuzzy", "c-format"])
_HEADS = st.tuples(st.lists(_WORDS, max_size=2).map(tuple),
                   st.lists(_WORDS, max_size=2).map(tuple),
                   st.lists(_WORDS.filter(bool), max_size=2).map(tuple),
                   st.lists(st.sampled_from(["fuzzy", "python-format", "c-format"]),
                            max_size=2, unique=True).map(tuple),
                   st.none() | st.just("ctx"), st.none() | st.just("old"), st.none())


@given(old=_HEADS, new=_HEADS, order=st.permutations(range(12)), shuffle=st.booleans())
def test_quick_comment_patch_agrees_with_the_general_one(
        old: tuple, new: tuple, order: list[int], shuffle: bool) -> None:
    """The writer's quick path for the comment lines of a changed entry (every line one
    comment part's, in GNU order: a fill adding a comment and a flag to entries with
    references) gives the lines the general patch gives, and steps aside otherwise."""
    from toolkit.po import writer

    lines = list(writer._render_head(old, False))
    if shuffle:
        lines = [lines[i] for i in order if i < len(lines)]
    quick = writer._patch_head("".join(f"{line}\n" for line in lines), old, new, False)
    general = writer._patch(lines, writer._head_parts((old,)), writer._head_parts((new,)), False)
    if quick is not None:
        assert quick == general
    elif not shuffle and not any(line.startswith("#|") or "#|" in line for line in lines):
        raise AssertionError("the quick path stepped aside on GNU-ordered comment lines")


def _line_starts(text: str) -> list[int]:
    """Where each line of *text* begins (lines end at \\n only, as the reader counts)."""
    import itertools

    return [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n"))]


def test_the_readers_block_offsets_are_where_the_blocks_start(django_locale: Path) -> None:
    """The writer slices untouched entries out of the text at these offsets without
    counting lines: each must be the start of its entry's first line."""
    for path in _real_catalogs(django_locale):
        po, _ = read_po(path)
        starts = _line_starts(po.text)
        assert po.block_offsets, path
        assert {line: starts[line - 1] for line in po.block_offsets} == po.block_offsets, path
        assert {e.start for e in po.entries if not e.obsolete} <= set(po.block_offsets), path


def test_writing_with_the_block_offsets_is_writing_by_counting_lines(django_locale: Path) -> None:
    """Edited entries among blocks the reader's line parser took (obsolete entries, a
    keyword on a line of its own), in file order and moved about: the same text as when the
    writer finds every block by counting lines."""
    text = (django_locale / "ru" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    odd = ('#~ msgid "gone"\n#~ msgstr "ушло"\n\nmsgid\t"tab"\nmsgstr "таб"\n\n'
           '#, fuzzy\n#~ msgid "old"\n#~ msgstr "старое"\n\n')
    blocks = text.split("\n\n")
    text = "\n\n".join(blocks[:40]) + "\n\n" + odd + "\n\n".join(blocks[40:])
    for move in (False, True):
        po = parse_po(text)
        assert po.errors == [] and len(po.block_offsets) < len(po.entries)
        snapshot(po)
        for i, e in enumerate(po.entries[1:]):
            if i % 5 == 0:
                e.flags = [*e.flags, "fuzzy"]
        if move:
            po.entries.append(po.entries.pop(30))
            po.entries.insert(5, po.entries.pop(-3))
        written = render_po(po)
        po.block_offsets = None
        assert written == render_po(po)
