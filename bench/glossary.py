"""Benchmark: glossary matching on a 10,000-term glossary over 1 MB of text, per language.

Compares :class:`toolkit.glossary.match.Matcher` (Aho-Corasick over a normalised key stream,
Russian lemmatised) with a plain regex alternation of the same terms (longest first, word
boundaries for en/ru, case-insensitive), both run in this process on the same text.

A Python ``re`` alternation of 10,000 literals tries every alternative at every candidate
position, so it is measured on a slice of the text (``--regex-kb``, default 64 KB) and scaled
linearly to the full size (its cost is linear in the text length for a fixed pattern); pass
``--regex-kb 0`` to run it over the whole text (minutes).

    python bench/glossary.py                 # en, ru, zh, mixed; 10,000 terms; 1 MB each
    python bench/glossary.py --langs ru --terms 2000 --mb 0.5

``mixed`` splits both the 10,000 terms and the 1 MB between en, ru and zh, interleaves the
paragraphs, and runs all three matchers over the whole text (a document of unknown language).

Texts are synthetic but shaped like real ones: term mentions (Russian ones inflected into a
random case) embedded in filler built from the same vocabulary, so near misses are common.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable

from toolkit.glossary.match import Matcher
from toolkit.glossary.model import Concept, Glossary, Term

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _timed(func: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


# --- generators ---------------------------------------------------------------------------------

Generated = tuple[Glossary, str, list[tuple[int, int, str]]]


class _Text:
    """A growing text that remembers where it planted each term mention."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.chars = 0
        self.bytes = 0
        self.planted: list[tuple[int, int, str]] = []

    def add(self, chunk: str, concept_id: str | None = None) -> None:
        if concept_id is not None:
            self.planted.append((self.chars, self.chars + len(chunk), concept_id))
        self.parts.append(chunk)
        self.chars += len(chunk)
        self.bytes += len(chunk.encode())

    def result(self, glossary: Glossary) -> Generated:
        return glossary, "".join(self.parts), self.planted


def _concepts(n_terms: int, lang: str, make: Callable[[], str]) -> list[Concept]:
    """*n_terms* concepts, one term each, no two terms equal ignoring case."""
    concepts: list[Concept] = []
    seen: set[str] = set()
    while len(concepts) < n_terms:
        text = make()
        if text.lower() not in seen:
            seen.add(text.lower())
            concepts.append(Concept(f"c{len(concepts)}", (Term(text, lang),)))
    return concepts


def _fill(rng: random.Random, concepts: list[Concept], size: int,
          mention: Callable[[int], str], filler: Callable[[], str],
          separators: list[str]) -> Generated:
    """*size* bytes: 15% of the chunks a mention of a random concept, the rest filler."""
    out = _Text()
    while out.bytes < size:
        if rng.random() < 0.15:
            i = rng.randrange(len(concepts))
            out.add(mention(i), concepts[i].id)
        else:
            out.add(filler())
        out.add(rng.choice(separators))
    return out.result(Glossary(tuple(concepts)))


def _en_vocab(rng: random.Random, n: int) -> list[str]:
    onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "tr",
              "st", "pl", "gr", "ch", "sh", "br", "cl"]
    vowels = ["a", "e", "i", "o", "u", "ea", "io", "ou"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(onsets) + rng.choice(vowels)
                          for _ in range(rng.randint(1, 3))) + rng.choice(["", "n", "r", "t"]))
    return sorted(words)


def english(rng: random.Random, n_terms: int, size: int) -> Generated:
    vocab = _en_vocab(rng, 6000)
    concepts = _concepts(n_terms, "en", lambda: " ".join(
        w.capitalize() for w in rng.sample(vocab, rng.randint(1, 4))))
    return _fill(rng, concepts, size, lambda i: concepts[i].terms[0].text,
                 lambda: " ".join(rng.choices(vocab, k=rng.randint(3, 12))),
                 [" ", ", ", ". ", ".\n"])


def russian(rng: random.Random, n_terms: int, size: int) -> Generated:
    from toolkit.glossary import ru

    morph = ru.analyzer()
    nouns: list = []
    adjs: list = []
    letters = "абвгдежзиклмнопрстуфхцчшэюя"
    for a in letters:
        for b in "аеиоуклнрст":
            for _word, tag, normal, _para, _idx in morph.dictionary.iter_known_words(a + b):
                if tag.case != "nomn" or tag.number != "sing" or normal != _word:
                    continue
                if tag.POS == "NOUN" and "Abbr" not in tag and len(nouns) < 40 * len(letters) * 11:
                    nouns.append(_word)
                elif tag.POS == "ADJF" and "masc" in tag:
                    adjs.append(_word)
                if len(nouns) > 15 * (letters.index(a) + 1) * 11:
                    break
    nouns = sorted(set(nouns))
    adjs = sorted(set(adjs))
    concepts, shapes = [], []
    seen: set[str] = set()
    while len(concepts) < n_terms:
        shape = (rng.sample(adjs, rng.randint(0, 2)), rng.choice(nouns),
                 rng.sample(nouns, rng.randint(0, 1)))
        words = [*shape[0], shape[1], *shape[2]]
        text = " ".join(words)
        if text in seen:
            continue
        seen.add(text)
        concepts.append(Concept(f"c{len(concepts)}", (Term(text, "ru"),)))
        shapes.append(shape)

    def inflect(word: str, case: str, gender: str | None = None) -> str:
        parse = morph.parse(word)[0]
        form = parse.inflect({case} | ({gender} if gender else set()))
        return form.word if form else word

    def mention(i: int) -> str:
        adj_words, head, tail = shapes[i]
        case = rng.choice(CASES)
        gender = morph.parse(head)[0].tag.gender
        words = [inflect(a, case, gender) for a in adj_words] + [inflect(head, case)]
        return " ".join(words + [inflect(t, "gent") for t in tail])

    return _fill(rng, concepts, size, mention,
                 lambda: " ".join(inflect(w, rng.choice(CASES))
                                  for w in rng.choices(nouns + adjs, k=rng.randint(3, 10))),
                 [" ", ", ", ". ", ".\n"])


def chinese(rng: random.Random, n_terms: int, size: int) -> Generated:
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    concepts = _concepts(n_terms, "zh", lambda: "".join(rng.choices(chars, k=rng.randint(2, 6))))
    return _fill(rng, concepts, size, lambda i: concepts[i].terms[0].text,
                 lambda: "".join(rng.choices(chars, k=rng.randint(4, 20))),
                 ["", "，", "。", "\n"])


def mixed(rng: random.Random, n_terms: int, size: int) -> Generated:
    """A third of the terms and of the text from each language, paragraphs interleaved."""
    concepts, paragraphs = [], []
    for i, make in enumerate((english, russian, chinese)):
        share = n_terms // 3 + (1 if i < n_terms % 3 else 0)
        glossary, text, planted = make(rng, share, size // 3)
        concepts += [Concept(f"{make.__name__}_{c.id}", c.terms) for c in glossary]
        start = 0
        for para in text.split("\n"):  # keep each paragraph's planted mentions with it
            end = start + len(para)
            paragraphs.append((para, [(a - start, b - start, f"{make.__name__}_{cid}")
                                      for a, b, cid in planted if start <= a < end]))
            start = end + 1
    rng.shuffle(paragraphs)
    out = _Text()
    for para, marks in paragraphs:
        base = out.chars
        out.planted += [(base + a, base + b, cid) for a, b, cid in marks]
        out.add(para + "\n")
    return out.result(Glossary(tuple(concepts)))


class MixedMatcher:
    """One matcher per language over the same glossary; a mixed text is scanned by each."""

    def __init__(self, glossary: Glossary):
        self.matchers = [Matcher(glossary, lang) for lang in ("en", "ru", "zh")]

    def find(self, text: str) -> list:
        return [m for matcher in self.matchers for m in matcher.find(text)]


# --- baseline -----------------------------------------------------------------------------------

def regex_matcher(glossary: Glossary, lang: str) -> re.Pattern[str]:
    """The obvious alternative: one alternation of all terms, longest first."""
    def alternation(langs: tuple[str, ...]) -> str:
        terms = sorted({t.text for _, t in glossary.terms() if t.lang in langs}, key=len,
                       reverse=True)
        return "|".join(re.escape(t) for t in terms)

    if lang == "zh":
        return re.compile(alternation(("zh",)))
    if lang == "mixed":
        return re.compile(rf"\b(?:{alternation(('en', 'ru'))})\b|{alternation(('zh',))}",
                          re.IGNORECASE)
    return re.compile(rf"\b(?:{alternation((lang,))})\b", re.IGNORECASE)


def run(lang: str, n_terms: int, mb: float, regex_kb: int, seed: int) -> None:
    rng = random.Random(seed)
    make = {"en": english, "ru": russian, "zh": chinese, "mixed": mixed}[lang]
    size = int(mb * 1_000_000)
    gen_s, (glossary, text, planted) = _timed(lambda: make(rng, n_terms, size))
    build_s, matcher = _timed(
        lambda: MixedMatcher(glossary) if lang == "mixed" else Matcher(glossary, lang))
    cold_s, mentions = _timed(lambda: matcher.find(text))
    warm_s, _ = _timed(lambda: matcher.find(text))
    compile_s, pattern = _timed(lambda: regex_matcher(glossary, lang))
    sample = text if regex_kb <= 0 else text[: regex_kb * 1000]
    rx_s, rx_found = _timed(lambda: sum(1 for _ in pattern.finditer(sample)))
    scale = len(text) / len(sample)
    rx_full = rx_s * scale
    print(f"[{lang}] {len(glossary)} terms, {len(text.encode()) / 1e6:.2f} MB "
          f"({len(text)} chars); generated in {gen_s:.1f}s")
    found = {(m.start, m.end, m.concept_id) for m in mentions}
    hits = sum(1 for p in planted if p in found)
    print(f"  matcher: build {build_s:.2f}s; scan cold {cold_s:.3f}s, warm {warm_s:.3f}s; "
          f"{len(mentions)} mentions; recall of the {len(planted)} planted "
          f"mentions (ru: inflected) {hits / max(1, len(planted)):.1%}")
    how = "whole text" if sample is text else f"{len(sample)} chars, x{scale:.1f} scaled"
    print(f"  regex alternation: compile {compile_s:.2f}s; scan {rx_s:.2f}s on {how} "
          f"-> {rx_full:.1f}s per full text; {rx_found} matches in the slice")
    print(f"  ratio regex/matcher (warm scan): {rx_full / warm_s:.0f}x; "
          f"(cold scan): {rx_full / cold_s:.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--langs", default="en,ru,zh,mixed",
                        help="en, ru, zh, and mixed (a third of each, every matcher run)")
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--regex-kb", type=int, default=64)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for lang in args.langs.split(","):
        run(lang.strip(), args.terms, args.mb, args.regex_kb, args.seed)


if __name__ == "__main__":
    main()
