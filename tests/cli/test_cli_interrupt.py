"""A running translation: Ctrl-C (the real CLI in a subprocess, sent SIGINT) and progress."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "tools" / "demo_corpus" / "en-ru.tsv"


def _threads(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


def test_ctrl_c_stops_at_once_exit_130_nothing_left(tmp_path: Path) -> None:
    lines = [line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines()
             if "\t" in line and "｟" not in line]
    source = tmp_path / "in.txt"
    source.write_text("\n\n".join(lines[:1500]), encoding="utf-8")  # half a minute of work
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "translate", str(source), "--from", "en", "--to",
         "ru", "-o", str(tmp_path / "out.txt")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "TOOLKIT_THREADS": "1"},
        # a shell starts background jobs with SIGINT ignored and the child would inherit that;
        # a user's Ctrl-C reaches a process whose SIGINT is at its default
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        while _threads(proc.pid) < 2 and time.monotonic() < deadline:  # the model is running
            if proc.poll() is not None:  # it died before the model ran: say why now, not in 60 s
                break
            time.sleep(0.05)
        time.sleep(1.0)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        _out, err = proc.communicate(timeout=20)
        stopped = time.monotonic() - sent
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Aborted!" not in err
    assert err.strip().splitlines()[-1] == "toolkit: interrupted"
    assert stopped < 5, stopped  # not after the job (about 30 s here): at once
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]  # no output, no temp files


def test_progress_bar_starts_with_the_model_and_knows_the_length(progress_bars) -> None:
    """The bar was made (length 1) before reading and loading the model, so its first step
    counted that time per sentence: an ETA of hours, then a jump to 100 %."""
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    made = progress_bars
    lines = [line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines()
             if "\t" in line and "｟" not in line][:40]
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru"],
                                input="\n\n".join(lines))
    assert result.exit_code == 0, result.output
    assert len(made) == 1 and made[0]["length"] == len(set(lines))
