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
