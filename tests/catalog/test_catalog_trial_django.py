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


def test_a_line_break_msgfmt_refuses_is_an_error_for_check_and_compile(tmp_path: Path) -> None:
    """msgfmt (with -c or without) refuses a catalog in which a compiled entry's msgid begins
    (ends) with a line break and a translation does not, or the reverse: Django's
    compilemessages fails. A ``{% blocktrans %}`` message (``"\\n    Please log in
    again.\\n  "``) translated on one line is the usual case. check said nothing of it (the
    break was taken for a template's indentation) or a warning, exit 0, and compile wrote a
    .mo. Now check reports TK201 errors and compile refuses with file:line, writing nothing;
    a fuzzy entry, which msgfmt does not compile, is not held to it."""
    catalog = _copy(tmp_path, "edge_breaks.po")
    if shutil.which("msgfmt"):
        gnu = subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(catalog)],
                             capture_output=True, text=True)
        assert gnu.returncode == 1 and gnu.stderr.count("do not both") == 3, gnu.stderr
    check = CliRunner().invoke(cli, ["check", "--format", "json", str(catalog)])
    assert check.exit_code == 1, check.output
    errors = [(f["line"], f["message"]) for f in json.loads(check.stdout)["findings"]
              if f["code"] == "TK201"]
    assert errors == [
        (8, "the source and the translation do not both begin with a line break (msgfmt "
            "refuses the catalog)"),
        (14, "the source and the translation do not both end with a line break (msgfmt "
             "refuses the catalog)"),
        (18, "the source and the translation do not both end with a line break (msgfmt "
             "refuses the catalog)")]
    assert all(f["severity"] == "error" for f in json.loads(check.stdout)["findings"]
               if f["code"] == "TK201")
    mo = catalog.with_suffix(".mo")
    result = run("compile", catalog)
    assert result.exit_code == 2
    assert result.output.startswith(f"toolkit: error: {catalog}:8: the source and the "
                                    "translation do not both begin with a line break"), \
        result.output
    assert "(and 2 more); fix it or pass --force" in result.output
    assert not mo.exists()
    assert run("compile", catalog, "--force").exit_code == 0 and mo.exists()
    # the breaks put back: nothing to report, and the .mo is msgfmt's
    text = catalog.read_text(encoding="utf-8")
    fixed = (text.replace('msgstr "Пожалуйста, войдите снова."',
                          'msgstr ""\n"\\n"\n"    Пожалуйста, войдите снова.\\n"\n"  "')
             .replace('"Строка один"', '"Строка один\\n"')
             .replace('"%(n)s файла"', '"%(n)s файла\\n"'))
    catalog.write_text(fixed, encoding="utf-8")
    check = CliRunner().invoke(cli, ["check", "--select", "TK201", str(catalog)])
    assert check.exit_code == 0 and "TK201" not in check.output, check.output
    result = run("compile", catalog, "-o", tmp_path / "ru.mo")
    assert result.exit_code == 0, result.output
    if shutil.which("msgfmt"):
        assert (tmp_path / "ru.mo").read_bytes() == _msgfmt(catalog, tmp_path / "gnu.mo")


def test_configured_keywords_add_to_the_default_ones(tmp_path: Path) -> None:
    """``keywords = ["gettext_lazy", "pgettext_lazy:1c,2"]``, what a Django project adds: the
    template held only the two lazy messages, every ``_()``, ``pgettext``, ``ngettext`` and
    ``npgettext`` message gone without a word (and the next ``update`` would have made their
    translations obsolete). Keywords now add to the defaults, as ``pybabel extract -k`` and
    xgettext's ``--keyword`` do."""
    project = tmp_path / "pressdesk"
    shutil.copytree(DATA / "django_project", project)
    result = run("extract", "--config", project / "pyproject.toml")
    assert result.exit_code == 0, result.output
    from toolkit.po.reader import read_po

    po, _ = read_po(project / "locale" / "django.pot")
    assert sorted((e.msgctxt or "", e.msgid, e.msgid_plural or "")
                  for e in po.live_entries) == [
        ("", "%(count)d new article", "%(count)d new articles"),
        ("", "Hello, %(name)s!", ""),
        ("", "News of the university", ""),
        ("month name", "May", ""),
        ("press", "{n} release by {name}", "{n} releases by {name}"),
        ("verb", "May", "")]


def test_entries_flagged_no_wrap_are_written_unwrapped_as_gnu_writes_them(
        tmp_path: Path) -> None:
    """``#, no-wrap`` (xgettext's flag for usage texts): GNU gettext breaks such strings only
    after each ``\\n``, never at the 79th column. The writer ignored the flag: an update
    that made an entry fuzzy, or brought a new one, wrapped its msgid, its ``#|`` previous
    msgid and its msgstr at 79 columns, so the next msgmerge rewrote them all back."""
    catalog = _copy(tmp_path, "no_wrap.po")
    result = run("update", DATA / "no_wrap.pot", catalog)
    assert result.exit_code == 0, result.output
    text = catalog.read_text(encoding="utf-8")
    body = text[text.index("#, fuzzy, no-wrap"):]
    strings = [line for line in body.splitlines() if line.endswith('"')]
    assert len(strings) == 14
    assert all(line.endswith(('\\n"', ' ""')) for line in strings), strings
    assert ('msgid "A brand new message that is long enough to need wrapping if wrapping '
            'were allowed here at all\\n"\nmsgstr ""\n') in body
    if shutil.which("msgmerge"):
        gnu = _copy(tmp_path, "no_wrap.po", "gnu/ru.po")
        subprocess.run(["msgmerge", "-q", "--previous", "-U", "--backup=off", str(gnu),
                        str(DATA / "no_wrap.pot")], check=True)
        gnu_text = gnu.read_text(encoding="utf-8")
        assert body == gnu_text[gnu_text.index("#, fuzzy, no-wrap"):]


def test_fill_takes_the_translation_of_the_string_itself_over_a_placeholder_namesake(
        tmp_path: Path) -> None:
    """The memory finds a string whatever its placeholders are named, so 'Delete selected
    %(verbose_name_plural)s' and 'Delete selected %(model)s' (Django's admin has both) are
    the same key. The most recent unit came first, and fill took the other string's
    translation for an exact one ('Удалить выбранный объект типа «%(verbose_name_plural)s»'),
    not fuzzy, though the memory held this very string's. A unit whose source is the
    string itself now comes first, then one with its placeholders."""
    memory = tmp_path / "memory.sqlite3"
    reviewed = _copy(tmp_path, "memory_reviewed.po", "admin/ru/LC_MESSAGES/django.po")
    result = CliRunner().invoke(cli, ["memory", "import", str(reviewed), "--memory",
                                      str(memory)])
    assert result.exit_code == 0, result.output
    catalog = tmp_path / "news" / "ru" / "LC_MESSAGES" / "django.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "Delete selected %(verbose_name_plural)s"\nmsgstr ""\n\n'
        '#, python-format\nmsgid "Delete selected %(model)s"\nmsgstr ""\n', encoding="utf-8")
    result = run("fill", catalog, "--memory", memory, "--no-glossary", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["memory_exact"] == 2
    text = catalog.read_text(encoding="utf-8")
    assert ('msgid "Delete selected %(verbose_name_plural)s"\n'
            'msgstr "Удалить выбранные %(verbose_name_plural)s"\n') in text
    assert ('msgid "Delete selected %(model)s"\n'
            'msgstr "Удалить выбранный объект типа «%(model)s»"\n') in text
    lookup = CliRunner().invoke(cli, ["memory", "lookup", "Delete selected %(model)s",
                                      "--from", "en", "--to", "ru", "--memory", str(memory)])
    assert lookup.output.splitlines()[0].split(None, 1)[1].startswith(
        "Удалить выбранный объект типа «%(model)s»"), lookup.output
