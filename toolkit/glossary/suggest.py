"""Grow the glossary: names in a release that the glossary does not know, with their likely
rendering in the other language versions.

Candidates per language: runs of capitalised words and acronyms (en, ru), Russian names in
guillemets, and in Chinese transliterated names (``叶连娜·沃罗诺娃``), Latin acronyms and
organisation names ending in a known suffix (大学, 研究院, 基金会 ...). A candidate is dropped
when the glossary already covers it. Renderings come from the aligned paragraph of each other
version: the candidate of the same kind there whose transliteration is closest (en <-> ru), else
the one at the same rank among the paragraph's unknown names (co-occurrence by position).
With no other version, one English word whose capital says nothing (a month, a word of a
title-case headline) is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from toolkit.glossary.consistency import paragraphs
from toolkit.glossary.longer_name import headline_word
from toolkit.glossary.match import find_nested_mentions
from toolkit.glossary.model import Glossary
from toolkit.glossary.near import sentence_start as _sentence_start
from toolkit.text.dates import EN_MONTHS
from toolkit.text.scripts import CYRILLIC, HAN
from toolkit.text.zh import FUNCTION_CHARS, NAME_ENDS, TRANSLIT, VERBS

_CONNECT = {"en": {"of", "the", "for", "de"}, "ru": {"по", "имени"}}
_ORG_WORDS = {"university", "institute", "foundation", "fund", "laboratory", "week", "school",
              "centre", "center", "ministry", "bureau", "company", "forum", "park",
              "province", "academy", "college", "council", "committee", "group", "solutions",
              "alliance", "society", "association", "department", "office", "agency"}
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ACRONYM = re.compile(r"^[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]*[A-ZА-ЯЁ]$")
#: A transliterated full name (叶连娜·沃罗诺娃): a title before the name is not part of it.
_ZH_NAME = re.compile(f"[{TRANSLIT}]{{1,6}}·[{TRANSLIT}]{{1,8}}")
_ZH_ORG = re.compile(f"[{HAN}]{{2,10}}?(?:{'|'.join(NAME_ENDS)})")
_CYRILLIC_LETTER = re.compile(f"[{CYRILLIC}]")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*)*")

_RU_LAT = dict(zip("абвгдезийклмнопрстуфцыэ", "abvgdeziiklmnoprstufcye", strict=True))
_RU_LAT.update({"ё": "yo", "ж": "zh", "х": "kh", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu",
                "я": "ya", "ь": "", "ъ": "", "й": "y"})


@dataclass(frozen=True)
class Candidate:
    """A name found in one version: its text, offsets, kind (``name``, ``acronym``,
    ``person``, ``org``) and paragraph index."""

    text: str
    start: int
    end: int
    kind: str
    paragraph: int


@dataclass
class Proposal:
    """A name the glossary lacks, with its text per language and why each was chosen."""

    concept_id: str
    terms: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    count: int = 1

    def to_dict(self) -> dict:
        """Plain data for JSON output."""
        return {"concept": self.concept_id, "terms": self.terms, "evidence": self.evidence,
                "count": self.count}


def candidates(text: str, lang: str) -> list[Candidate]:
    """Name-like spans of *text* in *lang*, in order."""
    paras = paragraphs(text)

    def para_of(offset: int) -> int:
        return next((i for i, (a, b) in enumerate(paras) if a <= offset <= b), len(paras) - 1)

    out: list[Candidate] = []
    if lang.startswith("zh"):
        for m in _ZH_NAME.finditer(text):
            out.append(Candidate(m.group(), m.start(), m.end(), "person", para_of(m.start())))
        for m in _LATIN.finditer(text):
            kind = "acronym" if _ACRONYM.match(m.group()) and " " not in m.group() else "name"
            if len(m.group()) >= 2:
                out.append(Candidate(m.group(), m.start(), m.end(), kind, para_of(m.start())))
        for m in _ZH_ORG.finditer(text):
            start = m.start()
            body = m.group()
            cut = max((i for i, c in enumerate(body[:-2]) if c in FUNCTION_CHARS), default=-1)
            for verb in VERBS.finditer(body[:-2]):
                cut = max(cut, verb.end() - 1)
            start, body = start + cut + 1, body[cut + 1:]
            while start > 0 and len(body) > 4 and VERBS.fullmatch(text[start - 1:start + 1]):
                start, body = start + 1, body[1:]
            if len(body) >= 4:
                out.append(Candidate(body, start, start + len(body), "org", para_of(start)))
        out.sort(key=lambda c: c.start)
        return out
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    connect = _CONNECT.get(lang, set())
    i = 0
    while i < len(words):
        a, b, tok = words[i]
        if not tok[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(words) and text[words[j][1]:words[j + 1][0]] in (" ", "-") and \
                not _ACRONYM.match(words[j + 1][2]) and not _ACRONYM.match(tok) and (
                words[j + 1][2][:1].isupper() or (
                    words[j + 1][2] in connect and j + 2 < len(words)
                    and words[j + 2][2][:1].isupper())):
            j += 1
        if lang == "ru" and j > i and not _ru_person(words[i][2]):
            j = i  # capitalised words side by side are one name only for people
        if lang == "ru" and j == i:
            j = _ru_org_tail(words, i, text)
        span_words = [w[2] for w in words[i:j + 1]]
        while span_words and span_words[-1] in connect:
            span_words.pop()
            j -= 1
        start, end = a, words[j][1]
        surface = text[start:end]
        if j == i:
            kind = "acronym" if _ACRONYM.match(tok) and len(tok) <= 8 else "name"
            if kind == "name" and (_sentence_start(text, a) or len(tok) < 3):
                i = j + 1
                continue
        else:
            kind = "person" if j - i <= 2 and all(
                not _ACRONYM.match(w) and w.lower() not in _ORG_WORDS and w not in connect
                for w in span_words) else "name"
            if _sentence_start(text, a) and j - i == 1 and lang == "en" and \
                    span_words[0] in ("The", "A", "An", "Our", "This", "Its"):
                start, surface = words[i + 1][0], text[words[i + 1][0]:end]
        out.append(Candidate(surface, start, end, kind, para_of(start)))
        i = j + 1
    if lang == "ru":
        for m in re.finditer(r"«([^»,.!?]{2,40})»", text):
            out.append(Candidate(m.group(0), m.start(), m.end(), "name", para_of(m.start())))
    out.sort(key=lambda c: c.start)
    return out


def _ru_parses(word: str) -> list:
    from toolkit.glossary import ru

    return list(ru.parses(word))


def _ru_person(word: str) -> bool:
    return any({"Name", "Surn", "Patr"} & set(map(str, p.tag.grammemes)) for p in
               _ru_parses(word)[:3])


def _ru_org_tail(words: list, i: int, text: str) -> int:
    """After a capitalised adjective (Харбинский), the lowercase adjectives and the noun that
    complete the name (политехнический университет)."""
    first = _ru_parses(words[i][2])
    if not first or first[0].tag.POS != "ADJF" or {"Apro", "Anum"} & set(
            map(str, first[0].tag.grammemes)):
        return i
    j = i
    while j + 1 < len(words) and text[words[j][1]:words[j + 1][0]] == " " and \
            words[j + 1][2][:1].islower():
        parse = _ru_parses(words[j + 1][2])[0]
        j += 1
        if parse.tag.POS == "NOUN":
            return j
        if parse.tag.POS != "ADJF":
            return i
    return i


def _latin(text: str) -> str:
    low = text.lower()
    return "".join(_RU_LAT.get(c, c) for c in low)


def _similarity(a: Candidate, lang_a: str, b: Candidate, lang_b: str) -> float:
    from rapidfuzz import fuzz

    if {lang_a[:2], lang_b[:2]} == {"en", "ru"}:
        return fuzz.ratio(_latin(a.text), _latin(b.text)) / 100
    if a.kind == "acronym" and b.kind == "acronym":
        return 1.0 if a.text == b.text else 0.3
    return 0.0


def _unknown(glossary: Glossary, text: str, lang: str) -> list[Candidate]:
    known = find_nested_mentions(glossary, text, lang)
    out = []
    for cand in candidates(text, lang):
        inside = [m for m in known if m.start < cand.end and cand.start < m.end]
        if inside:
            # the part before the first known name (`Mikhail Kiselev` of `... of Ural Federal
            # University`), if a name is left
            cut = min(m.start for m in inside)
            head = text[cand.start:cut].rstrip(" -")
            for word in (" of", " the", " for", " по", " и"):
                head = head.removesuffix(word)
            if cut <= cand.start or len(head) < 3 or lang.startswith("zh"):
                continue
            words = head.split()
            kind = "person" if 2 <= len(words) <= 3 and not any(
                w.lower() in _ORG_WORDS or _ACRONYM.match(w) for w in words) else cand.kind
            cand = Candidate(head, cand.start, cand.start + len(head), kind, cand.paragraph)
        out.append(cand)
    return out


def suggest(glossary: Glossary, versions: Sequence[tuple[str, str]]) -> list[Proposal]:
    """Proposals from *versions* (``(text, lang)``; the first one leads): one per distinct name
    of the first version, with its rendering in each other version where one is found."""
    from toolkit.glossary.tabular import slug

    unknown = [_unknown(glossary, text, lang) for text, lang in versions]
    lead_text, lead_lang = versions[0]
    alone = len(versions) == 1
    blocks = paragraphs(lead_text) if alone else []
    proposals: dict[str, Proposal] = {}
    for cand in unknown[0]:
        key = cand.text
        if alone and _no_name_alone(cand, lead_text, lead_lang, blocks):
            continue  # no translation to show it is a name
        if key in proposals:
            proposals[key].count += 1
            continue
        proposal = Proposal(slug(cand.text), {lead_lang[:2]: cand.text},
                            {lead_lang[:2]: f"{cand.kind} in paragraph {cand.paragraph + 1}"})
        for k in range(1, len(versions)):
            text, lang = versions[k]
            code = lang[:2]
            same_para = [c for c in unknown[k] if c.paragraph == _aligned(
                cand.paragraph, lead_text, text)]
            pick = _pick(cand, lead_lang, same_para, lang, unknown[0])
            if pick is not None:
                proposal.terms[code] = _lemma(pick.text, code) \
                    if pick.kind == "person" or " " not in pick.text else pick.text
                proposal.evidence[code] = f"{pick.kind} in aligned paragraph " \
                                          f"{pick.paragraph + 1}"
        proposals[key] = proposal
    # a name with no rendering in any other version is likely no name (June, Chinese)
    return [p for p in proposals.values() if alone or len(p.terms) > 1]


def _no_name_alone(cand: Candidate, text: str, lang: str,
                   blocks: list[tuple[int, int]]) -> bool:
    """Whether *cand* is one English word whose capital says nothing: a month (``March``), or
    a word capitalised only by its title-case headline (``Launch`` in ``UrFU and HIT Launch a
    Joint Arctic Research Centre``). With translations such a word needs a close
    transliteration to be proposed (:func:`_pick`); alone, the text is all the evidence there
    is, and these capitals are none. *blocks*: ``paragraphs(text)``, found once per text."""
    if not lang.startswith("en") or cand.kind != "name" or " " in cand.text:
        return False
    if cand.text in EN_MONTHS:
        return True
    start, end = blocks[cand.paragraph]
    return headline_word(text[start:end], text, cand.text)


def _aligned(n: int, text_a: str, text_b: str) -> int:
    pa, pb = paragraphs(text_a), paragraphs(text_b)
    if len(pa) == len(pb) or not pb:
        return n
    a, b = pa[min(n, len(pa) - 1)]
    middle = (a + b) / 2 / max(len(text_a), 1)
    return min(range(len(pb)), key=lambda j: abs((pb[j][0] + pb[j][1]) / 2 / max(len(text_b), 1)
                                                  - middle))


def _pick(cand: Candidate, lang_a: str, options: list[Candidate], lang_b: str,
          lead: list[Candidate]) -> Candidate | None:
    if not options:
        return None
    scored = sorted(((_similarity(cand, lang_a, o, lang_b), i, o) for i, o in
                     enumerate(options) if _kind_fits(cand.kind, o.kind)),
                    key=lambda t: (-t[0], t[1]))
    if scored and scored[0][0] >= 0.5:
        return scored[0][2]
    if cand.kind == "name" and " " not in cand.text:
        return None  # a lone capitalised word: only a close transliteration will do
    # by rank among the paragraph's unknown names of a fitting kind
    if lang_b.startswith("zh") and not lang_a.startswith("zh"):
        mine = [c for c in lead if c.paragraph == cand.paragraph
                and _zh_kind(c) == _zh_kind(cand)]
    else:
        mine = [c for c in lead if c.paragraph == cand.paragraph
                and _kind_fits(cand.kind, c.kind)]
    theirs = [o for o in options if _kind_fits(cand.kind, o.kind)]
    distinct = list(dict.fromkeys(c.text for c in mine))
    if cand.text in distinct and len(distinct) == len(dict.fromkeys(o.text for o in theirs)):
        return next(o for o in theirs if o.text == list(dict.fromkeys(
            o.text for o in theirs))[distinct.index(cand.text)])
    return None


_PINYIN = re.compile(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|"
                     r"ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|"
                     r"i|u|v)")


def _is_pinyin(word: str) -> bool:
    """Whether *word* splits into pinyin syllables (Zhang, Xiaoming): a Chinese name, written
    in Chinese without the middle dot of transliterated names."""
    low = word.lower()
    ok = [True] + [False] * len(low)
    for i in range(len(low)):
        if ok[i]:
            for m in range(1, 7):
                if i + m <= len(low) and _PINYIN.fullmatch(low[i:i + m]):
                    ok[i + m] = True
    return ok[-1]


def _zh_kind(cand: Candidate) -> str:
    """How a name of another language is written in Chinese: ``person`` (with the middle dot)
    for a foreign person, ``pinyin`` for a Chinese one."""
    if cand.kind == "person" and all(_is_pinyin(w) for w in cand.text.split()):
        return "pinyin"
    return cand.kind


def _kind_fits(a: str, b: str) -> bool:
    if "acronym" in (a, b) or "person" in (a, b):
        return a == b
    return True


def _lemma(text: str, lang: str) -> str:
    """A Russian name back in the nominative where pymorphy3 can tell (``Михаила Киселева``
    -> ``Михаил Киселев``); kept as found when its first declinable word is nominative
    (``Елена Воронова``); other languages as found."""
    if lang != "ru":
        return text
    pieces = re.split(r"(\s+)", text)
    for piece in pieces:
        if _WORD.fullmatch(piece) and not _ACRONYM.match(piece):
            parses = [p for p in _ru_parses(piece) if "Fixd" not in p.tag]
            if not parses:
                continue
            if any(p.tag.case == "nomn" and {"Name", "Surn"} & set(map(str, p.tag.grammemes))
                   for p in parses[:3]) or parses[0].tag.case == "nomn":
                return text
            break
    out = []
    for piece in pieces:
        if not piece.strip() or not _WORD.fullmatch(piece) or piece.isupper() or \
                _ACRONYM.match(piece) or not _CYRILLIC_LETTER.search(piece):
            # an acronym is no word to decline: pymorphy3 reads УрФУ as the dative of Урфа;
            # nor is a Latin name (a brand, UralSmart), which it lowercased
            out.append(piece)
            continue
        parses = _ru_parses(piece)
        best = next((p for p in parses if {"Name", "Surn", "Geox", "Orgn"} &
                     set(map(str, p.tag.grammemes))), parses[0] if parses else None)
        word = best.normal_form if best is not None and best.tag.POS in ("NOUN", "ADJF") \
            else piece.lower()
        if "ё" not in piece.lower():
            word = word.replace("ё", "е")
        out.append(word[:1].upper() + word[1:] if piece[:1].isupper() else word)
    return "".join(out)
