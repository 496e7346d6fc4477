"""Near misses: a span close to a glossary term that is none of its forms.

The matcher finds what the glossary lists; a press office's worst mistakes are the names it
does not list (``Jiangsu Institute of Industrial Technology``, ``Rudskoi``, ``Андрея Рудскова``,
``什马内夫斯基`` one character off). Three measures, each for the kind of name it fits:

- word overlap, for multi-word names in English and Russian: a run of words sharing most of a
  term's content words (lemmas in Russian), reordered or with one word swapped;
- character edit distance, for the words of short names (people, places): a capitalised word
  one or two edits from a name word and no form of it (Russian: none of its case forms, so a
  wrong ending that is no real form is caught, and ``Рудского`` is not);
- aligned character similarity, for Chinese names, on runs of Han characters.

False findings are the risk: common words that happen to be close to a name. Candidates must be
capitalised (en, ru), long enough for the distance allowed, not themselves a glossary term,
not known Russian dictionary words of another lemma, and not covered by a real mention.
``bench/entities.py`` measures recall and false findings on clean releases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit.glossary import ru
from toolkit.glossary.match import Mention, tokenize
from toolkit.glossary.model import Concept, Glossary, Term
from toolkit.text.scripts import HAN

#: Words that join the parts of a name without being content (they do not count as overlap).
_CONNECTORS = frozenset({
    "of", "the", "and", "for", "in", "on", "at", "de", "to", "a", "an", "s",
    "и", "по", "в", "на", "для", "имени", "им", "при", "с", "о", "об", "к",
})
_HAN_RUN = re.compile(f"[{HAN}·・]+")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class NearMiss:
    """*surface* at ``text[start:end]`` probably stands for *term* of *concept_id*.

    ``measure``: ``words`` (word overlap), ``edit`` (characters of a name word) or ``chars``
    (Chinese); ``score`` in 0..1.
    """

    concept_id: str
    term: Term
    start: int
    end: int
    surface: str
    measure: str
    score: float
    #: the span rewritten with the name's right word or characters, when that is known
    replacement: str | None = None


def _key(token: str, lang: str) -> str:
    if lang == "ru":
        lemmas = ru.lemmas(ru.fold(token))
        return lemmas[0] if lemmas else ru.stem(token)
    return token.lower()


def _content(keys: list[str]) -> list[str]:
    return [k for k in keys if k not in _CONNECTORS and len(k) > 1]


def _covered(start: int, end: int, mentions: list[Mention], share: float = 0.5) -> bool:
    """Whether mentions cover at least *share* of ``[start, end)``."""
    inside = sum(max(0, min(end, m.end) - max(start, m.start)) for m in mentions)
    return inside >= share * (end - start)


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


# --- word overlap (en, ru) -----------------------------------------------------------------

@dataclass(frozen=True)
class _Multi:
    concept: Concept
    term: Term
    keys: frozenset[str]
    last: str


def _multi_terms(glossary: Glossary, lang: str) -> tuple[_Multi, ...]:
    return glossary.cached(("near", "_multi_terms", lang,),
                           lambda: _multi_terms_build(glossary, lang))


def _multi_terms_build(glossary: Glossary, lang: str) -> tuple[_Multi, ...]:
    out = []
    for concept in glossary.concepts:
        for term in concept.terms_for(lang):
            keys = _content([_key(t, lang) for _, _, t in tokenize(term.text)
                             if _WORD.fullmatch(t)])
            if len(set(keys)) >= 3:
                out.append(_Multi(concept, term, frozenset(keys), keys[-1]))
    return tuple(out)


def _word_overlap(glossary: Glossary, text: str, lang: str,
                  mentions: list[Mention]) -> list[NearMiss]:
    terms = _multi_terms(glossary, lang)
    if not terms:
        return []
    tokens = [t for t in tokenize(text) if _WORD.fullmatch(t[2])]
    keys = [_key(t[2], lang) for t in tokens]
    found: list[NearMiss] = []
    for multi in terms:
        hits = [j for j, k in enumerate(keys) if k in multi.keys]
        # clusters of term words at most one other content word apart
        cluster: list[int] = []
        for j in [*hits, None]:
            if j is not None and cluster and _gap(keys, cluster[-1], j) <= 1 and \
                    not _BREAK.search(text, tokens[cluster[-1]][1], tokens[j][0]):
                cluster.append(j)
                continue
            if cluster:
                miss = _judge_cluster(text, tokens, keys, cluster, multi, lang, mentions)
                if miss:
                    found.append(miss)
            cluster = [j] if j is not None else []
    return found


_BREAK = re.compile(r"[.!?;:()\[\]\n«»\"]")


def sentence_start(text: str, offset: int) -> bool:
    """Whether *offset* starts a sentence, a line, a heading or a list item."""
    before = text[max(0, offset - 200):offset].rstrip(" \t#*->«\"“„(")
    return not before or before[-1] in ".!?:;\n…"


def _gap(keys: list[str], a: int, b: int) -> int:
    return sum(1 for k in keys[a + 1:b] if k not in _CONNECTORS)


def _judge_cluster(text: str, tokens: list, keys: list[str], cluster: list[int],
                   multi: _Multi, lang: str, mentions: list[Mention]) -> NearMiss | None:
    shared = {keys[j] for j in cluster}
    if len(shared) < 2:
        return None
    first, last = cluster[0], cluster[-1]
    # take in the words that continue the name: capitalised ones in English (`... Development
    # Foundation`, `... of Engineering`), and as many as the term has words left unmatched
    missing = len(multi.keys) - len(shared)
    if lang == "ru" and multi.last in shared:
        missing = 0  # the name's last word is there: nothing of it follows
    while last + 1 < len(tokens) and not _BREAK.search(text, tokens[last][1],
                                                        tokens[last + 1][0]):
        nxt = keys[last + 1]
        if lang == "en" and nxt in _CONNECTORS and last + 2 < len(tokens) and \
                _is_capitalised(tokens[last + 2][2]) and keys[last + 2] not in _CONNECTORS:
            last += 2
            missing -= 1
        elif nxt not in _CONNECTORS and (_is_capitalised(tokens[last + 1][2]) if lang == "en"
                                         else missing > 0 and nxt not in multi.keys):
            last += 1
            missing -= 1
        else:
            break
    span_keys = set(_content(keys[first:last + 1]))
    score = len(shared) / max(len(multi.keys), len(span_keys))
    if score < 0.6 or (len(shared) < 3 and len(multi.keys) > 3):
        return None
    words = [tokens[j][2] for j in range(first, last + 1) if keys[j] not in _CONNECTORS]
    if lang == "en" and not all(_is_capitalised(w) for w in words):
        return None  # an English name is written in title case
    if lang == "ru" and not _is_capitalised(tokens[first][2]):
        return None
    if lang == "ru" and len(shared) < 3 and sentence_start(text, tokens[first][0]) and \
            len(span_keys) != len(multi.keys):
        return None  # a capital that only starts the sentence says little
    start, end = tokens[first][0], tokens[last][1]
    if _covered(start, end, mentions):
        return None
    if _content(keys[first:last + 1]) == _content(
            [_key(t, lang) for _, _, t in tokenize(multi.term.text) if _WORD.fullmatch(t)]):
        # the term itself, word for word, that the matcher took for the tail of another name
        # (Tomsk Arctic Research Centre): no misspelling of it
        return None
    return NearMiss(multi.concept.id, multi.term, start, end, text[start:end], "words", score)


# --- edit distance on name words (en, ru) -------------------------------------------------

def _name_words(glossary: Glossary, lang: str) -> dict[str, tuple[Concept, Term, str]]:
    return glossary.cached(("near", "_name_words", lang,),
                           lambda: _name_words_build(glossary, lang))


def _name_words_build(glossary: Glossary, lang: str) -> dict[str, tuple[Concept, Term, str]]:
    """Capitalised words of short names (at most three words, all capitalised), each with the
    concept and term it comes from; words that appear in two concepts are left out (they are
    generic: ``Russian``, ``Innovation``)."""
    owners: dict[str, set[str]] = {}
    single: set[str] = set()  # one-word names (Harbin) count even when others use them
    words: dict[str, tuple[Concept, Term, str]] = {}
    every: set[str] = set()
    for concept in glossary.concepts:
        for term in concept.terms:
            for _, _, tok in tokenize(term.text):
                every.add(tok.lower())
        for term in concept.terms_for(lang):
            toks = [t for _, _, t in tokenize(term.text) if _WORD.fullmatch(t)]
            for tok in toks:
                owners.setdefault(tok.lower(), set()).add(concept.id)
            if len(toks) == 1 and len(toks[0]) >= 5 and not toks[0].isupper():
                single.add(toks[0].lower())
            if not toks or len(toks) > 3 or not all(_is_capitalised(t) for t in toks):
                continue
            # the surname or the one-word name: first names are shared by many people
            tok = toks[-1]
            if len(tok) >= 5 and not tok.isupper():
                words.setdefault(tok.lower(), (concept, term, tok))
    return {w: v for w, v in words.items() if len(owners.get(w, ())) == 1 or w in single}


def _allowed(length: int) -> int:
    return 1 if length < 9 else 2


@lru_cache(maxsize=4096)
def _ru_forms(word: str) -> frozenset[str]:
    forms = {ru.fold(word)}
    for parse in ru.parses(word)[:3]:
        forms.update(ru.fold(f.word) for f in parse.lexeme)
    return frozenset(forms)


@lru_cache(maxsize=8192)
def _ru_known_other(token: str, lemma: str) -> bool:
    """A dictionary word whose lemma is not the name's (``Вами`` near ``Ван``)."""
    for parse in ru.parses(token):
        if parse.is_known and ru.fold(parse.normal_form) != lemma and parse.score > 0.1 \
                and not ({"Surn", "Name", "Geox", "Orgn"} & set(map(str, parse.tag.grammemes))):
            return True
    return False


def _edit_distance(glossary: Glossary, text: str, lang: str,
                   mentions: list[Mention]) -> list[NearMiss]:
    from rapidfuzz.distance import Levenshtein

    words = _name_words(glossary, lang)
    if not words:
        return []
    every = _all_term_words(glossary)
    tokens = tokenize(text)
    found = []
    for i, (start, end, tok) in enumerate(tokens):
        if len(tok) < 5 or not _is_capitalised(tok) or not _WORD.fullmatch(tok) or \
                tok.lower() in every:
            continue
        if _covered(start, end, mentions, 1.0):
            continue
        low = ru.fold(tok) if lang == "ru" else tok.lower()
        best = None
        for word, (concept, term, surface) in words.items():
            if word[0] != low[0] or abs(len(word) - len(low)) > 3:
                continue
            if lang == "ru":
                forms = _ru_forms(surface)
                if low in forms:
                    best = None
                    break
                dist, right = min((Levenshtein.distance(low, f), f) for f in forms)
                if dist <= 3 and len(word) >= 6 and \
                        low[:max(4, len(word) - 2)] == word[:max(4, len(word) - 2)]:
                    dist = 1  # the stem intact, a wrong case ending (Рудскова for Рудского)
            else:
                dist, right = Levenshtein.distance(low, word), word
            if 0 < dist <= _allowed(len(word)) and (best is None or dist < best[0]):
                best = (dist, concept, term, _restore_case(tok, right))
        if best is None:
            continue
        dist, concept, term, right = best
        if lang == "ru" and _ru_known_other(tok, ru.fold(term.text.split()[-1])):
            continue
        # the whole wrong mention: the other words of the same name around it
        names = _concept_words(concept, lang)
        first = last = i
        while first > 0 and _is_name_word(tokens[first - 1][2], names, lang) and \
                tokens[first][0] - tokens[first - 1][1] <= 1:
            first -= 1
        while last + 1 < len(tokens) and _is_name_word(tokens[last + 1][2], names, lang) and \
                tokens[last + 1][0] - tokens[last][1] <= 1:
            last += 1
        a, b = tokens[first][0], tokens[last][1]
        replacement = text[a:start] + right + text[end:b]
        found.append(NearMiss(concept.id, term, a, b, text[a:b], "edit",
                              1 - dist / max(len(low), 1), replacement))
    return found


def _restore_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _concept_words(concept: Concept, lang: str) -> frozenset[str]:
    return frozenset(ru.fold(tok) if lang == "ru" else tok.lower()
                     for term in concept.terms_for(lang) for _, _, tok in tokenize(term.text)
                     if _WORD.fullmatch(tok))


def _is_name_word(token: str, names: frozenset[str], lang: str) -> bool:
    if not _WORD.fullmatch(token) or not _is_capitalised(token) or \
            token.lower() in _CONNECTORS:
        return False
    if lang == "ru":
        return any(n in names for n in _ru_forms(token)) or ru.fold(token) in names
    return token.lower() in names


def _all_term_words(glossary: Glossary) -> frozenset[str]:
    return glossary.cached(("near", "_all_term_words", ),
                           lambda: _all_term_words_build(glossary))


def _all_term_words_build(glossary: Glossary) -> frozenset[str]:
    return frozenset(tok.lower() for _, term in glossary.terms()
                     for _, _, tok in tokenize(term.text))


# --- Chinese -------------------------------------------------------------------------------

def _zh_terms(glossary: Glossary) -> tuple[tuple[Concept, Term, str], ...]:
    return glossary.cached(("near", "_zh_terms", ),
                           lambda: _zh_terms_build(glossary))


def _zh_terms_build(glossary: Glossary) -> tuple[tuple[Concept, Term, str], ...]:
    out = []
    every = set()
    for concept in glossary.concepts:
        for term in concept.terms_for("zh"):
            every.add(term.text)
            han = "".join(_HAN_RUN.findall(term.text))
            if len(han) >= 4:
                out.append((concept, term, han))
    return tuple(out)


def _zh_similar(glossary: Glossary, text: str, mentions: list[Mention]) -> list[NearMiss]:
    from rapidfuzz import fuzz

    terms = _zh_terms(glossary)
    texts = {t.text for c in glossary.concepts for t in c.terms_for("zh")}
    found = []
    for run in _HAN_RUN.finditer(text):
        chunk = run.group()
        for concept, term, han in terms:
            if len(chunk) < len(han) - 1:
                continue
            align = fuzz.partial_ratio_alignment(han, chunk, score_cutoff=70)
            if align is None:
                continue
            start, end, dist = _best_window(han, chunk, align.dest_start, align.dest_end)
            start, end = run.start() + start, run.start() + end
            surface = text[start:end]
            if dist == 0 or surface in texts or dist > (1 if len(han) < 7 else 2):
                continue
            if abs(len(surface) - len(han)) > (1 if dist == 1 else 0):
                continue  # two edits: substitutions only (中俄科学基金会 is no 俄罗斯科学基金会)
            if _covered(start, end, mentions, 0.5):
                continue
            found.append(NearMiss(concept.id, term, start, end, surface, "chars",
                                  align.score / 100))
    return found


def _best_window(han: str, chunk: str, start: int, end: int) -> tuple[int, int, int]:
    """The window around ``chunk[start:end]`` closest to *han* (longer on a tie), so the whole
    wrong name is covered (``鲁德斯科夫``, not ``鲁德斯科``)."""
    from rapidfuzz.distance import Levenshtein

    best = (Levenshtein.distance(han, chunk[start:end]), -(end - start), start, end)
    for a in range(max(0, start - 1), start + 2):
        for b in range(max(a + 1, end - 1), min(len(chunk), end + 1) + 1):
            dist = Levenshtein.distance(han, chunk[a:b])
            best = min(best, (dist, -(b - a), a, b))
    return best[2], best[3], best[0]


@lru_cache(maxsize=8192)
def _lemma_of(low: str, word: str) -> bool:
    """Whether pymorphy3 reads *low* as a form of *word* (``лэя`` of ``Лэй``)."""
    target = ru.fold(word)
    return any(ru.fold(p.normal_form) == target for p in ru.parses(low))


def _wrong_forms(text: str, mentions: list[Mention]) -> list[NearMiss]:
    """Russian mentions the matcher took by their stem whose words are no form of the term's
    (``Андрея Рудскова`` for ``Андрей Рудской``)."""
    from rapidfuzz.distance import Levenshtein

    found = []
    for mention in mentions:
        if mention.lang != "ru" or mention.surface == mention.term.text:
            continue
        said = tokenize(mention.surface)
        meant = [t for _, _, t in tokenize(mention.term.text)]
        if len(said) != len(meant):
            continue
        pieces, wrong = [], 0
        last = 0
        for (a, b, tok), word in zip(said, meant, strict=True):
            pieces.append(mention.surface[last:a])
            last = b
            if not (_WORD.fullmatch(word) and _is_capitalised(word)) or \
                    ru.acronym_base(word) is not None:
                pieces.append(tok)
                continue
            low, forms = ru.fold(tok), _ru_forms(word)
            if low in forms or len(forms) < 2 or _lemma_of(low, word):
                # a real form, or a word pymorphy3 cannot decline: the matcher's stem decides
                pieces.append(tok)
                continue
            wrong += 1
            right = min(forms, key=lambda f: (Levenshtein.distance(low, f), f))
            pieces.append(_restore_case(tok, right))
        if wrong:
            pieces.append(mention.surface[last:])
            found.append(NearMiss(mention.concept_id, mention.term, mention.start, mention.end,
                                  mention.surface, "form", 0.9, "".join(pieces)))
    return found


# --- all -----------------------------------------------------------------------------------

def find_near_misses(glossary: Glossary, text: str, lang: str,
                     mentions: list[Mention]) -> list[NearMiss]:
    """Near misses in *text* (in *lang*) that no mention in *mentions* covers; where two
    overlap, the longer wins."""
    code = "zh" if lang.startswith("zh") else lang
    if code == "zh":
        found = _zh_similar(glossary, text, mentions)
    elif code in ("en", "ru"):
        found = _word_overlap(glossary, text, code, mentions)
        found += _edit_distance(glossary, text, code, mentions)
        if code == "ru":
            found += _wrong_forms(text, mentions)
    else:
        return []
    found.sort(key=lambda n: (n.start - n.end, -n.score, n.start))
    kept: list[NearMiss] = []
    for miss in found:
        if any(k.start < miss.end and miss.start < k.end for k in kept):
            continue
        kept.append(miss)
    kept.sort(key=lambda n: n.start)
    return kept
