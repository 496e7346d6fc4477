"""How a segment ends: its final punctuation, and a full stop the model added to it.

Models trained on sentences end whatever they get with a full stop: a heading, a title, an
``alt`` text or a list item comes back as ``Лаборатория открыта.`` or ``俄罗斯科学基金会。”``.
The source decides: where it has no end mark, the translation gets none either. The check's
end-punctuation rule (TK204) reads the same classes.
"""

from __future__ import annotations

import re

from toolkit.text.patterns import EMAIL, URL

#: Final punctuation classes: full-width and ASCII marks of one kind compare equal.
END_CLASS: dict[str, str] = {
    ".": ".", "。": ".", "．": ".",
    "?": "?", "？": "?",
    "!": "!", "！": "!",
    ":": ":", "：": ":",
    ";": ";", "；": ";",
    "…": "…",
}
#: What may follow the end mark: at the very end of a string every quote closes (“ and ‘ too:
#: Russian and German „…“).
CLOSERS = "\"'»”’“‘)）]】」』》〉"
#: A closer -> the opener that makes it a pair (quotes that are their own opener: counted).
_OPENER = {"»": "«", "”": "“", "’": "‘", "“": "„", "‘": "‚", ")": "(", "）": "（",
           "]": "[", "】": "【", "」": "「", "』": "『", "》": "《", "〉": "〈"}


# a pattern, not compiled here: compiling it is ~6 ms, paid at the start of every command
# that reads TK204's classes (``toolkit check``), which never calls drop_added_stop; re's
# cache keeps it compiled after the first call
_ADDRESS_AT_END = f"(?:{URL}|{EMAIL})$"


def drop_added_stop(source: str, translation: str) -> str:
    """*translation* without the final full stop (and the closing quote no opener explains)
    the model added where *source* ends with no end mark at all; otherwise unchanged."""
    src = source.rstrip().rstrip(CLOSERS).rstrip()
    if not src or src[-1] in END_CLASS or src[-1].isspace():
        return translation
    body = translation.rstrip()
    tail = translation[len(body):]
    closers = len(body) - len(body.rstrip(CLOSERS))
    mark_at = len(body) - closers - 1
    if mark_at < 1 or body[mark_at] not in ".。．" or body[mark_at - 1] in ".。．":
        return translation  # no stop, or an ellipsis written as dots
    head = body[:mark_at]
    # the lowercase word before the stop, Latin or Russian: Russian when not ASCII
    word = head[len(head.rstrip("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя")):]
    if body[mark_at] == "." and (len(word) == 1 or len(word) == 2 and (
            not word.isascii() or word == "al")) and (
            len(word) == len(head) or not head[-len(word) - 1].isalpha()) \
            and not re.search(_ADDRESS_AT_END, head):
        # the point of an abbreviation (и т. д., 2026 г., и др., et al.); not a Chinese 。,
        # an English word ('press@urfu.ru in.', 'Join us.'), nor the stop after an address
        # whose last label is short (press@urfu.ru., https://x.cn.)
        return translation
    kept = "".join(c for c in body[mark_at + 1:] if _paired(head, c))
    return head + kept + tail


def _paired(text: str, closer: str) -> bool:
    opener = _OPENER.get(closer)
    if opener is None:  # " and ': a closing one makes the count even
        return text.count(closer) % 2 == 1
    return text.count(opener) > text.count(closer)
