"""``toolkit catalog update`` through the CLI on a real upgrade: pretalx 2024.3.1's Chinese
catalog merged with 2025.2.2's template (tests/data/upstream, README there)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.po.reader import read_po

DATA = Path(__file__).parent.parent / "data" / "upstream" / "pretalx-2024.3.1"


def test_short_new_message_gets_the_similar_short_ones_translation(tmp_path: Path) -> None:
    """'Action' is 'Actions' less a letter, 'Colour' is 'Color' in British spelling: msgmerge
    makes both fuzzy matches. The word index alone missed them, because a long sentence
    shares the word 'action' ('This action is irreversible.') or 'colour' ('Main event
    colour'), and then only the sentences sharing it were compared."""
    po = tmp_path / "zh_Hans.po"
    shutil.copy(DATA / "zh_Hans.po", po)
    result = CliRunner().invoke(cli, ["catalog", "update", str(DATA / "django.pot"), str(po)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    catalog, _ = read_po(str(po))
    by_id = {e.msgid: e for e in catalog.entries if not e.obsolete}
    for new, old, translation in (("Action", "Actions", "操作"), ("Colour", "Color", "颜色")):
        e = by_id[new]
        assert "fuzzy" in e.flags and e.previous_msgid == old and e.msgstr == translation, (
            new, e.flags, e.previous_msgid, e.msgstr)
    assert by_id["Actions"].msgstr == "操作" and "fuzzy" not in by_id["Actions"].flags


def test_references_wrapped_otherwise_keep_the_entrys_bytes(tmp_path: Path) -> None:
    """A template whose tool wraps the same references otherwise (GNU's width against
    Poedit's one per line) changed nothing, yet the entry's '#:' lines were rewritten in the
    template's wrapping: a diff on every such entry of a catalog nothing happened to."""
    po = tmp_path / "ru.po"
    jazzmin = DATA.parent / "jazzmin"
    shutil.copy(jazzmin / "ru.po", po)
    result = CliRunner().invoke(cli, ["catalog", "update", str(jazzmin / "django.pot"), str(po)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert po.read_bytes() == (jazzmin / "ru.po").read_bytes()
    # references that did change are the template's, in its wrapping
    pot = (jazzmin / "django.pot").read_text("utf-8").replace(
        "#: templates/includes/carousel.html:4 templates/includes/collapsible.html:2",
        "#: templates/includes/carousel.html:5 templates/includes/collapsible.html:2")
    (tmp_path / "new.pot").write_text(pot, "utf-8")
    result = CliRunner().invoke(cli, ["catalog", "update", str(tmp_path / "new.pot"), str(po)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = po.read_text("utf-8")
    assert ("#: templates/includes/carousel.html:5 templates/includes/collapsible.html:2\n"
            in text)
