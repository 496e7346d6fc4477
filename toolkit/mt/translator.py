"""The translator seam: scored n-best hypotheses with alignment, and scoring of given targets.

Glossary enforcement needs more from a model than one best string: several hypotheses to choose
from, where in the output each source word went (to find the model's own rendering of a term),
and the model's opinion of candidate sentences (to choose the grammatical case of an inserted
Russian term). :class:`Translator` is that contract, small enough that tests inject a fake one
instead of monkeypatching the engine. :class:`CTranslate2Translator` implements it over a loaded
:class:`~toolkit.mt.engine.Engine` (the same process-wide model the pipeline uses: one load per
process), and :class:`PivotTranslator` composes two translators (ru -> en -> zh).

Spans are character offsets: ``source_spans[i]`` is where source piece *i* lies in the source
sentence, ``target_spans[j]`` where target piece *j* lies in ``Hypothesis.text``, and
``alignment[j]`` the source piece target piece *j* attended to most (-1: none), from the
model's attention as CTranslate2 returns it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from toolkit.mt.engine import PositionLimit, get_engine, tidy_output
from toolkit.text.protect import TRAILING_PUNCT
from toolkit.text.scripts import is_cjk

if TYPE_CHECKING:
    from toolkit.mt.engine import Engine, EngineSettings
    from toolkit.mt.package import Package

Span = tuple[int, int]


@dataclass(frozen=True)
class Hypothesis:
    """One translation of a sentence, with its model score and (optionally) its alignment."""

    text: str
    score: float = 0.0
    source_spans: tuple[Span, ...] = ()
    target_spans: tuple[Span, ...] = ()
    alignment: tuple[int, ...] = ()
    source: str = ""
    """The source sentence the spans point into (to tell its words from its punctuation)."""

    def aligned(self, start: int, end: int) -> Span | None:
        """The target character span the source characters ``[start, end)`` went to.

        The union of the target pieces aligned to a source piece overlapping the range, when
        those pieces are contiguous enough (gaps of at most one piece are bridged); None when
        the hypothesis carries no alignment or nothing was aligned there.
        """
        if not self.alignment:
            return None
        wanted = {i for i, (s, e) in enumerate(self.source_spans) if s < end and e > start}
        hits = [j for j, i in enumerate(self.alignment) if i in wanted]
        if not hits:
            return None
        # the longest run of aligned target pieces (attention strays now and then)
        runs: list[list[int]] = [[hits[0]]]
        for j in hits[1:]:
            if j - runs[-1][-1] <= 2:
                runs[-1].append(j)
            else:
                runs.append([j])
        run = max(runs, key=len)
        lo, hi = self.target_spans[run[0]][0], self.target_spans[run[-1]][1]
        return (lo, hi) if hi > lo else None

    def insertion_point(self, start: int, end: int) -> int | None:
        """Where in the text to put what the source had at ``[start, end)`` (a span the model
        lost, or one taken out before translation), the way browser translation re-inserts
        tags: after the translation of the nearest source word before it, else before the
        translation of the nearest word after it (then the next ones out, up to three on each
        side); on a target word boundary. A span that ended its sentence ends the translation.
        None without an alignment, or when no neighbour's translation was found.
        """
        if not self.alignment:
            return None
        if self.source:
            left = [m.span() for m in _WORD.finditer(self.source, 0, start)]
            right = [m.span() for m in _WORD.finditer(self.source, end)]
        else:  # no source text: its pieces are its words
            left = [sp for sp in self.source_spans if sp[0] < sp[1] <= start]
            right = [sp for sp in self.source_spans if end <= sp[0] < sp[1]]
        if not left and not right:
            return 0
        if not right:  # it ended the sentence: it ends the translation (before its stop)
            return self._sentence_end()
        # nearest neighbours first, the left one before the right one at each distance
        for k in range(_NEIGHBOURS):
            if k < len(left) and (targets := self._targets(*left[-1 - k])):
                return self._word_end(self.target_spans[max(targets)][1])
            if k < len(right) and (targets := self._targets(*right[k])):
                return self._word_start(self.target_spans[min(targets)][0])
        return None

    def _targets(self, start: int, end: int) -> list[int]:
        """Target pieces aligned to a source piece overlapping ``[start, end)``."""
        wanted = {i for i, (s, e) in enumerate(self.source_spans) if s < end and e > start}
        return [j for j, i in enumerate(self.alignment)
                if i in wanted and _WORD.search(self.text, *self.target_spans[j])]

    def _sentence_end(self) -> int:
        stop = TRAILING_PUNCT.search(self.text)
        return stop.start() if stop else len(self.text)

    def _word_end(self, at: int) -> int:
        """The end of the word *at* is in (its closing punctuation stays after it)."""
        text = self.text
        if at < len(text) and is_cjk(text[at]) or at and is_cjk(text[at - 1]):
            return at  # Chinese: pieces are the only word boundaries we know
        while at < len(text) and not text[at].isspace():
            at += 1
        while at and text[at - 1] in _CLOSING:
            at -= 1
        return at

    def _word_start(self, at: int) -> int:
        """The start of the word *at* is in (its opening punctuation stays before it)."""
        text = self.text
        if at < len(text) and is_cjk(text[at]) or at and is_cjk(text[at - 1]):
            return at
        while at and not text[at - 1].isspace():
            at -= 1
        while at < len(text) and text[at] in _OPENING:
            at += 1
        return at


_NEIGHBOURS = 3
"""How many source words on each side may anchor a lost span (nearest first)."""
_CLOSING = frozenset(".,;:!?)]}»”\"'…")
_OPENING = frozenset("([{«“\"'")
_WORD = re.compile(r"\w+")


@runtime_checkable
class Translator(Protocol):
    """What term enforcement needs from a model, for one language pair."""

    source: str
    target: str

    def translate(self, sentences: Sequence[str], *, num_hypotheses: int = 1,
                  return_scores: bool = True,
                  return_alignment: bool = False) -> list[list[Hypothesis]]:
        """Up to *num_hypotheses* hypotheses per sentence, best first."""
        ...

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        """log P(target | source) of each pair under the model (higher is better)."""
        ...


#: UTF-8 byte -> 1 when it starts a character, 0 when it continues one (10xxxxxx).
_STARTS_CHARACTER = bytes((b & 0xC0) != 0x80 for b in range(256))


def _char_spans(text: str, pieces: Any) -> list[Span]:
    """Character spans of SentencePiece proto pieces (whose offsets are UTF-8 bytes)."""
    if text.isascii():
        byte_to_char: Sequence[int] = range(len(text) + 1)
    else:  # a byte that does not continue a character (10xxxxxx) starts the next one
        starts = text.encode("utf-8").translate(_STARTS_CHARACTER)
        byte_to_char = [*accumulate(starts, initial=-1)][1:] + [len(text)]
    spans = []
    for p in pieces:
        lo, hi = byte_to_char[p.begin], byte_to_char[p.end]
        # a leading space belongs to the gap, not to the word
        while lo < hi and text[lo].isspace():
            lo += 1
        spans.append((lo, hi))
    return spans


def _piece_spans(text: str, pieces: Sequence[str]) -> list[Span] | None:
    """The character spans of SentencePiece *pieces* (strings) in *text*, as
    :func:`_char_spans` gives them from the pieces' protos, when the pieces spell *text*
    exactly (``▁`` a space, the first one's dummy prefix none of it, a character the
    vocabulary lacks spelled in byte pieces: :func:`_byte_surfaces`); None otherwise (the
    normalizer changed a character, ``（`` to ``(``, or an unknown piece): then only the
    protos know. Reading the offsets of a proto's pieces cost more than the rest of the
    alignment's bookkeeping; this walk is a fraction of it."""
    surfaces = [piece.replace("\u2581", " ") for piece in pieces]
    if surfaces and surfaces[0].startswith(" ") and not text.startswith(" "):
        surfaces[0] = surfaces[0][1:]  # the dummy prefix stands for nothing in the text
    if "".join(surfaces) != text:
        spelled = _byte_surfaces(surfaces)
        if spelled is None or "".join(spelled) != text:
            return None
        surfaces = spelled
    # a leading space belongs to the gap
    return [(end - len(surface.lstrip()), end)
            for surface, end in zip(surfaces, accumulate(map(len, surfaces)), strict=True)]


_BYTE_PIECE = re.compile(r"<0x([0-9A-F]{2})>")


def _byte_surfaces(surfaces: list[str]) -> list[str] | None:
    """*surfaces* with each run of byte pieces (``<0xE5>``: byte fallback, for a character
    the vocabulary lacks) read as the protos read it: the character's last byte piece carries
    it, the ones before it nothing. None for bytes that are no whole UTF-8 character: the
    protos then decide."""
    out: list[str] = []
    pending = bytearray()
    for surface in surfaces:
        byte = _BYTE_PIECE.fullmatch(surface)
        if byte is None:
            if pending:
                return None
            out.append(surface)
            continue
        pending.append(int(byte.group(1), 16))
        try:
            out.append(pending.decode("utf-8"))
        except UnicodeDecodeError:
            if len(pending) >= 4:
                return None
            out.append("")
            continue
        pending.clear()
    return None if pending else out


def _subsequence_map(raw: str, tidy: str) -> list[int]:
    """Index in *tidy* of each position of *raw* (tidy only deletes characters)."""
    out, j = [], 0
    for ch in raw:
        out.append(j)
        if j < len(tidy) and tidy[j] == ch:
            j += 1
    out.append(j)
    return out


class CTranslate2Translator:
    """A :class:`Translator` over one Argos package, sharing the engine's loaded model."""

    def __init__(self, package: Package, settings: EngineSettings | None = None,
                 engine: Engine | None = None):
        self.engine = engine or get_engine(package, settings)
        self.package = package
        self.source = package.from_code
        self.target = package.to_code

    def _loaded(self) -> tuple[Any, Any]:
        """The engine's CTranslate2 translator and SentencePiece processor (loaded once)."""
        self.engine._load()
        return self.engine._translator, self.engine._sp

    def _prefix(self) -> str:
        return getattr(self.package, "target_prefix", "") or ""

    def translate(self, sentences: Sequence[str], *, num_hypotheses: int = 1,
                  return_scores: bool = True,
                  return_alignment: bool = False) -> list[list[Hypothesis]]:
        """Translate *sentences* in one batched call; n-best from a beam of at least n."""
        if not sentences:
            return []
        try:
            return self._translate_fitted(sentences, num_hypotheses, return_scores,
                                          return_alignment)
        except PositionLimit:  # the engine learnt the model's length limit: fit and retry
            return self._translate_fitted(sentences, num_hypotheses, return_scores,
                                          return_alignment)

    def _translate_fitted(self, sentences: Sequence[str], num_hypotheses: int,
                          return_scores: bool, return_alignment: bool
                          ) -> list[list[Hypothesis]]:
        _ct2, sp = self._loaded()
        all_pieces = sp.encode(list(sentences), out_type=str)
        # A sentence too long for the model's positions goes through the engine, which cuts
        # it into pieces the model can take: one hypothesis, no alignment, nothing lost.
        limit = self.engine._source_limit()
        long = [i for i, p in enumerate(all_pieces) if limit and len(p) > limit]
        whole = dict(zip(long, self.engine.translate([sentences[i] for i in long]),
                         strict=True)) if long else {}
        keep = [i for i in range(len(sentences)) if i not in whole]
        short = self._translate([sentences[i] for i in keep], [all_pieces[i] for i in keep],
                                sp, num_hypotheses, return_scores, return_alignment)
        by_index = dict(zip(keep, short, strict=True))
        return [by_index[i] if i in by_index else [Hypothesis(whole[i])]
                for i in range(len(sentences))]

    def _translate(self, sentences: Sequence[str], batch: Sequence[list[str]], sp: Any,
                   num_hypotheses: int, return_scores: bool,
                   return_alignment: bool) -> list[list[Hypothesis]]:
        if not sentences:
            return []
        decoded = self.engine.decode(batch, num_hypotheses=num_hypotheses,
                                     return_scores=return_scores,
                                     return_attention=return_alignment)
        out = []
        for sentence, pieces, result in zip(sentences, batch, decoded, strict=True):
            source_spans = tuple(self._source_spans(sp, sentence, pieces)) \
                if return_alignment else ()
            scores = result.scores or [0.0] * len(result.hypotheses)
            out.append([self._hypothesis(sp, pieces, scores[k],
                                         result.attention[k] if return_alignment else None,
                                         source_spans, sentence)
                        for k, pieces in enumerate(result.hypotheses)])
        return out

    @staticmethod
    def _source_spans(sp: Any, sentence: str, pieces: Sequence[str]) -> list[Span]:
        """The character spans of the source *pieces* of *sentence* (:func:`_piece_spans`,
        else from the protos)."""
        spans = _piece_spans(sentence, pieces)
        if spans is None:
            spans = _char_spans(sentence, sp.encode(sentence, return_type="proto").pieces)
        return spans

    def align(self, sources: Sequence[str], targets: Sequence[str]) -> list[Hypothesis]:
        """Each given target as a hypothesis of its source, with the model's alignment (forced
        decoding): where each word of a translation made or edited elsewhere came from.

        The hypothesis's text is the target as SentencePiece gives it back, which may differ
        from *targets* in normalization; callers compare before using its offsets.
        """
        if not sources:
            return []
        try:
            return self._align(sources, targets)
        except PositionLimit:  # the engine learnt the model's length limit: leave long ones
            return self._align(sources, targets)

    def _align(self, sources: Sequence[str], targets: Sequence[str]) -> list[Hypothesis]:
        _ct2, sp = self._loaded()
        protos = sp.encode(list(sources), return_type="proto")
        forced = sp.encode(list(targets), out_type=str)
        limit = self.engine._source_limit()
        out: list[Hypothesis] = [Hypothesis(t) for t in targets]
        keep = [i for i, p in enumerate(protos)
                if not limit or (len(p.pieces) <= limit and len(forced[i]) <= limit)]
        decoded = self.engine.decode([[p.piece for p in protos[i].pieces] for i in keep],
                                     return_attention=True, forced=[forced[i] for i in keep])
        for i, result in zip(keep, decoded, strict=True):
            n = len(forced[i])
            out[i] = self._hypothesis(sp, result.hypotheses[0][:n], 0.0,
                                      result.attention[0][:n],
                                      tuple(_char_spans(sources[i], protos[i].pieces)),
                                      sources[i])
        return out

    def _hypothesis(self, sp: Any, pieces: list[str], score: float,
                    attention: Sequence[Sequence[float]] | None,
                    source_spans: tuple[Span, ...], source: str = "") -> Hypothesis:
        if attention is None:
            text = tidy_output(sp.decode(pieces), self.target)
            return Hypothesis(text, float(score))
        raw = sp.decode(pieces) if pieces else ""
        spans = _piece_spans(raw, pieces)
        if spans is None:
            proto = sp.decode_pieces(pieces, out_type="proto")
            raw, spans = proto.text, _char_spans(proto.text, proto.pieces)
        text = tidy_output(raw, self.target)
        if text != raw:
            where = _subsequence_map(raw, text)
            spans = [(where[s], where[e]) for s, e in spans]
        n = len(source_spans)
        # the first of equal maxima; -1 for an empty row (inlined: a call per row cost more)
        alignment = tuple(r.index(max(r)) if r else -1 for r in (row[:n] for row in attention))
        return Hypothesis(text, float(score), source_spans, tuple(spans), alignment, source)

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        """Total log-probability of each target (with its end of sentence) given its source."""
        if not sources:
            return []
        ct2, sp = self._loaded()
        src = sp.encode(list(sources), out_type=str)
        tgt = sp.encode(list(targets), out_type=str)
        if self._prefix():
            tgt = [[self._prefix(), *t] for t in tgt]
        with self.engine._lock:
            results = ct2.score_batch(
                src, tgt, max_batch_size=self.engine.settings.max_batch_tokens,
                batch_type="tokens")
        skip = 1 if self._prefix() else 0
        return [float(sum(r.log_probs[skip:])) for r in results]


class PivotTranslator:
    """Two translators composed through a pivot language (ru -> en -> zh).

    The first model's best hypothesis is what the second translates; alignments compose
    (target piece -> pivot piece -> source piece), and ``score`` rates a target against the
    pivot translation of its source.
    """

    def __init__(self, first: Translator, second: Translator):
        if first.target != second.source:
            raise ValueError(f"cannot pivot {first.source}->{first.target} into "
                             f"{second.source}->{second.target}")
        self.first, self.second = first, second
        self.source, self.target = first.source, second.target
        self._pivots: dict[str, str] = {}  # source -> pivot text, so score does not retranslate

    def _pivot(self, sentences: Sequence[str]) -> list[str]:
        missing = list(dict.fromkeys(s for s in sentences if s not in self._pivots))
        if missing:
            if len(self._pivots) > 100_000:
                self._pivots.clear()
            for s, hyps in zip(missing, self.first.translate(missing), strict=True):
                self._pivots[s] = hyps[0].text
        return [self._pivots[s] for s in sentences]

    def translate(self, sentences: Sequence[str], *, num_hypotheses: int = 1,
                  return_scores: bool = True,
                  return_alignment: bool = False) -> list[list[Hypothesis]]:
        """n-best of the second model over the first model's 1-best."""
        pivots = [h[0] for h in self.first.translate(sentences, return_alignment=return_alignment)]
        self._pivots.update(zip(sentences, (p.text for p in pivots), strict=True))
        seconds = self.second.translate([p.text for p in pivots], num_hypotheses=num_hypotheses,
                                        return_scores=return_scores,
                                        return_alignment=return_alignment)
        if not return_alignment:
            return seconds
        return [[_compose(pivot, hyp) for hyp in hyps]
                for pivot, hyps in zip(pivots, seconds, strict=True)]

    def align(self, sources: Sequence[str], targets: Sequence[str],
              middles: Sequence[str] | None = None) -> list[Hypothesis]:
        """Each target aligned to its source through the pivot: the middle sentence aligned
        to the source, then the second model's forced alignment of the target to it.

        *middles* are the middle sentences the targets were translated from (term enforcement
        edits them: :mod:`toolkit.terms.pivot`), force-aligned to their sources; without
        them, the first model's best translation of each source.
        """
        if middles is not None:
            pivots = self.first.align(sources, middles)  # type: ignore[attr-defined]
        else:
            pivots = [h[0] for h in self.first.translate(sources, return_alignment=True)]
        seconds = self.second.align([p.text for p in pivots], targets)  # type: ignore[attr-defined]
        return [_compose(p, h) for p, h in zip(pivots, seconds, strict=True)]

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        """The second model's score of each target given its source's pivot translation (the
        first model's best; term enforcement scores each leg against its own source instead,
        :mod:`toolkit.terms.pivot`)."""
        return self.second.score(self._pivot(sources), targets)


def _compose(pivot: Hypothesis, hyp: Hypothesis) -> Hypothesis:
    """*hyp* (pivot -> target) aligned back to the source through *pivot* (source -> pivot)."""
    # which source piece each pivot piece of the second model's input came from
    to_source = []
    for s, e in hyp.source_spans:
        covering = [j for j, (ps, pe) in enumerate(pivot.target_spans) if ps < e and pe > s]
        to_source.append(pivot.alignment[covering[0]] if covering else -1)
    alignment = tuple(to_source[i] if 0 <= i < len(to_source) else -1 for i in hyp.alignment)
    return Hypothesis(hyp.text, hyp.score, pivot.source_spans, hyp.target_spans, alignment,
                      pivot.source)


def translator_for(packages: Sequence[Package],
                   settings: EngineSettings | None = None) -> Translator:
    """The translator of a route: one package, or two composed through the pivot."""
    if not packages:
        raise ValueError("a translator needs at least one package")
    translator: Translator = CTranslate2Translator(packages[0], settings)
    for package in packages[1:]:
        translator = PivotTranslator(translator, CTranslate2Translator(package, settings))
    return translator
