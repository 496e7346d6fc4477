"""TBX glossaries: TBX v3 (ISO 30042:2019, TBX-Basic) and TBX 2008 (``martif``), read and write.

TBX v3::

    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <text><body>
        <conceptEntry id="spbpu">
          <langSec xml:lang="en">
            <termSec>
              <term>SPbPU</term>
              <termNote type="termType">acronym</termNote>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>

TBX 2008 has the same shape as ``martif/text/body/termEntry/langSet/tig``.

Data categories beyond TBX-Basic use the ``x-`` prefix TBX reserves for private ones:
``x-caseSensitive``, ``x-doNotTranslate``, ``x-forbidden`` (on a deprecated term: never use it)
and, on the concept, ``x-fullFormFirst``. ``partOfSpeech``, ``grammaticalGender`` and
``note`` are standard.

Parsing goes through defusedxml: entity declarations (billion laughs), external entities and
external DTD fetches are refused. Errors name the file, the line and the element.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from toolkit.errors import GlossaryError, InputError, ToolkitError
from toolkit.glossary.model import Concept, Glossary, Origin, Term
from toolkit.xmlio import describe, unwritable, utf8_document

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_STATUS_TO_TBX = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                  "deprecated": "deprecatedTerm-admn-sts", "forbidden": "deprecatedTerm-admn-sts"}
_TYPE_TO_TBX = {"full": "fullForm", "acronym": "acronym", "short": "shortForm",
                "variant": "variant"}
_TBX_TYPES = {"fullform": "full", "acronym": "acronym", "abbreviation": "acronym",
              "initialism": "acronym", "shortform": "short", "variant": "variant",
              "phrase": "full", "equation": "full", "formula": "full"}


class _LineElement(ET.Element):
    """An element that remembers the line it started on and the byte offsets of its start and
    end tags (the C Element has no spare slot)."""

    sourceline: int = 0
    start_byte: int = -1
    end_byte: int = -1


class _LineParser(DefusedXMLParser):
    """defusedxml's parser with every element stamped with its start line."""

    def __init__(self) -> None:
        super().__init__(target=ET.TreeBuilder(element_factory=_LineElement),
                         forbid_dtd=False, forbid_entities=True, forbid_external=True)
        expat = self.parser
        start = expat.StartElementHandler

        end = expat.EndElementHandler

        def stamped(tag: str, attrs: Any) -> Any:
            elem = start(tag, attrs)
            elem.sourceline = expat.CurrentLineNumber
            elem.start_byte = expat.CurrentByteIndex
            return elem

        def ended(tag: str) -> Any:
            elem = end(tag)
            elem.end_byte = expat.CurrentByteIndex
            return elem

        expat.StartElementHandler = stamped
        expat.EndElementHandler = ended
        expat.StartDoctypeDeclHandler = self._refuse_external_dtd
        expat.SkippedEntityHandler = self._refuse_skipped_entity

    def _refuse_external_dtd(self, name: str, sysid: str | None, pubid: str | None,
                             has_internal_subset: bool) -> None:
        # expat fetches nothing, so what an external DTD defines would be silently missing:
        # refuse it, except the TBX standard's own structure DTDs, which every TBX 2008 file
        # names and which define no content (an entity reference would still be refused)
        if (sysid or pubid) and not _STANDARD_DTD.fullmatch((sysid or "").rsplit("/", 1)[-1]):
            raise _Refused(f"external DTD {sysid or pubid!r} in <!DOCTYPE {name}> is not "
                           "read (nothing is fetched); remove the DOCTYPE line",
                           self.parser.CurrentLineNumber)

    def _refuse_skipped_entity(self, name: str, is_parameter_entity: bool) -> None:
        raise _Refused(f"entity &{name}; is defined outside the file (an external DTD) and "
                       "is not read", self.parser.CurrentLineNumber)


#: The structure DTDs of the TBX standards (TBXcoreStructV02.dtd, TBXBasiccoreStructV02.dtd).
_STANDARD_DTD = re.compile(r"TBX\w*[cC]oreStructV0\d\.dtd")


class _Refused(Exception):
    """A construct the reader will not accept (external DTD, XInclude), with its line."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


XINCLUDE_NS = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")


def parse_xml(data: bytes, path: str | None = None) -> ET.Element:
    """Parse *data* safely; refuse entity declarations, external references, an external DTD
    and XInclude (neither is resolved, so the document would silently lose content)."""
    try:
        data = utf8_document(data, path)  # expat alone reads neither GB18030 nor Big5
    except InputError as exc:
        raise GlossaryError(exc.message, path=exc.path, line=exc.line) from None
    parser = _LineParser()
    try:
        parser.feed(data)
        root = parser.close()
    except _Refused as exc:
        raise GlossaryError(f"refused: {exc.message}", path=path, line=exc.line) from None
    except DefusedXmlException as exc:
        line = getattr(parser.parser, "CurrentLineNumber", None)
        raise GlossaryError(f"refused unsafe XML ({type(exc).__name__}: entity declarations and "
                            "external references are not allowed)", path=path, line=line) from None
    except ET.ParseError as exc:
        raise GlossaryError(f"malformed XML: {exc}", path=path,
                            line=exc.position[0] if exc.position else None) from None
    for elem in root.iter():
        if isinstance(elem.tag, str) and elem.tag.startswith("{") and \
                elem.tag[1:].split("}", 1)[0] in XINCLUDE_NS:
            raise GlossaryError(f"refused: XInclude <{_local(elem.tag)}> (href="
                                f"{elem.get('href')!r}) is not resolved; inline the included "
                                "content", path=path, line=getattr(elem, "sourceline", None))
    return root


def _text(elem: ET.Element) -> str:
    return "".join(elem.itertext())


class _Reader:
    def __init__(self, path: str | None):
        self.path = path

    def fail(self, message: str, elem: ET.Element, where: str) -> GlossaryError:
        return GlossaryError(f"{message} (in {where})", path=self.path,
                             line=getattr(elem, "sourceline", None) or None)

    def origin(self, elem: ET.Element, where: str) -> Origin:
        return Origin(self.path, getattr(elem, "sourceline", None) or None, where)

    def read(self, root: ET.Element) -> Glossary:
        kind = _local(root.tag)
        if kind == "tbx":
            names = ("conceptEntry", "langSec", "termSec")
        elif kind == "martif":
            names = ("termEntry", "langSet", "tig")
        else:
            raise self.fail(f"root element <{kind}> is neither <tbx> (TBX v3) nor <martif> "
                            "(TBX 2008)", root, "document")
        body = None
        for text in root:
            if _local(text.tag) == "text":
                body = next((b for b in text if _local(b.tag) == "body"), None)
        if body is None:
            raise self.fail("missing <text><body>", root, kind)
        concepts = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(body, 1):
            if not isinstance(entry.tag, str):
                continue
            if _local(entry.tag) != names[0]:
                raise self.fail(f"unexpected <{_local(entry.tag)}> in <body>", entry, "body")
            concept = self.concept(entry, names, index)
            if concept.id in seen:
                raise self.fail(f"duplicate concept id {concept.id!r} (first on line "
                                f"{seen[concept.id]})", entry, f"{names[0]}[{index}]")
            seen[concept.id] = getattr(entry, "sourceline", 0)
            concepts.append(concept)
        return Glossary(tuple(concepts))

    def concept(self, entry: ET.Element, names: tuple[str, str, str], index: int) -> Concept:
        cid = entry.get("id")
        where = f"{names[0]}[{index}]" if not cid else f"{names[0]}[@id={cid!r}]"
        if not cid or not cid.strip():
            raise self.fail("missing id attribute", entry, where)
        notes, fff, terms = [], False, []
        for child in entry:
            name = _local(child.tag)
            if name == names[1]:
                terms.extend(self.lang_section(child, names, where))
            elif name == "note" or (name == "descrip" and child.get("type") == "definition"):
                notes.append(_text(child))
            elif name in ("descrip", "admin") and child.get("type") == "x-fullFormFirst":
                fff = _text(child).strip().lower() in ("yes", "true", "1")
        try:
            return Concept(cid, tuple(terms), "\n".join(notes), fff,
                           origin=self.origin(entry, where))
        except ToolkitError as exc:
            raise self.fail(exc.message, entry, where) from None

    def lang_section(self, sec: ET.Element, names: tuple[str, str, str],
                     parent: str) -> list[Term]:
        lang = sec.get(XML_LANG) or sec.get("lang")
        where = f"{parent}/{names[1]}[@xml:lang={lang!r}]"
        if not lang:
            raise self.fail("missing xml:lang", sec, f"{parent}/{names[1]}")
        terms = []
        kinds = (names[2], "ntig")  # TBX 2008 also allows <ntig><termGrp><term>
        for n, child in enumerate((c for c in sec if _local(c.tag) in kinds), 1):
            terms.append(self.term(child, lang, f"{where}/{names[2]}[{n}]"))
        return terms

    def term(self, sec: ET.Element, lang: str, where: str) -> Term:
        text = None
        fields: dict[str, Any] = {}
        notes = []
        forbidden = False
        for child in sec.iter():
            name = _local(child.tag)
            kind = child.get("type", "")
            value = _text(child)
            if name == "term":
                if text is not None:
                    raise self.fail("more than one <term>", child, where)
                text = value
            elif name in ("termNote", "admin", "descrip"):
                if kind == "termType":
                    key = value.strip().replace("-", "").replace("_", "").lower()
                    if key not in _TBX_TYPES:
                        raise self.fail(f"unknown termType {value!r}", child, where)
                    fields["type"] = _TBX_TYPES[key]
                elif kind in ("administrativeStatus", "normativeAuthorization"):
                    fields["status"] = value.strip()
                elif kind == "partOfSpeech":
                    fields["pos"] = value.strip()
                elif kind == "grammaticalGender":
                    fields["gender"] = value.strip()
                elif kind == "x-caseSensitive":
                    fields["case_sensitive"] = value.strip().lower() in ("yes", "true", "1")
                elif kind == "x-doNotTranslate":
                    fields["dnt"] = value.strip().lower() in ("yes", "true", "1")
                elif kind == "x-forbidden":
                    forbidden = value.strip().lower() in ("yes", "true", "1")
            elif name == "note":
                notes.append(value)
        if text is None:
            raise self.fail("missing <term>", sec, where)
        if forbidden:
            fields["status"] = "forbidden"
        try:
            return Term(text, lang, note="\n".join(notes), origin=self.origin(sec, where),
                        **fields)
        except ToolkitError as exc:
            raise self.fail(exc.message, sec, where) from None


_KNOWN_TYPES = {"termType", "administrativeStatus", "normativeAuthorization", "partOfSpeech",
                "grammaticalGender", "x-caseSensitive", "x-doNotTranslate", "x-forbidden",
                "x-fullFormFirst", "definition"}
_STRUCTURE = {"text", "body", "conceptEntry", "langSec", "termSec", "termEntry", "langSet",
              "tig", "ntig", "termGrp", "term", "note"}


def unmodelled(data: bytes, path: str | None = None) -> dict[str, int]:
    """Elements of a TBX body this module does not keep (e.g. ``descrip[subjectField]``),
    with counts: rewriting the file would drop them."""
    root = parse_xml(data, path)
    counts: dict[str, int] = {}
    for text in (c for c in root if _local(c.tag) == "text"):
        for elem in text.iter():
            name = _local(elem.tag)
            kind = elem.get("type")
            if name in _STRUCTURE and kind is None:
                continue
            if name in ("termNote", "descrip", "admin", "note") and (
                    kind in _KNOWN_TYPES or (name == "note" and kind is None)):
                continue
            label = f"{name}[{kind}]" if kind else name
            counts[label] = counts.get(label, 0) + 1
    return counts


@dataclass(frozen=True)
class TbxSource:
    """A TBX file as written, cut at its concepts: what comes before the first concept (XML
    declaration, ``xml-model`` lines, the root with its namespace and version, the header),
    each concept's text with the white space before it, and what follows the last concept.
    Writing a glossary read from it puts back every concept that did not change as it was,
    with everything the model does not hold (``subjectField``, definitions, notes kept apart,
    unknown elements)."""

    version: str
    head: str
    tail: str
    concepts: dict[str, tuple[str, str, Concept]]  # id -> (space before, element, as read)


def _end_of_element(data: bytes, elem: Any) -> int:
    index = elem.end_byte
    if data[index:index + 2] == b"</":
        return data.index(b">", index) + 1
    return data.index(b"/>", elem.start_byte) + 2  # <empty/>


def _source(data: bytes, root: Any, glossary: Glossary) -> TbxSource | None:
    """The :class:`TbxSource` of *data*, or None when it cannot be cut safely."""
    if b"encoding=" in data[:100] and not re.match(
            rb"<\?xml[^>]*encoding=[\"'](?:utf-8|UTF-8)[\"']", data):
        return None
    body = None
    for text in root:
        if _local(text.tag) == "text":
            body = next((b for b in text if _local(b.tag) == "body"), None)
    if body is None or any(not isinstance(e.tag, str) for e in body):
        return None
    try:
        position = data.index(b">", body.start_byte) + 1
        concepts: dict[str, tuple[str, str, Concept]] = {}
        read = {c.id: c for c in glossary.concepts}
        for entry in body:
            end = _end_of_element(data, entry)
            cid = entry.get("id")
            if cid not in read:
                return None
            concepts[cid] = (data[position:entry.start_byte].decode("utf-8"),
                             data[entry.start_byte:end].decode("utf-8"), read[cid])
            position = end
        head = data[:data.index(b">", body.start_byte) + 1].decode("utf-8")
        tail = data[position:].decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return TbxSource("3" if _local(root.tag) == "tbx" else "2008", head, tail, concepts)


def read_tbx(fh: IO[bytes], path: str | None = None) -> Glossary:
    """Read a TBX v3 or TBX 2008 glossary from the binary stream *fh*; the file as written
    travels along (``Glossary.source``) so writing it back keeps what the model lacks."""
    data = fh.read()
    root = parse_xml(data, path)
    glossary = _Reader(path).read(root)
    return Glossary(glossary.concepts, glossary.conflicts,
                    source=_source(data, root, glossary))


def _writable(value: str) -> str:
    bad = unwritable(value)
    if bad:
        raise GlossaryError(f"character {describe(bad)} cannot be written to XML "
                            f"(in {value!r})")
    return value


def _esc(value: str) -> str:
    """Escape text content; keep carriage returns (XML would turn them into newlines)."""
    return escape(_writable(value), {"\r": "&#13;"})


def _note(tag: str, kind: str, value: str, indent: str) -> str:
    return f'{indent}<{tag} type="{kind}">{_esc(value)}</{tag}>\n'


def _concept_xml(concept: Concept, entry: str, lsec: str, tsec: str) -> str:
    """One concept as a TBX element, indented for the body."""
    out = [f"      <{entry} id={quoteattr(_writable(concept.id))}>\n"]
    if concept.note:
        out.append(f"        <note>{_esc(concept.note)}</note>\n")
    if concept.full_form_first:
        out.append(_note("descrip", "x-fullFormFirst", "yes", "        "))
    for lang in concept.languages:
        out.append(f'        <{lsec} xml:lang="{lang}">\n')
        for term in concept.terms_for(lang):
            ind = " " * 12
            out.append(f"{ind[:-2]}<{tsec}>\n{ind}<term>{_esc(term.text)}</term>\n")
            out.append(_note("termNote", "termType", _TYPE_TO_TBX[term.type], ind))
            out.append(_note("termNote", "administrativeStatus",
                             _STATUS_TO_TBX[term.status], ind))
            if term.status == "forbidden":
                out.append(_note("termNote", "x-forbidden", "yes", ind))
            if term.pos:
                out.append(_note("termNote", "partOfSpeech", term.pos, ind))
            if term.gender:
                out.append(_note("termNote", "grammaticalGender", term.gender, ind))
            out.append(_note("termNote", "x-caseSensitive",
                             "yes" if term.case_sensitive else "no", ind))
            if term.dnt:
                out.append(_note("termNote", "x-doNotTranslate", "yes", ind))
            if term.note:
                out.append(f"{ind}<note>{_esc(term.note)}</note>\n")
            out.append(f"{ind[:-2]}</{tsec}>\n")
        out.append(f"        </{lsec}>\n")
    out.append(f"      </{entry}>\n")
    return "".join(out)


def write_tbx(glossary: Glossary, fh: IO[str], version: str = "3",
              source_lang: str = "en") -> None:
    """Write *glossary* as TBX-Basic, ``version`` "3" (default) or "2008"."""
    if version not in ("3", "2008"):
        raise GlossaryError(f"unknown TBX version {version!r}; use 3 or 2008")
    v3 = version == "3"
    entry, lsec, tsec = ("conceptEntry", "langSec", "termSec") if v3 else \
        ("termEntry", "langSet", "tig")
    source = glossary.source if isinstance(glossary.source, TbxSource) else None
    if source is not None and source.version == version:
        out = [source.head]
        for concept in glossary.concepts:
            kept = source.concepts.get(concept.id)
            if kept is not None and kept[2] == concept:
                out.append(kept[0] + kept[1])  # unchanged: as it was written
                continue
            space = kept[0] if kept is not None else "\n      "
            out.append(space + _concept_xml(concept, entry, lsec, tsec).strip())
        out.append(source.tail)
        fh.write("".join(out))
        return
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    if v3:
        out.append(f'<tbx type="TBX-Basic" style="dca" xml:lang="{source_lang}" '
                   f'xmlns="{TBX3_NS}">\n  <tbxHeader>\n')
    else:
        out.append(f'<martif type="TBX-Basic" xml:lang="{source_lang}">\n  <martifHeader>\n')
    out.append("    <fileDesc><sourceDesc><p>toolkit glossary</p></sourceDesc></fileDesc>\n")
    out.append("  </tbxHeader>\n" if v3 else "  </martifHeader>\n")
    out.append("  <text>\n    <body>\n")
    for concept in glossary.concepts:
        out.append(_concept_xml(concept, entry, lsec, tsec))
    out.append("    </body>\n  </text>\n")
    out.append("</tbx>\n" if v3 else "</martif>\n")
    fh.write("".join(out))
