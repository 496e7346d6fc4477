"""Mutated .po, TBX, CSV and text fed to the real CLI: exit code 0, 1 or 2, never a traceback.

A fixed seed makes the inputs the same on every run: they are the first inputs
``tools/fuzz_cli.py`` runs (which runs thousands). ``TOOLKIT_FUZZ_N`` sets the number per
family (default: a few seconds' worth in all).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fuzz_mutate import FAMILIES, Case, cases
from fuzz_run import TRACEBACK, command_for, run_case

SEED = 0
#: Inputs per family by default: the families' commands differ in cost (translate loads models).
DEFAULT_N = {"po": 30, "tbx": 30, "csv": 40, "text": 15, "tmx": 20, "config": 15,
             "archive": 8}

def _n(family: str) -> int:
    return int(os.environ.get("TOOLKIT_FUZZ_N") or DEFAULT_N[family])


@pytest.mark.parametrize("family", FAMILIES)
def test_mutated_inputs_exit_0_1_2_without_traceback(family: str, tmp_path: Path) -> None:
    failures = []
    for case in cases(family, _n(family), SEED):
        outcome = run_case(case, tmp_path / str(case.index), timeout=60)
        if not outcome.ok:
            failures.append(f"{case.describe()}\n  toolkit {' '.join(outcome.argv)}\n"
                            f"  -> {outcome.problem}\n{outcome.traceback}")
    assert not failures, (f"{len(failures)} of {_n(family)} mutated {family} inputs crashed "
                          f"(rerun one: python tools/fuzz_cli.py --family {family} "
                          f"--index N):\n" + "\n".join(failures[:5]))


def _first_error(family: str, tmp_path: Path) -> Case:
    for case in cases(family, _n(family), SEED):
        outcome = run_case(case, tmp_path / f"{family}-{case.index}")
        if outcome.exit_code == 2 and list(outcome.argv) == command_for(
                case, tmp_path / f"{family}-{case.index}")[0].argv:
            return case
    pytest.fail(f"no {family} input among the first {_n(family)} is an error")


@pytest.mark.parametrize("family", ["tbx", "text"])
def test_error_path_in_a_real_process_prints_one_line(family: str, tmp_path: Path) -> None:
    """A real process (not click's runner), for the first input of the family that is an
    error: exit 2, the one-line error last on stderr, no traceback."""
    case = _first_error(family, tmp_path)
    step = command_for(case, tmp_path / f"{family}-{case.index}-process")[0]
    env = {**os.environ, "LANGUAGE": "en", "NO_COLOR": "1", **step.env}
    proc = subprocess.run([sys.executable, "-m", "toolkit", *step.argv], input=step.stdin,
                          capture_output=True, env=env, timeout=120)
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (case.describe(), stderr)
    assert TRACEBACK not in stderr, (case.describe(), stderr)
    assert stderr.strip().splitlines()[-1].startswith("toolkit: error: "), stderr
