"""TK2xx: whitespace, newlines, end punctuation, brackets, quotes, invisible characters.

Language-aware so Russian and Chinese catalogs are not flooded: « » and „ “ are Russian
quotes, ``。`` ends a Chinese sentence like ``.``, and a space dropped next to a CJK
character or full-width punctuation is Chinese typography, not a defect.
"""

from __future__ import annotations

import re

from toolkit.i18n import N_, Message, PluralMessage
from toolkit.lint.model import Severity
from toolkit.lint.prefilter import Pairs, singular_pairs
from toolkit.lint.registry import Hit, rule
from toolkit.po.msgfmt import NOT_BOTH_BEGIN, NOT_BOTH_END, edge_breaks_differ
from toolkit.text.ends import CLOSERS, END_CLASS


def _lead(s: str) -> str:
    return s[: len(s) - len(s.lstrip())]


def _trail(s: str) -> str:
    return s[len(s.rstrip()):]


# a fragment appended to other text whose leading space became punctuation and a space
_JOINS_BEFORE = re.compile(r"[,;:] ")


@rule("TK201", "whitespace", "warning", "pair", select=Pairs.with_edge_space)
def whitespace(src: str, tgt: str, e, ctx):
    """Leading or trailing whitespace or newlines differ from the source (a Chinese
    translation may drop a space, never add one). Indentation after a line break at an end
    is a template's layout (Django's blocktrans, Jinja's trans), which a translation may
    drop; a leading space may become a comma and a space (``, с названием``). An error when
    one begins (ends) with a line break and the other not: msgfmt refuses the catalog."""
    if src.strip() == src and tgt.strip() == tgt:
        return None  # no whitespace at either end of either (a source may be empty)
    hits = []
    zh = ctx.lang == "zh"
    refused = edge_breaks_differ(src, tgt)
    for lead, s_ws, t_ws in ((True, _lead(src), _lead(tgt)), (False, _trail(src), _trail(tgt))):
        if s_ws == t_ws:
            continue
        refusal = NOT_BOTH_BEGIN if lead else NOT_BOTH_END
        if refusal in refused:
            hits.append(Hit(refusal, severity=Severity.ERROR))
            continue
        if _SOFT_BREAK.search(s_ws):
            continue  # a break followed by indentation: a template's layout, not the text's
        if lead and s_ws and not t_ws and _JOINS_BEFORE.match(tgt):
            continue  # " with title ..." -> ", с названием ...": punctuation now separates
        sn, tn = s_ws.count("\n"), t_ws.count("\n")
        if sn != tn:
            hits.append(Hit(
                Message("leading newlines differ (source {source}, translation {translation})",
                        source=sn, translation=tn) if lead else
                Message("trailing newlines differ (source {source}, translation {translation})",
                        source=sn, translation=tn)))
        elif bool(s_ws) != bool(t_ws):
            if zh and s_ws:
                continue  # Chinese drops the spaces English puts around its text and marks
            hits.append(Hit(
                Message("leading whitespace differs: source {source!r}, translation "
                        "{translation!r}", source=s_ws, translation=t_ws) if lead else
                Message("trailing whitespace differs: source {source!r}, translation "
                        "{translation!r}", source=s_ws, translation=t_ws)))
    return hits or None


# a line break followed by indentation: a template's own wrapping (HTML ignores it)
_SOFT_BREAK = re.compile(r"\n(?=[ \t])")


@rule("TK202", "newline-count", "warning", "pair", needs="\n")
def newline_count(src: str, tgt: str, e, ctx):
    """A line break added to one-line text, or every inner one joined away (info when each
    ended a long line inside a sentence: text wrapped at a width). Text that is multi-line
    on both sides may be reflowed, and a break followed by indentation is a template's own
    wrapping."""
    if "\n" not in src and "\n" not in tgt:
        return None
    inner = src.strip()
    s = inner.count("\n")
    t = tgt.strip().count("\n")
    if s == 0 and t:
        return PluralMessage("{count} line break(s) inside the translation, source has none",
                             "{count} line breaks inside the translation, source has none",
                             t, count=t)
    hard = s - len(_SOFT_BREAK.findall(inner))
    if t == 0 and hard:
        if all(_width_wrap(line) for line in _SOFT_BREAK.sub(" ", inner).split("\n")[:-1]):
            # terminal text wrapped at a width: 5 of 18 Sphinx locales join it (fr, ca, ko,
            # zh_CN), so at info; a break after a short line or a sentence stays a warning
            return Hit(Message("no line break inside the translation, source has {count} "
                               "(wrapped at a width: reflowed?)", count=s),
                       severity=Severity.INFO)
        return Message("no line break inside the translation, source has {count}", count=s)
    return None


def _width_wrap(line: str) -> bool:
    """A line ending where a width cut it: long (60+ characters), inside a sentence."""
    return len(line) >= 60 and line[-1:].isalnum()


def _double_space(pairs: Pairs) -> list[int]:
    return pairs.holding(["  "], "translation")


@rule("TK203", "double-space", "info", "pair", select=_double_space)
def double_space(src: str, tgt: str, e, ctx):
    """Two spaces in a row in the translation but not in the source."""
    if "  " in tgt and "  " not in src:
        i = tgt.index("  ")
        return Hit(Message("double space at offset {offset}: {text!r}", offset=i,
                           text=tgt[max(0, i - 15):i + 17]))
    return None


# a final "." that ends an abbreviation, not a sentence (6 a.m. -> 6 утра, Jan. -> 一月)
_ABBREVIATION = re.compile(
    r"(?:(?<![\w.])(?:[A-Za-z]\.){2,}|\b(?:etc|vs|approx|incl|Inc|Ltd|Co|Dr|Mr|Mrs|Ms|St|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.)\s*$")
# a full-width or ASCII sentence end followed by more text: the translation has sentences.
# What r"[。！？!?]\s*\S|\.\s+\S" finds, with the mark taken first: a pattern that starts with
# a character class lets re's search skip to the next mark, where two alternatives made it
# try the pattern at every character (~70 % of _drops_full_stops' cost on a large catalog)
_INNER_SENTENCE_END = re.compile(r"[.。！？!?](?:(?<!\.)\s*|\s+)\S")


# the final run of ASCII non-space characters: a code token (``:no-index:``, ``ftp://x.y/``)
# whose last character may look like end punctuation, when it has a letter, digit or _
_ASCII_RUN = re.compile(r"[!-~]*")
_TOKEN_CHAR = re.compile(r"[A-Za-z0-9_]")


def _final_token(text: str) -> str | None:
    """What ``re.search(r"[!-~]*[A-Za-z0-9_][!-~]*$", text)`` finds in a *text* without
    trailing whitespace (there ``$`` is the end): the run of ASCII
    non-space characters *text* ends with, if one of them is a letter, digit or _ (a match
    must reach the end through such characters, and the leftmost start is the run's). Read
    from the end (the run matched on *text* reversed): the search tried the pattern at
    every position, backtracking through each run (~60,000 instructions a call)."""
    run = _ASCII_RUN.match(text[::-1]).end()  # type: ignore[union-attr]  # matches ""
    token = text[len(text) - run:]
    return token if _TOKEN_CHAR.search(token) else None


def _token_mark(text: str, other: str) -> bool:
    """Whether *text*'s final mark belongs to a code token that *other* has verbatim with
    more text after it (``use :no-index: for one`` -> ``...使用 :no-index:``): the word order
    moved the token to the end, its colon or point is no sentence punctuation."""
    token = _final_token(text.rstrip())
    if token is None or len(token) < 3 or token[-1].isalnum():
        return False
    i = other.find(token)
    return i != -1 and bool(other[i + len(token):].strip())


def _inner_mark(text: str, cls: str) -> bool:
    """Whether *text* has a mark of class *cls* followed by more text (a sentence end inside
    a fragment: ``Welcome! This is`` -> ``欢迎！``, the translation ends where the source's
    first sentence does)."""
    for ch, c in END_CLASS.items():
        # an ASCII mark ends a sentence before a space (not in 3.5, a.m, http://)
        if c == cls and re.search(re.escape(ch) + (r"\s+\S" if ch.isascii() else r"\s*\S"),
                                  text):
            return True
    return False


def _end_class(text: str) -> str | None:
    if text[-1:] == ".":  # the common case, decided without stripping closers
        return "…" if text.endswith("...") else "."
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1].rstrip()
    if not t:
        return None
    if t.endswith("...") or t.endswith("。。。") or t.endswith("⋯⋯"):
        return "…"
    if t.endswith("……"):
        return "…"
    return END_CLASS.get(t[-1])


_SLOW_END = CLOSERS + ". \t\n"
_CLOSERS_SPACE = CLOSERS + " \t\n"
_NAMES = {".": Message("a full stop"), "?": Message("a question mark"),
          "!": Message("an exclamation mark"), ":": Message("a colon"),
          ";": Message("a semicolon"), "…": Message("an ellipsis")}
_ADDED = N_("translation ends with {mark}, the source does not")
_ZH = {".": "。", "?": "？", "!": "！", ":": "：", ";": "；", "…": "……"}


def _ends_may_differ(pairs: Pairs) -> list[int]:
    """Pairs whose final marks may differ: all but those ending in the same character that
    needs no class (a letter, a digit, a plain full stop on both sides) or both in a letter
    or digit (what end_punctuation itself settles first)."""
    out = []
    for i, (s, t) in enumerate(zip(pairs.srcs, pairs.tgts, strict=True)):
        a = s[-1:]
        b = t[-1:]
        if a == b:
            if a not in _SLOW_END or a == "." and s[-2:-1] != "." and t[-2:-1] != ".":
                continue
        elif a.isalnum() and b.isalnum():
            continue
        out.append(i)
    return out


@rule("TK204", "end-punctuation", "warning", "pair", select=_ends_may_differ)
def end_punctuation(src: str, tgt: str, e, ctx):
    """Final punctuation differs (. ~ 。, ? ~ ？, : ~ ：, ... ~ …; the point of a.m., (U.S.)
    or etc. and the colon of a code token such as :ref: are no punctuation).

    A full stop the translation adds, a colon it adds after a word (a label: ``By`` ->
    ``Автор:``), and a 。 a one-sentence Chinese translation drops, are info: upstream
    catalogs do all three as a convention (docs/check.md gives the figures)."""
    a, b = src[-1:], tgt[-1:]  # a source may be empty (msgid_plural "")
    if (a == b and a not in _SLOW_END) or (a.isalnum() and b.isalnum()):
        return None  # the common cases, decided without building the classes
    s = _end_class(src)
    t = _end_class(tgt)
    if s == t:
        return None
    if s == "." and _ABBREVIATION.search(src.rstrip(_CLOSERS_SPACE)
                                         if src[-1:] in CLOSERS else src):
        if t is None:
            return None  # the source's point belongs to an abbreviation: no full stop
        s = None
    lang = ctx.lang
    if s == "!" and t == "." or s == "." and t == "!":
        return None  # tone, not meaning: Chinese and Russian UI often soften "!"
    if lang == "ru" and s == ";" and t == "." or lang == "ru" and s == "." and t == ";":
        return None
    if s == ":" and t is None and tgt.rstrip().endswith(("-", "—")):
        return None
    if src.rstrip().endswith(tuple("0123456789")) or tgt.rstrip()[-1:].isdigit():
        return None
    if s is not None and _token_mark(src, tgt) or t is not None and _token_mark(tgt, src):
        return None
    if s is None:
        if t is not None and _inner_mark(src.rstrip(), t):
            return Hit(Message("translation ends with {mark}, the source has one only inside "
                               "(a fragment reordered?)", mark=_NAMES[t]),
                       severity=Severity.INFO)
        if t == ".":
            if lang == "zh":
                return None  # Chinese ends a statement with 。 whatever the source does
            return Hit(Message(_ADDED, mark=_NAMES[t]), severity=Severity.INFO)
        if t == ":" and src.rstrip()[-1:].isalpha():
            # a label that leads into what follows it on the page (By -> Автор:, Last
            # updated on -> 上次更新时间：): 8 entries of 5 upstream ru/zh catalogs, none a slip
            return Hit(Message(_ADDED, mark=_NAMES[t]), severity=Severity.INFO)
        return Hit(Message(_ADDED, mark=_NAMES[t]))
    suggestion = _ZH[s] if lang == "zh" else None
    if t is None:
        sev = None
        if lang == "zh" and s == "." and not _INNER_SENTENCE_END.search(tgt.rstrip()):
            # one-sentence Chinese strings drop 。 in 0-42 % of the entries of upstream
            # Django and Sphinx catalogs, short and long alike: a convention, not a slip
            sev = Severity.INFO
        elif s == "." and lang != "zh" and _drops_full_stops(ctx):
            sev = Severity.INFO  # this catalog's style, not a slip
        return Hit(Message("source ends with {mark}, the translation does not", mark=_NAMES[s]),
                   suggestion, severity=sev)
    return Hit(Message("source ends with {source}, the translation with {translation}",
                       source=_NAMES[s], translation=_NAMES[t]), suggestion)


def _drops_full_stops(ctx) -> bool:
    """Whether the catalog's translators leave out the final full stop as a rule: in 3 or
    more, and 10 % or more, of its translated one-sentence sources ending in one. 28 of 31
    upstream Russian catalogs (Django, Sphinx and 19 other projects) keep it, a slip or two
    apart; django-cms (9 of 52), django-oscar (16 of 155) and django-two-factor-auth (4 of
    13) drop it in short messages (``No products found.`` -> ``Товаров не найдено``): there
    a dropped full stop is the catalog's style, in the others a slip."""
    found = ctx.cache.get("TK204")
    if found is None:
        kept = dropped = 0
        pairs, skip = singular_pairs(ctx)
        srcs, tgts = pairs.srcs, pairs.tgts
        # the sources ending in a full stop, whitespace aside, picked by one scan (\x1f: see
        # Pairs.matching); the test below is the definition
        for i in pairs.matching(r"\.[^\S\x1f]*(?![^\x1f])"):
            if i in skip:
                continue
            src, tgt = srcs[i].rstrip(), tgts[i].rstrip()
            if src[-1:] == "." and src[-2:-1] != "." and not _INNER_SENTENCE_END.search(src):
                if tgt[-1:].isalnum():
                    dropped += 1
                else:
                    kept += 1
        found = ctx.cache["TK204"] = dropped >= 3 and dropped >= 0.1 * (kept + dropped)
    return found


_BRACKETS = (("(（", ")）"), ("[", "]"), ("{", "}"), ("【", "】"), ("「", "」"), ("『", "』"),
             ("《", "》"), ("〈", "〉"))
_BRACKET_CHARS = "".join(opens + closes for opens, closes in _BRACKETS)
_ANY_BRACKET = re.compile("[" + re.escape(_BRACKET_CHARS) + "]")


_BRACKET_SIDE = {ch: (i, 1) for i, (opens, _) in enumerate(_BRACKETS) for ch in opens}
_BRACKET_SIDE.update({ch: (i, -1) for i, (_, closes) in enumerate(_BRACKETS) for ch in closes})


def _bracket_balance(text: str) -> list[int]:
    out = [0] * len(_BRACKETS)
    for ch in _ANY_BRACKET.findall(text):
        i, d = _BRACKET_SIDE[ch]
        out[i] += d
    return out


def _brackets_may_differ(pairs: Pairs) -> list[int]:
    """Pairs whose translation has a bracket other than ( and ), or not as many ( as )
    (brackets() passes the others at once: the %(name)s placeholders that make most). The
    round ones are counted in the translations' bytes with all others deleted
    (:meth:`Pairs.unbalanced`): a count per string of the third of a large catalog's
    translations holding one cost 5x more."""
    other = pairs.holding(_BRACKET_CHARS.replace("(", "").replace(")", ""), "translation")
    return sorted({*other, *pairs.unbalanced("(", ")", "translation")})


@rule("TK205", "brackets", "warning", "pair", select=_brackets_may_differ)
def brackets(src: str, tgt: str, e, ctx):
    """Brackets unbalanced in the translation while balanced in the source."""
    found = _ANY_BRACKET.findall(tgt)
    if not found:
        return None
    n = found.count("(")
    if 2 * n == len(found) and found.count(")") == n:
        return None  # round brackets only (%(name)s), as many closing as opening: balanced
    tb = _bracket_balance(tgt)
    if not any(tb):
        return None
    sb = _bracket_balance(src)
    bad = [_BRACKETS[i][0][0] + _BRACKETS[i][1][0] for i, n in enumerate(tb) if n and not sb[i]]
    if bad:
        return Message("unbalanced brackets {brackets} in the translation",
                       brackets=" ".join(bad))
    return None


_QUOTE_CHARS = re.compile(r"[«»“”„\"]")


def _quotes_balanced(text: str) -> bool:
    stack: list[str] = []
    straight = 0
    for ch in _QUOTE_CHARS.findall(text):
        if ch == '"':
            straight += 1
        elif ch == "«" and stack and stack[-1] == "«":
            stack.pop()  # closes a Danish »…«
        elif ch == "«":
            stack.append("»")
        elif ch == "„":
            stack.append("“”")  # Russian/German „…“, Polish „…”
        elif ch == "“":
            # closes „ (Russian „…“) and, as many Russian catalogs write “…“, also “
            if stack and stack[-1] in "“”":
                stack.pop()
            else:
                stack.append("”")
        elif ch in "»”":
            if stack and ch in stack[-1]:
                stack.pop()
            elif ch == "”" and not stack:
                stack.append("”")  # Swedish/Finnish ”…”
            elif ch == "»" and not stack:
                stack.append("«")  # Danish/German »…«
            else:
                return False
    return not stack and straight % 2 == 0


@rule("TK206", "quotes", "warning", "pair", needs="«»“”„\"")
def quotes(src: str, tgt: str, e, ctx):
    """Quotes unbalanced in the translation while balanced in the source
    (« », „ “, “ ” and "…" all valid)."""
    if _QUOTE_CHARS.search(tgt) is None:
        return None
    if _quotes_balanced(tgt) or not _quotes_balanced(src):
        return None
    return Message("unbalanced quotation marks in the translation")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_EITHER = re.compile(f"{_CONTROL.pattern}|{_INVISIBLE.pattern}")
_INVISIBLE_CHARS = "".join(
    chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
                     0xAD, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                     *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF])


# Joiners (ZWNJ/ZWJ), direction marks (LRM/RLM) and the zero-width space are orthography in
# Persian, Malayalam, Hebrew, Khmer, Thai...; in ru/en/zh text they are always stray.
_SCRIPT_MARKS = frozenset("\u200b\u200c\u200d\u200e\u200f")


@rule("TK207", "invisible-characters", "error", "pair", needs=_INVISIBLE_CHARS)
def invisible_characters(src: str, tgt: str, e, ctx):
    """Control or zero-width/bidi characters in the translation that the source lacks
    (joiners, direction marks and zero-width spaces only in ru/en/zh, where they are
    never orthography)."""
    if _EITHER.search(tgt) is None:
        return None
    hits = []
    for regex, what, sev in (
            (_CONTROL, N_("control character U+{code} at offset {offset}"), Severity.ERROR),
            (_INVISIBLE, N_("invisible character U+{code} at offset {offset}"),
             Severity.WARNING)):
        found = set(regex.findall(tgt)) - set(regex.findall(src))
        if ctx.lang is None:
            found -= _SCRIPT_MARKS
        for ch in sorted(found):
            code = f"{ord(ch):04X}"
            hits.append(Hit(Message(what, code=code, offset=tgt.index(ch)),
                            Message("remove it"), column=1, severity=sev))
    return hits or None


_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")


def _accelerators(text: str, mark: str) -> int:
    n = 0
    i = text.find(mark)
    while i != -1:
        nxt = text[i + 1:i + 2]
        if nxt == mark:
            i = text.find(mark, i + 2)
            continue
        if mark == "&" and _ENTITY.match(text, i):  # &amp; is markup, not an accelerator
            i = text.find(mark, i + 1)
            continue
        if nxt and nxt.isalnum():
            n += 1
        i = text.find(mark, i + 1)
    return n


@rule("TK208", "accelerator", "warning", "pair", opt_in=True)
def accelerator(src: str, tgt: str, e, ctx):
    """Keyboard accelerator (configured mark such as & or _) missing or repeated."""
    mark = ctx.settings.accelerator
    if not mark or mark not in src:
        return None
    s = _accelerators(src, mark)
    if s != 1:
        return None
    t = _accelerators(tgt, mark)
    if t == 1:
        return None
    if t == 0:
        return Hit(Message("accelerator {mark}X missing in the translation", mark=mark),
                   Message("zh convention: append (&X) with the source's letter")
                   if ctx.lang == "zh" else None)
    return PluralMessage("{count} accelerators ({mark}) in the translation, source has 1",
                         "{count} accelerators ({mark}) in the translation, source has 1",
                         t, count=t, mark=mark)
