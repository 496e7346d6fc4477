"""TMX 1.4 (Translation Memory eXchange): the memory in and out, for CAT tools and vendors.

Export writes one ``<tu>`` per unit with ``srclang`` set, its origin and its context (a
catalog entry's msgctxt) as ``<prop type="x-origin">`` and ``<prop type="x-context">`` (TMX
names a tool's own property types ``x-...``); import reads every ``<tu>``: the variant in the
unit's (or the header's) source language is the source, each other variant a target.
Parsing goes through defusedxml (TMX comes from outside).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator

from toolkit.errors import InputError, LanguageError
from toolkit.i18n import Message, _
from toolkit.memory.store import Unit, lang_tag
from toolkit.xmlio import describe, unwritable, utf8_document

__all__ = ["read_tmx", "split_writable", "write_tmx"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _unwritable(unit: Unit) -> str | None:
    for text in (unit.source, unit.target, unit.origin, unit.context):
        char = unwritable(text)
        if char is not None:
            return _("{char} in {text!r}").format(char=describe(char), text=text)
    return None


def split_writable(units: Iterable[Unit]) -> tuple[list[Unit], list[tuple[Unit, str]]]:
    """*units* TMX can carry, and the others with the reason (a character XML cannot hold,
    such as a vertical tab from a catalog's ``\\v``)."""
    ok: list[Unit] = []
    bad: list[tuple[Unit, str]] = []
    for unit in units:
        reason = _unwritable(unit)
        if reason is None:
            ok.append(unit)
        else:
            bad.append((unit, reason))
    return ok, bad


def write_tmx(units: Iterable[Unit]) -> bytes:
    """A TMX 1.4 document holding *units*, which read back exactly (carriage returns too).

    A unit XML cannot hold is an InputError (see :func:`split_writable`): a file that cannot
    be read back is never written.
    """
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", creationtool="toolkit", creationtoolversion="0.1.0",
                  segtype="sentence", adminlang="en", srclang="*all*", datatype="plaintext",
                  **{"o-tmf": "toolkit"})
    body = ET.SubElement(root, "body")
    for u in units:
        reason = _unwritable(u)
        if reason is not None:
            raise InputError(_("TMX cannot hold {reason}").format(reason=reason))
        tu = ET.SubElement(body, "tu", srclang=u.src_lang)
        if u.origin:
            ET.SubElement(tu, "prop", type="x-origin").text = u.origin
        if u.context:
            ET.SubElement(tu, "prop", type="x-context").text = u.context
        for lang, text in ((u.src_lang, u.source), (u.tgt_lang, u.target)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    # ElementTree writes a carriage return in text raw, which a parser reads as a newline;
    # raw CRs can only come from text (attributes get &#13;), so they all become &#13;.
    data = ET.tostring(root, encoding="utf-8").replace(b"\r", b"&#13;")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + data


def _seg_text(seg: ET.Element) -> str:
    """The text of a ``<seg>``, inline markup (``<bpt>``, ``<ph>``...) reduced to its text."""
    return "".join(seg.itertext())


def _tag(code: str) -> str | None:
    """The memory's spelling of a TMX language code (``en-US`` -> ``en``), None when the toolkit
    does not serve that language."""
    try:
        return lang_tag(code)
    except LanguageError:
        return None


def read_tmx(path: str | os.PathLike[str],
             skipped: dict[Message, int] | None = None) -> Iterator[Unit]:
    """Units of the TMX file at *path* (InputError naming the file and line when malformed).

    Languages are compared as languages, not as strings: a header's ``srclang="en-US"`` finds
    the variant ``xml:lang="en-GB"`` or TMX 1.1's ``lang="EN"``, as CAT tools mix them. A
    ``<tu>`` that yields nothing (no variant in the source language, or only languages the
    toolkit does not serve) is counted in *skipped* by reason, so the caller can say so instead
    of dropping it silently (the reasons are :class:`~toolkit.i18n.Message`: English in JSON,
    the user's language when shown)."""
    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    shown = os.fspath(path)
    with open(path, "rb") as fh:
        data = utf8_document(fh.read(), shown)
    try:
        root = SafeET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(_("not well-formed XML: {error}").format(error=exc), path=shown,
                         line=exc.position[0]) from None
    except DefusedXmlException as exc:
        raise InputError(_("refused XML: {error}").format(error=exc), path=shown) from None
    if root.tag != "tmx":
        raise InputError(_("not a TMX file (no <tmx> root)"), path=shown)
    header = root.find("header")
    default_src = header.get("srclang", "*all*") if header is not None else "*all*"

    def skip(reason: Message) -> None:
        if skipped is not None:
            skipped[reason] = skipped.get(reason, 0) + 1

    for tu in root.iter("tu"):
        variants = []
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if lang and seg is not None:
                variants.append((lang, _tag(lang), _seg_text(seg)))
        props = {p.get("type"): p.text or "" for p in tu.findall("prop")}
        origin, context = props.get("x-origin", "tmx"), props.get("x-context", "")
        src = tu.get("srclang") or default_src
        if src == "*all*" and variants:
            src = variants[0][0]
        src_tag = _tag(src)
        if src_tag is None:
            skip(Message("source language {lang!r} is not en, ru or zh", lang=src))
            continue
        source = next((t for _lang, tag, t in variants if tag == src_tag), None)
        if source is None:
            skip(Message("no variant in the source language {lang!r}", lang=src))
            continue
        units = [Unit(src_tag, tag, source, text, origin, context)
                 for _lang, tag, text in variants
                 if tag is not None and tag != src_tag]
        if not units:
            skip(Message("no variant in another language the toolkit serves (en, ru, zh)"))
        yield from units
