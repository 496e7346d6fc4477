"""Bench: what loading the UI catalog costs at start-up, the old way (Babel) vs the PO reader.

One run, side by side, each in a fresh interpreter (imports included, as a user pays them),
least CPU time (user + system) of ``--repeat`` runs:

- ``babel``: Babel's read_po + write_mo + GNUTranslations (how toolkit/i18n.py loaded
  catalogs before) on the Russian UI catalog;
- ``reader``: :func:`toolkit.i18n.load_catalog` on the same file;
- ``check en`` / ``check ru``: ``python -m toolkit check`` of a small catalog with
  LANGUAGE=en (no catalog loaded) and LANGUAGE=ru (the catalog loaded for the summary).

Usage::

    python bench/i18n_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locales" / "ru" / "LC_MESSAGES" / "toolkit.po"

BABEL = f"""
import gettext, io
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
with open({str(CATALOG)!r}, "rb") as fh:
    catalog = read_po(fh, locale="ru")
buf = io.BytesIO(); write_mo(buf, catalog); buf.seek(0)
gettext.GNUTranslations(buf).gettext("Usage:")
"""
READER = f"""
from toolkit.i18n import load_catalog
load_catalog({str(CATALOG)!r}).gettext("Usage:")
"""


def best(cmd: list[str], env: dict[str, str], repeat: int) -> float:
    """Least CPU time (user + system) of the child over *repeat* runs: on a shared, loaded
    machine wall time measures the neighbours, CPU time the program."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "LANGUAGE": "en"}
    empty = best([sys.executable, "-c", "pass"], env, args.repeat)
    babel = best([sys.executable, "-c", BABEL], env, args.repeat)
    reader = best([sys.executable, "-c", READER], env, args.repeat)
    check = [sys.executable, "-m", "toolkit", "check", str(CATALOG)]
    check_en = best(check, env, args.repeat)
    check_ru = best(check, {**env, "LANGUAGE": "ru"}, args.repeat)
    print(f"catalog: {CATALOG.relative_to(ROOT)}; CPU time (user+sys), best of {args.repeat}, "
          "each in a fresh interpreter")
    print(f"  python -c pass          {empty * 1000:7.1f} ms")
    print(f"  babel load (old)        {babel * 1000:7.1f} ms  (+{(babel - empty) * 1000:.1f})")
    print(f"  reader load (new)       {reader * 1000:7.1f} ms  (+{(reader - empty) * 1000:.1f})")
    print(f"  babel / reader, above python's own start: "
          f"{(babel - empty) / max(reader - empty, 1e-9):.1f}x")
    print(f"  toolkit check, LANGUAGE=en  {check_en * 1000:7.1f} ms")
    print(f"  toolkit check, LANGUAGE=ru  {check_ru * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
