"""The tag structure of an HTML page, for tests that translate one: every start tag with its
attributes but those translated (``alt``, ``title``, ``content``) or set to the target
language (``lang``), and every end tag, in order."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[object] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = ("alt", "title", "content", "lang")  # translated, or the target language
        self.tags.append((tag, [(k, v) for k, v in attrs if k not in kept]))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)


def html_tags(text: str) -> list[object]:
    """The tags of *text* as above."""
    parser = _Tags()
    parser.feed(text)
    return parser.tags
