"""Finders of the things a translation must keep verbatim: placeholders, tags, URLs, e-mails.

Shared by the checker (``toolkit.lint``: a translation must keep the source's placeholders)
and by the translation pipeline's protect step (``find_protected`` -> opaque tokens), so both
agree on what a placeholder is.

Formats are known from PO flags (``c-format``, ``python-format``, ``python-brace-format``,
``qt-format``, ``kde-format``, and their ``no-`` negations) *and* printf and brace ones
detected from content, so an unflagged entry is still checked (Qt's ``%1`` only under its
flags: unflagged, ``%1`` is as likely prose). Content detection is deliberately
conservative: ``50% of`` is not a placeholder (Babel's false positive), ``%%`` and ``{{``
are escapes, not placeholders.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from toolkit.i18n import Message

__all__ = [
    "Span",
    "find_placeholders",
    "same_placeholders",
    "placeholder_signatures",
    "same_arguments",
    "count_placeholder",
    "argument_keys",
    "argument_names",
    "qt_not_simple",
    "qt_not_simple_message",
    "find_printf",
    "find_brace",
    "find_qt",
    "find_tags",
    "find_urls",
    "find_emails",
    "find_protected",
    "strip_protected",
    "has_words",
    "FORMAT_FLAGS",
    "PRINTF_CONVERSIONS",
    "PRINTF_LENGTH",
]

#: PO flags that name a placeholder syntax, mapped to the kind of span they govern.
FORMAT_FLAGS: dict[str, str] = {
    "c-format": "printf",
    "python-format": "printf",
    "php-format": "printf",
    "sh-format": "printf",
    "python-brace-format": "brace",
    "qt-format": "qt",
    "kde-format": "kde",
}


class Span(NamedTuple):
    """A run of text to keep verbatim: ``kind`` is printf/brace/qt/tag/url/email.

    A named tuple, not a frozen dataclass: ``catalog compile`` and ``check`` make this class
    at start-up, and a dataclass generates and compiles its methods then."""

    kind: str
    text: str
    start: int
    end: int


# printf: %% escape first, so "%%d" is an escape followed by "d". Positional "%1$s", named
# "%(name)s", flags (no space flag: "% o" in "50% of" is prose), width, precision, length.
# Optional parts are an alternative with an empty branch, not "?": Python's re runs "?" on a
# group as a general repeat, and these patterns run over every string of a catalog.
#: printf's conversions and length modifiers (the checker's quick patterns take them from here)
PRINTF_CONVERSIONS = "diouxXeEfFgGcrsaAb"
PRINTF_LENGTH = r"(?:hh?|ll?|[Lqjzt]|)"
_PRINTF_CONV = PRINTF_CONVERSIONS
_PRINTF_NAMED = r"\([^()\s]{1,64}\)"
_PRINTF_STYLE = r"[-+#0']*(?:\d+|\*|)(?:\.(?:\d+|\*|)|)"  # flags, width, precision
_PRINTF = (
    rf"%(?:%|(?P<key>\d+\$|{_PRINTF_NAMED}|){_PRINTF_STYLE}"
    rf"{PRINTF_LENGTH}(?P<conv>[{_PRINTF_CONV}]))"
)
# Conversions an unflagged string must use to count as printf (no rare ones like %a, %b, %o).
_PRINTF_COMMON = frozenset("sdifuxXrcegEG")

# brace (str.format): "{{" / "}}" escapes; "{name}", "{0}", "{}", "{0:.2f}", "{obj.attr!r:>10}".
_BRACE = (
    r"\{\{|\}\}|\{(?P<field>(?:[^\W\d]\w*|\d+)?(?:\.[^\W\d]\w*|\[[^\[\]{}]*\])*)"
    r"(?P<conv>![rsa])?(?P<spec>:[^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}"
)


# Qt (qt-format): "%1".."%99", "%L1" the localized form of the same argument; at most two
# digits ("%100" is argument 10 and a 0), "%0" is argument 0, as msgfmt reads them. KDE
# (kde-format): "%1".."%99", no "L" form and no argument 0.
_QT = r"%L?(?P<num>\d\d?)"
_KDE = r"%(?P<num>[1-9]\d?)"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """:data:`_PRINTF`, :data:`_BRACE`, :data:`_QT` or :data:`_KDE` compiled, on first use:
    ``check`` and ``catalog compile`` load this module for :func:`placeholder_signatures` or
    :func:`argument_names` and most runs find no entry that needs the spans themselves."""
    return re.compile(pattern)


def _kinds(formats: Iterable[str] | None) -> tuple[bool, bool, bool, bool, str | None]:
    """-> (printf enabled, printf strict-from-flag, brace enabled, brace strict-from-flag,
    ``qt`` or ``kde`` when a flag names that syntax, else None)."""
    printf_on = brace_on = True
    printf_flag = brace_flag = False
    qt = None
    for flag in formats or ():
        kind = FORMAT_FLAGS.get(flag)
        if kind == "printf":
            printf_flag = True
        elif kind == "brace":
            brace_flag = True
        elif kind == "qt" or kind == "kde":
            qt = qt or kind
        elif flag.startswith("no-") and FORMAT_FLAGS.get(flag[3:]) == "printf":
            printf_on = False
        elif flag.startswith("no-") and FORMAT_FLAGS.get(flag[3:]) == "brace":
            brace_on = False
    return printf_on or printf_flag, printf_flag, brace_on or brace_flag, brace_flag, qt


def find_printf(text: str, *, flagged: bool = False) -> list[Span]:
    """printf-style placeholders (``%s``, ``%1$s``, ``%(name)s``, ``%.2f``); ``%%`` excluded.

    Unflagged (content detection) only common conversions count, and a ``%`` right after a
    digit followed by a letter (``5%off``) is prose, not ``%o``; so is a flag that runs into a
    word (``Invalid %-encoding in URI``: not ``%-e``; ``%.2fms`` is ``%.2f``).
    """
    if "%" not in text:
        return []
    out = []
    for m in _compiled(_PRINTF).finditer(text):
        conv = m.group("conv")
        if conv is None:  # "%%"
            continue
        if not flagged:
            if conv not in _PRINTF_COMMON and not m.group("key"):
                continue
            s, e = m.start(), m.end()
            if (e < len(text) and text[e].isalpha() and not m.group("key")
                    and ((s and text[s - 1].isdigit()) or text[s + 1] in "-+#'")):
                continue  # 5%off; %-encoding: a flag glued to a word is prose
        out.append(Span("printf", m.group(), m.start(), m.end()))
    return out


def find_brace(text: str, *, flagged: bool = False) -> list[Span]:
    """str.format placeholders (``{name}``, ``{0}``, ``{0:.2f}``); ``{{``/``}}`` excluded.

    Unflagged (content detection), a field whose format spec contains spaces or is long is
    prose in braces, not a placeholder; ICU ``{n, plural, ...}`` never matches.
    """
    if "{" not in text:
        return []
    out = []
    for m in _compiled(_BRACE).finditer(text):
        if m.group("field") is None:  # escape
            continue
        spec = m.group("spec")
        if not flagged and spec and (" " in spec or len(spec) > 24):
            continue
        out.append(Span("brace", m.group(), m.start(), m.end()))
    return out


def find_qt(text: str, *, kde: bool = False) -> list[Span]:
    """Qt placeholders (``%1``, ``%L1``, ``%10``) of a ``qt-format`` string, or with *kde*
    the ``%1`` of a ``kde-format`` one; kind ``qt``. Only ever asked for by flag."""
    if "%" not in text:
        return []
    return [Span("qt", m.group(), m.start(), m.end())
            for m in _compiled(_KDE if kde else _QT).finditer(text)]


def find_placeholders(text: str, formats: Iterable[str] | None = None) -> list[Span]:
    """printf, brace and Qt placeholders of *text*, sorted by position.

    *formats* are PO flags (``python-format``, ``c-format``, ``python-brace-format``,
    ``qt-format``, ``no-python-format``...); ``None`` means detect printf and brace from
    content only. Under a Qt flag printf is not looked for unless flagged too (``%1d`` is
    Qt's ``%1`` and a ``d``).
    """
    if "%" not in text and "{" not in text:  # what every kind starts with: most strings
        return []
    p_on, p_flag, b_on, b_flag, qt = _kinds(formats)
    spans: list[Span] = []
    if qt is not None:
        spans.extend(find_qt(text, kde=qt == "kde"))
        p_on = p_flag
    if p_on:
        spans.extend(find_printf(text, flagged=p_flag))
    if b_on:
        spans.extend(find_brace(text, flagged=b_flag))
    if (p_on or qt) and b_on and spans:
        spans.sort(key=lambda s: s.start)
    return spans


def same_placeholders(text: str, other: str) -> bool:
    """Do *text* and *other* have the same printf and brace matches, as written and in order
    (``%%`` and ``{{`` included)? A cheap test for a translation that keeps its source's
    placeholders: their :func:`placeholder_signatures` are equal.

    True means the same printf and the same brace placeholders from :func:`find_placeholders`,
    each kind in the same order (so equal :func:`argument_names`; the two kinds may
    interleave differently), whenever the formats name a printf flag, or neither text has a
    ``%``: a flagged printf span is every match but ``%%``, and a brace span is chosen by
    its own text alone (neither looks at the text around it, unlike unflagged printf:
    ``5%off``)."""
    first, second = placeholder_signatures((text, other))
    return first == second


_NONE: list[str] = []


def placeholder_signatures(texts: Iterable[str]) -> list[tuple[list[str], list[str]]]:
    """For each of *texts*, its printf and its brace matches in order (``%%`` and ``{{``
    included): two texts have the same placeholders in the sense of
    :func:`same_placeholders` when these are equal. Many texts in one call: ``catalog
    compile`` compares every string of a catalog's flagged entries, each signed once (a
    plural entry's forms against both its sources). The lists are shared: compare them,
    never change them."""
    printf, brace = (p.findall for p in _whole_patterns())
    return [(printf(t) if "%" in t else _NONE, brace(t) if "{" in t else _NONE) for t in texts]


def _whole(pattern: str) -> str:
    """*pattern* without its named groups, so ``findall`` gives whole matches (str
    operations: compiling a pattern to rewrite one is start-up time too)."""
    head, *parts = pattern.split("(?P<")
    return "(?:".join([head, *(part.split(">", 1)[1] for part in parts)])


@functools.cache
def _whole_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """:data:`_PRINTF` and :data:`_BRACE` without their groups, compiled on first use: only
    :func:`placeholder_signatures` needs them (``check`` loads this module too). The printf
    one tries the common forms first, ``%s`` and ``%(name)s``: the same matches (the general
    form matches them too, and no two matches start at one place, one a prefix of the other:
    a conversion letter ends each, and comes earlier only inside a key), found in about half
    the instructions."""
    common = f"[%{_PRINTF_CONV}]|{_PRINTF_NAMED}[{_PRINTF_CONV}]|"
    return (re.compile(_whole(_PRINTF).replace("%(?:", f"%(?:{common}", 1)),
            re.compile(_whole(_BRACE)))


def argument_keys(spans: Sequence[Span], formats: Iterable[str] | None = None) -> list[str]:
    """Each placeholder of *spans* as the argument it prints, to compare a translation with
    its source: unnamed printf directives are numbered (``%d ... %s`` -> ``%1$d``, ``%2$s``),
    so a translation that reorders them with positional ones (``%2$s ... %1$d``) matches,
    as msgfmt's c-format check allows (Chinese word order needs it). Not for python-format
    alone (Python has no positional directives), nor in a string with a ``*`` width or
    precision (it takes an argument of its own). A Qt placeholder is its argument number
    (``%L1`` and ``%01`` -> ``%1``, as msgfmt compares them); other spans are their text."""
    printfs = [s.text for s in spans if s.kind == "printf"]
    if _keys_are_texts(printfs, formats):
        star = any("*" in p for p in printfs)
        return [_qt_key(s.text) if s.kind == "qt" else
                _printf_key(s.text) if s.kind == "printf" and not star else s.text
                for s in spans]
    out, n = [], 0
    for s in spans:
        if s.kind == "printf" and _numbered(s.text):
            n += 1
            out.append(f"%{n}${_printf_key(s.text)[1:]}")
        else:
            out.append(_qt_key(s.text) if s.kind == "qt" else
                       _printf_key(s.text) if s.kind == "printf" else s.text)
    return out


def _printf_key(text: str) -> str:
    """A printf placeholder as the argument it prints: its name or position, length and
    conversion, without flags, width and precision (``%(value).s`` and ``%(value)s``,
    ``%5.2f`` and ``%f`` print the same argument; msgfmt -c compares them so, and Django's
    Belarusian catalog writes ``%(value).s`` for ``%(value)s``). Unchanged when the text
    has none of them (most placeholders) or a ``*``, which takes an argument of its own."""
    if len(text) <= 2 or "*" in text:
        return text
    cut = (text.index(")") if text.startswith("%(") else text.find("$")) + 1 or 1
    return text[:cut] + _printf_style().sub("", text[cut:], count=1)


@functools.cache
def _printf_style() -> re.Pattern[str]:
    """Flags, width and precision, where they stand after the ``%`` (and name or position)."""
    return re.compile(rf"^{_PRINTF_STYLE}")


def _qt_key(text: str) -> str:
    """The argument a Qt placeholder prints, as ``%N`` (``%L01`` -> ``%1``)."""
    return f"%{int(text.lstrip('%L'))}"


def _numbered(printf: str) -> bool:
    """Whether :func:`argument_keys` numbers the printf placeholder *printf*: unnamed and
    not positional."""
    return not printf.startswith("%(") and "$" not in printf


def _keys_are_texts(printfs: Sequence[str], formats: Iterable[str] | None) -> bool:
    """Whether :func:`argument_keys` of placeholders whose printf ones are *printfs* (``%%``
    may be among them) are their texts: numbering is off, or has nothing to number."""
    flags = set(formats or ())
    return ("python-format" in flags and "c-format" not in flags
            or any("*" in p for p in printfs)
            or not any(_numbered(p) for p in printfs if p != "%%"))


def same_arguments(first: tuple[list[str], list[str]], second: tuple[list[str], list[str]],
                   formats: Iterable[str]) -> bool:
    """For two :func:`placeholder_signatures` under printf *formats* (or with no ``%`` in
    either text): do the texts' placeholders print the same arguments, as many times each
    (equal :func:`argument_keys`, in any order)? A quick yes for a translation that moves
    its source's named placeholders (``%(a)s ... %(b)s`` -> ``%(b)s ... %(a)s``), which
    word order often needs: as :func:`same_placeholders`, a flagged printf placeholder is
    every match but ``%%`` and a brace one is told by its text alone, so equal matches in
    any order are equal placeholders in any order, whose keys are their texts unless
    unnamed printf ones are numbered."""
    return (sorted(first[0]) == sorted(second[0]) and sorted(first[1]) == sorted(second[1])
            and _keys_are_texts(first[0], formats))


def argument_names(spans: Sequence[Span], formats: Iterable[str] | None = None
                   ) -> dict[str, str]:
    """:func:`argument_keys` of *spans* -> how the text writes each (for messages)."""
    return dict(zip(argument_keys(spans, formats), (s.text for s in spans), strict=True))


def qt_not_simple(sources: Iterable[Sequence[Span]], translation: Sequence[Span],
                  formats: Iterable[str] | None) -> str | None:
    """Under ``qt-format``, the first placeholder of *translation* with an ``L`` or two
    digits (``%L1``, ``%01``, ``%10``) when none of *sources* (the msgid's placeholders,
    and the msgid_plural's) has one; else None.

    A Qt string with only plain ``%1``..``%9`` is "simple": the program may fill it with one
    multi-argument ``QString::arg(a, b, ...)``, which replaces only those and prints
    ``%L1`` as it is. ``msgfmt -c`` refuses such a translation for that reason ("'msgid' is
    a simple format string, but 'msgstr' is not"), though it prints the same argument."""
    if "qt-format" not in (formats or ()):
        return None
    if any(_qt_not_simple(s.text) for spans in sources for s in spans if s.kind == "qt"):
        return None
    return next((s.text for s in translation if s.kind == "qt" and _qt_not_simple(s.text)),
                None)


def qt_not_simple_message(placeholder: str) -> Message:
    """What ``check`` (TK101) and ``catalog compile`` say of :func:`qt_not_simple`'s
    *placeholder*: one wording, in the user's language when shown."""
    from toolkit.i18n import Message  # loaded only when there is something to say

    return Message("placeholder {placeholder} where the source has only plain %1..%9 "
                   "(qt-format): a multi-argument arg() leaves it unfilled",
                   placeholder=placeholder)


def _qt_not_simple(text: str) -> bool:
    """A Qt placeholder with the ``L`` flag or two digits (``%L1``, ``%01``, ``%10``)."""
    return text[1] == "L" or len(text) > 2


def count_placeholder(text: str, formats: Iterable[str] | None = None) -> Span | None:
    """The one placeholder of *text* that holds a number (``%d``, ``%(count)d``, ``{count}``,
    ``{0}``, ``{n:d}``), or None when there is none or more than one: the count a plural
    entry's forms are chosen by. Brace fields have no type, so any plain one counts."""
    found = []
    for s in find_placeholders(text, formats):
        if s.kind == "printf":
            numeric = s.text[-1] in "diu"
        elif s.kind == "qt":  # untyped, and Qt's plural count is %n (qt-plural-format)
            numeric = False
        else:
            inner = s.text[1:-1]
            numeric = "!" not in inner and (":" not in inner or inner[-1] in "dn")
        if numeric:
            found.append(s)
    return found[0] if len(found) == 1 else None


def find_tags(text: str, tags: re.Pattern[str] | None = None) -> list[Span]:
    """HTML/XML tags (``<b>``, ``</a>``, ``<br/>``, ``<a href="...">``) and comments.

    *tags*, for text read out of a markup document, is what a tag is there instead (the
    reader's placeholders): that text has no markup of its own, and a ``<...>`` in it was
    written as text in the document (``&lt;SPbPU&gt;``), so it is prose, not a tag."""
    if "<" not in text:
        return []
    # the patterns module loaded on first use (here and below): ``catalog compile`` loads
    # this module for its placeholders and needs no tag, URL or e-mail
    import toolkit.text.patterns as patterns

    return [Span("tag", m.group(), m.start(), m.end())
            for m in (tags or patterns.TAG_RE).finditer(text)]


def find_urls(text: str) -> list[Span]:
    """URLs (``http(s)://``, ``ftp://``, ``www.``, ``mailto:``), trailing punctuation trimmed."""
    if "://" not in text and "www." not in text.lower() and "mailto:" not in text.lower():
        return []
    import toolkit.text.patterns as patterns
    from toolkit.text.scripts import CJK_START

    # without CJK the pattern that leaves it out: the same URLs, far cheaper to compile
    url_re = patterns.URL_RE if max(text) >= CJK_START else patterns.URL_NO_CJK_RE
    out = []
    for m in url_re.finditer(text):
        end = m.end()
        # keep a closing bracket that balances one inside the URL (wiki links)
        while text[end:end + 1] == ")" and text.count("(", m.start(), end) > text.count(
                ")", m.start(), end):
            end += 1
        out.append(Span("url", text[m.start():end], m.start(), end))
    return out


def find_emails(text: str) -> list[Span]:
    """E-mail addresses."""
    if "@" not in text:
        return []
    import toolkit.text.patterns as patterns

    return [Span("email", m.group(), m.start(), m.end())
            for m in patterns.EMAIL_RE.finditer(text)]


@functools.cache
def _maybe_protected() -> re.Pattern[str]:
    """A character or word that every kind of protected span holds (a tag's <, a URL's ://
    or www. or mailto:, an e-mail's @, a placeholder's % or {): a string without one has
    none. Compiled on first use: the placeholder checks of ``check`` and ``catalog compile``
    load this module without needing it."""
    return re.compile(r"[<@%{]|://|www\.|mailto:", re.IGNORECASE)


def find_protected(text: str, formats: Iterable[str] | None = None,
                   tags: re.Pattern[str] | None = None) -> list[Span]:
    """Everything a translation must keep: placeholders, tags (*tags*: see
    :func:`find_tags`), URLs, e-mails.

    Sorted by position with no overlaps: where spans overlap (a URL inside a tag's
    attribute, a placeholder inside a URL) the one starting first wins, and of two starting
    together the longer.
    """
    if _maybe_protected().search(text) is None:  # what every finder above looks for first
        return []
    spans = (find_tags(text, tags) + find_urls(text) + find_emails(text)
             + find_placeholders(text, formats))
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    end = -1
    for span in spans:
        if span.start >= end:
            out.append(span)
            end = span.end
    return out


def has_words(text: str, formats: Iterable[str] | None = None) -> bool:
    """Whether *text* has a letter outside its protected spans (:func:`find_protected`):
    prose to translate, not only placeholders, tags, URLs and e-mail addresses.

    Most strings answer without finding every span: but for a tag or a brace placeholder
    (none when the text has no ``{``; tags are found, cheaply) a protected span holds no
    whitespace and holds its mark (a placeholder's ``%``, an e-mail's ``@``, a URL's
    ``://``, ``mailto:`` or ``www.``), so a whitespace-separated word with a letter, none of
    ``%``, ``@``, ``:`` or ``www.``, and no part of a tag lies outside every span. Finding
    the spans would compile the URL pattern (about 58 M instructions) in every process
    whose strings hold a link."""
    if "{" not in text:
        if "<" not in text:
            for word in text.split():
                if _plain_word(word):
                    return True
        else:
            tags = find_tags(text)
            for m in _non_space().finditer(text):
                if _plain_word(m.group()) and not any(
                        t.start < m.end() and m.start() < t.end for t in tags):
                    return True
    return any(c.isalpha() for c in strip_protected(text, formats))


def _plain_word(word: str) -> bool:
    """A word with a letter and no mark of a placeholder, e-mail address or URL."""
    return ("%" not in word and "@" not in word and ":" not in word
            and "www." not in word.lower() and any(c.isalpha() for c in word))


@functools.cache
def _non_space() -> re.Pattern[str]:
    """A whitespace-separated word (``str.split``'s words, with their places)."""
    return re.compile(r"\S+")


def strip_protected(text: str, formats: Iterable[str] | None = None, sep: str = " ") -> str:
    """*text* with every protected span (see :func:`find_protected`) replaced by *sep*:
    the prose left to check for numbers, words or untranslated text."""
    spans = find_protected(text, formats)
    if not spans:
        return text
    parts, last = [], 0
    for s in spans:
        parts.append(text[last:s.start])
        last = s.end
    parts.append(text[last:])
    return sep.join(parts)
