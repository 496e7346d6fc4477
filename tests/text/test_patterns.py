"""toolkit.text.patterns: the URL pattern's scheme, written for a fast search, finds what the
plain scheme alternation finds; on text without CJK, URL_NO_CJK finds what URL finds."""

from __future__ import annotations

import random
import re

from toolkit.text import patterns

# the definition: the scheme as first written, before its first letter was taken by a class
_PLAIN_SCHEME = r"(?:(?i:https?|ftp)://|(?i:www)\.|(?i:mailto):)"
_PIECES = ["http", "https", "HTTPS", "hTTp", "ftp", "FtP", "www", "WWW", "mailto", "MAILTO",
           "ſ", "İ", "ı", "K", "://", ":", "/", ".", "h", "H", "w", "m", "f", "s", "(", ")",
           "[", "]", " ", "\n", "a", "б", "南", "，", "?", "=", "#", "&", "x.ru", '"', "…"]


def test_url_scheme_finds_what_the_plain_alternation_finds() -> None:
    end = patterns.URL.index("(?i:ailto):)") + len("(?i:ailto):)")  # the scheme's end
    plain = re.compile(_PLAIN_SCHEME + patterns.URL[end:])
    rng = random.Random(7)
    texts = ["see https://x.ru/a.", "WWW.example.com", "mailto:a@b.ru", "ftp://f/x)", "HTTPS://A",
             "ſtp://x", "http:/x https://y"]
    texts += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14)))
              for _ in range(30_000)]
    for text in texts:
        assert [m.span() for m in patterns.URL_RE.finditer(text)] == \
            [m.span() for m in plain.finditer(text)], text


def test_url_without_cjk_finds_what_url_finds_in_text_without_cjk() -> None:
    from toolkit.text.placeholders import find_urls
    from toolkit.text.scripts import CJK_START

    rng = random.Random(11)
    pieces = [p for p in _PIECES if max(p) < CJK_START] + ["\u2e7f", "«", "»", "’", "`"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
             for _ in range(30_000)]
    for text in texts:
        assert [m.span() for m in patterns.URL_NO_CJK_RE.finditer(text)] == \
            [m.span() for m in patterns.URL_RE.finditer(text)], text
    # a text with CJK is read with the CJK-aware pattern: a Chinese path segment is kept
    assert [u.text for u in find_urls("见 https://zh.wikipedia.org/wiki/南京，欢迎")] == [
        "https://zh.wikipedia.org/wiki/南京"]
