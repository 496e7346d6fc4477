"""Offline, deterministic paragraph and sentence segmentation for en, ru and zh.

Why: the engine translates sentence by sentence in one batched call, and argostranslate's
own sentencizer needs a model download. This module replaces it with precompiled regular
expressions and small rule tables (abbreviations, initials, numbers, Chinese punctuation,
quotes, URLs, ``｟n｠`` protection tokens), so it is fast, offline and gives the same answer
every time.

A document becomes a list of :class:`Piece` s: sentences to translate, and layout (markers,
indentation, blank lines, whitespace between sentences, code, front matter) copied verbatim.
Joining the pieces' text gives the input back byte for byte; :func:`rejoin` puts
translations in place of the sentences.

The rules are shared by the three languages (mixed text is common: English names in
Chinese, Latin brands in Russian); ``lang`` is validated through :mod:`toolkit.langs`.
Sentence text may contain a line break when a sentence is wrapped over two lines (soft
wrap); the caller should collapse whitespace before sending it to the engine.

Markdown links: ``[link text](url)`` stays inside its sentence (the engine needs the link
text in context) and is never split; the ``(url)`` part is left to the protect step
(:func:`toolkit.text.markdown.inline_spans` lists it, with code spans and raw HTML).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.langs import normalize
from toolkit.text import markdown, patterns
from toolkit.text.scripts import detect_language, is_cjk

__all__ = [
    "Piece",
    "split_document",
    "split_sentences",
    "sentence_spans",
    "rejoin",
    "detect_language",
]


@dataclass(frozen=True)
class Piece:
    """One run of a document: a sentence to translate, or layout copied verbatim.

    ``para`` is the index of the block (paragraph, heading, list item, table cell) the piece
    belongs to; layout between two blocks has ``para == -1``.
    """

    text: str
    translatable: bool
    para: int = -1


# --- character classes ---------------------------------------------------------------------

_CJK_TERMINATORS = "。！？；"
_CJK_QUOTES = "”」』’"
_CLOSERS = "\"'»”’)]}」』）》〉】〕*_~"
_OPENERS = "\"'«“„‘‚([{<*_~¡¿"
_DASHES = "—–-"
_SYMBOL_STARTS = "$€£¥₽№#@%&+"
_JOIN_AFTER = ",;(–—-/&+=«“„，、（《“"

_ZH_ATTRIBUTION = re.compile(
    r"[^。！？；\s]{0,15}(?:说|道|称|问|答|表示|指出|强调|补充|介绍|宣布|写道)[。！？]"
)
_TERM = re.compile(r"([.!?…。！？；]+)([" + re.escape(_CLOSERS) + r"]*)")
_BRACKET = re.compile(r"[()\[\]（）\r\n]")
_BRACKET_PAIRS = {"(": ")", "[": "]", "（": "）"}
_BRACKET_SPAN = 200
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NEWLINE_RUN = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)\s*")
_OPAQUE = re.compile(
    f"{patterns.URL}|{patterns.EMAIL}|{patterns.TOKEN}"
    r"|《[^《》\r\n]{0,80}》"
    f"|{patterns.CODE_SPAN}"
    # emphasis over a sentence end (``**2030. Nanjing**``): one unit, so the markup pairs up
    r"|(?<![*\w])(?P<em>\*\*?|__?)(?=[^\s*_])[^*\r\n]{1,200}?(?<=[^\s*_])(?P=em)(?![*\w])"
    r"|!?\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\]"
    r"(?:\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)|\[[^\[\]]*\])"
    f"|{patterns.TAG}",
    re.S,
)


# --- abbreviation tables (lower case, without the final period) ----------------------------

# Never end a sentence: titles and words that always precede a name or a number.
_PREFIX = frozenset(
    """mr mrs ms mx dr prof st mt gen lt col capt cpt sgt maj adm cmdr rev hon sen rep gov
    pres supt messrs mme mlle fr vs cf approx ca viz attn
    им проф акад ул просп пер наб пл ш пос пгт мкр дер обл св ген докт доц чл корр тов зав зам нач
    ред изд рис табл гл см ср напр пп стр ст кв корп""".split()
)
# Precede a number ("No. 5", "Fig. 3"), but are ordinary words otherwise ("No. The ...").
_NUMERIC_PREFIX = frozenset("no nos nr art fig figs vol vols p pp ch sec para eq tel ext".split())
# May end a sentence: a capitalised word after them starts a new one, a number does not.
_SUFFIX = frozenset(
    """etc inc ltd co corp llc plc bros jr sr al ibid dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    др руб коп тыс млн млрд трлн гг вв янв фев февр мар апр авг сент окт нояб дек мин сек
    ед экз шт""".split()
)
# Dotted abbreviations that never end a sentence ("e.g.", "т.е.").
_MID_DOTTED = frozenset("e.g i.e т.е т.к т.н т.о т.ч и.о".split())
# Dotted abbreviations that end a sentence before a capitalised word ("U.S.", "т.д.").
_SUFFIX_DOTTED = frozenset("т.д т.п н.э a.m p.m ph.d d.c".split())
# Second letter of a spaced two-letter abbreviation "т. е.", "н. э.": mid or suffix.
_SPACED = {
    ("т", "е"): False,
    ("т", "к"): False,
    ("т", "н"): False,
    ("т", "о"): False,
    ("т", "ч"): False,
    ("и", "о"): False,
    ("т", "д"): True,
    ("т", "п"): True,
    ("н", "э"): True,
}

# Capitalised words that usually continue a name after "U.S." / "U.K." ("the U.S. Army").
_COUNTRY_DOTTED = frozenset("u.s u.k u.n e.u u.s.a".split())
_COUNTRY_NOUNS = frozenset(
    """Department Army Navy Air Marine Marines Coast Senate Congress House President Embassy
    Supreme Court Treasury Government Federal Census Bureau Office Dollar Open Patent National
    Secretary State Attorney Ambassador Agency Forces Military Constitution Postal Geological
    Food Parliament Prime Home Foreign Security Council Space Olympic Ministry""".split()
)
# Words that commonly open a sentence (tell "Smith J. The ..." from "John J. Smith").
_OPENER_WORDS = frozenset(
    """The This That These Those It Its He She They We I You Our His Her Their There In On At
    A An As After Before According Also And But However For From With To When While If Since
    Today Yesterday Tomorrow Now Then Thus Meanwhile Later Earlier During Under Over
    Он Она Оно Они Мы Вы Я Это Этот Эта Эти Его Её Их В Во На По С Со К О Об При Для Как Так
    Но И А Также Кроме После До Однако Сегодня Вчера Завтра Теперь Затем Тогда Здесь Там
    Всего Среди Между Согласно""".split()
)
# Russian academic degrees: к.т.н., д.ф.-м.н. (they precede a name).
_RU_DEGREE = re.compile(r"[кд]\.[а-я]{1,2}(?:\.-?[а-я]{1,2})*\.н", re.IGNORECASE)
_NUMBER = re.compile(r"[\d.,:/–—-]*\d[\d.,:/–—-]*")
_ROMAN = re.compile(r"[IVXLCDM]+")
_INITIALS = re.compile(r"(?:[A-ZА-ЯЁ]\.)*[A-ZА-ЯЁ]")
_INITIAL_TOKEN = re.compile(r"(?:[A-ZА-ЯЁ]\.)+")
_DOTTED_ABBR = re.compile(r"(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}")
_SURNAME = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ]?[a-zа-яё]+)*")


# --- sentence boundaries -------------------------------------------------------------------


def _token_before(text: str, end: int) -> tuple[str, int]:
    """The non-space run ending at ``end`` (after skipping whitespace back) and its start."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end], start


def _next_kind(text: str, j: int) -> str:
    """What starts at ``j``: upper, digit, cjk, token, lower or other (openers skipped)."""
    n = len(text)
    while j < n and text[j] in _OPENERS:
        j += 1
    if j + 1 < n and text[j] in _DASHES and text[j + 1].isspace():
        j += 1
        while j < n and text[j].isspace():
            j += 1
    if j >= n:
        return "other"
    c = text[j]
    if c == "｟" or c == "`":
        return "token"
    if c.isdigit() or c in _SYMBOL_STARTS:
        return "digit"
    if c.isupper() or c.istitle():
        return "upper"
    if is_cjk(c):
        return "cjk"
    if c.islower():
        return "lower"
    return "other"


def _sentence_start_before(text: str, start: int) -> bool:
    """True when the token at ``start`` opens a sentence (block start or after . ! ?)."""
    k = start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return k == 0 or text[k - 1] in ".!?…" + _CJK_TERMINATORS


def _initials_after_surname(text: str, start: int, tok: str, following: str) -> bool:
    """Initials at ``start`` follow a surname ("Rudskoy A. I."), so they may end a sentence.

    Two initials (name and patronymic, "Рудской А.И.") after a capitalised word do. A single
    one is usually a middle initial ("Jonas E. Smith"): it ends a sentence only when the
    next word is a common sentence opener ("The", "Он").
    """
    prev, pstart = _token_before(text, start)
    count = tok.count(".") + 1
    while prev and _INITIAL_TOKEN.fullmatch(prev):
        count += prev.count(".")
        prev, pstart = _token_before(text, pstart)
    if not (prev and _SURNAME.fullmatch(prev)) or _sentence_start_before(text, pstart):
        return False
    return count > 1 or following.strip(_OPENERS + _CLOSERS + ",;:") in _OPENER_WORDS


def _token_after(text: str, pos: int) -> str:
    """The non-space run after ``pos`` (closing marks and whitespace skipped)."""
    n = len(text)
    while pos < n and (text[pos].isspace() or text[pos] in _CLOSERS):
        pos += 1
    end = pos
    while end < n and not text[end].isspace():
        end += 1
    return text[pos:end]


def _initials_end(text: str, start: int, tok: str, following: str, capital: bool) -> bool:
    """Initials end a sentence only after a surname and before a non-initial capital."""
    if not capital or _INITIAL_TOKEN.match(following):
        return False
    return _initials_after_surname(text, start, tok, following)


def _after_number(text: str, start: int) -> bool:
    """The token at ``start`` follows a number, maybe through a short abbreviation ("кв.")."""
    before, bstart = _token_before(text, start)
    if before.endswith(".") and len(before) <= 5 and before[:-1].isalpha():
        before, _ = _token_before(text, bstart)
    return bool(_NUMBER.fullmatch(before) or _ROMAN.fullmatch(before))


def _period_ends(text: str, dot: int, kind: str) -> bool:
    """Does the single period at ``dot`` end a sentence, given what follows (``kind``)?"""
    raw, start = _token_before(text, dot)
    tok = raw.lstrip(_OPENERS)
    start += len(raw) - len(tok)
    low = tok.lower()
    if not tok or _NUMBER.fullmatch(tok):
        return True
    # After an abbreviation only a capitalised word (not Chinese text, not "Ltd.") starts
    # a new sentence: "Apple Inc. 工作", "Huawei Co. Ltd.".
    following = _token_after(text, dot + 1)
    capital = kind in ("upper", "token") and following.lower().rstrip(".,;:") not in _SUFFIX
    if len(tok) == 1 and tok.isalpha():
        before, _ = _token_before(text, start)
        pair = (before.lower().rstrip("."), low)
        if before.endswith(".") and pair in _SPACED:
            return capital and _SPACED[pair]
        if tok.isupper():
            return _initials_end(text, start, tok, following, capital)
        if _after_number(text, start):
            return capital  # "2021 г.", "XX в.", "300 кв. м.": a unit after a number
        return low == "я"  # other single lower-case letters are abbreviations ("с. 5")
    if low in _PREFIX:
        if low == "пр" and _token_before(text, start)[0].lower() == "и":
            return capital
        return False
    if low in _NUMERIC_PREFIX:
        return kind != "digit"
    if low in _COUNTRY_DOTTED:
        return capital and following.rstrip(".,;:") not in _COUNTRY_NOUNS
    if low in _SUFFIX or low in _SUFFIX_DOTTED:
        return capital
    if _RU_DEGREE.fullmatch(low):
        return False
    if low in _MID_DOTTED:
        return False
    if _INITIALS.fullmatch(tok):
        return _initials_end(text, start, tok, following, capital)
    if _DOTTED_ABBR.fullmatch(tok):
        return capital
    return True


def _term_ends(text: str, m: re.Match[str]) -> bool:
    """Is the terminator run ``m`` (with its closing quotes/brackets) a sentence end?"""
    term, end, n = m.group(1), m.end(), len(text)
    j = end
    while j < n and text[j].isspace():
        j += 1
    if j >= n:
        return False
    spaced = j > end
    if any(c in _CJK_TERMINATORS for c in term):
        quote = m.group(2)[-1:]
        if not spaced and quote and quote in _CJK_QUOTES and is_cjk(text[j]):
            # “你来吗？”她问。 “……产业。”鲁德斯科伊校长说。: the quote, then who said it.
            if term[-1] in "！？" or _ZH_ATTRIBUTION.match(text, j):
                return False
        return text[j] not in ",，、:：;；)）]】」』”’»"
    if not spaced:
        return is_cjk(text[end]) and (term[-1] != "…" or m.group(2) != "")
    kind = _next_kind(text, j)
    if set(term) <= {".", "…"} and term != ".":
        return kind in ("upper", "cjk", "token")
    if "!" in term or "?" in term:
        return kind in ("upper", "digit", "cjk", "token")
    if kind in ("lower", "other"):
        return False
    return _period_ends(text, m.start(1), kind)


def _line_break_ends(text: str, m: re.Match[str], markdown_breaks: bool, longest: int) -> bool:
    """Does the line break run ``m`` inside a block end the sentence before it?

    A blank line, a Markdown hard break (two spaces or ``\\`` before the newline) always
    does. Otherwise the break is a soft wrap when the next line starts in lower case, when
    the line ends with a comma, dash or opening bracket, or when the block looks hard-wrapped:
    the line is long (40+ characters, and at least 3/4 of the block's longest line) and
    ends in a Latin/Cyrillic word. Else the lines are separate sentences (titles, UI
    strings, one sentence per line).
    """
    start, end = m.span()
    run = m.group()
    if run.count("\n") + run.count("\r") - run.count("\r\n") > 1:
        return True
    if markdown_breaks and (run.startswith("  ") or text[start - 1] == "\\"):
        return True
    last = text[start - 1]
    if last in _JOIN_AFTER or _next_kind(text, end) == "lower":
        return False
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    width = start - line_start
    long_line = width >= 40 and 4 * width >= 3 * longest
    return not (long_line and last.isalnum() and not is_cjk(last))


def _bracketed(text: str) -> list[tuple[int, int]]:
    """Spans of short balanced ``(...)``, ``[...]``, ``（...）`` on one line: no split inside.

    "(see Fig. 1.)" and "[page. 42]" stay whole; an unbalanced bracket protects nothing.
    """
    spans = []
    stack: list[tuple[str, int]] = []
    for m in _BRACKET.finditer(text):
        c, pos = m.group(), m.start()
        if c in _BRACKET_PAIRS:
            stack.append((_BRACKET_PAIRS[c], pos))
        elif c in "\r\n":
            stack.clear()
        else:
            while stack and stack[-1][0] != c:
                stack.pop()
            if stack:
                start = stack.pop()[1]
                if pos - start <= _BRACKET_SPAN:
                    spans.append((start, pos + 1))
    return spans


def _boundaries(text: str, markdown_breaks: bool) -> list[int]:
    """Sorted positions where a sentence ends inside ``text``."""
    opaque: list[tuple[int, int]] = []
    for s, e in sorted([m.span() for m in _OPAQUE.finditer(text)] + _bracketed(text)):
        if opaque and s < opaque[-1][1]:
            opaque[-1] = (opaque[-1][0], max(e, opaque[-1][1]))
        else:
            opaque.append((s, e))
    starts = [s for s, _ in opaque]

    def inside(pos: int, end: int = -1) -> bool:
        """``pos`` is inside an opaque span; a cut at ``end`` closing a bracket that opened
        a sentence ("(The text is online.) Next") is allowed."""
        k = bisect_right(starts, pos) - 1
        if k < 0 or not opaque[k][0] < pos < opaque[k][1]:
            return False
        return end < opaque[k][1] or not _sentence_start_before(text, opaque[k][0])

    cuts = [
        m.end()
        for m in _TERM.finditer(text)
        if not inside(m.start(), m.end()) and _term_ends(text, m)
    ]
    longest = max(map(len, _LINE_BREAK.split(text)))
    for m in _NEWLINE_RUN.finditer(text):
        if 0 < m.start() and m.end() < len(text) and not inside(m.start()):
            if _line_break_ends(text, m, markdown_breaks, longest):
                cuts.append(m.start())
    return sorted(set(cuts))


def _spans(text: str, lo: int, hi: int, markdown_breaks: bool) -> list[tuple[int, int]]:
    block = text[lo:hi]
    spans = []
    prev = 0
    for cut in [*_boundaries(block, markdown_breaks), len(block)]:
        s, e = prev, cut
        while s < e and block[s].isspace():
            s += 1
        while e > s and block[e - 1].isspace():
            e -= 1
        if markdown_breaks and e > s and block[e - 1] == "\\" and block[e : e + 1] in ("\r", "\n"):
            e -= 1  # a backslash hard break is layout
            while e > s and block[e - 1].isspace():
                e -= 1
        if s < e:
            spans.append((lo + s, lo + e))
        prev = cut
    return spans


def sentence_spans(paragraph: str, lang: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``paragraph``, without surrounding whitespace."""
    normalize(lang)
    return _spans(paragraph, 0, len(paragraph), markdown_breaks=False)


def split_sentences(paragraph: str, lang: str) -> list[str]:
    """The sentences of ``paragraph`` (``lang`` en/ru/zh), without surrounding whitespace."""
    return [paragraph[s:e] for s, e in sentence_spans(paragraph, lang)]


# --- documents -----------------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_TEXT_PREFIX = re.compile(
    r"[ \t]*(?P<quote>(?:>[ \t]?)+)?[ \t]*"
    r"(?P<marker>(?:[-*+•‣◦▪●■►–—]|\d{1,3}[.)]|\(\d{1,3}\)|[a-zа-яё]\))[ \t]+)?"
)


def _plain_blocks(text: str) -> list[tuple[int, int]]:
    """Blocks of a plain-text document: runs of non-blank lines.

    A line with a list marker or a ``>`` quote prefix starts a new block (the marker is
    layout); a quoted line never continues onto the next line.
    """
    blocks: list[tuple[int, int]] = []
    cur: list[int] | None = None
    quoted = False
    for m in _LINE.finditer(text):
        start, end = m.span()
        if start == end:
            continue
        line = m.group().rstrip("\r\n")
        content_end = start + len(line.rstrip())
        if not line.strip():
            cur = None
            continue
        pm = _TEXT_PREFIX.match(line)
        body = start + pm.end()
        if cur is not None and not quoted and not pm.group("quote") and not pm.group("marker"):
            cur[1] = content_end
            continue
        cur = [body, content_end]
        quoted = bool(pm.group("quote"))
        blocks.append(cur)  # type: ignore[arg-type]
    return [(s, e) for s, e in blocks if s < e]


def split_document(text: str, lang: str, fmt: str = "text") -> list[Piece]:
    """Split a document into sentences and verbatim layout; ``''.join`` gives ``text`` back.

    ``fmt`` is ``"text"`` (paragraphs separated by blank lines; list markers, ``>`` quotes
    and indentation are layout) or ``"markdown"`` (see :mod:`toolkit.text.markdown`: code,
    front matter, HTML comments, table syntax and markers are layout; link text stays in its
    sentence, the ``(url)`` is for the protect step).
    """
    normalize(lang)
    if fmt in ("markdown", "md"):
        blocks = markdown.text_blocks(text)
    elif fmt == "text":
        blocks = _plain_blocks(text)
    else:
        raise ValueError(f"unknown format {fmt!r}; expected 'text' or 'markdown'")
    md = fmt != "text"
    pieces: list[Piece] = []
    pos = 0
    para = 0
    for lo, hi in blocks:
        spans = _spans(text, lo, hi, markdown_breaks=md)
        for k, (s, e) in enumerate(spans):
            if s > pos:
                pieces.append(Piece(text[pos:s], False, para if k else -1))
            pieces.append(Piece(text[s:e], True, para))
            pos = e
        para += bool(spans)
    if pos < len(text):
        pieces.append(Piece(text[pos:], False))
    return pieces


def _cjk_junction(before: str) -> bool:
    """Two sentences written without a space between them, Chinese style."""
    core = before.rstrip(_CLOSERS)
    return bool(core) and (core[-1] in _CJK_TERMINATORS or is_cjk(core[-1]))


def rejoin(
    pieces: Sequence[Piece],
    translations: Sequence[str],
    target_lang: str,
    *,
    source_lang: str | None = None,
) -> str:
    """The document with ``translations`` (one per translatable piece, in order) in place.

    Layout is copied; each translation is stripped of surrounding whitespace (the sentences it
    replaces had none). Between two sentences of one block the spacing follows the target:
    from Chinese into English or Russian a space is put where there was none; into Chinese
    from English or Russian the plain spaces between sentences are dropped. Without
    ``source_lang`` each junction is judged by its source text: it is Chinese when the
    first sentence ends in Chinese (``。``, ``！``, a Han character...). Same language in and
    out (``source_lang`` given) changes no spacing.
    """
    target = normalize(target_lang)
    source = normalize(source_lang) if source_lang else None
    wanted = sum(p.translatable for p in pieces)
    if len(translations) != wanted:
        raise ValueError(f"{len(translations)} translations for {wanted} sentences")

    def chinese_junction(before: Piece) -> bool:
        return source == "zh" if source else _cjk_junction(before.text)

    out: list[str] = []
    it = iter(translations)
    last = len(pieces) - 1
    for k, p in enumerate(pieces):
        if p.translatable:
            prev = pieces[k - 1] if k else None
            if target != "zh" and prev is not None and prev.translatable and chinese_junction(prev):
                out.append(" ")
            out.append(next(it).strip())
        elif (
            target == "zh"
            and 0 < k < last
            and pieces[k - 1].translatable
            and pieces[k + 1].translatable
            and pieces[k - 1].para == p.para == pieces[k + 1].para
            and p.text.isspace()
            and "\n" not in p.text
            and "\r" not in p.text
            and not chinese_junction(pieces[k - 1])
        ):
            continue
        else:
            out.append(p.text)
    return "".join(out)
