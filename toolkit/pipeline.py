"""Translation as a composition of plain stages: segment -> protect -> engine -> restore -> join.

Every unique sentence of a job goes to the engine in one batched call per model on the route
(two calls when ru<->zh pivots through English). Traditional Chinese is converted with OpenCC
around the Simplified models.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from toolkit.errors import ModelError
from toolkit.i18n import N_, Message, _, joined
from toolkit.langs import Lang, parse_lang
from toolkit.mt.engine import EngineSettings, ProgressCallback, get_engine
from toolkit.text import inline
from toolkit.text.dates import find_dates, localize_date
from toolkit.text.ends import drop_added_stop
from toolkit.text.numbers import missing_numbers
from toolkit.text.patterns import TOKEN_RE
from toolkit.text.protect import (
    ALIGNED,
    AT_END,
    KEPT,
    MAX_TOKENS,
    REPLACED,
    Masked,
    Placer,
    Restored,
    mask,
    restore,
    without_tokens,
)
from toolkit.text.scripts import CYRILLIC, LATIN

if TYPE_CHECKING:
    from toolkit.glossary.consistency import GlossaryFinding
    from toolkit.glossary.model import Glossary
    from toolkit.mt.package import Package
    from toolkit.mt.translator import Hypothesis
    from toolkit.report import ProtectedSpan, SegmentRecord
    from toolkit.terms import Enforced

PIVOT = "en"

# Glossary checks worth reporting on a machine translation (not style rules such as
# "acronym before full form", which follow the source's own choices).
TRANSLATION_GLOSSARY_KINDS = frozenset(
    {"missing-term", "forbidden-term", "deprecated-term", "inconsistent-term"})

MAX_WORD_LETTERS = 64
"""Longer runs of Latin or Cyrillic letters and digits without a space are not words (the
longest English and Russian dictionary words have 30-45 letters): keys, hashes, base64,
glued text. MT cannot translate them and, fed one in pieces, invents text (a 3,000-letter
run came back from the demo en->ru model as 1,767 characters of made-up Russian in 2.8 s),
so they are copied verbatim like identifiers. Chinese has no spaces: its long runs are
text, and the engine cuts them into sentence-sized chunks (toolkit.mt.engine.CHUNK_PIECES)."""

# Identifiers and file names MT must copy verbatim: snake_case (with an optional extension),
# dotted calls like ``os.path.join()``, file names with a common extension, and runs of
# letters too long to be words (MAX_WORD_LETTERS).
_IDENTIFIER_RE = re.compile(
    rf"(?<![\w.])[{LATIN}{CYRILLIC}0-9]{{{MAX_WORD_LETTERS + 1},}}(?![\w])|"
    r"(?<![\w.])(?:"
    r"[A-Za-z0-9]*[A-Za-z0-9]_\w*(?:\.[A-Za-z0-9]+)*"
    r"|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\(\)"
    r"|[\w-]+\.(?:toml|json|ya?ml|txt|md|py|js|ts|csv|tsv|pdf|docx?|xlsx?|pptx?|po|pot|mo"
    r"|html?|xml|tbx|tmx|zip|png|jpe?g|svg|argosmodel)"
    r")(?![\w])")


def invented_links(source: str, translation: str) -> list[str]:
    """URLs and e-mail addresses in the translation that the source does not have."""
    from toolkit.text.placeholders import find_emails, find_urls

    return [span.text for span in (*find_urls(translation), *find_emails(translation))
            if span.text not in source]


@dataclass(frozen=True)
class Route:
    """The packages a translation runs through, in order (two when pivoting)."""

    source: Lang
    target: Lang
    packages: tuple[Package, ...]

    @property
    def pivoted(self) -> bool:
        return len(self.packages) > 1

    @property
    def demo(self) -> bool:
        return any(p.demo for p in self.packages)

    def describe(self) -> str:
        codes = [self.source.tag] + [p.to_code for p in self.packages[:-1]] + [self.target.tag]
        return " -> ".join(codes)


@dataclass(frozen=True)
class TranslationWarning:
    """One thing to check in a translation: what (``kind``, ``message``) and where (the
    ``line`` of the source it starts on; None for the whole document).

    The message names what is wrong (the number, the URL), not the sentence: the line says
    where, and ``source``/``translation`` carry both sentences whole for ``--json``.
    """

    kind: str
    message: str
    line: int | None = None
    source: str = ""
    translation: str = ""
    severity: str = "warning"

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {"kind": self.kind, "severity": self.severity, "line": self.line,
                "message": self.message, "source": self.source,
                "translation": self.translation}


@dataclass(frozen=True)
class TranslationResult:
    """A translated document and how it was made (for humans and ``--json``)."""

    text: str
    route: Route
    sentences: int
    unique_sentences: int
    warnings: tuple[TranslationWarning, ...] = field(default=())
    glossary_findings: tuple[GlossaryFinding, ...] = field(default=())
    glossary_lines: tuple[int | None, ...] = field(default=())
    """The source line of each glossary finding (parallel to ``glossary_findings``)."""
    segments: tuple[SegmentRecord, ...] = field(default=())
    """What was protected, restored and enforced in each segment (:mod:`toolkit.report`)."""

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly summary."""
        return {
            "translation": self.text,
            "from": self.route.source.tag,
            "to": self.route.target.tag,
            "route": self.route.describe(),
            "pivoted": self.route.pivoted,
            "demo": self.route.demo,
            "packages": [{"pair": f"{p.from_code}->{p.to_code}", "version": p.version,
                          "demo": p.demo, "path": str(p.path)} for p in self.route.packages],
            "sentences": self.sentences,
            "unique_sentences": self.unique_sentences,
            "warnings": [w.to_dict() for w in self.warnings],
            "glossary_findings": [{**f.to_dict(), "line": line} for f, line in
                                  zip(self.glossary_findings, self.glossary_lines,
                                      strict=False)],
        }


def resolve_route(source: str | Lang, target: str | Lang,
                  finder: Callable[[str, str], Package | None] | None = None) -> Route:
    """The direct package for the pair, else a pivot through English; ModelError if neither."""
    from toolkit.mt import store as pkgs

    src = source if isinstance(source, Lang) else parse_lang(source)
    tgt = target if isinstance(target, Lang) else parse_lang(target)
    find = finder or pkgs.find_package
    if src.code == tgt.code:
        return Route(src, tgt, ())
    direct = find(src.code, tgt.code)
    if direct is not None:
        return Route(src, tgt, (direct,))
    if PIVOT not in (src.code, tgt.code):
        first, second = find(src.code, PIVOT), find(PIVOT, tgt.code)
        if first is not None and second is not None:
            return Route(src, tgt, (first, second))
    installed = ", ".join(sorted({f"{p.from_code}->{p.to_code}"
                                  for p in pkgs.installed_packages()})) or "none"
    raise ModelError(_(
        "no translation package for {source}->{target} (installed: {installed}); install one "
        "with `toolkit models install {source} {target}` or `toolkit models install "
        "FILE.argosmodel`").format(source=src.code, target=tgt.code, installed=installed))


@lru_cache(maxsize=4)
def _opencc(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def to_simplified(texts: Sequence[str]) -> list[str]:
    """Traditional -> Simplified Chinese (OpenCC t2s)."""
    conv = _opencc("t2s")
    return [conv.convert(t) for t in texts]


def looks_traditional(text: str) -> bool:
    """Whether Chinese *text* is written in Traditional characters: OpenCC's t2s changes at
    least two of its Han characters and one in twenty (a Simplified text quoting one
    Traditional name stays Simplified), so ``--from auto`` reads 南京國際創新週 as zh-Hant
    and converts it for the Simplified model, as ``--from zh-Hant`` does."""
    from toolkit.text.scripts import han_count

    han = han_count(text)
    if han < 2:
        return False
    simplified = to_simplified([text])[0]
    changed = sum(a != b for a, b in zip(text, simplified, strict=False))
    changed += abs(len(text) - len(simplified))
    return changed >= 2 and 20 * changed >= han


def to_traditional(texts: Sequence[str]) -> list[str]:
    """Simplified -> Traditional Chinese (OpenCC s2t)."""
    conv = _opencc("s2t")
    return [conv.convert(t) for t in texts]


_BRACKETED = re.compile(r"<[^<>\s](?:[^<>]*[^<>\s])?>")


def text_brackets(sentence: str, tags: re.Pattern[str]) -> list[re.Match[str]]:
    """The ``<...>`` of *sentence* that are text, not one of its *tags* (an HTML page's
    placeholders): the page wrote them with entities (``&lt;SPbPU&gt;``).

    The model gets each as a token (a ``<`` or ``>`` next to a word derails it); the
    brackets come back as they were. What is inside stays as written too, unless it names a
    glossary concept: then it is translated on its own with the glossary enforced (``<NSU>``
    -> ``<НГУ>``), see :func:`translate_sentences`. Text like ``&lt;div&gt;`` stays as it is.
    A bracket with a space inside it is a comparison (``3 < 5 and x > 2``): prose.
    """
    return [m for m in _BRACKETED.finditer(sentence) if not tags.fullmatch(m.group())]


#: The kinds of :func:`toolkit.text.placeholders.find_protected` as the report names them.
_SPAN_KIND = {"printf": "placeholder", "brace": "placeholder", "qt": "placeholder"}


def typed_spans(sentence: str, fmt: str = "text", formats: Sequence[str] | None = None,
                tags: re.Pattern[str] | None = None) -> list[tuple[int, int, str]]:
    """Spans MT must copy verbatim, with their kind (:data:`toolkit.report.SPAN_KINDS`):
    URLs, e-mails, placeholders, tags, identifiers, telephone numbers (the model wrote
    ``+7 (343) 375-44-44`` as ``7343``).

    In Markdown also inline code, link destinations and autolinks (``markup``; the link text
    is prose). *formats* are a catalog entry's PO flags (``python-format``, ``no-c-format``
    ...), which say which placeholder syntax the string uses (None: judged from content).
    *tags*: the only tags the sentence has (an HTML page's placeholders,
    :attr:`toolkit.text.formats.html.Page.placeholders`); any other ``<...>`` in it was
    written as text (``&lt;SPbPU&gt;``): a ``markup`` span (:func:`text_brackets`).
    """
    from toolkit.text.placeholders import find_protected

    spans = [(s.start, s.end, _SPAN_KIND.get(s.kind, s.kind))
             for s in find_protected(sentence, formats, tags)]
    if tags is not None:
        spans.extend((*m.span(), "markup") for m in text_brackets(sentence, tags))
    spans.extend((*m.span(), "identifier") for m in _IDENTIFIER_RE.finditer(sentence))
    if "." in sentence:  # a web address without a scheme (urfu.ru): the model drops them
        from toolkit.text import patterns

        spans.extend((*m.span(), "url") for m in patterns.DOMAIN_RE.finditer(sentence))
    if "+" in sentence or "(" in sentence:  # every phone number the pattern takes has one
        from toolkit.text import patterns

        spans.extend((*m.span(), "phone") for m in patterns.PHONE_RE.finditer(sentence)
                     if sum(c.isdigit() for c in m.group()) >= patterns.PHONE_MIN_DIGITS)
    if fmt == "markdown":
        from toolkit.text.markdown import inline_spans

        spans.extend((start, end, "markup") for start, end in inline_spans(sentence))
    return spans


def protected_spans(sentence: str, fmt: str = "text",
                    formats: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """The spans of :func:`typed_spans` without their kinds."""
    return [(start, end) for start, end, _kind in typed_spans(sentence, fmt, formats)]


def verify_sentence(source: str, translation: str, target_lang: str,
                    source_lang: str | None = None) -> list[TranslationWarning]:
    """Warnings on one translated sentence: links the model invented, numbers it lost, and
    (given *source_lang*) numbers and dates it wrote that the source has not: a small model
    makes them up ('в декабре 2025 года', '5 июня 2019 года' in a release that has neither),
    and a press release must not carry one. The same comparison as a lost number's, the
    other way round (a number the source writes as a word, 'two' -> '2', is no invention)."""
    warnings = []
    invented = invented_links(source, translation)
    if invented:
        warnings.append(TranslationWarning(
            "invented-link", Message("the translation has {links}, which the source has not",
                                     links=", ".join(invented)),
            source=source, translation=translation))
    lost = missing_numbers(source, translation, target_lang)
    if lost:
        warnings.append(TranslationWarning(
            "lost-number", Message("{numbers} not found in the translation",
                                   numbers=joined(lost)),
            source=source, translation=translation))
    made_up = missing_numbers(translation, source, source_lang) if source_lang else []
    if made_up:
        warnings.append(TranslationWarning(
            "invented-number", Message("the translation has {numbers}, which the source has not",
                                       numbers=joined(made_up)),
            source=source, translation=translation))
    return warnings


SpanFinder = Callable[[str], Iterable[tuple[int, int] | tuple[int, int, str]]]
"""Extra spans to keep verbatim in a (source-language) sentence, e.g. do-not-translate terms;
a third item names the glossary concept the span is a term of (for the report)."""


def do_not_translate_spans(glossary: Glossary, lang: str) -> SpanFinder:
    """A span finder for the glossary's do-not-translate terms (``GlobalTech IP``) in *lang*:
    (start, end, concept id)."""
    from toolkit.glossary.match import matcher_for

    matcher = matcher_for(glossary, lang)

    def find(sentence: str) -> list[tuple[int, int, str]]:
        return [(m.start, m.end, m.concept_id) for m in matcher.find(sentence) if m.term.dnt]

    return find


def _protected(masked: Masked, typed: Sequence[tuple[int, int, str, str | None]],
               restored: Restored, translation: str, source: str | None = None,
               written: Sequence[str] | None = None) -> tuple[ProtectedSpan, ...]:
    """Each masked original with its kind (of the first span it holds) and what became of
    it: put back by restore (``repaired``, and how: ``placed``), absent from the translation
    (``lost``), else ``kept``. A date is named as *source* (the masked sentence) writes it:
    what came back is its target-language form (``14.03.2027`` -> ``2027年3月14日``); so is a
    text bracket whose inside was translated (*written*: the originals as the source has
    them, ``<SPbPU>`` for ``<СПбПУ>``)."""
    from toolkit.report import ProtectedSpan

    out = []
    outcomes = restored.outcomes or (KEPT,) * len(masked.originals)
    for n, (original, (start, end), how) in enumerate(zip(masked.originals, masked.spans,
                                                          outcomes, strict=False)):
        # token-like text of the input itself is masked without a finder's span
        inside = sorted(t for t in typed if start <= t[0] and t[1] <= end) or [
            (start, end, "token", None)]
        kind, concept = inside[0][2], inside[0][3]
        status = ("lost" if original not in translation
                  else "kept" if how == KEPT else "repaired")
        text = (source[start:end] if kind == "date" and source is not None
                and 0 <= start < end <= len(source)
                else written[n] if written is not None and n < len(written) else original)
        out.append(ProtectedSpan(kind, text, status, concept,
                                 how if status == "repaired" else None))
    return tuple(out)


def translate_sentences(sentences: Sequence[str], route: Route, *, fmt: str = "text",
                        settings: EngineSettings | None = None,
                        progress: ProgressCallback | None = None,
                        keep: SpanFinder | None = None,
                        enforce: Glossary | None = None,
                        lines: Sequence[int] | None = None,
                        records: list[SegmentRecord] | None = None,
                        offsets: Sequence[int] | None = None,
                        formats: Sequence[Sequence[str] | None] | None = None,
                        headlines: Sequence[bool] | None = None,
                        marked: Sequence[inline.Inline] | None = None,
                        tags: re.Pattern[str] | None = None,
                        ) -> tuple[list[str], list[TranslationWarning]]:
    """Translate sentences along *route*; returns (translations, warnings).

    *formats* (one per sentence) are the PO flags of the catalog entry a sentence comes from,
    so its placeholders are protected by the syntax the entry declares.

    With *enforce*, the glossary's approved terms are put into the translation
    (:mod:`toolkit.terms`); a term that could not be is a ``term-not-applied`` warning.
    *headlines* (one flag per sentence) says the sentences are one document in order, so a
    concept marked full-form-first is introduced by its full form in the first sentence of
    the body that names it (:mod:`toolkit.terms.document`); catalog entries are not.

    *lines* (the source line each sentence starts on) go into the warnings. *records*, when
    given, receives a :class:`~toolkit.report.SegmentRecord` per sentence (what was protected,
    restored and enforced in it; *offsets* are where the sentences start in their document).
    *marked* are the sentences already without their inline markup (HTML: read by
    :mod:`toolkit.text.formats.html`); else Markdown's is taken off here. *tags* are the only
    tags those sentences have (the HTML page's placeholders, see :func:`typed_spans`).

    Protected spans are masked once on the source side and restored once at the end, so a
    pivot keeps URLs and placeholders exactly as the source had them.
    """
    simplify = route.source.code == "zh" and route.source.traditional
    if marked is None:
        # A sentence wrapped over several lines reaches the engine as one line.
        texts = [" ".join(s.split()) for s in sentences]
        if simplify:
            texts = to_simplified(texts)
        # Markdown inline markup (links, emphasis) is taken off before MT and put back after:
        # the engine sees prose, and each marked fragment is translated too, to find it again.
        inlines = [inline.strip(t) if fmt == "markdown" else inline.Inline(t) for t in texts]
    else:
        inlines = [i.map(lambda t: to_simplified([t])[0]) if simplify else i for i in marked]
    src, tgt = route.source.code, route.target.code
    fragments = list(dict.fromkeys(f for i in inlines for f in i.fragments()))
    # a glossary name the page wrote in escaped brackets (&lt;SPbPU&gt;) is translated on its
    # own, with the glossary enforced, and goes back between its brackets
    bracketed: list[str] = []
    if tags is not None and enforce is not None:
        from toolkit.glossary.match import matcher_for

        finder = matcher_for(enforce, src)
        bracketed = [b for b in dict.fromkeys(
            m.group()[1:-1] for i in inlines for m in text_brackets(i.plain, tags))
            if finder.find(b)]
        fragments += [b for b in bracketed if b not in fragments]
    masked = []
    kinds: list[list[tuple[int, int, str, str | None]]] = []
    for k, t in enumerate([*(i.plain for i in inlines), *fragments]):
        flags = formats[k] if formats is not None and k < len(inlines) else None
        typed = [*((a, b, kind, None) for a, b, kind in typed_spans(t, fmt, flags, tags)),
                 *((d.start, d.end, "date", None) for d in find_dates(t)),
                 *((k[0], k[1], "do-not-translate", (k[2:] or (None,))[0])
                   for k in (keep(t) if keep else ()))]
        kinds.append(typed)
        m = mask(t, [(a, b) for a, b, _k, _c in typed])
        # Dates come back written the target language's way (24.06.2026 <-> 2026年6月24日).
        masked.append(Masked(m.text, tuple(localize_date(o, src, tgt) for o in m.originals),
                             m.kept, m.spans))
    current = [m.text for m in masked]
    enforced: list[Enforced] = []
    if enforce is not None:
        # Glossary enforcement (toolkit.terms): n-best, term tokens, replace and inflect.
        from toolkit.mt.translator import translator_for
        from toolkit.terms import Enforced
        from toolkit.terms import enforce as enforce_terms

        translator = translator_for(route.packages, settings)
        sent, where = _sendable(masked, copy_tokens(route, settings))
        # a sentence of no words comes back as it is (a number, a date, a phone in a cell)
        wordless = _wordless(masked)
        if headlines is not None:
            # the sentences are one document: full form first (toolkit.terms.document)
            from toolkit.glossary.match import matcher_for
            from toolkit.terms.document import full_form_first

            matcher = matcher_for(enforce, translator.source)
            mentions = [matcher.find(t) for t in sent]
            prefer = full_form_first(enforce, mentions[:len(inlines)], headlines, tgt)
            enforced = enforce_terms(sent, translator, enforce, mentions=mentions,
                                     prefer=prefer)
        else:
            enforced = enforce_terms(sent, translator, enforce)
        enforced = [Enforced(sent[k], masked[k].text) if k in wordless else e
                    for k, e in enumerate(enforced)]
        current = [e.text for e in enforced]
        # a span the model lost: placed by the model's alignment of the enforced translation
        lost = [k for k, t in enumerate(current) if _lost(t, masked[k])]
        placers: list[Placer | None] = [None] * len(masked)
        # a pivot aligns through the middle sentences the targets were translated from
        middles = [enforced[k].middle for k in lost]
        through = {"middles": middles} if lost and None not in middles else {}
        for k, hyp in zip(lost, translator.align([sent[k] for k in lost],  # type: ignore[attr-defined]
                                                 [current[k] for k in lost], **through),
                          strict=True):
            if hyp.text == current[k]:
                terms = [(r.target_start, r.target_end) for r in enforced[k].results
                         if r.applied and r.target_start is not None
                         and r.target_end is not None]
                placers[k] = _placer(hyp, where[k], masked[k].originals, sent[k], terms)
        if progress is not None:
            progress(len(current), len(current))
    else:
        wordless = _wordless(masked)
        wordy = [k for k in range(len(masked)) if k not in wordless]
        current = [m.text for m in masked]
        placers = [None] * len(masked)
        done, placed = translate_masked([masked[k] for k in wordy], route, settings, progress)
        for k, text, place in zip(wordy, done, placed, strict=True):
            current[k], placers[k] = text, place
    # a case ending the model put on a Latin name's token goes (the name is indeclinable)
    endings: frozenset[str] = frozenset()
    if tgt == "ru":
        from toolkit.glossary.ru import ACRONYM_ENDINGS as endings
    restored_all = [restore(t, m, place, endings)
                    for t, m, place in zip(current, masked, placers, strict=True)]
    # a fragment has no end mark of its own: the stop the model adds to it would keep its
    # translation from being found in the sentence's ('浙江大学与托木斯克。' vs '...浙江大学在...')
    fragment_translations = {f: drop_added_stop(f, r.text) for f, r in
                             zip(fragments, restored_all[len(inlines):], strict=True)}
    shown = list(masked)  # the protected spans as the source writes them, for the report
    if bracketed:
        own = {b: enforced[len(inlines) + fragments.index(b)] for b in bracketed}
        for k in range(len(inlines)):
            if any(o[1:-1] in own for o in masked[k].originals):
                masked[k], terms = _bracket_terms(masked[k], restored_all[k].text,
                                                  inlines[k].plain, own, fragment_translations,
                                                  src, tgt)
                restored_all[k] = restore(current[k], masked[k], placers[k], endings)
                enforced[k] = _with_bracket_results(enforced[k], terms, inlines[k].plain,
                                                    restored_all[k].text)
    warnings: list[TranslationWarning] = []
    out: list[str] = []
    for k, (source_text, m, restored, marked) in enumerate(
            zip(sentences, masked, restored_all, inlines, strict=False)):
        found: list[TranslationWarning] = []
        if m.kept:
            found.append(TranslationWarning(
                "kept-verbatim", Message("more protected spans than the model can copy ({max}); "
                                         "kept untranslated: {spans}",
                                         max=MAX_TOKENS, spans=", ".join(repr(x) for x in m.kept))))
        for outcome, kind, message in (
                (ALIGNED, "placed-span", N_("{spans} put back where the model's alignment "
                                            "places it (the model did not copy it): check "
                                            "the place")),
                (REPLACED, "placed-span", N_("{spans} put back in place of a link the model "
                                             "made up (the model did not copy it): check the "
                                             "place")),
                (AT_END, "dropped-span", N_("the model dropped {spans}; put back at the end "
                                            "of the sentence"))):
            spans = restored.spans(outcome, m.originals)
            if spans:
                found.append(TranslationWarning(kind, Message(message, spans=", ".join(spans))))
        text, lost = inline.place(drop_added_stop(marked.plain, restored.text), marked,
                                  _with_terms(fragment_translations, marked,
                                              enforced[k] if enforced else None,
                                              restored.text),
                                  m.originals,
                                  _term_places(marked, enforced[k] if enforced else None,
                                               restored.text))
        for mark in lost:
            what = {"kind": mark.kind, "text": marked.plain[mark.start:mark.end]}
            found.append(TranslationWarning("markup-moved", Message(
                "{kind} {text!r} not found in the translation: put at the end of the "
                "sentence", **what) if mark.kind == "image" else Message(
                "{kind} {text!r} not found in the translation: its markup now covers the "
                "whole sentence", **what)))
        for result in enforced[k].missing if enforced else ():
            term = (Message("glossary term {term!r} ({concept})",
                            term=result.required, concept=result.concept_id)
                    if result.required is not None
                    else Message("glossary concept {concept}", concept=result.concept_id))
            found.append(TranslationWarning(
                "term-not-applied", Message("{term} for {source!r} not applied: {reason}",
                                            term=term, source=result.source,
                                            reason=result.reason)))
        found.extend(verify_sentence(source_text, text, tgt, src))
        line = lines[k] if lines is not None else None
        warnings.extend(replace(w, line=line, source=source_text, translation=text)
                        for w in found)
        out.append(text)
    results = [e.results for e in enforced]
    if route.target.code == "zh" and route.target.traditional:
        # what the report and the warnings quote is the translation as written: Traditional
        out = to_traditional(out)
        warnings = [replace(w, translation=to_traditional([w.translation])[0])
                    if w.translation else w for w in warnings]
        results = [tuple(replace(r, **{f: to_traditional([v])[0] for f in ("target", "required")
                                       if (v := getattr(r, f))})
                         for r in rs) for rs in results]
    if records is not None:
        from toolkit.report import SegmentRecord

        records.extend(SegmentRecord(
            k, lines[k] if lines is not None else None, source_text, out[k],
            _protected(masked[k], kinds[k], restored_all[k], out[k], inlines[k].plain,
                       shown[k].originals),
            results[k] if enforced else (),
            offsets[k] if offsets is not None else None)
            for k, source_text in enumerate(sentences))
    return out, warnings


def translate_masked(masked: Sequence[Masked], route: Route,
                     settings: EngineSettings | None, progress: ProgressCallback | None,
                     tokens: bool | None = None) -> tuple[list[str], list[Placer | None]]:
    """Translate masked sentences along *route*; for each, where its lost spans go.

    A route whose models copy protection tokens (:func:`toolkit.mt.probe.copies_tokens`) gets
    the tokens; the others get the sentence with its protected spans taken out (a token they
    never saw derails them). A sentence whose tokens did not all come back, or were never
    sent, is translated with attention alignment, and each missing span is placed where its
    source position projects (:meth:`Hypothesis.insertion_point`). *tokens* True or False
    overrides the probe (to measure both ways).
    """
    from toolkit.mt.translator import translator_for

    engines = [get_engine(p, settings) for p in route.packages]
    if tokens is None:
        tokens = copy_tokens(route, settings)
    sent, where = _sendable(masked, tokens)
    later = {k for k, m in enumerate(masked) if m.originals and not tokens}
    first = [k for k in range(len(masked)) if k not in later]
    current = [sent[k] for k in first]
    for number, engine in enumerate(engines):
        stage_progress = None
        if progress is not None:
            def stage_progress(done: int, total: int, _n: int = number) -> None:
                progress(_n * total + done, len(engines) * total)
        current = engine.translate(current, stage_progress)
    out = [""] * len(masked)
    for k, text in zip(first, current, strict=True):
        out[k] = text
        if _lost(text, masked[k]):
            later.add(k)
    placers: list[Placer | None] = [None] * len(masked)
    if not later:
        return out, placers
    again = list(dict.fromkeys(sent[k] for k in later))
    hyps = dict(zip(again, (h[0] for h in translator_for(route.packages, settings).translate(
        again, return_alignment=True)), strict=True))
    for k in later:
        hyp = hyps[sent[k]]
        out[k] = hyp.text
        placers[k] = _placer(hyp, where[k], masked[k].originals, sent[k])
    return out, placers


def _wordless(masked: Sequence[Masked]) -> set[int]:
    """The sentences with no letter outside their protection tokens: a number, a date, a
    phone number or a link alone (a table cell, a list item). Nothing in them is to be
    translated, and a model given one writes something of its own: '2026' came back '20'."""
    return {k for k, m in enumerate(masked)
            if not any(ch.isalpha() for ch in TOKEN_RE.sub("", m.text))}


def copy_tokens(route: Route, settings: EngineSettings | None) -> bool:
    """Whether every model of *route* copies protection tokens (a probe per package)."""
    from toolkit.mt.probe import copies_tokens

    return all(copies_tokens(get_engine(p, settings)) for p in route.packages)


def _sendable(masked: Sequence[Masked], tokens: bool
              ) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """What goes to the model for each masked sentence (with its tokens, or, for a model that
    does not copy them, without), and where each original stood in that text."""
    sent: list[str] = []
    where: list[list[tuple[int, int]]] = []
    for m in masked:
        if tokens or not m.originals:
            spans = {int(t.group(1)): t.span() for t in TOKEN_RE.finditer(m.text)}
            sent.append(m.text)
            where.append([spans.get(i, (len(m.text),) * 2) for i in range(len(m.originals))])
        else:
            text, gaps = without_tokens(m)
            sent.append(text)
            where.append([(g, g) for g in gaps])
    return sent, where


def _lost(translation: str, masked: Masked) -> bool:
    """Did the model lose (or never see) a token of *masked*?"""
    back = {int(n) for n in TOKEN_RE.findall(translation)}
    return not back.issuperset(range(len(masked.originals)))


def _placer(hyp: Hypothesis, where: Sequence[tuple[int, int]], originals: Sequence[str],
            source: str, terms: Sequence[tuple[int, int]] = ()) -> Placer:
    """Where each missing original of one sentence goes in *hyp*: a URL or e-mail in place
    of the nearest link of its kind the model made up (a model that lost a link often writes
    one of its own there), anything else at its aligned position, moved past the end of a
    name that position would split: a glossary term of the sentence (*terms*, spans of
    ``hyp.text``) or a transliterated Chinese name (``谢Quantix尔盖·沃尔科夫`` had been)."""
    from toolkit.text.placeholders import find_emails, find_urls
    from toolkit.text.zh import TRANSLITERATED, word_boundary

    made_up = [(s.start, s.end, s.kind) for s in (*find_urls(hyp.text), *find_emails(hyp.text))
               if s.text not in source and s.text not in originals]
    taken: set[tuple[int, int, str]] = set()
    whole = sorted([*terms, *(m.span() for m in TRANSLITERATED.finditer(hyp.text))])

    def place(i: int) -> int | tuple[int, int] | None:
        at = hyp.insertion_point(*where[i])
        if at is not None:
            for start, end in whole:
                if start < at < end:
                    at = end
            at = word_boundary(hyp.text, at)  # Chinese: never inside a word (初|创企业)
        kind = next((s.kind for s in (*find_urls(originals[i]), *find_emails(originals[i]))
                     if s.text == originals[i]), None)
        free = [link for link in made_up if link[2] == kind and link not in taken]
        if free:
            link = min(free, key=lambda x: abs(x[0] - at) if at is not None else 0)
            taken.add(link)
            return link[0], link[1]
        return at

    return place


def _bracket_terms(masked: Masked, translation: str, source: str, own: dict[str, Enforced],
                   fragments: dict[str, str], src: str, tgt: str
                   ) -> tuple[Masked, list[tuple[str, str, Enforced, bool]]]:
    """*masked* with each text bracket naming a glossary concept (``<SPbPU>``, see
    :func:`text_brackets`) to come back translated between its brackets. A bracket that is
    one glossary name and nothing else comes back as that name's approved term (a model given
    a lone name pads it: ``SPbPU`` -> ``圣彼得堡理工大学圣彼得堡理工大学``), in Russian in the
    case its place in the *translation* (restored with the source's brackets, where the model
    or the alignment put them) needs, as the *source*'s words before the bracket tell it
    (``Студенты <Санкт-Петербургского политехнического университета Петра Великого>``:
    :func:`toolkit.terms.inflect.place_form`); any other comes back as its own enforced
    translation (*own*, *fragments*). Also returns, per such bracket, (the source's bracket,
    what goes back inside it, its enforcement, whether it is one name) for
    :func:`_with_bracket_results`."""
    from toolkit.terms.inflect import place_form

    originals, terms = list(masked.originals), []
    target_at = 0
    for n, (original, span) in enumerate(zip(masked.originals, masked.spans, strict=False)):
        name = original[1:-1]
        if name not in own:
            continue
        done = own[name]
        at = translation.find(original, target_at)
        target_at = max(target_at, at + 1)
        one = (len(done.results) == 1 and done.results[0].required is not None
               and (done.results[0].source_start, done.results[0].source_end) == (0, len(name)))
        inner = fragments[name]
        if one:
            inner = done.results[0].required  # type: ignore[assignment]
            if tgt == "ru" and done.results[0].how != "do-not-translate" and at >= 0 and \
                    source[span[0]:span[1]] == original:
                inner = place_form(inner, source, span, src, translation[:at])
        originals[n] = f"<{inner}>"
        terms.append((original, inner, done, one))
    return replace(masked, originals=tuple(originals)), terms


def _with_bracket_results(enforced: Enforced, terms: Sequence[tuple[str, str, Enforced, bool]],
                          source: str, text: str) -> Enforced:
    """*enforced* with the glossary mentions of its text brackets among its own (:func:
    `_bracket_terms`), placed in the *source* sentence and in its restored *text*. The term
    of a bracket that is one name is the bracket's text: ``n-best`` where the model's own
    translation of it was the term, else ``inflected`` (another case than the term's) or
    ``replaced`` (found by ``bracket``)."""
    results = list(enforced.results)
    source_at = target_at = 0
    for original, inner, done, one in terms:
        start = source.find(original, source_at)
        at = text.find(f"<{inner}>", target_at)
        if start < 0 or at < 0:
            continue
        source_at, target_at = start + len(original), at + len(inner) + 2
        for r in done.results:
            moved = replace(r, source_start=r.source_start + start + 1,
                            source_end=r.source_end + start + 1)
            if one:
                moved = replace(moved, target_start=at + 1, target_end=at + 1 + len(inner),
                                target=inner)
                if inner != r.required:
                    moved = replace(moved, how="inflected", found_by="case",
                                    replaced=r.required)
                elif done.text != inner and r.how != "do-not-translate":
                    moved = replace(moved, how="replaced", found_by="bracket",
                                    replaced=done.text)
            elif r.target_start is not None and r.target_end is not None:
                moved = replace(moved, target_start=at + 1 + r.target_start,
                                target_end=at + 1 + r.target_end)
            results.append(moved)
    results.sort(key=lambda r: r.source_start)
    return replace(enforced, results=tuple(results))


def _with_terms(fragments: dict[str, str], marked: inline.Inline, enforced: Enforced | None,
                text: str) -> dict[str, str]:
    """*fragments* (a marked fragment -> its own translation), where a fragment is exactly
    one glossary mention of the sentence: the term as enforcement put it in the sentence
    (``<b>Mikhail Fedoruk</b>`` goes around ``Михаилом Федоруком``). The fragment's own
    translation is a separate, context-free sentence the model may pad or decline
    otherwise, and then the markup is not found and covers the whole sentence."""
    if enforced is None or not marked.marks:
        return fragments
    terms = {r.source: r.target for r in enforced.results
             if r.applied and r.target and r.target in text}
    own = {f: terms[f.strip()] for f in marked.fragments() if f.strip() in terms}
    return {**fragments, **own} if own else fragments


def _term_places(marked: inline.Inline, enforced: Enforced | None,
                 text: str) -> list[tuple[int, int, str]]:
    """The sentence's applied glossary mentions for :func:`toolkit.text.inline.place`: where
    each is in ``marked.plain`` (the n-th mention of a surface is its n-th occurrence) and
    the term *text* has for it, so markup never cuts a term in two."""
    if enforced is None or not marked.marks:
        return []
    seen: dict[str, int] = {}
    places = []
    for r in sorted(enforced.results, key=lambda r: r.source_start):
        n = seen[r.source] = seen.get(r.source, -1) + 1
        if not (r.applied and r.target and r.target in text):
            continue
        at = -1
        for _k in range(n + 1):
            at = marked.plain.find(r.source, at + 1)
            if at < 0:
                break
        if at >= 0:
            places.append((at, at + len(r.source), r.target))
    return places


def translate_text(text: str, source: str, target: str, *, fmt: str = "text",
                   settings: EngineSettings | None = None,
                   progress: ProgressCallback | None = None,
                   finder: Callable[[str, str], Package | None] | None = None,
                   glossary: Glossary | None = None,
                   enforce_terms: bool = False,
                   ) -> TranslationResult:
    """Translate a whole document, keeping its layout; ``source`` may be ``auto``.

    With a *glossary*, its do-not-translate terms are copied verbatim and the translation is
    checked against it (``glossary_findings``); with *enforce_terms* as well, its approved
    terms are put into the translation (:mod:`toolkit.terms`).
    """
    from toolkit.terms.document import headline_flags
    from toolkit.text.scripts import SCRIPT_NAMES, contradicts, detect_language
    from toolkit.text.segment import rejoin, split_document

    given = source != "auto"
    page = None
    if fmt == "html":  # the language is judged on the page's text, not its markup
        from toolkit.text.formats import html

        page = html.read(text, source if given else "en")
    prose = text if page is None else "\n".join(i.plain for i in page.inlines)
    if not given:
        source = detect_language(prose)
        if source == "zh" and looks_traditional(prose):
            source = "zh-Hant"
    route = resolve_route(source, target, finder)
    language_warnings = []
    looks = contradicts(prose, route.source.code) if given else None
    if looks:
        language_warnings.append(TranslationWarning(
            "source-language",
            Message("the source language is {lang}, but the text is written in {script} (it "
                    "looks like {looks}): translated as {lang} anyway; check the source language",
                    lang=route.source.code, script=SCRIPT_NAMES[looks], looks=looks)))
    if page is not None:
        sentences, lines, marked = page.sentences, list(page.lines), page.inlines
        offsets = list(page.offsets)
    else:
        pieces = split_document(text, route.source.code, fmt)
        sentences = [p.text for p in pieces if p.translatable]
        # the line each piece starts on: newlines before it, counted once per piece
        breaks = list(accumulate((p.text.count("\n") for p in pieces), initial=0))
        lines = [breaks[k] + 1 for k, p in enumerate(pieces) if p.translatable]
        starts = list(accumulate((len(p.text) for p in pieces), initial=0))
        offsets = [starts[k] for k, p in enumerate(pieces) if p.translatable]
        marked = None
    records: list[SegmentRecord] = []
    if route.packages:
        keep = do_not_translate_spans(glossary, route.source.code) if glossary else None
        translations, warnings = translate_sentences(sentences, route, fmt=fmt,
                                                     settings=settings, progress=progress,
                                                     keep=keep,
            enforce=glossary if enforce_terms else None, lines=lines, records=records,
            offsets=offsets, marked=marked,
            tags=page.placeholders if page is not None else None,
            headlines=headline_flags(text, offsets) if page is None else page.headlines)
    else:  # same language: only a script conversion, if any
        translations, warnings = list(sentences), []
        if route.source.traditional and not route.target.traditional:
            translations = to_simplified(translations)
        elif route.target.traditional and not route.source.traditional:
            translations = to_traditional(translations)
    if page is None:
        out = rejoin(pieces, translations, route.target.code, source_lang=route.source.code)
    else:  # placeholders in the messages shown as the markup they stand for
        out = (text if translations == sentences
               else page.render(translations, route.target.tag))
        warnings = [*(TranslationWarning("html-markup", m, line) for line, m in page.problems),
                    *(replace(w, message=page.show(w.message), source=page.show(w.source),
                              translation=page.show(w.translation)) for w in warnings)]
        # a mention's place is in the page, not in its unit's text (tags, entities, spaces;
        # not found there: no place rather than a wrong one), and never inside a tag
        records = [replace(r, source=shown, translation=page.show(r.translation),
                           protected=tuple(replace(p, text=page.show(p.text))
                                           for p in r.protected),
                           markup=markup, origins=origins,
                           offset=r.offset if origins is not None else None)
                   for r in records for shown, markup in [page.shown(r.source)]
                   for origins in [page.positions(r.index, shown, markup)]]
    unique = len({s.strip() for s in sentences if s.strip()})
    # An HTML page is checked on its text, one translated unit a line (not on its markup).
    checked = ((text, out) if page is None
               else (page.prose(sentences), page.prose(translations)))
    findings: list[GlossaryFinding] = []
    if glossary is not None and route.packages:
        from toolkit.glossary.consistency import check_translation, invented_terms

        # What MT got wrong against the glossary: terms not carried over, wrong or
        # deprecated names, one concept named two ways.
        findings = check_translation(glossary, checked[0], route.source.code, checked[1],
                                     route.target.code, kinds=TRANSLATION_GLOSSARY_KINDS)
        # and what it made up: an entity of the glossary a sentence names, its source not
        pairs = (zip(sentences, translations, strict=False) if page is None else
                 zip(checked[0].split("\n"), checked[1].split("\n"), strict=False))
        findings += invented_terms(glossary, pairs, checked[1], route.source.code,
                                   route.target.code)
    where = (_source_line(text, out, translations, lines) if page is None
             else _unit_line(*checked, lines))
    return TranslationResult(out, route, len(sentences), unique,
                             (*language_warnings, *warnings), tuple(findings),
                             tuple(where(f.span.start, f.span.side) for f in findings),
                             tuple(records))


def _unit_line(source: str, out: str, lines: Sequence[int]
               ) -> Callable[[int, str], int | None]:
    """Maps an offset in *source* or *out* (one unit a line) to the source line of its unit."""
    def line(offset: int, side: str) -> int | None:
        k = (source if side == "source" else out).count("\n", 0, offset)
        return lines[k] if k < len(lines) else None

    return line


def _source_line(source: str, out: str, translations: Sequence[str], lines: Sequence[int]
                 ) -> Callable[[int, str], int | None]:
    """Maps an offset in the source (side ``source``) or in the translation (``target``) to
    the source line it comes from: each translated sentence is found in order in *out*."""
    starts: list[int] = []
    pos = 0
    for t in translations:
        at = out.find(t.strip(), pos) if t.strip() else -1
        starts.append(at if at >= 0 else pos)
        pos = max(pos, at + len(t.strip())) if at >= 0 else pos

    def line(offset: int, side: str) -> int | None:
        if side == "source":
            return source.count("\n", 0, offset) + 1
        k = bisect_right(starts, offset) - 1
        return lines[k] if 0 <= k < len(lines) else None

    return line
