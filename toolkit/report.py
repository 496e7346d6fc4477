"""The translation report (``toolkit translate --report FILE``, and ``report`` in ``--json``).

Per document: the route and the packages it ran through, the number of segments, and for every
glossary mention and every protected span (URL, placeholder, do-not-translate term ...) what
became of it, with the source line it is on. Nothing here is worked out again: the pipeline
records, per segment, what it protected, what restore had to put back and what term
enforcement did (:class:`~toolkit.terms.model.TermResult`), and this module only turns those
records into plain data (schema in ``docs/report.md``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from toolkit.pipeline import TranslationResult
    from toolkit.terms.model import TermResult

#: The report's format version; bumped when a field changes meaning or goes away.
SCHEMA_VERSION = 1

#: What became of a protected span: its token came back (``kept``), restore put it back
#: because the model dropped its token (``repaired``), it is not in the translation (``lost``).
SPAN_STATUSES = ("kept", "repaired", "lost")

#: The span kinds the pipeline protects (:func:`toolkit.pipeline.typed_spans`; ``token``:
#: text of the source that looks like a protection token ``｟1｠`` itself).
SPAN_KINDS = ("placeholder", "url", "email", "tag", "markup", "identifier", "date", "phone",
              "do-not-translate", "token")

#: Why a mention was not applied, when enforcement gave no code of its own.
NOT_APPLIED = "not-applied"
#: A do-not-translate term whose text is not in the translation.
DNT_LOST = "do-not-translate-lost"


@dataclass(frozen=True)
class ProtectedSpan:
    """One span of a segment the model was not allowed to touch, and what became of it.

    ``start``/``end`` index the segment as the pipeline masked it (whitespace collapsed);
    ``concept_id`` names the glossary concept of a do-not-translate term.
    """

    kind: str
    text: str
    status: str
    concept_id: str | None = None
    placed: str | None = None
    """How a ``repaired`` span was put back (:data:`toolkit.text.protect.OUTCOMES`):
    ``aligned`` (where its source position projects through the alignment), ``replaced`` (in
    place of a link the model made up) or ``end`` (at the end of the sentence)."""


@dataclass(frozen=True)
class SegmentRecord:
    """What the pipeline knows about one translated segment, for the report.

    ``offset`` is where the segment starts in the document (None when the segments were
    translated on their own); ``terms`` is term enforcement's result per glossary mention
    (empty without enforcement).
    """

    index: int
    line: int | None
    source: str
    translation: str
    protected: tuple[ProtectedSpan, ...] = ()
    terms: tuple[TermResult, ...] = ()
    offset: int | None = None
    origins: tuple[int, ...] | None = None
    """Where each character of ``source`` (and its end) stands in the document, where the
    two differ (HTML: tags, character references and whitespace runs read as one); None when
    ``source`` is the document's text from ``offset`` on."""
    markup: tuple[tuple[int, int], ...] = ()
    """Where ``source`` holds markup rather than text (an HTML unit's tags): no mention is
    looked for there."""


def _source_span(text: str, segment: SegmentRecord, surface: str,
                 taken: list[tuple[int, int]], folded: str | None = None) -> dict[str, Any]:
    """Where *surface* stands in the segment, as a place in the document *text*: its line,
    column (1-based) and character offsets (through ``origins`` where the segment's text is
    not the document's: an HTML unit); the segment's line when not found (the pipeline
    collapsed whitespace and took inline markup off the text it matched).

    *folded* is the segment's source as the pipeline matched it (Traditional Chinese made
    Simplified, character for character): the mention is looked up there, and its place and
    text taken from the source.

    Mentions are looked up in source order, and an occurrence overlapping one in *taken*
    (mentions placed before, protected spans) is not theirs: ``Nanjing`` after ``Nanjing City
    Hall`` is the second one. The place found is added to *taken*.
    """
    span: dict[str, Any] = {"text": surface, "line": segment.line, "column": None,
                            "start": None, "end": None}
    if (segment.offset is None and segment.origins is None) or not surface.strip():
        return span
    pattern = r"\s+".join(re.escape(word) for word in surface.split())
    haystack = folded if folded is not None and len(folded) == len(segment.source) \
        else segment.source
    found = next((m for m in re.finditer(pattern, haystack)
                  if not any(a < m.end() and m.start() < b for a, b in taken)), None)
    if found is None:
        return span
    taken.append(found.span())
    if segment.origins is not None:
        start, end = segment.origins[found.start()], segment.origins[found.end()]
    else:
        assert segment.offset is not None
        start, end = segment.offset + found.start(), segment.offset + found.end()
    line_start = text.rfind("\n", 0, start) + 1
    span.update(text=text[start:end], line=text.count("\n", 0, start) + 1,
                column=start - line_start + 1, start=start, end=end)
    return span


_AUTOLINK = re.compile(r"<[\w+.-]+:|<[^<>@\s]+@")


def _text_bracket(span: ProtectedSpan) -> bool:
    """Whether *span* is text the source wrote in angle brackets (``<SPbPU>``, see
    :func:`toolkit.pipeline.text_brackets`), not a link or an address in them."""
    return (span.kind == "markup" and span.text.startswith("<") and span.text.endswith(">")
            and not _AUTOLINK.match(span.text))


def _how(result: TermResult) -> str | None:
    """The report's name for how a mention was applied: the model's own best hypothesis
    already had the term (``already-correct``), or enforcement's ``how``."""
    if result.how == "n-best" and not result.rank:
        return "already-correct"
    return result.how


def _entry(concept: str | None, source: dict[str, Any], required: str | None,
           how: str | None, target: str | None, reason: tuple[str, str] | None = None,
           **details: Any) -> dict[str, Any]:
    """One mention as the schema has it: applied when *how* is given, else with a *reason*
    (code, message); *details* (rank, found_by, replaced) only where they have a value."""
    entry: dict[str, Any] = {"concept": concept, "source": source, "required": required,
                             "applied": how is not None, "how": how,
                             "target": {"text": target} if target is not None else None}
    if how is None:
        code, message = reason or (NOT_APPLIED, "")
        entry["reason"] = {"code": code, "message": message}
    entry.update({k: v for k, v in details.items() if v is not None})
    return entry


def _mention(text: str, segment: SegmentRecord, result: TermResult,
             taken: list[tuple[int, int]], folded: str | None = None) -> dict[str, Any]:
    source = _source_span(text, segment, result.source, taken, folded)
    if not result.applied:
        return _entry(result.concept_id, source, result.required, None, None,
                      (result.code or NOT_APPLIED, result.reason or ""))
    # what a term-as-token replaced is the token itself: nothing to show
    return _entry(result.concept_id, source, result.required, _how(result), result.target,
                  rank=result.rank, found_by=result.found_by,
                  replaced=result.replaced if result.found_by != "token" else None)


def _dnt_mention(text: str, segment: SegmentRecord, span: ProtectedSpan,
                 taken: list[tuple[int, int]], folded: str | None = None) -> dict[str, Any]:
    source = _source_span(text, segment, span.text, taken, folded)
    if span.status == "lost":
        return _entry(span.concept_id, source, span.text, None, None,
                      (DNT_LOST, f"{span.text!r} is not in the translation"))
    return _entry(span.concept_id, source, span.text, "do-not-translate", span.text,
                  found_by="reinserted" if span.status == "repaired" else None)


def document_report(result: TranslationResult, text: str, name: str | None = None
                    ) -> dict[str, Any]:
    """The report of one translated document (*text* is its source), as plain data."""
    route = result.route
    mentions: list[dict[str, Any]] = []
    protected: list[dict[str, Any]] = []
    fold = None
    if route.source.code == "zh" and route.source.traditional:
        from toolkit.pipeline import to_simplified  # the mentions were found in Simplified

        fold = to_simplified
    for segment in result.segments:
        folded = fold([segment.source])[0] if fold is not None else None
        # protected spans first, so no mention is looked for inside a URL; then the
        # do-not-translate terms and the enforced mentions, each in source order
        taken: list[tuple[int, int]] = []
        for span in segment.protected:
            if span.kind != "do-not-translate":
                # text in brackets (HTML &lt;SPbPU&gt;) is text: mentions are looked for in it
                where = [] if _text_bracket(span) else taken
                protected.append({"kind": span.kind, "text": span.text,
                                  "status": span.status,
                                  **({"placed": span.placed} if span.placed else {}),
                                  "line": _source_span(text, segment, span.text, where,
                                                       folded)["line"]})
        taken += segment.markup
        found = [_dnt_mention(text, segment, span, taken, folded)
                 for span in segment.protected if span.kind == "do-not-translate"]
        found += [_mention(text, segment, r, taken, folded) for r in segment.terms]
        mentions.extend(sorted(found, key=lambda m: m["source"]["start"] or 0))
    # in document order: an HTML page's attribute values are units of their own, read
    # before the text of the element they are on
    mentions.sort(key=lambda m: (m["source"]["line"] or 0, m["source"]["column"] or 0))
    consistency = [{**f.to_dict(), "line": line}
                   for f, line in zip(result.glossary_findings, result.glossary_lines,
                                      strict=False)]
    not_applied = [m for m in mentions if not m["applied"]]
    lost = [p for p in protected if p["status"] == "lost"]
    return {
        "document": name or "-",
        "from": route.source.tag,
        "to": route.target.tag,
        "route": route.describe(),
        "pivoted": route.pivoted,
        "packages": [{"pair": f"{p.from_code}->{p.to_code}", "version": p.version,
                      "demo": p.demo} for p in route.packages],
        "segments": result.sentences,
        "unique_segments": result.unique_sentences,
        "mentions": mentions,
        "protected": protected,
        "consistency": consistency,
        "warnings": [w.to_dict() for w in result.warnings],
        "summary": {
            "mentions": len(mentions),
            "applied": len(mentions) - len(not_applied),
            "not_applied": len(not_applied),
            "protected": {s: sum(1 for p in protected if p["status"] == s)
                          for s in SPAN_STATUSES},
            "consistency_findings": len(consistency),
            "complete": not not_applied and not lost,
        },
    }


def build_report(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The whole report: its version and one entry per document (:func:`document_report`)."""
    return {"version": SCHEMA_VERSION, "documents": list(documents),
            "complete": all(d["summary"]["complete"] for d in documents)}


def failures(report: dict[str, Any]) -> int:
    """What ``--strict`` fails on, counted over the report's documents: mentions not applied,
    protected spans lost, and the glossary findings at error level on the translation (a
    term missing, a forbidden one, a do-not-translate name changed) of concepts not already
    counted as not applied. Without a project glossary nothing is enforced, but a shipped
    term the translation lacks is still an error, and ``--strict`` must not pass it."""
    count = 0
    for d in report["documents"]:
        counted = {m["concept"] for m in d["mentions"] if not m["applied"]}
        errors = {(f.get("concept"), f["code"], f["line"]) for f in d["consistency"]
                  if f["severity"] == "error" and f.get("concept") not in counted}
        count += d["summary"]["not_applied"] + d["summary"]["protected"]["lost"] + len(errors)
    return count


def incomplete(report: dict[str, Any]) -> bool:
    """Whether ``--strict`` fails: a term or a protected span could not be applied, or the
    translation lacks a glossary term (:func:`failures`)."""
    return not report["complete"] or failures(report) > 0
