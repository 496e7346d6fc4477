"""The grammatical form of a term inserted into a Russian sentence.

The model's own rendering tells the case and number when it has a declinable noun
(``Институтом промышленных технологий`` -> instrumental). Otherwise the case forms of the term
are put into the sentence and the translator scores them; the best one wins. A preposition
right before the place narrows the candidates to the cases it governs (``в`` -> prepositional
or accusative, ``с`` -> instrumental or genitive). Indeclinable parts (acronyms, ``Цзянсу``,
Latin-script names) stay as written (:func:`toolkit.glossary.morph.inflect` leaves what it does
not know).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from toolkit.glossary import ru
from toolkit.glossary.morph import CASES, head_lemma, inflect, number_for, observed_forms
from toolkit.text.protect import OPENING

Scorer = Callable[[Sequence[str]], Sequence[float]]
"""Scores candidate target sentences (higher is better)."""
Hint = tuple[str | None, str | None]
"""(the case a mention's place takes, the Russian preposition that renders the source's own),
each None when unknown: see :func:`source_preposition`."""

#: The cases each common Russian preposition governs (a fact of the grammar, not of a model).
PREPOSITION_CASES: dict[str, tuple[str, ...]] = {
    "в": ("loct", "accs"), "во": ("loct", "accs"), "на": ("loct", "accs"),
    "о": ("loct",), "об": ("loct",), "обо": ("loct",), "при": ("loct",),
    # "с" + genitive ("from": с сайта) hardly ever takes a named entity
    "с": ("ablt",), "со": ("ablt",), "между": ("ablt",), "над": ("ablt",),
    "под": ("ablt", "accs"), "перед": ("ablt",), "за": ("ablt", "accs"),
    "к": ("datv",), "ко": ("datv",), "по": ("datv",), "благодаря": ("datv",),
    "для": ("gent",), "из": ("gent",), "от": ("gent",), "до": ("gent",), "у": ("gent",),
    "без": ("gent",), "около": ("gent",), "после": ("gent",), "против": ("gent",),
    "среди": ("gent",), "вокруг": ("gent",), "кроме": ("gent",), "из-за": ("gent",),
    "через": ("accs",), "про": ("accs",),
}
#: The cases of a term with no preposition before it (the prepositional needs one).
_FREE = tuple(c for c in CASES if c != "loct")
#: Opening quotes and brackets between a word and the place after it: the word governs the
#: place through them (``в «Институте ...»``, ``с (СПбПУ)``).
_OPENER_CHARS = OPENING + "„"
_OPENERS = re.escape(_OPENER_CHARS)
OPENING_RUN = "[\\s" + _OPENERS + "]*"
#: Text that ends in an opening quote or bracket.
OPENS = re.compile("[" + _OPENERS + "]\\s*$")
#: One word, hyphenated or not (``Нанкинского``, ``научно-технический``).
_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)?"
_LAST_WORD = re.compile(f"({_WORD})" + OPENING_RUN + "$")
_LETTER = re.compile(r"[^\W\d_]")


def _last_word(before: str) -> re.Match[str] | None:
    """``_LAST_WORD.search(before)``, found from the end of *before* instead of trying every
    position of it (this is asked of every place a term may take).

    The match ends where the run of spaces and opening quotes at the end begins, on a
    letter; it begins where its letters (one hyphen between them allowed) begin, and the
    regex matched there gives the very match the search would.
    """
    end = len(before)
    while end and (before[end - 1].isspace() or before[end - 1] in _OPENER_CHARS):
        end -= 1
    if not end or not _LETTER.match(before, end - 1):
        return None
    start = end - 1
    while start and _LETTER.match(before, start - 1):
        start -= 1
    if start > 1 and before[start - 1] == "-" and _LETTER.match(before, start - 2):
        start -= 2
        while start and _LETTER.match(before, start - 1):
            start -= 1
    return _LAST_WORD.match(before, start)


#: The Russian preposition of place or direction a term takes by its head noun: ``в`` in
#: general (``в Нанкине``, ``в СПбПУ``), ``на`` for events and some workplaces (``на форуме``,
#: ``на Неделю инноваций``, ``на кафедре``). A hint naming it (:data:`SOURCE_CASE_HINTS`, for
#: ``at``, ``to`` after a verb of motion, ``registration for``) is resolved by
#: :func:`place_preposition`.
IN_OR_ON = "в/на"
_ON_NOUNS = frozenset({
    "форум", "неделя", "конференция", "выставка", "семинар", "сессия", "заседание",
    "церемония", "встреча", "фестиваль", "съезд", "конгресс", "олимпиада", "конкурс",
    "ярмарка", "саммит", "симпозиум", "лекция", "презентация", "мероприятие", "собрание",
    "совещание", "чемпионат", "турнир", "хакатон", "вебинар", "концерт", "праздник", "день",
    "площадка", "завод", "предприятие", "факультет", "кафедра", "фабрика", "станция", "курс",
})


def place_preposition(preposition: str, term: str) -> str:
    """*preposition* itself, or for :data:`IN_OR_ON` the one *term*'s head noun takes."""
    if preposition != IN_OR_ON:
        return preposition
    return "на" if head_lemma(term) in _ON_NOUNS else "в"


#: The Russian case a source-language preposition before a mention usually asks for, and the
#: Russian preposition that renders it where one does (None: the case alone, ``of X`` ->
#: genitive). The hint is used when nothing in the Russian sentence decides (en: the word
#: before; zh: the character before, or 的 after); the preposition when a term the model
#: dropped is put back, or the model's own preposition cannot govern the case.
SOURCE_CASE_HINTS: dict[str, dict[str, tuple[str, str | None]]] = {
    "en": {"with": ("ablt", "с"), "by": ("ablt", None), "between": ("ablt", "между"),
           "of": ("gent", None), "for": ("gent", "для"), "from": ("gent", None),
           "without": ("gent", "без"), "in": ("loct", "в"), "at": ("loct", IN_OR_ON),
           "on": ("loct", None), "about": ("loct", "о"), "to": ("datv", None),
           "towards": ("datv", "к"), "under": ("ablt", "под"), "among": ("gent", "среди"),
           "after": ("gent", "после"), "before": ("ablt", "перед")},
    "zh": {"与": ("ablt", "с"), "和": ("ablt", None), "同": ("ablt", "с"), "跟": ("ablt", "с"),
           "在": ("loct", IN_OR_ON), "于": ("loct", None), "为": ("gent", "для"),
           "从": ("gent", None), "给": ("datv", None), "向": ("datv", None),
           "对": ("datv", None)},
}
#: English verbs and nouns of motion or direction (stems), a few words before ``in``/``to``:
#: ``arrived in X``, ``a visit to X``, ``invited students to X`` are ``в``/``на`` + accusative.
_EN_MOTION = re.compile(
    r"\b(?:(?:arriv|travel|return|mov)\w*|came|comes?|coming|go|goes|"
    r"going|gone|went|flew|fly|flies|flying|visits?|trips?|journeys?|contribut(?:e|es|ed|ing|"
    r"ions?))\s+(?:in|to|into)\s*$"
    # a verb with its object in between: invited students to X, brought them to X
    r"|\b(?:invit|welcom|admit|brought|bring)\w*(?:\s+[a-z]+){0,2}\s+(?:to|into)\s*$",
    re.I)
#: ``registration for X`` and the like: ``регистрация на X`` (accusative).
_EN_FOR_ON = re.compile(r"\b(?:regist\w*|appl(?:y|ies|ied|ication|ications)|tickets?|"
                        r"sign(?:ed|s)?\s+up|enrol\w*|subscri\w*|call|calls|grants?|"
                        r"funding)\s+for\s*$", re.I)
#: English verbs whose object is a mention right after them (Russian accusative): the usual
#: verbs of press releases in any form, and any other past form in -ed.
_EN_OBJECT_VERBS = re.compile(
    r"(?:visit|open|thank|host|welcom|support|congratulat|represent|head|lead|led|establish|"
    r"launch|invit|attend|organi[sz]|sponsor|fund|chose|choos|elect|select|prais|award|"
    r"honou?r|recogni[sz]|acquir|includ|introduc|present|consult|notif|inform|ask|urg|"
    r"encourag|approv|accredit|name|appoint|nominat|mention|cite|quot)(?:e|s|es|ed|d|ing)?$")
#: Words in -ed that are not transitive verbs before a mention (``called X``: nominative;
#: ``based``/``located`` are followed by a preposition anyway).
_EN_NOT_OBJECT = frozenset({"called", "named", "renamed", "entitled", "titled", "dubbed",
                            "hundred", "based", "located", "headquartered", "dedicated",
                            "compared", "related"})
#: The lowercase word right after an English mention, when the mention may modify it as a
#: noun adjunct (``the SPbPU delegation``).
_EN_NEXT_WORD = re.compile(r"[ \u00a0]([a-z]+)\b")
#: Words after a mention that are no noun it modifies: function words, auxiliaries, time
#: words and the irregular past tenses a press release writes after its subject (regular
#: verbs end in -ed; a word in -s may be a plural noun or a verb and is left alone too).
_EN_NOT_HEAD = frozenset({
    "and", "or", "but", "nor", "to", "in", "at", "on", "of", "for", "with", "by", "from", "as",
    "into", "than", "that", "which", "who", "whose", "will", "would", "can", "could", "may",
    "might", "shall", "should", "must", "do", "did", "does", "had", "have", "be", "been",
    "being", "are", "were", "am", "not", "remain", "plan", "want", "need", "hope", "expect",
    "intend", "agree", "offer", "use", "get", "go", "see", "say", "help", "also", "then", "now",
    "today", "yesterday", "tomorrow", "last", "next", "this", "every", "each", "later", "soon",
    "already", "still", "once", "again", "here", "there", "became", "become", "began", "begin",
    "brought", "built", "came", "come", "chose", "drew", "found", "gave", "give", "got", "grew",
    "held", "hold", "kept", "led", "lead", "left", "lost", "made", "make", "met", "meet",
    "paid", "put", "ran", "read", "said", "saw", "sent", "set", "sold", "spent", "stood",
    "took", "take", "told", "went", "won", "wrote", "sought", "taught", "undertook", "oversaw",
    "withdrew", "let", "overtook", "arose", "bore", "beat", "bought", "broke", "caught", "cut",
    "dealt", "drove", "fell", "felt", "fought", "flew", "forgot", "heard", "hit", "hung",
    "knew", "laid", "lent", "meant", "rose", "shook", "showed", "shut", "sat", "spoke",
    "spread", "stole", "struck", "swore", "threw", "thought", "understood", "wore", "wound",
})


def _en_adjunct(source: str, end: int) -> bool:
    """Whether the English mention ending at *end* modifies the word after it as a noun
    adjunct (``the UrFU delegation``, ``a HIT team``): a lowercase word follows that is no
    function word, verb or adverb (:data:`_EN_NOT_HEAD`, -ed, -ing, -ly) and no word in -s
    (``UrFU students`` or ``UrFU hosts``: either)."""
    found = _EN_NEXT_WORD.match(source, end)
    if found is None:
        return False
    word = found.group(1)
    return word not in _EN_NOT_HEAD and not word.endswith(("ed", "ing", "ly", "s"))


#: Two-word prepositions, before the one-word ones: (case, Russian preposition).
_EN_PHRASES = (
    (re.compile(r"\bthanks\s+to\s*$", re.I), ("datv", "благодаря")),
    (re.compile(r"\baccording\s+to\s*$", re.I), ("gent", None)),  # по данным X
)
#: Chinese verbs of arrival and travel, whose destination follows them with no preposition
#: (抵达南京: прибыл в Нанкин), with the aspect particle 了 after them or not.
_ZH_MOTION = re.compile(r"(?:抵达|到达|前往|来到|飞抵|赶赴|奔赴|回到|返回|赴)了?$")
#: Chinese nouns after ``X的`` that mean registration or applications for X.
_ZH_FOR_ON = re.compile(r"报名|注册|申请|门票")
_EN_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_EN_POSSESSIVE = re.compile(r"['’]s?\b")
#: Coordinations: a mention after another joined by one of these takes the other's case.
_AND = re.compile(r"\s*(?:and|or|и|или|和|与|及|、|,)\s*", re.I)


def _en_object(word: str, opening: bool) -> bool:
    """Whether the English *word* before a mention makes it a direct object (*opening*: the
    word opens the sentence)."""
    low = word.lower()
    if low in _EN_NOT_OBJECT or word[:1].isupper() and not (
            opening and _EN_OBJECT_VERBS.match(low)):
        return False  # a capitalised word is part of a name (United, Advanced, the
        # Development Fund, the Open University); an imperative opening the sentence
        # (Visit X) is a verb
    if _EN_OBJECT_VERBS.match(low):
        return True
    return len(low) > 4 and low.endswith("ed") and not low.endswith("eed")


def source_preposition(source: str, start: int, end: int, lang: str) -> Hint:
    """(case the source suggests for the mention at ``source[start:end]``, the Russian
    preposition that renders its own), each None when the source does not tell.

    A possessor (en: followed by ``'s``, or a noun it qualifies after an article or at the
    start of the sentence, :func:`_en_adjunct`; zh: by 的, at the start of the sentence too:
    ``X的校长``, ``ректор X``) is genitive; else a mention opening the sentence is its subject
    (nominative); otherwise the preposition before it (:data:`SOURCE_CASE_HINTS`; after a verb
    or noun of motion ``in``/``to`` is ``в``/``на`` + accusative, after ``registration``
    ``for`` is ``на`` + accusative), or a verb right before it, whose object it is
    (accusative).
    """
    before = source[:start]
    if lang == "en":
        article = re.search(r"\b(?:the|a|an)\s*$", before, flags=re.I)
        before = before[:article.start()] if article else before
        if _EN_POSSESSIVE.match(source, end):
            return "gent", None
        if (article or not re.search(r"\w", before)) and _en_adjunct(source, end):
            # the name qualifies the noun after it, which Russian says with the name in the
            # genitive after that noun: the UrFU delegation -> делегация УрФУ
            return "gent", None
    hints = SOURCE_CASE_HINTS.get(lang, {})
    if lang == "zh":
        after = source[end:end + 1]
        if before.rstrip()[-1:] == "在" and not (after == "的" and "下" in source[end:end + 8]):
            return hints["在"]  # 在X的工作: в X; but 在X的支持下: при поддержке X
        if after == "的":  # X的代表 opening the sentence is a possessor too, not its subject
            # but X的报名 is registration for X (регистрация на X)
            return ("accs", "на") if _ZH_FOR_ON.match(source, end + 1) else ("gent", None)
    if not re.search(r"\w", before):
        return "nomn", None
    if lang == "zh":
        if _ZH_MOTION.search(before.rstrip()):
            return "accs", IN_OR_ON
        return hints.get(before.rstrip()[-1:], (None, None))
    for phrase, hint in _EN_PHRASES:
        if phrase.search(before):
            return hint
    if _EN_MOTION.search(before):
        return "accs", IN_OR_ON
    if _EN_FOR_ON.search(before):
        return "accs", "на"
    found = _EN_WORD_BEFORE.search(before)
    if not found or re.search(r"[,;:.!?]", before[found.end(1):]):
        # punctuation between (``Under the agreement, X``): the word before says nothing
        return (None, None)
    word = found.group(1)
    if word.lower() in hints:
        return hints[word.lower()]
    opening = not re.search(r"\w", before[:found.start(1)])
    return ("accs", None) if _en_object(word, opening) else (None, None)


def source_case_hint(source: str, start: int, end: int, lang: str) -> str | None:
    """The case the source suggests for a mention at ``source[start:end]`` (None: no hint);
    see :func:`source_preposition`."""
    return source_preposition(source, start, end, lang)[0]


def place_form(term: str, source: str, span: tuple[int, int], lang: str, before: str) -> str:
    """The form of the Russian *term* for a place where the model kept a token (*before* is
    the Russian text before it) that stands for ``source[span[0]:span[1]]``: the case the
    source's words before the span ask for (:func:`source_preposition`) where the place allows
    it, else the one the place governs (:func:`choose_form`, unscored)."""
    case, _preposition = source_preposition(source, span[0], span[1], lang)
    return choose_form(term, None, lambda form: form, None, before, case, own=False)[0]


def coordinated(between: str) -> bool:
    """Whether the source text *between* two mentions joins them (``X and Y``), so the
    second takes the first's case."""
    return bool(_AND.fullmatch(between))


#: The Russian conjunctions that render a source's ``and``/``or`` between two mentions.
CONJUNCTIONS = frozenset({"и", "или"})


def conjunction(between: str) -> str | None:
    """The Russian conjunction for the source text *between* two coordinated mentions
    (``и``, ``или``); None for a comma, no coordination, or Chinese 和/与, which are ``with``
    as often as ``and`` (王磊与X签署: Ван Лэй подписал с X)."""
    word = between.strip().lower()
    if word in ("or", "или"):
        return "или"
    return "и" if word in ("and", "и", "及", "、") else None


#: The word of each target language that writes a source's ``and`` / ``or`` between two names.
_JOINING = {"and": {"en": "and", "ru": "и", "zh": "和"},
            "or": {"en": "or", "ru": "или", "zh": "或"}}
#: What opens the source text between two coordinated names, and what it means. Chinese 与 is
#: left out: it is ``with`` as often as ``and`` (:func:`conjunction`).
_OPENS_COORDINATION = re.compile(r"\s*(?:(and|и|和|及|以及|、)|(or|или|或))(?![^\W_])", re.I)


def joining_word(between: str, lang: str) -> str | None:
    """The word of *lang* (en, ru, zh) that joins two names the way the source text
    *between* them does (``and``, ``и``, ``和``), when it begins with a conjunction (a title
    may follow it: ``Maria Orlova and Professor Li Wei``); None otherwise."""
    m = _OPENS_COORDINATION.match(between)
    if m is None:
        return None
    return _JOINING["and" if m.group(1) else "or"].get(lang)


def with_preposition(preposition: str, word: str) -> str:
    """*preposition* in the form it takes before *word* (``во Владивостоке``, ``со СПбПУ``,
    ``об альянсе``)."""
    first, second = word[:1].lower(), word[1:2].lower()
    consonant = second.isalpha() and second not in "аеёиоуыэюя"
    if preposition == "в" and first in "вф" and consonant:
        return "во"
    if preposition == "с" and first in "сзшжщ" and consonant:
        return "со"
    if preposition == "о" and first in "аиоуэ":
        return "об"
    return preposition


#: Russian words of motion or direction (lemmas) after which ``в``/``на`` take the accusative.
_MOTION = frozenset({
    "прибыть", "прибывать", "приехать", "приезжать", "прилететь", "прилетать", "поехать",
    "ехать", "лететь", "полететь", "отправиться", "отправляться", "направиться", "вернуться",
    "возвращаться", "переехать", "прийти", "приходить", "войти", "въехать", "поступить",
    "пригласить", "приглашать", "отправить", "направить", "направлять", "перейти", "визит",
    "поездка", "приглашение", "регистрация", "заявка",
})


#: The nouns of Russian compound prepositions (``в рамках``, ``при поддержке``, ``с
#: участием``): the compound governs what follows (the genitive, ``с помощью``: also).
COMPOUND_NOUNS = frozenset({
    "рамках", "области", "сфере", "поддержке", "участием", "базе", "честь", "лице", "течение",
    "связи", "ходе", "целях", "пользу", "отношении", "качестве", "помощью", "стороны",
    "адресу", "имя", "счёт", "счет", "результате", "интересах", "пределах", "условиях",
})


def compound_cases(before: str) -> tuple[str, ...] | None:
    """The genitive when the target text *before* a place ends in a compound preposition
    (``по адресу``, ``при поддержке``, ``в рамках``): the compound governs it, whatever
    case a simple preposition of the source would ask for; None otherwise."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", before[-40:])[-2:]]
    if len(words) == 2 and words[0] in PREPOSITION_CASES and words[1] in COMPOUND_NOUNS:
        return ("gent",)
    return None


def preposition_cases(before: str) -> tuple[str, ...] | None:
    """The cases the target text *before* a place leaves it when they are sure: the
    nominative at the start of the sentence, or what the preposition right before governs,
    opening quotes and brackets between them too (``в «``; ``в``/``на`` after a word of
    motion: the accusative); None otherwise."""
    if not re.search(r"\w", before):
        return ("nomn",)  # a noun phrase opening the sentence is its subject
    found = _last_word(before)
    if not found:
        return None
    word = found.group(1).lower()
    if word not in PREPOSITION_CASES:
        return None
    if word in ("в", "во", "на"):
        previous = _last_word(before[:found.start()])
        lemma = previous.group(1).lower() if previous else ""
        if lemma and ru.known(lemma) and any(
                p.normal_form in _MOTION for p in ru.parses(lemma)[:2]):
            return ("accs",)
    return PREPOSITION_CASES[word]


def _title_case(before: str) -> str | None:
    """The case of a person's title before a chain of genitives that ends *before*
    (``Профессор Политехнического университета``: nominative): a name after the chain stands
    in apposition to the title; None when the chain's head is no animate noun. The chain may
    hold a title's prepositional phrase (``проректор по международной деятельности``,
    ``директор по науке``): a preposition and the words it governs are skipped too."""
    oblique = ("datv", "ablt", "loct")
    skipped = False  # a word of the chain lies between this one and the place
    unowned = False  # a skipped word in a case only a preposition before it can give
    for word in reversed(re.findall(r"[^\W\d_]+", before)[-8:]):
        parses = ru.parses(word.lower()) if ru.known(word.lower()) else ()
        if not parses:
            return None
        if skipped and parses[0].tag.POS == "PREP":
            unowned = False  # the phrase it opens belongs to the title
            continue
        if any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in parses[:2]):
            skipped = True
            continue
        head = parses[0]
        if head.tag.POS == "NOUN" and head.tag.animacy == "anim" and head.tag.case:
            return None if unowned else head.tag.case
        if any(p.tag.case in oblique and p.tag.POS in ("NOUN", "ADJF") for p in parses[:3]):
            skipped = unowned = True  # a preposition's object, if one comes before it
            continue
        return None
    return None


def governed_cases(before: str) -> tuple[str, ...]:
    """The cases a term may take after *before*, most likely first.

    What :func:`preposition_cases` is sure of; else after an inanimate noun the genitive
    (``соглашение мэрии``), after an animate one also its own case (apposition, ``ректором
    Андреем Рудским``), and so after a title's organisation in the genitive (``ректором
    Политехнического университета Андреем Рудским``); after a transitive verb its object
    (accusative), a subject after it (nominative) or a recipient (dative), and under negation
    the genitive; otherwise any but the prepositional, which only a preposition governs.
    """
    sure = preposition_cases(before)
    if sure is not None:
        return sure
    found = _last_word(before)
    if not found:
        return _FREE
    word = found.group(1).lower()
    parses = ru.parses(word) if ru.known(word) else ()
    if parses and parses[0].tag.POS == "NOUN" and parses[0].tag.case:
        if parses[0].tag.animacy != "anim":
            title = (_title_case(before) if parses[0].tag.case in ("gent", "datv", "ablt", "loct")
                     else None)
            return ("gent",) if title is None else tuple(dict.fromkeys(("gent", title)))
        return tuple(dict.fromkeys(("gent", parses[0].tag.case)))
    if parses and parses[0].tag.POS in ("VERB", "INFN") and "tran" in parses[0].tag:
        previous = _last_word(before[:found.start()])
        if previous and previous.group(1).lower() == "не":
            return ("gent", "accs", "nomn", "datv")
        return ("accs", "nomn", "datv")
    return _FREE


_NOUN_AFTER = re.compile(rf"[ \u00a0]+({_WORD})")


def relational_noun(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The span of the noun that the adjective at ``text[span[0]:span[1]]`` modifies, when
    that one word is an adjective agreeing with the word right after it (``Нанкинского
    университета``, ``нанкинские компании``); None otherwise.

    A model often renders a place before a noun as the place's adjective. Such an adjective
    is no place for the place's name (``Делегация Нанкин университета``): Russian says the
    same with the name in the genitive after the noun (``Делегация университета Нанкина``,
    ``компании Нанкина``).
    """
    word = text[span[0]:span[1]]
    if not re.fullmatch(_WORD, word) or not ru.known(word.lower()):
        return None
    first = ru.parses(word.lower())[0]
    if first.tag.POS != "ADJF" or not first.tag.case:
        return None
    after = _NOUN_AFTER.match(text, span[1])
    if after is None or not ru.known(after.group(1).lower()):
        return None
    agreeing = {(p.tag.case, p.tag.number) for p in ru.parses(word.lower())
                if p.tag.POS == "ADJF"}
    if any(p.tag.POS == "NOUN" and (p.tag.case, p.tag.number) in agreeing
           for p in ru.parses(after.group(1).lower())[:2]):
        return after.span(1)
    return None


def forms(term: str, cases: Sequence[str] = CASES) -> list[str]:
    """The distinct singular forms of *term* in *cases*, in that order."""
    return list(dict.fromkeys(inflect(term, case) for case in cases))


def misplaced_case(surface: str, before: str) -> bool:
    """Whether a term written as *surface* after *before* is in a case its place cannot take
    (``пройдёт в Санкт-Петербургский университет`` is, ``соглашение с СПбПУ`` cannot tell)."""
    allowed = set(governed_cases(before))
    if {"nomn", "accs"} & allowed:
        allowed |= {"nomn", "accs"}  # they look alike for inanimate nouns
    found = readings(surface)
    return bool(found) and not any(case in allowed for case, _n in found)


def readings(surface: str) -> tuple[tuple[str, str], ...]:
    """The (case, number) readings of *surface*, only the singular ones if it has any: an
    entity is one (``Дмитрий`` is not the genitive plural of ``Дмитрия``)."""
    readings = observed_forms(surface)
    single = tuple(r for r in readings if r[1] == "sing")
    return single or readings


def _citation_form(term: str, observed: tuple[str, str] | None, sure: tuple[str, ...] | None,
                   hint: str | None) -> bool:
    """Whether the model's own rendering is the term as a glossary cites it (nominative)
    inside a sentence whose source gives it another case: the weak models copy a term they
    know in that form whatever its place (``Письмо отправлено Андрей Рудской``)."""
    return observed is not None and observed[0] == "nomn" and sure is None \
        and hint not in (None, "nomn") and inflect(term, hint) != inflect(term, "nomn")


_CONJUNCT = re.compile(rf"({_WORD})[\s»\")]*(?:«[^«»]*»\s*)?\s+(?:и|или)\s+$",
                       re.IGNORECASE)


def conjunct_cases(before: str) -> frozenset[str]:
    """The cases of the word a place is joined to by a conjunction right before it
    (``Пекинский университет и |``: nominative or accusative; ``технопарком «Ингрия» и |``:
    instrumental, a quoted name skipped for the word it names); empty when no conjunction
    is just before. Two joined noun phrases share a case."""
    found = _CONJUNCT.search(before)
    if found is None:
        return frozenset()
    return frozenset(c for c, _n in readings(found.group(1)))


def choose_form(term: str, rendering: str | None, sentence: Callable[[str], str],
                score: Scorer | None, before: str = "", hint: str | None = None,
                own: bool = True) -> tuple[str, str]:
    """(form of *term* to insert, how it was chosen: ``observed``, ``governed``, ``source``,
    ``scored`` or ``as-is``).

    *rendering* is what the model wrote in its place (None if nothing); *own* says whether it
    is the model's rendering of the term itself (a glossary variant, a fuzzy match) rather
    than words the attention tied to the mention. *before* is the target text before the
    place; *hint* the case the source suggests (:func:`source_case_hint`).

    In that order: the case of the model's own rendering where its place allows it (but not
    a nominative the source contradicts mid-sentence: :func:`_citation_form`, unless it is
    joined by a conjunction to a word in that case, :func:`conjunct_cases`); the source's
    case unless the place rules it out (a preposition right before it, simple or compound,
    or the start of the sentence; the prepositional needs a preposition) -- a source
    preposition is surer than the guess that a noun before governs the genitive, and than
    the case of words the attention tied to the mention; the case of those words; else the
    model scores the forms the place allows (*sentence(form)* builds the target sentence with
    *form* in it).
    """
    sure = preposition_cases(before) or compound_cases(before)
    allowed = sure or governed_cases(before)
    observed = next((r for r in readings(rendering or "") if r[0] in allowed), None)
    hinted = hint is not None and (hint in sure if sure else hint in _FREE)
    if own and observed is not None and not (
            hinted and _citation_form(term, observed, sure, hint)
            and observed[0] not in conjunct_cases(before)
            and (sure or observed[0] != _title_case(before))):
        return inflect(term, observed[0], number_for(term, observed[1])), "observed"
    if hinted:
        return inflect(term, hint), "source"  # type: ignore[arg-type]
    if observed is not None:
        return inflect(term, observed[0]), "observed"
    candidates = forms(term, allowed)
    if len(candidates) == 1:
        return candidates[0], "as-is" if candidates[0] == term else "governed"
    if score is None:
        return candidates[0], "governed"
    scores = score([sentence(c) for c in candidates])
    best = max(range(len(candidates)), key=lambda i: scores[i])
    return candidates[best], "scored"
