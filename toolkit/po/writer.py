"""The PO writer, symmetric to :mod:`toolkit.po.reader`, with minimal-diff writes.

A catalog read with :func:`~toolkit.po.reader.read_po` and written back with :func:`write_po`
keeps every entry the caller did not change byte for byte (wrapping, comments, order, flags,
blank lines), so a command that touches ten entries leaves a ten-entry diff. The same rule
holds inside a changed entry: the parts it still holds as read (msgctxt, msgid, msgid_plural,
each comment and reference line, the ``#|`` previous strings, each plural form) keep their
lines; only the parts that changed are rendered, the way GNU gettext writes them (79
columns, a break after each ``\\n``, ``msgid ""`` first when the string does not fit), in
the place GNU gives a part the entry did not have. New entries are rendered whole, so they
look like msgmerge's output too.

Whether an entry changed is decided by comparing it with what was read (a snapshot taken
after reading, else a fresh parse of the original text), so the reader pays nothing for it
and callers may edit entries as plain objects.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from toolkit.errors import CatalogError
from toolkit.i18n import Message, columns
from toolkit.i18n import width as _width
from toolkit.po.linebreak import opportunities
from toolkit.po.reader import PoEntry, PoFile, parse_po, split_keywords

__all__ = ["columns", "content_key", "escape", "render_entry", "render_po", "snapshot",
           "wrap_columns", "wrap_string", "write_po"]

PAGE_WIDTH = 79
NO_WRAP = 1 << 30
"""The page width of an entry flagged ``no-wrap``: GNU gettext breaks its strings only after
each ``\\n`` (a usage text keeps its own lines), never at the 79th column."""


def _page_width(flags: Iterable[str]) -> int:
    """The width an entry with *flags* is written at: :data:`NO_WRAP` for ``no-wrap``."""
    return NO_WRAP if "no-wrap" in flags else PAGE_WIDTH
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a",
            "\b": "\\b", "\f": "\\f", "\v": "\\v"}


_TO_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def escape(text: str) -> str:
    """C-escape *text* for a PO string literal (the escapes GNU gettext writes)."""
    if _TO_ESCAPE.search(text) is None:
        return text
    return _TO_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


_HEAD_NAMES = ("comments", "auto_comments", "references", "flags", "previous_msgctxt",
               "previous_msgid", "previous_msgid_plural")
_BODY_NAMES = ("msgctxt", "msgid", "msgid_plural")


def content_key(e: PoEntry) -> tuple:
    """Everything the writer writes of an entry: equal keys mean equal output.

    (comment parts in GNU order, keyword parts, obsolete): the comment lines and the keyword
    lines compare apart, so a changed entry keeps the section that did not change."""
    plural = e.msgstr_plural
    return ((e.comments, e.auto_comments, e.references, tuple(e.flags), e.previous_msgctxt,
             e.previous_msgid, e.previous_msgid_plural),
            (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr,
             tuple(sorted(plural.items())) if plural else ()),
            e.obsolete)


# --- line breaking: where (toolkit.po.linebreak) and how wide (columns, escapes) ---

_SORTED_UP_TO = 0x0530
""":func:`_maybe_odd` sorts out the characters below this one (Latin, Greek, Cyrillic: the
catalogs' scripts that are not wide) ahead; the others are looked up where a text has them."""


@functools.cache
def _maybe_odd() -> re.Pattern[str]:
    """A character that is not one below :data:`_SORTED_UP_TO` that :func:`_width` gives one
    column (all but combining marks there): only these need the per-character width
    look-up, so most Latin, Cyrillic, Greek... text needs none.

    Built once per process from :func:`_width`'s own test, uncached (``__wrapped__``):
    filling its cache with these characters cost a catalog command 5 ms. Sorting out every
    character below U+1100 ahead (4,352 look-ups, and a pattern re compiles a range map of
    that size for) cost each process that wraps a non-ASCII string 28 M instructions; a
    character of another script costs a width look-up where a text has it (cached)."""
    test = _width.__wrapped__  # type: ignore[attr-defined]
    ranges, start = [], None
    for c in range(_SORTED_UP_TO + 1):
        narrow = c < _SORTED_UP_TO and test(chr(c)) == 1
        if narrow and start is None:
            start = c
        elif not narrow and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(c - 1))}")
            start = None
    return re.compile(f"[^{''.join(ranges)}]")


def _prose_break(text: str, i: int) -> bool:
    """Is the catalog break before ``text[i]`` one for prose on a terminal too: after spaces,
    next to a wide character, or after a hyphen between letters ("whitespace-|padded", never
    inside "--force"); not after the dot of "pyproject.toml" or the colon of "a:b"."""
    prev, c = text[i - 1], text[i]
    if prev == " " or _width(prev) == 2 or _width(c) == 2:
        return True
    return prev == "-" and i >= 2 and text[i - 2].isalnum() and c.isalnum()


def wrap_columns(text: str, width: int) -> list[str]:
    """*text* (one paragraph, no newline) broken into lines of at most *width* terminal
    columns (a wide character takes two) where a catalog line may break and prose may, the
    spaces at each break dropped; a piece longer than *width* gets a line of its own. For
    text shown on a terminal, e.g. Chinese help (:mod:`toolkit.cli.localized`)."""
    lines: list[str] = []
    line, column = "", 0
    bounds = [0, *(i for i in opportunities(text, escaped=False) if _prose_break(text, i)),
              len(text)]
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


def _extra_columns(text: str) -> int | None:
    """Columns *text*'s characters take beyond one each (a wide character takes two and is
    never escaped, a combining mark none; any other takes the columns of its escape), or
    None when no character takes other than one."""
    if text.isascii():
        return None
    odd = _maybe_odd().findall(text)
    return sum(map(_width, odd)) - len(odd) if odd else None


def _portion_lines(portion: str, start_column: int, width: int,
                   line_start: int) -> list[str]:
    """Split one ``\\n``-delimited portion into escaped line bodies (greedy, like
    libunistring's ``ulc_width_linebreaks``: break at the last opportunity before the
    column passes *width*)."""
    escaped = escape(portion)
    extra = _extra_columns(portion)
    if start_column + len(escaped) + (extra or 0) <= width:  # fits: the usual case
        return [escaped]
    breaks_at, at, total = _break_places(portion, escaped, extra)
    return _cut(portion, escaped, _greedy_breaks(breaks_at, at, total, start_column, width,
                                                 line_start))


def _break_places(portion: str, escaped: str, extra: int | None
                  ) -> tuple[list[int], list[int], int]:
    """(the indexes where a line may break before ``portion[i]``, the column of each from the
    portion's start, the portion's columns). A character takes one column, but an escaped
    one (``\\n``, ``\\"``) the columns of its escape and a wide or combining one its own
    (*extra*: :func:`_extra_columns`): the columns are counted from where those few
    characters are, with no step per character."""
    breaks_at = opportunities(portion)
    if extra is None and len(escaped) == len(portion):  # a character is a column
        return breaks_at, breaks_at, len(portion)
    odd = ([(m.start(), len(_ESCAPES[m.group()]) - 1) for m in _TO_ESCAPE.finditer(portion)]
           if len(escaped) != len(portion) else [])
    if extra is not None:
        odd += [(m.start(), _width(m.group()) - 1) for m in _maybe_odd().finditer(portion)
                if m.group() not in _ESCAPES]
        odd.sort()
    places = [i for i, _ in odd]
    before = [0, *itertools.accumulate(d for _, d in odd)]  # columns beyond one, cumulated
    return (breaks_at, [i + before[bisect.bisect_left(places, i)] for i in breaks_at],
            len(portion) + before[-1])


def _cut(portion: str, escaped: str, breaks: list[int]) -> list[str]:
    """The escaped lines of *portion* broken before the indexes *breaks*."""
    if not breaks:
        return [escaped]
    bounds = itertools.pairwise([0, *breaks, len(portion)])
    if len(escaped) == len(portion):  # nothing escaped: slices of the portion
        return [portion[begin:end] for begin, end in bounds]
    return [escape(portion[begin:end]) for begin, end in bounds]


def _greedy_breaks(breaks_at: Sequence[int], at: Sequence[int], total: int,
                   start_column: int, width: int, line_start: int) -> list[int]:
    """The opportunities *breaks_at* a line breaks at, greedily: each line runs to the last
    opportunity before its text passes *width* columns (but at least to its first, so a
    piece longer than a line gets a line of its own), the last line to the end.

    *at* holds each opportunity's column from the portion's start and *total* the portion's
    columns; the first line starts in column *start_column*, the others in *line_start*. A
    bisection per line, not a step per opportunity: a long translation has one at every
    space."""
    breaks: list[int] = []
    count = len(at)
    begin, column, k = 0, start_column, 0  # where the line starts, its column, its first
    while k < count and total - begin + column > width:  # opportunity after its start
        j = max(bisect.bisect_right(at, begin + width - column, k) - 1, k)
        breaks.append(breaks_at[j])
        begin, column, k = at[j], line_start, j + 1
    return breaks


def wrap_string(keyword: str, value: str, prefix: str = "",
                width: int = PAGE_WIDTH) -> list[str]:
    """The lines GNU gettext writes for ``keyword "value"`` (*prefix* is ``"#~ "`` or
    ``"#| "``) on a page *width* columns wide (:data:`NO_WRAP`: lines end at ``\\n`` only)."""
    nl = value.find("\n")
    head = f"{prefix}{keyword} "
    column = len(prefix) + 1  # of a line after the keyword's
    if nl == -1 or nl == len(value) - 1:  # one portion: on the keyword's line if it fits
        escaped = escape(value)
        room = width - len(head) - 1 - len(escaped)
        # a character takes at most two columns: a short string fits without counting
        extra = None if len(value) < room else _extra_columns(value)
        if (extra or 0) < room:
            return [f'{head}"{escaped}"']
        # it does not fit there: it stays on the keyword's line only if no break would be
        # made there; the lines after ``msgid ""`` are laid out from the same break places
        breaks_at, at, total = _break_places(value, escaped, extra)
        if not _greedy_breaks(breaks_at, at, total, len(head) + 1, width - 1, column):
            return [f'{head}"{escaped}"']
        breaks = _greedy_breaks(breaks_at, at, total, column, width - 1, column)
        return [f'{head}""', *(f'{prefix}"{body}"' for body in _cut(value, escaped, breaks))]
    lines = [f'{head}""']
    begin = 0
    while True:
        nl = value.find("\n", begin)
        last = nl == -1 or nl == len(value) - 1
        portion = value[begin:] if last else value[begin:nl + 1]
        lines.extend(f'{prefix}"{body}"'
                     for body in _portion_lines(portion, column, width - 1, column))
        if last:
            return lines
        begin = nl + 1


# The parts of an entry in the order GNU gettext writes them. A part is one of these names or
# a plural form's index (msgstr[i]); its rank says where a part an entry did not have goes.
_RANKS = {"comments": 0, "auto_comments": 1, "references": 2, "flags": 3, "previous_msgctxt": 4,
          "previous_msgid": 5, "previous_msgid_plural": 6, "msgctxt": 7, "msgid": 8,
          "msgid_plural": 9, "msgstr": 10}
_FORM_RANK = 11  # msgstr[i] ranks _FORM_RANK + i
_LAST = 1 << 30  # the blank lines that end a block
_ONE_PER_LINE = ("comments", "auto_comments", "references")  # a line per value
_COMMENT_PARTS = {",": "flags", ":": "references", ".": "auto_comments"}
_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
# the comment lines that open a block (previous strings of an obsolete entry included)
_HEAD = re.compile(r"(?:#(?:[^~\n][^\n]*)?\n|#~\|[^\n]*\n)*")

Part = str | int


def _head_parts(key: tuple) -> dict[Part, object]:
    """The comment parts of an entry with content key *key* (:func:`content_key`), in
    GNU order; an empty or None value is a part the entry does not have."""
    return dict(zip(_HEAD_NAMES, key[0], strict=True))


def _forms(body: tuple) -> dict[Part, object]:
    """The translation parts of an entry's keyword parts: msgstr, or msgstr[i] by form."""
    if body[2] is None:
        return {"msgstr": body[3] or ""}
    return dict(body[4] or ((0, ""),))


def _body_parts(key: tuple) -> dict[Part, object]:
    """The keyword parts of an entry with content key *key*, in GNU order."""
    body = key[1]
    return {"msgctxt": body[0], "msgid": body[1], "msgid_plural": body[2], **_forms(body)}


def _rank(part: Part) -> int:
    return _FORM_RANK + part if isinstance(part, int) else _RANKS[part]


def _render_part(part: Part, value: object, obsolete: bool,
                 width: int = PAGE_WIDTH) -> list[str]:
    """The lines GNU gettext writes for one part of an entry (none for an absent one), its
    strings wrapped at *width* (:func:`_page_width` of the entry's flags)."""
    if value is None or value == ():
        return []
    if part == "comments":
        return [f"# {c}" if c else "#" for c in value]  # type: ignore[attr-defined]
    if part == "auto_comments":
        return [f"#. {c}" if c else "#." for c in value]  # type: ignore[attr-defined]
    if part == "references":
        return [f"#: {r}" for r in value]  # type: ignore[attr-defined]
    if part == "flags":
        return ["#, " + ", ".join(value)]  # type: ignore[arg-type]
    if isinstance(part, int):
        return wrap_string(f"msgstr[{part}]", value, "#~ " if obsolete else "",  # type: ignore[arg-type]
                           width)
    if part.startswith("previous_"):
        return wrap_string(part[9:], value, "#~| " if obsolete else "#| ", width)  # type: ignore[arg-type]
    return wrap_string(part, value, "#~ " if obsolete else "", width)  # type: ignore[arg-type]


def _render_parts(parts: dict[Part, object], obsolete: bool,
                  width: int = PAGE_WIDTH) -> list[str]:
    """The lines of the parts the entry has (a value neither None nor empty)."""
    out: list[str] = []
    for part, value in parts.items():
        if value is not None and value != ():
            out.extend(_render_part(part, value, obsolete, width))
    return out


@functools.lru_cache(maxsize=512)
def _render_head(head: tuple, obsolete: bool) -> tuple[str, ...]:
    """The comment lines of an entry whose comment parts are *head* (``content_key(e)[0]``):
    the entries a command adds or fills mostly share them (a fill gives each the same
    translator comment and flags), so they are rendered once each."""
    return tuple(_render_parts(dict(zip(_HEAD_NAMES, head, strict=True)), obsolete,
                               _page_width(head[3])))


def render_entry(e: PoEntry) -> str:
    """One entry as GNU gettext writes it (no trailing blank line)."""
    key = content_key(e)
    return "\n".join([*_render_head(key[0], e.obsolete),
                      *_render_parts(_body_parts(key), e.obsolete,
                                     _page_width(key[0][3]))]) + "\n"


def _units(lines: list[str]) -> list[tuple[Part | None, list[str]]] | None:
    """The lines of a block (or of a part of one) grouped by the part each belongs to: a
    comment line, a keyword line with its continuation lines; None for a blank line or a
    ``#|`` line the reader ignores. None for the whole when a line fits no part, or holds
    more than one (``msgid "a" msgstr "b"``, which msgfmt and the reader accept): its parts
    cannot change apart."""
    units: list[tuple[Part | None, list[str]]] = []
    string: list[str] | None = None  # the lines of the string a '"..."' line continues
    previous: list[str] | None = None  # likewise for a '#| "..."' line
    for line in lines:
        first = line[:1]
        if first == "#" and line[1:2] != "~" or line[:3] == "#~|":
            string = None
            kind = line[1:2] if first == "#" and line[1:2] != "~" else "|"
            if kind != "|":
                units.append((_COMMENT_PARTS.get(kind, "comments"), [line]))
                previous = None
                continue
            body = line[3 if line[1:2] == "~" else 2:].strip()
            if body[:1] == '"' and previous is not None:
                previous.append(line)
                continue
            kw = body.partition(" ")[0]
            previous = [line]
            units.append((f"previous_{kw}" if kw in _KEYWORDS[:3] else None, previous))
            continue
        previous = None
        body = line[2:].lstrip() if first == "#" else line.lstrip(" \t")
        if not body:
            units.append((None, [line]))
            string = None
            continue
        if len(split_keywords(body)) > 1:
            return None
        if body[0] == '"':
            if string is None:
                return None
            string.append(line)
        else:
            kw = body.partition(" ")[0]
            part: Part
            if kw in _KEYWORDS:
                part = kw
            elif kw[:7] == "msgstr[" and kw[-1:] == "]" and kw[7:-1].isdigit():
                part = int(kw[7:-1])
            else:
                return None
            string = [line]
            units.append((part, string))
    return units


def _patch(lines: list[str], old: dict[Part, object], new: dict[Part, object],
           obsolete: bool, width: int = PAGE_WIDTH) -> list[str] | None:
    """*lines* (the lines of one section of a block as read, whose parts held *old*) made to
    hold *new*: a part whose value did not change keeps its lines, a changed one is rendered
    where its first line was, a new one goes where GNU gettext puts it. Of the values of a
    part written a line each (comments, references), the ones kept keep their lines. None
    when the lines cannot be told apart."""
    units = _units(lines)
    if units is None:
        return None
    rank = -1
    placed: list[tuple[int, list[str]]] = []
    done: set[Part] = set()
    for part, text in units:
        if part is None:
            placed.append((rank, text))
            continue
        rank = _RANKS[part] if part.__class__ is str else _FORM_RANK + part  # _rank(part)
        value = new.get(part)
        if old.get(part) == value:
            placed.append((rank, text))
        elif part not in done:
            done.add(part)
            if part in _ONE_PER_LINE:
                kept = [t[0] for p, t in units if p == part]
                if len(kept) != len(old[part]):  # type: ignore[arg-type]
                    return None
                pool: dict[object, list[str]] = {}
                for v, line in zip(old[part], kept, strict=True):  # type: ignore[call-overload]
                    pool.setdefault(v, []).append(line)
                fresh = _render_part(part, value, obsolete, width)
                text = [pool[v].pop(0) if pool.get(v) else fresh[i]
                        for i, v in enumerate(value or ())]  # type: ignore[arg-type]
            else:
                text = _render_part(part, value, obsolete, width)
            placed.append((rank, text))
    seen = {part for part, _ in units}
    for part, value in new.items():
        if value is not None and value != () and part not in seen:
            r = _rank(part)
            at = next((i for i, (q, _) in enumerate(placed) if q > r), len(placed))
            placed.insert(at, (r, _render_part(part, value, obsolete, width)))
    return [line for _, text in placed for line in text]


def _patch_head(head: str, old: tuple, new: tuple, obsolete: bool) -> list[str] | None:
    """:func:`_patch` for the usual comment lines of a block (*head*, as read): every line
    one comment part's (no ``#|`` previous strings), in GNU order. Then a part that changed
    goes where its lines were or, new, where its rank puts it, which is the same place: the
    parts are written in order, each with its old lines when its value (*old*, *new*: the
    comment parts of :func:`content_key`) is the same. None when *head* is not like that
    (:func:`_patch` then decides): the lines of a block with references (every line a fill
    touches in most catalogs) without :func:`_patch`'s general bookkeeping."""
    if "#|" in head or "#~" in head:
        return None
    groups: dict[str, list[str]] = {}
    last = -1
    for line in head.split("\n")[:-1]:
        part = _COMMENT_PARTS.get(line[1:2], "comments")
        rank = _RANKS[part]
        if rank < last:
            return None
        last = rank
        if part in groups:
            groups[part].append(line)
        else:
            groups[part] = [line]
    out: list[str] = []
    width = _page_width(new[3])
    for part, was, now in zip(_HEAD_NAMES, old, new, strict=True):
        lines = groups.get(part)
        if was == now:
            if lines:
                out.extend(lines)
        elif lines and part in _ONE_PER_LINE:  # the values kept keep their lines
            if len(lines) != len(was):
                return None
            pool: dict[str, list[str]] = {}
            for v, line in zip(was, lines, strict=True):
                pool.setdefault(v, []).append(line)
            fresh = _render_part(part, now, obsolete, width)
            out.extend(pool[v].pop(0) if pool.get(v) else fresh[i]
                       for i, v in enumerate(now or ()))
        else:
            out.extend(_render_part(part, now, obsolete, width))
    return out


def _changed_block(e: PoEntry, key: tuple, old: tuple, block: str) -> str:
    """Entry *e* (content key *key*) written over its *block* as read (content key *old*):
    the parts it still holds as read keep their bytes (wrapping, comments, order), the rest
    are rendered as GNU gettext writes them, and the block's blank lines stay.

    The block is taken in sections, each left as it is when none of its parts changed: the
    comment lines, the keywords up to the first msgstr, the translations (a fill changes
    the first and the last)."""
    obsolete = key[2]
    width = _page_width(key[0][3])
    if old[2] != obsolete:  # made obsolete or brought back: every line changes
        return render_entry(e)
    content = block.rstrip("\n")
    tail = block[len(content):] or "\n"
    cut = _HEAD.match(block).end() if block[:1] == "#" else 0  # type: ignore[union-attr]
    if cut > len(content):  # comments alone: not an entry the reader makes
        return render_entry(e)
    if old[0] == key[0]:
        head = block[:cut]
    else:
        if cut == 0:  # none to keep
            lines = _render_head(key[0], obsolete)
        else:
            lines = _patch_head(block[:cut], old[0], key[0], obsolete)
            if lines is None:
                lines = _patch(block[:cut].split("\n")[:-1], _head_parts(old),
                               _head_parts(key), obsolete, width)
        if lines is None:
            return render_entry(e)
        head = "\n".join(lines) + "\n" if lines else ""
    ob, nb = old[1], key[1]
    if ob == nb:
        return head + content[cut:] + tail
    at = content.find("\nmsgstr", cut) + 1 if ob[:3] == nb[:3] and not obsolete else 0
    if at == 0:  # the keywords changed too (or an obsolete entry's): the whole body
        lines = _patch(content[cut:].split("\n"), _body_parts(old), _body_parts(key),
                       obsolete, width)
    elif nb[2] is None:
        lines = wrap_string("msgstr", nb[3] or "", width=width)
    else:
        lines = _patch(content[at:].split("\n"), _forms(ob), _forms(nb), False, width)
    if lines is None:
        return render_entry(e)
    return head + content[cut:at] + "\n".join(lines) + tail


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


def _original_keys(po: PoFile) -> dict[int, tuple | None]:
    """start line -> content key as read (None: the entry cannot have changed) of every
    entry of ``po.text``: the snapshot, else a fresh parse."""
    if po.snapshot is not None:
        return po.snapshot
    return {e.start: content_key(e) for e in parse_po(po.text).entries}


class _LineStarts:
    """Where a line (1-based, ``\\n``-terminated as the reader counts lines:
    ``str.splitlines`` also ends a line at U+2028, a form feed... that a string may hold)
    begins in a text; a line past the end begins at its end. Asked in ascending order, as
    the writer does, each answer goes on from the last one: stretches of text that end
    before the wanted line are passed with ``str.count`` (at C speed; the regular expression
    that skipped 32 lines at a time matched the catalog character by character, a tenth of
    the writing of a fill of 2,000 entries), the last few lines with a ``str.find`` each.
    No splitting of the whole text: a write that changes a few entries looks at the lines
    up to the last of them only. The lines *known* (where the reader found an entry's block,
    :attr:`~toolkit.po.reader.PoFile.block_offsets`) are answered without counting."""

    def __init__(self, text: str, known: dict[int, int] | None = None) -> None:
        self.text = text
        self.known = known or {}
        self.line, self.pos = 1, 0

    def __call__(self, wanted: int) -> int:
        if wanted == self.line:  # the end of one block is where the next one begins
            return self.pos
        pos = self.known.get(wanted)
        if pos is not None:
            self.line, self.pos = wanted, pos
            return pos
        if wanted < self.line:  # entries put out of order: from the top again
            self.line, self.pos = 1, 0
        text, line, pos = self.text, self.line, self.pos
        while line < wanted:
            left = wanted - line
            if left > 4:  # skip a stretch that ends before the wanted line, if one is found
                size = left * 16
                n = text.count("\n", pos, pos + size)
                while n >= left and size > 64:  # too far: halve it
                    size //= 2
                    n = text.count("\n", pos, pos + size)
                if 0 < n < left:
                    line, pos = line + n, text.rfind("\n", pos, pos + size) + 1
                    continue
            nl = text.find("\n", pos)  # else a line
            if nl == -1:  # fewer lines left than that: the last one has no newline
                self.line, self.pos = wanted, len(text)
                return self.pos
            line, pos = line + 1, nl + 1
        self.line, self.pos = line, pos
        return pos


SHARED_LINE = Message("one entry ends and the next begins on this line: put the next entry "
                      "on a line of its own, so that the catalog can be written back")
"""Why a catalog with :attr:`~toolkit.po.reader.PoFile.shared_lines` is not written: msgfmt
reads it, but the writer keeps an untouched entry's lines as they are, and this line belongs
to two entries."""


def render_po(po: PoFile) -> str:
    """The catalog's text: untouched entries as read, changed and new ones rendered.

    An untouched entry is copied from ``po.text`` with the blank lines after it (a run of
    them in one slice); a changed one keeps the bytes of every part it still holds as read
    (:func:`_changed_block`); a new one is rendered whole (:func:`render_entry`).
    """
    if po.errors:
        err = po.errors[0]
        raise CatalogError(Message("cannot write a catalog with syntax errors: {error}",
                                   error=err.message), line=err.line)
    if po.shared_lines:
        raise CatalogError(SHARED_LINE, line=po.shared_lines[0])
    text = po.text
    keys = _original_keys(po) if text else {}
    starts = sorted(keys)
    following = dict(zip(starts, [*starts[1:], 0], strict=False))  # 0: the end of the text
    line_start = _LineStarts(text, po.block_offsets)
    size = len(text)
    out: list[str] = []
    first = po.entries[0].start if po.entries and text else 0
    if first > 1:
        out.append(text[:line_start(first)])
    run_first = run_end = 0  # the run of untouched blocks being copied: [first, end)

    def put(piece: str) -> None:
        if out:
            tail = out[-1]
            if tail[-2:] != "\n\n" and tail != "\n":
                out.append("\n" if tail[-1:] == "\n" else "\n\n")
        out.append(piece)

    for e in po.entries:
        s = e.start
        if s in keys:
            old = keys[s]
            key = None if old is None else content_key(e)
            if old is None or old == key:
                if s != run_end or not run_first:
                    if run_first:
                        put(text[line_start(run_first):line_start(run_end) if run_end else size])
                    run_first = s
                run_end = following[s]
                continue
        else:
            old = None
        if run_first:
            put(text[line_start(run_first):line_start(run_end) if run_end else size])
            run_first = 0
        if old is None:
            put(render_entry(e))
        else:
            end = following[s]
            put(_changed_block(e, key, old, text[line_start(s):line_start(end) if end else size]))
    if run_first:
        put(text[line_start(run_first):line_start(run_end) if run_end else size])
    return "".join(out)


def write_po(fh: BinaryIO, po: PoFile) -> None:
    """Write *po* to a binary file object in the encoding, BOM and line ends it was read with
    (UTF-8 and ``\\n`` for a catalog built in memory). Line ends are CRLF when most of the
    source's were: what the output has is no test, a command that adds lines (new entries, a
    fuzzy flag) would otherwise turn every CRLF of a Windows checkout into LF."""
    text = render_po(po)
    src = po.source
    if src is not None and src.crlf_lines and 2 * len(src.crlf_lines) > src.text.count("\n"):
        text = text.replace("\n", "\r\n")
    encoding = src.used_charset if src is not None else "utf-8"
    if src is not None and src.bom:
        fh.write(codecs.BOM_UTF8)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:  # the line it would be on, the character, what to do
        char = exc.object[exc.start]
        raise CatalogError(Message("the catalog's charset {charset} cannot hold {char!r} "
                                   "(U+{code:04X}); convert the catalog to UTF-8 first "
                                   "(msgconv -t UTF-8)", charset=encoding, char=char,
                                   code=ord(char)),
                           line=text.count("\n", 0, exc.start) + 1) from None
    fh.write(data)
