"""A line-accurate, single-pass gettext PO reader (the checker and the catalog commands).

Why not polib: polib drops the line numbers of most parts, pads missing plural forms with
empty strings and stops at the first syntax error. A checker needs the opposite: the line of
every entry and of each ``msgstr[i]``, plural forms exactly as written (a missing form is a
finding, not an empty string), and every syntax error with its line, parsing on after it.

The reader works on decoded text (see :func:`decode_po`) and never raises on bad content: all
problems land in :attr:`PoFile.errors` (``PoSyntaxError`` values) for the rules to report.
Entries keep their ``#|`` previous strings and the line their block starts on, so
:mod:`toolkit.po.writer` can write a catalog back with untouched entries byte for byte.
"""

from __future__ import annotations

import codecs
import os
import re
from functools import cache
from typing import BinaryIO, NamedTuple

from toolkit.gcpause import gc_paused
from toolkit.i18n import Message
from toolkit.po.header import header_fields

__all__ = ["PoEntry", "PoFile", "PoSyntaxError", "parse_po", "decode_po", "read_po", "unescape"]


class _SlotRecord:
    """Compared, shown and unhashable by the values of its slots, as a dataclass with ``eq=True``
    would be; a written-out base because dataclasses compile their methods at import time, which
    every command that reads a catalog would pay at start-up."""

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        return type(self).__name__ + "(" + ", ".join(
            f"{name}={getattr(self, name)!r}" for name in self.__slots__) + ")"


class PoEntry(_SlotRecord):
    """One catalog entry, as written. ``line`` is the line of its first keyword.

    ``msgstr_plural`` maps form index -> text for the forms actually present;
    ``lines`` maps each keyword (``msgid``, ``msgstr``, ``msgstr[1]``...) to its line (the line
    parser's entries only). A new field must also be set in ``_fast_run``, which fills the
    slots of the entries it makes one by one.

    A plain class with slots, written out, not a dataclass: every command that reads a
    catalog makes this class at start-up, and a dataclass generates and compiles its methods
    then (about 7 M instructions, 1.5 % of ``catalog compile`` on a 5,800-entry catalog).
    Equality and repr are a dataclass's: field by field, in this order.
    """

    __slots__ = ("line", "msgid", "msgctxt", "msgid_plural", "msgstr", "msgstr_plural",
                 "flags", "comments", "auto_comments", "references", "obsolete", "lines",
                 "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "start")

    line: int
    msgid: str
    msgctxt: str | None
    msgid_plural: str | None
    msgstr: str | None
    msgstr_plural: dict[int, str]
    flags: list[str]
    comments: tuple[str, ...]  # "# " translator comments
    auto_comments: tuple[str, ...]  # "#." extracted comments
    references: tuple[str, ...]  # "#:" source references
    obsolete: bool
    lines: dict[str, int] | None
    previous_msgctxt: str | None  # "#| msgctxt": the source text a fuzzy match had
    previous_msgid: str | None  # "#| msgid"
    previous_msgid_plural: str | None  # "#| msgid_plural"
    start: int  # first line of the entry's block (its comments), 0 for a new entry

    def __init__(self, line: int, msgid: str = "", msgctxt: str | None = None,
                 msgid_plural: str | None = None, msgstr: str | None = None,
                 msgstr_plural: dict[int, str] | None = None, flags: list[str] | None = None,
                 comments: tuple[str, ...] = (), auto_comments: tuple[str, ...] = (),
                 references: tuple[str, ...] = (), obsolete: bool = False,
                 lines: dict[str, int] | None = None, previous_msgctxt: str | None = None,
                 previous_msgid: str | None = None, previous_msgid_plural: str | None = None,
                 start: int = 0) -> None:
        self.line = line
        self.msgid = msgid
        self.msgctxt = msgctxt
        self.msgid_plural = msgid_plural
        self.msgstr = msgstr
        self.msgstr_plural = {} if msgstr_plural is None else msgstr_plural
        self.flags = [] if flags is None else flags
        self.comments = comments
        self.auto_comments = auto_comments
        self.references = references
        self.obsolete = obsolete
        self.lines = lines
        self.previous_msgctxt = previous_msgctxt
        self.previous_msgid = previous_msgid
        self.previous_msgid_plural = previous_msgid_plural
        self.start = start

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete

    @property
    def translations(self) -> list[str]:
        """Every translation string present (one, or each plural form in index order)."""
        if self.msgid_plural is not None:
            return [self.msgstr_plural[i] for i in sorted(self.msgstr_plural)]
        return [self.msgstr] if self.msgstr is not None else []

    @property
    def translated(self) -> bool:
        """All forms present are non-empty (form *count* is a separate rule)."""
        tr = self.translations
        return bool(tr) and all(tr)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


class PoSyntaxError(NamedTuple):
    """A syntax problem at ``line``:``column`` (1-based). (A named tuple, not a frozen
    dataclass: cheaper to make at start-up, see :class:`PoEntry`.)"""

    line: int
    column: int
    message: str


class PoFile(_SlotRecord):
    """A parsed catalog: entries in file order (obsolete ones included), header, errors.

    ``text`` is the text it was parsed from and ``source`` how its bytes were decoded, so the
    writer (:mod:`toolkit.po.writer`) can give back untouched entries byte for byte.
    (A plain class with slots, like :class:`PoEntry`.)
    """

    __slots__ = ("entries", "errors", "header", "header_entry", "line_count", "text", "source",
                 "snapshot", "shared_lines", "block_offsets")

    entries: list[PoEntry]
    errors: list[PoSyntaxError]
    header: dict[str, str]
    header_entry: PoEntry | None
    line_count: int
    text: str
    source: Decoded | None
    snapshot: dict[int, tuple] | None  # see toolkit.po.writer.snapshot
    # lines where one entry ends and the next begins (``msgstr "b" msgid "c"``): msgfmt reads
    # them; the writer, which keeps untouched entries' lines, cannot part them
    shared_lines: list[int]
    # where in ``text`` the block of an entry starts, by its ``start`` line (the entries the
    # reader's fast path made): the writer slices untouched entries out of the text there
    # without counting lines (None: none known)
    block_offsets: dict[int, int] | None

    def __init__(self, entries: list[PoEntry], errors: list[PoSyntaxError],
                 header: dict[str, str], header_entry: PoEntry | None, line_count: int = 0,
                 text: str = "", source: Decoded | None = None,
                 snapshot: dict[int, tuple] | None = None,
                 shared_lines: list[int] | None = None,
                 block_offsets: dict[int, int] | None = None) -> None:
        self.entries = entries
        self.errors = errors
        self.header = header
        self.header_entry = header_entry
        self.line_count = line_count
        self.text = text
        self.source = source
        self.snapshot = snapshot
        self.shared_lines = [] if shared_lines is None else shared_lines
        self.block_offsets = block_offsets

    @property
    def live_entries(self) -> list[PoEntry]:
        """Entries that are neither the header nor obsolete."""
        return [e for e in self.entries if not e.obsolete and not e.is_header]


# what msgfmt accepts: C's \' and \? are "invalid control sequence" there, so errors here too
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}


@cache
def _escape_re() -> re.Pattern[str]:
    """One escape of any kind, compiled on first use: only a string with an uncommon escape
    (an escaped backslash, a carriage return, octal, hex, a bad one) asks, not every
    reader's start-up."""
    return re.compile(r"\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.?)", re.S)


_UNCOMMON_ESCAPE = re.compile(r'\\(?![nt"])')


def unescape(body: str) -> tuple[str, str | None]:
    """Undo C escapes of a PO string body -> (text, error message or None)."""
    if _UNCOMMON_ESCAPE.search(body) is None:
        # every backslash starts one of the usual escapes (none is escaped itself): a replace
        # per kind instead of a call per escape
        return body.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"'), None
    return _unescape_each(body)


def _unescape_each(body: str) -> tuple[str, str | None]:
    """:func:`unescape` for any escape: one call per escape, the first bad one reported."""
    error: Message | None = None

    def repl(m: re.Match[str]) -> str:
        nonlocal error
        esc = m.group(1)
        if esc in _ESCAPES:
            return _ESCAPES[esc]
        if esc[:1] == "x" and len(esc) > 1:  # a bare "\x" falls through to the error
            return chr(int(esc[1:], 16))
        if esc[:1] in "01234567" and esc:  # \8 and \9 fall through to the error
            return chr(int(esc, 8))
        if error is None:
            error = Message("invalid escape sequence \\{escape}", escape=esc) if esc else \
                Message("backslash at end of string")
        return esc

    return _escape_re().sub(repl, body), error


_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
_PREVIOUS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid",
             "msgid_plural": "previous_msgid_plural"}


def _previous_line(e: PoEntry, body: str, last: str | None) -> str | None:
    """Apply one ``#|`` line (text after ``#|``) to *e*; returns the field it continued.

    ``#| msgid "old"`` lines record what a fuzzy entry's source was before it changed, so the
    translator sees the difference. A malformed one is ignored, as msgfmt ignores comments.
    """
    body = body.strip()
    if body[:1] == '"':
        field_name = last
        literal = body
    else:
        kw, _, literal = body.partition(" ")
        field_name = _PREVIOUS.get(kw)
        literal = literal.strip()
    if field_name is None:
        return None
    errors: list[PoSyntaxError] = []
    text = _string_literal(literal, 0, 1, errors)  # the strings of a keyword line, read alike
    if text is None or errors:
        return None
    before = getattr(e, field_name) if last == field_name and body[:1] == '"' else None
    setattr(e, field_name, (before or "") + text)
    return field_name


def _comment_line(e: PoEntry, line: str, prev_last: str | None) -> str | None:
    """Apply one ``#`` line to *e*: flags, extracted comment, reference, previous string
    (``#|``; returns the field it continues) or translator comment."""
    kind = line[1:2]
    if kind == ":":
        e.references += (line[2:].strip(),)
    elif kind == ",":
        e.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
    elif kind == ".":
        e.auto_comments += (line[2:].strip(),)
    elif kind == "|":
        return _previous_line(e, line[2:], prev_last)
    else:
        e.comments += (line[1:].strip(),)
    return prev_last


def _string_literal(rest: str, line: int, col: int,
                    errors: list[PoSyntaxError]) -> str | None:
    """Parse the quoted strings of one line (``rest`` stripped, at column *col*) -> their text.

    A line may hold several strings, ``"a" "b"`` or ``"a""b"``, joined as msgfmt joins them,
    and end in a ``#`` comment; each string is unescaped on its own, as msgfmt reads it.
    Errors are recorded: anything else after a string is "unexpected" there, or, when the
    line ends in a quote, an unescaped quote inside the string (what a translator most likely
    wrote: ``"He said "hi""``).
    """
    if not rest or rest[0] != '"':
        errors.append(PoSyntaxError(line, col, Message("expected a quoted string")))
        return None
    end = _BODY_RE.match(rest, 1).end() + 1  # type: ignore[union-attr]  # it matches ""
    if rest[end - 1:end] != '"':
        errors.append(PoSyntaxError(line, col, Message("unterminated string")))
        return None
    if end == len(rest):  # one string: the usual line
        body = rest[1:end - 1]
        if "\\" not in body:
            return body
        text, err = unescape(body)
        if err:
            errors.append(PoSyntaxError(line, col, err))
        return text
    bodies = [(0, rest[1:end - 1])]  # (where each string starts, its body)
    n = len(rest)
    while True:
        pos = end
        while pos < n and rest[pos] in " \t":
            pos += 1
        if pos == n or rest[pos] == "#":  # the line's end or a comment: msgfmt skips it
            break
        if rest[pos] != '"':
            if rest[-1] == '"':  # the quote that ended the string was meant inside it
                errors.append(PoSyntaxError(line, col + end - 1,
                                            Message("unescaped quote in string")))
                text, _ = unescape(rest[1:-1])
                return text
            errors.append(PoSyntaxError(line, col + pos, Message(
                "unexpected {text!r} after the string", text=_shown(rest[pos:]))))
            break
        end = _BODY_RE.match(rest, pos + 1).end() + 1  # type: ignore[union-attr]
        if rest[end - 1:end] != '"':
            errors.append(PoSyntaxError(line, col + pos, Message("unterminated string")))
            return None
        bodies.append((pos, rest[pos + 1:end - 1]))
    texts = []
    for start, body in bodies:
        text, err = unescape(body)
        if err:
            errors.append(PoSyntaxError(line, col + start, err))
        texts.append(text)
    return "".join(texts)


def _shown(word: str, most: int = 40) -> str:
    """*word* cut to *most* characters for a message (a garbled line can be kilobytes)."""
    return word if len(word) <= most else word[:most] + "…"


@cache
def _keyword_re() -> re.Pattern[str]:
    """A keyword (``msgstr[1]`` with its index) where a piece of a line starts. Compiled on
    first use, like :func:`_plural_keyword_re`: only the line parser and the writer's
    :func:`split_keywords` ask, and a well-formed catalog goes through the fast path alone
    (``catalog compile`` need not compile them at start-up)."""
    return re.compile(r"(?<!\w)(msgctxt|msgid_plural|msgid|msgstr)"
                      r"(?:[ \t]*\[[ \t]*(\d+)[ \t]*\])?(?![\w\[])")


@cache
def _plural_keyword_re() -> re.Pattern[str]:
    """``msgstr[N]`` as a whole keyword (the line parser's; see :func:`_keyword_re`)."""
    return re.compile(r"msgstr\[(\d+)\]$")


def split_keywords(line: str) -> list[tuple[int, str]]:
    """*line* cut before each keyword that follows a string on it -> (offset, piece).

    msgfmt reads a catalog as a stream of words and strings, so ``msgid "a" msgstr "b"`` on
    one line is an entry, and so is ``msgstr "b"`` then ``"c" msgid "x"``: each piece is then
    read as if it were a line of its own. Text inside strings and after a ``#`` is no
    keyword. The usual line (one keyword, one string) comes back whole."""
    first = line.find('"')
    if first < 0 or "msg" not in line[first:]:
        return [(0, line)]
    pieces = []
    start = 0
    pos, n = first, len(line)
    while pos < n:
        c = line[pos]
        if c == '"':
            end = _BODY_RE.match(line, pos + 1).end()  # type: ignore[union-attr]
            if end >= n:  # unterminated: the piece's string reader says so
                break
            pos = end + 1
        elif c == "#":
            break
        elif c == "m" and (m := _keyword_re().match(line, pos)) is not None:
            pieces.append((start, line[start:pos].rstrip(" \t")))
            start = pos
            pos = m.end()
        else:
            pos += 1
    pieces.append((start, line[start:]))
    return pieces


def _parse_lines(lines: list[str], base: int, entries: list[PoEntry],
                 errors: list[PoSyntaxError], shared: list[int] | None = None) -> bool:
    """The general line-by-line parser, for whatever the fast path does not accept.

    ``lines[0]`` is line ``base + 1`` of the file. Appends to *entries* and *errors*, and to
    *shared* the lines where one entry ends and the next begins (``msgstr "b" msgid "c"``);
    returns False when the text ends inside an entry (so the caller can give it more lines).
    Keywords are read as msgfmt reads them: ``msgstr"b"``, ``msgstr\t"b"``, ``msgstr [0]``
    and several on one line (:func:`split_keywords`).
    """
    cur: PoEntry | None = None
    # what the current entry has seen: 0 nothing, 1 ctxt, 2 msgid, 3 plural, 4 msgstr
    state = 0
    target: str | None = None  # keyword the next continuation line belongs to
    parts: list[str] = []  # pieces of the string being continued
    pending = PoEntry(0)  # comments seen before the next keyword
    has_pending = False
    prev_last: str | None = None  # the "#|" field a "#| \"...\"" line continues

    def flush_string() -> None:
        if target is None or cur is None:
            return
        value = parts[0] if len(parts) == 1 else "".join(parts)
        if target == "msgid":
            cur.msgid = value
        elif target == "msgstr":
            cur.msgstr = value
        elif target == "msgctxt":
            cur.msgctxt = value
        elif target == "msgid_plural":
            cur.msgid_plural = value
        else:
            cur.msgstr_plural[int(target)] = value

    def finish() -> None:
        nonlocal cur, state
        if cur is not None:
            if state < 4:
                errors.append(PoSyntaxError(cur.line, 1, Message("entry without msgstr")))
            entries.append(cur)
        cur = None
        state = 0

    for lineno, raw in enumerate(lines, base + 1):
        line = raw
        obsolete = False
        if line[:3] == "#~|":  # previous msgid of an obsolete entry: a comment like "#|"
            line = "#" + line[2:]
        if line[:2] == "#~":
            obsolete = True
            line = line[2:]
            line = line.lstrip()
            if not line:
                continue
        elif not line:
            continue
        # a comment; "#~ #, flags" too: msgfmt reads what follows "#~" as a line of its own
        # (django-oscar's catalogs have it), msgattrib makes it the entry's "#, flags"
        if line[0] == "#":
            if target is not None:
                flush_string()
                target = None
            if state >= 4:
                finish()
            if not has_pending:
                pending = PoEntry(0, start=lineno)
                has_pending = True
                prev_last = None
            prev_last = _comment_line(pending, line, prev_last)
            continue
        if not obsolete and line[0] in " \t":
            line = line.lstrip(" \t")
            if not line:
                continue
        if cur is not None and cur.obsolete != obsolete:  # #~ lines never continue a live
            if target is not None:                         # entry, nor live lines an obsolete one
                flush_string()
                target = None
            finish()
        binary = False
        for index, (offset, piece) in enumerate(split_keywords(line)):
            line, col = piece, offset + 1
            if line[0] == '"':
                if target is None:
                    errors.append(PoSyntaxError(lineno, col,
                                                Message("string without a keyword")))
                    continue
                s = _string_literal(line.rstrip(), lineno, col, errors)
                if s is not None:
                    parts.append(s)
                continue
            # keyword line
            km = _keyword_re().match(line)
            if km is not None:
                kw = km.group(1) if km.group(2) is None else f"msgstr[{km.group(2)}]"
                rest = line[km.end():]
                rest_col = col + len(line) - len(rest.lstrip(" \t"))
            else:
                kw, _, rest = line.partition(" ")
                rest_col = col + len(kw) + 1
            if kw.startswith("msgstr["):
                m = _plural_keyword_re().match(kw)
                if not m:
                    errors.append(PoSyntaxError(lineno, col, Message(
                        "bad keyword {keyword!r}", keyword=kw)))
                    continue
                kind = m.group(1)
            elif kw in _KEYWORDS:
                kind = kw
            elif "\0" in line:  # the whole file is binary, most likely: say so, not its bytes
                errors.append(PoSyntaxError(lineno, col, Message(
                    "binary data (a NUL byte): not a PO file")))
                binary = True
                break
            else:
                errors.append(PoSyntaxError(lineno, col, Message(
                    "unknown keyword {keyword!r}", keyword=_shown(kw))))
                if target is not None:
                    flush_string()
                    target = None
                continue
            if target is not None:
                flush_string()
                target = None
            if kind == "msgctxt" or kind == "msgid":
                if kind == "msgctxt" and state == 1:  # msgfmt: a syntax error; the later counts
                    errors.append(PoSyntaxError(lineno, col, Message(
                        "a second msgctxt before the msgid")))
                    state = 0
                if (state >= 4 or (kind == "msgctxt" and state >= 1)
                        or (kind == "msgid" and state >= 2)):
                    if index and shared is not None:
                        shared.append(lineno)
                    finish()
                if cur is None:
                    if has_pending:
                        cur = pending
                        has_pending = False
                        cur.line = lineno
                    else:
                        cur = PoEntry(lineno, start=lineno)
                    cur.obsolete = obsolete
                state = 1 if kind == "msgctxt" else 2
            elif kind == "msgid_plural":
                if cur is None or state != 2:
                    errors.append(PoSyntaxError(lineno, col,
                                                Message("msgid_plural without msgid")))
                    continue
                state = 3
            else:  # msgstr or msgstr[i]
                if cur is None or state < 2:
                    errors.append(PoSyntaxError(lineno, col, Message("msgstr without msgid")))
                    continue
                plural = kind != "msgstr"
                if plural and cur.msgid_plural is None:
                    errors.append(PoSyntaxError(lineno, col,
                                                Message("msgstr[n] without msgid_plural")))
                elif not plural and cur.msgid_plural is not None:
                    errors.append(PoSyntaxError(lineno, col, Message(
                        "msgstr without [n] after msgid_plural")))
                elif plural and cur.lines is not None and kw in cur.lines:
                    errors.append(PoSyntaxError(lineno, col, Message(
                        "duplicate msgstr[{index}]", index=kind)))
                elif not plural and state == 4:
                    errors.append(PoSyntaxError(lineno, col, Message("duplicate msgstr")))
                state = 4
            if cur.lines is None:
                cur.lines = {}
            cur.lines[kw] = lineno
            target = kind
            parts = []
            s = _string_literal(rest.strip(), lineno, rest_col, errors)
            if s is not None:
                parts.append(s)
        if binary:
            break
    complete = not has_pending and (cur is None or (state == 4 and target is not None))
    if target is not None:
        flush_string()
    if cur is not None:
        finish()
    return complete


# A string: one or more quoted lines. Possessive quantifiers: nothing that follows a string can
# start inside one, so giving characters back never helps (and costs time on a mismatch).
_BODY = r'[^"\\\n]*+(?:\\.[^"\\\n]*+)*+'  # what may stand between the quotes
_BODY_RE = re.compile(_BODY)
_STR1 = rf'"{_BODY}"'
_STR = rf"{_STR1}(?:\n{_STR1})*+"
# A reference, as the line parser keeps it: ``#: `` then text without edge whitespace.
_REF = r"\S(?:[^\n]*\S|)"
# One well-formed live entry: comments, [msgctxt], msgid, msgstr or plural forms, blank lines.
# The usual shapes get their own groups so the loop in _fast_run does little per entry: a run
# of plain ``#: `` lines (refs), then one ``#,`` line (flags), then any other comments (cm);
# a one-line string as its text (c, i, s), any other string quoted (C, I, S). The one-line
# groups take anything up to the next quote (a scan regex does at C speed, three times
# faster than _BODY's character class); _fast_run checks them for a backslash or a newline.
# Each optional part is an alternative with an empty branch, not '(...)?', which re runs as
# a general repeat with its bookkeeping (the same matches, 11 % less of the scan's time).
_ENTRY = re.compile(
    rf"""(?>
        (?:\#:\ (?P<refs>{_REF}(?:\n\#:\ {_REF})*+)\n|)
        (?:\#,(?P<flags>[^\n]*+)\n|)
        (?P<cm>(?:\#(?:[^~\n][^\n]*+|)\n)*+)
    )
    (?:msgctxt\ (?:"(?P<c>[^"]*+)"\n(?!")|(?P<C>{_STR})\n)|)
    msgid\ (?:"(?P<i>[^"]*+)"\n(?!")|(?P<I>{_STR})\n)
    (?:msgid_plural\ (?P<pl>{_STR})\n(?P<forms>msgstr\[\d+\]\ {_STR}(?:\nmsgstr\[\d+\]\ {_STR})*+)
      |msgstr\ (?:"(?P<s>[^"]*+)"(?!\n")|(?P<S>{_STR})))
    (?P<tail>\n++|\Z)  # the line's end and blank lines, then the next entry: a "#~" line
    (?=\Z|\#(?!~)|\#~\|?\ *(?:msgctxt|msgid)\ |msgctxt\ |msgid\ )  # with no keyword carries
    # this entry's last string on for msgfmt (#~ is a comment mark), so the line parser reads it
    """,
    re.X,
)
_NEXT_BLOCK = re.compile(r"\n\n+(?=[#m])")
_FLAGS: dict[str, tuple[str, ...]] = {}  # "#," line text -> its flags: few distinct ones


def _fast_string(group: str) -> str | None:
    """Text of a matched (possibly multi-line) string; None if an escape is invalid."""
    # a body holds no newline, so '"\n"' is where one line's string ends and the next begins
    body = group[1:-1].replace('"\n"', "") if "\n" in group else group[1:-1]
    if "\\" in body:
        body, err = unescape(body)
        if err:
            return None
    return body


def _fast_body(body: str) -> str | None:
    """Text of a one-line string group that holds a backslash or a newline; None if it is
    not a well-formed string body (the line parser then reports it)."""
    if "\n" in body or _BODY_RE.fullmatch(body) is None:
        return None
    body, err = unescape(body)
    return None if err else body


def _fast_forms(forms: str) -> dict[int, str] | None:
    """``msgstr[n]`` lines matched by the fast path -> {n: text}; None if one is bad.

    _ENTRY's ``forms`` group is ``msgstr[n] STRING`` lines, and a string's lines start with
    a quote, so each ``\nmsgstr[`` starts a form and the first ``] `` after it ends its
    index: split there, not matched again by a regex (a third of the reader's time on a
    plural entry)."""
    plural: dict[int, str] = {}
    for form in forms[7:].split("\nmsgstr["):  # forms[7:]: after the first "msgstr["
        idx_text, _, quoted = form.partition("] ")
        idx = int(idx_text)
        value = _fast_string(quoted)
        if value is None or idx in plural:
            return None
        plural[idx] = value
    return plural


def parse_po(text: str) -> PoFile:
    """Parse PO *text* (already decoded, ``\\n`` newlines) in one pass.

    Well-formed entries are recognised by one regular expression each (the fast path);
    anything it does not accept (obsolete entries, syntax errors, odd layout) goes to the line
    parser, which reports every problem with its line. Duplicate ``msgctxt+msgid`` pairs are
    reported as syntax errors, as msgfmt does.

    The cyclic garbage collector is paused meanwhile: parsing makes no cycles, only many
    containers (each entry has a list and a dict), and its collections, each scanning every
    entry made so far, were a third of the time on a 55,000-entry catalog.
    """
    with gc_paused():
        return _parse(text)


def _parse(text: str) -> PoFile:
    entries: list[PoEntry] = []
    errors: list[PoSyntaxError] = []
    shared: list[int] = []
    offsets: dict[int, int] = {}
    match = _ENTRY.match
    n = len(text)
    pos = 0
    line = 1  # line number at pos
    # skip leading blank lines
    while pos < n and text[pos] == "\n":
        pos += 1
        line += 1
    while pos < n:
        pos, line = _fast_run(text, pos, line, entries, offsets)
        if pos >= n:
            break
        # slow path: from here to the next block boundary where the fast path matches again
        end = pos
        while True:
            nxt = _NEXT_BLOCK.search(text, end)
            if nxt is None:
                end = n
                break
            end = nxt.end()
            if match(text, end) is not None:
                chunk = text[pos:end].split("\n")
                mark_e, mark_r, mark_s = len(entries), len(errors), len(shared)
                if _parse_lines(chunk, line - 1, entries, errors, shared):
                    break
                del entries[mark_e:]
                del errors[mark_r:]
                del shared[mark_s:]
        if end == n:
            _parse_lines(text[pos:end].split("\n"), line - 1, entries, errors, shared)
        line += text.count("\n", pos, end)
        pos = end
    # line is the line at the text's end, counted up entry by entry: the line count, without
    # reading the text once more for it (47 M instructions on a 55,000-entry catalog)
    po = _finish(entries, errors, line)
    po.text = text
    po.shared_lines = shared
    po.block_offsets = offsets
    return po


def _fast_run(text: str, pos: int, line: int, entries: list[PoEntry],
              offsets: dict[int, int]) -> tuple[int, int]:
    """Append the well-formed entries from *pos* on, as far as they go -> (pos, line) after;
    *offsets* gets where each one's block starts (see :attr:`PoFile.block_offsets`).

    The hot loop of reading, so written for speed: the regex scanner matches entry after
    entry in C; each entry is made with ``object.__new__`` and its slots set here (half the
    cost of calling ``__init__`` with sixteen arguments); line numbers are
    added up from the groups (``str.count`` over the text costs more than the match). An
    entry the fast path cannot finish (an invalid escape, a form given twice) ends the run
    there, for the line parser to report.
    """
    new = object.__new__
    entry_type = PoEntry
    append = entries.append
    flags_known = _FLAGS
    m = None
    for m in iter(_ENTRY.scanner(text, pos).match, None):
        refs, flags, cm, ctxt, ctxt_q, msgid, msgid_q, pl, forms, msgstr, msgstr_q, tail = \
            m.groups()
        e = new(entry_type)
        e.start = first = line  # first: the line of the first keyword
        offsets[line] = m.start()
        e.obsolete = False
        e.lines = None
        e.previous_msgctxt = e.previous_msgid = e.previous_msgid_plural = None  # "#|" sets
        if refs is not None or flags is not None or cm:  # comments: not copied out as one
            if refs is None:
                e.references = ()
            else:
                e.references = refs_read = tuple(refs.split("\n#: "))
                first += len(refs_read)
            if flags is None:
                e.flags = []
            else:
                known = flags_known.get(flags)
                if known is None:
                    known = tuple([f.strip() for f in flags.split(",") if f.strip()])
                    if len(flags_known) < 512:
                        flags_known[flags] = known
                e.flags = list(known)
                first += 1
            e.comments = e.auto_comments = ()
            if cm:
                comment_lines = cm.split("\n")
                comment_lines.pop()
                first += len(comment_lines)
                prev_last: str | None = None
                for c in comment_lines:
                    prev_last = _comment_line(e, c, prev_last)
        else:
            e.flags = []
            e.comments = e.auto_comments = e.references = ()
        e.line = first
        line = first + 1 + len(tail)  # msgid's line, the blank ones (and more below)
        # the three strings are read inline, alike on purpose: a helper would add three calls
        # to every entry of the hot loop
        if ctxt_q is not None:
            line += ctxt_q.count("\n") + 1
            ctxt = _fast_string(ctxt_q)
            if ctxt is None:
                break
        elif ctxt is not None:
            line += 1
            if "\\" in ctxt or "\n" in ctxt:
                ctxt = _fast_body(ctxt)
                if ctxt is None:
                    break
        if msgid_q is not None:
            line += msgid_q.count("\n")
            msgid = _fast_string(msgid_q)
            if msgid is None:
                break
        elif "\\" in msgid or "\n" in msgid:
            msgid = _fast_body(msgid)
            if msgid is None:
                break
        if pl is None:
            e.msgstr_plural = {}
            if msgstr_q is not None:
                line += msgstr_q.count("\n")
                msgstr = _fast_string(msgstr_q)
                if msgstr is None:
                    break
            elif "\\" in msgstr or "\n" in msgstr:
                msgstr = _fast_body(msgstr)
                if msgstr is None:
                    break
        else:
            line += pl.count("\n") + 1 + forms.count("\n")
            pl = _fast_string(pl)
            plural = _fast_forms(forms)
            if pl is None or plural is None:
                break
            e.msgstr_plural = plural
        e.msgid = msgid
        e.msgctxt = ctxt
        e.msgid_plural = pl
        e.msgstr = msgstr
        append(e)
    else:  # the text ends, or the next entry is not for the fast path
        return (pos if m is None else m.end()), line
    return m.start(), e.start  # this entry is the line parser's


def _finish(entries: list[PoEntry], errors: list[PoSyntaxError], line_count: int) -> PoFile:
    header: dict[str, str] = {}
    header_entry = None
    seen: dict[tuple[str | None, str], int] = {}
    setdefault = seen.setdefault
    for e in entries:  # is_header and key spelled out: this loop runs once per entry
        if e.obsolete:
            continue
        if header_entry is None and e.msgid == "" and e.msgctxt is None:
            header_entry = e
            header = header_fields(e.msgstr or "")
        first = setdefault((e.msgctxt, e.msgid), e.line)
        if first != e.line:
            errors.append(PoSyntaxError(
                e.line, 1, Message("duplicate message definition (first defined at line {line})",
                                   line=first)))
    # on one line, the syntax error first: a duplicate there is what the broken string
    # left behind (an unterminated msgid read as "" duplicates the header)
    errors.sort(key=lambda err: (err.line, err.message.startswith("duplicate message "),
                                 err.column))
    return PoFile(entries, errors, header, header_entry, line_count)


_CHARSET_RE = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


class Decoded(NamedTuple):
    """Decoded file text plus what decoding found out about the bytes."""

    text: str
    bom: bool
    crlf_lines: list[int]
    bad_utf8_lines: list[int]
    declared_charset: str | None
    used_charset: str
    data: bytes = b""
    """The bytes decoded (as given, byte-order mark and all): whether a file still holds
    them is one comparison (:func:`toolkit.catalog.files.editing`), not a second decode."""


def decode_po(data: bytes) -> Decoded:
    """Decode PO bytes: UTF-8 (BOM stripped) unless the header declares another charset.

    Never raises: undecodable bytes are replaced and their lines reported, CRLF line ends are
    normalised and reported.
    """
    given = data
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[3:]
    m = _CHARSET_RE.search(data, 0, 4096)
    declared = m.group(1).decode("ascii") if m else None
    encoding = "utf-8"
    if declared and declared.upper() not in ("UTF-8", "UTF8", "CHARSET"):
        try:
            codecs.lookup(declared)
            encoding = declared
        except LookupError:
            encoding = "utf-8"
    bad: list[int] = []
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        for i, bline in enumerate(data.split(b"\n"), 1):
            try:
                bline.decode(encoding)
            except UnicodeDecodeError:
                bad.append(i)
    crlf: list[int] = []
    if "\r" in text:
        pos = text.find("\r\n")
        line = 1
        last = 0
        while pos != -1:
            line += text.count("\n", last, pos)
            crlf.append(line)
            last = pos
            pos = text.find("\r\n", pos + 2)
        text = text.replace("\r\n", "\n")
    return Decoded(text, bom, crlf, bad, declared, encoding, given)


def read_po(source: str | os.PathLike[str] | BinaryIO) -> tuple[PoFile, Decoded]:
    """Read and parse a catalog from a path or a binary file object (OSError if unreadable).

    The result keeps what :func:`toolkit.po.writer.write_po` needs to write it back.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as fh:
            data = fh.read()
    else:
        data = source.read()
    decoded = decode_po(data)
    po = parse_po(decoded.text)
    po.source = decoded
    return po, decoded
