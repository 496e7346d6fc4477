"""Engine threads by job size, side by side: the same jobs under three thread settings.

- ``all cores``: one worker using every core (``inter_threads=1, intra_threads=0``), the
  default until now and what an explicit ``TOOLKIT_THREADS=0`` still gives;
- ``1 thread``:  one worker, one thread (``TOOLKIT_THREADS=1``);
- ``by job``:    the default now (:meth:`EngineSettings.threads`): a worker per core (at most
  4), one thread each; a small job is one batch on one thread, a large one a batch per worker.

Jobs: 200 single-sentence calls (``translate_sentences`` per string, as an editor plug-in or a
catalog fill of one entry calls it), a 30-sentence document and a 1,000-paragraph document
(``translate_text``). Each row: median wall time of --repeat paired rounds (the settings
alternate inside a round), as a ratio to ``by job``, whether the output is byte-identical to
``by job``'s, and the peak resident memory of a process that loads the model under that setting
and translates the 1,000-paragraph document (a separate process per setting).

Run:  nice -n 19 python bench/threads.py [--pair en-ru] [--repeat 3]
The machine is shared: only the ratios mean anything.

Measured 2026-12-02, en-ru demo, 2 cores (by job = 2 workers x 1 thread),
``python bench/threads.py --repeat 3``; time / by job's:

==============================  =================  =================
job                             all cores          1 thread
==============================  =================  =================
at load 0.7 (quiet), 07:58 UTC
200 single-sentence calls       2.67x              1.05x
one 30-sentence document        2.13x              2.06x
one 1,000-paragraph document    1.25x              1.49x
at load 6-10 (other jobs), 07:15 UTC
200 single-sentence calls       2.16x              0.99x
one 30-sentence document        0.66x              1.09x
one 1,000-paragraph document    0.85x              1.13x
==============================  =================  =================

Outputs byte-identical, peak memory 347-364 MB under every setting. On a quiet machine the
choice by job size is the fastest for every job (a 1,000-paragraph document in 0.80 of the
all-cores time, 0.67 of one thread's); when other processes already use the cores, a second
worker competes with them and documents ran faster on all cores. The default stays by job:
users translate on their own machines, mostly quiet.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from toolkit.langs import parse_lang
from toolkit.mt.engine import EngineSettings
from toolkit.mt.store import find_package
from toolkit.pipeline import Route, translate_sentences, translate_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from translate import corpus  # noqa: E402  (bench/translate.py: the demo corpus sentences)

SETTINGS = {
    "all cores": EngineSettings(inter_threads=1, intra_threads=0),
    "1 thread": EngineSettings(inter_threads=1, intra_threads=1),
    "by job": EngineSettings(),
}


def paired(repeat: int, runs: dict[str, Callable[[], object]]
           ) -> tuple[dict[str, float], dict[str, object]]:
    """Median wall time of each run over *repeat* rounds (alternating), and its last output."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    outputs: dict[str, object] = {}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            outputs[name] = run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}, outputs


PEAK = """
import resource, sys, json
from toolkit.mt.engine import EngineSettings
from toolkit.pipeline import translate_text
inter, intra, src, tgt = json.loads(sys.argv[1])
text = sys.stdin.read()
translate_text(text, src, tgt, settings=EngineSettings(inter_threads=inter, intra_threads=intra))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory_mb(settings: EngineSettings, src: str, tgt: str, text: str) -> float:
    """Peak RSS (MB) of a fresh process translating *text* under *settings*."""
    out = subprocess.run([sys.executable, "-c", PEAK, json.dumps(
        [settings.inter_threads, settings.intra_threads, src, tgt])], input=text, text=True,
        capture_output=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pair", default="en-ru")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    src, tgt = args.pair.split("-")
    package = find_package(src, tgt)
    if package is None:
        raise SystemExit(f"no package for {args.pair}")
    route = Route(parse_lang(src), parse_lang(tgt), (package,))
    rng = random.Random(11)
    pool = corpus(src)
    rng.shuffle(pool)
    sep = "" if src == "zh" else " "
    singles = pool[:200]
    short_doc = "\n\n".join(sep.join(pool[200 + i:204 + i]) for i in range(0, 32, 4))
    paragraphs = [sep.join(rng.sample(pool, rng.randint(2, 5))) for _ in range(1000)]
    long_doc = "\n\n".join(paragraphs)
    for settings in SETTINGS.values():  # load every model outside the timings
        translate_text(pool[0], src, tgt, settings=settings)
    print(f"package {package.name}, {SETTINGS['by job'].threads()} (inter, intra) by job on "
          f"this machine, median of {args.repeat} paired rounds; ratio = time / by job's")
    jobs: dict[str, Callable[[EngineSettings], object]] = {
        "200 single-sentence calls": lambda s: [
            translate_sentences([x], route, settings=s)[0] for x in singles],
        "one 30-sentence document": lambda s: translate_text(short_doc, src, tgt,
                                                             settings=s).text,
        "one 1,000-paragraph document": lambda s: translate_text(long_doc, src, tgt,
                                                                 settings=s).text,
    }
    for job, run in jobs.items():
        medians, outputs = paired(args.repeat, {
            name: (lambda s=s, run=run: run(s)) for name, s in SETTINGS.items()})
        base = medians["by job"]
        cells = [f"{name} {medians[name]:.2f}s ({medians[name] / base:.2f}x"
                 f"{'' if outputs[name] == outputs['by job'] else ', OUTPUT DIFFERS'})"
                 for name in SETTINGS]
        print(f"{job}: " + "; ".join(cells))
    memory = {name: peak_memory_mb(s, src, tgt, long_doc) for name, s in SETTINGS.items()}
    print("peak memory translating the 1,000-paragraph document: " + "; ".join(
        f"{name} {mb:.0f} MB" for name, mb in memory.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
