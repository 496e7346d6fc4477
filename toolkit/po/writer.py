"""The PO writer, symmetric to :mod:`toolkit.po.reader`, with minimal-diff writes.

A catalog read with :func:`~toolkit.po.reader.read_po` and written back with :func:`write_po`
keeps every entry the caller did not change byte for byte (wrapping, comments, order, flags,
blank lines), so a command that touches ten entries leaves a ten-entry diff. Changed and new
entries are rendered the way GNU gettext writes them (79 columns, a break after each ``\\n``,
``msgid ""`` first when the string does not fit), so they look like msgmerge's output too.

Whether an entry changed is decided by comparing it with a fresh parse of the original text,
so the reader pays nothing for it and callers may edit entries as plain objects.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from toolkit.errors import CatalogError
from toolkit.i18n import Message
from toolkit.po.reader import PoEntry, PoFile, parse_po

__all__ = ["columns", "content_key", "escape", "render_entry", "render_po", "snapshot",
           "wrap_columns", "wrap_string", "write_po"]

PAGE_WIDTH = 79
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a",
            "\b": "\\b", "\f": "\\f", "\v": "\\v"}


_TO_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def escape(text: str) -> str:
    """C-escape *text* for a PO string literal (the escapes GNU gettext writes)."""
    if _TO_ESCAPE.search(text) is None:
        return text
    return _TO_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


_WRITTEN = operator.attrgetter("msgctxt", "msgid", "msgid_plural", "msgstr", "comments",
                               "auto_comments", "references", "obsolete", "previous_msgctxt",
                               "previous_msgid", "previous_msgid_plural")


def content_key(e: PoEntry) -> tuple:
    """Everything the writer writes of an entry: equal keys mean equal output."""
    plural = e.msgstr_plural
    return (_WRITTEN(e), tuple(e.flags), tuple(sorted(plural.items())) if plural else ())


# --- line breaking: UAX #14 as far as catalogs need it (what libunistring does for msgmerge) --

# closing punctuation, small kana, and quotes (UAX #14 class QU: no break on either side)
_NO_BREAK_BEFORE = set("，。、：；！？）」』》〉】〕〗〙〛｝］％‰・ー々〻"
                       "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
                       "!%),.:;?]}…‥“”‘’'\"")
_NO_BREAK_AFTER = set("（「『《〈【〔〖〘〚｛［([{“”‘’'\"")


@functools.cache
def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in "WF"


@functools.cache
def _maybe_wide() -> re.Pattern[str]:
    """A character that is not one below U+1100 that :func:`_wide` holds narrow (all but some
    unassigned ones there): only these need the per-character width look-up, so Latin,
    Cyrillic, Greek... text needs none."""
    ranges, start = [], None
    for c in range(0x1101):
        narrow = c < 0x1100 and not _wide(chr(c))
        if narrow and start is None:
            start = c
        elif not narrow and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(c - 1))}")
            start = None
    return re.compile(f"[^{''.join(ranges)}]")



_IDEOGRAPHIC = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
                (0x20000, 0x3FFFF))


@functools.cache
def _ideographic_re() -> re.Pattern[str]:
    """Compiled on first use: a class spanning ~70,000 code points takes re ~15 ms to compile,
    and most users of this module (``catalog compile``, ``--help``) never break a line."""
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _IDEOGRAPHIC) + "]")


def _ideographic(c: str) -> bool:
    return _ideographic_re().match(c) is not None


def _break_before(prev: str, c: str) -> bool:
    """May a line break go between *prev* and *c*?"""
    if c == " ":
        return False
    if prev == " ":
        return True
    if c in _NO_BREAK_BEFORE or prev in _NO_BREAK_AFTER:
        return False
    if _ideographic(c) or _ideographic(prev):
        return True
    if prev in "-/" and c.isalpha():
        return True
    return False


_ASCII_BREAKS = re.compile(r"(?<= )(?=[^ ])|(?<=[-/])(?=[A-Za-z])")  # _break_before, ASCII
# _break_before on text with no ideographic character: after a space, or after - or / when
# a letter follows (no letter outside the ideographic ranges is in _NO_BREAK_BEFORE)
_AFTER_SPACE = re.compile(r"(?<= )(?=[^ ])")
_AFTER_DASH = re.compile(r"(?<=[-/])(?=.)", re.S)


def _opportunities(portion: str) -> list[int]:
    """Indexes *i* where a line may break before ``portion[i]`` (see :func:`_break_before`)."""
    if _ideographic_re().search(portion):
        return [i for i in range(1, len(portion)) if _break_before(portion[i - 1], portion[i])]
    found = [m.start() for m in _AFTER_SPACE.finditer(portion)]
    if "-" in portion or "/" in portion:
        found += [i for i in (m.start() for m in _AFTER_DASH.finditer(portion))
                  if portion[i].isalpha()]
        found.sort()
    return found


def columns(text: str) -> int:
    """Terminal columns *text* takes (a wide character, e.g. Chinese, takes two)."""
    return len(text) + sum(map(_wide, text))


def wrap_columns(text: str, width: int) -> list[str]:
    """*text* (one paragraph, no newline) broken into lines of at most *width* terminal
    columns (a wide character takes two) at the same opportunities as catalog lines, the
    spaces at each break dropped; a piece longer than *width* gets a line of its own. For
    text shown on a terminal, e.g. Chinese help (:mod:`toolkit.cli.localized`)."""
    lines: list[str] = []
    line, column = "", 0
    # not inside an option name: "--force" stays whole (a break after a hyphen only between
    # letters, as in "whitespace-padded")
    bounds = [0, *(i for i in _opportunities(text)
                   if text[i - 1] != "-" or (i >= 2 and text[i - 2].isalnum())), len(text)]
    for begin, end in itertools.pairwise(bounds):
        piece = text[begin:end]
        size = columns(piece)
        kept = size - (len(piece) - len(piece.rstrip(" ")))  # its trailing spaces may go
        if line and column + kept > width:
            lines.append(line.rstrip(" "))
            line, column = "", 0
        line += piece
        column += size
    if line or not lines:
        lines.append(line.rstrip(" "))
    return lines


def _wide_count(text: str) -> int:
    """How many of *text*'s characters are wide: a wide character takes two columns and is
    never escaped; any other takes the columns of its escape."""
    return 0 if text.isascii() else sum(map(_wide, _maybe_wide().findall(text)))


def _portion_lines(portion: str, start_column: int, width: int,
                   line_start: int) -> list[str]:
    """Split one ``\\n``-delimited portion into escaped line bodies (greedy, like
    libunistring's ``ulc_width_linebreaks``: break at the last opportunity before the
    column passes *width*)."""
    escaped = escape(portion)
    wide = _wide_count(portion)
    if start_column + len(escaped) + wide <= width:  # fits: the usual case, no break to find
        return [escaped]
    units: list[str] | str
    cumulative: Sequence[int]  # columns before each character
    if wide:
        units = [_ESCAPES.get(c, c) for c in portion]
        widths = [2 if _wide(c) else len(u) for c, u in zip(portion, units, strict=True)]
        cumulative = [0, *itertools.accumulate(widths)]
    elif len(escaped) != len(portion):
        units = [_ESCAPES.get(c, c) for c in portion]
        cumulative = [0, *itertools.accumulate(map(len, units))]
    else:  # nothing escaped, nothing wide: a character is a column
        units, cumulative = portion, range(len(portion) + 1)
    if portion.isascii():
        opportunities = [m.start() for m in _ASCII_BREAKS.finditer(portion) if m.start()]
    else:
        opportunities = _opportunities(portion)
    breaks: list[int] = []
    column = start_column  # column where the piece since the last opportunity begins
    last: int | None = None  # the last break opportunity
    previous = 0
    for i in opportunities:
        piece = cumulative[i] - cumulative[previous]
        if last is not None and column + piece > width:
            breaks.append(last)
            column = line_start
        last = previous = i
        column += piece
    if last is not None and column + cumulative[-1] - cumulative[previous] > width:
        breaks.append(last)
    bounds = itertools.pairwise([0, *breaks, len(units)])
    if isinstance(units, str):
        return [units[begin:end] for begin, end in bounds]
    return ["".join(units[begin:end]) for begin, end in bounds]


def wrap_string(keyword: str, value: str, prefix: str = "") -> list[str]:
    """The lines GNU gettext writes for ``keyword "value"`` (*prefix* is ``"#~ "`` or
    ``"#| "``)."""
    nl = value.find("\n")
    if nl == -1 or nl == len(value) - 1:  # one portion: on the keyword's line if it fits
        escaped = escape(value)
        if len(prefix) + len(keyword) + 2 + len(escaped) + _wide_count(value) < PAGE_WIDTH:
            return [f'{prefix}{keyword} "{escaped}"']
    portions: list[str] = []
    begin = 0
    while True:
        nl = value.find("\n", begin)
        if nl == -1 or nl == len(value) - 1:
            portions.append(value[begin:])
            break
        portions.append(value[begin:nl + 1])
        begin = nl + 1
    head = f"{prefix}{keyword} "
    first_col = len(head) + 1
    if len(portions) == 1:
        one = _portion_lines(portions[0], first_col, PAGE_WIDTH - 1, len(prefix) + 1)
        if len(one) == 1:
            return [f'{head}"{one[0]}"']
    lines = [f'{head}""']
    for portion in portions:
        lines.extend(f'{prefix}"{body}"'
                     for body in _portion_lines(portion, len(prefix) + 1, PAGE_WIDTH - 1,
                                                len(prefix) + 1))
    return lines


def render_entry(e: PoEntry) -> str:
    """One entry as GNU gettext writes it (no trailing blank line)."""
    out: list[str] = []
    out.extend(f"# {c}" if c else "#" for c in e.comments)
    out.extend(f"#. {c}" if c else "#." for c in e.auto_comments)
    out.extend(f"#: {r}" for r in e.references)
    if e.flags:
        out.append("#, " + ", ".join(e.flags))
    prev = "#~| " if e.obsolete else "#| "
    if e.previous_msgctxt is not None:
        out.extend(wrap_string("msgctxt", e.previous_msgctxt, prev))
    if e.previous_msgid is not None:
        out.extend(wrap_string("msgid", e.previous_msgid, prev))
    if e.previous_msgid_plural is not None:
        out.extend(wrap_string("msgid_plural", e.previous_msgid_plural, prev))
    p = "#~ " if e.obsolete else ""
    if e.msgctxt is not None:
        out.extend(wrap_string("msgctxt", e.msgctxt, p))
    out.extend(wrap_string("msgid", e.msgid, p))
    if e.msgid_plural is not None:
        out.extend(wrap_string("msgid_plural", e.msgid_plural, p))
        for i in sorted(e.msgstr_plural) or [0]:
            out.extend(wrap_string(f"msgstr[{i}]", e.msgstr_plural.get(i, ""), p))
    else:
        out.extend(wrap_string("msgstr", e.msgstr or "", p))
    return "\n".join(out) + "\n"


def snapshot(po: PoFile, editable: Iterable[PoEntry] | None = None) -> None:
    """Remember what *po*'s entries hold now, so :func:`render_po` can tell which ones a
    command changed without parsing the original text again (call it right after reading).

    *editable*: the only entries the command may change, when it knows them: the others are
    then written as read without being compared (a fill that edits 2,000 entries of 5,800
    compares 2,000).
    """
    if editable is None:
        po.snapshot = {e.start: content_key(e) for e in po.entries if e.start}
        return
    po.snapshot = dict.fromkeys([e.start for e in po.entries if e.start])
    po.snapshot.update({e.start: content_key(e) for e in editable if e.start})


def _original_blocks(po: PoFile) -> dict[int, tuple[tuple | None, int, int]]:
    """start line -> (content key, None when it cannot have changed; where its block begins
    and ends in ``po.text``) for every entry as read. Lines are ``\\n``-terminated as the
    reader counts them (``str.splitlines`` also ends a line at U+2028, a form feed... that a
    string may hold)."""
    if not po.text:
        return {}
    if po.snapshot is not None:
        keys = po.snapshot
        starts = sorted(keys)
    else:
        fresh = parse_po(po.text)
        keys = {e.start: content_key(e) for e in fresh.entries}
        starts = [e.start for e in fresh.entries]
    text = po.text
    size = len(text)
    before = _lines_before(text)
    begins = [min(before[s - 1] + s - 1, size) for s in starts]
    return dict(zip(starts, zip([keys[s] for s in starts], begins, [*begins[1:], size],
                                strict=True), strict=True))


def _lines_before(text: str) -> list[int]:
    """For each line number *n* (1-based, ``\\n``-terminated lines), the characters of the
    lines before it but their newlines: line *n* begins at ``[n - 1] + n - 1``."""
    return list(itertools.accumulate(map(len, text.split("\n")), initial=0))


def render_po(po: PoFile) -> str:
    """The catalog's text: untouched entries as read, changed and new ones rendered."""
    if po.errors:
        err = po.errors[0]
        raise CatalogError(Message("cannot write a catalog with syntax errors: {error}",
                                   error=err.message), line=err.line)
    blocks = _original_blocks(po)
    text = po.text
    out: list[str] = []
    if po.entries and po.entries[0].start > 1 and text:
        first = po.entries[0].start
        out.append(text[:min(_lines_before(text)[first - 1] + first - 1, len(text))])
    for e in po.entries:
        if out:
            tail = out[-1]
            if not tail.endswith("\n"):
                out.append("\n\n")
            elif not tail.endswith("\n\n") and tail != "\n":
                out.append("\n")
        original = blocks.get(e.start) if e.start else None
        if original is not None and (original[0] is None or original[0] == content_key(e)):
            out.append(text[original[1]:original[2]])
        else:
            out.append(render_entry(e))
    return "".join(out)


def write_po(fh: BinaryIO, po: PoFile) -> None:
    """Write *po* to a binary file object in the encoding, BOM and line ends it was read with
    (UTF-8 and ``\\n`` for a catalog built in memory)."""
    text = render_po(po)
    src = po.source
    if src is not None and src.crlf_lines and len(src.crlf_lines) >= text.count("\n") - 1:
        text = text.replace("\n", "\r\n")
    encoding = src.used_charset if src is not None else "utf-8"
    if src is not None and src.bom:
        fh.write(codecs.BOM_UTF8)
    try:
        fh.write(text.encode(encoding))
    except UnicodeEncodeError as exc:
        raise CatalogError(Message("text cannot be written in the catalog's charset {charset}: "
                                   "{error}", charset=encoding, error=exc.reason)) from None
