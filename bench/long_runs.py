"""Long unbroken runs: time and output of the toolkit's cut against the alternatives, one run.

Cases (demo models, medians of paired runs):

- a 3,000-letter Latin run inside a sentence (en->ru): copied verbatim (pipeline, today) vs
  sent to the model in position-limit chunks (what the toolkit did before: made-up text);
- the 64 held-out Chinese sentences of bench/terms.py with every punctuation mark and space
  taken out (one unbroken run, zh->en): cut into CHUNK_PIECES-piece chunks (today) vs
  position-limit chunks only (before) vs the sentences as written (the reference).

Run:  python bench/long_runs.py [repeats]
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

import toolkit.mt.engine as engine_module
from toolkit.pipeline import translate_text

REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
_HELD = Path(__file__).resolve().parent / "data" / "terms_heldout.jsonl"
ZH_PUNCTUATED = "".join(row["text"] for row in map(json.loads, _HELD.open(encoding="utf-8"))
                        if row["lang"] == "zh")
"""The held-out Chinese sentences of bench/terms.py (all different: no duplicate is free)."""
ZH_RUN = re.sub(r"[\s。，、：；！？（）“”《》.,:;!?()]", "", ZH_PUNCTUATED)
"""The same characters with every punctuation mark and space taken out: one unbroken run."""
LATIN = "The forum " + "abc" * 1000 + " opened today."


def timed(text: str, src: str, tgt: str, **patch: object) -> tuple[float, str]:
    saved = {k: getattr(engine_module, k) for k in patch}
    for k, v in patch.items():
        setattr(engine_module, k, v)
    try:
        start = time.perf_counter()
        out = translate_text(text, src, tgt).text
        return time.perf_counter() - start, out
    finally:
        for k, v in saved.items():
            setattr(engine_module, k, v)


def latin_through_model() -> tuple[float, str]:
    """The run sent to the engine as the toolkit did before (no copy, position chunks)."""
    from toolkit.mt.engine import get_engine
    from toolkit.mt.store import find_package

    engine = get_engine(find_package("en", "ru"))  # type: ignore[arg-type]
    saved = engine_module.RUN_PIECES
    engine_module.RUN_PIECES = 10**9
    try:
        start = time.perf_counter()
        out = engine.translate([LATIN])[0]
        return time.perf_counter() - start, out
    finally:
        engine_module.RUN_PIECES = saved


def main() -> None:
    translate_text("Warm up.", "en", "ru")
    translate_text("热身。", "zh", "en")
    cases = {
        "latin run, copied (now)": lambda: timed(LATIN, "en", "ru"),
        "latin run, to the model (before)": latin_through_model,
        "zh run, CHUNK_PIECES chunks (now)": lambda: timed(ZH_RUN, "zh", "en"),
        "zh run, position chunks (before)": lambda: timed(ZH_RUN, "zh", "en",
                                                          RUN_PIECES=10**9),
        "zh punctuated (reference)": lambda: timed(ZH_PUNCTUATED, "zh", "en"),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    words: dict[str, int] = {}
    for _ in range(REPEATS):
        for name, run in cases.items():  # paired: every case once per round
            seconds, out = run()
            times[name].append(seconds)
            words[name] = len(out.split())
    median = {name: statistics.median(t) for name, t in times.items()}
    for name in cases:
        print(f"{name:36} {median[name]:6.2f} s  {words[name]:5} words out")
    ratio = median["latin run, to the model (before)"] / median["latin run, copied (now)"]
    print(f"latin: before/now time ratio {ratio:.1f}x")
    ref = "zh punctuated (reference)"
    for name in ("zh run, CHUNK_PIECES chunks (now)", "zh run, position chunks (before)"):
        print(f"{name}: time {median[name] / median[ref]:.2f}x, words "
              f"{words[name] / words[ref]:.2f}x of the punctuated text")


if __name__ == "__main__":
    main()
