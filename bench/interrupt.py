"""Ctrl-C during `toolkit translate`: how long after SIGINT the process is gone, next to how
long the same translation takes when left alone (one run, same input, same machine).

Run:  python bench/interrupt.py [--sentences 1500] [--after 2.0]
Prints both times, their ratio, the exit code and stray files (there should be none).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tools" / "demo_corpus" / "en-ru.tsv"


def _command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "toolkit", "translate", str(folder / "in.txt"), "--from",
            "en", "--to", "ru", "-o", str(folder / "out.txt")]


def _threads(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=1500)
    parser.add_argument("--after", type=float, default=2.0,
                        help="seconds after the model starts before SIGINT")
    args = parser.parse_args()
    lines = [line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines()
             if "\t" in line and "｟" not in line][:args.sentences]
    env = {**os.environ, "TOOLKIT_THREADS": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in.txt").write_text("\n\n".join(lines), encoding="utf-8")
        start = time.monotonic()
        subprocess.run(_command(folder), env=env, check=True, capture_output=True)
        whole = time.monotonic() - start
        (folder / "out.txt").unlink()
        proc = subprocess.Popen(_command(folder), env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        while _threads(proc.pid) < 2:
            time.sleep(0.02)
        time.sleep(args.after)
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        _out, err = proc.communicate()
        stopped = time.monotonic() - sent
        stray = sorted(p.name for p in folder.iterdir() if p.name != "in.txt")
    print(f"{len(lines)} sentences; whole translation {whole:.1f} s; SIGINT after "
          f"{args.after:.1f} s of model work -> gone in {stopped:.2f} s "
          f"({whole / stopped:.0f}x sooner than the job's end); exit {proc.returncode}; "
          f"stderr {err.strip().splitlines()[-1:]}; stray files {stray}")


if __name__ == "__main__":
    main()
