"""CSV/TSV glossaries.

*Long* format (the toolkit's own, one row per term, lossless)::

    concept_id,lang,term,term_type,status,case_sensitive,dnt,pos,gender,note,concept_note,full_form_first
    spbpu,en,SPbPU,acronym,preferred,yes,no,properNoun,,,,yes

Only ``concept_id``, ``lang`` and ``term`` are required; concept-level columns
(``concept_note``, ``full_form_first``) are read from the concept's first row that has them.
An empty ``dnt`` cell follows the notes: a ``note`` that starts with a do-not-translate marker
(``DNT: brand``, :data:`~toolkit.glossary.model.DNT_MARKERS`) marks its term, a
``concept_note`` that does marks every term of the concept; so does a language-header file's
``note`` column its row.

*Wide* formats used by MT vendors (lossy; import and export only):

- ``pairs``: two columns, no header, source term then target term (DeepL glossaries, Google
  unidirectional glossaries); the languages come from the caller.
- ``locale-header``: a header row of language codes, one row per set of equivalent terms
  (Google equivalent-term sets, Amazon Translate custom terminology). Columns named
  ``description``/``note`` and ``pos`` are kept as note and part of speech.

Readers work on text streams and report ``path:line`` in :class:`GlossaryError`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import IO

from toolkit.errors import GlossaryError, ToolkitError
from toolkit.glossary.model import (
    TERM_TYPES,
    Concept,
    Glossary,
    Origin,
    Term,
    says_do_not_translate,
)
from toolkit.i18n import Message, _, ngettext
from toolkit.langs import normalize, parse_lang
from toolkit.text.scripts import CYRILLIC, HAN

LONG_COLUMNS = ("concept_id", "lang", "term", "term_type", "status", "case_sensitive", "dnt",
                "pos", "gender", "note", "concept_note", "full_form_first")
REQUIRED = ("concept_id", "lang", "term")
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}


def _bool(value: str, column: str) -> bool:
    key = (value or "").strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise GlossaryError(_("column {column!r}: expected yes/no, got {value!r}").format(
        column=column, value=value))


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def sniff_delimiter(sample: str, path: str | None = None) -> str:
    """Tab for .tsv files or a tab-separated first line, else comma (or semicolon if that is
    all the first line has)."""
    if path and path.lower().endswith((".tsv", ".tab")):
        return "\t"
    first = sample.split("\n", 1)[0]
    if "\t" in first:
        return "\t"
    if ";" in first and "," not in first:
        return ";"
    return ","


def _rows(fh: IO[str], delimiter: str, path: str | None) -> list[tuple[int, list[str]]]:
    reader = csv.reader(fh, delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise GlossaryError(_("malformed CSV: {error}").format(error=exc), path=path,
                            line=reader.line_num) from None
    return rows


def is_long_header(row: Sequence[str]) -> bool:
    """Whether *row* is the header of the long format."""
    names = {c.strip().lower() for c in row}
    return all(col in names for col in REQUIRED)


def read_long(fh: IO[str], path: str | None = None, delimiter: str | None = None) -> Glossary:
    """Read a long-format CSV/TSV glossary from the text stream *fh*."""
    text = fh.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    delim = delimiter or sniff_delimiter(text, path)
    rows = _rows(io.StringIO(text, newline=""), delim, path)
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise GlossaryError(_("empty glossary file: expected a header row with {columns}").format(
            columns=", ".join(REQUIRED)), path=path, line=1)
    header_line, header = rows[0]
    names = [c.strip().lower() for c in header]
    if not is_long_header(names):
        raise GlossaryError(_(
            "not a long-format glossary: header must name {columns} (got {got}); for "
            "two-column or language-header files use `toolkit glossary import`").format(
            columns=", ".join(REQUIRED), got=", ".join(header) or _("nothing")),
            path=path, line=header_line)
    unknown = [n for n in names if n and n not in LONG_COLUMNS]
    if unknown:
        raise GlossaryError(_("unknown column(s) {unknown}; known: {known}").format(
            unknown=", ".join(unknown), known=", ".join(LONG_COLUMNS)),
            path=path, line=header_line)
    concepts: dict[str, dict] = {}
    # concepts whose concept_note says "do not translate": every term of them, as in TBX
    marked = set()
    if "concept_note" in names:
        cid_at, note_at = names.index("concept_id"), names.index("concept_note")
        marked = {row[cid_at].strip() for _line, row in rows[1:]
                  if len(row) > max(cid_at, note_at)
                  and says_do_not_translate(row[note_at], at_start=True)}
    problems: list[GlossaryError] = []  # every bad row, so one run names them all
    for line, row in rows[1:]:
        if len(row) > len(names):
            problems.append(GlossaryError(_("{count} fields, header has {columns}").format(
                count=len(row), columns=len(names)), path=path, line=line))
            continue
        rec = dict(zip(names, [*row, *[""] * (len(names) - len(row))], strict=True))
        try:
            cid = rec["concept_id"].strip()
            if not cid:
                raise GlossaryError(_("empty concept_id"))
            lang = rec["lang"].strip()
            if not lang:
                raise GlossaryError(_("empty lang"))
            term = Term(
                text=rec["term"], lang=lang,
                type=rec.get("term_type", "").strip() or None,
                status=rec.get("status", "").strip() or "preferred",
                case_sensitive=(_bool(rec["case_sensitive"], "case_sensitive")
                                if rec.get("case_sensitive", "").strip() else None),
                dnt=(_bool(rec["dnt"], "dnt") if rec.get("dnt", "").strip()
                     else says_do_not_translate(rec.get("note", ""), at_start=True)
                     or cid in marked),
                pos=rec.get("pos", "").strip() or None,
                gender=rec.get("gender", "").strip() or None,
                note=rec.get("note", ""),
                origin=Origin(path, line),
            )
            entry = concepts.setdefault(cid, {"terms": [], "note": "", "fff": None,
                                              "origin": Origin(path, line)})
            entry["terms"].append(term)
            if rec.get("concept_note") and not entry["note"]:
                entry["note"] = rec["concept_note"]
            if rec.get("full_form_first", "").strip() and entry["fff"] is None:
                entry["fff"] = _bool(rec["full_form_first"], "full_form_first")
        except ToolkitError as exc:
            problems.append(GlossaryError(exc.message, path=path, line=line))
    if problems:
        raise GlossaryError(problems[0].message, path=path, line=problems[0].line,
                            more=problems[1:])
    try:
        return Glossary(tuple(
            Concept(cid, tuple(e["terms"]), e["note"], bool(e["fff"]), origin=e["origin"])
            for cid, e in concepts.items()))
    except ToolkitError as exc:
        raise GlossaryError(exc.message, path=path, line=exc.line) from None


class _Writer:
    """csv.writer with ``\n`` line ends that still quotes fields holding a bare ``\r``
    (QUOTE_MINIMAL only looks for the characters of the line terminator)."""

    def __init__(self, fh: IO[str], delimiter: str):
        self.minimal = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
        self.full = csv.writer(fh, delimiter=delimiter, lineterminator="\n",
                               quoting=csv.QUOTE_ALL)

    def writerow(self, row: Sequence[str]) -> None:
        writer = self.full if any("\r" in cell for cell in row) else self.minimal
        writer.writerow(row)


def write_long(glossary: Glossary, fh: IO[str], delimiter: str = ",") -> None:
    """Write *glossary* in the long format; every column explicit, so reading it back gives the
    same glossary."""
    writer = _Writer(fh, delimiter)
    writer.writerow(LONG_COLUMNS)
    for concept in glossary.concepts:
        for i, t in enumerate(concept.terms):
            writer.writerow([
                concept.id, t.lang, t.text, t.type, t.status, _yes(bool(t.case_sensitive)),
                _yes(t.dnt), t.pos or "", t.gender or "", t.note,
                concept.note if i == 0 else "",
                _yes(concept.full_form_first) if i == 0 else "",
            ])


# --- wide formats -------------------------------------------------------------------------

_SLUG = re.compile(f"[^0-9a-z{CYRILLIC}{HAN}]+")


def slug(text: str) -> str:
    """A concept id from a term: lowercase, runs of other characters become ``_``."""
    return _SLUG.sub("_", text.strip().lower()).strip("_") or "concept"


def _unique(base: str, taken: set[str]) -> str:
    cid, n = base, 2
    while cid in taken:
        cid, n = f"{base}_{n}", n + 1
    taken.add(cid)
    return cid


def read_pairs(fh: IO[str], source_lang: str, target_lang: str,
               path: str | None = None) -> Glossary:
    """Read a two-column source/target glossary (DeepL, Google unidirectional).

    Each row becomes a concept with a preferred full term in each language.
    """
    src, tgt = normalize(source_lang), normalize(target_lang)
    text = fh.read().lstrip("\ufeff")
    rows = _rows(io.StringIO(text, newline=""), sniff_delimiter(text, path), path)
    taken: set[str] = set()
    concepts = []
    for index, (line, row) in enumerate(rows):
        if not any(c.strip() for c in row):
            continue
        if index == 0 and len(row) == 2 and all(
                c.strip().lower() in PAIR_HEADER_WORDS or _is_code(c, (src, tgt)) for c in row):
            continue  # a `term,translation` header row, not a term
        if len(row) != 2:
            raise GlossaryError(_("expected 2 columns (source, target), got {count}").format(
                count=len(row)),
                                path=path, line=line)
        if not row[0].strip() or not row[1].strip():
            raise GlossaryError(_("empty source or target term"), path=path, line=line)
        origin = Origin(path, line)
        concepts.append(Concept(_unique(slug(row[0]), taken), (
            Term(row[0], src, origin=origin), Term(row[1], tgt, origin=origin)), origin=origin))
    return Glossary(tuple(concepts))


def _is_code(cell: str, codes: Sequence[str]) -> bool:
    try:
        return parse_lang(cell.strip()).code in codes
    except ToolkitError:
        return False


_META = {"description": "note", "note": "note", "notes": "note", "pos": "pos",
         "id": "id", "concept_id": "id", "concept": "id", "entry": "id"}
#: Header cells of a language-header CSV that are not languages.
META_COLUMNS = frozenset(_META)
#: First-row cells that make a two-column file's first row a header, not a term pair.
PAIR_HEADER_WORDS = frozenset({
    "term", "terms", "translation", "translations", "source", "target", "source term",
    "target term", "source_term", "target_term", "src", "tgt", "original", "english",
    "russian", "chinese", "phrase", "word", "glossary"})


def read_locale_header(fh: IO[str], path: str | None = None) -> Glossary:
    """Read a CSV whose header row names languages (Google equivalent-term sets, Amazon)."""
    text = fh.read().lstrip("\ufeff")
    rows = _rows(io.StringIO(text, newline=""), sniff_delimiter(text, path), path)
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        raise GlossaryError(_("empty glossary file"), path=path, line=1)
    header_line, header = rows[0]
    columns: list[tuple[str, str]] = []
    for name in header:
        key = name.strip()
        if key.lower() in _META:
            columns.append(("meta", _META[key.lower()]))
            continue
        try:
            columns.append(("lang", parse_lang(key).code))
        except ToolkitError:
            raise GlossaryError(Message(
                "header cell {name!r} is neither a language code (en, ru, zh, ...) nor one of "
                "{fields}; a language-header CSV has one column per language, a pair list two "
                "columns without a header", name=name, fields=", ".join(_META)),
                path=path, line=header_line) from None
    if not any(kind == "lang" for kind, _ in columns):
        raise GlossaryError(_("header names no language"), path=path, line=header_line)
    taken: set[str] = set()
    concepts = []
    for line, row in rows[1:]:
        if len(row) > len(columns):
            raise GlossaryError(_("{count} fields, header has {columns}").format(
                count=len(row), columns=len(columns)),
                                path=path, line=line)
        meta = {v: row[i].strip() for i, (k, v) in enumerate(columns)
                if k == "meta" and i < len(row)}
        wanted = meta.get("id") or ""
        origin = Origin(path, line)
        dnt = says_do_not_translate(meta.get("note", ""), at_start=True)
        terms = [Term(row[i], code, pos=meta.get("pos") or None, dnt=dnt, origin=origin)
                 for i, (kind, code) in enumerate(columns)
                 if kind == "lang" and i < len(row) and row[i].strip()]
        if not terms:
            continue
        try:
            if wanted and wanted in taken:
                raise GlossaryError(_("duplicate concept id {id!r}").format(id=wanted),
                                    path=path, line=line)
            cid = _unique(wanted or slug(terms[0].text), taken)
            concepts.append(Concept(cid, tuple(terms), meta.get("note", ""), origin=origin))
        except ToolkitError as exc:
            raise GlossaryError(exc.message, path=path, line=line) from None
    return Glossary(tuple(concepts))


def _preferred(concept: Concept, lang: str, kind: str) -> Term | None:
    """The term of status *preferred* and type *kind* in *lang* (a do-not-translate one
    stands in for a language that has none); admitted variants are not equivalents to pair."""
    for term in concept.terms_for(lang):
        if term.status == "preferred" and term.type == kind and term.text.strip():
            return term
    if not concept.terms_for(lang):
        return next((t for t in concept.terms if t.dnt and t.status == "preferred"
                     and t.type == kind), None)
    return None


def write_pairs(glossary: Glossary, fh: IO[str], source_lang: str, target_lang: str,
                delimiter: str = ",") -> int:
    """Write source -> target pairs for an MT vendor; returns the number of rows.

    One row per concept and term type: the preferred source term with the preferred target
    term of the same type, so a row never pairs terms that are no equivalents (an admitted
    spelling with a full name) and never holds a deprecated or forbidden term. Source terms
    must be unique, so the first concept to claim one wins.
    """
    src, tgt = normalize(source_lang), normalize(target_lang)
    writer = _Writer(fh, delimiter)
    seen: set[str] = set()
    count = 0
    for concept in glossary.concepts:
        for kind in TERM_TYPES:
            source, target = _preferred(concept, src, kind), _preferred(concept, tgt, kind)
            if source is None or target is None or source.text in seen:
                continue
            seen.add(source.text)
            writer.writerow([source.text, target.text])
            count += 1
    return count


def write_locale_header(glossary: Glossary, fh: IO[str], langs: Sequence[str],
                        delimiter: str = ",") -> int:
    """Write one row of preferred terms per concept and term type, languages as header."""
    codes = [normalize(code) for code in langs]
    writer = _Writer(fh, delimiter)
    writer.writerow([*codes, "description"])
    count = 0
    for concept in glossary.concepts:
        for kind in TERM_TYPES:
            cells = [(t.text if (t := _preferred(concept, code, kind)) else "")
                     for code in codes]
            if sum(1 for c in cells if c) >= 2:
                writer.writerow([*cells, concept.note])
                count += 1
    return count


def vendor_losses(glossary: Glossary, langs: Sequence[str]) -> list[str]:
    """What a vendor CSV (pairs or language header) over *langs* cannot hold of *glossary*,
    counted in the user's language ("1 admitted term", "2 допустимых термина"): words for
    a note on stderr, never machine output."""
    codes = {normalize(code) for code in langs}
    kept = {(c.id, t.lang, t.type) for c in glossary.concepts for t in c.terms
            if t.lang in codes and t.status == "preferred"}
    admitted = bad = other = notes = flags = 0
    for concept in glossary.concepts:
        for term in concept.terms:
            if term.lang not in codes:
                other += 1
            elif term.status == "admitted":
                admitted += 1
            elif term.status in ("deprecated", "forbidden"):
                bad += 1
            if term.note and (concept.id, term.lang, term.type) in kept:
                notes += 1
            if term.dnt or (term.case_sensitive and term.type != "acronym"):
                flags += 1
    counts = [  # each a literal call: catalog extract finds the messages
        (admitted, ngettext("{n} admitted term", "{n} admitted terms", admitted)),
        (bad, ngettext("{n} deprecated or forbidden term", "{n} deprecated or forbidden terms",
                       bad)),
        (other, ngettext("{n} term of other languages", "{n} terms of other languages",
                         other)),
        (notes, ngettext("{n} term note", "{n} term notes", notes)),
        (flags, ngettext("{n} case-sensitive or do-not-translate flag",
                         "{n} case-sensitive or do-not-translate flags", flags))]
    return [words.format(n=n) for n, words in counts if n]
