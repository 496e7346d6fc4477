"""XML files in and out: one reading of the encoding a document declares, one rule for the
characters XML 1.0 can hold. Used for every XML file the toolkit reads or writes (TMX, TBX).

expat, the parser under every Python XML library, reads only UTF-8, UTF-16, ASCII and Latin-1
by itself: a file declared as GB18030 or Big5 (what Chinese tools write) made it raise
``ValueError``, an unknown or non-text codec name ``LookupError``. :func:`utf8_document` decodes
with Python's codecs instead and hands the parser UTF-8, lines unchanged, so its errors keep
their line numbers.

XML 1.0 cannot carry the C0 control characters other than tab, newline and carriage return,
nor U+FFFE, U+FFFF or a lone surrogate, not even as a ``&#...;`` reference: a writer that lets
one through produces a file no parser (the toolkit's included) reads back. A carriage return can
be carried, but only as ``&#13;``: written raw, the parser hands it back as a newline.
"""

from __future__ import annotations

import re

from toolkit.errors import InputError
from toolkit.i18n import _
from toolkit.textio import bom_encoding

#: One character XML 1.0 cannot hold.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: The encoding pseudo-attribute of an XML declaration at the very start of a document.
_DECLARED = re.compile(rb"""\A(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])([^"'>]*)\2""")
_DECLARED_TEXT = re.compile(_DECLARED.pattern.decode("ascii"))  # the same, over text
_UTF8 = {"utf-8", "utf8", "utf_8"}


def unwritable(text: str) -> str | None:
    """The first character of *text* that XML 1.0 cannot hold, or None."""
    match = UNWRITABLE.search(text)
    return match.group() if match else None


def describe(char: str) -> str:
    """``U+000B``: how errors and warnings name a character."""
    return f"U+{ord(char):04X}"


def utf8_document(data: bytes, path: str | None = None) -> bytes:
    """The XML document *data* in UTF-8, its declaration saying so; decoded from what its
    byte-order mark or declaration names. :class:`InputError` naming *path* (and the line)
    for an unknown encoding or bytes that are not in the declared one."""
    name = bom_encoding(data)
    if name is None:
        match = _DECLARED.match(data)
        name = match.group(3).decode("ascii", "replace").strip() if match else "utf-8"
        if name.lower() in _UTF8:
            return data  # expat reads UTF-8 itself and reports a bad byte with its line
    try:
        text = data.decode(name)
    except LookupError:  # no such codec, or not a text one (rot13, base64)
        raise InputError(_("unknown encoding {name!r} in the XML declaration").format(
            name=name), path=path,
                         line=1) from None
    except UnicodeDecodeError as exc:
        raise InputError(_("not valid {name}, the encoding the file declares (byte "
                           "{byte})").format(name=name, byte=exc.start), path=path,
                         line=data.count(b"\n", 0, exc.start) + 1) from None
    except UnicodeError as exc:  # codecs such as idna fail without a position
        raise InputError(_("cannot be read as {name}, the encoding the file declares: "
                           "{error}").format(name=name, error=exc), path=path, line=1) from None
    text = _DECLARED_TEXT.sub(r"\g<1>\g<2>UTF-8\g<2>", text.removeprefix("\ufeff"), count=1)
    return text.encode("utf-8", "surrogatepass")


__all__ = ["UNWRITABLE", "describe", "unwritable", "utf8_document"]
