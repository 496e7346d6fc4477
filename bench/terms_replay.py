"""Glossary enforcement's own work, the model's answers replayed: instructions, not noise.

bench/terms.py times enforcement against plain translation on a shared machine, where one
pair's ratio spans 0.9-1.9 between runs. Most of that time is the model's; what is left, our
Python (term location, alignment, inflection, insertion, consistency), is what a change to
toolkit.terms moves. This script records, once, what the engine answers in a glossary-on run
of bench/terms.py's held-out sentences for one pair (every ``Engine.decode`` and
``score`` call, keyed by its input), then runs enforcement against that recording: no model
runs, the outputs are checked to be the recorded run's, and the work left is deterministic,
so it can be counted with cachegrind:

    python bench/terms_replay.py --pair zh-ru --record /tmp/zh-ru.pkl
    for n in 1 2; do PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no \\
        python bench/terms_replay.py --pair zh-ru --replay /tmp/zh-ru.pkl --runs $n; done

The second count minus the first is one enforcement run (the first pays the start-up, the
loading of pymorphy3 and the caches' first fill). ``--runs N`` without valgrind prints the CPU
time per run. A recording is only valid for the code that made it: a change that alters what
enforcement asks the model fails the replay (a missing answer) or its output check. Compile
the tree's bytecode first (``python -m compileall toolkit bench``), or the counts include it.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from terms import HELDOUT, translator_of  # noqa: E402

from toolkit.glossary import load_glossary, shipped_glossary_paths  # noqa: E402
from toolkit.mt.engine import EngineSettings  # noqa: E402
from toolkit.mt.translator import PivotTranslator  # noqa: E402
from toolkit.pipeline import protected_spans  # noqa: E402
from toolkit.terms import enforce  # noqa: E402
from toolkit.text.protect import mask, restore  # noqa: E402


def _hook(translator: Any, answers: dict[Any, Any], recording: bool) -> None:
    """Route every leg's ``engine.decode`` and ``score`` through *answers* (filled when
    *recording*, read otherwise)."""
    legs = ([translator.first, translator.second] if isinstance(translator, PivotTranslator)
            else [translator])
    for n, leg in enumerate(legs):
        engine, score = leg.engine, leg.score
        engine._load()

        def decode(batch: Any, *args: Any, _engine: Any = engine, _n: int = n,
                   **kwargs: Any) -> Any:
            key = (_n, "decode", tuple(map(tuple, batch)), args,
                   tuple(sorted((k, repr(v)) for k, v in kwargs.items())))
            if recording:
                answers[key] = type(_engine).decode(_engine, batch, *args, **kwargs)
            return answers[key]

        def scored(sources: Any, targets: Any, _score: Any = score, _n: int = n) -> Any:
            key = (_n, "score", tuple(sources), tuple(targets))
            if recording:
                answers[key] = _score(sources, targets)
            return answers[key]

        engine.decode = decode
        leg.score = scored


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pair", required=True, help="en-ru, zh-ru, ..., en-ru-notokens")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--record", type=Path, help="run the model, write its answers here")
    group.add_argument("--replay", type=Path, help="read the answers from here")
    ap.add_argument("--runs", type=int, default=1, help="enforcement runs (replay)")
    args = ap.parse_args(argv)
    glossary = load_glossary(shipped_glossary_paths())
    translator = translator_of(args.pair, EngineSettings(intra_threads=1))
    if translator is None:
        print(f"{args.pair}: model not available", file=sys.stderr)
        return 2
    src = args.pair.split("-")[0]
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()]
    masked = [mask(r["text"], protected_spans(r["text"])) for r in rows if r["lang"] == src]
    sources = [m.text for m in masked]

    def run() -> list[str]:
        done = enforce(sources, translator, glossary)
        return [restore(e.text, m).text for e, m in zip(done, masked, strict=True)]

    if args.record:
        answers: dict[Any, Any] = {}
        _hook(translator, answers, True)
        outputs = run()
        if run() != outputs:  # the second run asks what the first asked, minus the probe
            raise SystemExit("enforcement is not deterministic: nothing to replay")
        args.record.write_bytes(pickle.dumps((answers, outputs)))
        print(f"{args.record}: {len(answers)} model calls, {len(outputs)} sentences")
        return 0
    answers, outputs = pickle.loads(args.replay.read_bytes())
    _hook(translator, answers, False)
    for k in range(args.runs):
        start = time.process_time()
        if run() != outputs:
            raise SystemExit("the replayed run's output differs from the recorded one")
        if k:  # the first run pays the loading
            print(f"run {k + 1}: {1000 * (time.process_time() - start):.1f} ms CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
