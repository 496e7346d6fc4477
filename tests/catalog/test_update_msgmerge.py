"""``toolkit catalog update`` beside GNU ``msgmerge --previous`` on real catalogs: the same
entries come out translated, fuzzy (from the same source), untranslated or obsolete, with the
same translations and ``#|`` lines, in the same order. Skipped where GNU gettext is missing.

Where toolkit differs on purpose, nothing here asks otherwise: it keeps the header's field
order (msgmerge sorts the fields it knows), an obsolete plural entry whose first form is empty
(msgmerge drops it with its other forms), and gives a fuzzy entry made from a fuzzy source
without ``#|`` lines the source's msgid as previous text (msgmerge none).
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from catalog_helpers import run

from toolkit.po.reader import PoEntry, PoFile, read_po
from toolkit.po.writer import render_po

pytestmark = pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU msgmerge missing")


def _release(catalog: Path, out: Path, seed: int) -> Path:
    """A template a release cycle could give: of the catalog's messages some dropped, some
    edited (a word replaced, dropped, added, recased; a full stop added), some moved to or
    out of a context, some made plural or singular, a plural's msgid_plural changed, and new
    messages close to old ones."""
    rng = random.Random(seed)
    po, _ = read_po(catalog)
    entries = [PoEntry(0, msgid="", flags=["fuzzy"], msgstr=(
        "Project-Id-Version: django\nPOT-Creation-Date: 2026-01-01 00:00+0000\n"
        "Content-Type: text/plain; charset=UTF-8\n"))]
    seen: set[tuple[str | None, str]] = set()
    for e in po.live_entries:
        r = rng.random()
        msgid, ctxt, plural = e.msgid, e.msgctxt, e.msgid_plural
        if r < 0.03:
            continue
        if r < 0.10:
            words = msgid.split(" ")
            at, how = rng.randrange(len(words)), rng.randrange(5)
            if how == 0:
                words[at] = "updated"
            elif how == 1 and len(words) > 1:
                del words[at]
            elif how == 2:
                words.insert(at, "new")
            elif how == 3:
                words[at] = words[at].upper() if words[at].islower() else words[at].lower()
            else:
                words[-1] += "."
            msgid = " ".join(words)
        elif r < 0.115:
            ctxt = "menu" if ctxt is None else None
        elif r < 0.125:
            plural = msgid + "s" if plural is None else None
        elif r < 0.13 and plural is not None:
            plural += " (more)"
        extra = [PoEntry(0, msgid=f"{msgid[:30]} and more")] if rng.random() < 0.02 else []
        for t in [PoEntry(0, msgid=msgid, msgctxt=ctxt, msgid_plural=plural,
                          references=e.references, flags=[f for f in e.flags if f != "fuzzy"]),
                  *extra]:
            if t.key in seen:
                continue
            seen.add(t.key)
            if t.msgid_plural is None:
                t.msgstr = ""
            else:
                t.msgstr_plural = {0: "", 1: ""}
            entries.append(t)
    out.write_text(render_po(PoFile(entries, [], {}, entries[0])), encoding="utf-8")
    return out


def _outcome(path: Path) -> list[tuple]:
    """Each entry as it matters to a translator, in file order."""
    po, _ = read_po(path)
    rows = []
    for e in po.entries:
        if e.is_header:
            continue
        strings = e.msgstr if e.msgid_plural is None else sorted(e.msgstr_plural.items())
        state = "obsolete" if e.obsolete else "fuzzy" if "fuzzy" in e.flags else ""
        rows.append((e.msgctxt, e.msgid, e.msgid_plural, state, strings,
                     e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural))
    return rows


@pytest.mark.parametrize("lang", ["ru", "zh_Hans", "uk", "ja"])
@pytest.mark.parametrize("seed", [1, 2])
def test_update_makes_what_msgmerge_makes(tmp_path: Path, django_locale: Path, lang: str,
                                          seed: int) -> None:
    """Each of these 8 merges (267 fuzzy entries in msgmerge's output) differed before:
    fuzzy sources msgmerge does not take (one more similar in characters, or with no
    4-character n-gram in common, or in another context than an equally similar one), and
    a singular made plural with its translation in form 0 only."""
    catalog = tmp_path / "django.po"
    shutil.copy(django_locale / lang / "LC_MESSAGES" / "django.po", catalog)
    pot = _release(catalog, tmp_path / "django.pot", seed)
    gnu = tmp_path / "gnu.po"
    subprocess.run(["msgmerge", "-q", "--previous", "-o", str(gnu), str(catalog), str(pot)],
                   check=True)
    result = run("update", pot, catalog)
    assert result.exit_code == 0, result.output
    ours, theirs = _outcome(catalog), _outcome(gnu)
    assert sum(row[3] == "fuzzy" for row in ours) > 10
    assert [row for row in ours if row not in theirs] == []
    assert ours == theirs
