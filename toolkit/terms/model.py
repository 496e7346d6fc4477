"""Plain values of term enforcement: what a mention requires and what was done about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.glossary.match import Mention
from toolkit.glossary.model import Term

#: How a mention was applied: chosen among the model's hypotheses (rank 0 = its best), put
#: where the token that stood for it came back (term-as-token),
#: the model's rendering replaced, replaced and inflected, put in where the model left it out
#: (after the word aligned to the source word before it), kept verbatim (do not translate),
#: the whole translation of a segment that is the mention and nothing else.
HOW = ("n-best", "token", "replaced", "inflected", "inserted", "do-not-translate",
       "whole-segment")


#: Why a mention was not applied, as codes for the JSON report: the glossary has no approved
#: term in the target language; the model's rendering of the mention was not found.
REASONS = ("no-target-term", "not-found")


@dataclass(frozen=True)
class Requirement:
    """A source mention and the target term that must render it (None: the glossary has none)."""

    mention: Mention
    term: Term | None

    @property
    def concept_id(self) -> str:
        return self.mention.concept_id

    @property
    def dnt(self) -> bool:
        """Do not translate: the source surface must come back verbatim."""
        return self.mention.term.dnt

    @property
    def text(self) -> str | None:
        """The text to write in the target: the term, or the source surface for a DNT term."""
        if self.dnt:
            return self.mention.surface
        return self.term.text if self.term is not None else None


@dataclass(frozen=True)
class TermResult:
    """What enforcement did for one source mention.

    ``how`` is one of :data:`HOW` when applied, None when not (``reason`` says why).
    ``found_by`` names how the model's own rendering was located before a replacement
    (``variant``: a glossary term of the concept; ``fuzzy``; ``alignment``; ``apposition``:
    the model's ``Full Form (ACR)`` for one source mention, cut to the required term, or the
    second of two mentions in apposition in the source that the target writes once;
    ``bracket``: all of a text bracket, ``<SPbPU>``, see :func:`toolkit.pipeline.text_brackets`).
    ``target_start``/``target_end`` index the final target sentence.
    """

    concept_id: str
    source_start: int
    source_end: int
    source: str
    required: str | None
    how: str | None
    target_start: int | None = None
    target_end: int | None = None
    target: str | None = None
    rank: int | None = None
    found_by: str | None = None
    replaced: str | None = None
    reason: str | None = None
    code: str | None = None
    """The reason as a stable code for machines (:data:`REASONS`), with ``reason``."""

    @property
    def applied(self) -> bool:
        return self.how is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a JSON report."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Enforced:
    """One sentence after enforcement: the text and a result per source mention."""

    source: str
    text: str
    results: tuple[TermResult, ...] = ()
    hypothesis_rank: int = 0
    middle: str | None = None
    """On a pivot route, the middle sentence *text* was translated from (enforced too)."""

    @property
    def missing(self) -> tuple[TermResult, ...]:
        """Mentions that could not be applied."""
        return tuple(r for r in self.results if not r.applied)
