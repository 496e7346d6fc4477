"""Refresh the toolkit's own UI catalogs: extract ``_()`` messages into locales/toolkit.pot and
merge them into every locales/<lang>/LC_MESSAGES/toolkit.po (new messages come in untranslated,
changed ones fuzzy; `toolkit check locales/` in CI then says what is left to translate).

Run:  python tools/update_locales.py
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    locales = ROOT / "locales"
    pot = locales / "toolkit.pot"
    cli = CommandLineInterface()
    cli.run(["pybabel", "extract", "-k", "_", "-k", "ngettext:1,2", "--no-location",
             "--sort-output", "--project", "toolkit", "--version", "0.1.0",
             "--msgid-bugs-address", "press@spbstu.ru", "-o", str(pot), str(ROOT / "toolkit")])
    cli.run(["pybabel", "update", "-D", "toolkit", "-i", str(pot), "-d", str(locales),
             "--no-fuzzy-matching", "--ignore-obsolete"])


if __name__ == "__main__":
    main()
