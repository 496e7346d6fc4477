"""Translation speed, side by side in one run, same package, same machine; prints ratios.

(a) toolkit end-to-end (segment, protect, engine, restore, join) vs a raw ``translate_batch``
    on pre-tokenized input: what the pipeline costs on top of the engine (target <= 1.15x).
(b) toolkit vs argostranslate's ``PackageTranslation`` (its sentencizer replaced by ours, since
    MiniSBD cannot download here) on 2,000 short strings, each translated as a user of that
    API does, one ``translate()`` per string (target: toolkit >= 3x faster).
(c) the same on one 100-paragraph document (target >= 1.3x).

Run:  python bench/translate.py [--pair en-ru] [--repeat 3]
Timings are the best of --repeat alternating runs; only the ratios mean anything.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from toolkit.glossary import load_glossary, shipped_glossary_paths
from toolkit.langs import parse_lang
from toolkit.mt.engine import EngineSettings, get_engine
from toolkit.mt.store import find_package
from toolkit.pipeline import Route, translate_sentences, translate_text
from toolkit.text.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent

CORPUS = ROOT / "tools" / "demo_corpus"


def corpus(lang: str) -> list[str]:
    """Unique sentences in *lang* from the demo corpus (the demo models' domain)."""
    file, column = {"en": ("en-ru.tsv", 0), "ru": ("en-ru.tsv", 1), "zh": ("en-zh.tsv", 1)}[lang]
    lines = (CORPUS / file).read_text(encoding="utf-8").splitlines()
    texts = [line.split("\t")[column].strip() for line in lines if "\t" in line]
    return list(dict.fromkeys(t for t in texts if t and "｟" not in t))


def best_of(repeat: int, *runs: Callable[[], object]) -> list[float]:
    """Best wall time of each callable over *repeat* alternating rounds."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for i, run in enumerate(runs):
            start = time.perf_counter()
            run()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


class OurSentencizer:
    """argostranslate's sentencizer interface backed by toolkit's segmenter."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def split_sentences(self, text: str) -> list[str]:
        return split_sentences(text, self.lang)


def argos_translation(package, beam_size: int):  # type: ignore[no-untyped-def]
    """argostranslate's PackageTranslation on the same package, with our sentencizer."""
    from argostranslate import package as apkg
    from argostranslate import settings
    from argostranslate import translate as atr

    settings.beam_size = beam_size
    pkg = apkg.Package(package.path)
    translation = atr.PackageTranslation(atr.Language(package.from_code, package.from_code),
                                         atr.Language(package.to_code, package.to_code), pkg)
    translation.sentencizer = OurSentencizer(package.from_code)
    return translation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", default="en-ru")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=600)
    args = parser.parse_args()
    src, tgt = args.pair.split("-")
    package = find_package(src, tgt)
    if package is None:
        raise SystemExit(f"no package for {args.pair}")
    settings = EngineSettings.load()
    engine = get_engine(package, settings)
    route = Route(parse_lang(src), parse_lang(tgt), (package,))
    rng = random.Random(7)
    pool = corpus(src)
    rng.shuffle(pool)
    sep = "" if src == "zh" else " "
    print(f"package {package.name} ({'demo' if package.demo else 'full'}), "
          f"beam {settings.beam_size}, repeat {args.repeat}, {len(pool)} corpus sentences")

    # (a) pipeline overhead over the engine's limit
    sentences = [t for t in pool if len(t.split()) > 3 or src == "zh"][: args.sentences]
    document = "\n\n".join(sep.join(sentences[i:i + 4]) for i in range(0, len(sentences), 4))
    engine.translate(sentences[:4])  # load the model outside the timings
    pre_tokenized = engine.tokenize(sentences)
    translator = engine._translator
    options = dict(max_batch_size=settings.max_batch_tokens, batch_type="tokens",
                   beam_size=settings.beam_size, max_input_length=0,
                   max_decoding_length=max(32, 3 * max(map(len, pre_tokenized)) + 16))
    if engine._max_positions:
        options["max_decoding_length"] = min(options["max_decoding_length"],
                                             engine._max_positions - 2)
    t_toolkit, t_raw = best_of(
        args.repeat,
        lambda: translate_text(document, src, tgt, settings=settings),
        lambda: translator.translate_batch(pre_tokenized, **options),
    )
    print(f"(a) {len(sentences)} sentences: toolkit {t_toolkit:.3f}s, raw translate_batch "
          f"{t_raw:.3f}s -> toolkit/raw = {t_toolkit / t_raw:.2f}x (target <= 1.15x)")
    # the CLI's default adds the shipped glossary: do-not-translate terms and the term check
    glossary = load_glossary(shipped_glossary_paths())
    translate_text(document[:2000], src, tgt, settings=settings, glossary=glossary)  # warm-up
    t_glossary, t_raw = best_of(
        args.repeat,
        lambda: translate_text(document, src, tgt, settings=settings, glossary=glossary),
        lambda: translator.translate_batch(pre_tokenized, **options),
    )
    print(f"(a') the same with the shipped glossary (CLI default): toolkit {t_glossary:.3f}s, "
          f"raw {t_raw:.3f}s -> toolkit/raw = {t_glossary / t_raw:.2f}x")

    # (b) 2,000 short strings, argos one call per string vs toolkit one batched call
    argos = argos_translation(package, settings.beam_size)
    argos.translate(pool[0])
    short = [t for t in pool if len(t) <= 40]
    strings = [rng.choice(short) if i % 3 else rng.choice(pool) for i in range(2000)]
    t_argos, t_ours = best_of(
        max(1, args.repeat - 1),
        lambda: [argos.translate(s) for s in strings],
        lambda: translate_sentences(strings, route, settings=settings),
    )
    print(f"(b) 2,000 short strings: argostranslate {t_argos:.3f}s, toolkit {t_ours:.3f}s -> "
          f"toolkit is {t_argos / t_ours:.2f}x faster (target >= 3x)")

    # (c) a 100-paragraph document
    paragraphs = [sep.join(rng.sample(pool, rng.randint(2, 5))) for _ in range(100)]
    doc = "\n\n".join(paragraphs)
    t_argos, t_ours = best_of(
        args.repeat,
        lambda: argos.translate(doc),
        lambda: translate_text(doc, src, tgt, settings=settings),
    )
    print(f"(c) 100 paragraphs: argostranslate {t_argos:.3f}s, toolkit {t_ours:.3f}s -> "
          f"toolkit is {t_argos / t_ours:.2f}x faster (target >= 1.3x)")


if __name__ == "__main__":
    main()
