"""Evidence that a glossary mention is the tail of a longer, different name.

A glossary's short form is often the end of other organisations' names as well: SPbPU's
``Polytechnic University`` ends ``Tomsk Polytechnic University`` and ``Moscow Polytechnic
University``; ``Политехнический университет`` ends ``Томский политехнический университет``.
Read as a mention, such a name gets the wrong concept's target term and a false finding. The
matcher asks this module about the word directly before a mention (the caller has already ruled
out the concept's own name written twice and a word that the concept's own longer terms put
there):

- Latin script: a capitalised word that is no function word, title, determiner, numeral or
  sentence adverb, in running text, also as the first word of a sentence or headline (``Tomsk
  Polytechnic University won.``, ``Tomsk Polytechnic University Wins Robotics Cup``; ``Today
  Polytechnic University signed ...`` keeps its mention), and also when it is another
  concept's name (``Nanjing Polytechnic University``). An ``-ly`` word opening a sentence is an
  adverb when it ends like one made from an adjective (``Recently``, ``Separately``), a name
  otherwise (``Beverly``, ``Kimberly``). Further into a title-case headline (a sentence with no
  lowercase word but articles, prepositions and conjunctions) a word counts only when the same
  text writes it capitalised after a lowercase word elsewhere (a proper name by its own
  evidence): ``University Signs Agreement With Polytechnic University`` and ``Students Tour
  Polytechnic University Campus`` keep their mentions; so does an adverb opening a sentence
  (``Recently``; ``Sicily`` with such evidence is a name).
- Russian: a capitalised adjective agreeing with the mention's first word (``Томским
  политехническим``), not a pronoun adjective (``этот``, ``наш``); as the first word of a
  sentence only when the mention itself is written in lowercase where the term is capitalised
  (Russian capitalises only a name's first word).
"""

from __future__ import annotations

import re

from toolkit.glossary import ru
from toolkit.glossary.model import Concept

#: The words a title-case headline leaves in lower case (articles, prepositions, coordinating
#: conjunctions): any other word in lower case makes a sentence running text, however short
#: (``Tomsk Polytechnic University won.``).
_TITLE_MINOR = frozenset("""
a an the
of at in on to for from with by about as into onto over under between among through during
after before since until against within without via per across along alongside amid amidst
around behind beside besides beyond despite following including like near regarding toward
towards unlike upon throughout vs v than
and or but nor so yet
""".split())
#: Capitalised words before a name that do not make it another name: the above, determiners,
#: titles of people, parts of a place, editions of an event, numerals, days and months, and
#: the adverbs, auxiliaries and imperatives that open a sentence (``With Polytechnic
#: University`` in a headline, ``Rector Rudskoy``, ``Southern Jiangsu``, ``the Second
#: Russian-Chinese Innovation Forum``, ``Earlier Polytechnic University signed ...``, ``On
#: Monday Polytechnic University ...``, ``Visit Polytechnic University's ...``).
_NOT_MODIFIERS = _TITLE_MINOR | frozenset("""
this that these those its his her their our your my all both each every any some no
another other such which whose what either neither many several few most more much
then if when while where whereas whether because although though unless once new
mr mrs ms miss dr prof professor rector vice president director dean minister governor mayor
chairman chairwoman chair ceo head academician ambassador consul general secretary deputy
sir madam lord lady st saint mount lake executive chief officer manager spokesperson
spokesman spokeswoman senator commissioner representative coordinator founder researcher
scientist engineer student colleague partner fellow lecturer associate assistant adviser
advisor counsellor counselor principal provost registrar supervisor doctor general colonel
captain judge justice king queen prince princess emperor pope bishop father brother sister
north south east west northern southern eastern western central greater upper lower inner
outer downtown annual daily weekly monthly yearly international first second third fourth
fifth sixth seventh eighth ninth tenth next last one two three four five six seven eight nine
ten eleven twelve twenty thirty forty fifty hundred thousand dozens
also today yesterday tomorrow tonight now here there however meanwhile moreover earlier later
soon still thus therefore hence instead nevertheless nonetheless furthermore likewise
otherwise indeed overall together again already only even just early newly firstly secondly
thirdly lastly
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december
is are was were will can does did has have dear please thanks congratulations welcome join
visit meet use open contact see read download install try call write send check find follow
register apply learn explore discover watch ask get choose start thank help let make take tell
share click select enter go log sign subscribe view email order book
""".split())
#: Endings of the English adverbs made from adjectives (``Recently``, ``Additionally``,
#: ``Previously``, ``Separately``, ``Reportedly``, ``Accordingly``, ``Similarly``,
#: ``Notably``, ``Directly``): an ``-ly`` word that opens a sentence with one of them is
#: taken for an adverb. Names in ``-ly`` end otherwise (``Beverly``, ``Kimberly``,
#: ``Sicily``, ``Connolly``, ``Italy``).
_ADVERB_ENDS = ("ally", "ntly", "ously", "ely", "edly", "ingly", "fully", "lessly", "arly",
                "arily", "orily", "bly", "ishly", "ctly")
#: Letters an adverb has before its ending (``Sally`` is no ``-ally`` adverb).
_ADVERB_STEM = 2
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = frozenset(".!?…:;#*>|")
_MIN_HEADLINE_WORD = 4
_REACH = 400  # a sentence or headline is shorter than this


_INITIAL = re.compile(r"^[^\W\d_]\.\s")


def is_person(concept: Concept) -> bool:
    """Whether *concept* names a person, whom a title before the name does not make another
    one (``Chief Executive Wang Lei``): a term with an initial (``A. Rudskoy``), a Chinese term
    with the name dot (``安德烈·鲁德斯科伊``), or a Russian term of two or more words whose
    first is a first name (``Андрей Рудской``)."""
    for term in concept.terms:
        text = term.text.strip()
        if _INITIAL.match(text) or (term.lang == "zh" and "·" in text):
            return True
        words = _WORD.findall(text)
        if term.lang == "ru" and len(words) >= 2 and ru.has_cyrillic(words[0]):
            best = ru.parses(words[0])[0].tag
            if "Name" in best.grammemes and best.case == "nomn":
                return True
    return False


_COINED = re.compile(r"[^\W\d_]*[a-zа-яё][A-ZА-ЯЁ]|[^\W_]*(?:[^\W\d_]\d|\d[^\W\d_])")


def coined(word: str) -> bool:
    """Whether *word* is a coined name by its spelling: a capital after a small letter
    (``OrbitLab``, ``GlobalTech``, ``iPhone``) or letters and digits together (``Web3``).
    No common word is spelled so, so a term that opens with one is a name of its own, not
    the tail of another that a capitalised word before it would make (``Use OrbitLab``)."""
    return _COINED.match(word) is not None


def word_before(text: str, start: int) -> tuple[int, int, str] | None:
    """(start, end, word) of the word directly before *start*, separated from it by spaces
    or tabs only; None when something else is there (punctuation, a line break, nothing)."""
    i = start
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == start:
        return None
    end = i
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    if i == end or (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
        return None
    return i, end, text[i:end]


def _sentence_first(text: str, start: int) -> bool:
    """Whether the word at *start* begins a sentence, a line or the text."""
    i = start
    while i > 0 and not text[i - 1].isalnum():
        char = text[i - 1]
        if char == "\n" or char in _SENTENCE_END:
            return True
        i -= 1
    return i == 0


def _sentence(text: str, start: int) -> str:
    """The sentence (or line) around *start*, at most :data:`_REACH` characters each side."""
    lo = max(0, start - _REACH)
    before = text[lo:start]
    cut = max(before.rfind(c) for c in "\n.!?") + 1
    after = text[start:start + _REACH]
    ends = [j for j in (after.find(c) for c in "\n.!?") if j >= 0]
    return before[cut:] + (after[:min(ends)] if ends else after)


def _title_case(sentence: str) -> bool:
    """Whether *sentence* is written in title case (a headline): every longer word is
    capitalised, and no word but those title case leaves small (:data:`_TITLE_MINOR`) is in
    lower case, short as it may be (``won``, ``met``)."""
    words = _WORD.findall(sentence)
    longer = [w for w in words if len(w) >= _MIN_HEADLINE_WORD]
    return len(longer) >= 2 and all(w[0].isupper() for w in longer) and not any(
        len(w) > 1 and w.islower() and w not in _TITLE_MINOR for w in words)


def headline_word(headline: str, text: str, word: str) -> bool:
    """Whether *word* of *headline*, a block of *text* on one line, has its capital from title
    case alone: the line is in title case (``UrFU and HIT Launch a Joint Arctic Research
    Centre``) and *text* never writes the word capitalised in running text
    (:func:`_proper_elsewhere`). A line that is part of a wrapped paragraph is no headline."""
    line = headline.strip()
    return "\n" not in line and _title_case(line) and not _proper_elsewhere(text, word)


def _adverb(word: str) -> bool:
    """Whether the ``-ly`` *word* is an adverb made from an adjective (:data:`_ADVERB_ENDS`)."""
    lower = word.lower()
    return any(lower.endswith(end) and len(lower) - len(end) >= _ADVERB_STEM
               for end in _ADVERB_ENDS)


def _proper_elsewhere(text: str, word: str) -> bool:
    """Whether *text* writes *word* capitalised after a lowercase word or a comma (a name by
    the text's own evidence, not a capital that the sentence or headline style gives). The
    whole word before is in lower case: ``Students Tour`` is no evidence for ``Tour``, and
    neither is a title-case headline (``Launch a Joint Arctic Research Centre``: the article
    stays small there, the capital is the headline's)."""
    for m in re.finditer(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])", text):
        if _title_case(_sentence(text, m.start())):
            continue
        before = word_before(text, m.start())
        if before is not None and before[2].islower():
            return True
        i = m.start()
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if i < m.start() and text[i - 1:i] == ",":
            return True
    return False


def latin_modifier(text: str, start: int, word: str) -> bool:
    """Whether *word* (at *start*) before a mention makes the mention part of a longer name.

    The first word of a sentence or headline is capitalised whatever it is, but a press
    release opens many sentences and headlines with another organisation's name (``Tomsk
    Polytechnic University signed ...``, ``Tomsk Polytechnic University Wins Robotics Cup``),
    so there it counts unless it is a word that commonly opens a sentence
    (:data:`_NOT_MODIFIERS`) or an adverb in ``-ly`` (``Recently``, not ``Beverly``), which
    counts only with the text's own evidence that it is a name. Further into a title-case
    headline every word is capitalised, so *word* counts only with that evidence."""
    lower = word.lower()
    if not word[:1].isupper() or lower in _NOT_MODIFIERS or len(word) < 2:
        return False
    if _sentence_first(text, start):
        return _proper_elsewhere(text, word) if _adverb(word) else True
    if _title_case(_sentence(text, start)):
        return _proper_elsewhere(text, word)
    return True


def _agreements(word: str, pos: set[str]) -> set[tuple[str, str, str]]:
    """(case, number, gender) of *word*'s readings of a part of speech in *pos* (gender ``*``
    in the plural or when unset)."""
    out = set()
    for parse in ru.parses(word):
        tag = parse.tag
        if tag.POS in pos and tag.case and "Apro" not in tag.grammemes:
            gender = str(tag.gender) if tag.number == "sing" and tag.gender else "*"
            out.add((str(tag.case), str(tag.number or "sing"), gender))
    return out


def _agree(a: set[tuple[str, str, str]], b: set[tuple[str, str, str]]) -> bool:
    return any(x[:2] == y[:2] and (x[2] == y[2] or "*" in (x[2], y[2])) for x in a for y in b)


def ru_modifier(text: str, start: int, word: str, surface: str, term: str) -> bool:
    """Whether the Russian *word* (at *start*) before a mention written *surface* (of the
    term *term*) makes it part of a longer name: a capitalised adjective agreeing with it."""
    if not word[:1].isupper() or not ru.has_cyrillic(word) or ru.acronym_base(word):
        return False
    first = _WORD.match(surface)
    if first is None:
        return False
    modifier = _agreements(word, {"ADJF", "PRTF"})
    if not modifier or not _agree(modifier, _agreements(first.group(), {"ADJF", "PRTF",
                                                                        "NOUN"})):
        return False
    if _sentence_first(text, start) or word.isupper():
        return surface[:1].islower() and term[:1].isupper()
    return True
