"""The one copy of the patterns for things text carries but no language owns.

URLs, e-mail addresses, HTML/XML tags and comments, and the ``｟n｠`` protection tokens. The
segmenter (never split inside them), the protect step (keep them verbatim), the checker
(a translation must keep them) and the language guess (they are no evidence of a language)
all use these, so they agree on where a URL ends.

Each constant is a regular expression *source* (to embed in a larger alternation); the
compiled ``*_RE`` are for direct use. A URL never runs into CJK text or full-width
punctuation (``访问https://x.ru/news，欢迎`` ends at ``news``), nor into closing punctuation
(``see https://x.ru/.`` ends before the period).
"""

from __future__ import annotations

import re

from toolkit.text.scripts import CJK, CJK_LETTERS, CYRILLIC

__all__ = ["URL", "URL_NO_CJK", "DOMAIN", "EMAIL", "TAG", "TOKEN", "PHONE", "CODE_SPAN", "URL_RE",
           "URL_NO_CJK_RE", "DOMAIN_RE", "EMAIL_RE", "TAG_RE", "TOKEN_RE", "PHONE_RE",
           "CODE_SPAN_RE", "URL_TRAILING", "PHONE_MIN_DIGITS"]

_URL_STOP_LATIN = r"\s<>\"'«»“”‘’`"
_URL_STOP = _URL_STOP_LATIN + CJK
URL_TRAILING = ".,;:!?]}*~…"
"""Characters that end a sentence or a bracket rather than a URL when they come last."""


def _url(stop: str, cjk_path: str) -> str:
    """:data:`URL`'s source with *stop* the characters that end it and *cjk_path* the
    alternative for a path segment in CJK letters."""
    return (
        # the scheme as (?i:https?|ftp)://, (?i:www)\. or (?i:mailto): with its first letter
        # (no other character is h, f, w or m to re.I) taken first by a class: re's search
        # then skips to the next such letter, where the alternation made it try the whole
        # pattern at every character (6x the time on the URLs of toolkit check's bench catalog)
        r"[hHfFwWmM](?:(?<=[hH])(?i:ttps?)://|(?<=[fF])(?i:tp)://|(?<=[wW])(?i:ww)\."
        r"|(?<=[mM])(?i:ailto):)"
        f"(?:(?!\\]\\()[^{stop}()]|\\([^{stop}()]*\\){cjk_path})+"
        f"(?<![{re.escape(URL_TRAILING)}])"
    )


URL = _url(_URL_STOP, f"|(?<=[/?=#&])[{CJK_LETTERS}]+")
"""``http(s)://``, ``ftp://``, ``www.`` and ``mailto:`` links, trailing punctuation left out.

A path segment written in Chinese (right after ``/``, ``?``, ``=``, ``#``, ``&``) is part of
the URL (``https://zh.wikipedia.org/wiki/南京``); Chinese running on from Latin letters
(``/news欢迎``) and full-width punctuation (``/news，欢迎``) are not; nor is a closing
bracket without its opening one in the URL (``[text](https://x.ru/a)**``), nor a Markdown link's
``](`` (``[see https://x.ru/a](https://y.ru/)``: the URL in the link text ends at ``a``)."""

URL_NO_CJK = _url(_URL_STOP_LATIN, "")
""":data:`URL` for a text with no character from :data:`toolkit.text.scripts.CJK_START` on:
the same matches there (its CJK parts never match), and compiled in a sixtieth of the time
(the CJK ranges' classes cost ~40 M instructions each to compile: 1.4 % of a 55,000-entry
``toolkit check``, which reads URLs in Russian text)."""

DOMAIN = (
    r"(?<![A-Za-z0-9@._%+/-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
    r"(?i:ru|su|com|org|net|edu|gov|int|info|biz|io|cn|hk|tw|uk|de|fr|eu|kz|by|uz|kg)"
    f"(?![A-Za-z0-9-])(?:/(?:[^{_URL_STOP}()]|\\([^{_URL_STOP}()]*\\))*)?"
    f"(?<![{re.escape(URL_TRAILING)}])"
)
"""A web address without a scheme, as press releases write it (``urfu.ru``,
``hit.edu.cn/news``): host names ending in a common top-level domain (a file name's
extension, ``setup.py``, is none), with an optional path. Not part of :data:`URL` (the
checker's rule for links keeps to scheme and ``www.`` links); translation copies it."""

_LOCAL = rf"A-Za-z0-9\u00c0-\u024f{CYRILLIC}._%+-"
EMAIL = (
    rf"(?<![{_LOCAL}])[{_LOCAL}]+@[A-Za-z0-9{CYRILLIC}-]+(?:\.[A-Za-z0-9{CYRILLIC}-]+)*"
    rf"\.[A-Za-z{CYRILLIC}]{{2,}}(?![A-Za-z0-9{CYRILLIC}-])"
)
"""E-mail addresses (Latin or Cyrillic); Chinese text right before or after is not part."""

TAG = (
    r"<!--.*?-->"
    r"|</?[A-Za-z][\w:.-]*(?:\s+[^<>\s=/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s<>\"']+))?)*"
    r"\s*/?>"
)
"""HTML/XML tags (``<b>``, ``</a>``, ``<br/>``, ``<a href="...">``) and comments."""

CODE_SPAN = r"(?P<tick>`+)(?:(?!(?P=tick)).)+?(?P=tick)"
"""A Markdown/reST inline code span (`` `pip install x` ``, ````` ``a`b`` `````; ``tick`` names
its backtick run): shown as written, so a ``<...>`` inside it is text
(`` `enable <plugin-name>` ``), not a tag. It crosses a line break only where the pattern
is compiled with re.S (a Markdown paragraph)."""

_SEP = r"[ \u00a0.-]"
PHONE = (
    rf"(?<![\w+])(?:\+\d{{1,3}}{_SEP}?(?:\(\d{{1,5}}\){_SEP}?)?\d{{2,4}}(?:{_SEP}\d{{2,4}}){{1,4}}"
    rf"|(?:8{_SEP}?)?\(\d{{3,5}}\){_SEP}?\d{{3,4}}(?:-\d{{2,4}}){{1,3}})(?![\w])"
)
"""Telephone numbers as press releases write them: international (``+7 (343) 375-44-44``,
``+86 25 8431 1234``, ``+1-800-555-0199``) or with the area code in brackets and the
number in hyphenated groups (``(812) 552-63-01``, ``8 (800) 555-35-35``). A bare run of
digit groups (``120 000``, a date) is none, nor a year in brackets (``(2026) 12-13``); with
fewer than :data:`PHONE_MIN_DIGITS` digits it is none either."""

PHONE_MIN_DIGITS = 7

TOKEN = r"｟\s*(\d{1,3})\s*｠"
"""A protection token ``｟n｠`` (a model may put spaces inside); group 1 is the number."""

URL_RE: re.Pattern[str]
URL_NO_CJK_RE: re.Pattern[str]
EMAIL_RE: re.Pattern[str]
TAG_RE: re.Pattern[str]
TOKEN_RE: re.Pattern[str]
PHONE_RE: re.Pattern[str]
CODE_SPAN_RE: re.Pattern[str]
DOMAIN_RE: re.Pattern[str]
_LAZY = {"URL_RE": (URL, 0), "URL_NO_CJK_RE": (URL_NO_CJK, 0), "EMAIL_RE": (EMAIL, 0),
         "TAG_RE": (TAG, re.S), "TOKEN_RE": (TOKEN, 0), "PHONE_RE": (PHONE, 0),
         "CODE_SPAN_RE": (CODE_SPAN, 0), "DOMAIN_RE": (DOMAIN, 0)}
"""Compiled on first use: the URL pattern takes about 10 ms to compile, and ``toolkit
check`` and ``catalog compile`` import this module (through the placeholder finders) mostly
without needing any of them."""


def __getattr__(name: str) -> re.Pattern[str]:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    compiled = globals()[name] = re.compile(*_LAZY[name])
    return compiled
