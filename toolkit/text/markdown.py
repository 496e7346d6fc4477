"""Markdown block layout: which character ranges of a document are prose to translate.

Why: a Markdown document must come back with its layout byte for byte (markers, fences,
tables, front matter), while the translation engine should only ever see prose. This module
knows Markdown *blocks* and nothing about sentences: :func:`text_blocks` returns the spans of
prose (paragraph, heading text, list item text, table cell, blockquote line); everything
between them is layout that :mod:`toolkit.text.segment` copies verbatim.

Copied verbatim (never translated): front matter (``---``/``+++`` at the top), fenced code
(```` ``` ```` / ``~~~``), indented code, HTML comments, lines made only of HTML tags, link
reference definitions (``[id]: url``), thematic breaks, setext underlines, table delimiter
rows, and every marker (``#``, ``>``, ``-``/``*``/``+``/``•``/``1.``/``1)``, ``[ ]``, ``|``).

Inline syntax stays inside the prose span: ``[text](url)`` keeps its link text in the
sentence (the engine needs it for context) and the sentence splitter never splits inside a
link or code span. Links and emphasis are taken off the sentence before MT and put back
after by :mod:`toolkit.text.inline`; :func:`inline_spans` lists the inline pieces that must
not be translated (code spans, autolinks, raw HTML) so the protect step can turn them into
opaque tokens.
"""

from __future__ import annotations

import re

from toolkit.text import patterns

__all__ = ["text_blocks", "inline_spans", "looks_like_markdown"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_QUOTE = re.compile(r"(?: {0,3}>[ \t]?)+")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})([^`\r\n]*)$")
_HR = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_ATX = re.compile(r"( {0,3}#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_LIST = re.compile(r"[ \t]*(?:[-*+•]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
_REFDEF = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S")
_TAGS_ONLY = re.compile(r"[ \t]*(?:</?[A-Za-z][^<>]*>[ \t]*)+$")
_TABLE_DELIM = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CODE_INDENT = re.compile(r"(?: {4}|[ \t]{0,3}\t)")
_FRONT_OPEN = {"---": ("---", "..."), "+++": ("+++",)}

AUTOLINK = r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>"
"""An autolink ``<https://...>`` / ``<me@example.org>`` (a regex source)."""

# Inline pieces that are never prose: code spans, link destinations ``](url "title")``,
# reference labels ``][id]``, autolinks and raw HTML tags, HTML comments.
_INLINE = re.compile(
    patterns.CODE_SPAN
    + r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)"
    r"|\]\[[^\[\]\r\n]*\]"
    f"|{AUTOLINK}|{patterns.TAG}",
    re.S,
)


def inline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of inline Markdown syntax that must stay untranslated, in order.

    Covers code spans, link/image destinations (``](url "title")``: the ``[link text]``
    before it is prose and is *not* included), reference labels, autolinks, HTML tags and
    comments. The protect step can make these opaque tokens.
    """
    return [m.span() for m in _INLINE.finditer(text)]


#: An inline link or image with its destination, ``[text](https://...)``.
_LINK = re.compile(r"\[[^\[\]\r\n]+\]\([^()\s]+(?:\s+\"[^\"]*\")?\)")


def looks_like_markdown(text: str) -> bool:
    """Whether *text*, an input whose name says nothing of its format (stdin), is Markdown:
    it has a heading (``# Title``), a table (a row of cells over a delimiter row), a fenced
    code block or an inline link ``[text](url)``. Plain text has none of them, and read as
    plain text a Markdown document loses its layout: the model was given ``# ``, the cells'
    ``|`` and the link syntax, and dropped them."""
    lines = _lines(text)
    for k, (start, end, _next) in enumerate(lines):
        row = text[start:end]
        heading = _ATX.match(row)
        if heading is not None and row[heading.end():].strip():
            return True
        if _FENCE.match(row) or k and _is_delim_row(text, (start, end, _next)) and \
                "|" in text[lines[k - 1][0]:lines[k - 1][1]]:
            return True
    return _LINK.search(text) is not None


def _lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end of content, end including the line break) of every line."""
    out = []
    for m in _LINE.finditer(text):
        start, end = m.span()
        if start == end:
            continue
        content_end = end
        while content_end > start and text[content_end - 1] in "\r\n":
            content_end -= 1
        out.append((start, content_end, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` to exclude whitespace on both sides."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Prose spans of the cells of one table row (pipes, padding and empty cells skipped)."""
    spans = []
    cell_start = start
    i = start
    tick = 0
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            run = i
            while i < end and text[i] == "`":
                i += 1
            length = i - run
            tick = 0 if tick == length else (length if tick == 0 else tick)
            continue
        if c == "|" and not tick:
            spans.append(_trim(text, cell_start, i))
            cell_start = i + 1
        i += 1
    spans.append(_trim(text, cell_start, end))
    return [(s, e) for s, e in spans if s < e]


class _Blocks:
    """Collects prose spans; one open paragraph may grow over continuation lines."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.para: tuple[int, int] | None = None
        self.para_quoted = False

    def close(self) -> None:
        if self.para is not None:
            self.spans.append(self.para)
            self.para = None

    def add(self, start: int, end: int) -> None:
        self.close()
        start, end = _trim(self.text, start, end)
        if start < end:
            self.spans.append((start, end))

    def open(self, start: int, end: int, quoted: bool) -> None:
        self.close()
        start, end = _trim(self.text, start, end)
        if start < end:
            self.para = (start, end)
            self.para_quoted = quoted

    def extend(self, end: int) -> None:
        assert self.para is not None
        self.para = (self.para[0], _trim(self.text, self.para[0], end)[1])


def _front_matter_end(text: str, lines: list[tuple[int, int, int]]) -> int:
    """Index of the first line after front matter (0 when there is none)."""
    if not lines:
        return 0
    closers = _FRONT_OPEN.get(text[lines[0][0] : lines[0][1]].rstrip())
    if closers is None:
        return 0
    for k in range(1, len(lines)):
        if text[lines[k][0] : lines[k][1]].rstrip() in closers:
            return k + 1
    return 0


def text_blocks(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the prose blocks of a Markdown document, in order.

    Each span starts and ends on a non-space character and never overlaps another; all the
    text outside the spans is layout. A paragraph (or list item text) spans its lazy
    continuation lines; a blockquote line is a block of its own (its ``>`` markers sit
    between lines), a table cell is a block of its own.
    """
    lines = _lines(text)
    blocks = _Blocks(text)
    n = len(lines)
    i = _front_matter_end(text, lines)
    in_list = False
    prev_blank = True
    while i < n:
        start, cend, _ = lines[i]
        line = text[start:cend]
        if not line.strip():
            blocks.close()
            prev_blank = True
            i += 1
            continue
        qm = _QUOTE.match(line)
        qlen = qm.end() if qm else 0
        rest = line[qlen:]
        body = start + qlen
        indented = rest[:1] in (" ", "\t")
        if not indented and prev_blank and not qlen:
            in_list = False
        fence = _FENCE.match(rest)
        if fence:
            blocks.close()
            i = _fence_end(text, lines, i + 1, fence.group(1))
            prev_blank = False
            continue
        if rest.lstrip().startswith("<!--"):
            blocks.close()
            i = _comment_end(text, lines, i, blocks)
            prev_blank = False
            continue
        prev_blank, was_blank = False, prev_blank
        if not in_list and (was_blank or blocks.para is None) and _CODE_INDENT.match(rest):
            blocks.close()
            i += 1
            continue
        if blocks.para is not None and not blocks.para_quoted and _SETEXT.match(rest):
            blocks.close()
            i += 1
            continue
        if _HR.match(rest) or _REFDEF.match(rest) or _TAGS_ONLY.match(rest):
            blocks.close()
            i += 1
            continue
        if "|" in rest and i + 1 < n and _is_delim_row(text, lines[i + 1]):
            blocks.close()
            i = _table(text, lines, i, blocks)
            continue
        heading = _ATX.match(rest)
        if heading:
            close = _ATX_CLOSE.search(rest, heading.end())
            blocks.add(body + heading.end(), body + (close.start() if close else len(rest)))
            i += 1
            continue
        item = _LIST.match(rest)
        if item:
            in_list = True
            blocks.open(body + item.end(), cend, quoted=bool(qlen))
            i += 1
            continue
        if blocks.para is not None and not qlen and not blocks.para_quoted:
            blocks.extend(cend)
        else:
            blocks.open(body, cend, quoted=bool(qlen))
        i += 1
    blocks.close()
    return blocks.spans


def _fence_end(text: str, lines: list[tuple[int, int, int]], k: int, fence: str) -> int:
    """Index of the line after the closing fence (or the end of the document)."""
    closer = re.compile(re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
    while k < len(lines):
        line = text[lines[k][0] : lines[k][1]]
        qm = _QUOTE.match(line)
        rest = line[qm.end() if qm else 0 :].lstrip(" \t")
        k += 1
        if closer.match(rest):
            break
    return k


def _comment_end(text: str, lines: list[tuple[int, int, int]], k: int, blocks: _Blocks) -> int:
    """Skip an HTML comment block; prose after ``-->`` on its last line stays prose."""
    where = text.find("<!--", lines[k][0])
    close = text.find("-->", where + 4)
    if close < 0:
        return len(lines)
    close += 3
    while k < len(lines) and lines[k][2] <= close:
        k += 1
    if k < len(lines) and lines[k][0] < close:
        blocks.add(close, lines[k][1])
        k += 1
    return k


def _is_delim_row(text: str, line: tuple[int, int, int]) -> bool:
    row = text[line[0] : line[1]]
    qm = _QUOTE.match(row)
    row = row[qm.end() if qm else 0 :]
    return "-" in row and ("|" in row or ":" in row) and bool(_TABLE_DELIM.match(row))


def _table(text: str, lines: list[tuple[int, int, int]], k: int, blocks: _Blocks) -> int:
    """Cells of a table (header row, delimiter row, body rows); returns the next line."""
    first = True
    while k < len(lines):
        start, cend, _ = lines[k]
        row = text[start:cend]
        qm = _QUOTE.match(row)
        qlen = qm.end() if qm else 0
        if not row.strip() or "|" not in row[qlen:] or _FENCE.match(row[qlen:]):
            break
        if k > 0 and not first and _is_delim_row(text, lines[k]):
            k += 1
            continue
        for s, e in _cells(text, start + qlen, cend):
            blocks.add(s, e)
        first = False
        k += 1
    return k
