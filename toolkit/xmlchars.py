"""The characters an XML 1.0 file can hold: one rule for every XML file the toolkit writes.

XML 1.0 cannot carry the C0 control characters other than tab, newline and carriage return,
nor U+FFFE, U+FFFF or a lone surrogate, not even as a ``&#...;`` reference: a writer that lets
one through produces a file no parser (the toolkit's included) reads back. A carriage return can
be carried, but only as ``&#13;``: written raw, the parser hands it back as a newline.
"""

from __future__ import annotations

import re

#: One character XML 1.0 cannot hold.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unwritable(text: str) -> str | None:
    """The first character of *text* that XML 1.0 cannot hold, or None."""
    match = UNWRITABLE.search(text)
    return match.group() if match else None


def describe(char: str) -> str:
    """``U+000B``: how errors and warnings name a character."""
    return f"U+{ord(char):04X}"


__all__ = ["UNWRITABLE", "describe", "unwritable"]
