"""What GNU msgfmt (and Django's compilemessages, which runs it) refuses or skips in a catalog.

One place for both readers of this knowledge: ``toolkit check`` reports it (TK004) and
``toolkit catalog compile`` refuses to compile it, with the same words.
"""

from __future__ import annotations

from toolkit.i18n import Message
from toolkit.po.reader import PoFile

BYTE_ORDER_MARK = Message("file starts with a UTF-8 byte-order mark")
NOTHING_TO_COMPILE = Message("nothing to compile: no header and no translated entries "
                             "(msgfmt writes no .mo for it)")


def starts_with_bom(po: PoFile) -> bool:
    """Whether *po*'s bytes began with a UTF-8 byte-order mark: msgfmt stops with a syntax
    error on line 1 (the reader strips the mark, so the entries look fine)."""
    return po.source is not None and po.source.bom
