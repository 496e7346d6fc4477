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
``note`` are standard. Real files also say "do not translate" in words: a ``note``,
``usageNote`` or note-like ``termNote``/``descrip``/``admin`` whose text has one of
:data:`~toolkit.glossary.model.DNT_MARKERS` marks its term do-not-translate (on the concept:
every term; on a language section: that language's terms), as ``x-doNotTranslate`` would;
an explicit ``x-doNotTranslate`` on the term has the last word.

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
from toolkit.glossary.model import Concept, Glossary, Origin, Term, says_do_not_translate
from toolkit.i18n import _, localized
from toolkit.langs import normalize
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
            raise _Refused(_("external DTD {dtd!r} in <!DOCTYPE {name}> is not read (nothing "
                             "is fetched); remove the DOCTYPE line").format(
                dtd=sysid or pubid, name=name), self.parser.CurrentLineNumber)

    def _refuse_skipped_entity(self, name: str, is_parameter_entity: bool) -> None:
        raise _Refused(_("entity &{name}; is defined outside the file (an external DTD) and "
                         "is not read").format(name=name), self.parser.CurrentLineNumber)


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
        raise GlossaryError(_("refused: {reason}").format(reason=localized(exc.message)), path=path,
                            line=exc.line) from None
    except DefusedXmlException as exc:
        line = getattr(parser.parser, "CurrentLineNumber", None)
        raise GlossaryError(_("refused unsafe XML ({error}: entity declarations and external "
                              "references are not allowed)").format(error=type(exc).__name__),
                            path=path, line=line) from None
    except ET.ParseError as exc:
        raise GlossaryError(_("malformed XML: {error}").format(error=exc), path=path,
                            line=exc.position[0] if exc.position else None) from None
    for elem in root.iter():
        if isinstance(elem.tag, str) and elem.tag.startswith("{") and \
                elem.tag[1:].split("}", 1)[0] in XINCLUDE_NS:
            raise GlossaryError(_("refused: XInclude <{element}> (href={href!r}) is not "
                                  "resolved; inline the included content").format(
                element=_local(elem.tag), href=elem.get("href")),
                path=path, line=getattr(elem, "sourceline", None))
    return root


def _text(elem: ET.Element) -> str:
    return "".join(elem.itertext())


class _Reader:
    def __init__(self, path: str | None):
        self.path = path

    def fail(self, message: str, elem: ET.Element, where: str) -> GlossaryError:
        return GlossaryError(_("{message} (in {where})").format(message=message, where=where),
                             path=self.path,
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
            raise self.fail(_("root element <{kind}> is neither <tbx> (TBX v3) nor <martif> "
                              "(TBX 2008)").format(kind=kind), root, "document")
        body = None
        for text in root:
            if _local(text.tag) == "text":
                body = next((b for b in text if _local(b.tag) == "body"), None)
        if body is None:
            raise self.fail(_("missing <text><body>"), root, kind)
        concepts = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(body, 1):
            if not isinstance(entry.tag, str):
                continue
            if _local(entry.tag) != names[0]:
                raise self.fail(_("unexpected <{element}> in <body>").format(
                    element=_local(entry.tag)), entry, "body")
            concept = self.concept(entry, names, index)
            if concept.id in seen:
                raise self.fail(_("duplicate concept id {id!r} (first on line {line})").format(
                    id=concept.id, line=seen[concept.id]), entry, f"{names[0]}[{index}]")
            seen[concept.id] = getattr(entry, "sourceline", 0)
            concepts.append(concept)
        return Glossary(tuple(concepts))

    def concept(self, entry: ET.Element, names: tuple[str, str, str], index: int) -> Concept:
        cid = entry.get("id")
        where = f"{names[0]}[{index}]" if not cid else f"{names[0]}[@id={cid!r}]"
        if not cid or not cid.strip():
            raise self.fail(_("missing id attribute"), entry, where)
        notes, fff, terms = [], False, []
        dnt = _section_dnt(entry, False)
        for child in entry:
            name = _local(child.tag)
            if name == names[1]:
                terms.extend(self.lang_section(child, names, where, dnt))
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
                     parent: str, dnt: bool = False) -> list[Term]:
        """The terms of one language; *dnt*: the concept's notes say "do not translate", and
        so may this section's own."""
        lang = sec.get(XML_LANG) or sec.get("lang")
        where = f"{parent}/{names[1]}[@xml:lang={lang!r}]"
        if not lang:
            raise self.fail(_("missing xml:lang"), sec, f"{parent}/{names[1]}")
        terms = []
        kinds = (names[2], "ntig")  # TBX 2008 also allows <ntig><termGrp><term>
        dnt = _section_dnt(sec, dnt)
        for n, child in enumerate((c for c in sec if _local(c.tag) in kinds), 1):
            terms.append(self.term(child, lang, f"{where}/{names[2]}[{n}]", dnt))
        return terms

    def term(self, sec: ET.Element, lang: str, where: str, dnt: bool = False) -> Term:
        """One term; *dnt*: a note above it says "do not translate" (an explicit
        ``x-doNotTranslate`` on the term has the last word)."""
        text = None
        fields: dict[str, Any] = {}
        notes = []
        forbidden = False
        for child in sec.iter():
            name = _local(child.tag)
            kind = child.get("type", "")
            value = _text(child)
            dnt = dnt or _marks_dnt(child)
            if name == "term":
                if text is not None:
                    raise self.fail(_("more than one <term>"), child, where)
                text = value
            elif name in ("termNote", "admin", "descrip"):
                if kind == "termType":
                    key = value.strip().replace("-", "").replace("_", "").lower()
                    if key not in _TBX_TYPES:
                        raise self.fail(_("unknown termType {value!r}").format(value=value),
                                        child, where)
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
            raise self.fail(_("missing <term>"), sec, where)
        if forbidden:
            fields["status"] = "forbidden"
        if dnt:
            fields.setdefault("dnt", True)
        try:
            return Term(text, lang, note="\n".join(notes), origin=self.origin(sec, where),
                        **fields)
        except ToolkitError as exc:
            raise self.fail(exc.message, sec, where) from None


#: Elements whose text may say "do not translate" in words (:func:`says_do_not_translate`).
_NOTE_ELEMENTS = ("note", "termNote", "usageNote", "descrip", "admin")
#: Their types that hold a value the model reads otherwise (a term, a status), never a note.
_VALUE_TYPES = {"termType", "administrativeStatus", "normativeAuthorization", "partOfSpeech",
                "grammaticalGender", "x-caseSensitive", "x-doNotTranslate", "x-forbidden",
                "x-fullFormFirst"}


def _marks_dnt(elem: ET.Element) -> bool:
    """Whether *elem* is a note (``note``, ``termNote``/``descrip`` of a note-like type such as
    ``usageNote``, a ``usageNote`` element) whose text says "do not translate"."""
    return (_local(elem.tag) in _NOTE_ELEMENTS and elem.get("type", "") not in _VALUE_TYPES
            and says_do_not_translate(_text(elem)))


def _section_dnt(section: ET.Element, inherited: bool) -> bool:
    """Whether the terms of a concept or language *section* are do-not-translate: an explicit
    ``x-doNotTranslate`` (``descrip``/``admin``/``termNote``) directly in the section says yes
    or no, as ``x-fullFormFirst`` does on a concept; else a note of the section that says so in
    words, or what the level above said (*inherited*)."""
    for child in section:
        if _local(child.tag) in ("descrip", "admin", "termNote") and \
                child.get("type") == "x-doNotTranslate":
            return _text(child).strip().lower() in ("yes", "true", "1")
    return inherited or any(_marks_dnt(child) for child in section)


_KNOWN_TYPES = {*_VALUE_TYPES, "definition"}
_STRUCTURE = {"text", "body", "conceptEntry", "langSec", "termSec", "termEntry", "langSet",
              "tig", "ntig", "termGrp", "term", "note"}


def _is_unmodelled(elem: ET.Element) -> bool:
    """Whether the model holds nothing of *elem* (e.g. ``descrip[subjectField]``, ``xref``)."""
    name = _local(elem.tag)
    kind = elem.get("type")
    if name in _STRUCTURE and kind is None:
        return False
    return not (name in ("termNote", "descrip", "admin", "note") and (
        kind in _KNOWN_TYPES or (name == "note" and kind is None)))


def _count_unmodelled(elems: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for elem in elems:
        if _is_unmodelled(elem):
            kind = elem.get("type")
            label = f"{_local(elem.tag)}[{kind}]" if kind else _local(elem.tag)
            counts[label] = counts.get(label, 0) + 1
    return counts


def unmodelled(data: bytes, path: str | None = None) -> dict[str, int]:
    """Elements of a TBX body this module does not keep (e.g. ``descrip[subjectField]``),
    with counts: rewriting the file would drop them."""
    root = parse_xml(data, path)
    return _count_unmodelled(elem for text in root if _local(text.tag) == "text"
                             for elem in text.iter())


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


class _Unwritable(GlossaryError):
    """A value XML cannot hold; :func:`_located` says whose it is."""

    def __init__(self, message: str, value: str) -> None:
        super().__init__(message)
        self.value = value


def _writable(value: str) -> str:
    bad = unwritable(value)
    if bad:
        raise _Unwritable(_("character {char} cannot be written to XML (in {value!r})").format(
            char=describe(bad), value=value), value)
    return value


def _located(exc: _Unwritable, concept: Concept) -> GlossaryError:
    """*exc* saying which concept and term (language, and where it was read) hold the value."""
    def read_from(origin: Origin | None) -> str:
        return (_(" (read from {origin})").format(origin=origin)
                if origin is not None and origin.path else "")

    where = _("concept {id!r}").format(id=concept.id) + read_from(concept.origin)
    for term in concept.terms:
        if exc.value in (term.text, term.note):
            where += _(", {lang} term {text!r}").format(lang=term.lang, text=term.text)
            where += read_from(term.origin)
            break
    return GlossaryError(_("{message}: {where}").format(message=localized(exc.message),
                                                         where=where))


def _esc(value: str) -> str:
    """Escape text content; keep carriage returns (XML would turn them into newlines)."""
    return escape(_writable(value), {"\r": "&#13;"})


def _note(tag: str, kind: str, value: str, indent: str) -> str:
    return f'{indent}<{tag} type="{kind}">{_esc(value)}</{tag}>\n'


def _term_xml(term: Term, tsec: str, ind: str, note: bool = True, kept: str = "",
              concept_dnt: bool = False) -> str:
    """One term as a TBX element (its children indented by *ind*); *kept*, the original
    children an edit carries over, goes before the end tag, and ``note=False`` leaves the
    note to them. *concept_dnt*: the concept's note says "do not translate" in words, so a
    term that may be translated must say so explicitly (or it would read back as DNT)."""
    out = [f"{ind[:-2]}<{tsec}>\n{ind}<term>{_esc(term.text)}</term>\n",
           _note("termNote", "termType", _TYPE_TO_TBX[term.type], ind),
           _note("termNote", "administrativeStatus", _STATUS_TO_TBX[term.status], ind)]
    if term.status == "forbidden":
        out.append(_note("termNote", "x-forbidden", "yes", ind))
    if term.pos:
        out.append(_note("termNote", "partOfSpeech", term.pos, ind))
    if term.gender:
        out.append(_note("termNote", "grammaticalGender", term.gender, ind))
    out.append(_note("termNote", "x-caseSensitive", "yes" if term.case_sensitive else "no", ind))
    if term.dnt:
        out.append(_note("termNote", "x-doNotTranslate", "yes", ind))
    elif concept_dnt or says_do_not_translate(term.note):
        out.append(_note("termNote", "x-doNotTranslate", "no", ind))
    if note and term.note:
        out.append(f"{ind}<note>{_esc(term.note)}</note>\n")
    out.append(f"{kept}{ind[:-2]}</{tsec}>\n")
    return "".join(out)


def _space_before(data: bytes, start: int) -> int:
    """Where the white space in front of the element starting at *start* begins."""
    return len(data[:start].rstrip())


def _indent(data: bytes, elem: Any) -> str:
    """The indentation of the line *elem* starts on."""
    space = data[_space_before(data, elem.start_byte):elem.start_byte].decode("utf-8")
    return space.rsplit("\n", 1)[-1]


def _patched(kept: tuple[str, str, Concept], concept: Concept,
             names: tuple[str, str, str]) -> str | None:
    """The concept as it was written (*kept*) with only what the edit to *concept* changed
    regenerated: the term section of an edited term (its unmodelled children, and its notes
    when the note is unchanged, carried over), a new term section after its language's last
    one, a removed one cut out; every other element stays as written. None when the edit
    cannot be done that way (a concept-level field changed, a language split over two
    sections, a nested or attributed term section) or the result would not read back as
    *concept*: the caller then regenerates the whole concept."""
    _space, xml, old = kept
    if (old.note, old.full_form_first) != (concept.note, concept.full_form_first):
        return None
    data = xml.encode("utf-8")
    try:
        entry = parse_xml(data)
    except GlossaryError:
        return None
    reader = _Reader(None)
    secs: list[tuple[Any, Any, Term]] = []  # (language section, term section, term read)
    by_lang: dict[str, Any] = {}
    lang_secs = [c for c in entry if _local(c.tag) == names[1]]
    try:
        for lsec in lang_secs:
            lang = normalize(lsec.get(XML_LANG) or lsec.get("lang") or "")
            if lang in by_lang:
                return None
            by_lang[lang] = lsec
            tsecs = [c for c in lsec if _local(c.tag) in (names[2], "ntig")]
            secs.extend(zip([lsec] * len(tsecs), tsecs,
                            reader.lang_section(lsec, names, "edit"), strict=True))
    except ToolkitError:
        return None
    added = list(concept.terms)
    gone = []
    for item in secs:
        if item[2] in added:
            added.remove(item[2])
        else:
            gone.append(item)
    edits: list[tuple[int, int, str]] = []
    for lang in dict.fromkeys([t.lang for _sec, _tsec, t in gone] + [t.lang for t in added]):
        was = [item for item in gone if item[2].lang == lang]
        new = [t for t in added if t.lang == lang]
        for (_lsec, tsec, term), now in zip(was, new, strict=False):
            if _local(tsec.tag) != names[2] or tsec.attrib or \
                    not any(_local(c.tag) == "term" for c in tsec):
                return None
            ind = _indent(data, tsec) + "  "
            carried = "".join(
                f"{ind}{data[c.start_byte:_end_of_element(data, c)].decode('utf-8')}\n"
                for c in tsec if isinstance(c.tag, str) and (_is_unmodelled(c) or (
                    _local(c.tag) == "note" and term.note == now.note)))
            edits.append((tsec.start_byte, _end_of_element(data, tsec),
                          _term_xml(now, names[2], ind, term.note != now.note,
                                    carried).strip()))
        removed = was[len(new):]
        for lsec in {id(ls): ls for ls, _tsec, _term in removed}.values():
            tsecs = [t for ls, t, _term in secs if ls is lsec]
            if all(any(t is r for _sec, r, _term in removed) for t in tsecs):
                # the language's last term goes: its section too, if it holds nothing else
                if any(isinstance(c.tag, str) and c not in tsecs for c in lsec):
                    return None
                edits.append((_space_before(data, lsec.start_byte),
                              _end_of_element(data, lsec), ""))
                removed = [r for r in removed if r[0] is not lsec]
        for _lsec, tsec, _term in removed:
            edits.append((_space_before(data, tsec.start_byte), _end_of_element(data, tsec), ""))
        if len(new) > len(was):
            lsec = by_lang.get(lang)
            if lsec is not None:
                last = [t for ls, t, _term in secs if ls is lsec][-1]
                ind = _indent(data, last)
            elif lang_secs:
                last = lang_secs[-1]
                ind = _indent(data, last) + "  "
            else:
                return None
            at = _end_of_element(data, last)
            text = "".join(f"\n{ind}" + _term_xml(t, names[2], ind + "  ").strip()
                           for t in new[len(was):])
            if lsec is None:
                text = (f"\n{ind[:-2]}<{names[1]} xml:lang={quoteattr(lang)}>{text}"
                        f"\n{ind[:-2]}</{names[1]}>")
            edits.append((at, at, text))
    out, position = [], 0
    for start, end, text in sorted(edits, key=lambda e: e[:2]):
        if start < position:
            return None
        out += [data[position:start], text.encode("utf-8")]
        position = end
    patched = (b"".join(out) + data[position:]).decode("utf-8")
    try:
        again = reader.concept(parse_xml(patched.encode("utf-8")), names, 1)
    except ToolkitError:
        return None
    return patched if again == concept else None


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
            out.append(_term_xml(term, tsec, " " * 12,
                                 concept_dnt=says_do_not_translate(concept.note)))
        out.append(f"        </{lsec}>\n")
    out.append(f"      </{entry}>\n")
    return "".join(out)


def rewrite_losses(glossary: Glossary, data: bytes, path: str | None = None,
                   version: str = "3") -> dict[str, int]:
    """Elements the model does not hold that writing *glossary* as TBX *version* over *data*,
    the file it was read from, would drop, with counts: those of every concept an edit
    regenerates whole (see :func:`_patched`), or of the whole file when it is written anew."""
    source = glossary.source if isinstance(glossary.source, TbxSource) else None
    if source is None or source.version != version:
        return unmodelled(data, path)
    names = ("conceptEntry", "langSec", "termSec") if version == "3" else \
        ("termEntry", "langSet", "tig")
    counts: dict[str, int] = {}
    for concept in glossary.concepts:
        kept = source.concepts.get(concept.id)
        try:
            if kept is None or kept[2] == concept or _patched(kept, concept, names) is not None:
                continue
        except _Unwritable as exc:
            located = _located(exc, concept)
            raise GlossaryError(located.message, path=path) from None
        for label, n in _count_unmodelled(parse_xml(kept[1].encode("utf-8"), path).iter()).items():
            counts[label] = counts.get(label, 0) + n
    return counts


def write_tbx(glossary: Glossary, fh: IO[str], version: str = "3",
              source_lang: str = "en") -> None:
    """Write *glossary* as TBX-Basic, ``version`` "3" (default) or "2008"."""
    if version not in ("3", "2008"):
        raise GlossaryError(_("unknown TBX version {version!r}; use 3 or 2008").format(
            version=version))
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
            try:
                patched = _patched(kept, concept, (entry, lsec, tsec)) if kept else None
                out.append(space + (patched or _concept_xml(concept, entry, lsec, tsec).strip()))
            except _Unwritable as exc:
                raise _located(exc, concept) from None
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
        try:
            out.append(_concept_xml(concept, entry, lsec, tsec))
        except _Unwritable as exc:
            raise _located(exc, concept) from None
    out.append("    </body>\n  </text>\n")
    out.append("</tbx>\n" if v3 else "</martif>\n")
    fh.write("".join(out))
