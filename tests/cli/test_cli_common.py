"""Shared CLI behaviour: a closed pipe ends a command quietly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "press-release.ru.md"


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    big = tmp_path / "big.md"  # far more output than a pipe buffer holds
    big.write_text(EXAMPLE.read_text(encoding="utf-8") * 60, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "glossary", "find", str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Broken pipe" not in err and "Traceback" not in err
