"""Find every mention of every glossary term in a text, with offsets.

One Aho-Corasick automaton (pyahocorasick) per glossary and language, built once (Russian: on
the first text with a word that begins like a term, since building it needs pymorphy3). The
text is not scanned as raw characters but as a *key stream*: each word token becomes a
normalised key and the keys are joined by a separator, so a match always starts and ends on token
boundaries, whitespace and line breaks between words do not matter, and inflection is undone
before matching:

- English: keys are lowercased words; a common-noun term also matches its plural.
- Russian: keys are lemmas (pymorphy3) for known words, stems for guessed words and
  acronyms without their case ending (see :mod:`toolkit.glossary.ru`), ё folded to е. The
  lemmas one glossary word may have are merged into one class (union-find), so ``Петра``
  matches whichever lemma its parse yields; a text word whose parses reach two glossary
  classes is rescanned with the second. A text word is lemmatised only when its first
  letters could start a glossary key.
- Chinese: no word boundaries; characters are matched directly on a length-preserving
  normalisation of the text (Traditional folded to Simplified with OpenCC, full-width Latin
  to ASCII), so ``聖彼得堡`` finds ``圣彼得堡``.

Hyphens, apostrophes and quotation marks are left out of the key stream on both sides, so
``Russian–Chinese``, ``технопарк "Ингрия"`` and ``технопарк «Ингрия»`` match alike.
Case-sensitive terms (acronyms, SPbPU, GlobalTech) are then checked against the surface.
Overlapping matches resolve longest first.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, product
from typing import Any

from toolkit.glossary import ru
from toolkit.glossary.model import STATUS_RANK, TYPE_RANK, Glossary, Term
from toolkit.langs import parse_lang
from toolkit.text.placeholders import find_emails, find_urls
from toolkit.text.scripts import is_cjk

SEP = "\x1f"
#: Texts whose name tails a matcher remembers (:meth:`Matcher.name_tails`).
_TAILS_KEPT = 256
#: Joiners and quotes: optional on both sides of a match.
_DROP_CHARS = "-\u2010\u2011\u2012\u2013'\u2019\u2018`\u00b4\"«»“”„‟‹›\u00ad"
_DROP = frozenset(_DROP_CHARS)
#: A token: a run of letters/digits, or one other visible character that is not a joiner.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s" + re.escape(_DROP_CHARS) + r"]|_")


@dataclass(frozen=True)
class Mention:
    """One occurrence of a glossary term in a text: ``text[start:end] == surface``."""

    concept_id: str
    term: Term
    lang: str
    start: int
    end: int
    surface: str

    @property
    def status(self) -> str:
        """The matched term's status (preferred, admitted, deprecated, forbidden)."""
        return self.term.status

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {"concept": self.concept_id, "term": self.term.text, "type": self.term.type,
                "status": self.term.status, "lang": self.lang, "start": self.start,
                "end": self.end, "surface": self.surface}


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens of *text* as (start, end, surface), joiners left out."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


# --- Chinese normalisation -----------------------------------------------------------------

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0x2027: 0xB7, 0x30FB: 0xB7, 0x2022: 0xB7, 0x2219: 0xB7,
                   0xFF65: 0xB7, 0x2E31: 0xB7})
_WS = re.compile(r"\s")


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _same_length(convert: Any, text: str) -> str:
    """*convert*(text) when it keeps the length; else per line, then per character."""
    out = convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.splitlines(keepends=True):
        conv = convert(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := convert(c)) == 1 else c for c in line)
        lines.append(conv)
    return "".join(lines)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in text)


def zh_normalize(text: str, lower: bool = True) -> str:
    """Simplified, ASCII-folded, whitespace as spaces, lowercased; same length as *text*."""
    out = _same_length(_t2s().convert, text).translate(_FULLWIDTH)
    out = _WS.sub(" ", out)
    return _lower_same_length(out) if lower else out


class _PairTable(dict):
    """``str.translate`` table writing each character as two symbols: a high one
    (U+1000 + code >> 8) and a low one (U+0100 + code & 0xFF).

    pyahocorasick finds a node's child by scanning its children, so a Chinese automaton whose
    root has thousands of children (one per first character) crawls; spelled in pairs, no node
    has more than a few hundred, and Chinese text scans ten times faster. The two alphabets
    are disjoint, so a match always starts on a character boundary.
    """

    def __missing__(self, code: int) -> str:
        value = chr(0x1000 + (code >> 8)) + chr(0x100 + (code & 0xFF))
        self[code] = value
        return value


_PAIRS = _PairTable()


def _pairs(text: str) -> str:
    return text.translate(_PAIRS)


def _ascii_letters(text: str) -> str:
    return "".join(c for c in text.translate(_FULLWIDTH) if c.isascii() and c.isalnum())


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


# --- matcher --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    concept_id: str
    term: Term
    tokens: tuple[str, ...]   # term surface tokens, for case checks


def _case_ok(expected: Iterable[str], found: Iterable[str]) -> bool:
    """Each found token spells its shared stem with the term's capitals (endings may vary)."""
    for a, b in zip(expected, found, strict=True):
        a, b = a.replace("ё", "е").replace("Ё", "Е"), b.replace("ё", "е").replace("Ё", "Е")
        la, lb = a.lower(), b.lower()
        m = 0
        for ca, cb in zip(la, lb, strict=False):
            if ca != cb:
                break
            m += 1
        if a[:m] != b[:m]:
            return False
    return True


def _plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


class Matcher:
    """All mentions of *glossary*'s terms in texts of one language.

    Terms of the language and do-not-translate terms of any language take part. Build once,
    call :meth:`find` on as many texts as needed.
    """

    def __init__(self, glossary: Glossary, lang: str):
        self.glossary = glossary
        self.lang = parse_lang(lang).code
        self._starts: frozenset[str] | None = None
        self._tails: dict[str, list[Mention]] = {}
        if self.lang == "ru":
            # built on the first text that may hold a term: building lemmatises every glossary
            # word, and loading pymorphy3 for that is a third of a one-line translation
            firsts = (tokenize(term.text) for _concept, term in self._terms())
            self._starts = frozenset(_start_key(toks[0][2]) for toks in firsts if toks)
        else:
            self._build()

    def _ready(self, text: str) -> bool:
        """Whether *text* may hold a mention (building the matcher the first time it may)."""
        if not text:
            return False
        if self._starts is not None:
            if not any(_start_key(t) in self._starts for t in _TOKEN.findall(text)):
                return False
            self._starts = None
            self._build()
        return bool(self.size)

    def _build(self) -> None:
        import ahocorasick

        self._entries: list[_Entry] = []
        self._prefixes: set[str] = set()
        self._short: set[str] = set()
        self._parent: dict[str, str] = {}
        self._key_cache: dict[str, str] = {}
        self._modifiers: dict[str, set[str]] | None = None
        pending: list[tuple[_Entry, list[tuple[str, ...]]]] = []
        for concept, term in self._terms():
            if self.lang == "zh":
                key = _pairs(" ".join(zh_normalize(term.text).split()))
                pending.append((_Entry(concept.id, term, ()), [(key,)]))
                continue
            toks = [s for _, _, s in tokenize(term.text)]
            if toks:  # a term of only quotes or hyphens has nothing to find
                pending.append((_Entry(concept.id, term, tuple(toks)),
                                self._token_options(term, toks)))
        self._canon = {key: self._root(key) for key in self._parent}
        keyed: dict[str, list[int]] = {}
        for entry, options in pending:
            index = len(self._entries)
            self._entries.append(entry)
            if self.lang == "zh":
                variants = [options[0][0]]
            else:
                if self.lang == "ru":
                    options = [(self._canon[opts[0]],) for opts in options]
                variants = [SEP + SEP.join(c) + SEP for c in product(*options)]
            for key in variants:
                keyed.setdefault(key, []).append(index)
        self._automaton = ahocorasick.Automaton()
        for key, indexes in keyed.items():
            if self.lang == "zh":  # value: (characters, -, entries)
                self._automaton.add_word(key, (len(key) // 2, 0, tuple(indexes)))
            else:  # value: (key length, tokens, entries)
                n_tokens = key.count(SEP) - 1
                self._automaton.add_word(key, (len(key), n_tokens, tuple(indexes)))
        self.size = len(keyed)
        self._longest = max((k.count(SEP) - 1 for k in keyed), default=0)
        if keyed:
            self._automaton.make_automaton()

    def _terms(self) -> Iterable[tuple[Any, Term]]:
        for concept in self.glossary.concepts:
            own = {t.text for t in concept.terms if t.lang == self.lang}
            for term in concept.terms:
                if not term.text.strip():
                    continue
                if term.lang == self.lang or (term.dnt and term.text not in own):
                    own.add(term.text)
                    yield concept, term

    def _root(self, key: str) -> str:
        parent = self._parent.setdefault(key, key)
        while parent != key:
            grand = self._parent[parent]
            self._parent[key] = grand
            key, parent = parent, grand
        return key

    def _token_options(self, term: Term, toks: list[str]) -> list[tuple[str, ...]]:
        """Keys each term token may take. Russian: the lemmas (or stem and whole word) of one
        token are merged into one class (union-find), so a text word matches whichever of
        them its own parse yields (Петра: пётр or петра)."""
        if self.lang == "ru":
            options = [ru.token_keys(t) for t in toks]
            for opts, tok in zip(options, toks, strict=True):
                first = self._root(opts[0])
                for key in opts[1:]:
                    other = self._root(key)
                    if other != first:
                        self._parent[other] = first
                for key in (*opts, ru.fold(tok)):
                    self._prefixes.add(ru.prefix(key))
                    if len(key) < 3:
                        self._short.add(key)
            return options
        options = [(t.lower(),) for t in toks]
        if term.pos == "noun" or (term.pos is None and term.text[:1].islower()
                                  and not term.case_sensitive and term.type != "acronym"):
            last = options[-1][0]
            options[-1] = (last, _plural(last))
        return options

    def _ru_keys(self, token: str) -> tuple[str, ...]:
        """The key of a text word, then any other glossary class its parses allow
        (``шадринском``: Шадринск or шадринский) for a second look."""
        keys = self._key_cache.get(token)
        if keys is not None:
            return keys
        folded = ru.fold(token)
        if ru.has_cyrillic(token) and ru.prefix(folded) not in self._prefixes \
                and folded[:2] not in self._short and folded[:1] not in self._short \
                and ru.acronym_base(token) is None:
            keys = (token.lower(),)  # no glossary key starts like this word: skip pymorphy3
        else:
            options = ru.token_keys(token)
            keys = tuple(dict.fromkeys(self._canon[o] for o in options if o in self._canon))
            keys = keys or options[:1]
        self._key_cache[token] = keys
        return keys

    def find(self, text: str, *, within_names: bool = False) -> list[Mention]:
        """Mentions in *text*, ordered by position, longest first where they overlap.

        A term that is only the tail of a longer name (``Polytechnic University`` in ``Tomsk
        Polytechnic University``) is no mention of its concept (:mod:`.longer_name`) unless
        *within_names*: what a machine translation holds, where an inserted term may follow
        any word the model wrote, is found with it."""
        return self.find_all(text, within_names=within_names)[0]

    def find_nested(self, text: str, *, within_names: bool = False) -> list[Mention]:
        """Every mention, nested ones included (``Nanjing`` inside ``Nanjing Municipal Science
        and Technology Bureau``): what a text mentions, not how to mark it up (*within_names*
        as in :meth:`find`)."""
        if not self._ready(text):
            return []
        candidates = (self._find_chars(text, []) if self.lang == "zh"
                      else self._find_tokens(text, [], within_names))
        return sorted(_outside_links(text, set(candidates)),
                      key=lambda m: (m.start, m.start - m.end))

    def find_all(self, text: str, *, within_names: bool = False
                 ) -> tuple[list[Mention], list[Mention]]:
        """Mentions as :meth:`find`, and the *miscased* ones: a case-sensitive term written in
        another case (``Globaltech IP``), where no mention of any term overlaps it."""
        if not self._ready(text):
            return [], []
        miscased: list[Mention] = []
        if self.lang == "zh":
            candidates = self._find_chars(text, miscased)
        else:
            candidates = self._find_tokens(text, miscased, within_names)
        found = _resolve(_outside_links(text, candidates))
        taken = [(m.start, m.end) for m in found]
        miscased = [m for m in _resolve(_outside_links(text, miscased))
                    if not any(a < m.end and m.start < b for a, b in taken)]
        return found, miscased

    def name_tails(self, text: str) -> list[Mention]:
        """The terms in *text* that :meth:`find` leaves out as only the tail of a longer name
        (``Polytechnic University`` of ``Tomsk Polytechnic University``; never in Chinese),
        ordered by position: another organisation the text names, which a translation names
        too."""
        if self.lang == "zh" or not self._ready(text):
            return []
        known = self._tails.get(text)  # enforcement asks of a source sentence more than once
        if known is None:
            tails: list[Mention] = []
            self._find_tokens(text, [], tails=tails)
            known = _resolve(_outside_links(text, tails))
            if len(self._tails) >= _TAILS_KEPT:
                self._tails.clear()
            self._tails[text] = known
        return list(known)

    def _find_tokens(self, text: str, miscased: list[Mention],
                     within_names: bool = False, tails: list[Mention] | None = None
                     ) -> list[Mention]:
        """The mentions of a text in a language with word boundaries; those that are only the
        tail of a longer name are left out unless *within_names*, and go to *tails*."""
        surfaces = _TOKEN.findall(text)
        others: list[tuple[int, tuple[str, ...]]] = []
        if self.lang == "ru":
            cache, keys_of = self._key_cache, self._ru_keys
            options = [cache.get(s) or keys_of(s) for s in surfaces]
            keys = [o[0] for o in options]
            others = [(i, o[1:]) for i, o in enumerate(options) if len(o) > 1]
        else:
            lowered = text.lower()
            keys = (_TOKEN.findall(lowered) if len(lowered) == len(text)
                    else [s.lower() for s in surfaces])
        hits = self._scan(keys, 0)
        for i, alternatives in others:  # ambiguous words: rescan their neighbourhood
            lo, hi = max(0, i - self._longest + 1), min(len(keys), i + self._longest)
            for alternative in alternatives:
                window = [*keys[lo:i], alternative, *keys[i + 1:hi]]
                hits += [h for h in self._scan(window, lo) if h[0] <= i < h[0] + h[1]]
        if not hits:
            return []
        spans = [m.span() for m in _TOKEN.finditer(text)]
        found = []
        for first, n_tokens, indexes in hits:
            last = first + n_tokens
            for index in indexes:
                entry = self._entries[index]
                start, stop = _widen(text, entry.term.text.strip(), spans[first][0],
                                     spans[last - 1][1])
                mention = Mention(entry.concept_id, entry.term, self.lang, start, stop,
                                  text[start:stop])
                if entry.term.case_sensitive and not _case_ok(entry.tokens,
                                                               surfaces[first:last]):
                    miscased.append(mention)
                    continue
                found.append(mention)
        if found and not within_names:
            covered = bytearray(len(text) + 1)  # 1 where some mention's word is
            for m in found:
                covered[m.start:m.end] = b"\x01" * (m.end - m.start)
            tail = [self._inside_longer_name(text, m, covered, found) for m in found]
            if tails is not None:
                tails += [m for m, t in zip(found, tail, strict=True) if t]
            found = [m for m, t in zip(found, tail, strict=True) if not t]
        return found

    def _inside_longer_name(self, text: str, mention: Mention, covered: bytearray,
                            found: Sequence[Mention]) -> bool:
        """Whether *mention* is the tail of a longer name rather than a mention of its concept:
        ``Polytechnic University`` in ``Tomsk Polytechnic University``, ``политехнический
        университет`` in ``Томский политехнический университет``. See :mod:`.longer_name`."""
        from toolkit.glossary import longer_name

        if mention.term.type == "acronym":
            return False  # an acronym names its concept wherever it stands
        first = _TOKEN.search(mention.surface)
        if first is not None and longer_name.coined(first.group()):
            return False  # OrbitLab, GlobalTech IP: a coined name is nobody's tail
        before = longer_name.word_before(text, mention.start)
        if before is None:
            return False
        start, _end, word = before
        if not word[:1].isupper():
            return False  # the evidence in both languages is a capitalised word
        if covered[start] and any(m.concept_id == mention.concept_id and m.start <= start < m.end
                                  for m in found):
            return False  # the concept's name written twice (an HTML title, then the link)
        if self._known_modifier(mention, word):
            return False  # a longer name the glossary has (Peter the Great St. Petersburg)
        if self.lang == "ru":
            longer = longer_name.ru_modifier(text, start, word, mention.surface,
                                             mention.term.text)
        else:
            longer = longer_name.latin_modifier(text, start, word)
        if not longer:
            return False
        concept = self.glossary.get(mention.concept_id)
        # a title before a person's name does not make it another name (Chief Executive Wang
        # Lei); asked last, as it may need pymorphy3
        return concept is None or not self.glossary.cached(
            ("person", concept.id), lambda: longer_name.is_person(concept))

    def _known_modifier(self, mention: Mention, word: str) -> bool:
        """Whether a glossary term has *word* (by its keys) right before the mention's first
        word: a longer name the glossary knows (``Peter the Great St. Petersburg ...``,
        ``Санкт-Петербургский политехнический ...``), not an unknown one."""
        if self._modifiers is None:
            self._modifiers = {}
            for _concept, term in self._terms():
                keys = [self._word_keys(t) for _, _, t in tokenize(term.text)]
                for before, after in zip(keys, keys[1:], strict=False):
                    for key in after:
                        self._modifiers.setdefault(key, set()).update(before)
        first = _TOKEN.search(mention.surface)
        if first is None:
            return False
        allowed = set().union(*(self._modifiers.get(k, ()) for k in
                                self._word_keys(first.group())))
        return not allowed.isdisjoint(self._word_keys(word))

    def _word_keys(self, token: str) -> tuple[str, ...]:
        return ru.token_keys(token) if self.lang == "ru" else (token.lower(),)

    def _scan(self, keys: list[str], offset: int) -> list[tuple[int, int, tuple[int, ...]]]:
        """(first token, token count, entries) of every automaton hit on *keys*."""
        if not keys:
            return []
        stream = SEP + SEP.join(keys) + SEP
        starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=1))
        return [(offset + bisect.bisect_left(starts, end - length + 2), n_tokens, indexes)
                for end, (length, n_tokens, indexes) in self._automaton.iter(stream)]

    def _find_chars(self, text: str, miscased: list[Mention]) -> list[Mention]:
        norm = zh_normalize(text)
        found = []
        for end, (length, _n, indexes) in self._automaton.iter(_pairs(norm)):
            stop = end // 2 + 1
            start = stop - length
            surface = text[start:stop]
            for index in indexes:
                entry = self._entries[index]
                term_norm = norm[start:stop]
                if _is_ascii_alnum(term_norm[0]) and start > 0 and _is_ascii_alnum(
                        norm[start - 1]):
                    continue
                if _is_ascii_alnum(term_norm[-1]) and stop < len(norm) and _is_ascii_alnum(
                        norm[stop]):
                    continue
                mention = Mention(entry.concept_id, entry.term, self.lang, start, stop, surface)
                if entry.term.case_sensitive and (_ascii_letters(surface)
                                                  != _ascii_letters(entry.term.text)):
                    miscased.append(mention)
                    continue
                found.append(mention)
        return found


def _widen(text: str, term: str, start: int, stop: int) -> tuple[int, int]:
    """Take in the quotes or hyphen the term itself begins or ends with (``«Ингрия»``)."""
    if term[-1] in _DROP and stop < len(text) and text[stop] in _DROP:
        stop += 1
    if term[0] in _DROP and start > 0 and text[start - 1] in _DROP:
        start -= 1
    return start, stop


def _start_key(token: str) -> str:
    """What a Russian text token and the first token of a term it may begin share without
    pymorphy3: the first three folded letters (inflection keeps them: Пётр/Петра), the
    capitals of an acronym (МИДа/МИД), a non-Cyrillic token whole (lowercased)."""
    if not ru.has_cyrillic(token):
        return token.lower()
    base = ru.acronym_base(token)
    return ru.prefix(ru.fold(base if base is not None else token))


def _resolve(candidates: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (then the best status, then the earliest)."""
    if not candidates:
        return []
    candidates.sort(key=lambda m: (m.start - m.end, m.start, STATUS_RANK[m.term.status],
                                   TYPE_RANK[m.term.type], m.concept_id))
    taken = bytearray(max(m.end for m in candidates))
    kept: list[Mention] = []
    for mention in candidates:
        if taken.find(1, mention.start, mention.end) >= 0:
            continue
        taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
        kept.append(mention)
    kept.sort(key=lambda m: m.start)
    return kept


def matcher_for(glossary: Glossary, lang: str) -> Matcher:
    """The cached :class:`Matcher` of *glossary* for *lang* (built on first use)."""
    code = parse_lang(lang).code
    matcher: Matcher = glossary.cached(("matcher", code), lambda: Matcher(glossary, code))
    return matcher


def is_traditional(surface: str) -> bool:
    """Whether *surface* has a Han character that OpenCC writes differently in Simplified."""
    simplified = _same_length(_t2s().convert, surface)
    return any(a != b and is_cjk(a) for a, b in zip(surface, simplified, strict=True))


def find_mentions(glossary: Glossary, text: str, lang: str) -> list[Mention]:
    """Mentions of *glossary*'s terms in *text* written in *lang*."""
    return matcher_for(glossary, lang).find(text)


def find_nested_mentions(glossary: Glossary, text: str, lang: str) -> list[Mention]:
    """Every mention of *glossary*'s terms in *text*, nested ones included."""
    return matcher_for(glossary, lang).find_nested(text)


def _outside_links(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """*mentions* that are not inside a URL, a web address or an e-mail address: ``nanjing``
    in ``www.nanjing.gov.cn`` or ``zju`` in ``apply.zju.edu.cn`` names no concept, and a
    case-sensitive acronym there is no miscased term (``glossary check`` reported GL107)."""
    mentions = list(mentions)
    if not mentions:
        return mentions
    links = [(s.start, s.end) for s in (*find_urls(text), *find_emails(text))]
    # a web address without a scheme only when the mention is all inside it: its start is a
    # guess (``GlobalTech IP-park.ru`` has the name ``GlobalTech IP``)
    hosts = []
    if "." in text:
        from toolkit.text import patterns

        hosts = [m.span() for m in patterns.DOMAIN_RE.finditer(text)]
    if not links and not hosts:
        return mentions
    return [m for m in mentions if not any(a < m.end and m.start < b for a, b in links)
            and not any(a <= m.start and m.end <= b for a, b in hosts)]
