"""Inline markup around a translation: taken off before MT, put back after.

Markdown's is taken off here (:func:`strip`); HTML's inline tags are taken off by
:mod:`toolkit.text.formats.html`, which makes the same :class:`Inline` values, so both are
put back by :func:`place`.

Why: a translation model sees ``**`` and ``[...](...)`` as noise. The demo models drop
emphasis, and a link destination made a token came back as ``[text](](url))``. So the engine
gets the sentence without its inline markup (:func:`strip`), and the markup is put back
around the translation of what it covered (:func:`place`): around the whole translation when
it covered the whole sentence, else around the place where the separately translated (or
untranslated) fragment is found in the translation. A fragment that cannot be found gets its
markup around the whole sentence and is reported: markup is never dropped silently.

Handled: links and images ``[text](dest "title")`` / ``[text][ref]`` (destination copied
byte for byte, the text translated), emphasis ``*``/``_``/``**``/``__``/``***`` and
strikethrough ``~~``. Code spans, autolinks, raw HTML, URLs and e-mails stay in the sentence
for the protect step; nothing inside them is read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from toolkit.text import markdown, patterns
from toolkit.text.protect import TRAILING_PUNCT
from toolkit.text.scripts import CJK_LETTERS, is_cjk

__all__ = ["Mark", "Inline", "strip", "place"]


@dataclass(frozen=True)
class Mark:
    """Markup around ``plain[start:end]``: ``opener`` before it, ``closer`` after it."""

    opener: str
    closer: str
    start: int
    end: int
    name: str = ""
    """What the markup is, for messages, when its syntax does not say (HTML: ``<b>``)."""

    @property
    def kind(self) -> str:
        if self.name:
            return self.name
        if self.closer.startswith(("](", "][")):
            return "image" if self.opener == "![" else "link"
        return "emphasis"


@dataclass(frozen=True)
class Inline:
    """A sentence without its inline markup, and the markup by position in ``plain``."""

    plain: str
    marks: tuple[Mark, ...] = ()
    markdown: bool = True
    """Is the sentence Markdown? False for formats whose markup never reaches the model as
    text (HTML): there a ``*`` or ``[x](y)`` of the source is prose to keep."""

    def marked(self) -> str:
        """The sentence with its markup back where it was (nothing translated)."""
        return _insert(self.plain, self.marks, [(m.start, m.end) for m in self.marks])

    def map(self, convert: Callable[[str], str]) -> Inline:
        """The same sentence with *convert* applied to the text between markup boundaries
        (a script conversion that may change lengths), the markup kept around the same text."""
        cuts = sorted({0, len(self.plain), *(m.start for m in self.marks),
                       *(m.end for m in self.marks)})
        moved = {0: 0}
        out: list[str] = []
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            out.append(convert(self.plain[lo:hi]))
            moved[hi] = moved[lo] + len(out[-1])
        return replace(self, plain="".join(out), marks=tuple(
            replace(m, start=moved[m.start], end=moved[m.end]) for m in self.marks))

    def words(self, mark: Mark) -> tuple[int, int]:
        """Where *mark*'s text is, without the spaces at its ends."""
        text = self.plain[mark.start:mark.end]
        return (mark.start + len(text) - len(text.lstrip()),
                mark.end - len(text) + len(text.rstrip()))

    def whole(self, mark: Mark) -> bool:
        """Does *mark* cover the whole sentence (closing punctuation aside)?"""
        lo, hi = _core(self.plain)
        return mark.start <= lo and mark.end >= hi

    def fragments(self) -> list[str]:
        """The text of each mark that does not cover the whole sentence (to translate)."""
        return [self.plain[m.start:m.end] for m in self.marks if not self.whole(m)]


_OPAQUE = re.compile(
    f"{patterns.CODE_SPAN}|{markdown.AUTOLINK}"
    f"|{patterns.TAG}|{patterns.URL}|{patterns.EMAIL}|{patterns.TOKEN}|\\\\.",
    re.S,
)
_OPEN = re.compile(r"!?\[|(?P<delim>\*{1,3}|_{1,3}|~~)(?=\S)")
_DEST = re.compile(r"\(\s*(?:<[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
                   r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)|\[[^\[\]]*\]")
_ASCII_SPACE = " \t\n\r\f"
_SPACES = re.compile(f"[{_ASCII_SPACE}]+")
"""Spaces between words; a no-break space is a character of the fragment (HTML's ``&nbsp;``)."""
#: A word: one Chinese character, or a run of other letters and digits, which ends where
#: Chinese begins (``Cluster上海`` is two words: a Latin name abuts Chinese with no space)
_WORD = re.compile(rf"[{CJK_LETTERS}]|[^\W_{CJK_LETTERS}]+")
#: What may not stand right before or after a fragment found as whole words
_WORD_EDGE = rf"[^\W_{CJK_LETTERS}]"
_CJK_EDGE = re.compile(rf"[{CJK_LETTERS}]")


def _core(text: str) -> tuple[int, int]:
    """The sentence without surrounding spaces and closing punctuation."""
    hi = TRAILING_PUNCT.search(text).start()  # type: ignore[union-attr]
    lo = len(text) - len(text.lstrip())
    return lo, max(lo, hi)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.opaque = [m.span() for m in _OPAQUE.finditer(text)]
        self.out: list[str] = []
        self.size = 0
        self.marks: list[Mark] = []

    def _opaque_at(self, pos: int) -> tuple[int, int] | None:
        for s, e in self.opaque:
            if s <= pos < e:
                return s, e
            if s > pos:
                break
        return None

    def _emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.size += len(chunk)

    def _closing_bracket(self, pos: int, hi: int) -> int:
        """Index of the ``]`` matching the ``[`` before *pos*, or -1."""
        depth = 0
        i = pos
        while i < hi:
            span = self._opaque_at(i)
            if span:
                i = span[1]
                continue
            c = self.text[i]
            if c == "[":
                depth += 1
            elif c == "]":
                if depth == 0:
                    return i
                depth -= 1
            i += 1
        return -1

    def _closer(self, delim: str, pos: int, hi: int) -> int:
        """Start of the delimiter run closing *delim* opened before *pos*, or -1."""
        char = re.escape(delim[0])
        after = r"(?!\w)" if delim[0] == "_" else ""
        closer = re.compile(rf"(?<=[^\s{char}]){re.escape(delim)}(?!{char}){after}")
        for m in closer.finditer(self.text, pos, hi):
            if self._opaque_at(m.start()) is None and m.start() > pos:
                return m.start()
        return -1

    def parse(self, lo: int, hi: int) -> None:
        i = lo
        while i < hi:
            span = self._opaque_at(i)
            if span:
                end = min(span[1], hi)
                self._emit(self.text[i:end])
                i = end
                continue
            m = _OPEN.match(self.text, i, hi)
            after = self._construct(m, hi) if m else -1
            if after > i:
                i = after
                continue
            self._emit(self.text[i])
            i += 1

    def _construct(self, m: re.Match[str], hi: int) -> int:
        """Parse the link or emphasis opening at *m*; where it ends, or -1 (not markup)."""
        text, start = self.text, m.start()
        delim = m.group("delim")
        if delim is None:  # a link or an image
            close = self._closing_bracket(m.end(), hi)
            dest = _DEST.match(text, close + 1, hi) if close > m.end() else None
            if dest is None:
                return -1
            opener, closer = m.group(), text[close:dest.end()]
            inner = (m.end(), close)
            after = dest.end()
        else:
            if delim[0] == "_" and start and text[start - 1].isalnum():
                return -1
            close = self._closer(delim, m.end(), hi)
            if close < 0:
                return -1
            opener = closer = delim
            inner = (m.end(), close)
            after = close + len(delim)
        index = len(self.marks)
        self.marks.append(Mark(opener, closer, self.size, self.size))
        self.parse(*inner)
        self.marks[index] = Mark(opener, closer, self.marks[index].start, self.size)
        return after


def strip(sentence: str) -> Inline:
    """*sentence* without its inline markup, and where the markup was."""
    parser = _Parser(sentence)
    parser.parse(0, len(sentence))
    return Inline("".join(parser.out), tuple(parser.marks))


def _find(fragment: str, text: str, fuzzy: bool = True, words: bool = True
          ) -> list[tuple[int, int]]:
    """Where *fragment* is in *text*: each exact occurrence (whole *words*, never inside a
    URL, e-mail or code span), else (*fuzzy*) the closest run of words, if close enough."""
    fragment = " ".join(_SPACES.split(fragment.strip(_ASCII_SPACE)))
    if not fragment:
        return []
    edge = "" if _WORD.fullmatch(fragment[0]) is None else f"(?<!{_WORD_EDGE})"
    tail = "" if _WORD.fullmatch(fragment[-1]) is None else f"(?!{_WORD_EDGE})"
    if is_cjk(fragment[0]) or not words:
        edge = ""
    if is_cjk(fragment[-1]) or not words:
        tail = ""
    opaque = [m.span() for m in _OPAQUE.finditer(text)]

    def clear(s: int, e: int) -> bool:  # never inside a URL, e-mail or code span
        return not any(s < oe and os < e and not s <= os < oe <= e for os, oe in opaque)

    # overlapping ones too: "forum forum" is twice in "forum forum forum"; any spaces
    # (lazy: a fragment ending in a no-break space takes the nearest one, not every space up
    # to the last, which would swallow the place of a mark that begins there)
    body = r"\s+?".join(map(re.escape, fragment.split(" ")))
    exact = [(m.start(), m.start() + len(m.group(1))) for m in
             re.finditer(f"(?=({edge}{body}{tail}))", text, re.I)
             if clear(m.start(), m.start() + len(m.group(1)))]
    if exact or not fuzzy:
        return exact
    words = [m.span() for m in _WORD.finditer(text) if clear(*m.span())]
    size = len(_WORD.findall(fragment))
    # Chinese is a word per character: a fragment's translation that ran on (the name and
    # more, '哈尔滨工业大学哈尔滨。') is found by its core, so shorter runs are tried too
    shortest = size // 2 if is_cjk(fragment[0]) else size - 1
    # every run as close as the closest (the caller picks among them)
    best, where = 0.0, []
    for n in range(max(1, shortest), size + 2):
        for k in range(len(words) - n + 1):
            s, e = words[k][0], words[k + n - 1][1]
            score = SequenceMatcher(None, fragment.lower(), text[s:e].lower()).ratio()
            if score > best:
                best, where = score, [(s, e)]
            elif score == best and where:
                where.append((s, e))
    return where if best >= 0.6 else []


_DANGLING = re.compile(r"!?\[(?P<text>[^\[\]]+)\]\((?P<dest>[^\s()]*?)(?P<end>[.!?。！？]?)$")
_BRACKET = re.compile(r"[\[\]]")


def _outside_opaque(text: str, convert: Callable[[str], str]) -> str:
    """*text* with *convert* applied to what lies outside code spans, URLs, e-mails and
    tokens (whose brackets are their own)."""
    out, last = [], 0
    for m in _OPAQUE.finditer(text):
        out += [convert(text[last:m.start()]), m.group()]
        last = m.end()
    return "".join([*out, convert(text[last:])])


def _has_bracket(text: str) -> bool:
    """Whether *text* has a ``[`` or ``]`` outside code spans, URLs, e-mails and tokens."""
    return _BRACKET.search(_OPAQUE.sub("", text)) is not None


def _drop_stray_brackets(model: Inline, source: str) -> Inline:
    """*model* without the ``[`` and ``]`` left over from link syntax the model wrote but did
    not finish (``on [the README.``), when the *source* text has none: they would read as a
    second, broken link once the source's link is put back around the sentence."""
    if _has_bracket(source) or not _has_bracket(model.plain):
        return model
    return model.map(lambda chunk: _outside_opaque(chunk, lambda t: _BRACKET.sub("", t)))


def _unmark(translation: str, known: set[str], originals: set[str]) -> Inline:
    """*translation* without the markup the model wrote itself (it is put back from the
    source). A protected span (URL, e-mail) the model moved into a link destination of its
    own stays in the text after the link text; a destination it made up is dropped, and so
    is a link it left unclosed at the very end (``[сайте](https://english.``)."""
    dangling = _DANGLING.search(translation.rstrip())
    if dangling:
        # a protected span the model made the destination of its unclosed link stays
        carried = dangling["dest"].strip()
        kept = " " + carried if carried in originals else ""
        translation = (translation[:dangling.start()] + dangling["text"] + kept
                       + dangling["end"])
    found = strip(translation)
    plain, marks = found.plain, list(found.marks)
    for k in sorted(range(len(marks)), key=lambda k: -marks[k].end):
        mark = marks[k]
        if mark.kind == "emphasis" or mark.closer in known or not mark.closer.startswith("]("):
            continue
        carried = mark.closer[2:-1].strip()
        if carried not in originals:
            continue
        at, insert = mark.end, " " + carried
        plain = plain[:at] + insert + plain[at:]
        marks = [m if j == k else Mark(m.opener, m.closer,
                                       m.start + len(insert) * (m.start >= at),
                                       m.end + len(insert) * (m.end > at))
                 for j, m in enumerate(marks)]
    if dangling:
        marks.append(Mark("[", "](", dangling.start(), dangling.start() + len(dangling["text"])))
    return Inline(plain, tuple(marks))


def place(translation: str, inline: Inline, fragments: dict[str, str],
          originals: tuple[str, ...] = (),
          terms: Sequence[tuple[int, int, str]] = ()) -> tuple[str, list[Mark]]:
    """*translation* with *inline*'s markup put back; also the marks that were not found.

    *fragments* maps each of :meth:`Inline.fragments` to its translation; *originals* are
    the sentence's protected spans (a model may move one into a link of its own). A mark that
    covered the whole sentence goes around the whole translation (closing punctuation
    outside when it was outside); another goes around where its fragment's translation, or
    the fragment itself, is found, else around the glossary terms its fragment names;
    failing that, around the whole translation (an image: its alt text's translation at the
    end of the sentence, in the image), and it is returned for the caller to report.

    *terms* are the sentence's glossary mentions: where each is in ``inline.plain`` and the
    term the translation has for it. A mark never cuts one of those terms in the translation
    (a Chinese fragment found by likeness, ``<b>伊万·彼得罗夫率领俄</b>罗斯科学基金会``): it
    takes the whole term when its source held the mention, else leaves the term out.
    """
    # Markdown the model wrote itself is taken off (put back from the source), unless the
    # source is not Markdown and has text that reads as Markdown (``2 * 3 * 4`` in HTML).
    own = inline.markdown or not strip(inline.plain).marks
    model = (_drop_stray_brackets(_unmark(translation, {m.closer for m in inline.marks},
                                          set(originals)), inline.plain)
             if own else Inline(translation))
    if not inline.marks:
        return model.plain, []
    translation = model.plain
    hints = list(model.marks)
    lo, hi = _core(translation)
    src_hi = _core(inline.plain)[1]
    spans: list[tuple[int, int]] = []
    lost: list[Mark] = []
    for mark in inline.marks:
        where: tuple[int, int] | None = None
        if inline.whole(mark):
            # Closing punctuation inside the markup in the source stays inside it.
            where = (lo, len(translation.rstrip()) if mark.end > src_hi else hi)
        else:
            # Where the model put markup of the same kind itself, else where the fragment is.
            hint = next((h for h in hints if h.kind == mark.kind), None)
            if hint is not None:
                hints.remove(hint)
                where = (hint.start, hint.end)
            fragment = inline.plain[mark.start:mark.end]
            share = mark.start / max(len(inline.plain), 1)
            # closing punctuation inside the markup in the source may be inside it here too
            top = len(translation.rstrip()) if mark.end > src_hi else hi
            # markup inside a word (``forum<b>s</b>``) is looked for inside words
            words = not (inline.plain[mark.start - 1:mark.start].isalnum()
                         or inline.plain[mark.end:mark.end + 1].isalnum())
            # Marks on the same source words share a place; others take one of their own.
            taken = {sp for sp, m in zip(spans, inline.marks, strict=False)
                     if inline.words(m) != inline.words(mark)}
            # (the places of marks apart from this one in the source: nested ones may nest)
            apart = {sp for sp, m in zip(spans, inline.marks, strict=False)
                     if m.end <= mark.start or mark.end <= m.start}
            # exact finds of the fragment or its translation before close ones of either
            tries = [(c, fuzzy) for fuzzy in (False, True)
                     for c in (fragment, fragments.get(fragment, ""))]
            for candidate, fuzzy in tries if where is None else ():
                if fuzzy and candidate is fragment:
                    # not found as written: around the glossary terms the fragment names
                    where = _around_terms(mark, inline.plain, terms, translation, lo, top,
                                          taken)
                    if where is not None:
                        break
                found = [(s + lo, e + lo)
                         for s, e in _find(candidate, translation[lo:top], fuzzy, words)]
                # Rather a place of its own than one inside or around other markup; of a
                # repeated word, the one nearest where the fragment stands in the source.
                found.sort(key=lambda sp: (any(sp[0] < e and s < sp[1] for s, e in apart),
                                           abs(sp[0] / len(translation) - share)))
                # (a place that cuts a glossary term is moved to cut none, or dropped)
                found = [w for sp in found
                         if (w := _whole_terms(sp, mark, terms, translation)) is not None]
                where = next((sp for sp in found if sp not in taken), None)
                if where is not None:
                    break
            if where is not None:
                where = _whole_terms(where, mark, terms, translation)
            if where is not None and any(
                    s < where[0] < e < where[1] or where[0] < s < where[1] < e
                    for s, e in spans):
                where = None  # would cross markup already placed
            if where is None and mark.kind == "image":
                # an image whose alt text is not found goes at the end of the sentence, with
                # that text's own translation: around the whole sentence it would make all of
                # it the image's alt text, which a page does not show (and a link lost too
                # would end up inside it)
                alt = (fragments.get(fragment) or fragment).strip()
                piece = ("" if _CJK_EDGE.search(translation) else " ") + alt
                translation = translation[:hi] + piece + translation[hi:]
                n = len(piece)
                spans = [(a + n if a > hi else a, b + n if b > hi else b) for a, b in spans]
                hints = [replace(h, start=h.start + n if h.start > hi else h.start,
                                 end=h.end + n if h.end > hi else h.end) for h in hints]
                where = (hi + n - len(alt), hi + n)
                hi += n
                lost.append(mark)
            if where is None:
                lost.append(mark)
                where = (lo, hi)
        spans.append(where)
    marks = []
    for mark, (s, e) in zip(inline.marks, spans, strict=True):
        if mark.opener[0] == "_" and (translation[s - 1:s].isalnum()
                                      or translation[e:e + 1].isalnum()
                                      or _CJK_EDGE.search(translation[s:s + 1]
                                                          + translation[e - 1:e])):
            # ``_`` inside a word is no emphasis (Chinese has no spaces): ``*`` is the same.
            # Chinese inner edges too: the sentence may be joined to its neighbour without a
            # space later (a Chinese paragraph), which would put the ``_`` inside a word.
            mark = replace(mark, opener="*" * len(mark.opener), closer="*" * len(mark.opener))
        marks.append(mark)
    return _insert(translation, marks, spans), lost


def _occurrences(term: str, text: str) -> list[tuple[int, int]]:
    """Where *term* is in *text* (every occurrence)."""
    return [(m.start(), m.end()) for m in re.finditer(re.escape(term), text)] if term else []


def _around_terms(mark: Mark, plain: str, terms: Sequence[tuple[int, int, str]],
                  translation: str, lo: int, hi: int,
                  taken: set[tuple[int, int]]) -> tuple[int, int] | None:
    """The place of *mark* from the glossary terms its source fragment names, when they make
    most of it, in characters or in words (``Professor Ivan Petrov``, ``Professor Zhou
    Hong``: the name) and each is in the translation once: from the first term to the last.
    None otherwise."""
    inside = [(s, e, t) for s, e, t in terms if mark.start <= s and e <= mark.end]
    named = sum(e - s for s, e, _t in inside)
    words = [w.span() for w in re.finditer(r"\S+", plain[mark.start:mark.end])]
    named_words = sum(1 for a, b in words if any(
        s <= mark.start + a and mark.start + b <= e for s, e, _t in inside))
    if not inside or (2 * named < len(plain[mark.start:mark.end].strip())
                      and 2 * named_words < len(words)):
        return None
    found = [_occurrences(t, translation[lo:hi]) for _s, _e, t in inside]
    if any(len(f) != 1 for f in found):
        return None
    where = (min(f[0][0] for f in found) + lo, max(f[0][1] for f in found) + lo)
    return where if where not in taken else None


def _whole_terms(where: tuple[int, int], mark: Mark, terms: Sequence[tuple[int, int, str]],
                 translation: str) -> tuple[int, int] | None:
    """*where* moved so that it cuts no glossary term of the translation: it takes in a term
    whose mention the mark covered in the source and leaves out one whose mention lay
    outside it (None when nothing is left). A mention the mark itself cut is left alone."""
    s, e = where
    for ms, me, term in terms:
        inside = mark.start <= ms and me <= mark.end
        if not inside and not (me <= mark.start or mark.end <= ms):
            continue
        for ts, te in _occurrences(term, translation):
            if not (s < te and ts < e) or (s <= ts and te <= e):
                continue  # apart, or wholly inside
            if inside:
                s, e = min(s, ts), max(e, te)
            elif ts <= s:
                s = te
            else:
                e = ts
    if (s, e) == where:
        return where
    while s < e and translation[s] in _ASCII_SPACE:
        s += 1
    while e > s and translation[e - 1] in _ASCII_SPACE:
        e -= 1
    return (s, e) if s < e else None


def _insert(text: str, marks: Sequence[Mark], spans: Sequence[tuple[int, int]]) -> str:
    """*text* with each mark's opener and closer inserted at its span."""
    inserts: list[tuple[int, int, int, int, str]] = []
    for n, (mark, (s, e)) in enumerate(zip(marks, spans, strict=True)):
        # At one position closers go before openers; the outer opener first (the one that
        # ends later, or came first in the source), its closer last: a mark that was not
        # found and covers the sentence opens before a found one at its start.
        inserts.append((s, 1, -e, n, mark.opener))
        inserts.append((e, 0, -s, -n, mark.closer))
    out, pos = [], 0
    for at, _, _, _, piece in sorted(inserts, key=lambda t: t[:4]):
        out.append(text[pos:at])
        out.append(piece)
        pos = at
    out.append(text[pos:])
    return "".join(out)
