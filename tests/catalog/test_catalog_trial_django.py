"""The Django-style catalog trial: catalogs as other tools leave them, beside GNU gettext.

Each test is a defect the trial found, run through the real CLI on a small real catalog
under ``tests/catalog/data``; where GNU gettext is installed its output is the reference.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from catalog_helpers import run
from click.testing import CliRunner

from toolkit.cli.main import cli

DATA = Path(__file__).parent / "data"
needs_msgfmt = pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU msgfmt missing")


def _copy(tmp_path: Path, name: str, dest: str = "ru/LC_MESSAGES/django.po") -> Path:
    path = tmp_path / dest
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / name, path)
    return path


def _msgfmt(catalog: Path, out: Path) -> bytes:
    subprocess.run(["msgfmt", "-o", str(out), str(catalog)], check=True,
                   capture_output=True)
    return out.read_bytes()


def test_obsolete_entries_with_commented_comments_are_read_as_msgfmt_reads_them(
        tmp_path: Path) -> None:
    """``#~ #, python-format`` (django-oscar's catalogs write an obsolete entry's flags so):
    msgfmt reads what follows ``#~`` as a line of its own, msgattrib makes it the entry's
    flags. The reader said "unknown keyword '#,'": check gave TK001, and stats, compile and
    update refused the catalog with exit 2."""
    catalog = _copy(tmp_path, "obsolete_comments.po")
    original = catalog.read_bytes()
    check = CliRunner().invoke(cli, ["check", "--format", "json", str(catalog)])
    codes = {f["code"] for f in json.loads(check.stdout)["findings"]}
    assert "TK001" not in codes, check.stdout
    stats = run("stats", catalog, "--json")
    assert stats.exit_code == 0, stats.output
    row = json.loads(stats.stdout)["catalogs"][0]
    assert (row["translated"], row["obsolete"]) == (1, 3)
    assert run("compile", catalog, "-o", tmp_path / "ru.mo").exit_code == 0
    if shutil.which("msgfmt"):
        assert (tmp_path / "ru.mo").read_bytes() == _msgfmt(catalog, tmp_path / "gnu.mo")
    # the template brings two of them back: their flags and comments come with them, as
    # msgmerge revives them; the third, untouched, keeps its bytes
    pot = tmp_path / "django.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   '#: news/views.py:12\nmsgid "News"\nmsgstr ""\n\n'
                   '#: news/views.py:41\n#, python-format\nmsgid "Page %(page)s"\nmsgstr ""\n\n'
                   '#, python-format\nmsgid "%(count)d new article"\n'
                   'msgid_plural "%(count)d new articles"\nmsgstr[0] ""\nmsgstr[1] ""\n',
                   encoding="utf-8")
    result = run("update", pot, catalog)
    assert result.exit_code == 0, result.output
    text = catalog.read_text(encoding="utf-8")
    assert ('# Translators: the page title\n#: news/views.py:41\n#, python-format\n'
            'msgid "Page %(page)s"\nmsgstr "Страница %(page)s"\n') in text
    assert ('#, python-format\nmsgid "%(count)d new article"\n'
            'msgid_plural "%(count)d new articles"\n'
            'msgstr[0] "%(count)d новая статья"\n') in text
    assert text.endswith(original.decode("utf-8").split("\n\n")[-1])
    assert "#~ #, fuzzy\n#~| msgid \"Old events\"\n" in text


@needs_msgfmt
def test_compile_leaves_out_an_empty_header_as_msgfmt_does(tmp_path: Path) -> None:
    """A header whose msgstr is empty (``msgid ""`` ``msgstr ""``, as pydata-sphinx-theme's
    catalogs have it) is untranslated: msgfmt writes no entry for it. compile wrote an
    empty-string entry, so its .mo was 18 bytes longer than msgfmt's and not the same."""
    catalog = _copy(tmp_path, "empty_header.po")
    result = run("compile", catalog, "-o", tmp_path / "ru.mo")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ru.mo").read_bytes() == _msgfmt(catalog, tmp_path / "gnu.mo")
