"""Protect what MT must not touch: spans become opaque tokens ``｟0｠``, ``｟1｠`` ... and back.

URLs, e-mails, placeholders, markup and do-not-translate terms are replaced before translation
by numbered tokens the demo models were trained to copy (OpenNMT's ``｟...｠`` convention), then
put back. A lost token is not silently dropped: restore reinserts the original and reports it.
Text that already contains token-like sequences is masked too, so mask -> restore is lossless
for any input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from toolkit.text.patterns import TOKEN_RE
from toolkit.text.scripts import CYRILLIC

MAX_TOKENS = 10
"""Tokens per sentence: the demo SentencePiece models know ``｟0｠``..``｟9｠`` as pieces."""

TRAILING_PUNCT = re.compile(r"[\s.!?。！？;；:：…»”\"')）]*$")


def token(index: int) -> str:
    """The opaque token for the *index*-th protected span of a sentence."""
    return f"｟{index}｠"


@dataclass(frozen=True)
class Masked:
    """A sentence with protected spans replaced by tokens, and the originals by index."""

    text: str
    originals: tuple[str, ...]
    kept: tuple[str, ...] = ()
    """Prose between protected spans kept verbatim because the sentence had too many."""
    spans: tuple[tuple[int, int], ...] = ()
    """Where each original stood in the unmasked text (parallel to ``originals``)."""


KEPT = "kept"
"""The model copied the span's token: the original is back where the model put it."""
ALIGNED = "aligned"
"""The token was lost (or never sent): the original is back where the attention alignment
projects its source position, on a word boundary."""
REPLACED = "replaced"
"""The token was lost (or never sent) and the model wrote a link of its own where it belongs
(a URL or e-mail the source does not have): the original replaced that link."""
AT_END = "end"
"""The token was lost and no alignment placed it: the original is back at the sentence end."""
OUTCOMES = (KEPT, ALIGNED, REPLACED, AT_END)
"""How each protected span came back; every span comes back one of these ways."""

Placer = Callable[[int], "int | tuple[int, int] | None"]
"""Where original *i* goes in the translation: a character offset to insert it at, a span of
the translation it replaces, or None (not known)."""


@dataclass(frozen=True)
class Restored:
    """A translation with the originals back in, and how each came back.

    ``outcomes[i]`` is one of :data:`OUTCOMES` for ``Masked.originals[i]``; ``missing`` are the
    originals the model did not copy (placed by alignment or at the end), ``extra`` the tokens
    it invented or repeated (removed).
    """

    text: str
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()

    def spans(self, outcome: str, originals: Sequence[str]) -> tuple[str, ...]:
        """The originals that came back as *outcome*."""
        return tuple(o for o, how in zip(originals, self.outcomes, strict=True)
                     if how == outcome)


def _merge(spans: Iterable[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans; existing token-like text is always protected too."""
    found = sorted({(s, e) for s, e in spans if 0 <= s < e <= len(text)}
                   | {m.span() for m in TOKEN_RE.finditer(text)})
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return merged


def _fit(spans: list[tuple[int, int]], text: str, limit: int
         ) -> tuple[list[tuple[int, int]], list[str]]:
    """At most *limit* spans: neighbours are joined across the cheapest gaps.

    A gap of only spaces and punctuation (``url1, url2``) goes first, then the shortest;
    returns the spans and the gaps with letters that joining made verbatim (to report).
    """
    spans = list(spans)
    kept: list[str] = []
    while len(spans) > max(limit, 1):
        def cost(i: int) -> tuple[bool, int]:
            gap = text[spans[i][1]:spans[i + 1][0]]
            return any(c.isalpha() for c in gap), len(gap)

        i = min(range(len(spans) - 1), key=cost)
        gap = text[spans[i][1]:spans[i + 1][0]]
        if any(c.isalpha() for c in gap):
            kept.append(gap.strip())
        spans[i:i + 2] = [(spans[i][0], spans[i + 1][1])]
    return spans, kept


def mask(text: str, spans: Iterable[tuple[int, int]], limit: int = MAX_TOKENS) -> Masked:
    """Replace *spans* of *text* (any order, overlaps merged) by tokens, at most *limit*.

    A model copies only the tokens it was trained on (``｟0｠``..``｟9｠``; ``｟10｠`` is not a
    piece of the demo vocabularies), so more spans than *limit* are joined into fewer tokens
    across the gaps between them rather than left for the model to drop: every span comes
    back. Prose that joining made verbatim is listed in ``kept``. Token-like text already in
    the input is always masked.
    """
    groups, kept = _fit(_merge(spans, text), text, limit)
    out: list[str] = []
    originals: list[str] = []
    pos = 0
    for start, end in groups:
        out.append(text[pos:start])
        out.append(token(len(originals)))
        originals.append(text[start:end])
        pos = end
    out.append(text[pos:])
    return Masked("".join(out), tuple(originals), tuple(kept), tuple(groups))


def without_tokens(masked: Masked) -> tuple[str, tuple[int, ...]]:
    """The masked sentence with its tokens taken out, for a model that never learnt to copy
    them, and where each original stood in that text (a character offset).

    A token goes with one space next to it, so the words around it close up
    (``at ｟0｠ today`` -> ``at today``, the original at the offset after ``at``).
    """
    out: list[str] = []
    where: dict[int, int] = {}
    pos = 0
    for m in TOKEN_RE.finditer(masked.text):
        start, end = m.span()
        before = masked.text[pos:start]
        if before.endswith(" ") and (end == len(masked.text) or masked.text[end] in " ,.;:!?"):
            before = before[:-1]  # "at ｟0｠." -> "at."
        elif (not before or before.endswith(" ")) and masked.text[end:end + 1] == " ":
            end += 1  # "｟0｠ files" -> "files", "and ｟1｠ more" -> "and more"
        out.append(before)
        index = int(m.group(1))
        if index < len(masked.originals) and index not in where:
            where[index] = sum(map(len, out))
        pos = end
    out.append(masked.text[pos:])
    text = "".join(out)
    return text, tuple(where.get(i, len(text)) for i in range(len(masked.originals)))


def restore(translated: str, masked: Masked, place: Placer | None = None,
            endings: frozenset[str] = frozenset()) -> Restored:
    """Put the originals back in place of their tokens.

    A token the model dropped is put where *place* says (its source position projected
    through the alignment, or in place of a link the model made up), else before the
    sentence's closing punctuation; a token it
    invented or repeated is removed (the first occurrence wins). ``outcomes`` says which.

    Cyrillic letters the model wrote onto a token standing for a Latin name or address are
    no part of it: a case ending among *endings* (the target's, ``Quantixом``) is dropped, as
    the name is written as it is; other letters are set apart by a space.
    """
    seen: dict[int, tuple[int, int]] = {}
    extra: list[str] = []
    edits: list[tuple[int, int, int, str]] = []  # start, end, order, replacement
    for m in TOKEN_RE.finditer(translated):
        index = int(m.group(1))
        if index >= len(masked.originals) or index in seen:
            extra.append(m.group(0))
            start = m.start()
            if _CLOSING.match(translated, m.end()):  # its space goes too: 'посетила ｟0｠.'
                while start > 0 and translated[start - 1] in " \t":
                    start -= 1
            edits.append((start, m.end(), -1, ""))
            continue
        seen[index] = m.span()
        original, end = masked.originals[index], m.end()
        # (as the source has it, letters on the span stay: mask -> restore is the identity)
        at = masked.text.find(m.group(0))
        alone = at < 0 or not (_CYRILLIC_LETTER.match(masked.text[at - 1:at])
                               or _CYRILLIC_LETTER.match(masked.text, at + len(m.group(0))))
        if alone and original[:1].isascii() and original[:1].isalnum() and \
                _CYRILLIC_LETTER.match(translated[m.start() - 1:m.start()]):
            original = " " + original
        glued = _CYRILLIC_RUN.match(translated, end) if alone else None
        if glued and original[-1:].isascii() and original[-1:].isalnum():
            if glued.group().lower() in endings:
                end = glued.end()
            else:
                original += " "
        edits.append((m.start(), end, index, original))
    outcomes = [KEPT if i in seen else AT_END for i in range(len(masked.originals))]
    for i, original in enumerate(masked.originals):
        if i in seen or place is None:
            continue
        where = place(i)
        if where is None:
            continue
        start, end = (where, where) if isinstance(where, int) else where
        if not 0 <= start <= end <= len(translated) \
                or any(s < end and start < e for s, e, _k, _r in edits):
            continue
        edits.append((start, end, i, original))
        outcomes[i] = ALIGNED if start == end else REPLACED
    text = _apply(translated, sorted(edits))
    missing = tuple(o for i, o in enumerate(masked.originals) if i not in seen)
    at_end = [o for o, how in zip(masked.originals, outcomes, strict=True) if how == AT_END]
    if at_end:
        tail = TRAILING_PUNCT.search(text)
        cut = tail.start() if tail else len(text)
        joined = " ".join(at_end)
        head, tail = text[:cut].rstrip(), text[cut:].lstrip()
        # Chinese runs on without spaces, around Latin names too (论坛Quantix。)
        space = "" if _joins(head[-1:]) else " "
        text = f"{head}{space}{joined}{tail}" if head else joined + tail
    if extra:
        text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return Restored(text, missing, tuple(extra), tuple(outcomes))


_CYRILLIC_LETTER = re.compile(f"[{CYRILLIC}]")
#: Cyrillic letters run on to a token, as a whole word's tail (not the start of a longer word)
_CYRILLIC_RUN = re.compile(rf"[{CYRILLIC}]+(?![\w-])")
#: What may follow a word with no space before it: closing punctuation, or the end.
_CLOSING = re.compile(r"[.,;:!?…)\]}»”’。，；：！？）]|$")


def _apply(text: str, edits: Sequence[tuple[int, int, int, str]]) -> str:
    """*text* with each ``(start, end, order, value)`` edit made; an insertion (start == end)
    is :func:`padded`."""
    out: list[str] = []
    pos = 0
    for k, (start, end, _order, value) in enumerate(edits):
        out.append(text[pos:start])
        if start == end and value:
            # what will follow: the value of an edit starting here (a kept token), else text
            after = next((v[:1] for s, e, _o, v in edits[k + 1:] if s == end < e and v),
                         text[end:end + 1])
            value = padded(value, "".join(out)[-1:], after)
        out.append(value)
        pos = end
    out.append(text[pos:])
    return "".join(out)


OPENING = "([{«“\"'"
"""Brackets and quotes a word after them touches without a space."""


def padded(value: str, before: str, after: str) -> str:
    """*value* as inserted between the characters *before* and *after* ("" at either end of
    the text): with a space on each side where it would touch a word, none after an opening
    bracket or quote, before closing punctuation, or next to Chinese (which runs on without
    spaces). A protection token counts as a word: a term put in before ``｟0｠`` would run
    into the URL that comes back there."""
    if before and not before.isspace() and before not in OPENING and not _joins(before):
        value = " " + value
    if after and (after.isalnum() and not _joins(after) or after in OPENING
                  or after == token(0)[0]):
        value += " "
    return value


def _joins(char: str) -> bool:
    """Chinese and Japanese text runs on without spaces."""
    from toolkit.text.scripts import is_cjk

    return is_cjk(char) or char in "，。、；：！？（）《》“”"


def mask_all(sentences: Sequence[str], spans_for: Sequence[Iterable[tuple[int, int]]]
             ) -> list[Masked]:
    """Mask each sentence with its own spans."""
    return [mask(s, sp) for s, sp in zip(sentences, spans_for, strict=True)]
