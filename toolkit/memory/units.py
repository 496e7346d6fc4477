"""What goes into the memory from a catalog: its approved entries (translated, not fuzzy)."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.memory.store import Unit
from toolkit.po.reader import PoFile
from toolkit.po.stats import entry_state

__all__ = ["catalog_units"]


def catalog_units(po: PoFile, src_lang: str, tgt_lang: str, origin: str = "") -> Iterator[Unit]:
    """One unit per approved singular entry; a plural entry gives its singular and plural
    forms (form 0 and the last form), the forms a sentence most often needs. Each unit keeps
    its entry's msgctxt."""
    for e in po.entries:
        if entry_state(e) != "translated":
            continue
        context = e.msgctxt or ""
        if e.msgid_plural is None:
            yield Unit(src_lang, tgt_lang, e.msgid, e.msgstr or "", origin, context)
        else:
            forms = [e.msgstr_plural[i] for i in sorted(e.msgstr_plural)]
            yield Unit(src_lang, tgt_lang, e.msgid, forms[0], origin, context)
            if len(forms) > 1:
                yield Unit(src_lang, tgt_lang, e.msgid_plural, forms[-1], origin, context)
