"""The engine's chunked job (progress, Ctrl-C) next to ONE translate_batch over the same sorted
pieces: time ratio and whether the texts are identical. One run, alternating, best of --repeat.

Run:  python bench/chunks.py [--pair en-ru] [--sentences 800] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from translate import corpus  # noqa: E402  (bench/translate.py: the demo corpus sentences)

from toolkit.mt.engine import EngineSettings, get_engine  # noqa: E402
from toolkit.mt.store import find_package  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pair", default="en-ru")
    parser.add_argument("--sentences", type=int, default=800)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    src, dst = args.pair.split("-")
    engine = get_engine(find_package(src, dst), EngineSettings())
    sentences = corpus(src)[:args.sentences]
    engine._load()
    pieces = sorted(engine.tokenize(sentences), key=len)
    options = dict(max_batch_size=engine.settings.max_batch_tokens, batch_type="tokens",
                   beam_size=engine.settings.beam_size, max_input_length=0,
                   max_decoding_length=max(32, 3 * len(pieces[-1]) + 16))
    steps: list[int] = []
    runs = {
        "one translate_batch": lambda: [r.hypotheses[0] for r in
                                        engine._translator.translate_batch(pieces, **options)],
        "chunked (no progress)": lambda: engine._run(pieces, dict(options), None),
        "chunked (progress)": lambda: engine._run(pieces, dict(options),
                                                  lambda done, total: steps.append(done)),
    }
    best = dict.fromkeys(runs, float("inf"))
    outputs = {}
    for _ in range(args.repeat):
        for name, run in runs.items():
            steps.clear()
            start = time.perf_counter()
            outputs[name] = run()
            best[name] = min(best[name], time.perf_counter() - start)
    base = best["one translate_batch"]
    for name in runs:
        same = outputs[name] == outputs["one translate_batch"]
        print(f"{name:24} {best[name]:6.2f} s  {best[name] / base:.3f}x  identical={same}")
    print(f"progress reports per job: {len(steps)} ({len(pieces)} sentences)")


if __name__ == "__main__":
    main()
