"""Find the model's own rendering of a term in a hypothesis, so it can be replaced.

Cheapest and surest first: (1) ``variant``: another glossary term of the same concept in the
translation (a deprecated or forbidden name, the wrong type, an admitted one where a preferred
one is required); (2) ``fuzzy``: the run of words (Chinese: characters) most like the required
term, compared on stems without function words, so case endings and prepositions do not
count; (3) ``alignment``: the target pieces the model's attention tied to the source mention,
widened to whole words and cut to the model's rendering of the name (its neighbours, which a
small model's attention and a Chinese piece take with it, stay). Spans already holding a
satisfied term or a protection token, or another organisation's name the source has too
(:func:`toolkit.terms.targets.other_names`), are never taken; a variant or a run like the term
is widened over the words of the term around it (:func:`_whole_name`), so the whole of the
model's name is replaced, not its tail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from toolkit.glossary import ru
from toolkit.glossary.match import Mention
from toolkit.terms.model import Requirement
from toolkit.text.scripts import HAN
from toolkit.text.zh import (
    FUNCTION_CHARS,
    NAME_DOTS,
    NAME_ENDS,
    TRANSLITERATED,
    VERBS,
    word_boundary,
)

if TYPE_CHECKING:
    from toolkit.mt.translator import Hypothesis, Span

_WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*")
_CJK = re.compile(f"[{HAN}]")
#: Characters inside a name that are neither letters nor digits: the middle dot of a
#: transliterated full name (德米特里·阿尔谢尼耶夫) and hyphens.
_NAME_JOINERS = frozenset("·・-‐")
#: A word of letters or digits other than Han (a Latin name in a Chinese sentence).
_OTHER_WORD = re.compile(f"[^\\W_{HAN}]+(?:[-‐][^\\W_{HAN}]+)*")
_EN_FUNCTION = frozenset({"the", "a", "an", "of", "in", "at", "on", "to", "with", "by", "for",
                          "from", "and", "into", "as"})
_EN_ARTICLES = frozenset({"the", "a", "an"})
_EN_NOT_PREPOSITION = frozenset({"and", "as", *_EN_ARTICLES})
FUZZY_WORDS = 75.0
FUZZY_CHARS = 65.0
#: Slack for the float rounding of rapidfuzz's ratio against our bound of it.
_MARGIN = 1e-6


def _overlaps(span: Span, taken: Sequence[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return ru.stem(word) if ru.has_cyrillic(word) else word.lower()


@lru_cache(maxsize=65536)
def _function_word(word: str, lang: str) -> bool:
    if lang == "ru":
        if not ru.has_cyrillic(word):
            return False
        parses = ru.parses(word)
        return bool(parses) and parses[0].tag.POS in {"PREP", "CONJ", "PRCL"}
    return lang == "en" and word.lower() in _EN_FUNCTION


def content_words(text: str, lang: str) -> list[str]:
    """The words of *text* as :func:`fuzzy` compares them (stems, function words left out;
    in Chinese each Han character and each run of other letters or digits)."""
    if lang == "zh":
        return [w.lower() for w in re.findall(f"[{HAN}]|[^\\W_{HAN}]+", text)]
    return [_key(w) for w in _WORD.findall(text) if not _function_word(w, lang)]


def fuzzy(text: str, term: str, lang: str, taken: Sequence[Span]) -> Span | None:
    """The span of *text* most like *term* (above a threshold), outside *taken*."""
    from rapidfuzz import fuzz

    best: tuple[float, Span] | None = None
    if lang == "zh":
        n = len(term)
        # ratio = 200 * (common subsequence) / (n + size), and the common part is at most the
        # window's characters that occur in the term: windows that cannot reach the threshold
        # (or beat the best so far) are never scored (most of them, on a sentence of 40 Han)
        chars = set(term)
        # the characters of the term before its kind (四川 of 四川大学): a window sharing
        # none of them is some other organisation of that kind (清华大学's 大学), not this one
        ends = [e for e in NAME_ENDS if term.endswith(e) and len(e) < n]
        own = set(term[:n - max(map(len, ends))]) if ends else chars
        shared = [0]
        for ch in text:
            shared.append(shared[-1] + (ch in chars))
        for size in range(max(2, n - 2), n + 2):
            for i in range(0, len(text) - size + 1):
                bound = 200.0 * min(shared[i + size] - shared[i], n, size) / (n + size)
                if bound < FUZZY_CHARS - _MARGIN or best is not None and \
                        bound < best[0] - _MARGIN:
                    continue
                span = (i, i + size)
                if not _CJK.match(text[i]) or _overlaps(span, taken) or \
                        own.isdisjoint(text[i:i + size]):
                    continue
                score = fuzz.ratio(text[i:i + size], term)
                if score >= FUZZY_CHARS and (best is None or score > best[0]):
                    best = (score, span)
        return best[1] if best else None
    words = [(m.start(), m.end(), _key(m.group())) for m in _WORD.finditer(text)
             if not _function_word(m.group(), lang)]
    want = " ".join(_key(w) for w in _WORD.findall(term) if not _function_word(w, lang))
    n = len(_WORD.findall(term))
    # ratio = 200 * (common subsequence) / (len(a) + len(b)) is at most 200 * the shorter
    # length / the sum: windows too short or too long to reach the threshold (or to beat the
    # best so far) are never scored, nor joined
    ends = [0]
    for w in words:
        ends.append(ends[-1] + len(w[2]) + 1)
    wanted = len(want)
    for size in range(max(1, n - 2), n + 2):
        for i in range(0, len(words) - size + 1):
            length = ends[i + size] - ends[i] - 1
            bound = 200.0 * min(length, wanted) / (length + wanted) if length + wanted else 0.0
            if bound < FUZZY_WORDS - _MARGIN or best is not None and \
                    bound < best[0] - _MARGIN:
                continue
            span = (words[i][0], words[i + size - 1][1])
            if _overlaps(span, taken):
                continue
            score = fuzz.ratio(" ".join([w[2] for w in words[i:i + size]]), want)
            if score >= FUZZY_WORDS and (best is None or score > best[0]):
                best = (score, span)
    return best[1] if best else None


def by_alignment(hyp: Hypothesis, mention: Mention, lang: str, term: str,
                 taken: Sequence[Span], variants: Sequence[str] = (),
                 strays: Sequence[Span] = ()) -> Span | None:
    """What the model's attention tied to the source mention, as whole words, or None.

    Only the words of the rendering itself (:func:`_own_words`; in Chinese
    :func:`_own_chars`): the attention of a small model also ties the mention to its
    neighbours (``является членом`` before ``Российской академии наук``, the verb ``открыл``
    of ``opened with Kazan Federal University``, ``签署了`` after a Chinese name), and
    replacing those would swallow the sentence's own words. *variants* are other words the
    rendering may be made of (the concept's terms the model wrote elsewhere); *strays* are
    names of concepts the source does not name, found in the hypothesis.
    """
    span = hyp.aligned(mention.start, mention.end)
    if span is None:
        return None
    lo, hi = span
    text = hyp.text
    if lang != "zh":
        words = [m.span() for m in _WORD.finditer(text) if m.start() < hi and m.end() > lo]
        words = _own_words(hyp, mention, words, lang, [term, *variants])
        if not words or len(words) > 2 * len(_WORD.findall(term)) + 2:
            return None
        lo, hi = words[0][0], words[-1][1]
    else:
        while lo < hi and not _CJK.match(text[lo]) and not text[lo].isalnum():
            lo += 1
        while hi > lo and not _CJK.match(text[hi - 1]) and not text[hi - 1].isalnum():
            hi -= 1
        # never half a Latin word (all of it is the rendering) nor part of a number (none
        # of it is: attention may end inside ``2003``)
        while 0 < lo < hi and _latin(text[lo - 1]) and _latin(text[lo]):
            lo -= 1
        while lo < hi < len(text) and _latin(text[hi - 1]) and _latin(text[hi]):
            hi += 1
        if 0 < lo < hi and text[lo - 1].isdigit() and text[lo].isdigit():
            while lo < hi and text[lo].isdigit():
                lo += 1
        if lo < hi < len(text) and text[hi - 1].isdigit() and text[hi].isdigit():
            while hi > lo and text[hi - 1].isdigit():
                hi -= 1
        if hi <= lo or _overlaps((lo, hi), taken):
            return None
        own = _own_chars(hyp, mention, (lo, hi), [term, *variants], strays)
        if own is None:
            return None
        lo, hi = _term_run(text, own, term, taken)
        if hi - lo > 2 * len(term) + 2:
            return None
    return None if _overlaps((lo, hi), taken) else (lo, hi)


def _term_run(text: str, span: Span, term: str, taken: Sequence[Span]) -> Span:
    """The Chinese *span* widened over the Han characters beside it that go on spelling
    the *term* in its order (the span's text stays a subsequence of the term): the attention
    may tie a mention to one piece of the model's rendering (``中`` of ``联合中心`` for
    ``联合激光研究中心``), and replacing that piece alone leaves the rest of the rendering
    around the term (``联合联合激光研究中心心``). Nothing *taken* is crossed."""
    lo, hi = span
    while lo > 0 and _CJK.match(text[lo - 1]) and _subsequence(text[lo - 1:hi], term) \
            and not _overlaps((lo - 1, lo), taken):
        lo -= 1
    while hi < len(text) and _CJK.match(text[hi]) and _subsequence(text[lo:hi + 1], term) \
            and not _overlaps((hi, hi + 1), taken):
        hi += 1
    return lo, hi


def _subsequence(part: str, whole: str) -> bool:
    """Whether the characters of *part* occur in *whole* in the same order."""
    rest = iter(whole)
    return all(ch in rest for ch in part)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2].lower() for i in range(len(text) - 1)}


def _own_chars(hyp: Hypothesis, mention: Mention, span: Span, terms: Sequence[str],
               strays: Sequence[Span]) -> Span | None:
    """The part of the Chinese *span* (what the attention tied to *mention*) that is the
    model's rendering of it, or None when nothing of it is.

    Chinese has no spaces and a target piece of the model's vocabulary often holds a name
    with the words around it (``日在圣彼得堡``, ``江苏省产业技术研究院与``), so the attention,
    which ties whole pieces, cannot tell the name from its neighbours. What does:

    - a name the glossary knows for a concept the source does not name (one of *strays*),
      inside the span and sharing no two characters in a row with *terms*: the model wrote
      that entity in this one's place, and it alone is the rendering (``圣彼得堡`` of
      ``日在圣彼得堡`` for ``Nanking``);
    - the span is cut at what is no part of a name: Chinese function characters
      (:data:`~toolkit.text.zh.FUNCTION_CHARS`: ``了``, ``的``, ``与``, ``在``...) and
      press-release verbs (:data:`~toolkit.text.zh.VERBS`: ``签署``) that none of *terms*
      contains, punctuation, digits and the first character after a digit (the unit of a
      number or date: ``23日``), and the Han characters of a piece (a whole word, in other
      scripts) that shares no two characters in a row with *terms* and that the attention ties
      mostly to source words outside the mention (:func:`_aligned_outside`);
    - of the parts left, those that share two characters in a row with one of *terms* (or
      are made of its characters only) anchor the rendering: it runs from the first of them
      to the last (``南京理工大学`` of ``为南京理工大学的学生作了关于物流`` for
      ``南京市科学技术局``). Without such a part the
      rendering is unlike the term (a wrong name, a garbled transliteration) and all the
      parts, first to last, are kept: only the edges are cut, and the parts at the edges
      that would cut a word of the sentence (:func:`_anchored`: ``帮|助``, ``关|于``).

    Function characters are not cut where that would leave a single Han character of a
    longer span: a one-character name is rarer than a two-character one that ends or begins
    with a function character (``成都``, ``埃及``).
    """
    text = hyp.text
    lo, hi = span
    grams = set().union(*(_bigrams(t) for t in terms))
    chars = set("".join(terms))
    inside = [s for s in strays if lo <= s[0] and s[1] <= hi
              and _another_entity(text, s, span, terms, "zh")]
    if inside:
        return min(s[0] for s in inside), max(s[1] for s in inside)
    cut = [not (ch.isalnum() or ch.isspace() or ch in _NAME_JOINERS)
           or ch.isdigit() and ch not in chars
           or i > 0 and text[i - 1].isdigit() and bool(_CJK.match(ch))
           for i, ch in enumerate(text[lo:hi], lo)]
    for m in VERBS.finditer(text, lo, hi):
        if not any(m.group() in t for t in terms):
            cut[m.start() - lo:m.end() - lo] = [True] * len(m.group())
    # the Han characters of a piece, and a word of another script (never a part of it), that
    # the attention ties to words outside the mention
    pieces = [(max(s, lo), min(e, hi)) for s, e in hyp.target_spans]
    for s, e in pieces:
        if s < e and not _bigrams(text[s:e]) & grams and _aligned_outside(hyp, mention, (s, e)):
            for i in range(s, e):
                cut[i - lo] = cut[i - lo] or bool(_CJK.match(text[i]))
    for m in _OTHER_WORD.finditer(text, lo, hi):
        if not _bigrams(m.group()) & grams and _aligned_outside(hyp, mention, m.span()):
            cut[m.start() - lo:m.end() - lo] = [True] * len(m.group())
    function = [text[i] in FUNCTION_CHARS and text[i] not in chars for i in range(lo, hi)]
    own = _anchored(text, lo, [c or f for c, f in zip(cut, function, strict=True)], grams,
                    chars)
    if own is not None and own[1] - own[0] == 1 and hi - lo > 1 and _CJK.match(text[own[0]]):
        # a function character cut off a two-character name (成都) is the name's
        return _anchored(text, lo, cut, grams, chars)
    return own


def _anchored(text: str, lo: int, cut: Sequence[bool], grams: set[str], chars: set[str]
              ) -> Span | None:
    """From the first to the last of the parts of ``text[lo:lo + len(cut)]`` between the
    characters *cut* that are like the term (:func:`_like`), or of all the parts when none
    is; None when nothing is left.

    Where none is like the term (the attention's guess at a rendering the model left out or
    garbled), no part at the span's edge is taken that cuts a word: one that ends where the
    attention's span ends between two Han characters (nothing marks a word boundary there:
    ``帮|助``, ``科|学家`` of ``将帮助我们的科学家``), or a lone Han character beside a function
    character, other parts left (a word with it: ``关|于``, ``以|及``). The last part left is
    kept (replacing it costs no model pass, as a term put in instead would)."""
    parts: list[Span] = []
    i, hi = lo, lo + len(cut)
    while i < hi:
        if cut[i - lo]:
            i += 1
            continue
        j = i
        while j < hi and not cut[j - lo]:
            j += 1
        a, b = i, j
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not text[b - 1].isalnum():
            b -= 1
        if a < b:
            parts.append((a, b))
        i = j
    anchored = [p for p in parts if _like(text[p[0]:p[1]], grams, chars)]
    if not anchored:
        while len(parts) > 1 and _cuts_a_word(text, parts[0], lo, hi):
            parts = parts[1:]
        while len(parts) > 1 and _cuts_a_word(text, parts[-1], lo, hi):
            parts = parts[:-1]
        if len(parts) == 1 and _lone_character(text, parts[0]):
            return None  # one character of a word (批 of 首批): the term goes beside it
    kept = anchored or parts
    return (kept[0][0], kept[-1][1]) if kept else None


def _lone_character(text: str, part: Span) -> bool:
    """Whether *part* is one Han character that a Han neighbour joins into a word, no word
    boundary marked between them (:func:`~toolkit.text.zh.word_boundary`): the ``批`` of
    ``首批``, which the attention tied to a name the model left out. Replacing it put the
    term inside the word (``首玛丽亚·奥尔洛娃项目``)."""
    a, b = part
    return b - a == 1 and bool(_CJK.match(text[a])) and (
        word_boundary(text, a) != a or word_boundary(text, b) != b)


def _cuts_a_word(text: str, part: Span, lo: int, hi: int) -> bool:
    """Whether *part*, at an edge of the attention's span ``[lo, hi)``, would cut a word of
    the sentence (:func:`_anchored`): it is a lone Han character beside a function character,
    or it begins or ends inside a word (:func:`_inside_word`)."""
    a, b = part
    if b - a == 1 and _CJK.match(text[a]) and (
            a > 0 and text[a - 1] in FUNCTION_CHARS or b < len(text) and text[b] in FUNCTION_CHARS):
        return True
    return _inside_word(text, part, lo, hi)


def _inside_word(text: str, part: Span, lo: int, hi: int) -> bool:
    """Whether *part* begins or ends where the attention's span ``[lo, hi)`` does, between two
    Han characters that no word boundary marks: a function character or verb before the span,
    a function character or verb after it, the end of a name's kind mark one (``在|成都``,
    ``协议|在``, ``大学|的``, ``框架内|签署``); ``帮|助`` and ``中|心`` are none."""
    a, b = part
    if a == lo and 0 < a and _CJK.match(text[a - 1]) and _CJK.match(text[a]) and \
            text[a - 1] not in FUNCTION_CHARS and not _verb_at(text, a, before=True):
        return True
    return b == hi and b < len(text) and bool(_CJK.match(text[b - 1])) and \
        bool(_CJK.match(text[b])) and text[b] not in FUNCTION_CHARS and \
        not _verb_at(text, b, before=False) and not text[a:b].endswith(NAME_ENDS)


def _verb_at(text: str, at: int, before: bool) -> bool:
    """Whether a press-release verb (:data:`~toolkit.text.zh.VERBS`) ends (*before*) or
    begins at *at*."""
    return any((m.end() == at) if before else (m.start() == at)
               for m in VERBS.finditer(text, max(0, at - 2), at + 2))


def _like(part: str, grams: set[str], chars: set[str]) -> bool:
    """Whether *part* shares two characters in a row with the term (its *grams*) or is made
    of the term's *chars* only (the ``园`` of ``英格里亚|科学|园`` cut off by a piece between)."""
    return bool(_bigrams(part) & grams) or set(part) <= chars


#: Parts of speech of Russian predicates: a finite verb, an infinitive, a gerund, a short
#: participle ("открыт"), a predicative ("нужно"): never a word of an entity's name.
_RU_PREDICATE = frozenset({"VERB", "INFN", "GRND", "PRTS", "PRED"})
#: Parts of speech of Russian words that may open a name in lower case ("городская управа").
_RU_MODIFIER = frozenset({"ADJF", "PRTF", "NUMR"})


def _own_words(hyp: Hypothesis, mention: Mention, words: list[Span], lang: str,
               terms: Sequence[str]) -> list[Span]:
    """The run of *words* (the alignment's, whole) that is the model's rendering of *mention*.

    Edge words go while they are: a function word; a word that is none of the words of *terms*
    (by stem) and whose letters the attention ties mostly to source words outside the mention,
    but for the last one left unless it is a Russian predicate (the ``л`` of ``открыл``
    aligned to ``University`` does not make the verb part of the name); and, where a word of
    *terms* (by stem) is among them, so the rendering is anchored there, a word that is none
    of those and either a Russian predicate or, on the left where a name begins, a word
    written in lower case (not opening the sentence, not a Russian modifier that may begin a
    name, not the object of a preposition before it: :func:`_after_preposition`): the
    ``членом`` of ``является членом Российско-китайского альянса`` for ``is a member of the
    Russian Academy of Sciences``. Without such an anchor
    the words left are the model's rendering, however garbled, and are all replaced.
    """
    text = hyp.text
    near = {_key(w) for t in terms for w in _WORD.findall(t)}
    anchored = any(_neighbour(text[s:e], near) for s, e in words)

    def own(i: int, left: bool) -> bool:
        start, end = words[i]
        word = text[start:end]
        if _function_word(word, lang):
            return False
        if _neighbour(word, near):
            return True
        pos = None
        if lang == "ru" and ru.has_cyrillic(word):
            parses = ru.parses(word)
            pos = parses[0].tag.POS if parses else None
        # a lone word stays the rendering (however garbled) unless it is a predicate
        if _aligned_outside(hyp, mention, (start, end)) and (
                len(words) > 1 or pos in _RU_PREDICATE):
            return False
        # without a word of the term among them, the words the attention ties to the
        # mention are all there is of its rendering (a garbled one, but the model's)
        if not anchored or pos in _RU_MODIFIER:
            return True
        if pos in _RU_PREDICATE:
            return False
        return not left or start == 0 or not word[:1].islower() or \
            _after_preposition(text, start, lang)

    while words and not own(0, True):
        words = words[1:]
    while words and not own(len(words) - 1, False):
        words = words[:-1]
    return words


def _after_preposition(text: str, start: int, lang: str) -> bool:
    """Whether the word at *start* follows a preposition (articles between): it is then the
    head of that preposition's object, the name's rendering (``с делегацией`` where the
    middle sentence had ``with Nanjing City Hall``), not a word that governs the name."""
    for m in reversed(list(_WORD.finditer(text, 0, start))):
        word = m.group().lower()
        if lang == "en" and word in _EN_ARTICLES:
            continue
        if lang == "ru":
            parses = ru.parses(word) if ru.has_cyrillic(word) else ()
            return bool(parses) and parses[0].tag.POS == "PREP"
        return lang == "en" and word in _EN_FUNCTION and word not in _EN_NOT_PREPOSITION
    return False


def _neighbour(word: str, near: set[str]) -> bool:
    """Whether *word* (or a part of a hyphenated one) is a word of the term's, by stem: the
    same stem, or one begins the other with at least four letters in common (``Российско``
    of ``Российско-китайского`` and ``российск``)."""
    for part in re.split("[-‐]", word):
        key = _key(part)
        for other in near:
            if key == other or min(len(key), len(other)) >= 4 and (
                    key.startswith(other) or other.startswith(key)):
                return True
    return False


def _aligned_outside(hyp: Hypothesis, mention: Mention, span: Span) -> bool:
    """Whether the letters of the target *span* the attention ties to source pieces outside
    the mention are at least twice those it ties inside it (pieces aligned to nothing count
    for neither): ``откры|л`` of ``opened`` with its ``л`` on the name is the verb, ``обла|сти``
    with three of seven letters on the name may be part of the name's garbled rendering."""
    inside = outside = 0
    for (s, e), i in zip(hyp.target_spans, hyp.alignment, strict=False):
        size = min(e, span[1]) - max(s, span[0])
        if size <= 0 or not 0 <= i < len(hyp.source_spans):
            continue
        ss, se = hyp.source_spans[i]
        if se <= ss:
            continue
        if ss < mention.end and se > mention.start:
            inside += size
        else:
            outside += size
    return outside >= 2 * inside and outside > 0


def _latin(char: str) -> bool:
    """A letter of an alphabet (not a Han character)."""
    return char.isalpha() and not _CJK.match(char)


def locate(req: Requirement, hyp: Hypothesis, found: Sequence[Mention], lang: str,
           taken: Sequence[Span], strays: Sequence[Span] = (),
           named: Sequence[Span] = ()) -> tuple[Span, str] | None:
    """(span of the model's rendering of *req* in *hyp*, how it was found), or None.

    *strays* are renderings of concepts the source does not name: only the alignment may
    take one (a model that garbles an entity often writes another one it knows there), and
    then all of it. *named* are the source spans of the sentence's glossary mentions (each a
    name of its own: :func:`whole_names`).
    """
    term = req.text or ""
    for mention in found:
        span = (mention.start, mention.end)
        if mention.concept_id == req.concept_id and not _overlaps(span, taken):
            if lang != "zh":
                span = _whole_name(hyp.text, span, [term, mention.surface], taken)
            return span, "variant"
    span = fuzzy(hyp.text, term, lang, [*taken, *strays]) if term else None
    if span is not None and lang == "zh":
        span = whole_names(hyp, _word_edges(hyp.text, span, term, taken), req.mention, term,
                           taken, named)
    elif span is not None:
        span = _whole_name(hyp.text, span, [term], taken)
    if span is not None:
        return span, "fuzzy"
    span = by_alignment(hyp, req.mention, lang, term, taken, [m.surface for m in found],
                        strays)
    if span is not None and lang == "zh":
        span = whole_names(hyp, span, req.mention, term, taken, named)
    elif span is not None:
        # the attention may stop short of the name's first or last word, which would then
        # stand beside the term (``Елена Елены Соколовой`` for ``Елена Кузнецова``), and a
        # first name of the term's taken after the span begins the model's rendering of it,
        # which takes the capitalised words after it too (``Анна Иванова`` for ``Anna Belova``)
        wide = _whole_name(hyp.text, span, [term, *(m.surface for m in found)], taken,
                           lang)
        if wide[1] > span[1]:
            wide = (wide[0], _name_run_end(hyp.text, wide[1], taken))
        span = _whole_person(hyp.text, _over_modifiers(hyp.text, wide, term, taken, lang),
                             term, taken, lang)
    if span is not None:
        # attention on part of another entity's name: the model wrote that entity in this
        # one's place, so all of it goes (replacing a part leaves a hybrid of the two names),
        # and, when it is nothing like the term, it alone: the words the attention took
        # beside it are the sentence's ('will be held' after 'Russian-Chinese Innovation
        # Forum' written for 'Nanjing Municipal Science and Technology Bureau')
        over = [s for s in strays if _overlaps(span, [s]) and not _overlaps(s, taken)]
        terms = [term, *(m.surface for m in found)]
        unlike = [s for s in over if _another_entity(hyp.text, s, span, terms, lang)]
        if unlike:
            return (min(s[0] for s in unlike), max(s[1] for s in unlike)), "alignment"
        for stray in over:
            span = (min(span[0], stray[0]), max(span[1], stray[1]))
        return span, "alignment"
    return None


#: A word right before a span, with what may stand between two words of one name: spaces,
#: after the full stop of an abbreviation (``St. Petersburg``).
_WORD_BEFORE = re.compile(r"(?<![^\W_])[^\W_]+(?:[-‐][^\W_]+)*(?=\.?[ \t\u00a0]+$)")
_WORD_AFTER = re.compile(r"[ \t\u00a0]+([^\W_]+(?:[-‐][^\W_]+)*)")


def _whole_name(text: str, span: Span, terms: Sequence[str], taken: Sequence[Span],
                joined: str | None = None) -> Span:
    """*span* (a glossary variant or a run of words like the term, in a sentence with word
    boundaries) widened over the words right before and after it that are words of *terms*
    (by stem) up to a capitalised one: all of the model's rendering of the name is replaced,
    not its tail (``St. Petersburg Polytechnic University`` for the full form had become ``St.
    Petersburg Peter the Great St. Petersburg Polytechnic University``). Spans *taken* (other
    concepts' names, another organisation's longer name) stay. With *joined* (a language),
    a function word of it may stand between the span and such a capitalised word after it
    (``Science and Bureau`` of the attention's ``Science``)."""
    near = {_key(w) for t in terms for w in _WORD.findall(t)}
    lo, hi = span
    at = lo
    while (m := _WORD_BEFORE.search(text, 0, at)) is not None and _neighbour(m.group(), near) \
            and not _overlaps((m.start(), lo), taken):
        at = m.start()
        if m.group()[:1].isupper():
            lo = at
    while True:
        m = _WORD_AFTER.match(text, hi)
        if m is not None and joined is not None and _function_word(m.group(1), joined) \
                and m.group(1)[:1].islower():
            m = _WORD_AFTER.match(text, m.end())
        if m is None or not m.group(1)[:1].isupper() or not _neighbour(m.group(1), near) \
                or _overlaps((hi, m.end()), taken):
            break
        hi = m.end()
    return lo, hi


#: Words of the model's own between two words of a term's in its rendering of a name, at most.
_MODIFIERS_BETWEEN = 2


def _over_modifiers(text: str, span: Span, term: str, taken: Sequence[Span], lang: str
                    ) -> Span:
    """*span*, ending with a word of *term* (by stem), widened to a word of the term right
    after it when only modifiers of the model's stand between (Russian adjectives or
    participles, English capitalised words; at most :data:`_MODIFIERS_BETWEEN`): the model
    wrote another kind of the same name, ``Томский политехнический университет`` for
    ``Томский государственный университет``, and the attention stopped at ``Томский``, so the
    term went in before the model's ``политехнический университет``, which stayed."""
    near = {_key(w) for w in _WORD.findall(term)}
    lo, hi = span
    last = list(_WORD.finditer(text, lo, hi))
    if not last or not _neighbour(last[-1].group(), near):
        return span
    at = hi
    for _ in range(_MODIFIERS_BETWEEN + 1):
        m = _WORD_AFTER.match(text, at)
        if m is None or _overlaps((at, m.end()), taken):
            return span
        word = m.group(1)
        if _neighbour(word, near):
            return lo, m.end()
        if _function_word(word, lang) or not _modifier(word, lang):
            return span
        at = m.end()
    return span


def _modifier(word: str, lang: str) -> bool:
    """Whether *word* may qualify the head of a name: a Russian adjective or participle (full
    form), a capitalised English word."""
    if lang == "ru":
        parses = ru.parses(word) if ru.has_cyrillic(word) else ()
        return bool(parses) and parses[0].tag.POS in {"ADJF", "PRTF"}
    return word[:1].isupper()


_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:;«\"“(—–-])\s*$")


def _whole_person(text: str, span: Span, term: str, taken: Sequence[Span], lang: str) -> Span:
    """*span* (what the attention tied to a mention of a name of capitalised words, *term*:
    ``Maria Orlova``) widened over the capitalised words right after and before it, while it
    has fewer words than the term: the model's own name for the person is replaced whole, not
    its first or last word (``Maria Orlova Arseniev`` for the model's ``Dmitry Arseniev``,
    ``Дмитрий Виктор Кокшаров``). A word opening the sentence is taken only in Russian and
    only when it is a given name, patronymic or surname (``Ректор`` or ``Professor`` there is
    a title the term does not replace); spans *taken* stay."""
    words = _WORD.findall(term)
    lo, hi = span
    own = _WORD.findall(text[lo:hi])
    if len(words) < 2 or not all(w[:1].isupper() for w in [*words, *own]) or not own:
        return span
    count = len(own)
    while count < len(words):
        after = _WORD_AFTER.match(text, hi)
        if after is not None and after.group(1)[:1].isupper() and \
                not _overlaps((hi, after.end()), taken):
            hi, count = after.end(), count + 1
            continue
        before = _WORD_BEFORE.search(text, 0, lo)
        if before is not None and before.group()[:1].isupper() and \
                not _overlaps((before.start(), lo), taken) and (
                    not _SENTENCE_OPENS.search(text, 0, before.start())
                    or lang == "ru" and _personal_name(before.group())):
            lo, count = before.start(), count + 1
            continue
        break
    return lo, hi


def _personal_name(word: str) -> bool:
    """Whether pymorphy3 reads the Russian *word* as a given name, patronymic or surname."""
    return ru.has_cyrillic(word) and any(
        g in p.tag for p in ru.parses(word) for g in ("Name", "Patr", "Surn"))


def _name_run_end(text: str, hi: int, taken: Sequence[Span]) -> int:
    """Where the run of capitalised words going on at *hi* ends (the rest of a name), spans
    *taken* left alone."""
    while (m := _WORD_AFTER.match(text, hi)) is not None and m.group(1)[:1].isupper() and \
            not _overlaps((hi, m.end()), taken):
        hi = m.end()
    return hi


def _another_entity(text: str, name: Span, span: Span, terms: Sequence[str], lang: str) -> bool:
    """Whether the glossary name at *name* (of a concept the source does not name) is, in
    the attention's *span*, another entity the model wrote in the term's place, all of the
    rendering: nothing like the term (:func:`_like_term`), and not part of a longer name
    within the span (``南京`` of ``南京大学``, ``Цзянсу`` of ``Университет Цзянсу``): what
    the span has right before and after it is no name's (a Chinese function character, verb,
    digit or punctuation, or after a name ending with its kind, ``联盟`` of ``中俄创新联盟框架``;
    a word not capitalised)."""
    if _like_term(text[name[0]:name[1]], terms, lang):
        return False
    lo, hi = max(span[0], 0), min(span[1], len(text))
    if lang == "zh":
        def apart(i: int, before: bool) -> bool:
            ch = text[i]
            verb = _verb_at(text, i + 1, before=True) if before else _verb_at(text, i, False)
            return ch in FUNCTION_CHARS or ch.isdigit() or not ch.isalnum() or verb
        return (name[0] <= lo or apart(name[0] - 1, True)) and (
            name[1] >= hi or text[name[0]:name[1]].endswith(NAME_ENDS) or apart(name[1], False))
    before = [m.group() for m in _WORD.finditer(text, lo, name[0])]
    after = [m.group() for m in _WORD.finditer(text, name[1], hi)]
    return (not before or not before[-1][:1].isupper()) and (
        not after or not after[0][:1].isupper())


def _like_term(name: str, terms: Sequence[str], lang: str) -> bool:
    """Whether the name *name* shares a word (by stem; in Chinese two characters in a row)
    with one of *terms* (the term and the concept's renderings found): then it may be part of
    the model's rendering of the term (南京 of 南京科学局 for 南京市科学技术局), not another
    entity."""
    if lang == "zh":
        return bool(_bigrams(name) & set().union(*(_bigrams(t) for t in terms)))
    near = {_key(w) for t in terms for w in _WORD.findall(t)}
    return any(_neighbour(w, near) for w in _WORD.findall(name))


#: A run of capitalised words in an English or Russian sentence: a name, maybe with a title
#: before it (``Professor Mikhail Petrov``), which a transliterated Chinese name may render.
_SOURCE_NAME = re.compile(r"(?<![^\W_])[A-ZА-ЯЁ][^\W_]*(?:[-'’][^\W_]+)*\.?"
                          r"(?:\s+[A-ZА-ЯЁ][^\W_]*(?:[-'’][^\W_]+)*\.?)*")


def whole_names(hyp: Hypothesis, span: Span, mention: Mention, term: str,
                taken: Sequence[Span] = (), named: Sequence[Span] = ()) -> Span | None:
    """*span*, a place found for *mention*'s term in the Chinese *hyp*, made to take no part
    of a transliterated name (:data:`~toolkit.text.zh.TRANSLITERATED`) without all of it.

    A name the span cuts is either the model's rendering of the mention (:func:`_renders`:
    ``米哈伊尔·奥尔洛夫`` for ``Mikhail Fedoruk``, whose term ``米哈伊尔·费多鲁克`` replaces
    all of it) or another name of the sentence (``Mikhail Petrov`` beside ``Novosibirsk``),
    which keeps all its characters: the span is cut to what lies outside it, None when
    nothing does (the term is then put in beside the name, not inside it: ``米哈新西伯利亚尔``
    is neither name). A person's term (a dotted name) whose span only touches the model's
    name for the person takes that name instead. *named*: the source spans of the sentence's
    glossary mentions.
    """
    text = hyp.text
    lo, hi = span
    if any(d in term for d in NAME_DOTS):
        # a person's name: the attention may rest on the word beside the model's rendering
        # of it (安德烈·鲁德斯科伊|率领), and the term put in there would stand beside the
        # model's name: the rendering is that name, the word beside it stays
        for m in TRANSLITERATED.finditer(text):
            a, b = m.span()
            if (b == lo or a == hi) and not _overlaps((a, b), taken) and \
                    _renders(hyp, (a, b), mention, term, named):
                return a, b
    for m in TRANSLITERATED.finditer(text):
        a, b = m.span()
        if b == lo and _opens_organisation(text, (a, b), (lo, hi)) and \
                not _overlaps((a, b), taken):
            lo = a  # right before the organisation's name the span is: its first word
            continue
        if b <= lo or hi <= a or lo <= a and b <= hi:
            continue  # apart from the span, or all of it inside
        wide = (min(lo, a), max(hi, b))
        if (_renders(hyp, (a, b), mention, term, named) or _opens_organisation(text, (a, b),
                                                                               (lo, hi))) \
                and not _overlaps(wide, taken):
            lo, hi = wide
        elif a <= lo and hi <= b:
            return None
        elif lo < a:
            hi = a
        else:
            lo = b
    return (lo, hi) if lo < hi else None


#: Han characters a fuzzy window's edge may be moved out to the word boundary before it.
_EDGE_REACH = 2


def _word_edges(text: str, span: Span, term: str, taken: Sequence[Span]) -> Span:
    """The Chinese fuzzy window *span* with edges on word boundaries
    (:func:`~toolkit.text.zh.word_boundary`) where it cut a word of the model's with a
    character that is not the term's: the window's size is bound to the term's length, so the
    best one for ``乌拉尔联邦大学`` in ``参观了喀山联邦大学`` was ``山联邦大学``, and ``喀`` stayed
    before the term (``喀乌拉尔联邦大学``). The edge moves out to the boundary when one is at
    most :data:`_EDGE_REACH` Han characters away (no function character, nothing *taken*),
    else in past the characters not the term's (the model's word stays whole beside it)."""
    chars = set(term)
    lo, hi = span
    if lo < hi and text[lo] not in chars and word_boundary(text, lo) != lo:
        start = lo
        for p in range(lo - 1, max(-1, lo - _EDGE_REACH - 1), -1):
            if not _CJK.match(text[p]) or text[p] in FUNCTION_CHARS or \
                    _overlaps((p, lo), taken):
                break
            if word_boundary(text, p) == p:
                start = p
                break
        if start < lo:
            lo = start
        else:
            while lo < hi and text[lo] not in chars:
                lo += 1
    if lo < hi and text[hi - 1] not in chars and word_boundary(text, hi) != hi:
        end = word_boundary(text, hi)
        if end - hi <= _EDGE_REACH and not _overlaps((hi, end), taken) and not any(
                ch in FUNCTION_CHARS for ch in text[hi:end]):
            hi = end
        else:
            while hi > lo and text[hi - 1] not in chars:
                hi -= 1
    return (lo, hi) if lo < hi else span


def _opens_organisation(text: str, name: Span, span: Span) -> bool:
    """Whether the transliterated *name*, begun before *span* and ended inside it or where
    it begins, is the first word of the organisation's name *span* is (it ends with its kind,
    大学, 研究院, and nothing between the name and that end is a function character):
    ``莫斯科`` of the model's ``莫斯科国立大学`` for ``托木斯克国立大学``, whose best window
    ``斯科国立大学`` began inside the city and left ``莫斯科`` before the term; ``乌拉尔`` of
    ``乌拉尔联邦大学`` for ``南方联邦大学``, whose best window was ``联邦大学``."""
    (a, b), (lo, hi) = name, span
    return a < lo <= b <= hi and text[lo:hi].endswith(NAME_ENDS) and \
        not any(ch in FUNCTION_CHARS for ch in text[b:hi])


def _renders(hyp: Hypothesis, name: Span, mention: Mention, term: str,
             named: Sequence[Span] = ()) -> bool:
    """Whether the transliterated Chinese *name* is the model's rendering of *mention*: it
    shares two characters in a row with the *term*; or it renders the mention among the
    source's names (each glossary mention, *named*, and each run of capitalised words between
    them, :data:`_SOURCE_NAME`: ``Rector``, ``Professor Mikhail Petrov``), being the only one
    with as many words as it has parts (a full name ``米哈伊尔·奥尔洛夫`` renders a name of two
    words or more) or, among several, the one the attention ties most of its characters to."""
    text = hyp.text
    if _bigrams(text[name[0]:name[1]]) & _bigrams(term):
        return True
    source = hyp.source
    parts = 1 + sum(text.count(d, *name) for d in NAME_DOTS)
    at = (mention.start, mention.end)
    mentions = sorted({at, *named})
    spans = list(mentions)
    for m in _SOURCE_NAME.finditer(source):  # the runs, cut at the mentions
        pos = m.start()
        for s, e in [*(x for x in mentions if x[1] > m.start() and x[0] < m.end()),
                     (m.end(), m.end())]:
            piece = source[pos:max(pos, s)]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append((pos + lead, pos + len(piece.rstrip())))
            pos = max(pos, e)
    names = [n for n in spans if len(source[n[0]:n[1]].split()) >= parts]
    if len(names) == 1:
        return names[0] == at
    votes = dict.fromkeys(names, 0)
    for (s, e), i in zip(hyp.target_spans, hyp.alignment, strict=False):
        size = min(e, name[1]) - max(s, name[0])
        if size <= 0 or not 0 <= i < len(hyp.source_spans):
            continue
        ss, se = hyp.source_spans[i]
        for n in names:
            if ss < n[1] and n[0] < se:
                votes[n] += size
    ranked = sorted(votes.values(), reverse=True)
    return bool(ranked) and ranked[0] > 0 and votes.get(at) == ranked[0] and (
        len(ranked) == 1 or ranked[1] < ranked[0])

