"""Protect what MT must not touch: spans become opaque tokens ``｟0｠``, ``｟1｠`` ... and back.

URLs, e-mails, placeholders, markup and do-not-translate terms are replaced before translation
by numbered tokens the demo models were trained to copy (OpenNMT's ``｟...｠`` convention), then
put back. A lost token is not silently dropped: restore reinserts the original and reports it.
Text that already contains token-like sequences is masked too, so mask -> restore is lossless
for any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from toolkit.text.patterns import TOKEN_RE

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


@dataclass(frozen=True)
class Restored:
    """A translation with the originals back in; ``missing``/``extra`` say what went wrong."""

    text: str
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()


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


def restore(translated: str, masked: Masked) -> Restored:
    """Put the originals back in place of their tokens.

    A token the model dropped is reinserted before the sentence's closing punctuation; a
    token it invented or repeated is removed (the first occurrence wins). Both are reported.
    """
    seen: set[int] = set()
    extra: list[str] = []

    def put_back(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(masked.originals) or index in seen:
            extra.append(match.group(0))
            return ""
        seen.add(index)
        return masked.originals[index]

    text = TOKEN_RE.sub(put_back, translated)
    missing = tuple(o for i, o in enumerate(masked.originals) if i not in seen)
    if missing:
        tail = TRAILING_PUNCT.search(text)
        cut = tail.start() if tail else len(text)
        joined = " ".join(missing)
        head, tail = text[:cut].rstrip(), text[cut:].lstrip()
        text = f"{head} {joined}{tail}" if head else joined + tail
    if extra:
        text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return Restored(text, missing, tuple(extra))


def mask_all(sentences: Sequence[str], spans_for: Sequence[Iterable[tuple[int, int]]]
             ) -> list[Masked]:
    """Mask each sentence with its own spans."""
    return [mask(s, sp) for s, sp in zip(sentences, spans_for, strict=True)]
