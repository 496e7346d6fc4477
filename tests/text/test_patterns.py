"""toolkit.text.patterns: the URL pattern's scheme, written for a fast search, finds what the
plain scheme alternation finds."""

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
