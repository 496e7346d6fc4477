"""What GNU msgfmt (and Django's compilemessages, which runs it) refuses or skips in a catalog.

One place for both readers of this knowledge: ``toolkit check`` reports it (TK004, TK201) and
``toolkit catalog compile`` refuses to compile it, with the same words.
"""

from __future__ import annotations

from toolkit.i18n import Message
from toolkit.po.reader import PoFile

BYTE_ORDER_MARK = Message("file starts with a UTF-8 byte-order mark")
NOTHING_TO_COMPILE = Message("nothing to compile: no header and no translated entries "
                             "(msgfmt writes no .mo for it)")


NOT_BOTH_BEGIN = Message("the source and the translation do not both begin with a line break "
                         "(msgfmt refuses the catalog)")
NOT_BOTH_END = Message("the source and the translation do not both end with a line break "
                       "(msgfmt refuses the catalog)")


def edge_breaks_differ(source: str, translation: str) -> list[Message]:
    """Why msgfmt refuses *translation* of *source* (a compiled entry's msgid and one of its
    translations): one begins with a line break and the other not, or one ends with one and
    the other not. msgfmt checks this on every entry it compiles, -c or not, and writes no
    .mo; a ``{% blocktrans %}`` message (``"\\n    Please log in again.\\n  "``) translated
    on one line is the usual case."""
    if not source:
        return []
    found = []
    if (source[0] == "\n") != (translation[:1] == "\n"):
        found.append(NOT_BOTH_BEGIN)
    if (source[-1] == "\n") != (translation[-1:] == "\n"):
        found.append(NOT_BOTH_END)
    return found


def starts_with_bom(po: PoFile) -> bool:
    """Whether *po*'s bytes began with a UTF-8 byte-order mark: msgfmt stops with a syntax
    error on line 1 (the reader strips the mark, so the entries look fine)."""
    return po.source is not None and po.source.bom
