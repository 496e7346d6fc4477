"""Kill -9 loop: start real toolkit writes, SIGKILL them at random moments, count the damage.

    python tools/kill_loop.py --kills 150 --seed 1          # ~5-10 minutes on 2 cores
    python tools/kill_loop.py --kills 30 --keep /tmp/kl     # keep the work dir to look at

Three writes, in turn, each through the real CLI (``python -m toolkit``) in its own process:

* ``translate IN -o OUT --force``: an excerpt of the bundled press release, en->ru, replacing
  an earlier (identical) translation;
* ``glossary add``: a new term into a CSV and a TBX glossary that grow with every run;
* ``models install``: an archive built from the bundled en->ru demo package, replacing its
  earlier install (``ARGOS_PACKAGES_DIR`` in the work dir).

Each process is killed after a random delay: half uniform over the command's measured run
time, half in its last third (where the writing happens). Counted:

* kills: processes that were still running when SIGKILL was sent;
* torn targets, checked after every kill: OUT not byte-identical to the complete translation;
  a glossary that does not parse or lacks a term whose ``add`` had exited 0; an installed
  package dir that differs from the archive; a package lost altogether (none installed);
* stray temp entries (toolkit temp files ``*toolkit-tmp-*``, install work dirs, older
  ``.NAME.XXXXXXXX.tmp`` names, ``.NAME.lock`` files) in the work dirs: the most seen after a
  kill, after the last kill, and after one more complete write of each kind (the next write
  to a place sweeps what killed writers left there).

Run it against another checkout by putting it first on PYTHONPATH (the child processes
inherit it), e.g. to compare with an older commit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "toolkit" / "data" / "models" / "translate-en_ru-demo"
EXAMPLE = REPO / "examples" / "press-release.en.md"
PACKAGE = "translate-en_ru-1_0"
STRAY = re.compile(r"toolkit-tmp-|^\..+\.[0-9a-z_]{8}\.tmp$|^\..+\.lock$")


def toolkit(*args: str) -> list[str]:
    return [sys.executable, "-m", "toolkit", *args]


def build_archive(work: Path) -> tuple[Path, dict[str, str]]:
    """An .argosmodel of the bundled demo package as a normal en->ru 1.0 package; its files'
    sha256 by path inside the package."""
    archive = work / f"{PACKAGE}.argosmodel"
    digests = {}
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(DEMO.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(DEMO).as_posix()
            data = path.read_bytes()
            if rel == "metadata.json":
                meta = json.loads(data)
                meta.update(package_version="1.0", demo=False)
                data = json.dumps(meta, ensure_ascii=False, indent=2).encode()
            zf.writestr(f"{PACKAGE}/{rel}", data)
            digests[rel] = hashlib.sha256(data).hexdigest()
    return archive, digests


def tree_digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Loop:
    def __init__(self, work: Path, rng: random.Random) -> None:
        self.work, self.rng = work, rng
        self.packages = work / "packages"
        self.env = {**os.environ, "ARGOS_PACKAGES_DIR": str(self.packages),
                    "TOOLKIT_THREADS": "1"}
        self.src, self.out = work / "in.en.md", work / "out.ru.md"
        self.glossaries = [work / "terms.csv", work / "terms.tbx"]
        self.confirmed: dict[Path, set[str]] = {g: set() for g in self.glossaries}
        self.next_term = 0
        self.pending: tuple[Path, str] | None = None
        self.archive, self.package_files = build_archive(work)
        lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
        self.src.write_text("".join(lines[:12]), encoding="utf-8")
        helptext = subprocess.run(toolkit("translate", "--help"), env=self.env,
                                  capture_output=True, text=True).stdout
        self.force = ["--force"] if "--force" in helptext else []  # older checkouts: none
        self.duration: dict[str, float] = {}
        self.expected_out = b""
        self.stats = {"kills": 0, "completed": 0, "torn": 0, "lost_package": 0,
                      "max_stray_after_kill": 0, "kills_by_kind": {}, "torn_examples": []}

    # ---------------------------------------------------------------- the three writes

    def command(self, kind: str) -> list[str]:
        if kind == "translate":
            return toolkit("translate", str(self.src), "--from", "en", "--to", "ru",
                           "--no-glossary", "-o", str(self.out), *self.force)
        if kind == "glossary":
            path = self.glossaries[self.next_term % 2]
            concept = f"k{self.next_term}"
            self.next_term += 1
            self.pending = (path, concept)
            return toolkit("glossary", "add", str(path), concept, "en", f"Term {concept}")
        return toolkit("models", "install", str(self.archive))

    def run_to_end(self, kind: str) -> float:
        started = time.monotonic()
        proc = subprocess.run(self.command(kind), env=self.env, capture_output=True)
        if proc.returncode != 0:
            raise SystemExit(f"{kind} failed: {proc.stderr.decode(errors='replace')}")
        self.after_success(kind)
        return time.monotonic() - started

    def after_success(self, kind: str) -> None:
        if kind == "glossary" and self.pending:
            self.confirmed[self.pending[0]].add(self.pending[1])

    # ---------------------------------------------------------------- checks

    def torn(self, kind: str) -> str | None:
        if kind == "translate":
            data = self.out.read_bytes() if self.out.exists() else None
            return None if data == self.expected_out else f"OUT: {len(data or b'')} bytes"
        if kind == "glossary":
            from toolkit.errors import ToolkitError
            from toolkit.glossary import read_glossary_file

            for path in self.glossaries:
                try:
                    ids = {c.id for c in read_glossary_file(path).concepts}
                except (ToolkitError, OSError, ValueError) as exc:
                    return f"{path.name}: unreadable: {exc}"
                lost = self.confirmed[path] - ids
                if lost:
                    return f"{path.name}: lost {sorted(lost)}"
            return None
        installed = [p for p in self.packages.iterdir() if not p.name.startswith(".")]
        if not installed:
            self.stats["lost_package"] += 1
            return "no package installed"
        for folder in installed:
            if folder.name != PACKAGE or tree_digests(folder) != self.package_files:
                return f"package dir {folder.name} differs from the archive"
        return None

    def strays(self) -> list[str]:
        found = []
        for folder in (self.work, self.packages):
            found += [f"{folder.name}/{p.name}" for p in folder.iterdir()
                      if STRAY.search(p.name)]
        return found

    # ---------------------------------------------------------------- the loop

    def setup(self) -> None:
        self.packages.mkdir()
        for _ in range(2):  # each glossary created, then edited in place
            self.run_to_end("glossary")
        self.duration["glossary"] = min(self.run_to_end("glossary") for _ in range(2))
        self.duration["translate"] = self.run_to_end("translate")
        self.expected_out = self.out.read_bytes()
        self.duration["translate"] = min(self.duration["translate"],
                                         self.run_to_end("translate"))
        self.duration["install"] = min(self.run_to_end("install") for _ in range(2))
        for kind in ("translate", "glossary", "install"):
            problem = self.torn(kind)
            if problem:
                raise SystemExit(f"setup: {problem}")

    def one(self, kind: str) -> None:
        cmd = self.command(kind)
        full = self.duration[kind]
        delay = self.rng.uniform(0, full) if self.rng.random() < 0.5 \
            else self.rng.uniform(0.67 * full, 1.05 * full)
        proc = subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            self.stats["kills"] += 1
            by_kind = self.stats["kills_by_kind"]
            by_kind[kind] = by_kind.get(kind, 0) + 1
        else:
            self.stats["completed"] += 1
            if proc.returncode == 0:
                self.after_success(kind)
        problem = self.torn(kind)
        if problem:
            self.stats["torn"] += 1
            if len(self.stats["torn_examples"]) < 5:
                self.stats["torn_examples"].append(f"{kind}: {problem}")
            self.repair(kind)
        self.stats["max_stray_after_kill"] = max(self.stats["max_stray_after_kill"],
                                                 len(self.strays()))

    def repair(self, kind: str) -> None:
        """Put a broken target back, so later checks count new damage only."""
        if kind == "translate":
            self.out.write_bytes(self.expected_out)
        elif kind == "install":
            self.run_to_end("install")

    def main(self, kills: int) -> dict:
        self.setup()
        kinds = ("translate", "glossary", "install")
        attempts = 0
        while self.stats["kills"] < kills and attempts < 4 * kills:
            self.one(kinds[attempts % 3])
            attempts += 1
        self.stats["attempts"] = attempts
        self.stats["stray_after_last_kill"] = self.strays()
        for kind in kinds:
            self.run_to_end(kind)
        self.stats["stray_after_next_writes"] = self.strays()
        self.stats["terms_confirmed"] = sum(len(v) for v in self.confirmed.values())
        self.stats["duration_s"] = {k: round(v, 2) for k, v in self.duration.items()}
        return self.stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=150, help="SIGKILLs to deliver")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work here and keep it (default: a temp dir)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kill-loop-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        stats = Loop(work, random.Random(args.seed)).main(args.kills)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(stats, ensure_ascii=False, indent=2))
    print(f"kills {stats['kills']} (of {stats['attempts']} runs), torn targets "
          f"{stats['torn']}, stray temp entries: at most {stats['max_stray_after_kill']} "
          f"after a kill, {len(stats['stray_after_last_kill'])} after the last kill, "
          f"{len(stats['stray_after_next_writes'])} after one more write of each kind")


if __name__ == "__main__":
    main()
