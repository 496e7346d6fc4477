"""HTML pages for translation: the text of each block, inline tags around it, the rest verbatim.

Why the standard library's :mod:`html.parser`: it says where each construct starts in the
source (``getpos``, ``get_starttag_text``) and never rewrites what it reads, so everything
that is not translated text is copied from the source byte for byte (attribute quotes,
entity spelling, comments, whitespace, implied or missing end tags). lxml, BeautifulSoup and
selectolax build a tree and serialize it again, which changes those bytes; html5lib the same.
It is also always installed, tolerates broken markup without raising, and is maintained with
Python itself.

What is translated:

- the text of each block (``p``, ``li``, ``h1``-``h6``, ``td``, ``th``, ``dt``, ``dd``,
  ``figcaption``, ``blockquote``, ``title``, a ``div`` holding inline content ...): any run of
  text and inline elements between two other tags. It goes to the engine sentence by sentence
  (a ``<br>`` ends a sentence too) with its inline tags (``a``, ``b``, ``strong``, ``em``,
  ``span``, ``sup`` ...) taken off as marks that :func:`toolkit.text.inline.place` puts back
  around the translation of what they covered, as for Markdown; a sentence is never cut inside
  an inline element;
- the ``alt``, ``title``, ``placeholder`` and ``aria-label`` attributes, and the ``content`` of
  ``<meta name="description">`` (and ``og:``/``twitter:`` title and description).

Declarations that describe the text follow the translation: the root's ``lang``/``xml:lang``
(the target language) and a ``<meta>`` charset other than UTF-8 (the output is UTF-8).

Copied verbatim: every tag and attribute otherwise, comments, the doctype, whitespace outside
sentences, ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp``, ``var``, ``textarea``,
``svg``, ``math``, ``template``, elements with ``translate="no"`` or ``class="notranslate"``
and everything inside them (but an element inside that says ``translate="yes"``: HTML's
translate attribute is inherited and a descendant may switch it back on), and text without a
letter. Inside a sentence, an element that is
copied (``<code>``, ``<img>``, a ``translate="no"`` span, an empty ``<a id>``) is one
protected span: the model sees a token and it comes back as it was (its ``alt`` translated).

Entities are decoded for the model (``&amp;`` -> ``&``, ``&nbsp;``) and translated text is
escaped again (``&``, ``<``, ``>``; an attribute's quote character; a no-break space as
``&nbsp;``). Text the page writes in escaped brackets (``&lt;SPbPU&gt;``) is text, never
taken for a tag (:attr:`Page.placeholders` are the only tags of the text): the brackets come
back as ``&lt;``/``&gt;``, a glossary name inside in its approved form. Broken markup never
raises: a stray end tag or an inline tag left open is kept in place as a protected span and
reported, an unclosed ``translate="no"`` element keeps the
rest of its block (or of the page, for a block element) untranslated.
"""

from __future__ import annotations

import html
import html.parser
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from toolkit.i18n import _
from toolkit.text.inline import Inline, Mark
from toolkit.text.scripts import is_cjk
from toolkit.text.segment import sentence_spans

__all__ = ["Page", "read", "INLINE", "VERBATIM", "TRANSLATABLE_ATTRIBUTES"]

INLINE = frozenset(
    "a abbr acronym b bdi bdo big cite data del dfn em font i ins label mark nobr q rp rt "
    "ruby s small span strike strong sub sup time tt u".split())
"""Elements that are part of their sentence: taken off as marks, their text translated."""
VERBATIM = frozenset(
    "script style code pre kbd samp var textarea svg math template".split())
"""Elements copied with everything inside them."""
_INLINE_COPIED = frozenset("code kbd samp var img wbr input embed br svg math".split())
"""Elements copied whole that sit inside a sentence (a protected span there)."""
_ATOMS = frozenset("img wbr input embed".split())
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6 title".split())
_OPTIONAL_END = frozenset("p li dt dd td th tr option optgroup rt rp".split())
"""Elements a later sibling or the end of their parent closes without an end tag."""
_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split())
TRANSLATABLE_ATTRIBUTES = frozenset({"alt", "title", "placeholder", "aria-label"})
_META_NAMES = frozenset(
    {"description", "og:title", "og:description", "twitter:title", "twitter:description"})

# The character references html.unescape decodes (its own pattern), so each is one unit.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_TAG_NAME = getattr(html.parser, "tagfind_tolerant",
                    re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*"))
_ATTRIBUTE = getattr(html.parser, "attrfind_tolerant", re.compile(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?"
    r"(?:\s|/(?!>))*"))
_SPACE = frozenset(" \t\n\r\f")
"""What HTML collapses (not a no-break space, which is text)."""
_UNQUOTED_OK = re.compile(r"[^\s\"'=<>`]+")


@dataclass(frozen=True)
class _Event:
    """One construct of the source, ``[start, end)``: ``kind`` start, startend, end, data,
    other (comment, doctype ...) or junk (bytes the parser skipped)."""

    kind: str
    name: str
    start: int
    end: int
    attrs: tuple[tuple[str, str | None], ...] = ()
    data: str = ""


class _Reader(html.parser.HTMLParser):
    """Collects the parser's events with their offsets in the source."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.events: list[_Event] = []

    def _at(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _tag(self, kind: str, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._at()
        raw = self.get_starttag_text() or ""
        self.events.append(_Event(kind, tag, at, at + len(raw), tuple(attrs)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag("start", tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag("startend", tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.events.append(_Event("end", tag, self._at(), -1))

    def handle_data(self, data: str) -> None:
        self.events.append(_Event("data", "", self._at(), -1, data=data))

    def _other(self, _data: str = "") -> None:
        self.events.append(_Event("other", "", self._at(), -1))

    handle_comment = handle_decl = handle_pi = unknown_decl = _other


def _events(text: str) -> tuple[list[_Event], list[int]]:
    """The source as contiguous events covering every character once, and its line starts.

    Bytes the parser consumed without an event (``</>``) become ``other`` events; text whose
    decoding does not match the parser's (such bytes inside it, or raw text of ``<script>``)
    becomes ``other`` too, so it is copied and never translated.
    """
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    found = sorted(reader.events, key=lambda e: e.start)
    events: list[_Event] = []
    pos = 0
    for k, event in enumerate(found):
        following = found[k + 1].start if k + 1 < len(found) else len(text)
        start = max(event.start, pos)
        if start > pos:
            events.append(_Event("other", "", pos, start))
        end = following if event.end < 0 else min(max(event.end, start), following)
        if end <= start:
            continue
        if event.kind == "data" and html.unescape(text[start:end]) != event.data:
            # bytes the parser skipped (``</>``) after the text: the text alone is text
            cut = next((e for e in range(start + len(event.data), end)
                        if html.unescape(text[start:e]) == event.data), start)
            if cut > start:
                events.append(_Event("data", "", start, cut, data=event.data))
            event, start = _Event("junk", "", cut, end), cut
        events.append(_Event(event.kind, event.name, start, end, event.attrs, event.data))
        pos = end
    if pos < len(text):
        events.append(_Event("other", "", pos, len(text)))
    return events, reader.line_starts


@dataclass
class _Token:
    """A unit of a run: a character (or one character reference), a tag, or a copied span."""

    kind: str  # char, open, close, atom
    start: int
    end: int
    text: str = ""
    name: str = ""
    brk: bool = False
    pos: int = 0  # where it starts in the run's plain text
    end_pos: int = 0


@dataclass(frozen=True)
class _Slot:
    """Where a translation goes: a sentence's extent, or an attribute value (``quote``)."""

    start: int
    end: int
    attribute: bool = False
    quote: str = ""


def _letters(n: int) -> str:
    out = ""
    while True:
        out = chr(97 + n % 26) + out
        n //= 26
        if not n:
            return out


@dataclass(frozen=True)
class Page:
    """An HTML document read for translation.

    ``inlines`` are what MT translates (a sentence with its inline tags as marks, or an
    attribute value), ``lines`` the source line of each and ``offsets`` where its text starts
    in the source (a sentence's leading inline tags included, as :meth:`show` gives them;
    :meth:`positions` maps the rest), ``headlines`` whether it is a heading's or the title's
    text, ``problems`` (line, message) the broken markup found. In the plain text and the
    marks, a copied span is a tag-like placeholder (``<tk-a>``, unique in the page) that the
    protect step masks; :meth:`render` writes the page back with translations in place.
    """

    source: str
    inlines: tuple[Inline, ...]
    lines: tuple[int, ...]
    offsets: tuple[int, ...]
    headlines: tuple[bool, ...]
    problems: tuple[tuple[int, str], ...]
    _slots: tuple[_Slot, ...]
    _spans: tuple[tuple[int, int], ...]
    _prefix: str
    _declarations: tuple[tuple[int, int, str], ...] = ()

    @property
    def sentences(self) -> list[str]:
        """Each translatable unit as it reads, with its placeholders (for the checks)."""
        return [i.marked() for i in self.inlines]

    def _placeholder(self) -> re.Pattern[str]:
        return re.compile(f"<{re.escape(self._prefix)}-([a-z]+)>")

    @property
    def placeholders(self) -> re.Pattern[str]:
        """The placeholders (copied spans) in :attr:`inlines`: the only tags there. Every
        other ``<...>`` in the text was written with entities (``&lt;SPbPU&gt;``): text the
        protect step must not take for a tag (it is translated, glossary terms in it too)."""
        return self._placeholder()

    def prose(self, texts: Sequence[str]) -> str:
        """*texts* (one per unit, source or translation) without placeholders, a line each:
        what the page says, to check against a glossary."""
        placeholder = self._placeholder()
        return "\n".join(" ".join(placeholder.sub(" ", t).split()) for t in texts)

    def show(self, text: str) -> str:
        """*text* (a sentence or a message about one) with its placeholders shown as the
        source markup they stand for."""
        return self._placeholder().sub(lambda m: self.source[slice(*self._span(m))], text)

    def shown(self, text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
        """:meth:`show`'s text, and where in it the markup put back stands (so that a search
        for words of the text does not find them in a tag's attribute)."""
        out: list[str] = []
        where: list[tuple[int, int]] = []
        size = pos = 0
        for m in self._placeholder().finditer(text):
            markup = self.source[slice(*self._span(m))]
            out.extend((text[pos:m.start()], markup))
            size += m.start() - pos
            where.append((size, size + len(markup)))
            size += len(markup)
            pos = m.end()
        out.append(text[pos:])
        return "".join(out), tuple(where)

    def positions(self, k: int, shown: str, markup: Sequence[tuple[int, int]] = ()
                  ) -> tuple[int, ...] | None:
        """Where each character of *shown* (unit *k* as :meth:`shown` gives it, with its
        *markup*) stands in the source, and after them where it ends: ``len(shown) + 1``
        offsets, or None when the source there does not read as *shown*.

        The unit reads from its offset on: a character reference is the character(s) it
        stands for, a whitespace run is the one space the unit has for it, and the markup
        :meth:`show` put back (tags, copied spans) is the source's own text. The report
        uses it to give a glossary mention's place in the page, not in the unit's text.
        """
        text, j = self.source, self.offsets[k]
        verbatim = dict(markup)
        out: list[int] = []
        i = 0
        spaced = False  # the text so far ends with a space (markup aside)
        while i < len(shown):
            c = shown[i]
            if spaced and j < len(text) and _space(text[j]) and not _space(c):
                # a whitespace run across a tag reads as the one space before the tag
                while j < len(text) and _space(text[j]):
                    j += 1
            elif i in verbatim:
                end = verbatim[i]
                if not text.startswith(shown[i:end], j):
                    return None
                out.extend(range(j, j + end - i))
                i, j = end, j + end - i
            elif j < len(text) and text[j] == c and not (c == "&" and _CHARREF.match(text, j)):
                out.append(j)
                i, j, spaced = i + 1, j + 1, _space(c)
            elif _space(c) and j < len(text) and _space(text[j]):
                while i < len(shown) and _space(shown[i]) and i not in verbatim:
                    out.append(j)
                    i += 1
                while j < len(text) and _space(text[j]):
                    j += 1
                spaced = True
            elif (m := _CHARREF.match(text, j)) and shown.startswith(html.unescape(m.group()), i):
                n = len(html.unescape(m.group()))
                out.extend([j] * n)
                i, j, spaced = i + n, m.end(), _space(shown[i + n - 1])
            else:
                return None
        out.append(j)
        return tuple(out)

    def _span(self, m: re.Match[str]) -> tuple[int, int]:
        n = 0
        for c in m.group(1):
            n = n * 26 + ord(c) - 97
        return self._spans[n] if n < len(self._spans) else (m.start(), m.start())

    def render(self, translations: Sequence[str], lang: str | None = None) -> str:
        """The page with *translations* (one per :attr:`inlines`, placeholders and marks as
        :func:`toolkit.text.inline.place` left them) in place; all else from the source.
        With *lang* (a BCP 47 tag), what the page declares about itself follows the
        translation: the root's ``lang``/``xml:lang`` say *lang*, and a declared charset says
        UTF-8 (the translation is written in UTF-8, whatever the source was read as)."""
        if len(translations) != len(self._slots):
            raise ValueError(f"{len(translations)} translations for {len(self._slots)} texts")
        done: dict[tuple[int, int], str] = {}
        if lang:
            done.update(((s, e), lang if kind == "lang" else "utf-8")
                        for s, e, kind in self._declarations)
        order = sorted(range(len(self._slots)),
                       key=lambda k: (not self._slots[k].attribute, self._slots[k].start))
        ranges = sorted([(s.start, -s.end) for s in self._slots]
                        + [(s, -e) for (s, e) in done])
        starts = [s for s, _ in ranges]
        placeholder = self._placeholder()
        # Chinese runs sentences together: a space between two of a block's sentences goes
        # (a line break stays: it is the page's layout)
        joined = bool(lang) and lang.split("-")[0].lower() == "zh"  # type: ignore[union-attr]
        text_starts = {s.start for s in self._slots if not s.attribute}
        text_ends = {s.end for s in self._slots if not s.attribute}

        def copy(lo: int, hi: int) -> str:
            """The source from *lo* to *hi* with the translations already made inside it."""
            out, pos = [], lo
            for k in range(bisect_left(starts, lo), len(ranges)):
                s, e = ranges[k][0], -ranges[k][1]
                if s >= hi:
                    break
                if s < pos or e > hi or (s, e) not in done:
                    continue
                gap = self.source[pos:s]
                between = pos in text_ends and s in text_starts
                if lang and not joined and between and _unspaced(gap) \
                        and any(map(is_cjk, _letters_around(self.source, pos, s))):
                    # and a Chinese source's sentences (their neighbours written together,
                    # '。<span translate="no">X</span>平台', '。<b>乌拉尔'; the letters on
                    # either side are read past tags) get one in another language; two
                    # Latin words written together ('forum<code>x</code>forum') stay so
                    gap = f" {gap} " if gap else " "
                if not (joined and between and gap and not gap.strip(" \t")):
                    out.append(gap)
                out.append(done[s, e])
                pos = e
            out.append(self.source[pos:hi])
            return "".join(out)

        def text(translation: str, escape: Callable[[str], str]) -> str:
            out, pos = [], 0
            for m in placeholder.finditer(translation):
                out.append(escape(translation[pos:m.start()]))
                out.append(copy(*self._span(m)))
                pos = m.end()
            out.append(escape(translation[pos:]))
            return "".join(out)

        for k in order:  # attributes first: sentences copy the tags that hold them
            slot = self._slots[k]
            if slot.attribute:
                done[slot.start, slot.end] = _attribute(translations[k], slot.quote)
            else:
                done[slot.start, slot.end] = text(translations[k], escape_text)
        return copy(0, len(self.source))


def _letters_around(source: str, end: int, start: int) -> str:
    """The text characters on either side of a join between two sentences, one ending at
    *end* and the next starting at *start*, read past the tags there (``。<b>乌`` -> ``。乌``)."""
    i = end
    while i > 0 and source[i - 1] == ">" and (j := source.rfind("<", 0, i - 1)) >= 0:
        i = j
    m = _TAGS_AFTER.match(source, start)
    after = start if m is None else m.end()
    return source[i - 1:i] + source[after:after + 1]


def _unspaced(gap: str) -> bool:
    """Whether two sentences of one block with *gap* between them were written together:
    nothing, or text copied verbatim inside inline tags (a ``translate="no"`` name) with no
    whitespace outside its tags. Any other tag (``</td><td>``) is a block's edge."""
    if not gap:
        return True
    if any(name.lower() not in INLINE and name.lower() not in _INLINE_COPIED
           for name in _GAP_TAG.findall(gap)):
        return False
    visible = _TAG_TEXT.sub("", gap)
    return bool(visible) and not any(c.isspace() for c in visible)


_TAG_TEXT = re.compile(r"<[^>]*>")
_TAGS_AFTER = re.compile(f"(?:{_TAG_TEXT.pattern})+")
_GAP_TAG = re.compile(r"<(?:!--.*?-->|/?([A-Za-z][\w:-]*))", re.S)


def escape_text(text: str) -> str:
    """Translated text as HTML text: ``&``, ``<``, ``>`` and no-break spaces escaped."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\xa0", "&nbsp;"))


def _attribute(value: str, quote: str) -> str:
    """A translated attribute value in its source's quotes (an unquoted one gets double
    quotes when it needs them)."""
    value = escape_text(value)
    if quote:
        return value.replace(quote, "&quot;" if quote == '"' else "&#39;")
    if _UNQUOTED_OK.fullmatch(value):
        return value
    return '"' + value.replace('"', "&quot;") + '"'


class _Builder:
    """Walks the events: collects runs of inline content and translatable attributes."""

    def __init__(self, text: str, lang: str):
        self.text = text
        self.lang = lang
        self.events, self.line_starts = _events(text)
        decoded = html.unescape(text).lower()
        prefix = "tk"
        while f"<{prefix}-" in text.lower() or f"<{prefix}-" in decoded:
            prefix += "x"
        self.prefix = prefix
        self.inlines: list[Inline] = []
        self.lines: list[int] = []
        self.offsets: list[int] = []
        self.headlines: list[bool] = []
        self.heading = 0  # headings (h1-h6, title) open where the walk is
        self.slots: list[_Slot] = []
        self.spans: list[tuple[int, int]] = []
        self.problems: list[tuple[int, str]] = []
        self.declarations: list[tuple[int, int, str]] = []

    def line(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def placeholder(self, start: int, end: int) -> str:
        self.spans.append((start, end))
        return f"<{self.prefix}-{_letters(len(self.spans) - 1)}>"

    # --- the walk over events -------------------------------------------------------------

    def build(self) -> Page:
        self._walk(0, len(self.events))
        return Page(self.text, tuple(self.inlines), tuple(self.lines), tuple(self.offsets),
                    tuple(self.headlines), tuple(self.problems),
                    tuple(self.slots), tuple(self.spans), self.prefix,
                    tuple(self.declarations))

    def _walk(self, k: int, stop: int) -> None:
        """Collect the translatable text of ``events[k:stop]``."""
        events = self.events
        run: list[_Token] = []
        while k < stop:
            event = events[k]
            tag = event.kind in ("start", "startend")
            if tag and _copied(event):
                end = min(self._copied_end(k), stop - 1)
                reopened = [] if event.name in VERBATIM else self._reopened(k, end)
                if reopened:
                    # translate="yes" inside: its text is translated again, on its own
                    self._flush(run)
                    for lo, hi in reopened:
                        self._walk(lo, hi + 1)
                elif event.name in INLINE or event.name in _INLINE_COPIED:
                    run.append(_Token("atom", event.start, events[end].end,
                                      brk=event.name == "br"))
                else:
                    self._flush(run)
                k = end + 1
                continue
            if tag:
                self._attributes(event)
            if event.kind == "data":
                run.extend(self._chars(event.start, event.end))
            elif event.kind in ("other", "junk"):
                if event.kind == "junk":
                    self._problem(event.start, _("{text!r} is not markup the parser reads: "
                                                 "kept in place").format(
                        text=self.text[event.start:event.end]))
                run.append(_Token("atom", event.start, event.end))
            elif event.name in _ATOMS or event.name == "br":
                run.append(_Token("atom", event.start, event.end, brk=event.name == "br"))
            elif event.name in INLINE and event.kind != "startend":
                run.append(_Token("open" if event.kind == "start" else "close",
                                  event.start, event.end, name=event.name))
            elif event.name in INLINE:
                run.append(_Token("atom", event.start, event.end))
            else:
                self._flush(run)
                if event.name in _HEADINGS and event.kind in ("start", "end"):
                    self.heading = max(0, self.heading + (1 if event.kind == "start" else -1))
            k += 1
        self._flush(run)

    def _reopened(self, k: int, end: int) -> list[tuple[int, int]]:
        """The (first, last) events of the elements inside the copied element *k*..*end*
        that switch translation back on (``translate="yes"``: HTML's translate attribute is
        inherited, and a descendant may set it again); not inside script, code and the like.
        """
        out: list[tuple[int, int]] = []
        j = k + 1
        while j < end:
            event = self.events[j]
            if event.kind == "start" and (event.name in VERBATIM or _translate_yes(event)):
                last = min(self._copied_end(j, report=False), end - 1)
                if event.name not in VERBATIM:
                    out.append((j, last))
                j = last + 1
            else:
                j += 1
        return out

    def _copied_end(self, k: int, report: bool = True) -> int:
        """Index of the event that ends the copied element starting at *k* (its end tag).

        Unclosed, an inline element is copied up to the end of its block; a block element
        up to the end of the page. Both are reported (with *report*)."""
        events = self.events
        event = events[k]
        if event.kind == "startend" or event.name in _VOID:
            return k
        # an inline element ends with its block; svg and math hold markup of their own
        inline = (event.name in INLINE or event.name in _INLINE_COPIED) and event.name not in (
            "svg", "math")
        optional = event.name in _OPTIONAL_END
        inner: list[str] = []  # elements opened inside it, not closed yet
        for j in range(k + 1, len(events)):
            other = events[j]
            if other.kind not in ("start", "startend", "end"):
                continue
            if inline and other.name not in INLINE and other.name not in _INLINE_COPIED:
                if report:
                    self._problem(event.start, _("<{name}> is not closed: copied as it is up "
                                                 "to the end of its block").format(name=event.name))
                return j - 1
            if other.kind == "start" and other.name not in _VOID:
                if optional and not inner and (
                        other.name == event.name or (event.name == "p"
                                                     and other.name not in INLINE)):
                    return j - 1  # ``<p translate="no">...<p>``: closed by what follows
                inner.append(other.name)
            elif other.kind == "end":
                if other.name in inner:
                    del inner[len(inner) - 1 - inner[::-1].index(other.name):]
                elif other.name == event.name:
                    return j
                elif optional and other.name not in INLINE:
                    return j - 1  # closed by its parent's end tag
        if report:
            self._problem(event.start, _("<{name}> is not closed: the rest of the page is "
                                         "copied as it is").format(name=event.name))
        return len(events) - 1

    def _problem(self, offset: int, message: str) -> None:
        self.problems.append((self.line(offset), message))

    def _attribute_values(self, event: _Event) -> list[tuple[str, str | None, int, int, str]]:
        """The attributes of a start tag as (name, value, start, end, quote), *start*/*end*
        the value's extent in the source inside its quotes; [] (and a problem reported) when
        they do not read the way the parser read them."""
        raw = self.text[event.start:event.end]
        found = []
        m = _TAG_NAME.match(raw, 1)
        at = m.end() if m else len(raw)
        while at < len(raw):
            m = _ATTRIBUTE.match(raw, at)
            if not m or m.end() == at:
                break
            found.append(m)
            at = m.end()
        parsed = [(m.group(1).lower(), _value(m.group(3)) if m.group(2) else None)
                  for m in found]
        if parsed != list(event.attrs):  # not read the way the parser read it: leave it
            self._problem(event.start, _("<{name}>: attributes not understood, left "
                                         "untranslated").format(name=event.name))
            return []
        out = []
        for m, (name, value) in zip(found, parsed, strict=True):
            s, e = event.start + m.start(3), event.start + m.end(3)
            quote = (m.group(3) or "")[:1] if (m.group(3) or "")[:1] in ("'", '"') else ""
            if quote:
                s, e = s + 1, e - 1
            out.append((name, value, s, e, quote))
        return out

    def _attributes(self, event: _Event) -> None:
        """Slots for the translatable attribute values of a start tag, and the declarations
        of the page's language and charset (see :meth:`Page.render`)."""
        names = {n: v for n, v in reversed(event.attrs)}  # the first one wins, as in browsers
        wanted = set(TRANSLATABLE_ATTRIBUTES)
        if event.name == "meta" and ((names.get("name") or names.get("property") or "")
                                     .strip().lower() in _META_NAMES):
            wanted.add("content")
        declares = (event.name == "html" and names.keys() & {"lang", "xml:lang"}) or (
            event.name == "meta" and _declared_charset(names) is not None)
        if not wanted & names.keys() and not declares:
            return
        seen: set[str] = set()
        for name, value, s, e, quote in self._attribute_values(event):
            if name in seen:
                continue
            seen.add(name)
            if declares and value:
                self._declaration(event.name, name, value, s, e, quote)
            if name not in wanted or not value or not _has_letter(value):
                continue
            self.slots.append(_Slot(s, e, attribute=True, quote=quote))
            self.inlines.append(Inline(" ".join(value.split()), markdown=False))
            self.lines.append(self.line(s))
            self.offsets.append(s)
            self.headlines.append(False)

    def _declaration(self, tag: str, name: str, value: str, s: int, e: int,
                     quote: str) -> None:
        """Note where the root's language or a meta charset is declared (the value's exact
        source extent; an entity-encoded value is left alone)."""
        if self.text[s:e] != value or (tag == "meta" and _utf8(value)):
            return
        if tag == "html" and name in ("lang", "xml:lang"):
            self.declarations.append((s, e, "lang"))
        elif tag == "meta" and name == "charset":
            self.declarations.append((s, e, "charset"))
        elif tag == "meta" and name == "content":
            m = _CHARSET_IN_CONTENT.search(value)
            if m and not _utf8(m.group(1)):
                self.declarations.append((s + m.start(1), s + m.end(1), "charset"))

    def _chars(self, lo: int, hi: int) -> list[_Token]:
        """The text from *lo* to *hi* as one token per character or character reference."""
        text = self.text
        out: list[_Token] = []
        pos = lo
        for m in _CHARREF.finditer(text, lo, hi):
            out.extend(_Token("char", i, i + 1, text[i]) for i in range(pos, m.start()))
            out.append(_Token("char", m.start(), m.end(), html.unescape(m.group())))
            pos = m.end()
        out.extend(_Token("char", i, i + 1, text[i]) for i in range(pos, hi))
        return out

    # --- a run of inline content -> sentences ---------------------------------------------

    def _flush(self, run: list[_Token]) -> None:
        if run:
            if any(t.kind == "char" and not _space(t.text) for t in run):
                self._sentences(self._pair(run))
            run.clear()

    def _pair(self, run: list[_Token]) -> list[_Token]:
        """Inline tags paired; a stray end tag, an unclosed start tag and an element with no
        text in it become copied spans (``atom``). Each open token gets ``end_pos`` = index
        of its close in the returned list (set by :meth:`_sentences`)."""
        stack: list[_Token] = []
        pairs: list[tuple[_Token, _Token]] = []
        for t in run:
            if t.kind == "open":
                stack.append(t)
            elif t.kind == "close":
                at = next((n for n in range(len(stack) - 1, -1, -1)
                           if stack[n].name == t.name), None)
                if at is None:
                    self._problem(t.start, _("</{name}> closes nothing: kept in place").format(
                        name=t.name))
                    t.kind = "atom"
                    continue
                for left in stack[at + 1:]:
                    self._problem(left.start, _("<{name}> is not closed: kept in place").format(
                        name=left.name))
                    left.kind = "atom"
                pairs.append((stack[at], t))
                del stack[at:]
        for left in stack:
            self._problem(left.start, _("<{name}> is not closed in its block: kept in "
                                        "place").format(name=left.name))
            left.kind = "atom"
        # An element with no text (``<a id="x"></a>``, ``<b> </b>``, a link around an image)
        # is copied whole: inner pairs first, so an outer one takes the inner atom in.
        index = {id(t): n for n, t in enumerate(run)}
        dead: set[int] = set()
        for opener, closer in pairs:
            lo, hi = index[id(opener)], index[id(closer)]
            inside = [t for t in run[lo + 1:hi] if id(t) not in dead]
            if not any(t.kind == "char" and not t.text.isspace() for t in inside):
                dead.update(id(t) for t in run[lo + 1:hi + 1])
                opener.kind, opener.end = "atom", closer.end
        return [t for t in run if id(t) not in dead]

    def _sentences(self, tokens: list[_Token]) -> None:
        """The run's plain text, cut into sentences that no inline element crosses."""
        plain: list[str] = []
        size = 0
        atoms: dict[int, _Token] = {}
        opens: list[_Token] = []
        closes: dict[int, _Token] = {}
        stack: list[_Token] = []
        for t in tokens:
            t.pos = size
            if t.kind == "char":
                if _space(t.text):
                    if size and plain[-1] != " ":
                        plain.append(" ")
                        size += 1
                else:
                    plain.append(t.text)
                    size += len(t.text)
            elif t.kind == "atom":
                ph = self.placeholder(t.start, t.end)
                atoms[size] = t
                plain.append(ph)
                size += len(ph)
            elif t.kind == "open":
                opens.append(t)
                stack.append(t)
            else:
                closes[id(stack.pop())] = t
            t.end_pos = size
        text = "".join(plain)
        marks = [(o, closes[id(o)]) for o in opens]
        spans = self._cut(text, [t for t in atoms.values() if t.brk],
                          [(o.pos, c.pos) for o, c in marks])
        order = {id(t): n for n, t in enumerate(tokens)}
        for s, e in spans:
            s, e = _trim(text, s, e, atoms)
            if s >= e or not _has_letter(self._placeholder_free(text[s:e])):
                continue
            self._sentence(text, s, e, tokens, order, marks)

    def _placeholder_free(self, text: str) -> str:
        return re.sub(f"<{re.escape(self.prefix)}-[a-z]+>", "", text)

    def _cut(self, text: str, breaks: list[_Token], marks: list[tuple[int, int]]
             ) -> list[tuple[int, int]]:
        """Sentence spans of *text*, also cut at line breaks, merged where an inline element
        would be cut."""
        spans = sentence_spans(text, self.lang)
        for brk in breaks:
            cut = []
            for s, e in spans:
                if s < brk.pos and brk.end_pos < e:
                    cut.extend([(s, brk.pos), (brk.end_pos, e)])
                else:
                    cut.append((s, e))
            spans = cut
        changed = True
        while changed:
            changed = False
            for ms, me in marks:
                hit = [k for k, (s, e) in enumerate(spans) if s < me and e > ms]
                if len(hit) > 1:
                    merged = (spans[hit[0]][0], spans[hit[-1]][1])
                    spans[hit[0]:hit[-1] + 1] = [merged]
                    changed = True
        return spans

    def _sentence(self, text: str, s: int, e: int, tokens: list[_Token],
                  order: dict[int, int], marks: list[tuple[_Token, _Token]]) -> None:
        """One sentence ``text[s:e]``: its marks, the source it replaces, its Inline."""
        core = [t for t in tokens if t.kind == "char" and not t.text.isspace()
                and s <= t.pos and t.end_pos <= e]
        first, last = order[id(core[0])], order[id(core[-1])]
        own = [(o, c) for o, c in marks if o.pos < e and c.pos > s
               and any(o.pos <= t.pos < c.pos for t in core)]
        leading = [o for o, _ in own if order[id(o)] < first]
        trailing = sorted((c for _, c in own if order[id(c)] > last), key=lambda t: order[id(t)])
        result: list[Mark] = []
        for opener, closer in own:
            if opener in leading:
                k = leading.index(opener)
                upto = leading[k + 1].start if k + 1 < len(leading) else core[0].start
                open_span = (opener.start, upto)
            else:
                open_span = (opener.start, opener.end)
            if closer in trailing:
                k = trailing.index(closer)
                since = trailing[k - 1].end if k else core[-1].end
                close_span = (since, closer.end)
            else:
                close_span = (closer.start, closer.end)
            result.append(Mark(self.placeholder(*open_span), self.placeholder(*close_span),
                               max(opener.pos, s) - s, min(closer.pos, e) - s,
                               name=f"<{opener.name}>"))
        start = leading[0].start if leading else core[0].start
        end = trailing[-1].end if trailing else core[-1].end
        self.slots.append(_Slot(start, end))
        self.inlines.append(Inline(text[s:e], tuple(result), markdown=False))
        self.lines.append(self.line(core[0].start))
        self.offsets.append(start)  # where the sentence as shown (its leading tags) starts
        self.headlines.append(self.heading > 0)


_CHARSET_IN_CONTENT = re.compile(r"charset\s*=\s*['\"]?([-\w.:]+)", re.IGNORECASE)


def _utf8(charset: str) -> bool:
    return charset.strip().lower().replace("_", "-") in ("utf-8", "utf8")


def _declared_charset(attrs: dict[str, str | None]) -> str | None:
    """The charset a ``<meta>`` tag declares (``charset=`` or an ``http-equiv``
    Content-Type's ``content``), or None."""
    if attrs.get("charset"):
        return attrs["charset"]
    if (attrs.get("http-equiv") or "").strip().lower() == "content-type":
        m = _CHARSET_IN_CONTENT.search(attrs.get("content") or "")
        return m.group(1) if m else None
    return None


def _copied(event: _Event) -> bool:
    """Is this element copied with all inside it (``translate="no"``, ``notranslate``;
    ``translate="yes"`` wins over the class)?"""
    if event.name in VERBATIM:
        return True
    attrs = dict(reversed(event.attrs))
    return ((attrs.get("translate") or "").strip().lower() == "no"
            or ("notranslate" in (attrs.get("class") or "").split()
                and not _translate_yes(event)))


def _translate_yes(event: _Event) -> bool:
    """Does the element say ``translate="yes"`` (or an empty ``translate``, the same in
    HTML)?"""
    attrs = dict(reversed(event.attrs))
    return "translate" in attrs and (attrs["translate"] or "").strip().lower() in ("yes", "")


def _value(raw: str) -> str:
    if raw[:1] in ("'", '"') and raw[:1] == raw[-1:] and len(raw) > 1:
        raw = raw[1:-1]
    return html.unescape(raw) if raw else raw


def _space(text: str) -> bool:
    return all(c in _SPACE for c in text)


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _trim(text: str, s: int, e: int, atoms: dict[int, _Token]) -> tuple[int, int]:
    """A sentence without spaces and copied spans at its edges (they stay where they are)."""
    ends = {t.end_pos: p for p, t in atoms.items()}
    while s < e:
        if text[s].isspace():
            s += 1
        elif s in atoms:
            s = atoms[s].end_pos
        else:
            break
    while e > s:
        if text[e - 1].isspace():
            e -= 1
        elif e in ends:
            e = ends[e]
        else:
            break
    return s, e


def read(text: str, lang: str) -> Page:
    """*text* (an HTML page in *lang*) read for translation."""
    return _Builder(text, lang).build()


def text_view(text: str, lang: str = "en") -> str:
    """The page *text* as the text a reader sees, at the same offsets: what translation
    reads (block text, alt/title values ...) in place, a character reference as its
    character followed by spaces, and everything else (tags, comments, script, style, code,
    ``translate="no"``) blanked to spaces, line breaks kept.

    Text tools that report a line and column (``toolkit glossary find/check/suggest``) read
    a page through it: a name in a ``<script>`` or an attribute is no mention, and every
    position is the page's own."""
    page = read(text, lang)
    out = [c if c in "\r\n" else " " for c in text]
    for k, unit in enumerate(page.sentences):
        shown, markup = page.shown(unit)
        where = page.positions(k, shown, markup)
        if where is None:
            continue
        inside = [False] * len(shown)
        for a, b in markup:
            inside[a:b] = [True] * (b - a)
        for i, c in enumerate(shown):
            if not inside[i] and not _space(c) and where[i] < len(out) and out[where[i]] == " ":
                out[where[i]] = c
    return "".join(out)
