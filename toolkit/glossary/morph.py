"""Inflect a Russian glossary term into the case and number a text uses (pymorphy3).

When a translation must carry ``Политехнический университет`` where the sentence needs the
genitive, the pipeline calls ``inflect_like("Политехнический университет",
"Политехнического университета")`` (the form observed in the text, or one the engine produced)
and gets ``Политехнического университета``. Rules, general rather than tuned to any term:

- the *head* is the first noun in the nominative; adjectives and participles before it agree
  with it (case, number, and gender in the singular); in a hyphenated word only the last part
  changes (``Санкт-Петербургский`` -> ``Санкт-Петербургского``);
- words after the head are its complements and stay as written (``... Петра Великого``,
  ``... провинции Цзянсу``, ``технопарк «Ингрия»``), except a personal name, where first
  name and surname both change (``Андрей Рудской`` -> ``Андрея Рудского``);
- acronyms, Latin words, and words pymorphy3 does not know (outside names) stay as written;
  where such a word is the head (``Российско-Китайское ЭКСПО``), the adjectives before it
  still take the case, in the gender and number their own nominative shows;
- each word keeps its capitalisation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from toolkit.glossary import ru

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_PIECES = re.compile(r"[^\W\d_]+|[^\w]+|\w+")
_AGREEING = {"ADJF", "PRTF"}
_FUNCTION_WORDS = {"PREP", "CONJ", "PRCL", "INTJ"}
_SURNAME_ADJ = re.compile(r"(ский|цкий|ской|цкой|ый|ий|ой)$")
#: The nominative endings of a full adjective, for words pymorphy3 only guesses at.
_ADJ_ENDING = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$")


def _restore_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _parses(word: str) -> tuple[Any, ...]:
    return ru.parses(word)


def _known(word: str) -> bool:
    return ru.known(word)


def _words(text: str) -> list[str]:
    return _PIECES.findall(text)


def _is_word(piece: str) -> bool:
    return bool(re.fullmatch(r"[а-яёА-ЯЁ]+", piece)) and ru.acronym_base(piece) is None


def observed_form(surface: str) -> tuple[str, str] | None:
    """(case, number) of the noun phrase *surface*, judged from its first noun and the
    adjectives before it; None when nothing declinable tells."""
    readings = observed_forms(surface)
    return readings[0] if readings else None


@lru_cache(maxsize=16384)
def observed_forms(surface: str) -> tuple[tuple[str, str], ...]:
    """Every (case, number) the noun phrase *surface* can be read in, likeliest first
    (``мэрии``: genitive, dative, prepositional singular, nominative plural ...); empty when
    nothing declinable tells."""
    pending: list[list[tuple[str, str]]] = []
    for piece in _words(surface):
        if not _is_word(piece) or not _known(piece):
            continue
        parses = _parses(piece)
        if parses[0].tag.POS in _FUNCTION_WORDS:
            continue
        nouns = [p for p in parses if p.tag.POS == "NOUN" and p.tag.case]
        adjs = [p for p in parses if p.tag.POS in _AGREEING and p.tag.case]
        if nouns and (not adjs or nouns[0].score >= adjs[0].score):
            options = [(p.tag.case, p.tag.number or "sing") for p in nouns]
            for constraint in pending:
                narrowed = [o for o in options if o in constraint]
                options = narrowed or options
            return tuple(dict.fromkeys(options))
        if adjs:
            pending.append(list(dict.fromkeys((p.tag.case, p.tag.number or "sing")
                                              for p in adjs)))
    if pending and ru.acronym_base(_words(surface)[-1]) is not None:
        # adjectives before an indeclinable acronym (``Российско-Китайском ЭКСПО``) tell
        # the case the acronym cannot
        return tuple(r for r in pending[-1] if all(r in other for other in pending))
    return ()


def _pick(parses: list[Any], pos: set[str], extra: set[str] | None = None) -> Any | None:
    for p in parses:
        if p.tag.POS in pos and p.tag.case == "nomn" and (not extra or extra & p.tag.grammemes):
            return p
    return None


def _agrees(adj: Any, noun: Any) -> bool:
    """Whether the nominative adjective reading *adj* can stand before the noun *noun*."""
    if adj.tag.number != noun.tag.number:
        return False
    return noun.tag.number == "plur" or adj.tag.gender in (None, noun.tag.gender)


def _head(pieces: list[str], words: list[int]) -> tuple[int, Any] | None:
    """(index, parse) of the head of a term split into *pieces*: its first noun in the
    nominative among the known *words*, but not a word that also reads as an adjective
    agreeing with a nominative noun after it (``Казанский`` is a surname too, yet in
    ``Казанский федеральный университет`` it agrees with ``университет``)."""
    heads = [(i, _pick(_parses(pieces[i]), {"NOUN"})) for i in words]
    for k, (i, head) in enumerate(heads):
        if head is None:
            continue
        adjs = [p for p in _parses(pieces[i]) if p.tag.POS in _AGREEING and p.tag.case == "nomn"]
        if not any(later is not None and _agrees(adj, later)
                   for adj in adjs for _j, later in heads[k + 1:]):
            return i, head
    return None


def head_lemma(term_text: str) -> str | None:
    """The dictionary form of the head noun of a Russian term (``Неделя инноваций в Нанкине``
    -> ``неделя``), None when it has none pymorphy3 knows."""
    pieces = _words(term_text)
    found = _head(pieces, [i for i, p in enumerate(pieces) if _is_word(p) and _known(p)])
    return found[1].normal_form if found else None


@lru_cache(maxsize=16384)
def inflect(term_text: str, case: str, number: str | None = None) -> str:
    """*term_text* (a nominative Russian term) put into *case* and *number*; without
    *number*, the term's own (an entity is as many as its name says: ``Нанкинские ворота`` ->
    ``Нанкинских ворот``, never ``Нанкинского ворота``)."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {', '.join(CASES)}")
    pieces = _words(term_text)
    words = [i for i, p in enumerate(pieces) if _is_word(p) and _known(p)]
    found = _head(pieces, words)
    if found is None:
        return _inflect_before_indeclinable(pieces, words, case, number) or term_text
    head_i, head = found
    number = number or head.tag.number or "sing"
    wanted = {case, number}
    out = list(pieces)
    out[head_i] = _inflected(head, wanted, pieces[head_i])
    gender = head.tag.gender
    agree = wanted | ({gender} if number == "sing" and gender else set())
    if case == "accs" and head.tag.animacy and (number == "plur" or gender == "masc"):
        # an adjective's masculine or plural accusative follows its noun's animacy: without
        # it pymorphy3 gives the animate (genitive-like) form, ``инновационного альянс``; the
        # feminine and neuter have one accusative, which asking for animacy would not find
        agree |= {head.tag.animacy}
    for i in _adjectives(pieces, words, head_i):
        adj = _pick(_parses(pieces[i]), _AGREEING)
        if adj is not None:
            out[i] = _inflected(adj, agree, pieces[i])
    if pieces[head_i][:1].isupper():
        for i in range(head_i + 1, len(pieces)):
            piece = pieces[i]
            if not piece.strip():
                continue
            if not (_is_word(piece) and piece[:1].isupper()):
                break
            if _known(piece) and not any(p.tag.case == "nomn" for p in _parses(piece)):
                break  # a complement in its own case (Штаты Америки, Институт Конфуция)
            name = _inflect_name(piece, wanted, head.tag.gender)
            if name is None:
                return term_text  # a foreign name (Ван Лэй): safer left as written
            out[i] = name
    return "".join(out)


def _adjectives(pieces: list[str], words: list[int], end: int) -> list[int]:
    """Indices of the words before *end* that may be adjectives agreeing with the word at
    *end*: known words, and unknown ones whose ending says they are adjectives
    (``Чжэцзянский``, ``Хэйлунцзянская``); of a hyphenated word only its last part
    (``Российско-Китайское``: ``Китайское``)."""
    return [i for i in range(end)
            if not (i + 1 < len(pieces) and pieces[i + 1] == "-")
            and (i in words
                 or (_is_word(pieces[i]) and bool(_ADJ_ENDING.search(pieces[i].lower()))))]


def _inflect_before_indeclinable(pieces: list[str], words: list[int], case: str,
                                 number: str | None) -> str | None:
    """A term whose head is an acronym or a Latin word (``Российско-Китайское ЭКСПО``,
    ``Уральский НИИ``): the head stays as written, the adjectives right before it take
    *case*, keeping the gender and number their own nominative shows (the head cannot tell
    it). None when the term is not adjectives followed by such a head."""
    heads = [i for i, p in enumerate(pieces)
             if p.strip() and p != "-" and i not in words and not _ADJ_ENDING.search(p.lower())
             and (ru.acronym_base(p) is not None or re.fullmatch(r"[A-Za-z]+", p))]
    if not heads:
        return None
    head_i = heads[0]
    adjectives = [(i, _pick(_parses(pieces[i]), _AGREEING))
                  for i in _adjectives(pieces, words, head_i)]
    if not adjectives or any(a is None for _i, a in adjectives):
        return None
    out = list(pieces)
    for i, adj in adjectives:
        wanted = {case, number or adj.tag.number or "sing"}
        if "sing" in wanted and adj.tag.gender:
            wanted.add(adj.tag.gender)
        if case == "accs" and wanted & {"masc", "plur"}:
            wanted.add("inan")  # an organisation: the accusative is the nominative
        out[i] = _inflected(adj, wanted, pieces[i])
    return "".join(out)


def _inflected(parse: Any, grammemes: set[str], model: str) -> str:
    form = parse.inflect(grammemes)
    return _restore_case(model, form.word) if form is not None else model


#: Masculine adjectival surnames (Рудской, Невский, Толстый) by case: (ending, replacement).
_ADJ_SURNAME = {"gent": "ого", "datv": "ому", "accs": "ого", "loct": "ом"}


def _inflect_name(piece: str, wanted: set[str], gender: str | None) -> str | None:
    """A surname or first name after a name head; None when it cannot be declined safely."""
    parses = _parses(piece)
    if _known(piece):
        choice = _pick(parses, {"NOUN"}, {"Surn", "Name", "Patr"})
        if choice is not None:
            return _inflected(choice, wanted | ({gender} if gender else set()), piece)
    match = _SURNAME_ADJ.search(piece.lower())
    if match and gender == "masc" and "sing" in wanted:
        case = next(iter(wanted & set(CASES)))
        if case == "nomn":
            return piece
        stem = piece[: match.start() + len(match.group()) - 2]
        if case == "ablt":
            ending = "ым" if match.group().endswith("ый") else "им"
        else:
            ending = _ADJ_SURNAME[case]
        return stem + _restore_case(piece[-2:], ending)
    return None


def number_for(term_text: str, observed_number: str) -> str | None:
    """The number to put *term_text* in where the text has it in *observed_number*: a name
    (any capital letter: ``Комитет по науке``, ``мэрия Нанкина``) is as many as it says, so a
    plural the model wrote for it (``Комитетов``) is its mistake (None: the term's own); a
    common term follows the text (``железных дорог``)."""
    return None if any(c.isupper() for c in term_text) else observed_number


def inflect_like(term_text: str, observed: str) -> str:
    """*term_text* in the case and number of *observed* (unchanged if that cannot be told;
    the number as :func:`number_for` says)."""
    form = observed_form(observed)
    if form is None:
        return term_text
    return inflect(term_text, form[0], number_for(term_text, form[1]))


def inflect_near(term_text: str, observed: str) -> str:
    """*term_text* in the case of *observed*, a misspelt form of it (``Наньцзина`` ->
    ``Нанкина``). When the words of *observed* tell nothing (they are no real forms), the case
    is the one whose form of *term_text* ends most like *observed*, then pymorphy3's guess."""
    if observed_form(observed) is not None:
        return inflect_like(term_text, observed)
    low = observed.lower()
    best, best_len = None, 0
    for case in CASES:
        form = inflect(term_text, case).lower()
        common = 0
        while common < min(len(form), len(low)) and form[-1 - common] == low[-1 - common]:
            common += 1
        if common > best_len:
            best, best_len = case, common
    if best is not None and best_len >= 1:
        return inflect(term_text, best)
    words = _words(observed)
    last = next((w for w in reversed(words) if _is_word(w)), None)
    if last:
        nouns = [p for p in _parses(last)[:3] if p.tag.POS == "NOUN" and p.tag.case]
        if nouns and nouns[0].tag.case != "nomn":
            return inflect(term_text, nouns[0].tag.case, nouns[0].tag.number or "sing")
    return term_text
