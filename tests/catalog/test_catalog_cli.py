"""``toolkit catalog`` through the real CLI on real catalogs."""

from __future__ import annotations

import codecs
import gettext
import io
import json
import multiprocessing
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from catalog_helpers import run, template_of
from click.testing import CliRunner, Result

from toolkit.cli.main import cli
from toolkit.po.reader import PoEntry, read_po


def _entry(po, msgid: str, *, obsolete: bool = False):
    return next(e for e in po.entries if e.msgid == msgid and e.obsolete == obsolete)


# ------------------------------------------------------------------------------------ init


@pytest.mark.parametrize(("locale", "forms"), [("ru", 3), ("zh_Hans", 1), ("en", 2)])
def test_init_takes_plural_forms_from_cldr(tmp_path: Path, django_ru: Path, locale: str,
                                           forms: int) -> None:
    pot = template_of(django_ru, tmp_path / "django.pot")
    out = tmp_path / f"{locale}.po"
    result = run("init", pot, "--locale", locale, "-o", out)
    assert result.exit_code == 0, result.output
    po, _ = read_po(out)
    assert po.errors == []
    expected = get_plural(locale)
    assert po.header["Plural-Forms"] == f"nplurals={expected[0]}; plural={expected[1]};"
    assert expected[0] == forms
    plural = [e for e in po.live_entries if e.msgid_plural is not None]
    assert plural and all(sorted(e.msgstr_plural) == list(range(forms)) for e in plural)
    assert not any(e.translated for e in po.live_entries)
    assert run("init", pot, "--locale", locale, "-o", out).exit_code == 2  # no overwrite


@pytest.mark.parametrize(("given", "language"), [("zh-Hant", "zh_Hant"), ("zh-hans", "zh_Hans"),
                                                  ("pt-br", "pt_BR"), ("ru", "ru"),
                                                  ("sr-latn-rs", "sr_Latn_RS")])
def test_init_writes_the_locale_as_gettext_spells_it(tmp_path: Path, django_ru: Path,
                                                     given: str, language: str) -> None:
    # `--lang zh-Hant` wrote "Language: zh-Hant"; gettext (and msginit) write zh_Hant
    pot = template_of(django_ru, tmp_path / "django.pot")
    out = tmp_path / "new.po"
    result = run("init", pot, "--lang", given, "-o", out)
    assert result.exit_code == 0, result.output
    assert read_po(out)[0].header["Language"] == language
    assert result.output == f"{out}: {len(read_po(out)[0].live_entries)} messages for {language}\n"
    stats = json.loads(run("stats", out, "--json").stdout)
    assert list(stats["locales"]) == [language]


def test_init_notes_a_path_gettext_would_not_find(tmp_path: Path, django_ru: Path) -> None:
    pot = template_of(django_ru, tmp_path / "django.pot")
    out = tmp_path / "locales" / "zh-Hant" / "LC_MESSAGES" / "django.po"
    result = run("init", pot, "--lang", "zh-Hant", "-o", out)
    assert result.exit_code == 0, result.output
    assert (f"{out}: note: gettext spells this locale 'zh_Hant', not 'zh-Hant', and will not "
            "find the catalog at this path") in result.output
    good = tmp_path / "locales" / "zh_Hant" / "LC_MESSAGES" / "django.po"
    assert "note:" not in run("init", pot, "--lang", "zh-Hant", "-o", good).output


def test_init_fills_in_the_templates_placeholder_header_values(tmp_path: Path) -> None:
    """Trial: init kept the template's 'Language-Team: LANGUAGE <LL@li.org>', its revision
    date and translator placeholders and its 'Translations template' title, so msgfmt -c
    warned three times on every new catalog; msginit fills them in."""
    pot = tmp_path / "m.pot"
    pot.write_text('# Translations template for PROJECT.\n#\nmsgid ""\nmsgstr ""\n'
                   '"Project-Id-Version: PROJECT VERSION\\n"\n'
                   '"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"\n'
                   '"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"\n'
                   '"Language-Team: LANGUAGE <LL@li.org>\\n"\n'
                   '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Hello"\nmsgstr ""\n', encoding="utf-8")
    out = tmp_path / "ru.po"
    assert run("init", pot, "--lang", "ru", "-o", out).exit_code == 0
    po, _ = read_po(out)
    assert po.header["Language-Team"] == "Russian"
    assert po.header["Last-Translator"] == "Automatically generated"
    assert po.header["PO-Revision-Date"][:2] == "20" and "YEAR" not in po.header["PO-Revision-Date"]
    assert out.read_text("utf-8").startswith("# Russian translations for PROJECT.\n")
    if shutil.which("msgfmt"):
        gnu = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(out)], capture_output=True,
                             text=True)
        assert gnu.returncode == 0 and "initial default value" not in gnu.stderr, gnu.stderr


def test_init_fills_in_xgettexts_header_comments(tmp_path: Path) -> None:
    """Trial: an xgettext template's 'SOME DESCRIPTIVE TITLE.', 'Copyright (C) YEAR' and
    'FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.' stayed as they were; msginit --no-translator
    names the language and package, the year and 'Automatically generated'."""
    pot = tmp_path / "x.pot"
    pot.write_text("# SOME DESCRIPTIVE TITLE.\n"
                   "# Copyright (C) YEAR THE PACKAGE'S COPYRIGHT HOLDER\n"
                   "# This file is distributed under the same license as the PACKAGE package.\n"
                   "# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.\n#\n#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n"
                   '"Project-Id-Version: webapp 1.0\\n"\n'
                   '"Content-Type: text/plain; charset=CHARSET\\n"\n\n'
                   'msgid "Hello"\nmsgstr ""\n', encoding="utf-8")
    out = tmp_path / "zh.po"
    assert run("init", pot, "--lang", "zh_Hans", "-o", out).exit_code == 0
    head = out.read_text("utf-8").splitlines()[:4]
    year = head[1].split()[3]
    assert year.isdigit() and len(year) == 4, head
    assert head == ["# Chinese (Simplified) translations for webapp package.",
                    f"# Copyright (C) {year} THE PACKAGE'S COPYRIGHT HOLDER",
                    "# This file is distributed under the same license as the PACKAGE package.",
                    f"# Automatically generated, {year}."]


def test_init_refuses_an_unknown_locale(tmp_path: Path, django_ru: Path) -> None:
    pot = template_of(django_ru, tmp_path / "django.pot")
    result = run("init", pot, "--locale", "xx_nope", "-o", tmp_path / "x.po")
    assert result.exit_code == 2 and "unknown locale" in result.output


# ---------------------------------------------------------------------------------- update


def test_update_with_an_unchanged_template_changes_no_byte(tmp_path: Path, django_ru: Path,
                                                           django_zh: Path) -> None:
    for catalog in (django_ru, django_zh):
        pot = template_of(catalog, tmp_path / "same.pot")
        po, _ = read_po(catalog)
        text = po.text.replace(po.header["POT-Creation-Date"], "2026-01-01 00:00+0000")
        catalog.write_text(text, encoding="utf-8")  # the date the template carries
        before = catalog.read_bytes()
        result = run("update", pot, catalog)
        assert result.exit_code == 0, result.output
        assert catalog.read_bytes() == before


def test_update_with_nothing_to_change_touches_no_directory(tmp_path: Path,
                                                            django_ru: Path) -> None:
    # it took the write lock (a .ru.po.lock created and removed beside the catalog) even when
    # nothing would change, so it failed in a read-only checkout
    folder = tmp_path / "ro"
    folder.mkdir()
    catalog = folder / "ru.po"
    po, _ = read_po(django_ru)
    pot = template_of(django_ru, tmp_path / "same.pot")
    catalog.write_text(po.text.replace(po.header["POT-Creation-Date"], "2026-01-01 00:00+0000"),
                       encoding="utf-8")
    os.utime(folder, ns=(0, 0))  # any entry made or removed in it would set this to now
    result = run("update", pot, catalog)
    assert result.exit_code == 0, result.output
    assert result.output == f"{catalog}: unchanged\n"
    assert folder.stat().st_mtime_ns == 0
    if os.geteuid() != 0:  # root may write anywhere
        folder.chmod(0o555)
        try:
            assert run("update", pot, catalog).exit_code == 0
        finally:
            folder.chmod(0o755)


def test_update_fuzzy_previous_obsolete_and_nothing_lost(tmp_path: Path, django_ru: Path,
                                                          django_locale: Path) -> None:
    old, _ = read_po(django_ru)
    translations = {e.key: e.translations for e in old.live_entries if e.translated}
    pot = template_of(django_ru, tmp_path / "django.pot",
                      drop={"Messages", "Syndication"},
                      rename={"Enter a valid integer.": "Enter a valid whole integer."},
                      add=["A message nobody has translated yet"])
    result = run("update", pot, django_ru, "--json")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert report["fuzzy"] >= 1 and report["obsolete"] == 2 and report["new"] >= 1
    po, _ = read_po(django_ru)
    assert po.errors == []
    fuzzy = _entry(po, "Enter a valid whole integer.")
    assert "fuzzy" in fuzzy.flags and fuzzy.previous_msgid == "Enter a valid integer."
    assert fuzzy.msgstr == translations[(None, "Enter a valid integer.")][0]
    text = django_ru.read_text(encoding="utf-8")
    assert '#| msgid "Enter a valid integer."' in text
    gone = _entry(po, "Messages", obsolete=True)
    assert gone.msgstr == translations[(None, "Messages")][0]
    assert "#~ msgid \"Syndication\"" in text
    assert _entry(po, "A message nobody has translated yet").msgstr == ""
    # never lose a translation: each old one is still live, fuzzy or obsolete
    present = {tuple(e.translations) for e in po.entries if not e.is_header}
    assert all(tuple(tr) in present for tr in translations.values())

    # the message comes back: the obsolete entry is revived with its translation
    original = django_locale / "ru" / "LC_MESSAGES" / "django.po"
    pot = template_of(original, tmp_path / "django.pot")
    assert run("update", pot, django_ru).exit_code == 0
    po, _ = read_po(django_ru)
    assert _entry(po, "Messages").msgstr == translations[(None, "Messages")][0]


def test_update_keeps_plural_forms_ru_and_zh(tmp_path: Path, django_ru: Path,
                                             django_zh: Path) -> None:
    for catalog, n in ((django_ru, 4), (django_zh, 1)):  # Django's ru has CLDR's 4 forms
        pot = template_of(catalog, tmp_path / "p.pot", add=["new one"])
        assert run("update", pot, catalog).exit_code == 0
        po, _ = read_po(catalog)
        plural = [e for e in po.live_entries if e.msgid_plural is not None]
        assert plural and all(len(e.msgstr_plural) == n for e in plural)


def test_update_keeps_crlf_line_ends_when_it_adds_lines(tmp_path: Path, django_ru: Path) -> None:
    # a catalog checked out on Windows (core.autocrlf) came back with every line end turned
    # into LF as soon as a command wrote more lines than the file had: the whole file in the
    # diff. The same update of the LF copy must give the same lines, each ending CRLF.
    lf = tmp_path / "lf.po"
    shutil.copy(django_ru, lf)
    django_ru.write_bytes(django_ru.read_bytes().replace(b"\n", b"\r\n"))
    pot = template_of(lf, tmp_path / "django.pot", drop={"Messages"},
                      add=["A new message", "Another new one", "And a third"])
    for catalog in (django_ru, lf):
        result = run("update", pot, catalog)
        assert result.exit_code == 0, result.output
    crlf = django_ru.read_bytes()
    assert crlf.count(b"\n") == crlf.count(b"\r\n")
    assert crlf.replace(b"\r\n", b"\n") == lf.read_bytes()


def test_a_broken_catalog_is_reported_with_its_line_and_left_alone(tmp_path: Path,
                                                                   django_ru: Path) -> None:
    pot = template_of(django_ru, tmp_path / "django.pot")
    text = django_ru.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, x in enumerate(text) if x.startswith('msgstr "') and i > 40)
    text[line] = 'msgstr "unterminated\n'
    django_ru.write_text("".join(text), encoding="utf-8")
    before = django_ru.read_bytes()
    for args in (("update", pot, django_ru), ("compile", django_ru), ("stats", django_ru)):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert f"{django_ru}:{line + 1}: unterminated string" in result.output
        assert "Traceback" not in result.output
        assert django_ru.read_bytes() == before
    assert not django_ru.with_suffix(".mo").exists()


def test_text_the_charset_cannot_hold_is_file_line_and_the_catalog_untouched(
        tmp_path: Path) -> None:
    # a KOI8-R catalog and a template with a Greek message: 'toolkit: error: text cannot be
    # written in the catalog's charset KOI8-R: ordinal not in range(256)', no file, no line
    catalog = tmp_path / "ru.po"
    catalog.write_bytes('msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
                        '"Content-Type: text/plain; charset=KOI8-R\\n"\n\n'
                        'msgid "Open"\nmsgstr "Открыть"\n'.encode("koi8-r"))
    pot = tmp_path / "messages.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Open"\nmsgstr ""\n\nmsgid "Ελληνικά"\nmsgstr ""\n', encoding="utf-8")
    before = catalog.read_bytes()
    result = run("update", pot, catalog)
    assert result.exit_code == 2
    assert result.output == (f"toolkit: error: {catalog}:9: the catalog's charset KOI8-R cannot "
                             "hold 'Ε' (U+0395); convert the catalog to UTF-8 first "
                             "(msgconv -t UTF-8)\n")
    assert catalog.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["messages.pot", "ru.po"]


def test_a_binary_file_is_called_binary_in_one_short_line(tmp_path: Path) -> None:
    # a model file passed as a catalog printed a kilobyte of its bytes as an 'unknown keyword'
    models = Path(__file__).parents[2] / "toolkit" / "data" / "models"
    model = next(models.glob("*/model/model.bin"))
    path = tmp_path / "ru.po"
    path.write_bytes(model.read_bytes()[:4000])
    for args in (("compile", path), ("stats", path)):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert result.output.strip().endswith(f"{path}:1: binary data (a NUL byte): not a PO file")
        assert len(result.output) < 300


def test_an_interrupted_write_leaves_the_original(tmp_path: Path, django_ru: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pot = template_of(django_ru, tmp_path / "django.pot", add=["new"])
    before = django_ru.read_bytes()

    def power_cut(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("os.fsync", power_cut)
    result = run("update", pot, django_ru)
    assert result.exit_code == 2 and "Input/output error" in result.output
    assert django_ru.read_bytes() == before
    assert sorted(p.name for p in django_ru.parent.iterdir()) == ["django.po"]


def _add_entries(path: str, tag: str, n: int) -> None:
    from toolkit.catalog.files import editing

    for i in range(n):
        with editing(path) as po:
            po.entries.append(PoEntry(0, msgid=f"{tag} {i}", msgstr=f"{tag} {i}"))


def test_two_concurrent_writers_lose_no_update(django_ru: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_add_entries, args=(str(django_ru), tag, 15))
             for tag in ("alpha", "beta")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    po, _ = read_po(django_ru)
    ids = {e.msgid for e in po.entries}
    assert {f"{t} {i}" for t in ("alpha", "beta") for i in range(15)} <= ids


# --------------------------------------------------------------------------------- compile


def test_compile_gives_a_working_mo_byte_identical_to_msgfmt(tmp_path: Path, django_ru: Path,
                                                             django_zh: Path) -> None:
    for catalog in (django_ru, django_zh):
        result = run("compile", catalog, "--force")  # Django's ru has 3-form plural entries
        assert result.exit_code == 0, result.output
        mo = catalog.with_suffix(".mo")
        with open(mo, "rb") as fh:
            tr = gettext.GNUTranslations(fh)
        po, _ = read_po(catalog)
        e = next(e for e in po.live_entries if e.translated and e.msgid_plural is None
                 and "fuzzy" not in e.flags and e.msgctxt is None)
        assert tr.gettext(e.msgid) == e.msgstr
        if shutil.which("msgfmt"):
            gnu = tmp_path / "gnu.mo"
            subprocess.run(["msgfmt", "-o", str(gnu), str(catalog)], check=True)
            assert mo.read_bytes() == gnu.read_bytes()


def test_compile_reads_adjacent_strings_on_one_line_as_msgfmt_does(tmp_path: Path,
                                                                   django_ru: Path) -> None:
    """Every string line joined with the next (``msgstr "b" "c"``, also with no space or a
    tab, and a comment after): msgfmt compiles it; compile refused it ("unescaped quote")."""
    import re

    text = django_ru.read_text(encoding="utf-8")
    joins = iter([" ", "", "\t", "  "] * len(text))
    joined = re.sub(r'"\n(?:#~ )?(?=")', lambda m: '"' + next(joins), text)
    joined = joined.replace('msgstr ""\n', 'msgstr "" # empty\n', 3)
    assert joined.count("\n") < text.count("\n") - 150
    catalog = tmp_path / "ru.po"
    catalog.write_text(joined, encoding="utf-8")
    _compiles_as_django_ru(catalog, django_ru, tmp_path)
    broken = tmp_path / "broken.po"
    lines = joined.split("\n")
    at = next(i for i, x in enumerate(lines) if x.startswith("msgstr \"") and i > 100)
    lines[at] += " junk"
    broken.write_text("\n".join(lines), encoding="utf-8")
    result = run("compile", broken, "--force")
    assert result.exit_code == 2
    assert f"{broken}:{at + 1}: unexpected 'junk' after the string" in result.output
    assert not broken.with_suffix(".mo").exists()
    if shutil.which("msgfmt"):
        gnu_err = subprocess.run(["msgfmt", "-o", str(tmp_path / "x.mo"), str(broken)],
                                 capture_output=True, text=True).stderr
        assert f"{broken}:{at + 1}: keyword \"junk\" unknown" in gnu_err


def test_update_in_msgmerges_order_is_refused_and_the_template_untouched(
        tmp_path: Path, django_ru: Path) -> None:
    """``msgmerge ru.po messages.pot`` takes the catalog first; the same order here merged
    the catalog into the template: messages the template had and the catalog had not were
    dropped from the .pot, and the catalog's messages written into it, exit 0."""
    pot = template_of(django_ru, tmp_path / "django.pot", add=["A message new in the code"])
    before = pot.read_bytes(), django_ru.read_bytes()
    result = run("update", django_ru, pot)
    assert result.exit_code == 2, result.output
    assert result.output == (f"toolkit: error: {pot}: a template (.pot) is no catalog to "
                             f"update: the template comes first, 'toolkit catalog update {pot} "
                             "CATALOG...' (msgmerge takes them the other way round)\n")
    assert (pot.read_bytes(), django_ru.read_bytes()) == before
    result = run("update", pot, django_ru)
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output


def _compiles_as_django_ru(catalog: Path, django_ru: Path, tmp_path: Path) -> None:
    """*catalog*, Django's Russian catalog written otherwise, compiles to the same .mo as
    Django's own and, where msgfmt is installed, as msgfmt's."""
    result = run("compile", catalog, "--force")
    assert result.exit_code == 0, result.output
    assert run("compile", django_ru, "--force").exit_code == 0
    assert catalog.with_suffix(".mo").read_bytes() == django_ru.with_suffix(".mo").read_bytes()
    if shutil.which("msgfmt"):
        gnu = tmp_path / "gnu.mo"
        subprocess.run(["msgfmt", "-o", str(gnu), str(catalog)], check=True)
        assert catalog.with_suffix(".mo").read_bytes() == gnu.read_bytes()


def _written_as_msgfmt_allows(text: str) -> str:
    """Django's catalog with its keywords written in the layouts msgfmt reads (its lexer
    takes words and strings with any white space between them, or none): ``msgstr"b"``,
    a tab after the keyword, ``msgstr [ 1 ]`` and a one-line entry ``msgid "a" msgstr "b"``."""
    import re

    layouts = iter(["glued", "tab", "one line"] * len(text))

    def rewrite(m: re.Match[str]) -> str:
        msgid, msgstr = m.group(1), m.group(2)
        layout = next(layouts)
        if layout == "glued":
            return f'msgid{msgid}\nmsgstr{msgstr}\n'
        if layout == "tab":
            return f'msgid\t{msgid}\nmsgstr\t{msgstr}\n'
        return f'msgid {msgid} msgstr {msgstr}\n'

    out = re.sub(r'(?m)^msgid ("(?:[^"\\\n]|\\.)+")\nmsgstr ("(?:[^"\\\n]|\\.)*")\n', rewrite,
                 text)
    return re.sub(r"(?m)^msgstr\[(\d)\] ", lambda m: f"msgstr [ {m.group(1)} ]\t", out)


def test_keywords_are_read_in_every_layout_msgfmt_reads(tmp_path: Path,
                                                         django_ru: Path) -> None:
    """``msgstr"b"`` (no space), a tab, ``msgstr [1]`` and two keywords on one line: msgfmt
    compiles them; the reader said 'entry without msgstr' or 'unknown keyword', so check,
    compile and stats refused a catalog msgfmt takes."""
    text = django_ru.read_text(encoding="utf-8")
    rewritten = _written_as_msgfmt_allows(text)
    assert rewritten.count("\nmsgid\t") > 50 and rewritten.count(" msgstr ") > 50
    assert rewritten.count("msgstr [ 1 ]") > 10
    catalog = tmp_path / "layouts" / "ru" / "LC_MESSAGES" / "django.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(rewritten, encoding="utf-8")
    _compiles_as_django_ru(catalog, django_ru, tmp_path)
    stats = [json.loads(run("stats", path, "--json").output)["catalogs"][0]
             for path in (catalog, django_ru)]
    assert [{k: v for k, v in s.items() if k != "catalog"} for s in stats[:1]] == \
        [{k: v for k, v in s.items() if k != "catalog"} for s in stats[1:]]
    check = CliRunner().invoke(cli, ["check", "--select", "TK001", str(catalog)])
    assert "TK001" not in check.output, check.output


def test_update_rewrites_an_entry_written_on_one_line_whole(tmp_path: Path) -> None:
    """An entry on one line (``msgid "Open" msgstr "Открыть"``) whose translation changes is
    written out again whole: rewriting only its msgstr would leave the old one on the msgid's
    line, a duplicate msgstr msgfmt refuses. The entries around it keep their bytes."""
    header = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
              '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
    catalog = tmp_path / "ru.po"
    catalog.write_text(header + 'msgid "Save" msgstr "Сохранить"\n\n'
                       'msgid "Open"msgstr"Открыть"\n\nmsgid "Close"\tmsgstr "Закрыть"\n',
                       encoding="utf-8")
    pot = tmp_path / "messages.pot"
    pot.write_text(header.replace('"Language: ru\\n"\n', "")
                   + 'msgid "Save"\nmsgstr ""\n\nmsgid "Open file"\nmsgstr ""\n\n'
                   'msgid "Close"\nmsgstr ""\n', encoding="utf-8")
    result = run("update", pot, catalog)
    assert result.exit_code == 0, result.output
    assert catalog.read_text(encoding="utf-8") == (
        header + 'msgid "Save" msgstr "Сохранить"\n\n#, fuzzy\n#| msgid "Open"\n'
        'msgid "Open file"\nmsgstr "Открыть"\n\nmsgid "Close"\tmsgstr "Закрыть"\n')
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(catalog)], check=True)


def test_a_line_two_entries_share_is_compiled_but_not_rewritten(tmp_path: Path) -> None:
    """``msgstr "" msgid "Open"``: msgfmt reads two entries; a command that writes the catalog
    back cannot keep each entry's lines apart, so it stops before any work with file:line,
    the file untouched. Reading commands take it."""
    catalog = tmp_path / "ru.po"
    text = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "Save"\nmsgstr "" msgid "Open"\nmsgstr "Открыть"\n')
    catalog.write_text(text, encoding="utf-8")
    pot = tmp_path / "messages.pot"
    pot.write_text('msgid ""\nmsgstr ""\n\nmsgid "Save"\nmsgstr ""\n\nmsgid "New"\n'
                   'msgstr ""\n', encoding="utf-8")
    for args in (("update", pot, catalog), ("fill", catalog, "--no-glossary")):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"toolkit: error: {catalog}:7: one entry ends and the "
                                        "next begins on this line"), result.output
        assert "Traceback" not in result.output
        assert catalog.read_text(encoding="utf-8") == text
    assert run("compile", catalog).exit_code == 0
    with open(catalog.with_suffix(".mo"), "rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("Open") == "Открыть"


def test_compile_refuses_broken_placeholders_unless_forced(tmp_path: Path,
                                                           django_zh: Path) -> None:
    text = django_zh.read_text(encoding="utf-8")
    po, _ = read_po(django_zh)
    e = next(e for e in po.live_entries if "python-format" in e.flags and e.msgid_plural is None
             and "%(" in e.msgstr and "fuzzy" not in e.flags)
    line = next(i for i, x in enumerate(text.splitlines(), 1)
                if i > e.line and x.startswith("msgstr"))
    broken = e.msgstr.replace("%(", "%(typo_", 1)
    lines = text.splitlines(keepends=True)
    assert lines[line - 1].startswith("msgstr ")
    from toolkit.po.writer import wrap_string

    end = line
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    lines[line - 1:end] = [x + "\n" for x in wrap_string("msgstr", broken)]
    django_zh.write_text("".join(lines), encoding="utf-8")
    result = run("compile", django_zh)
    assert result.exit_code == 2
    assert f"{django_zh}:{e.line}: placeholder %(typo_" in result.output
    assert not django_zh.with_suffix(".mo").exists()
    assert run("compile", django_zh, "--force").exit_code == 0


def test_compile_refuses_a_byte_order_mark_as_check_and_msgfmt_do(tmp_path: Path,
                                                                  django_ru: Path) -> None:
    catalog = tmp_path / "ru.po"
    catalog.write_bytes(codecs.BOM_UTF8 + django_ru.read_bytes())
    result = run("compile", catalog, "--force")
    assert result.exit_code == 2
    assert result.output == (f"toolkit: error: {catalog}:1: "
                             "file starts with a UTF-8 byte-order mark\n")
    assert not catalog.with_suffix(".mo").exists()
    check = CliRunner().invoke(cli, ["check", str(catalog), "--format", "json"])
    assert "byte-order-mark" in {f["rule"] for f in json.loads(check.stdout)["findings"]}
    if shutil.which("msgfmt"):
        gnu = subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(catalog)],
                             capture_output=True)
        assert gnu.returncode != 0


def test_update_and_init_leave_no_byte_order_mark_compile_would_refuse(tmp_path: Path,
                                                                       django_ru: Path) -> None:
    # update kept the BOM, so the next compile (and check, and msgfmt) refused the catalog
    pot = template_of(django_ru, tmp_path / "django.pot")
    catalog = tmp_path / "ru.po"
    catalog.write_bytes(codecs.BOM_UTF8 + django_ru.read_bytes())
    result = run("update", pot, catalog)
    assert result.exit_code == 0, result.output
    assert (f"{catalog}: note: removed the UTF-8 byte-order mark at the start of the file "
            "(msgfmt refuses a catalog that starts with one)\n") in result.stderr
    assert run("update", pot, django_ru).exit_code == 0
    assert catalog.read_bytes() == django_ru.read_bytes()  # the mark and nothing else
    assert run("compile", catalog).exit_code == 0
    again = json.loads(run("update", pot, catalog, "--json").stdout)
    assert [(r["changed"], r["notes"]) for r in again] == [(False, [])]
    catalog.write_bytes(codecs.BOM_UTF8 + django_ru.read_bytes())
    (row,) = json.loads(run("update", pot, catalog, "--json").stdout)
    assert row["changed"] and row["notes"] == [
        "removed the UTF-8 byte-order mark at the start of the file (msgfmt refuses a "
        "catalog that starts with one)"]
    # a template that starts with one gives a catalog that does not
    bom_pot = tmp_path / "bom.pot"
    bom_pot.write_bytes(codecs.BOM_UTF8 + pot.read_bytes())
    new = tmp_path / "new.po"
    assert run("init", bom_pot, "--lang", "ru", "-o", new).exit_code == 0
    assert not new.read_bytes().startswith(codecs.BOM_UTF8)


@pytest.mark.parametrize("text", ["", "\n\n", "# translator comment only\n",
                                  'msgid "Hello"\nmsgstr ""\n'])
def test_compile_refuses_a_catalog_with_nothing_to_compile(tmp_path: Path, text: str) -> None:
    # msgfmt exits 0 for these but writes no .mo at all: compiling nothing is a mistake to
    # report (a stale .mo would stay in use), not a 40-byte empty catalog to ship
    catalog = tmp_path / "ru.po"
    catalog.write_text(text, encoding="utf-8")
    result = run("compile", catalog)
    assert result.exit_code == 2
    assert result.output.startswith(f"toolkit: error: {catalog}:1: nothing to compile")
    assert not catalog.with_suffix(".mo").exists()
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(catalog)], check=True)
        assert not (tmp_path / "gnu.mo").exists()


HIT = Path(__file__).parents[1] / "data" / "hit"


def test_compile_says_when_a_c_catalog_needs_msgfmts_system_dependent_strings(
        tmp_path: Path) -> None:
    """Found by a new user's trial on git's and coreutils' catalogs: msgfmt writes a C
    message with an <inttypes.h> macro (%<PRIuMAX>) as a system-dependent string (a .mo of
    revision 1) that the C library expands to the machine's %lu; compile wrote it as plain
    text, which no program looks up, silently, while calling its output msgfmt's."""
    catalog = tmp_path / "ru.po"
    catalog.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
                       '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       '#, c-format\nmsgid "%s: %<PRIuMAX> bytes"\nmsgstr "%s: %<PRIuMAX> байт"\n'
                       '\n#, c-format\nmsgid "%s: done"\nmsgstr "%s: готово"\n', encoding="utf-8")
    result = run("compile", catalog)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{catalog}:7: warning: 1 C message with an <inttypes.h> macro (%s: %<PRIuMAX> bytes) "
        "written as plain text: GNU msgfmt writes such messages as system-dependent strings, "
        "which a C program needs to find them; compile this catalog with msgfmt\n")
    if shutil.which("msgfmt"):  # what msgfmt writes: a revision-1 file with one such string
        subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(catalog)], check=True)
        assert (tmp_path / "gnu.mo").read_bytes()[4:8] == b"\x01\x00\x00\x00"
    catalog.write_text(catalog.read_text("utf-8").replace("#, c-format\nmsgid \"%s: %<", "msgid "
                                                          "\"%s: %<"), encoding="utf-8")
    result = run("compile", catalog)  # not a C format: no warning
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_compile_takes_c_format_arguments_reordered_by_position(tmp_path: Path) -> None:
    # '%d researchers from %s' -> '来自%2$s的%1$d名研究人员': what msgfmt -c accepts
    catalog = shutil.copy(HIT / "zh_Hans.po", tmp_path / "zh_Hans.po")
    result = run("compile", catalog)
    assert result.exit_code == 0, result.output
    with open(tmp_path / "zh_Hans.mo", "rb") as fh:
        tr = gettext.GNUTranslations(fh)
    assert tr.gettext("%d researchers from %s") == "来自%2$s的%1$d名研究人员"
    if shutil.which("msgfmt"):
        gnu = tmp_path / "gnu.mo"
        subprocess.run(["msgfmt", "-c", "-o", str(gnu), str(catalog)], check=True)
        assert (tmp_path / "zh_Hans.mo").read_bytes() == gnu.read_bytes()


@pytest.mark.parametrize("command", ["stats", "compile", "update", "fill"])
def test_a_syntax_error_is_named_before_the_duplicate_it_leaves(tmp_path: Path,
                                                                command: str) -> None:
    # line 40 is 'msgid "Save' (unterminated): the reader takes it for msgid "", which then
    # duplicates the header; the error to show is the unterminated string
    catalog = shutil.copy(HIT / "syntax.ru.po", tmp_path / "ru.po")
    before = Path(catalog).read_bytes()
    pot = tmp_path / "hit.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                   encoding="utf-8")
    args = {"update": (pot, catalog), "fill": (catalog, "--dry-run")}.get(command, (catalog,))
    result = run(command, *args)
    assert result.exit_code == 2, result.output
    assert result.output.strip().endswith(f"{catalog}:40: unterminated string"), result.output
    assert "Traceback" not in result.output
    assert Path(catalog).read_bytes() == before


@pytest.mark.parametrize("command", ["init", "stats", "compile", "update", "fill"])
def test_a_missing_catalog_or_template_is_one_line_not_a_traceback(tmp_path: Path,
                                                                   command: str) -> None:
    # load_catalog unpacked read_po's result into '_', which shadowed gettext's _: the
    # 'no such file' message itself raised UnboundLocalError
    missing = tmp_path / "missing.pot"
    args = {"init": (missing, "--locale", "ru", "-o", tmp_path / "ru.po"),
            "update": (missing, shutil.copy(HIT / "ru.po", tmp_path / "hit.ru.po"))
            }.get(command, (missing,))
    result = run(command, *args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{missing}: no such file" in result.output


# ----------------------------------------------------------------------------------- stats


def test_stats_are_the_checkers_counts(tmp_path: Path, django_ru: Path,
                                       django_zh: Path) -> None:
    from toolkit.lint import check_file, load_check_config

    result = run("stats", tmp_path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    config = load_check_config()
    for row in data["catalogs"]:
        checked = check_file(row["catalog"], config)
        assert (row["total"], row["translated"], row["fuzzy"], row["untranslated"],
                row["obsolete"]) == (checked.total, checked.translated, checked.fuzzy,
                                     checked.untranslated, checked.obsolete)
        assert row["translated_words"] > 0
    assert set(data["locales"]) == {"ru", "zh_CN"}  # the Language header wins over the path


# --------------------------------------------------------------------------------- extract


def test_extract_from_config_and_check(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text(
        'from gettext import gettext as _, ngettext\n'
        'print(_("Hello, {name}").format(name="x"))\n'
        'print(ngettext("%d file", "%d files", 2) % 2)\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.toolkit.catalog]\nsources = ["app"]\ntemplate = "locales/messages.pot"\n'
        'mapping = [{pattern = "**.py", method = "python"}]\n', encoding="utf-8")
    config = str(tmp_path / "pyproject.toml")
    assert run("extract", "--config", config, "--check").exit_code == 1
    result = run("extract", "--config", config)
    assert result.exit_code == 0, result.output
    pot = tmp_path / "locales" / "messages.pot"
    po, _ = read_po(pot)
    assert [(e.msgid, e.msgid_plural) for e in po.live_entries] == [
        ("Hello, {name}", None), ("%d file", "%d files")]
    assert _entry(po, "Hello, {name}").references == ("app/views.py:2",)
    before = pot.read_bytes()
    assert run("extract", "--config", config, "--check").exit_code == 0
    assert run("extract", "--config", config).exit_code == 0
    assert pot.read_bytes() == before  # nothing new: not rewritten, date kept
    with open(tmp_path / "app" / "views.py", "a", encoding="utf-8") as fh:
        fh.write('print(_("Bye"))\n')
    assert run("extract", "--config", config, "--check").exit_code == 1
    assert pot.read_bytes() == before


def _extract_with_babel_cfg(tmp_path: Path, babel_cfg: str) -> Result:
    """`catalog extract` of a project whose src/a.py has one message, mapped by *babel_cfg*."""
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "a.py").write_text('_("From Python")\n', encoding="utf-8")
    (tmp_path / "babel.cfg").write_text(babel_cfg, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.toolkit.catalog]\nsources = ["src"]\ntemplate = "m.pot"\n', encoding="utf-8")
    return run("extract", "--config", tmp_path / "pyproject.toml")


def test_extract_with_babel_cfg(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "skip.txt").write_text('_("no")\n', encoding="utf-8")
    result = _extract_with_babel_cfg(tmp_path, "[python: **.py]\n")
    assert result.exit_code == 0, result.output
    po, _ = read_po(io.BytesIO((tmp_path / "m.pot").read_bytes()))
    assert [e.msgid for e in po.live_entries] == ["From Python"]


def test_extract_from_a_template_that_does_not_parse_is_file_line(tmp_path: Path,
                                                                   monkeypatch) -> None:
    """Found by a new user's trial: Jinja's extractor skips a template with a syntax error
    without a word (its 'silent' option, on by default), so its messages left the template
    and the next update made their translations obsolete; a Python file that does not parse
    was already an error. A mapping that asks for silence still gets it."""
    monkeypatch.chdir(tmp_path)
    templates = tmp_path / "src" / "templates"
    templates.mkdir(parents=True)
    (templates / "ok.html").write_text('<p>{{ _("Campus news") }}</p>\n', encoding="utf-8")
    (templates / "bad.html").write_text('<h1>{{ _("Latest news") }}</h1>\n'
                                        "<p>{% trans %}Broken{% endtras %}</p>\n",
                                        encoding="utf-8")
    (tmp_path / "babel.cfg").write_text("[jinja2: **/templates/**.html]\n", encoding="utf-8")
    for sources in ('["src"]', '["src/templates/ok.html", "src/templates/bad.html"]'):
        (tmp_path / "pyproject.toml").write_text(
            f'[tool.toolkit.catalog]\nsources = {sources}\ntemplate = "m.pot"\n',
            encoding="utf-8")
        result = run("extract")
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("toolkit: error: src/templates/bad.html:2: cannot "
                                         "extract messages: "), result.stderr
        assert not (tmp_path / "m.pot").exists()
    (tmp_path / "babel.cfg").write_text("[jinja2: **/templates/**.html]\nsilent = true\n",
                                        encoding="utf-8")
    result = run("extract")
    assert result.exit_code == 0, result.output
    po, _ = read_po(tmp_path / "m.pot")
    assert [e.msgid for e in po.live_entries] == ["Campus news"]


def test_extract_with_a_method_nobody_installed_is_a_config_error(tmp_path: Path) -> None:
    """Found by a new user's trial: a babel.cfg with [jinja2: **.html] and no Jinja2 in the
    toolkit's environment gave Babel's ValueError as a traceback, halfway through the walk."""
    result = _extract_with_babel_cfg(tmp_path, "[python: **.py]\n[no_such_engine: **.html]\n")
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"toolkit: error: {tmp_path / 'babel.cfg'}: unknown "
                                    "extraction method 'no_such_engine'"), result.stderr
    assert not (tmp_path / "m.pot").exists()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.toolkit.catalog]\nsources = ["src"]\ntemplate = "m.pot"\n'
        'mapping = [{pattern = "**.py", method = "pythn"}]\n', encoding="utf-8")
    result = run("extract", "--config", tmp_path / "pyproject.toml")
    assert result.exit_code == 2 and "unknown extraction method 'pythn'" in result.stderr


def test_extract_from_a_source_that_does_not_parse_is_file_line_not_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a new user's trial: a Python file cut off mid-call (an unsaved edit) gave
    tokenize's TokenError as a traceback, from a folder source and from a file source."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.py").write_text('_("Hello")\n', encoding="utf-8")
    (src / "cut.py").write_text('from gettext import gettext as _\nx = _("Open")\ny = f(\n',
                                encoding="utf-8")
    for sources in ('["src"]', '["src/ok.py", "src/cut.py"]'):
        (tmp_path / "pyproject.toml").write_text(
            f'[tool.toolkit.catalog]\nsources = {sources}\ntemplate = "m.pot"\n',
            encoding="utf-8")
        for lang, text in (("en", "cannot extract messages"),
                           ("ru", "не удаётся извлечь сообщения")):
            result = CliRunner().invoke(cli, ["catalog", "extract"], env={"LANGUAGE": lang})
            assert result.exit_code == 2, result.output
            assert result.exception is None or isinstance(result.exception, SystemExit)
            assert result.stderr.startswith("toolkit: "), result.stderr
            assert f"src/cut.py:4: {text}: EOF in multi-line statement" in result.stderr
        assert not (tmp_path / "m.pot").exists()


def test_extract_that_finds_nothing_says_why_it_may_be(tmp_path: Path) -> None:
    """Found by a new user's trial: a babel.cfg written for `pybabel extract .`
    ([python: src/**.py]) with sources = ["src"] matched no file, and extract wrote an empty
    template saying only "(0 messages)"."""
    result = _extract_with_babel_cfg(tmp_path, "[python: src/**.py]\n")
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"note: no messages found in {tmp_path / 'src'}; mapping "
                             "patterns (src/**.py) are relative to each source folder\n")
    (tmp_path / "babel.cfg").write_text("[python: **.py]\n", encoding="utf-8")
    result = run("extract", "--config", tmp_path / "pyproject.toml")
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_catalog_config_is_checked_like_every_table(tmp_path: Path) -> None:
    """[tool.toolkit.catalog] went through its own reader: a typo'd key was ignored."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.toolkit.catalog]\nsources = ["src"]\ntemplat = "m.pot"\n', encoding="utf-8")
    result = run("extract", "--config", tmp_path / "pyproject.toml")
    assert result.exit_code == 2, result.output
    assert "pyproject.toml:3:" in result.output and "templat" in result.output
    assert "Traceback" not in result.output


NEWUSER = Path(__file__).parents[1] / "data" / "newuser"


def test_compile_names_the_plural_forms_that_are_missing_or_unexpected(tmp_path: Path) -> None:
    # msgstr[0], [1] and [5] under nplurals=3: compile said '3 plural forms, the header says
    # nplurals=3', which contradicts itself; check (TK303) names the indices
    catalog = tmp_path / "ru.po"
    text = (NEWUSER / "ru.po").read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr[2] "{n} лабораторий', 'msgstr[5] "{n} лабораторий'),
                       encoding="utf-8")
    result = run("compile", catalog)
    assert result.exit_code == 2
    assert "plural forms missing msgstr[2]; unexpected msgstr[5], the header says nplurals=3" \
        in result.output
    check = CliRunner().invoke(cli, ["check", str(catalog)])
    assert "plural forms missing msgstr[2]; unexpected msgstr[5] (nplurals=3)" in check.output


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ("заполнителя %(town)s нет в исходном тексте", "и ещё 1", "исправьте")),
    ("zh_CN", ("占位符 %(town)s 不在原文中", "另有 1 处", "请修正"))])
def test_compile_refusals_speak_the_users_language(tmp_path: Path, monkeypatch, lang: str,
                                                   words: tuple[str, ...]) -> None:
    # compile's refusals were English f-strings under LANGUAGE=ru while check's findings of
    # the same defects were Russian; the library's message stays English (JSON, scripts)
    from toolkit.catalog.compile import mo_bytes
    from toolkit.catalog.compile_check import BrokenEntries

    catalog = tmp_path / "ru.po"
    text = (NEWUSER / "ru.po").read_text(encoding="utf-8")
    text = text.replace('msgstr[2] "{n} лабораторий', 'msgstr[5] "{n} лабораторий')
    text = text.replace("открывает новый кампус в городе %(city)s",
                        "открывает новый кампус в городе %(town)s")
    catalog.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["catalog", "compile", str(catalog)],
                                env={"LANGUAGE": lang})
    assert result.exit_code == 2, result.output
    assert all(word in result.output for word in words), result.output
    assert "placeholder" not in result.output and "missing" not in result.output
    assert "fix it or pass" not in result.output and "more" not in result.output
    monkeypatch.setenv("LANGUAGE", lang)
    with pytest.raises(BrokenEntries) as caught:
        mo_bytes(read_po(catalog)[0], path=str(catalog))
    assert str(caught.value) == (
        f"{catalog}:23: placeholder %(town)s is not in the source (python-format) "
        "(and 1 more); fix it or pass --force")
    assert [str(p.message) for p in caught.value.problems][1] == (
        "plural forms missing msgstr[2]; unexpected msgstr[5], the header says nplurals=3")


def test_extract_keeps_translators_comments_and_names_the_project(tmp_path: Path) -> None:
    # the review's gettext project: '# Translators:' (Django's spelling) was dropped, only
    # 'TRANSLATORS:' was kept, and the header said 'PROJECT VERSION' although
    # pyproject.toml's [project] names both
    project = shutil.copytree(NEWUSER / "project", tmp_path / "project")
    result = run("extract", "--config", project / "pyproject.toml")
    assert result.exit_code == 0, result.output
    pot, _ = read_po(project / "locales" / "campusnews.pot")
    assert pot.header["Project-Id-Version"] == "campusnews 0.1"
    visit = next(e for e in pot.entries if e.msgid == "Visit our campus in %s")
    assert list(visit.auto_comments) == ["a city name follows"]
    assert "python-format" in visit.flags
    labs = next(e for e in pot.entries if e.msgctxt == "lab")
    assert labs.msgid_plural == "{n} laboratories in {city}"
    assert "python-brace-format" in labs.flags


@pytest.mark.parametrize("field, expected", [
    ('"Report-Msgid-Bugs-To: i18n@example.org\\n"\n', "i18n@example.org"),
    ('"Report-Msgid-Bugs-To: \\n"\n', ""),
    ("", "translators@old.example"),  # the template has none: the catalog's stays
])
def test_update_takes_the_bug_address_from_the_template_as_msgmerge_does(
        tmp_path: Path, field: str, expected: str) -> None:
    """msgmerge copies POT-Creation-Date and Report-Msgid-Bugs-To from the template (the
    address set by extract's msgid-bugs-address); update only copied the date, so a new
    address never reached the catalogs."""
    pot = tmp_path / "messages.pot"
    pot.write_text('msgid ""\nmsgstr ""\n' + field
                   + '"POT-Creation-Date: 2026-02-01 00:00+0000\\n"\n'
                   '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Save"\nmsgstr ""\n', encoding="utf-8")
    po = tmp_path / "ru.po"
    po.write_text('msgid ""\nmsgstr ""\n"Report-Msgid-Bugs-To: translators@old.example\\n"\n'
                  '"POT-Creation-Date: 2025-01-01 00:00+0000\\n"\n"Language: ru\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Save"\nmsgstr "Сохранить"\n', encoding="utf-8")
    gnu = _updated_beside_msgmerge(pot, po)
    header = read_po(po)[0].header
    assert header["Report-Msgid-Bugs-To"] == expected
    assert header["POT-Creation-Date"] == "2026-02-01 00:00+0000"
    if gnu:
        assert read_po(gnu)[0].header["Report-Msgid-Bugs-To"] == expected


def _updated_beside_msgmerge(pot: Path, po: Path) -> Path | None:
    """`catalog update POT PO`, and a copy of PO as `msgmerge --previous -U` leaves it, to
    compare with (None where GNU gettext is not installed)."""
    gnu = po.with_name("gnu.po")
    shutil.copy(po, gnu)
    result = run("update", pot, po)
    assert result.exit_code == 0, result.output
    if not shutil.which("msgmerge"):
        return None
    subprocess.run(["msgmerge", "-q", "--previous", "-U", "--backup=off", str(gnu), str(pot)],
                   check=True)
    return gnu


_RU_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
              '"Language: ru\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 '
              ': n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n')


def test_update_previous_strings_say_what_the_translation_was_made_for(tmp_path: Path) -> None:
    """'#|' lines as msgmerge --previous writes them: a singular that became plural and a
    plural that became singular get the old msgctxt/msgid/msgid_plural (they had none), and
    a fuzzy entry matched again keeps the previous text its translation was made for (it
    was replaced by that fuzzy entry's own msgid, losing 'Old text')."""
    po = tmp_path / "ru.po"
    po.write_text(_RU_HEADER
                  + 'msgid "%d row"\nmsgstr "%d строка"\n\n'
                  'msgctxt "x"\nmsgid "%d col"\nmsgid_plural "%d cols"\nmsgstr[0] "%d столбец"\n'
                  'msgstr[1] "%d столбца"\nmsgstr[2] "%d столбцов"\n\n'
                  '#, fuzzy\n#| msgid "Old text"\nmsgid "Some text"\nmsgstr "Старый текст"\n',
                  encoding="utf-8")
    pot = tmp_path / "messages.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "%d row"\nmsgid_plural "%d rows"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
                   'msgctxt "x"\nmsgid "%d col"\nmsgstr ""\n\n'
                   'msgid "Some text!"\nmsgstr ""\n', encoding="utf-8")
    gnu = _updated_beside_msgmerge(pot, po)

    def previous(path: Path) -> dict:
        return {e.msgid: (e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural)
                for e in read_po(path)[0].live_entries if "fuzzy" in e.flags}

    expected = {"%d row": (None, "%d row", None), "%d col": ("x", "%d col", "%d cols"),
                "Some text!": (None, "Old text", None)}
    assert previous(po) == expected
    if gnu:
        assert previous(gnu) == expected


def test_extract_check_names_the_messages_the_template_misses_or_no_longer_has(
        tmp_path: Path) -> None:
    """A failed 'extract --check' in CI said only 'out of date': which message to add (or
    that one was dropped) had to be found by running extract and diffing the template."""
    views = tmp_path / "app" / "views.py"
    views.parent.mkdir()
    views.write_text('from gettext import gettext as _, pgettext\n'
                     'print(_("Hello"))\nprint(_("Old label"))\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.toolkit.catalog]\nsources = ["app"]\ntemplate = "messages.pot"\n'
        'mapping = [{pattern = "**.py", method = "python"}]\n', encoding="utf-8")
    config = str(tmp_path / "pyproject.toml")
    assert run("extract", "--config", config).exit_code == 0
    views.write_text('from gettext import gettext as _, pgettext\n\n'
                     'print(_("Hello"))\nprint(_("New label"))\n'
                     'print(pgettext("menu", "Open"))\n', encoding="utf-8")
    result = run("extract", "--config", config, "--check")
    assert result.exit_code == 1
    assert "not in the template yet: 'New label', 'Open' [menu]" in result.stderr
    assert "in the template, gone from the sources: 'Old label'" in result.stderr
    assert "1 message changed in its references" in result.stderr  # Hello moved a line
    data = json.loads(run("extract", "--config", config, "--check", "--json").stdout)
    assert data["added"] == [{"msgctxt": None, "msgid": "New label"},
                             {"msgctxt": "menu", "msgid": "Open"}]
    assert data["removed"] == [{"msgctxt": None, "msgid": "Old label"}]


def _without_write_override() -> list[str]:
    """A command prefix under which the file modes hold: root's CAP_DAC_OVERRIDE dropped
    (util-linux setpriv), nothing for another user; pytest.skip when root has no setpriv."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root without setpriv: the file's mode does not bind root")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_a_read_only_catalog_is_not_replaced(tmp_path: Path, django_ru: Path) -> None:
    # Trial: `update` replaced a chmod-444 catalog through its atomic rename (exit 0, the file
    # rewritten, still 444), where msgmerge -U refuses; a locked checkout's file must stay.
    import sys

    catalog = tmp_path / "ru.po"
    shutil.copy(django_ru, catalog)
    pot = template_of(django_ru, tmp_path / "django.pot")
    with pot.open("a", encoding="utf-8") as fh:
        fh.write('\nmsgid "A message the catalog does not have yet"\nmsgstr ""\n')
    before, files = catalog.read_bytes(), sorted(tmp_path.rglob("*"))
    catalog.chmod(0o444)
    result = subprocess.run([*_without_write_override(), sys.executable, "-m", "toolkit",
                             "catalog", "update", str(pot), str(catalog)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert f"{catalog}: cannot write: permission denied" in result.stderr
    assert "Traceback" not in result.stderr
    assert catalog.read_bytes() == before
    assert sorted(tmp_path.rglob("*")) == files  # no temporary file left either
    catalog.chmod(0o644)  # writable again: the same command does its work
    result = subprocess.run([sys.executable, "-m", "toolkit", "catalog", "update", str(pot),
                             str(catalog)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert b"A message the catalog does not have yet" in catalog.read_bytes()
