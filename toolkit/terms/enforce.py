"""Enforce glossary terms on translations: n-best choice, then replace (and inflect).

Per sentence, cheapest first: among the model's n-best hypotheses take the one that already
carries the most required terms (ties: the model's order); then, for each required term still
missing, find the model's own rendering (:mod:`toolkit.terms.locate`) and put the approved term
there, in the case its place needs in Russian (:mod:`toolkit.terms.inflect`), without spaces
around it in Chinese (:mod:`toolkit.terms.splice`); where the model left the term out, put
it in after the target word aligned to the source word before the mention (in Russian with the
source's preposition, ``in Nanjing`` -> ``в Нанкине``). A Russian preposition before a term
that cannot govern the case the source's preposition asks for is the model's mistranslation
and is replaced by the source's own. A mention that cannot be applied is reported with the
reason, never silently dropped.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from toolkit.gcpause import gc_paused
from toolkit.glossary.match import Mention, matcher_for
from toolkit.glossary.model import Glossary, Term
from toolkit.glossary.morph import inflect
from toolkit.mt.translator import Hypothesis, PivotTranslator
from toolkit.mt.verify import loops
from toolkit.terms.inflect import (
    COMPOUND_NOUNS,
    CONJUNCTIONS,
    OPENING_RUN,
    OPENS,
    PREPOSITION_CASES,
    Hint,
    Scorer,
    choose_form,
    conjunction,
    coordinated,
    joining_word,
    misplaced_case,
    place_preposition,
    preposition_cases,
    readings,
    relational_noun,
    source_preposition,
    with_preposition,
)
from toolkit.terms.locate import locate
from toolkit.terms.model import Enforced, Requirement, TermResult
from toolkit.terms.splice import splice
from toolkit.terms.targets import match_targets, other_names, requirements, target_mentions
from toolkit.text.patterns import TOKEN_RE
from toolkit.text.placeholders import find_protected
from toolkit.text.protect import MAX_TOKENS, token
from toolkit.text.zh import TRANSLITERATED

if TYPE_CHECKING:
    from toolkit.mt.translator import Span, Translator

#: Hypotheses per sentence to choose from. One: on the demo models a second hypothesis added
#: no term the replacement and insertion steps did not already place, and cost ~0.3x more
#: (bench/terms.py, en-ru); a caller may ask for more.
NUM_HYPOTHESES = 1


def _capitalised(value: str, at_start: bool, lang: str) -> str:
    if at_start and lang != "zh" and value[:1].islower():
        return value[:1].upper() + value[1:]
    return value


def enforce_sentence(source: str, mentions: Sequence[Mention], hypotheses: Sequence[Hypothesis],
                     glossary: Glossary, target_lang: str, score: Scorer | None = None,
                     tokens: Mapping[int, str] | None = None,
                     prefer: Mapping[int, Term] | None = None,
                     case_hints: Mapping[int, Hint] | None = None,
                     source_lang: str | None = None) -> Enforced:
    """Apply the glossary to one sentence's hypotheses (best first); see the module doc.

    *score* rates candidate target sentences for this source (used to choose a Russian case
    form when the model's rendering does not tell it). *tokens* maps a mention's index to the
    protection token that stood for it in the source the model translated (term-as-token);
    where the token came back, the term goes there. *case_hints* override, per mention index, the
    (case, Russian preposition) the source's words suggest (:func:`mention_hints`): a pivot's middle
    sentence does not tell it where its first leg put the term in. *source_lang*: the
    source's language (default: the mentions' own).
    """
    tokens = tokens or {}
    reqs = requirements(glossary, mentions, target_lang)
    # the document's say over a mention's target term (toolkit.terms.document)
    reqs = [Requirement(r.mention, prefer[i]) if prefer and i in prefer else r
            for i, r in enumerate(reqs)]
    if not reqs or not hypotheses:
        return Enforced(source, hypotheses[0].text if hypotheses else "")
    found = [target_mentions(glossary, h.text, target_lang) for h in hypotheses]
    # another organisation's name the source has (Tomsk Polytechnic University) is no
    # rendering of a mention of the glossary term it ends with
    names = other_names(glossary, source, source_lang or reqs[0].mention.lang,
                        [h.text for h in hypotheses], target_lang)
    found = [[m for m in f if not any(a <= m.start and m.end <= b for a, b in n)]
             for f, n in zip(found, names, strict=True)]
    satisfied = [match_targets(reqs, f) for f in found]
    # placeholders first (a lost one is lost for good), then terms, then the model's order
    rank = max(range(len(hypotheses)), key=lambda k: (
        _tokens_kept(source, hypotheses[k].text), len(satisfied[k]), -k))
    hyp, found_here, sat = hypotheses[rank], found[rank], satisfied[rank]
    text = hyp.text

    # (case, preposition) per mention: only a Russian term takes a case
    hints = mention_hints(source, reqs) if target_lang == "ru" else [(None, None)] * len(reqs)
    for i, hint in (case_hints or {}).items():
        hints[i] = hint
    taken: list[Span] = [(m.start, m.end) for m in sat.values()] + names[rank]
    # protection tokens the source has (an invented one is fair game), and the term tokens
    # that came back: each is its own term's place (_by_token), never another's rendering
    theirs = set(TOKEN_RE.findall(source)) | {
        n for t in tokens.values() for n in TOKEN_RE.findall(t)}
    taken += [m.span() for m in TOKEN_RE.finditer(text) if m.group(1) in theirs]
    # a URL, e-mail, tag or placeholder the model wrote itself is no term's rendering
    taken += [(s.start, s.end) for s in find_protected(text)]
    edits: list[tuple[Span, str]] = []
    owner: dict[int, int] = {}          # requirement -> edit index
    details: dict[int, dict[str, str | None]] = {}
    claimed = {(m.start, m.end) for m in sat.values()}
    # a mention in brackets after another of its concept that the target names the same way
    # ("Russian-Chinese Innovation Alliance (RCIA)" in Chinese): rendered once, by the first
    shared = _source_appositions(source, reqs)
    for j, i in shared.items():
        if i in sat and j in sat:  # the model wrote "X (X)": the brackets go
            close = _CLOSE.match(text, sat[j].end)
            if _OPEN.fullmatch(text, sat[i].end, sat[j].start) and close is not None:
                edits.append(((sat[i].end, close.end()), ""))
                taken.append((sat[i].end, close.end()))
                del sat[j]
    for i, m in sat.items():
        value = text[m.start:m.end]
        req = reqs[i]
        # the model's "Full Form (ACR)" for a mention the source names once: this mention's
        # term alone (the document's full-form-first introduction keeps its apposition)
        whole = None if prefer and i in prefer else _apposition(text, m, found_here, claimed)
        if whole is not None:
            details[i] = {"how": "do-not-translate" if req.dnt else "n-best",
                          "found_by": "apposition",
                          "replaced": text[whole[0]:whole[1]]}
            taken.append(whole)
        if target_lang == "ru" and not req.dnt and req.text:
            form = _russian_form(text, (m.start, m.end), hints[i], req.text, value, True,
                                 score, edits)
            form = _capitalised(form, m.start == 0, target_lang)
            if form != value:
                details[i] = {"how": "inflected", "found_by": "case",
                              "replaced": text[whole[0]:whole[1]] if whole else value}
                value = form
        owner[i] = len(edits)
        edits.append((whole or (m.start, m.end), value))
    required = {r.concept_id for r in reqs}
    named = [(r.mention.start, r.mention.end) for r in reqs]  # each a name of its own
    joined: dict[int, tuple[int, int]] = {}  # put in with a conjunction before or after it
    for i, req in enumerate(reqs):
        if i in sat or req.text is None or shared.get(i) in owner:
            continue
        located = _by_token(text, tokens.get(i), req.text, target_lang, score)
        if located is None:
            # another required concept's rendering is not this one's; a concept the source
            # does not name is the model's (wrong) rendering of something, maybe of this
            others = [(m.start, m.end) for m in found_here
                      if m.concept_id != req.concept_id and m.concept_id in required]
            strays = [(m.start, m.end) for m in found_here if m.concept_id not in required]
            own = [m for m in found_here if m.concept_id == req.concept_id
                   and (m.start, m.end) not in taken]
            located = locate(req, hyp, own, target_lang, [*taken, *others], strays, named)
        if located is None:
            continue
        span, found_by = located
        value = req.text
        how = "do-not-translate" if req.dnt else "token" if found_by == "token" else "replaced"
        replaced = text[span[0]:span[1]]
        noun = relational_noun(text, span) if target_lang == "ru" and not req.dnt and \
            found_by == "fuzzy" else None
        if noun is not None and not any(a < noun[1] and noun[0] < b for a, b in taken):
            # the model wrote the name as an adjective of the noun after it (Нанкинского
            # университета): the noun takes the adjective's place, the name follows it in
            # the genitive (университета Нанкина)
            edits.append(((span[0], noun[1]), _capitalised(text[noun[0]:noun[1]],
                                                            span[0] == 0, target_lang)))
            taken.append((span[0], noun[1]))
            span, value, how = (noun[1], noun[1]), inflect(value, "gent"), "inflected"
        elif target_lang == "ru" and not req.dnt:
            value = _russian_form(text, span, hints[i], value,
                                  None if found_by == "token" else replaced,
                                  found_by in ("variant", "fuzzy", "token"), score, edits)
            if value != req.text:
                how = "inflected"
        value = _capitalised(value, span[0] == 0, target_lang)
        if found_by != "token":
            prefix, suffix = _coordinator(source, reqs, i, owner, edits, text, span,
                                          target_lang)
            value = prefix + value + suffix
            joined[i] = (len(prefix), len(suffix))
        owner[i] = len(edits)
        edits.append((span, value))
        details[i] = {"how": how, "found_by": found_by, "replaced": replaced}
        taken.append(span)
    wrapped: set[int] = set()  # inserted with brackets around them
    for i, req in enumerate(reqs):
        if i in owner or req.text is None or shared.get(i) in owner:
            continue
        # in brackets after another mention in the source: right after that one's term
        after = next((k for k, r in enumerate(reqs)
                      if k != i and r.mention.end <= req.mention.start
                      and _OPEN.fullmatch(source, r.mention.end, req.mention.start)), None)
        if after in sat:
            placed: tuple[int, str] | None = (sat[after].end, "apposition")
        elif after is not None and after in owner:
            placed = (edits[owner[after]][0][1], "apposition")
        else:
            placed = _insertion_point(hyp, req, text, taken, target_lang)
        if placed is None:
            continue
        point, where = placed
        stray = _stray_at(text, point, found_here, required, taken, target_lang,
                          [r.text for r in reqs if r.text])
        if stray is not None and after is None:
            # the model wrote a name the source does not have right where this one goes
            # ('江苏省产业技术研究院代表团' for 'the UrFU delegation'): that is its rendering
            # of this mention, replaced rather than kept beside the term
            value = req.text
            if target_lang == "ru" and not req.dnt:
                value = _russian_form(text, stray, hints[i], value, text[stray[0]:stray[1]],
                                      True, score, edits)
            value = _capitalised(value, stray[0] == 0, target_lang)
            owner[i] = len(edits)
            edits.append((stray, value))
            details[i] = {"how": "replaced" if value == req.text else "inflected",
                          "found_by": "stray", "replaced": text[stray[0]:stray[1]]}
            taken.append(stray)
            continue
        value = req.text
        # a name the source gives in brackets ('Уральский федеральный университет (УрФУ)')
        # goes in with brackets, as written (an apposition keeps its own form), unless the
        # model kept them empty around the place
        brackets = _source_brackets(source, req.mention, target_lang) if not (
            text[point - 1:point] in ("(", "（") or text[point:point + 1] in (")", "）")) \
            else None
        if target_lang == "ru" and not req.dnt and brackets is None:
            value = _russian_form(text, (point, point), hints[i], value, None, False, score,
                                  edits)
        value = _capitalised(value, point == 0 and not edits_at(edits, point), target_lang)
        if brackets is not None:
            value = brackets[0] + value + brackets[1]
            wrapped.add(i)
        else:
            # 'A and B' of the source, both left out: 'A и B', not 'A B'
            prefix, suffix = _coordinator(source, reqs, i, owner, edits, text,
                                          (point, point), target_lang)
            value = prefix + value + suffix
            joined[i] = (len(prefix), len(suffix))
        owner[i] = len(edits)
        edits.append(((point, point), value))
        details[i] = {"how": "inserted", "found_by": where, "replaced": ""}
    # our own tokens the model repeated or that found no term: never left in the output
    placed = {span for span, _v in edits}
    ours = {n for t in tokens.values() for n in TOKEN_RE.findall(t)}
    edits += [(m.span(), "") for m in TOKEN_RE.finditer(text)
              if m.group(1) in ours and m.span() not in placed]
    final, spans = splice(text, edits, target_lang)
    results = []
    for i, req in enumerate(reqs):
        m = req.mention
        base = dict(concept_id=req.concept_id, source_start=m.start, source_end=m.end,
                    source=m.surface, required=req.text)
        if i not in owner and shared.get(i) in owner:
            first = results[shared[i]]
            results.append(replace(first, **base, found_by="apposition", replaced=None))
            continue
        if i not in owner:
            reason = ("the glossary has no approved term in " + target_lang
                      if req.text is None else "the model's rendering was not found")
            code = "no-target-term" if req.text is None else "not-found"
            results.append(TermResult(**base, how=None, rank=rank, reason=reason, code=code))
            continue
        start, end = spans[owner[i]]
        if i in wrapped:  # the term, not its brackets
            start, end = start + 1, end - 1
        if i in joined:  # the term, not the conjunction put in with it
            start, end = start + joined[i][0], end - joined[i][1]
        d = details.get(i)
        if d is None:
            how = "do-not-translate" if req.dnt else "n-best"
            results.append(TermResult(**base, how=how, target_start=start, target_end=end,
                                      target=final[start:end], rank=rank))
        else:
            results.append(TermResult(**base, how=d["how"], target_start=start,
                                      target_end=end, target=final[start:end], rank=rank,
                                      found_by=d["found_by"], replaced=d["replaced"]))
    return Enforced(source, final, tuple(results), rank)


_OPEN = re.compile(r"\s*[(（]\s*")
_CLOSE = re.compile(r"\s*[)）]")
_OPENS_BEFORE = re.compile(r"[(（]\s*$")


def _source_brackets(source: str, mention: Mention, lang: str) -> tuple[str, str] | None:
    """The brackets to write around *mention*'s term in *lang* when the source has the
    mention alone in brackets (``(УрФУ)``, ``（哈工大）``), else None."""
    if _OPENS_BEFORE.search(source, 0, mention.start) is None or \
            _CLOSE.match(source, mention.end) is None:
        return None
    return ("（", "）") if lang == "zh" else ("(", ")")


def _source_appositions(source: str, reqs: Sequence[Requirement]) -> dict[int, int]:
    """Requirement index -> the index of the one it is in apposition to: the source writes
    ``X (Y)`` or ``X Y`` (a pivot's middle sentence, whose first model dropped the brackets),
    X and Y mentions of one concept (a full form and its acronym), and both require
    the same target text (the target language has no acronym for it: ``RCIA`` in Chinese is
    ``中俄创新联盟`` too). The target names that concept once, by X's rendering: writing the
    term again for Y gives ``中俄创新联盟（中俄创新联盟）`` or the term twice in a row."""
    out: dict[int, int] = {}
    for j in range(1, len(reqs)):
        first, second = reqs[j - 1], reqs[j]
        if (first.concept_id == second.concept_id and not first.dnt and not second.dnt
                and first.text is not None and first.text == second.text
                and (not source[first.mention.end:second.mention.start].strip()
                     or _OPEN.fullmatch(source, first.mention.end, second.mention.start)
                     and _CLOSE.match(source, second.mention.end))):
            out[j] = j - 1
    return out


def _apposition(text: str, mention: Mention, found: Sequence[Mention],
                claimed: set[Span]) -> Span | None:
    """The span of ``X (Y)`` where *mention* is X or Y and the other is a mention of the same
    concept no requirement claims (the model spelled out an acronym, or added one, that the
    source does not write): the concept is rendered once, by the term its mention requires."""
    for other in found:
        if other.concept_id != mention.concept_id or (other.start, other.end) in claimed:
            continue
        first, second = sorted((mention, other), key=lambda m: m.start)
        between = _OPEN.fullmatch(text, first.end, second.start)
        close = _CLOSE.match(text, second.end)
        if between is not None and close is not None:
            return (first.start, close.end())
    return None


#: At most this many places where a repeated token came back are scored.
MAX_PLACES = 3


def _by_token(text: str, token: str | None, term: str | None, lang: str,
              score: Scorer | None) -> tuple[Span, str] | None:
    """Where the token standing for a term came back; the model's favourite place when it
    came back more than once."""
    if token is None or term is None:
        return None
    number = TOKEN_RE.findall(token)
    found = [m.span() for m in TOKEN_RE.finditer(text) if [m.group(1)] == number]
    if len(found) > 1 and score is not None:
        def placed(k: int) -> str:
            edits = [(span, term if j == k else "") for j, span in enumerate(found)]
            return splice(text, edits, lang)[0]
        # a model stuck repeating the token gives it back dozens of times: the first few
        # places are the candidates (scoring every one cost more than the translation)
        choices = range(min(len(found), MAX_PLACES))
        scores = score([placed(k) for k in choices])
        found = [found[max(choices, key=lambda k: scores[k])]]
    return (found[0], "token") if found else None


def mention_hints(source: str, reqs: Sequence[Requirement]) -> list[Hint]:
    """(case, Russian preposition) the source suggests for each requirement's mention; a
    mention joined to the one before (``X and Y``) takes that one's case, and the conjunction
    in place of the preposition (it replaces one the model wrote there instead,
    :func:`_repair_preposition`, but is never put in)."""
    out: list[Hint] = []
    for k, req in enumerate(reqs):
        m = req.mention
        between = source[reqs[k - 1].mention.end:m.start] if k else ""
        if k and coordinated(between):
            out.append((out[-1][0], conjunction(between)))
        else:
            case, preposition = source_preposition(source, m.start, m.end, m.lang)
            out.append((case, preposition and place_preposition(preposition, req.text or "")))
    return out


def _russian_form(text: str, span: Span, hint: tuple[str | None, str | None], term: str,
                  rendering: str | None, own: bool, score: Scorer | None,
                  edits: list[tuple[Span, str]]) -> str:
    """The form of the Russian *term* for the place *span* of *text*, where the model wrote
    *rendering* (None: nothing, or a protection token); *own* when that is the model's
    rendering of the term itself (the term, a glossary variant, a fuzzy match, a token it put
    in its sentence) rather than what attention tied to the mention.

    A preposition before the place that cannot govern the source's case is replaced by the
    source's (:func:`_repair_preposition`); one the place lacks is put in
    (:func:`_add_preposition`): always for what the model had not written, for its own
    rendering only inside the sentence, with no preposition just before, and in another case
    than the source's (``соглашение мэрии`` for ``an agreement with the City Hall``) or in
    the prepositional, which needs one. Otherwise :func:`choose_form` (the case of the
    model's own rendering kept with its number; its words made to agree: ``Санкт-Петербургским
    политехнического университета`` is one case or the other)."""
    start = span[0]
    before = text[:start]
    if rendering is None and not own and OPENS.search(before):
        # a term put in where the model wrote nothing, right after an opening quote or
        # bracket, is not inside it: the quote opens the model's own words after the place,
        # and a preposition before the quote governs those, not the term
        before += _OPAQUE
    repaired = _repair_preposition(before, hint, term, edits)
    if repaired is not None:
        return repaired
    misplaced = bool(rendering) and misplaced_case(rendering or "", before)
    if _wants_preposition(before, rendering, own, hint[0], misplaced):
        added = _add_preposition(before, start, hint, term, edits)
        if added is not None:
            return added

    def sentence(form: str) -> str:
        return splice(text, [(span, form)], "ru")[0]

    if misplaced:
        rendering = None
    form, how = choose_form(term, rendering, sentence, score, before, hint[0], own=own)
    if own and rendering and how == "observed" and _fold(form) == _fold(rendering):
        return rendering  # as the model wrote it (capitals, ё)
    return form


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _wants_preposition(before: str, rendering: str | None, own: bool, case: str | None,
                       misplaced: bool) -> bool:
    """Whether the source's preposition goes in before a term (when the Russian has none
    there, :func:`_add_preposition`): always for a term put where the model wrote nothing;
    for words the model wrote, not when a preposition is just before them (``в рамках X``:
    the compound governs); for what attention tied to the mention, otherwise always; for the
    model's own rendering of the term only inside the sentence (at its start it made it the
    subject), and when it is not in the source's case, is in one its place cannot take, or
    the source's is the prepositional (which needs one)."""
    if rendering is None and not own:
        return True
    if own and not re.search(r"\w", before) or _preposition_near(before):
        return False
    return not own or misplaced or case == "loct" or case not in {
        c for c, _n in readings(rendering or "")}


def _preposition_near(before: str) -> bool:
    """Whether *before* ends in a preposition, simple or compound (``в рамках``, ``при
    поддержке``), that governs what follows."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", before)[-2:]]
    return bool(words) and words[-1] in PREPOSITION_CASES or len(words) == 2 and (
        words[0] in PREPOSITION_CASES and words[1] in COMPOUND_NOUNS)


def _add_preposition(before: str, at: int, hint: tuple[str | None, str | None], term: str,
                     edits: list[tuple[Span, str]]) -> str | None:
    """*term* in the case of the source's preposition, that preposition put in at *at* (an
    edit added to *edits*), when the Russian text *before* it has none there; None
    otherwise."""
    case, preposition = hint
    if not (case and preposition) or preposition in CONJUNCTIONS or preposition_cases(
            before) not in (None, ("nomn",)):
        return None
    form = inflect(term, case)
    written = _capitalised(with_preposition(preposition, form), at == 0, "ru")
    # the term follows it (splice puts the space between them, only one)
    edits.append(((at, at), written))
    return form


#: Ends the text before a place where nothing before it governs the place (no word,
#: quote or space: the patterns that read the last word stop at it).
_OPAQUE = "\x00"
_PREPOSITION_BEFORE = re.compile(r"([^\W\d_]+)\s" + OPENING_RUN + "$")


def _repair_preposition(before: str, hint: tuple[str | None, str | None],
                        term: str, edits: list[tuple[Span, str]]) -> str | None:
    """*term* in the case the source's preposition asks for, when the Russian preposition
    at the end of *before* (the text before the place) cannot govern that case: the model
    mistranslated the preposition
    (``prepared for X`` as ``подготовлен с X``), so it is replaced by the source's own
    (an edit added to *edits*). None when there is nothing to repair."""
    case, preposition = hint
    if not case or not preposition:
        return None
    found = _PREPOSITION_BEFORE.search(before)
    allowed = preposition_cases(before)
    if found is None or allowed is None or allowed == ("nomn",) or case in allowed:
        return None
    form = inflect(term, case)
    written = with_preposition(preposition, form)
    if found.group(1)[:1].isupper():
        written = written[:1].upper() + written[1:]
    edits.append((found.span(1), written))
    return form


def _coordinator(source: str, reqs: Sequence[Requirement], i: int, owner: Mapping[int, int],
                 edits: Sequence[tuple[Span, str]], text: str, span: Span, lang: str
                 ) -> tuple[str, str]:
    """(before, after): the conjunction of *lang* to put in with the term of ``reqs[i]`` at
    *span* (an insertion point, or the model's rendering it replaces), where the source joins
    its mention to the next mention before or after it (``Maria Orlova and Li Wei``, ``и``,
    ``和``: :func:`~toolkit.terms.inflect.joining_word`) and that one's term, already placed
    (*owner*, *edits*), touches *span* with nothing but spaces between: two names the model
    left out (or garbled), put in side by side, had read ``A B``. Empty strings when the
    source does not join them or the target has words between."""
    point, end_of_span = span
    m = reqs[i].mention
    gap = "" if lang == "zh" else " "
    earlier = [k for k, r in enumerate(reqs) if r.mention.end <= m.start]
    later = [k for k, r in enumerate(reqs) if r.mention.start >= m.end]
    if earlier:
        k = max(earlier, key=lambda k: reqs[k].mention.end)
        word = joining_word(source[reqs[k].mention.end:m.start], lang)
        end = edits[owner[k]][0][1] if k in owner else None
        if word and end is not None and end <= point and not text[end:point].strip():
            return word + gap, ""
    if later:
        k = min(later, key=lambda k: reqs[k].mention.start)
        word = joining_word(source[m.end:reqs[k].mention.start], lang)
        start = edits[owner[k]][0][0] if k in owner else None
        if word and start is not None and end_of_span <= start and \
                not text[end_of_span:start].strip():
            return "", gap + word
    return "", ""


def edits_at(edits: Sequence[tuple[Span, str]], point: int) -> bool:
    """Whether an edit already puts something at *point* (a preposition before a term)."""
    return any(span == (point, point) for span, _v in edits)


def _insertion_point(hyp: Hypothesis, req: Requirement, text: str,
                     taken: Sequence[Span], lang: str) -> tuple[int, str] | None:
    """(where to put a term the model left out, how that place was found): after the target
    word aligned to the source word before the mention, or before the one aligned to the word
    after it (``alignment``, the way HTML tags are re-inserted); where the attention ties no
    neighbour to anything, at the end of the sentence, before its stop (``end``). Outside the
    spans already taken, never inside a word (in Chinese, never inside a transliterated name:
    :data:`~toolkit.text.zh.TRANSLITERATED`); None without alignment."""
    point = hyp.insertion_point(req.mention.start, req.mention.end)
    where = "alignment"
    if point is None:
        if not hyp.alignment:
            return None
        point, where = len(text), "end"
    for start, end in sorted(taken):
        if start < point < end:
            point = end
    # a place inside a Chinese name moves past its end: the term goes after it, never into it
    names = [m.span() for m in TRANSLITERATED.finditer(text)] if lang == "zh" else []
    point = next((end for start, end in names if start < point < end), point)
    # the edges of the spans taken and of Chinese names are word boundaries
    edges = {p for span in [*taken, *names] for p in span}
    while 0 < point < len(text) and point not in edges and text[point - 1].isalnum() and \
            text[point].isalnum():
        point += 1
    if not text[point:].strip(" .!?。！？"):
        point = len(text[:point].rstrip(" .!?。！？"))  # inside the sentence, not after it
    return point, where


def _stray_at(text: str, point: int, found: Sequence[Mention], required: set[str],
              taken: Sequence[Span], lang: str, terms: Sequence[str]) -> Span | None:
    """The span of a glossary name of a concept the source does not name that begins or
    ends at *point* (across spaces, outside Chinese), outside *taken*; None when there is
    none. A name inside one of the required *terms* is no stray (``Нанкин`` of ``Неделя
    инноваций в Нанкине``): the source names it there."""
    inside = [t.lower() for t in terms]
    for m in found:
        if m.concept_id in required or any(m.start < e and s < m.end for s, e in taken) \
                or any(m.term.text.lower() in t for t in inside):
            continue
        before, after = text[m.end:point], text[point:m.start]
        if lang == "zh":
            touches = m.end == point or m.start == point
        else:
            touches = (m.end <= point and not before.strip()) or \
                (point <= m.start and not after.strip())
        if touches:
            return m.start, m.end
    return None


def _tokens_kept(source: str, text: str) -> int:
    """Protection tokens of *source* that *text* has exactly once."""
    found = [int(n) for n in TOKEN_RE.findall(text)]
    return sum(1 for n in {int(n) for n in TOKEN_RE.findall(source)} if found.count(n) == 1)


def _sure(enforced: Enforced) -> tuple[int, int, int]:
    """The source's protection tokens kept, the mentions applied, then those applied without
    relying on attention alone (a ``stray`` replaced is found where the attention puts the
    term)."""
    return (_tokens_kept(enforced.source, enforced.text),
            sum(1 for r in enforced.results if r.applied),
            sum(1 for r in enforced.results
                if r.applied and r.found_by not in ("alignment", "end", "stray")))


#: Term tokens are numbered from here once the model's output is read back, apart from the
#: protection tokens of the source (whose numbers the restore step relies on).
TERM_TOKEN_BASE = 100


def as_tokens(source: str, mentions: Sequence[Mention], which: Sequence[int]
              ) -> tuple[str, dict[int, str], dict[int, str]]:
    """*source* with the mentions *which* replaced by protection tokens (term-as-token).

    Every token of the result, the source's own included, is numbered in reading order
    (``｟0｠``, ``｟1｠`` ...), as models that copy tokens saw them in training. Returns the
    text, mention index -> the token that stands for it once read back
    (``｟100+index｠``), and the new number -> the token to read back. Mentions past the
    token limit stay as text.
    """
    spans, chosen = _token_spans(source, mentions, which)
    out, pos, back = [], 0, {}
    for number, (start, end, original) in enumerate(spans):
        out += [source[pos:start], token(number)]
        back[number] = original
        pos = end
    return "".join(out) + source[pos:], chosen, back


def _token_spans(source: str, mentions: Sequence[Mention], which: Sequence[int]
                 ) -> tuple[list[tuple[int, int, str]], dict[int, str]]:
    """The spans of *source* :func:`as_tokens` makes tokens of, in order, each with the token
    to read back; and mention index -> its token."""
    spans: list[tuple[int, int, str]] = [(m.start(), m.end(), m.group())
                                         for m in TOKEN_RE.finditer(source)]
    room = MAX_TOKENS - len(spans)
    chosen: dict[int, str] = {}
    for i in sorted(which, key=lambda i: mentions[i].start)[:max(room, 0)]:
        chosen[i] = token(TERM_TOKEN_BASE + i)
        spans.append((mentions[i].start, mentions[i].end, chosen[i]))
    spans.sort()
    return spans, chosen


def _offsets(length: int, replaced: Sequence[tuple[int, int, int, int]]
             ) -> tuple[list[int], list[int]]:
    """Where each position of a text goes once the spans ``[a, b)`` of *replaced* (in order,
    each with the span ``[c, d)`` its replacement takes in the new text) are replaced: one
    map for span starts, one for span ends (a position inside a replaced span goes to the
    start, resp. the end, of its replacement)."""
    starts, ends = [0] * (length + 1), [0] * (length + 1)
    pos = shift = 0
    for a, b, c, d in replaced:
        for p in range(pos, a + 1):
            starts[p] = ends[p] = p + shift
        for p in range(a + 1, b):
            starts[p], ends[p] = c, d
        shift, pos = d - b, b
    for p in range(pos, length + 1):
        starts[p] = ends[p] = p + shift
    return starts, ends


def _read_back_hypothesis(hyp: Hypothesis, source: str, spans: Sequence[tuple[int, int, str]],
                          back: Mapping[int, str]) -> Hypothesis:
    """*hyp*, a translation of :func:`as_tokens`' text of *source* (its tokens at *spans*),
    with its tokens read back (:func:`read_back`) and its alignment pointing into *source*
    itself, so a term the model left out can still be put in where attention places it."""
    text = read_back(hyp.text, back)
    if not hyp.alignment:
        return Hypothesis(text, hyp.score)
    # source side: the tokenized text -> the source (a token -> the span it stands for)
    tokenized, pos, at = [], 0, 0
    for number, (start, end, _original) in enumerate(spans):
        at += start - pos
        tokenized.append((at, at + len(token(number)), start, end))
        at += len(token(number))
        pos = end
    s_starts, s_ends = _offsets(at + len(source) - pos, tokenized)
    # target side: the model's tokens -> the tokens read back
    out, shift = [], 0
    for m in TOKEN_RE.finditer(hyp.text):
        new = back.get(int(m.group(1)), m.group())
        out.append((m.start(), m.end(), m.start() + shift, m.start() + shift + len(new)))
        shift += len(new) - len(m.group())
    t_starts, t_ends = _offsets(len(hyp.text), out)
    return Hypothesis(text, hyp.score,
                      tuple((s_starts[a], s_ends[b]) for a, b in hyp.source_spans),
                      tuple((t_starts[a], t_ends[b]) for a, b in hyp.target_spans),
                      hyp.alignment, source)


def read_back(text: str, back: Mapping[int, str]) -> str:
    """The model's output with the renumbered tokens given their own numbers again."""
    return TOKEN_RE.sub(lambda m: back.get(int(m.group(1)), m.group()), text)


def enforce(sources: Sequence[str], translator: Translator, glossary: Glossary, *,
            num_hypotheses: int = NUM_HYPOTHESES,
            mentions: Sequence[Sequence[Mention]] | None = None,
            term_tokens: bool = True,
            prefer: Mapping[tuple[int, int], Term] | None = None,
            case_hints: Mapping[tuple[int, int], Hint] | None = None,
            retry_inserted: bool = True) -> list[Enforced]:
    """Translate *sources* with *translator* and enforce *glossary* on every sentence.

    Sentences without glossary mentions are translated plainly (1-best, one batched call);
    the others in one n-best call with alignment. With *term_tokens*, and a model that copies
    protection tokens (:func:`copies_tokens`), sentences left with a mention not applied or
    put in where the model left it out, and where the model lost the sentence's thread
    (:func:`_worth_tokens`), are translated once more with those mentions as tokens, and that
    translation is kept when it places more terms. (Sentences whose terms were only found by
    attention are not: the second pass cost more than it gained.)

    *prefer* maps (sentence, mention) to the target term that mention must take instead of
    the one of its own type (the hook of :mod:`toolkit.terms.document`: full form first);
    *case_hints* maps (sentence, mention) to the (case, Russian preposition) its place takes
    where the source sentence's words do not tell it (:func:`enforce_sentence`).
    *retry_inserted* False sends to the term-as-token pass only sentences with a mention not
    applied or a placeholder lost, not those whose terms were all placed, some put in where
    the model left them out (a pivot's second leg: :mod:`toolkit.terms.pivot`).

    The garbage collector is paused while the sentences are matched and edited (not while
    the model runs): that work makes many small objects and no reference cycles, and the
    collections it set off walked every object alive, the glossary's and the model's, again
    and again (:func:`toolkit.gcpause.gc_paused`).
    """
    if mentions is None:
        matcher = matcher_for(glossary, translator.source)
        with gc_paused():
            mentions = [matcher.find(s) for s in sources]
    if isinstance(translator, PivotTranslator):  # each leg on its own: toolkit.terms.pivot
        from toolkit.terms.pivot import enforce_pivot

        return enforce_pivot(sources, translator, glossary, mentions,
                             num_hypotheses=num_hypotheses, term_tokens=term_tokens,
                             prefer=prefer)
    wanted: dict[int, dict[int, Term]] = {}
    for (k, i), term in (prefer or {}).items():
        wanted.setdefault(k, {})[i] = term
    told: dict[int, dict[int, Hint]] = {}
    for (k, i), hint in (case_hints or {}).items():
        told.setdefault(k, {})[i] = hint
    out: list[Enforced | None] = [None] * len(sources)
    for i, term in _whole_terms(sources, mentions, glossary, translator.target,
                                wanted).items():
        whole = enforce_sentence(sources[i], mentions[i], [Hypothesis(term, source=sources[i])],
                                 glossary, translator.target, prefer=wanted.get(i),
                                 source_lang=translator.source)
        out[i] = replace(whole, results=tuple(
            replace(r, how="whole-segment", rank=None) if r.how == "n-best" else r
            for r in whole.results))
    with_terms = [i for i, m in enumerate(mentions) if m and out[i] is None]
    plain = [i for i, m in enumerate(mentions) if not m]
    if plain:
        for i, hyps in zip(plain, translator.translate([sources[i] for i in plain]),
                           strict=True):
            out[i] = Enforced(sources[i], hyps[0].text)
    if with_terms:
        batch = translator.translate([sources[i] for i in with_terms],
                                     num_hypotheses=num_hypotheses, return_alignment=True)
        with gc_paused():
            for i, hyps in zip(with_terms, batch, strict=True):
                out[i] = enforce_sentence(sources[i], mentions[i], hyps, glossary,
                                          translator.target, _scorer(translator, sources[i]),
                                          prefer=wanted.get(i), case_hints=told.get(i),
                                          source_lang=translator.source)
    with gc_paused():
        weak = [i for i in with_terms if term_tokens and _worth_tokens(
            out[i], glossary, translator.source, translator.target,  # type: ignore[arg-type]
            retry_inserted)]
    if weak and copies_tokens(translator):
        masked, spans = {}, {}
        for i in weak:
            reqs = out[i].results  # type: ignore[union-attr]
            which = [k for k, r in enumerate(reqs) if _weak(r)]
            masked[i] = as_tokens(sources[i], mentions[i], which)
            spans[i] = _token_spans(sources[i], mentions[i], which)[0]
        batch = translator.translate([masked[i][0] for i in weak], return_alignment=True)
        with gc_paused():
            for i, hyps in zip(weak, batch, strict=True):
                hyps = [_read_back_hypothesis(h, sources[i], spans[i], masked[i][2])
                        for h in hyps]
                again = enforce_sentence(sources[i], mentions[i], hyps, glossary,
                                         translator.target, _scorer(translator, sources[i]),
                                         tokens=masked[i][1], prefer=wanted.get(i),
                                         case_hints=told.get(i), source_lang=translator.source)
                if _better(again, out[i], translator.target):  # type: ignore[arg-type]
                    out[i] = again
    return [e for e in out if e is not None]


def _whole_terms(sources: Sequence[str], mentions: Sequence[Sequence[Mention]],
                 glossary: Glossary, target_lang: str,
                 wanted: Mapping[int, Mapping[int, Term]]) -> dict[int, str]:
    """The sentences that are one glossary mention and nothing else (a table cell, a list
    item, a heading: ``Skoltech``), each with its translation: the target term as the
    glossary writes it (a do-not-translate name as the source writes it), as a CAT tool's
    term match is; the report says ``whole-segment``. The model, given such a sentence,
    wrote words around the term or in place of it (``Юго-Восточный Южный университет науки
    и технологий и Нанкинский ...``), which enforcement keeps."""
    out: dict[int, str] = {}
    for i, (source, found) in enumerate(zip(sources, mentions, strict=True)):
        if len(found) != 1:
            continue
        (mention,) = found
        lead = len(source) - len(source.lstrip())
        if (mention.start, mention.end) != (lead, len(source.rstrip())):
            continue
        (req,) = requirements(glossary, found, target_lang)
        term = wanted.get(i, {}).get(0) or req.term
        if req.dnt:
            out[i] = mention.surface
        elif term is not None:
            out[i] = _capitalised(term.text, mention.surface[:1].isupper(), target_lang)
    return out


def _better(again: Enforced, first: Enforced, lang: str) -> bool:
    """Whether the term-as-token translation *again* is kept over the *first*: it places more
    surely (:func:`_sure`); but a decoder loop where the first was none only when it places
    more mentions, not merely more surely (the demo zh->en model, given tokens, wrote ``took
    part in the) has St. Petersburg) and) and) and) ...`` for a sentence whose first pass had
    placed every term: a pivot's second model then translated the whole loop too)."""
    if loops(again.text, lang) and not loops(first.text, lang):
        return _sure(again)[:2] > _sure(first)[:2]
    return _sure(again) > _sure(first)


def _worth_tokens(enforced: Enforced, glossary: Glossary, source_lang: str, target_lang: str,
                  inserted: bool = True) -> bool:
    """Whether a sentence is worth a term-as-token pass: it has a mention not applied, or one
    put in where the model had nothing (:func:`_weak`) where the model lost the sentence's
    thread: it rendered none of the sentence's terms, dropped the one that opens the sentence
    (its subject), lost a placeholder of the source, or wrote one of the sentence's entities
    once more than the source names it (a known name where the dropped one was).

    Those are the sentences where the retranslation often does better; a term dropped from
    the middle of a sentence whose other terms came through is left where the attention puts
    it. On the bench's held-out set (bench/terms.py, all six pairs, before pivots were
    enforced leg by leg) 202 sentences had a term put in, and the retranslation was kept for
    57 of them; these rules send 79 of the 202 and catch 38 of the 57, at 40 % of the pass's
    cost (which was 0.3-1.3x a plain translation: the whole enforcement over 1.5x).

    Without *inserted*, only a mention not applied or a placeholder lost count.
    """
    results = enforced.results
    weak = [r for r in results if _weak(r)]
    if not weak:
        return False
    source, text = enforced.source, enforced.text
    if any(not r.applied for r in weak) or \
            _tokens_kept(source, text) < len(set(TOKEN_RE.findall(source))):
        return True
    if not inserted:
        return False
    if (all(_weak(r) or r.how == "do-not-translate" for r in results)
            or any(not _LETTER.search(source, 0, r.source_start) for r in weak)):
        return True
    named = {r.concept_id for r in results}
    placed = [(r.target_start, r.target_end) for r in results if r.target_start is not None]
    # another organisation's longer name the source has is no extra mention
    placed += other_names(glossary, source, source_lang, [text], target_lang)[0]
    return any(m.concept_id in named and not any(s < m.end and m.start < e for s, e in placed)
               for m in target_mentions(glossary, text, target_lang))


_LETTER = re.compile(r"[^\W\d_]")


def _weak(result: TermResult) -> bool:
    """A mention worth a term-as-token pass: not applied, put where the model had nothing,
    or in place of another concept's name the model wrote there (``stray``)."""
    return not result.applied or result.how == "inserted" or result.found_by == "stray"


_COPIES: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()
#: A source of nothing but tokens: a model trained on them gives at least one back.
PROBE = "｟0｠, ｟1｠."


def copies_tokens(translator: Translator) -> bool:
    """Whether *translator*'s model gives protection tokens back (the demo models were trained
    on them, full Argos models were not): one short probe translation, remembered per
    translator. Term-as-token is only worth a model pass when it does."""
    try:
        return _COPIES[translator]
    except (KeyError, TypeError):
        pass
    [hyps] = translator.translate([PROBE])
    copies = bool(TOKEN_RE.search(hyps[0].text)) if hyps else False
    try:
        _COPIES[translator] = copies
    except TypeError:
        pass  # not weakly referenceable: ask again next time
    return copies


def _scorer(translator: Translator, source: str) -> Callable[[Sequence[str]], list[float]]:
    """The model's score of candidate sentences for *source*; all equal (the first candidate
    wins) when the model cannot score them: CTranslate2 raises RuntimeError for a sentence
    longer than its positions, which a model stuck in a loop writes."""
    def score(candidates: Sequence[str]) -> list[float]:
        try:
            return translator.score([source] * len(candidates), candidates)
        except RuntimeError:
            return [0.0] * len(candidates)

    return score


__all__ = ["NUM_HYPOTHESES", "Requirement", "enforce", "enforce_sentence"]
