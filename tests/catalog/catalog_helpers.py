"""Helpers for the catalog command tests: the real CLI, templates made from real catalogs."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from toolkit.cli.main import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["catalog", *map(str, args)])


def template_of(catalog: Path, out: Path, *, drop: set[str] = frozenset(),
                rename: dict[str, str] | None = None, add: list[str] = ()) -> Path:
    """A .pot made from a real catalog: translations emptied, some msgids dropped, renamed or
    added (what a developer's edits to the sources would give)."""
    from toolkit.po.reader import PoEntry, read_po
    from toolkit.po.writer import render_po

    po, _ = read_po(catalog)
    entries = []
    for e in po.entries:
        if e.obsolete:
            continue
        if e.is_header:
            entries.append(PoEntry(0, msgid="", flags=["fuzzy"], msgstr=(
                "Project-Id-Version: django\nPOT-Creation-Date: 2026-01-01 00:00+0000\n"
                "Content-Type: text/plain; charset=UTF-8\n")))
            continue
        if e.msgid in drop:
            continue
        t = PoEntry(0, msgid=(rename or {}).get(e.msgid, e.msgid), msgctxt=e.msgctxt,
                    msgid_plural=e.msgid_plural, references=e.references,
                    auto_comments=e.auto_comments,
                    flags=[f for f in e.flags if f != "fuzzy"])
        if t.msgid_plural is None:
            t.msgstr = ""
        else:
            t.msgstr_plural = {0: "", 1: ""}
        entries.append(t)
    entries += [PoEntry(0, msgid=m, msgstr="") for m in add]
    from toolkit.po.reader import PoFile

    out.write_text(render_po(PoFile(entries, [], {}, entries[0])), encoding="utf-8")
    return out
