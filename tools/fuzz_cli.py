"""Fuzz the toolkit CLI: N mutated inputs per format, counts of exit codes and tracebacks.

The same seeded mutator and the same commands as the in-suite test (tests/fuzz/), only more
inputs. Inputs are numbered from 0, so the suite's inputs are the first ones here.

    python tools/fuzz_cli.py                        # 3,000 inputs per format, seed 0
    python tools/fuzz_cli.py -n 500 --family po --save-crashes /tmp/crashes
    python tools/fuzz_cli.py --family text --index 123    # rerun one input, show its traceback
    python tools/fuzz_cli.py --family text --start 1500 -n 1500   # the second half of 3,000

Exit code: 0 when every input ended with exit code 0/1/2 and no traceback, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
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
    parser.add_argument("--start", type=int, default=0,
                        help="skip the inputs before number START (to split a run into "
                             "shards: --start 1000 -n 1000 runs inputs 1000-1999)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="CPU seconds one input may take (default 60)")
    parser.add_argument("--json", metavar="FILE",
                        help="also write the counts per family to FILE (JSON), to add up "
                             "shards")
    parser.add_argument("--save-crashes", metavar="DIR",
                        help="write each crashing input and its command line here")
    parser.add_argument("--jobs", type=int, default=1,
                        help="split each family into this many shards run as parallel "
                             "processes, then add up their counts (default 1)")
    args = parser.parse_args(argv)
    if args.jobs > 1 and args.index is None:
        return _run_sharded(args, argv if argv is not None else sys.argv[1:])

    # No developer's models, config or UI language leak into the run.
    os.environ["ARGOS_PACKAGES_DIR"] = tempfile.mkdtemp(prefix="fuzz-argos-")
    os.environ["LANGUAGE"] = "en"
    families = args.family or list(FAMILIES)
    root = Path(tempfile.mkdtemp(prefix="toolkit-fuzz-"))
    os.chdir(root)
    failed = False
    summary: list[dict[str, object]] = []
    try:
        for family in families:
            failed |= _run_family(family, args, root, summary)
            if args.json:
                Path(args.json).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(os.environ["ARGOS_PACKAGES_DIR"], ignore_errors=True)
    return 1 if failed else 0


def _run_sharded(args: argparse.Namespace, argv: list[str]) -> int:
    """Run every family in *args.jobs* shards (child processes of this script) and print the
    counts added up. The inputs are the same as one process's: shard k runs its slice."""
    import subprocess

    families = args.family or list(FAMILIES)
    size = -(-args.n // args.jobs)
    keep = _without(argv, {"--jobs", "-n", "--start", "--json", "--family"})
    out = Path(tempfile.mkdtemp(prefix="fuzz-shards-"))
    procs = []
    for family in families:
        for k in range(args.jobs):
            start, n = args.start + k * size, min(size, args.n - k * size)
            if n <= 0:
                continue
            cmd = [sys.executable, __file__, *keep, "--family", family, "--start", str(start),
                   "-n", str(n), "--json", str(out / f"{family}-{k}.json")]
            procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL))
    for proc in procs:
        proc.wait()
    failed = False
    total: list[dict[str, object]] = []
    for family in families:
        parts = [r for f in sorted(out.glob(f"{family}-*.json"))
                 for r in json.loads(f.read_text(encoding="utf-8"))]
        exits: collections.Counter[str] = collections.Counter()
        problems: dict[str, list[int]] = collections.defaultdict(list)
        for part in parts:
            exits.update(part["exit_codes"])
            for problem, indexes in part["problems"].items():
                problems[problem] += indexes
        inputs = sum(p["inputs"] for p in parts)
        slow = len(problems.get("timeout", ()))
        crashes = sum(len(v) for v in problems.values()) - slow
        print(f"{family}: {inputs} inputs, {crashes} with a traceback or bad exit code, {slow} "
              f"over {args.timeout:g} CPU seconds (seed {args.seed}, {len(parts)} shards)")
        print("  exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(exits.items())))
        anonymous = sum(int(p["errors_without_file"]) for p in parts)
        if anonymous:
            print(f"  exit 2 whose error does not name the input file: {anonymous}")
        for problem, indexes in sorted(problems.items(), key=lambda kv: -len(kv[1])):
            shown = ", ".join(str(i) for i in sorted(indexes)[:8])
            print(f"  {len(indexes):5d}  {problem}\n         inputs #{shown}")
        failed |= bool(problems)
        total.append({"family": family, "inputs": inputs, "exit_codes": dict(exits),
                      "problems": problems})
    if args.json:
        Path(args.json).write_text(json.dumps(total, indent=1), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    return 1 if failed else 0


def _without(argv: list[str], options: set[str]) -> list[str]:
    """*argv* without *options* and their values."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in options:
            skip = True
        elif arg.split("=", 1)[0] not in options:
            out.append(arg)
    return out


def _run_family(family: str, args: argparse.Namespace, root: Path,
                summary: list[dict[str, object]]) -> bool:
    first = args.index if args.index is not None else args.start
    count_wanted = 1 if args.index is not None else args.n
    todo = itertools.islice(cases(family, first + count_wanted, args.seed), first, None)
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
    summary.append({"family": family, "seed": args.seed, "start": first, "inputs": count,
                    "exit_codes": dict(exits), "cpu_limit": args.timeout,
                    "problems": {k: [i for i, _ in v] for k, v in problems.items()},
                    "errors_without_file": sum(anonymous.values()),
                    "errors_without_line": no_line})
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
