"""The toolkit's own UI catalogs are used at run time and follow the environment's language."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.i18n import translations, ui_language
from toolkit.po.reader import read_po


def test_ui_language_from_environment() -> None:
    assert ui_language({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert ui_language({"LANGUAGE": "zh_CN:en", "LANG": "ru_RU.UTF-8"}) == "zh_Hans"
    assert ui_language({"LC_ALL": "zh_TW.UTF-8"}) == "zh_Hant"
    assert ui_language({"LANG": "C.UTF-8"}) is None
    assert ui_language({}) is None


def test_catalogs_translate_cli_messages() -> None:
    assert translations("ru").gettext("toolkit: error: {message}") != "toolkit: error: {message}"
    assert "{message}" in translations("zh_Hans").gettext("toolkit: error: {message}")
    assert translations("de").gettext("Translating") == "Translating"


def test_error_message_in_russian(monkeypatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ru")
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "de"], input="Hi.")
    assert result.exit_code == 2
    expected = translations("ru").gettext("toolkit: error: {message}").split("{")[0]
    assert result.stderr.startswith(expected)
    assert "toolkit: error:" not in result.stderr
    assert "язык 'de' не поддерживается" in result.stderr  # the library's LanguageError too


RU_PO = r'''msgid ""
msgstr ""
"Language: ru\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgid "Usage:"
msgstr "Использование:"

#, fuzzy
msgid "Options"
msgstr "Не проверено"

msgid "Commands"
msgstr ""

msgid "{n} file"
msgid_plural "{n} files"
msgstr[0] "{n} файл"
msgstr[1] "{n} файла"
msgstr[2] "{n} файлов"
'''


def test_load_catalog_keeps_what_msgfmt_keeps(tmp_path) -> None:
    from toolkit.i18n import load_catalog

    path = tmp_path / "toolkit.po"
    path.write_text(RU_PO, encoding="utf-8")
    t = load_catalog(path)
    assert t.gettext("Usage:") == "Использование:"
    assert t.gettext("Options") == "Options"  # fuzzy: not used
    assert t.gettext("Commands") == "Commands"  # untranslated
    forms = [t.ngettext("{n} file", "{n} files", n) for n in (1, 3, 5, 21, 11)]
    assert forms == ["{n} файл", "{n} файла", "{n} файлов", "{n} файл", "{n} файлов"]
    assert t.ngettext("{n} dir", "{n} dirs", 2) == "{n} dirs"


HELP = """Check catalogs for the defects
    that break a release.

    \b
    Examples:
      toolkit check locales/
      toolkit check --list-rules

    \b
    Suppress one finding with a comment
    (it survives msgmerge):
      # toolkit-ignore: TK204
    """


def test_help_messages_are_paragraphs_and_example_headings() -> None:
    from toolkit.i18n import help_messages

    assert help_messages(HELP) == [
        "Check catalogs for the defects that break a release.",
        "Examples:",
        "Suppress one finding with a comment\n(it survives msgmerge):"]


def test_help_text_translates_the_messages_and_keeps_the_commands(monkeypatch) -> None:
    from toolkit.i18n import help_text

    monkeypatch.setenv("LANGUAGE", "ru")
    shown = help_text(HELP)
    assert "\b\n" + translations("ru").gettext("Examples:") + "\n  toolkit check locales/" in shown
    monkeypatch.setenv("LANGUAGE", "en")
    assert help_text(HELP).startswith("Check catalogs for the defects that break a release.")


def test_extractor_takes_docstrings_and_help_arguments() -> None:
    import io

    from toolkit.catalog.docstrings import extract_click

    source = '''
import click
from toolkit.i18n import _

@click.command()
@click.option("--x", help="Does X.")
def cmd(x):
    """Run it.

    \\b
    Example:
      toolkit cmd --x
    """
    click.echo(_("done"))

def helper():
    """Not a command: not a message."""
'''
    found = [m for _line, _f, m, _c in extract_click(
        io.BytesIO(source.encode()), {"_": None}, [], {})]
    assert sorted(found) == ["Does X.", "Example:", "Run it.", "done"]


ROOT = Path(__file__).resolve().parent.parent


def test_ui_template_and_catalogs_are_current() -> None:
    """locales/toolkit.pot holds every message the code has (what `python
    tools/update_locales.py --check` runs), and ru and zh_Hans translate every one of them,
    none fuzzy. A new ``_()`` message or Click help text needs `python tools/update_locales.py`
    and its two translations in the same change."""
    result = CliRunner().invoke(cli, ["catalog", "extract", "--config",
                                      str(ROOT / "pyproject.toml"), "--check"])
    assert result.exit_code == 0, (result.output, "run: python tools/update_locales.py")
    pot, _decoded = read_po(ROOT / "locales" / "toolkit.pot")
    wanted = {e.msgid for e in pot.live_entries}
    for lang in ("ru", "zh_Hans"):
        po, _decoded = read_po(ROOT / "locales" / lang / "LC_MESSAGES" / "toolkit.po")
        done = {e.msgid for e in po.live_entries if e.translated and not e.fuzzy}
        assert not wanted - done, (lang, sorted(wanted - done))


def test_ui_catalogs_pass_the_check_ci_runs_on_them() -> None:
    """`.ci/run` gates on `toolkit check locales/ --min-translated 100 --fail-on warning`;
    pytest says so first. Click's plural messages give both names the same text, and a
    Russian form 0 also serves 21, 31 ...: it must write the plural's placeholder (msgfmt -c
    refuses 'Возможно, вы имели в виду {possibility}?' for form 0)."""
    result = CliRunner().invoke(cli, ["check", str(ROOT / "locales"), "--min-translated",
                                      "100", "--fail-on", "warning"])
    assert result.exit_code == 0, result.output


def test_library_errors_are_shown_in_the_users_language(tmp_path, monkeypatch) -> None:
    broken = tmp_path / "ru.po"
    broken.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "Open\nmsgstr "x"\n',
                      encoding="utf-8")
    before = broken.read_bytes()
    runner = CliRunner()
    for lang, text in (("ru", "незакрытая строка"), ("zh_CN.UTF-8", "字符串未结束"),
                       ("en", "unterminated string")):
        result = runner.invoke(cli, ["catalog", "stats", str(broken)], env={"LANGUAGE": lang})
        assert result.exit_code == 2 and f"{broken}:5: {text}" in result.stderr, result.output
    assert broken.read_bytes() == before
    # the same reader error is a finding of `check`: English in JSON whatever the language
    found = runner.invoke(cli, ["check", str(broken), "--format", "json"], env={"LANGUAGE": "ru"})
    assert '"message": "unterminated string"' in found.stdout
    project = tmp_path / "site"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.toolkit.check]\nmin-translated = 200\n",
                                            encoding="utf-8")
    monkeypatch.chdir(project)
    result = runner.invoke(cli, ["check", "."], env={"LANGUAGE": "ru"})  # the project's config
    assert result.exit_code == 2
    assert "min-translated должен быть числом от 0 до 100" in result.stderr, result.output


def test_model_errors_are_shown_in_the_users_language(tmp_path) -> None:
    archive = tmp_path / "bad.argosmodel"
    archive.write_text("not a zip", encoding="utf-8")
    for lang, text in (("ru", "это не zip-архив (файл .argosmodel — это zip-архив одной папки "
                               "пакета)"),
                       ("zh_CN.UTF-8", "不是 zip 归档"),
                       ("en", "not a zip archive (an .argosmodel file is a zip of one package "
                              "folder)")):
        result = CliRunner().invoke(cli, ["models", "install", str(archive)],
                                    env={"LANGUAGE": lang})
        assert result.exit_code == 2 and f"{archive}: {text}" in result.stderr, result.output


def test_rule_list_severities_and_tables_are_translated() -> None:
    from toolkit.lint import RULES

    for lang in ("ru", "zh_Hans"):  # every rule's description is in both catalogs
        untranslated = [r.code for r in RULES.values()
                        if translations(lang).gettext(r.description) == r.description]
        assert untranslated == [], (lang, untranslated)
    runner = CliRunner()
    ru = runner.invoke(cli, ["check", "--list-rules"], env={"LANGUAGE": "ru"}).stdout
    assert "TK001  syntax-error               ошибка          Синтаксическая ошибка PO" in ru
    zh = runner.invoke(cli, ["check", "--list-rules"], env={"LANGUAGE": "zh_CN.UTF-8"}).stdout
    assert "TK005  crlf-line-endings          警告  Windows 的 CRLF 行尾" in zh
    english = runner.invoke(cli, ["check", "--list-rules", "--json"], env={"LANGUAGE": "en"})
    assert runner.invoke(cli, ["check", "--list-rules", "--json"],
                         env={"LANGUAGE": "ru"}).stdout == english.stdout
    assert '"severity": "error"' in english.stdout and "PO syntax error" in english.stdout
    shown = runner.invoke(cli, ["glossary", "show", "spbpu"], env={"LANGUAGE": "ru"}).stdout
    assert shown.splitlines()[2].split() == ["язык", "тип", "статус", "флаги", "термин",
                                             "примечание"]
    listed = runner.invoke(cli, ["models", "list"], env={"LANGUAGE": "zh_CN.UTF-8"}).stdout
    header, first = listed.splitlines()[:2]
    assert header.split() == ["语言对", "版本", "大小", "种类", "路径"]
    from toolkit.i18n import columns  # lined up by terminal columns: 语言对 takes six

    assert first.index("0.1") == columns(header[:header.index("版本")]) == 8


def test_check_text_names_severities_in_the_users_language(tmp_path) -> None:
    path = tmp_path / "ru.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; '
                    'charset=UTF-8\\n"\n\nmsgid "Save."\nmsgstr "Сохранить"\n\n'
                    'msgid "Open"\nmsgstr ""\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)], env={"LANGUAGE": "ru"})
    lines = result.stdout.splitlines()
    assert any("  предупреждение  TK204  " in line for line in lines), result.stdout
    assert any("  сведения        TK301  не переведено" in line for line in lines)


def test_models_verify_reports_in_the_users_language() -> None:
    runner = CliRunner()
    ru = runner.invoke(cli, ["models", "verify", "en", "ru"], env={"LANGUAGE": "ru"})
    assert ru.exit_code == 0, ru.output
    assert "письменность языка перевода: 100% букв — кириллица (нужно не меньше 60%)" in ru.stdout
    assert "слова: 42 буквы" in ru.stdout  # 42: the "few" form
    english = runner.invoke(cli, ["models", "verify", "en", "ru", "--json"],
                            env={"LANGUAGE": "en"}).stdout
    as_ru = runner.invoke(cli, ["models", "verify", "en", "ru", "--json"],
                          env={"LANGUAGE": "ru"}).stdout
    drop = re.compile(r'"seconds": [0-9.]+')
    assert drop.sub("", as_ru) == drop.sub("", english)
    assert '"detail": "100% of the letters are Cyrillic (at least 60% wanted)"' in english


def test_glossary_validate_speaks_the_users_language(tmp_path) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept_id,lang,term,status\nx1,en,Open ,preferred\n"
                        "x1,ru,Открыть,admitted\n", encoding="utf-8")
    runner = CliRunner()
    ru = runner.invoke(cli, ["glossary", "validate", str(glossary)], env={"LANGUAGE": "ru"})
    assert ru.exit_code == 1
    assert "GL207 no-preferred: у понятия x1 есть термины на языке ru, но ни один не помечен " \
           "как предпочтительный" in ru.stdout
    assert "2 проблемы; файлов: 1" in ru.stderr
    english = runner.invoke(cli, ["glossary", "validate", str(glossary), "--json"],
                            env={"LANGUAGE": "en"}).stdout
    assert runner.invoke(cli, ["glossary", "validate", str(glossary), "--json"],
                         env={"LANGUAGE": "ru"}).stdout == english
    assert "concept x1 has ru terms but none preferred" in english
