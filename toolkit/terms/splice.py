"""Put terms into a translation at given spans; in Chinese without spaces around them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from toolkit.text.protect import padded
from toolkit.text.scripts import is_cjk

if TYPE_CHECKING:
    from toolkit.mt.translator import Span



def splice(text: str, edits: Sequence[tuple[Span, str]], lang: str) -> tuple[str, list[Span]]:
    """*text* with each span replaced by its string; the new spans, in the order given.

    Spans must not overlap. In Chinese the spaces on either side of an inserted term are
    dropped (Chinese text has none, around Latin terms included), but for one between a
    Latin term and a Latin word or number it touches. An empty replacement (a
    removal) takes the space before it along. An empty span is an insertion: in languages
    written with spaces it gets a space on each side where a word would touch it, the next
    edit's value where one starts at the same point (the new span is the term's alone).
    """
    # an insertion at a replaced span's start goes before it (never after: the text from
    # the insertion point on would come twice)
    order = sorted(range(len(edits)), key=lambda i: edits[i][0])
    out = ""
    pos = 0
    new_spans: list[Span] = [(0, 0)] * len(edits)
    for k, i in enumerate(order):
        (start, end), value = edits[i]
        before = text[pos:start]
        out += before.rstrip(" ") if lang == "zh" or not value else before
        if start == end and value and lang != "zh":
            spaced = padded(value, out[-1:], _next_char(text, edits, order, k))
            if spaced.startswith(" ") and not value.startswith(" "):
                out += " "
                spaced = spaced[1:]
            value = spaced
        if lang == "zh" and value and _run_together(out[-1:], value[0]):
            out += " "
        new_spans[i] = (len(out), len(out) + len(value.rstrip(" ")))
        out += value
        pos = end
        if lang == "zh" or not out:  # (a removal at the start leaves no space either)
            while pos < len(text) and text[pos] == " ":
                pos += 1
            if lang == "zh" and value and _run_together(value[-1], text[pos:pos + 1]):
                out += " "
    return out + text[pos:], new_spans


def _next_char(text: str, edits: Sequence[tuple[Span, str]], order: Sequence[int],
               k: int) -> str:
    """The character that will follow the insertion ``edits[order[k]]``: the first of the
    next edit's value where that edit starts at the same point (a preposition put in before
    the term that replaces a protection token, ``на`` + ``｟0｠``), else the text's own."""
    start = edits[order[k]][0][0]
    for i in order[k + 1:]:
        (s, _e), value = edits[i]
        if s != start:
            break
        if value:
            return value[:1]
    return text[start:start + 1]


def _run_together(left: str, right: str) -> bool:
    """Whether two characters would read as one word with no space between them: letters or
    digits of an alphabetic script on both sides (``GlobalTech IP`` before ``2003年``)."""
    return bool(left) and bool(right) and all(
        c.isalnum() and not is_cjk(c) for c in (left, right))
