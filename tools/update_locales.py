"""Refresh the toolkit's own UI catalogs with the toolkit itself, in three steps:

1. ``toolkit catalog extract`` re-reads the ``_()`` messages into locales/toolkit.pot (settings
   in [tool.toolkit.catalog] of pyproject.toml);
2. ``toolkit catalog update`` merges it into every locales/<lang>/LC_MESSAGES/toolkit.po: new
   messages come in untranslated, changed ones fuzzy with the old source in ``#|`` lines, and
   untouched entries keep their bytes, so the diff is only what changed;
3. ``toolkit catalog fill`` translates what is still untranslated, translation memory first,
   then the model; everything it makes is marked fuzzy with a machine-translation comment.

Then a person reviews the fuzzy entries (fixes them, removes the flag) and commits the
catalogs; ``toolkit check locales/`` in CI says what is left. ``--no-fill`` stops after step 2.

Run:  python tools/update_locales.py          (--check: exit 1 if the template is stale)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def toolkit(*args: str) -> int:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=ROOT).returncode


def main() -> int:
    config = str(ROOT / "pyproject.toml")
    if "--check" in sys.argv[1:]:
        return toolkit("catalog", "extract", "--config", config, "--check")
    if toolkit("catalog", "extract", "--config", config):
        return 2
    locales = str(ROOT / "locales")
    if toolkit("catalog", "update", str(ROOT / "locales" / "toolkit.pot"), locales):
        return 2
    if "--no-fill" in sys.argv[1:]:
        return 0
    return toolkit("catalog", "fill", locales, "--from", "en")


if __name__ == "__main__":
    sys.exit(main())
