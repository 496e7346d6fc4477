"""Write toolkit/data/cldr_plurals.json from the installed Babel: for every locale it knows,
CLDR's plural category of each sample number and the usual gettext Plural-Forms, so that
``toolkit check`` judges a Plural-Forms header without importing Babel (see
toolkit/po/plurals.py). Each language is listed, and only those of its locales whose answers
differ from the language's (pt_PT and the locales inheriting from it).

Run:  python tools/update_cldr_plurals.py          (--check: exit 1 if the file is stale)
"""

from __future__ import annotations

import json
import sys

from babel.localedata import locale_identifiers

from toolkit.po.plurals import CLDR_TABLE, babel_answers


def build() -> str:
    """The file's text for the installed Babel (deterministic: sorted, deduplicated)."""
    answers = {}
    for locale in sorted(locale_identifiers()):
        if locale == "root":
            continue
        found = babel_answers(locale)
        if found is not None:
            answers[locale] = found
    kept = {loc: ans for loc, ans in answers.items()
            if "_" not in loc or answers.get(loc.split("_")[0]) != ans}
    signatures = sorted({sig for sig, _conv in kept.values()})
    conventions = sorted({conv for _sig, conv in kept.values() if conv is not None})
    head = {
        "about": "CLDR plural categories of toolkit.po.plurals._SAMPLE per locale and the usual "
                 "gettext Plural-Forms, from Babel; written by tools/update_cldr_plurals.py",
        "babel": _babel_version(),
    }
    rows = [f"{json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    rows.append('"signatures": [')
    rows += [f"  {json.dumps([n, letters])}," for n, letters in signatures]
    rows[-1] = rows[-1].rstrip(",")
    rows.append('],\n"conventions": [')
    rows += [f"  {json.dumps(conv, ensure_ascii=False)}," for conv in conventions]
    rows[-1] = rows[-1].rstrip(",")
    rows.append('],\n"locales": {')
    rows += [f"  {json.dumps(loc)}: [{signatures.index(sig)}, "
             f"{json.dumps(conventions.index(conv) if conv is not None else None)}],"
             for loc, (sig, conv) in kept.items()]
    rows[-1] = rows[-1].rstrip(",")
    return "{\n" + "\n".join(rows) + "\n}\n}\n"


def _babel_version() -> str:
    from importlib.metadata import version

    return version("babel")


def main() -> int:
    text = build()
    current = CLDR_TABLE.read_text(encoding="utf-8") if CLDR_TABLE.exists() else None
    if "--check" in sys.argv[1:]:
        if current != text:
            print(f"{CLDR_TABLE} is stale: run python tools/update_cldr_plurals.py",
                  file=sys.stderr)
            return 1
        return 0
    if current != text:
        from toolkit.fsutil import atomic_write_text

        atomic_write_text(CLDR_TABLE, text)
        print(f"wrote {CLDR_TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
