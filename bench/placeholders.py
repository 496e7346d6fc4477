"""Protected spans on a model that copies ``｟N｠`` tokens and on one that never saw them.

For a set of English sentences with URLs, e-mails, printf/brace placeholders and identifiers
(written for this bench, not from the demo training corpus: the script checks), on the demo
en->ru package and on the token-free test package (tests/data/models/translate-en_ru-notokens,
standing for a full Argos model), side by side:

- before: what the pipeline did until now: tokens sent to every model, a lost span put back at
  the end of the sentence;
- after:  :func:`toolkit.pipeline.translate_masked`: tokens only for a model that copies them
  (a probe translation per package), otherwise the spans taken out; each lost or withheld span
  put back where its source position projects through the attention alignment.

Two more rows show the choice the probe makes, both ways: ``tokens+al`` sends the tokens to
every model (a lost one placed by alignment), ``withheld`` takes the spans out for every model.

Per span: kept by the model / reinserted at an aligned position / put in place of a link the
model made up / reinserted at the end / lost (not in the output).

And whether it sits in the right place, by a checkable criterion: each span
has hand-written stems of the Russian translations of its neighbouring source words (``near``);
the span is in the right place when one of the two words before it or the two after it starts
with one of those stems. When no word of the output starts with one (the model did not
translate the neighbour at all), the span's place cannot be judged ("no anchor").

Run:  python bench/placeholders.py [--json out.json] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from toolkit.langs import parse_lang
from toolkit.mt.engine import EngineSettings, get_engine
from toolkit.mt.store import find_package, read_package
from toolkit.pipeline import Route, protected_spans, translate_masked
from toolkit.text.dates import find_dates
from toolkit.text.protect import OUTCOMES, mask, restore

ROOT = Path(__file__).resolve().parent.parent
NO_TOKENS = ROOT / "tests" / "data" / "models" / "translate-en_ru-notokens"
CORPUS = ROOT / "tools" / "demo_corpus" / "en-ru.tsv"

# (sentence, [near stems for each protected span, in order])
SENTENCES: list[tuple[str, list[str]]] = [
    ("Registration for the summer school is open at https://school.spbstu.ru/apply.",
     ["адрес|сайт|открыт|регистрац"]),
    ("The programme of the forum is published at https://forum.spbstu.ru/program.",
     ["адрес|сайт|опубликова|размещ"]),
    ("Journalists can send questions to media@spbstu.ru before the conference.",
     ["направ|отправ|вопрос|адрес"]),
    ("Send your application to apply@jitri.cn or call the press office.",
     ["направ|отправ|заявк|адрес"]),
    ("Photos of the visit are available on https://photo.spbstu.ru/2027 and in the press "
     "office.", ["доступ|сайт|адрес|фото"]),
    ("Hello, %s! The forum opens tomorrow.", ["здравств|привет"]),
    ("The file %(name)s was not found.", ["файл"]),
    ("%d participants from 12 countries took part in the seminar.", ["участ"]),
    ("The rector will meet {guest} in Nanjing on Friday.", ["встрет|ректор"]),
    ("Dear {name}, your application has been accepted.", ["уважаем|дорог"]),
    ("Open settings.toml and set the language to Russian.", ["открой|откр|файл"]),
    ("The script export_terms.py writes the glossary to glossary.tbx.",
     ["скрипт|сценари|программ", "глоссари|запис|файл"]),
    ("The agreement with {partner} was signed in Shanghai.", ["соглашен"]),
    ("More than {count} students will study at SPbPU next year.", ["более|больше|студент"]),
    ("Read the report at https://spbstu.ru/report.pdf before the meeting.",
     ["доклад|отч[её]т|прочит|ознаком|адрес"]),
    ("Write to rector@spbstu.ru if you have questions about the forum.",
     ["напиш|пиш|адрес"]),
    ("The call for papers closes in March; see https://conf.spbstu.ru/cfp for details.",
     ["подробн|см|адрес"]),
    ("Function get_term_list() returns every approved term.", ["функци"]),
    ("The variable max_batch_tokens limits the size of a batch.", ["переменн"]),
    ("Download the model from https://models.spbstu.ru/en-ru and install it.",
     ["загруз|скача|модел|адрес"]),
    ("The joint laboratory of SPbPU and {partner} opened in Suzhou.", ["лаборатор|спбпу"]),
    ("Professor {name} gave a lecture on artificial intelligence.", ["профессор"]),
    ("%(count)d new laboratories will open in the technopark.", ["лаборатор|нов"]),
    ("The summer school in Harbin, https://hit.edu.cn/summer, accepts students from Russia.",
     ["харбин|школ"]),
    ("Questions about visas: visa@spbstu.ru, international office.", ["виз|вопрос"]),
    ("The seminar on {topic} will be held in Changzhou.", ["семинар"]),
    ("Use the key {0} to open the archive {1}.", ["ключ", "архив"]),
    ("The website https://jitri.cn/en describes the institute in English.", ["сайт"]),
    ("The delegation arrived on %s and left on %s.",
     ["прибы|приех|прилет", "уехал|покинул|отбыл|уеха"]),
    ("The rector of {university} signed the agreement with JITRI.", ["ректор"]),
    ("New students should read faq_2027.md and write to admission@spbstu.ru.",
     ["прочит|ознаком|студент", "напиш|пиш|адрес"]),
    ("The exhibition catalogue (https://expo.spbstu.ru/catalogue) lists 80 projects.",
     ["каталог|выставк"]),
]

_WORDS = re.compile(r"\w+")


def check_held_out() -> None:
    """No bench sentence is in the demo training corpus."""
    corpus = {line.split("\t")[0].strip() for line in
              CORPUS.read_text(encoding="utf-8").splitlines() if "\t" in line}
    overlap = [s for s, _n in SENTENCES if s in corpus]
    if overlap:
        raise SystemExit(f"bench sentences found in the training corpus: {overlap}")


def masked_sentences() -> list[Any]:
    """Each sentence masked the way the pipeline masks plain text."""
    out = []
    for sentence, near in SENTENCES:
        m = mask(sentence, [*protected_spans(sentence),
                            *((d.start, d.end) for d in find_dates(sentence))])
        if len(m.originals) != len(near):
            raise SystemExit(f"{sentence!r}: {len(m.originals)} spans found, "
                             f"{len(near)} anchors written")
        out.append(m)
    return out


def place(text: str, span: str, near: str) -> str:
    """"right", "wrong" or "no anchor" (see the module doc); "lost" if *span* is not there."""
    at = text.find(span)
    if at < 0:
        return "lost"
    anchor = re.compile(near)
    words = [w.lower() for w in _WORDS.findall(text[:at] + " " + text[at + len(span):])]
    if not any(anchor.match(w) for w in words):
        return "no anchor"
    around = ([w.lower() for w in _WORDS.findall(text[:at])][-2:]
              + [w.lower() for w in _WORDS.findall(text[at + len(span):])][:2])
    return "right" if any(anchor.match(w) for w in around) else "wrong"


def run(package: Any, settings: EngineSettings, show: bool) -> dict[str, Any]:
    masked = masked_sentences()
    route = Route(parse_lang(package.from_code), parse_lang(package.to_code), (package,))
    engine = get_engine(package, settings)
    before = [restore(t, m) for t, m in
              zip(engine.translate([m.text for m in masked]), masked, strict=True)]
    runs = {"before": before}
    for name, tokens in (("after", None), ("tokens+al", True), ("withheld", False)):
        texts, placers = translate_masked(masked, route, settings, None, tokens=tokens)
        runs[name] = [restore(t, m, p) for t, m, p in zip(texts, masked, placers, strict=True)]
    report: dict[str, Any] = {}
    for name, restored in runs.items():
        outcome: Counter[str] = Counter()
        where: Counter[str] = Counter()
        for (sentence, near), m, r in zip(SENTENCES, masked, restored, strict=True):
            for original, how, stems in zip(m.originals, r.outcomes, near, strict=True):
                judged = place(r.text, original, stems)
                outcome["lost" if judged == "lost" else how] += 1
                where[judged] += 1
            if show:
                print(f"  [{name}] {sentence}\n      -> {r.text}  {list(r.outcomes)}")
        judged = where["right"] + where["wrong"]
        report[name] = {
            "spans": sum(outcome.values()),
            **{k: outcome[k] for k in (*OUTCOMES, "lost")},
            "right": where["right"], "wrong": where["wrong"], "no_anchor": where["no anchor"],
            "right_share": round(where["right"] / judged, 2) if judged else None,
        }
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    ap.add_argument("--show", action="store_true", help="print every translation")
    args = ap.parse_args(argv)
    check_held_out()
    settings = EngineSettings.load()
    models = {"demo en-ru": find_package("en", "ru"),
              "token-free en-ru": read_package(NO_TOKENS) if NO_TOKENS.is_dir() else None}
    figures = {}
    print(f"{len(SENTENCES)} sentences, {sum(len(n) for _s, n in SENTENCES)} protected spans")
    print(f"{'model':18} {'run':9} {'kept':>5} {'aligned':>8} {'replaced':>9} {'at end':>7} "
          f"{'lost':>5} {'right':>6} {'wrong':>6} {'no anchor':>10} {'right/judged':>13}")
    for name, package in models.items():
        if package is None:
            print(f"{name}: not available")
            continue
        if args.show:
            print(name)
        figures[name] = run(package, settings, args.show)
        for when in figures[name]:
            f = figures[name][when]
            print(f"{name:18} {when:9} {f['kept']:>5} {f['aligned']:>8} {f['replaced']:>9} "
                  f"{f['end']:>7} {f['lost']:>5} {f['right']:>6} {f['wrong']:>6} "
                  f"{f['no_anchor']:>10} "
                  f"{f['right_share'] if f['right_share'] is not None else '-':>13}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
