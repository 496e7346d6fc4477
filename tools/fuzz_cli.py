"""Fuzz the toolkit CLI: N mutated inputs per format, counts of exit codes and tracebacks.

The same seeded mutator and the same commands as the in-suite test (tests/fuzz/), only more
inputs. Inputs are numbered from 0, so the suite's inputs are the first ones here.

    python tools/fuzz_cli.py                        # 3,000 inputs per format, seed 0
    python tools/fuzz_cli.py -n 500 --family po --save-crashes /tmp/crashes
    python tools/fuzz_cli.py --family text --index 123    # rerun one input, show its traceback

Exit code: 0 when every input ended with exit code 0/1/2 and no traceback, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "fuzz"))

from fuzz_mutate import FAMILIES, Case, cases  # noqa: E402
from fuzz_run import Outcome, input_name, run_case  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3000, help="inputs per format (default 3000)")
    parser.add_argument("--seed", type=int, default=0, help="mutator seed (default 0)")
    parser.add_argument("--family", action="append", choices=FAMILIES,
                        help="only this input format (repeatable; default: all)")
    parser.add_argument("--index", type=int, help="run only input number INDEX, verbosely")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="CPU seconds one input may take (default 60)")
    parser.add_argument("--save-crashes", metavar="DIR",
                        help="write each crashing input and its command line here")
    args = parser.parse_args(argv)

    # No developer's models, config or UI language leak into the run.
    os.environ["ARGOS_PACKAGES_DIR"] = tempfile.mkdtemp(prefix="fuzz-argos-")
    os.environ["LANGUAGE"] = "en"
    families = args.family or list(FAMILIES)
    root = Path(tempfile.mkdtemp(prefix="toolkit-fuzz-"))
    os.chdir(root)
    failed = False
    try:
        for family in families:
            failed |= _run_family(family, args, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(os.environ["ARGOS_PACKAGES_DIR"], ignore_errors=True)
    return 1 if failed else 0


def _run_family(family: str, args: argparse.Namespace, root: Path) -> bool:
    todo = cases(family, (args.index + 1) if args.index is not None else args.n, args.seed)
    if args.index is not None:
        todo = itertools.islice(todo, args.index, None)
    count = 0
    exits: collections.Counter[str] = collections.Counter()
    problems: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    no_line = 0
    anonymous: collections.Counter[str] = collections.Counter()
    slowest = (0.0, -1)
    start = time.perf_counter()
    for case in todo:
        count += 1
        work = root / f"{family}-{case.index}"
        work.mkdir()
        outcome = run_case(case, work, timeout=args.timeout)
        exits[str(outcome.exit_code)] += 1
        if outcome.error_line == "":
            no_line += 1
        elif outcome.error_line and input_name(case) not in outcome.error_line \
                and "<stdin>" not in outcome.error_line:
            anonymous[_shape(outcome.error_line)] += 1
        slowest = max(slowest, (outcome.seconds, case.index))
        if not outcome.ok:
            problems[outcome.problem or "?"].append((case.index, " ".join(outcome.argv)))
            if args.save_crashes:
                _save(Path(args.save_crashes), case, outcome)
        if args.index is not None:
            print(case.describe())
            print("argv:", " ".join(outcome.argv))
            print("exit:", outcome.exit_code, "problem:", outcome.problem)
            print(outcome.traceback)
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - start
    slow = len(problems.get("timeout", ()))
    crashes = sum(len(v) for v in problems.values()) - slow
    print(f"{family}: {count} inputs, {crashes} with a traceback or bad exit code, "
          f"{slow} over {args.timeout:g} CPU seconds ({elapsed:.1f} s, slowest "
          f"#{slowest[1]} {slowest[0]:.2f} s, seed {args.seed})")
    print("  exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(exits.items())))
    if no_line:
        print(f"  exit 2 without a `toolkit: error:` line: {no_line}")
    if anonymous:
        print(f"  exit 2 whose error does not name the input file: {sum(anonymous.values())}")
        for shape, n in anonymous.most_common(6):
            print(f"  {n:5d}  {shape}")
    for problem, where in sorted(problems.items(), key=lambda kv: -len(kv[1])):
        indexes = ", ".join(str(i) for i, _ in where[:8])
        print(f"  {len(where):5d}  {problem}")
        print(f"         inputs #{indexes}{' ...' if len(where) > 8 else ''}; "
              f"e.g. toolkit {where[0][1]}")
    sys.stdout.flush()
    return bool(problems)


def _shape(line: str) -> str:
    """An error line with paths, quoted values and numbers blanked, to group alike errors."""
    line = re.sub(r"/\S+", "PATH", line)
    line = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", line)
    return re.sub(r"\d+", "N", line)[:150]


def _save(folder: Path, case: Case, outcome: Outcome) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{case.family}-{case.index}"
    (folder / f"{name}{case.seed.suffix}").write_bytes(case.data)
    (folder / f"{name}.txt").write_text(
        f"{case.describe()}\ntoolkit {' '.join(outcome.argv)}\n\n{outcome.traceback}",
        encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
