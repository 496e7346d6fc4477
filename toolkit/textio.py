"""Decoding user files: one helper for text input and glossary files alike.

UTF-8 (with or without a BOM) and UTF-16/32 *with* a BOM are decoded without being asked: a
BOM declares its encoding. Anything else that is not valid UTF-8 is refused with the file, the
line, the encoding the bytes look like and the ``--encoding`` flag to pass, rather than guessed
silently: a wrong guess turns names into mojibake that no later check can see.

The guess is a small heuristic over the encodings our users' tools write (Excel's cp1251 for
Russian, GBK/GB18030 for Chinese, UTF-16 without BOM, Big5 for Traditional Chinese): each
candidate that decodes the bytes is scored by how much of its non-ASCII text is made of letters
of the script it is for. A detector library would add a dependency to tell apart the same three
or four candidates.
"""

from __future__ import annotations

import codecs
import re

from toolkit.errors import InputError
from toolkit.i18n import Message, _
from toolkit.text.scripts import CJK_PUNCTUATION, CYRILLIC, HAN

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of *data* declares, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


_CYRILLIC = re.compile(f"[{CYRILLIC}]")
_HAN_OR_PUNCT = re.compile(f"[{HAN}{CJK_PUNCTUATION}]")


def _cyrillic_score(text: str) -> float:
    """Share of non-ASCII characters that are Cyrillic letters, lower case weighted up (cp1251
    read from GBK bytes gives symbols and capitals)."""
    other = [c for c in text if ord(c) > 127]
    if not other:
        return 0.0
    cyr = [c for c in other if _CYRILLIC.match(c)]
    lower = sum(1 for c in cyr if c.islower())
    return (lower + 0.5 * (len(cyr) - lower)) / len(other)


def _han_score(text: str) -> float:
    """Share of non-ASCII characters that are CJK ideographs or CJK punctuation."""
    other = [c for c in text if ord(c) > 127]
    if not other:
        return 0.0
    return sum(1 for c in other if _HAN_OR_PUNCT.match(c)) / len(other)


def _nul_pattern(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII text with every other byte NUL."""
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    even = sum(1 for b in sample[0::2] if b == 0)
    odd = sum(1 for b in sample[1::2] if b == 0)
    if odd > 2 * even:
        return "utf-16-le"
    if even > 2 * odd:
        return "utf-16-be"
    return None


def guess_encoding(data: bytes) -> str | None:
    """The encoding *data* most likely is in (None when nothing fits well)."""
    declared = bom_encoding(data)
    if declared:
        return declared
    nul = _nul_pattern(data)
    if nul:
        return nul
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    scored = []
    for name, score in (("cp1251", _cyrillic_score), ("gb18030", _han_score),
                        ("big5", _han_score)):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        # prefer the simpler Chinese encodings on a tie: gb18030 decodes almost anything
        scored.append((score(text), name == "gb18030", name))
    if not scored:
        return None
    best = max(scored)
    return best[2] if best[0] >= 0.8 else None


def decode(data: bytes, path: str | None = None, encoding: str | None = None) -> str:
    """*data* as text: in *encoding* when given, else UTF-8 or what a BOM declares.

    Raises :class:`InputError` naming *path* and the line of the first bad byte, with the
    encoding the bytes look like and the flag to pass.
    """
    where = path or "<stdin>"
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:  # no such codec, or one that is not for text (rot13, base64)
            raise InputError(Message("unknown encoding {encoding!r} (--encoding)",
                                     encoding=encoding), path=where) from None
        except UnicodeDecodeError as exc:
            raise InputError(Message("not valid {encoding} (byte {offset}); check --encoding",
                                     encoding=encoding, offset=exc.start),
                             path=where, line=_line_of(data, exc.start)) from None
        except UnicodeError as exc:  # codecs such as idna fail without a position
            raise InputError(Message("cannot be read as {encoding}: {error}; check --encoding",
                                     encoding=encoding, error=str(exc)), path=where) from None
        return text[1:] if text.startswith("\ufeff") else text
    declared = bom_encoding(data)
    nul = data.find(b"\0")
    if not declared and nul >= 0 and _nul_pattern(data) is None:
        # an image, an archive, a program: no text encoding reads it, so --encoding is no help
        raise InputError(Message("binary data (a NUL byte): not a text file"), path=where,
                         line=_line_of(data, nul))
    try:
        text = data.decode(declared or "utf-8-sig")
    except UnicodeDecodeError as exc:
        if declared and declared != "utf-8-sig":
            raise InputError(Message("starts with a {encoding} byte-order mark but is not valid "
                                     "{encoding} (byte {offset})", encoding=declared,
                                     offset=exc.start), path=where, line=None) from None
        guess = guess_encoding(data)
        hint = (_("it looks like {encoding}: pass --encoding {encoding}").format(
            encoding=guess) if guess and guess != "utf-8"
            else _("pass --encoding NAME (e.g. cp1251, gb18030, utf-16)"))
        raise InputError(_("not valid UTF-8 (byte {offset}); {hint}").format(
            offset=exc.start, hint=hint),
                         path=where, line=_line_of(data, exc.start)) from None
    if not declared and "\x00" in text:
        guess = _nul_pattern(data)
        if guess:  # ASCII in UTF-16 without a BOM is valid UTF-8, one NUL in two
            raise InputError(Message("NUL bytes in every other place: it looks like {encoding}; "
                                     "pass --encoding {encoding}", encoding=guess),
                             path=where, line=1)
    return text


#: File name suffixes and the document format they mean (else plain text).
_FORMATS = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
            ".html": "html", ".htm": "html", ".xhtml": "html"}


def looks_like_html(text: str) -> bool:
    """Whether *text* is markup, a page or a fragment of one, whatever the input is called
    (stdin, a page saved without .html): it starts with a doctype or a tag (after comments)
    and closes an element somewhere. Tags are :data:`toolkit.text.patterns.TAG`."""
    from toolkit.text.patterns import TAG_RE

    start = text.lstrip()
    if start[:14].lower() == "<!doctype html":
        return True
    found = TAG_RE.match(start)
    while found is not None and found.group().startswith("<!--"):
        start = start[found.end():].lstrip()
        found = TAG_RE.match(start)
    return (found is not None and not found.group().startswith("</")
            and any(t.group().startswith("</") for t in TAG_RE.finditer(text)))


def guess_format(name: str | None, fmt: str = "auto", text: str | None = None) -> str:
    """*fmt* unless it is ``auto``; else the format *name*'s suffix says (``markdown``,
    ``html``); else, given the *text* of an input whose name says nothing (stdin, no or an
    unknown suffix; not .txt), ``html`` when it :func:`looks_like_html`, ``markdown`` when it
    :func:`~toolkit.text.markdown.looks_like_markdown`; else ``text``."""
    if fmt != "auto":
        return fmt
    from pathlib import PurePath

    suffix = PurePath(name).suffix.lower() if name else ""
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    if text is not None and suffix not in (".txt", ".text"):
        from toolkit.text.markdown import looks_like_markdown

        if looks_like_html(text):
            return "html"
        if looks_like_markdown(text):
            return "markdown"
    return "text"
