"""Glossary enforcement, measured: the glossary off (plain translation) vs on (toolkit.terms).

A held-out set of sentences with glossary mentions (bench/data/terms_heldout.jsonl, written
from the frames in bench/data/terms_frames.tsv and the shipped glossary; none of them is in the
demo training corpus, which this script checks), in English, Russian and Chinese, grouped into
documents of eight sentences so concepts repeat. For every pair, side by side in one run:

- term accuracy: source mentions whose concept the output renders with an approved target term
  (each target mention used once) / all mentions; also with *the required* term (same type,
  preferred: what enforcement aims at);
- Russian case accuracy: mentions whose required term has case forms and whose output carries
  it in the case the frame's reference translation gives the slot / those rendered with it;
  as the glossary-off side renders far fewer mentions with the required term (the easy ones),
  also on the mentions both sides render ("same");
  an extra measure, not the headline: of the same mentions, those whose case is one their
  place in the output sentence allows (the preposition or word governing it there, as
  toolkit.terms.inflect reads it). The headline follows the source's frame; when the model's
  sentence does not (a weak pivot writes a subject where the source has a possessor), no case
  of the term can both fit the sentence and match the frame, and this one tells whether the
  case chosen at least fits the sentence the model wrote;
  and, split by whether the output keeps the frame's governing word right before the term
  (the same preposition or word, by lemma, or both open the sentence): the headline's
  accuracy where it does, and where it does not. Where the output keeps it, the frame's case
  is the one its place takes and the figure measures the choice of the form; where it does
  not, the model wrote another sentence (a weak pivot's middle: zh-ru keeps it for about a
  third of its mentions), and the frame's case may not fit there at all;
- consistency: (document, concept, source term type) groups of >= 2 mentions rendered all with
  one target term / all such groups;
- placeholders (URLs, printf): kept by the model / all, and in the output / all (counted in the
  final text: each original as often as the source has it); those the model did not keep are
  reinserted by the protect step, which reports them;
- words lost: words of the plain output missing from the enforced one, but the glossary's
  terms and the renderings found surely (toolkit.terms.kept.lost_words: an upper bound of what
  a term swallowed), over the sentences edited in place from the same translation; on a pivot
  only those whose middle sentence the glossary left as it was (a changed middle is another
  sentence to the second model, and its differences are no swallowed words);
- cost: time of enforcement / time of plain translation, median (and min-max) of --repeat
  paired runs; in wall-clock time and in the process's CPU time. Beside them the model's
  work, which does not depend on the machine's load: sentences decoded, target pieces
  decoded and candidate sentences scored, plain -> enforced (one run of each, counted at
  the engine). The engine runs one batch on
  one thread here, so CPU time is the same work without the time spent waiting for cores
  other jobs hold: on a shared machine it is the steadier of the two (on 2 cores under load
  6-11, --repeat 3: wall-clock ratios spanned up to 1.9 within one pair, CPU ones 0.1-0.6).

Pairs: en-ru, en-zh, ru-en, zh-en, ru-zh and zh-ru (pivot through English), and en-ru on the
token-free test model (tests/data/models/translate-en_ru-notokens, see tools/build_demo_models.py
--no-tokens) when it has been built. A diagnostic pair, zh-ru-faithful: the zh-ru pivot with its
first model replaced by each sentence's faithful English (its frame's English with the English
terms of the same concepts, :class:`FaithfulMiddle`); the second leg and all of enforcement are
the real ones. It tells what the pivot's enforcement does given a middle that says what the
source says, apart from the demo zh->en model, which mostly does not (2026-12-03: Russian case
zh-ru 0.573, zh-ru-faithful 0.899, and the en-ru model with enforcement on the same English
sentences 0.899: the pivot's enforcement loses nothing the en-ru leg has).

Run:  python bench/terms.py [--pairs en-ru,zh-en] [--repeat 3] [--json out.json]
      python bench/terms.py --write-data      # regenerate the held-out set (seeded)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from toolkit.glossary import load_glossary, ru, shipped_glossary_paths
from toolkit.glossary.match import matcher_for
from toolkit.glossary.model import Concept, Glossary
from toolkit.glossary.morph import inflect
from toolkit.mt.engine import EngineSettings
from toolkit.mt.store import find_package, read_package
from toolkit.mt.translator import Hypothesis, PivotTranslator, Translator, translator_for
from toolkit.pipeline import protected_spans
from toolkit.terms import enforce, requirements
from toolkit.terms.inflect import forms, misplaced_case
from toolkit.terms.kept import lost_words, same_translation
from toolkit.terms.locate import content_words
from toolkit.terms.model import Enforced
from toolkit.terms.targets import match_targets
from toolkit.text.protect import Masked, mask, restore

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
FRAMES = DATA / "terms_frames.tsv"
HELDOUT = DATA / "terms_heldout.jsonl"
NO_TOKENS = ROOT / "tests" / "data" / "models" / "translate-en_ru-notokens"
CORPUS = ROOT / "tools" / "demo_corpus"
SEED = 20261202
DOC_SIZE = 8
DOCS = {"en": 12, "ru": 8, "zh": 8}
SLOTS = {
    "O": ["spbpu", "rcia", "jitri", "iidf", "nanjing_stb", "most_prc", "ingria", "globaltech_ip"],
    "P": ["nanjing", "st_petersburg", "jiangsu"],
    "H": ["rudskoy", "arseniev", "wang_lei"],
    "E": ["nanjing_innovation_week", "rc_innovation_forum"],
}
URLS = ["https://spbstu.ru/events/forum-2026", "https://english.spbstu.ru/news/robotics",
        "https://jitri.example.cn/en/program", "https://iidf.example.ru/grants"]
PAIRS = ["en-ru", "en-zh", "ru-en", "zh-en", "ru-zh", "zh-ru"]


# --- the held-out set -----------------------------------------------------------------------

def read_frames() -> list[dict[str, str]]:
    frames = []
    for line in FRAMES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        en, ru, zh = line.split("\t")
        frames.append({"en": en, "ru": ru, "zh": zh})
    return frames


def _source_term(concept: Concept, lang: str, rng: random.Random) -> str:
    """A term a writer in *lang* might use: mostly the preferred full form, sometimes the
    acronym or another (admitted, deprecated) name."""
    terms = [t for t in concept.terms_for(lang) if t.status != "forbidden"] or [
        t for t in concept.terms if t.dnt]
    full = [t for t in terms if t.type == "full" and t.status == "preferred"]
    roll = rng.random()
    if roll < 0.55 and full:
        return full[0].text
    acronyms = [t for t in terms if t.type == "acronym"]
    if roll < 0.75 and acronyms:
        return acronyms[0].text
    return rng.choice(terms).text


def _fill(frame: str, values: dict[str, str], lang: str) -> str:
    out = frame
    for slot, value in values.items():
        if lang == "ru":
            for case in ("nomn", "gent", "datv", "accs", "ablt", "loct"):
                key = "{" + slot + ":" + case + "}"
                if key in out:
                    out = out.replace(key, inflect(value, case) if _declines(value) else value)
        out = out.replace("{" + slot + "}", value)
    return out


def _declines(term: str) -> bool:
    return len(forms(term)) > 1


def _cases(frame_ru: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"\{(\w+):(\w+)\}", frame_ru)}


def _in_english(concept: Concept, text: str) -> str:
    """The English term of the type of *concept*'s term *text*: what a faithful translation
    of a sentence naming the concept by *text* calls it."""
    term = next((t for t in concept.terms if t.text == text), None)
    english = concept.preferred("en", term.type if term else "full") or concept.preferred(
        "en", None)
    return english.text if english is not None else text


def make_heldout(glossary: Glossary, seed: int = SEED,
                 english: bool = False) -> list[dict[str, Any]]:
    """The held-out rows; with *english*, each also with ``en``: its frame's English with the
    English terms of the same concepts (:class:`FaithfulMiddle`; the same rows otherwise)."""
    rng = random.Random(seed)
    frames = read_frames()
    rows: list[dict[str, Any]] = []
    texts: set[str] = set()
    for lang, docs in DOCS.items():
        for d in range(docs):
            # a small cast per document, so concepts come back
            cast = {k: rng.sample(v, min(len(v), {"O": 3, "P": 2, "H": 2, "E": 1}[k]))
                    for k, v in SLOTS.items()}
            cast["O2"] = [c for c in SLOTS["O"] if c not in cast["O"]][:2] + cast["O"][:1]
            s = 0
            while s < DOC_SIZE:
                frame = frames[rng.randrange(len(frames))]
                concepts: dict[str, str] = {}
                for slot in ("O", "O2", "P", "H", "E"):
                    pool = [c for c in cast[slot] if c not in concepts.values()]
                    concepts[slot] = rng.choice(pool)
                values = {slot: _source_term(glossary.get(cid), lang, rng)  # type: ignore[arg-type]
                          for slot, cid in concepts.items()}
                values["url"] = rng.choice(URLS)
                values["n"] = "%d"
                text = _fill(frame[lang], values, lang)
                used = {slot: cid for slot, cid in concepts.items()
                        if "{" + slot in frame["en"]}
                cases = _cases(frame["ru"])
                if text in texts:
                    continue
                texts.add(text)
                rows.append({"id": f"{lang}{d:02d}-{s}", "doc": f"{lang}{d:02d}", "lang": lang,
                             "text": text,
                             "cases": {cid: cases[slot] for slot, cid in used.items()
                                       if slot in cases}})
                if english:
                    rows[-1]["en"] = _fill(frame["en"], {
                        slot: _in_english(glossary.get(concepts[slot]), value)  # type: ignore[arg-type]
                        if slot in concepts else value for slot, value in values.items()}, "en")
                s += 1
    return rows


def check_heldout(rows: Sequence[dict[str, Any]], glossary: Glossary) -> None:
    """Every sentence has a mention; none is in the demo training corpus."""
    seen = set()
    for path in CORPUS.glob("*.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            seen.update(part.strip() for part in line.split("\t"))
    for row in rows:
        if row["text"] in seen:
            raise SystemExit(f"{row['id']} is in the demo training corpus: {row['text']}")
        if not matcher_for(glossary, row["lang"]).find(row["text"]):
            raise SystemExit(f"{row['id']} has no glossary mention: {row['text']}")


# --- measuring ------------------------------------------------------------------------------

def _fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


_FRAME_PATTERNS: dict[str, list[tuple[re.Pattern[str], str]]] = {}


def _frame_ru(text: str, lang: str) -> str | None:
    """The Russian frame (with its case slots) of the held-out sentence *text* in *lang*."""
    if lang not in _FRAME_PATTERNS:
        _FRAME_PATTERNS[lang] = [
            (re.compile(re.sub(r"\\\{[\w:]+\\\}", "(.+?)", re.escape(f[lang]))), f["ru"])
            for f in read_frames()]
    return next((frame for pattern, frame in _FRAME_PATTERNS[lang] if pattern.fullmatch(text)),
                None)


def _governor(before: str) -> str:
    """The lemma of the word right before a place (``^``: the place opens the sentence)."""
    words = re.findall(r"[^\W\d_]+", before)
    if not words or not re.search(r"\w", before):
        return "^"
    word = words[-1].lower()
    return ru.parses(word)[0].normal_form if ru.known(word) else word


def _keeps_frame(frame_ru: str | None, case: str, before: str) -> bool:
    """Whether the output text *before* a term ends in the word that governs a slot of
    *case* in the Russian frame (any such slot: the concept's own is not recorded)."""
    if frame_ru is None:
        return False
    return _governor(before) in {_governor(frame_ru[:m.start()]) for m in
                                 re.finditer(r"\{\w+:" + case + r"\}", frame_ru)}


def measure(rows: Sequence[dict[str, Any]], outputs: Sequence[str], kept: Sequence[int],
            masked: Sequence[Masked], glossary: Glossary, src: str, tgt: str) -> dict[str, Any]:
    source_matcher, target_matcher = matcher_for(glossary, src), matcher_for(glossary, tgt)
    n = approved = required = 0
    case_total = case_ok = fits = 0
    kept_frame = [0, 0, 0, 0]  # right, all where the output keeps the frame's governor; else
    case_of: dict[tuple[str, int], bool] = {}  # (sentence, mention) -> right case
    groups: dict[tuple[str, str, str], list[str | None]] = defaultdict(list)
    for row, out in zip(rows, outputs, strict=True):
        mentions = source_matcher.find(row["text"])
        reqs = requirements(glossary, mentions, tgt)
        found = target_matcher.find(out, within_names=True)  # as enforcement looks (targets.py)
        req_hits = match_targets(reqs, found)
        used: set[int] = set()
        for i, req in enumerate(reqs):
            n += 1
            hit = next((k for k, m in enumerate(found) if k not in used
                        and m.concept_id == req.concept_id
                        and (m.term.approved or (req.dnt and m.surface == req.text))), None)
            if hit is not None:
                used.add(hit)
                approved += 1
            required += i in req_hits
            groups[(row["doc"], req.concept_id, req.mention.term.type)].append(
                found[hit].term.text if hit is not None else None)
            gold = row["cases"].get(req.concept_id)
            if tgt == "ru" and gold and i in req_hits and req.text and not req.dnt \
                    and _declines(req.text):
                case_total += 1
                case_of[(row["id"], i)] = \
                    _fold(req_hits[i].surface) == _fold(inflect(req.text, gold))
                case_ok += case_of[(row["id"], i)]
                fits += not misplaced_case(req_hits[i].surface, out[:req_hits[i].start])
                side = 0 if _keeps_frame(_frame_ru(row["text"], src), gold,
                                         out[:req_hits[i].start]) else 2
                kept_frame[side] += case_of[(row["id"], i)]
                kept_frame[side + 1] += 1
    multi = [v for v in groups.values() if len(v) >= 2]
    consistent = sum(1 for v in multi if None not in v and len(set(v)) == 1)
    placeholders = sum(len(m.originals) for m in masked)
    return {
        "mentions": n,
        "term_accuracy": round(approved / n, 4) if n else None,
        "required_term_accuracy": round(required / n, 4) if n else None,
        "ru_case_accuracy": round(case_ok / case_total, 4) if case_total else None,
        "ru_case_mentions": case_total,
        "ru_case_fits_own_sentence": round(fits / case_total, 4) if case_total else None,
        "ru_case_frame_kept": _share(kept_frame[0], kept_frame[1]),
        "ru_case_frame_lost": _share(kept_frame[2], kept_frame[3]),
        "ru_case_of": case_of,
        "consistency": round(consistent / len(multi), 4) if multi else None,
        "consistency_groups": len(multi),
        "placeholders": placeholders,
        "placeholders_kept_by_model": round(sum(kept) / placeholders, 4) if placeholders else None,
        "placeholders_in_output": round(_in_output(outputs, masked) / placeholders, 4)
        if placeholders else None,
    }


def _share(right: int, total: int) -> dict[str, Any]:
    return {"mentions": total, "accuracy": round(right / total, 4) if total else None}


def _in_output(outputs: Sequence[str], masked: Sequence[Masked]) -> int:
    """Originals found in the final outputs, each counted at most as often as its source has it."""
    return sum(min(out.count(o), m.originals.count(o))
               for out, m in zip(outputs, masked, strict=True) for o in set(m.originals))


def _kept(text: str, m: Masked) -> int:
    from toolkit.text.protect import token

    return sum(1 for i in range(len(m.originals)) if text.count(token(i)) == 1)


def run_pair(pair: str, rows: Sequence[dict[str, Any]], glossary: Glossary,
             translator: Translator, repeat: int) -> dict[str, Any]:
    src, tgt = pair.split("-")
    rows = [r for r in rows if r["lang"] == src]
    masked = [mask(r["text"], protected_spans(r["text"])) for r in rows]
    sources = [m.text for m in masked]

    def off() -> tuple[list[str], list[int], list[Any]]:
        hyps = [h[0].text for h in translator.translate(sources)]
        return ([restore(h, m).text for h, m in zip(hyps, masked, strict=True)],
                [_kept(h, m) for h, m in zip(hyps, masked, strict=True)], [])

    def on() -> tuple[list[str], list[int], list[Any]]:
        done = enforce(sources, translator, glossary)
        return ([restore(e.text, m).text for e, m in zip(done, masked, strict=True)],
                [_kept(e.text, m) for e, m in zip(done, masked, strict=True)], done)

    off()  # load the model(s) and pymorphy3 before timing
    on()
    ratios, cpu_ratios, results = [], [], {}
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        results["off"] = off()
        t1, c1 = time.perf_counter(), time.process_time()
        results["on"] = on()
        t2, c2 = time.perf_counter(), time.process_time()
        ratios.append((t2 - t1) / (t1 - t0))
        cpu_ratios.append((c2 - c1) / (c1 - c0))
    report: dict[str, Any] = {"sentences": len(rows)}
    for side in ("off", "on"):
        outputs, kept, _r = results[side]
        report[side] = measure(rows, outputs, kept, masked, glossary, src, tgt)
    # the two sides' case accuracies count different mentions (off: only those the model
    # rendered with the required term itself); compared on the mentions both sides render
    off_of, on_of = report["off"].pop("ru_case_of"), report["on"].pop("ru_case_of")
    both = off_of.keys() & on_of.keys()
    report["ru_case_same_mentions"] = {
        "mentions": len(both),
        "off": round(sum(off_of[k] for k in both) / len(both), 4) if both else None,
        "on": round(sum(on_of[k] for k in both) / len(both), 4) if both else None}
    how: dict[str, int] = defaultdict(int)
    for r in (r for e in results["on"][2] for r in e.results):
        how[r.how or "not applied"] += 1
    first = getattr(translator, "first", None)  # a pivot: the plain middle sentences
    middles = [h[0].text for h in first.translate(sources)] if first is not None else None
    report["on"]["words_lost"] = _words_lost(results["off"][0], results["on"][0],
                                             results["on"][2], tgt, glossary, middles)
    report["on"]["applied_how"] = dict(sorted(how.items()))
    report["model_work"] = {"off": _model_work(translator, off), "on": _model_work(translator, on)}
    report["cost_ratio_median"] = round(statistics.median(ratios), 2)
    report["cost_ratio_range"] = [round(min(ratios), 2), round(max(ratios), 2)]
    report["cpu_ratio_median"] = round(statistics.median(cpu_ratios), 2)
    report["cpu_ratio_range"] = [round(min(cpu_ratios), 2), round(max(cpu_ratios), 2)]
    report["samples"] = [{"source": r["text"], "off": o, "on": e} for r, o, e in
                         list(zip(rows, results["off"][0], results["on"][0], strict=True))[:3]]
    return report


def _model_work(translator: Translator, run: Any) -> dict[str, int]:
    """What *run* asks of *translator*'s model(s): sentences decoded (every hypothesis
    counted once per source), target pieces of the best hypotheses, sentences scored."""
    legs = [translator.first, translator.second] if isinstance(  # type: ignore[attr-defined]
        translator, PivotTranslator) else [translator]
    counts = {"decoded": 0, "pieces": 0, "scored": 0}
    engines = {id(leg.engine): leg.engine for leg in legs  # type: ignore[attr-defined]
               if hasattr(leg, "engine")}  # not zh-ru-faithful's first leg

    def counting(engine: Any) -> Any:
        decode = engine.decode

        def counted(batch: Any, *args: Any, **kwargs: Any) -> Any:
            result = decode(batch, *args, **kwargs)
            counts["decoded"] += len(batch)
            counts["pieces"] += sum(len(r.hypotheses[0]) for r in result if r.hypotheses)
            return result
        return counted

    def scoring(leg: Any) -> Any:
        score = leg.score

        def counted(sources: Any, targets: Any) -> Any:
            counts["scored"] += len(targets)
            return score(sources, targets)
        return counted

    for engine in engines.values():
        engine.decode = counting(engine)
    for leg in legs:
        leg.score = scoring(leg)
    try:
        run()
    finally:
        for engine in engines.values():
            del engine.decode
        for leg in legs:
            del leg.score
    return counts


def _words_lost(plain: Sequence[str], outputs: Sequence[str], done: Sequence[Enforced],
                lang: str, glossary: Glossary,
                middles: Sequence[str] | None = None) -> dict[str, Any]:
    """Words of the glossary-off output the glossary-on one lost outside what enforcement
    replaced (toolkit.terms.kept), over the sentences edited from the same translation (both
    outputs with their placeholders restored; on a pivot, of the same *middles*)."""
    mids = middles if middles is not None else [None] * len(done)
    same = [(p, replace(e, text=o)) for p, o, e, m in zip(plain, outputs, done, mids, strict=True)
            if same_translation(e, m)]
    lost = [w for p, e in same for w in lost_words(p, e, lang, glossary)]
    words = sum(len(content_words(p, lang)) for p, _e in same)
    return {"sentences": len(same), "words": words, "lost": len(lost),
            "share": round(len(lost) / words, 4) if words else None,
            "examples": lost[:20]}


def _work(work: dict[str, dict[str, int]]) -> str:
    off, on = work["off"], work["on"]
    return (f"sentences decoded {off['decoded']} -> {on['decoded']}, pieces {off['pieces']} -> "
            f"{on['pieces']} (x{on['pieces'] / max(off['pieces'], 1):.2f}), scored "
            f"{off['scored']} -> {on['scored']}")


def _kept_lost(side: dict[str, Any]) -> str:
    kept, lost = side["ru_case_frame_kept"], side["ru_case_frame_lost"]
    return (f"{kept['mentions']} mentions {kept['accuracy']}, where not "
            f"{lost['mentions']} {lost['accuracy']}")


def _range(pair: Sequence[float]) -> str:
    return f"{pair[0]}-{pair[1]}"


class FaithfulMiddle:
    """The first leg of the zh-ru-faithful pivot: each held-out sentence 'translated' into its
    frame's English (:func:`make_heldout` with *english*), with no alignment and no scores; a
    sentence it does not know gives an empty translation."""

    def __init__(self, middles: dict[str, str], source: str):
        self.middles, self.source, self.target = middles, source, "en"

    def translate(self, sentences: Sequence[str], *, num_hypotheses: int = 1,
                  return_scores: bool = True, return_alignment: bool = False
                  ) -> list[list[Hypothesis]]:
        return [[Hypothesis(self.middles.get(s, ""))] for s in sentences]

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        return [0.0] * len(targets)


def faithful_middles(rows: Sequence[dict[str, Any]], glossary: Glossary) -> dict[str, str]:
    """Masked source sentence -> its masked faithful English, for the rows the generator
    makes again as they are stored."""
    english = {r["id"]: r for r in make_heldout(glossary, english=True)}
    out = {}
    for row in rows:
        again = english.get(row["id"])
        if again is not None and again["text"] == row["text"] and "en" in again:
            out[mask(row["text"], protected_spans(row["text"])).text] = mask(
                again["en"], protected_spans(again["en"])).text
    return out


def translator_of(pair: str, settings: EngineSettings,
                  middles: dict[str, str] | None = None) -> Translator | None:
    if pair.endswith("-faithful"):
        src, tgt = pair.split("-")[:2]
        second = find_package("en", tgt)
        if second is None or middles is None:
            return None
        return PivotTranslator(FaithfulMiddle(middles, src),  # type: ignore[arg-type]
                               translator_for([second], settings))
    if pair == "en-ru-notokens":
        return translator_for([read_package(NO_TOKENS)], settings) if NO_TOKENS.is_dir() else None
    src, tgt = pair.split("-")
    if "en" in (src, tgt):
        packages = [find_package(src, tgt)]
    else:
        packages = [find_package(src, "en"), find_package("en", tgt)]
    if not all(packages):
        return None
    return translator_for(packages, settings)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default=",".join([*PAIRS, "en-ru-notokens", "zh-ru-faithful"]))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--write-data", action="store_true")
    args = ap.parse_args(argv)
    glossary = load_glossary(shipped_glossary_paths())
    if args.write_data:
        rows = make_heldout(glossary)
        check_heldout(rows, glossary)
        HELDOUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                           encoding="utf-8")
        print(f"{HELDOUT}: {len(rows)} sentences")
        return 0
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()]
    check_heldout(rows, glossary)
    settings = EngineSettings(intra_threads=1)
    report = {}
    for pair in args.pairs.split(","):
        middles = faithful_middles(rows, glossary) if pair.endswith("-faithful") else None
        translator = translator_of(pair, settings, middles)
        if translator is None:
            print(f"{pair}: model not available, skipped")
            continue
        key = pair
        result = run_pair(pair.replace("-notokens", "").replace("-faithful", ""), rows, glossary,
                          translator, args.repeat)
        report[key] = result
        off, on = result["off"], result["on"]
        same = result["ru_case_same_mentions"]
        print(f"{pair:15} {result['sentences']:3} sentences {on['mentions']:3} mentions | "
              f"term acc {off['term_accuracy']} -> {on['term_accuracy']} "
              f"(required {off['required_term_accuracy']} -> {on['required_term_accuracy']}) | "
              f"ru case {off['ru_case_accuracy']} -> {on['ru_case_accuracy']} "
              f"(same {same['mentions']} mentions {same['off']} -> {same['on']}; extra: "
              f"fits its own sentence {off['ru_case_fits_own_sentence']} -> "
              f"{on['ru_case_fits_own_sentence']}; on, where the output keeps the frame's "
              f"governing word {_kept_lost(on)}) | "
              f"consistency {off['consistency']} -> {on['consistency']} | "
              f"placeholders kept {off['placeholders_kept_by_model']} -> "
              f"{on['placeholders_kept_by_model']} "
              f"(in the output {off['placeholders_in_output']} -> "
              f"{on['placeholders_in_output']}) | cost x{result['cost_ratio_median']} "
              f"({_range(result['cost_ratio_range'])}) cpu x{result['cpu_ratio_median']} "
              f"({_range(result['cpu_ratio_range'])}), model {_work(result['model_work'])} | "
              f"words of the plain output lost "
              f"{on['words_lost']['lost']}/{on['words_lost']['words']} "
              f"({on['words_lost']['sentences']} sentences edited in place)",
              flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
