"""Glossary validation: problems a terminologist must fix, each located by file and line.

- ``GL201 duplicate-term``: one approved term in one language names two concepts;
- ``GL202 missing-language``: a concept has no term in a language the glossary covers
  (do-not-translate concepts are exempt: their name serves every language);
- ``GL203 multiple-preferred``: two preferred terms of one type in one language;
- ``GL204 rejected-elsewhere``: a term approved for one concept is deprecated or forbidden for
  another;
- ``GL205 empty-term`` and ``GL206 padded-term`` (leading, trailing or doubled whitespace);
- ``GL207 no-preferred``: a language has terms for the concept but none preferred;
- ``GL208 override``: a later file redefines a concept (from :attr:`Glossary.conflicts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.glossary.model import Glossary, Origin, Term
from toolkit.i18n import Message

CODES = {
    "duplicate-term": "GL201",
    "missing-language": "GL202",
    "multiple-preferred": "GL203",
    "rejected-elsewhere": "GL204",
    "empty-term": "GL205",
    "padded-term": "GL206",
    "no-preferred": "GL207",
    "override": "GL208",
}


@dataclass(frozen=True)
class ValidationFinding:
    """One problem in a glossary file."""

    code: str
    kind: str
    message: str
    concept_id: str
    origin: Origin | None = None

    def location(self) -> str:
        """``path:line`` (and XML element) or ``<glossary>``."""
        return str(self.origin) if self.origin else "<glossary>"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        origin = self.origin or Origin()
        return {"code": self.code, "kind": self.kind, "message": self.message,
                "concept": self.concept_id, "path": origin.path, "line": origin.line,
                "element": origin.element}


def _f(kind: str, message: str, concept_id: str, origin: Origin | None) -> ValidationFinding:
    return ValidationFinding(CODES[kind], kind, message, concept_id, origin)


def _key(term: Term) -> tuple[str, str]:
    return term.lang, " ".join(term.text.split()).casefold().replace("ё", "е")


def validate_glossary(glossary: Glossary) -> list[ValidationFinding]:
    """Every problem in *glossary*, in file order."""
    out: list[ValidationFinding] = []
    langs = glossary.languages
    owners: dict[tuple[str, str], list[tuple[str, Term]]] = {}
    for concept in glossary.concepts:
        for term in concept.terms:
            if not term.text.strip():
                out.append(_f("empty-term", Message("empty {lang} term", lang=term.lang),
                              concept.id, term.origin))
                continue
            if term.text != term.text.strip() or "  " in term.text:
                out.append(_f("padded-term", Message("{lang} term {term!r} has leading, trailing "
                                                      "or doubled whitespace", lang=term.lang,
                                                      term=term.text), concept.id, term.origin))
            owners.setdefault(_key(term), []).append((concept.id, term))
        if not concept.dnt:
            for lang in langs:
                if not concept.terms_for(lang):
                    out.append(_f("missing-language", Message(
                        "concept {id} has no {lang} term", id=concept.id, lang=lang),
                        concept.id, concept.origin))
        for lang in concept.languages:
            terms = concept.terms_for(lang)
            preferred = [t for t in terms if t.status == "preferred"]
            if not preferred:
                out.append(_f("no-preferred", Message("concept {id} has {lang} terms but none "
                                                      "preferred", id=concept.id, lang=lang),
                              concept.id, terms[0].origin))
            seen: dict[str, Term] = {}
            for term in preferred:
                if term.type in seen:
                    out.append(_f("multiple-preferred",
                                  Message("two preferred {lang} {type} terms for {id}: "
                                          "{first!r} and {second!r}", lang=lang, type=term.type,
                                          id=concept.id, first=seen[term.type].text,
                                          second=term.text),
                                  concept.id, term.origin))
                seen.setdefault(term.type, term)
    for pairs in owners.values():
        ids = list(dict.fromkeys(cid for cid, _ in pairs))
        if len(ids) < 2:
            continue
        approved = [(cid, t) for cid, t in pairs if t.approved]
        rejected = [(cid, t) for cid, t in pairs if not t.approved]
        for cid, term in rejected:
            for other, _ in approved:
                if other != cid:
                    out.append(_f("rejected-elsewhere",
                                  Message("{lang} term {term!r} is {status} for {id} but "
                                          "approved for {other}", lang=term.lang,
                                          term=term.text, status=term.status, id=cid,
                                          other=other), cid, term.origin))
        if len({cid for cid, _ in approved}) > 1:
            first = approved[0]
            for cid, term in approved[1:]:
                if cid != first[0]:
                    out.append(_f("duplicate-term",
                                  Message("{lang} term {term!r} names both {first} and {id}",
                                          lang=term.lang, term=term.text, first=first[0],
                                          id=cid), cid, term.origin))
    for conflict in glossary.conflicts:
        if conflict.kind == "override":
            out.append(_f("override", conflict.message, conflict.concept_id,
                          conflict.origins[-1] if conflict.origins else None))
    return out
