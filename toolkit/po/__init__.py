"""The PO layer under the checker and the catalog commands.

``reader`` (line-accurate parse, every syntax error with its line), ``plurals`` (Plural-Forms
against CLDR), ``locale`` (which locale a catalog is for). One copy of each, used by
:mod:`toolkit.lint` and :mod:`toolkit.catalog` alike.
"""

from toolkit.po.reader import Decoded, PoEntry, PoFile, PoSyntaxError, decode_po, parse_po, read_po

__all__ = ["Decoded", "PoEntry", "PoFile", "PoSyntaxError", "decode_po", "parse_po", "read_po"]
