"""The CLI speaks the user's language: --help pages, Click's own words, messages and summaries
(LANGUAGE=ru, LANGUAGE=zh_CN.UTF-8), chosen per run, English otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.i18n import help_messages, translations

ROOT = Path(__file__).resolve().parents[2]


def _flat(text: str) -> str:
    """Whitespace-insensitive view (Click rewraps help paragraphs, also after a hyphen)."""
    return "".join(text.split())


def _command(path: list[str]) -> click.Command:
    cmd: click.Command = cli
    ctx = click.Context(cli)
    for name in path:
        assert isinstance(cmd, click.Group)
        found = cmd.get_command(ctx, name)
        assert found is not None, name
        cmd = found
    return cmd


def _help(path: list[str], lang: str) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"], env={"LANGUAGE": lang},
                                prog_name="toolkit")
    assert result.exit_code == 0, result.output
    return result.output


def _messages(cmd: click.Command) -> list[str]:
    """Every help message of *cmd*: its help text and its options' help."""
    texts = [cmd.help or ""]
    texts += [p.help for p in cmd.params if getattr(p, "help", None)]
    return [m for text in texts for m in help_messages(text)]


@pytest.mark.parametrize("path", [[], ["translate"], ["check"], ["catalog"], ["glossary"],
                                  ["glossary", "add"], ["catalog", "update"]])
def test_help_is_russian(path: list[str]) -> None:
    ru = translations("ru")
    shown = _flat(_help(path, "ru"))
    assert shown.startswith("Использование:toolkit")
    assert "Показатьэтосообщениеивыйти." in shown and "Параметры:" in shown
    messages = _messages(_command(path))
    assert messages
    for message in messages:
        translated = ru.gettext(message)
        assert translated != message, f"not translated: {message!r}"
        # a \b block keeps its line breaks; a paragraph is rewrapped: compare flattened
        assert _flat(translated) in shown, translated
    assert "Showthismessageandexit." not in shown and "Usage:" not in shown


def test_top_level_help_lists_the_commands_in_russian() -> None:
    shown = _help([], "ru")
    assert "Команды:" in shown
    assert "Примеры:" in shown and "toolkit translate examples/press-release.en.md" in shown
    assert "Перевести FILE" in shown  # translate's short help, from its translated docstring


def test_check_help_is_chinese() -> None:
    zh = translations("zh_Hans")
    shown = _flat(_help(["check"], "zh_CN.UTF-8"))
    assert shown.startswith("用法:toolkitcheck")
    for message in _messages(_command(["check"])):
        assert zh.gettext(message) != message
        assert _flat(zh.gettext(message)) in shown


def test_help_language_is_chosen_per_run_not_at_import() -> None:
    assert "Показать" in _help(["catalog"], "ru")
    english = _help(["catalog"], "en")
    assert english.startswith("Usage: toolkit catalog")
    assert "Show this message and exit." in english
    assert "Manage gettext catalogs" in english


def test_click_usage_errors_are_russian() -> None:
    result = CliRunner().invoke(cli, ["check", "--bogus"], env={"LANGUAGE": "ru"},
                                prog_name="toolkit")
    assert result.exit_code == 2
    assert "Ошибка: Нет такого параметра '--bogus'." in result.output
    assert "Подробнее: 'toolkit check -h'." in result.output or \
        "Подробнее: 'toolkit check --help'." in result.output


def test_check_summary_in_russian_plurals(tmp_path: Path) -> None:
    po = tmp_path / "ru.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; '
                  'charset=UTF-8\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 && '
                  'n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);'
                  '\\n"\n\nmsgid "Hello, {name}!"\nmsgstr "Привет!"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(po), "--no-color"],
                                env={"LANGUAGE": "ru"})
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith("1 ошибка, "), summary
    assert "файлов с замечаниями: 1 из 1 (проверено записей: 1)" in summary


def test_python_m_toolkit_help_in_russian() -> None:
    env = {**os.environ, "LANGUAGE": "ru", "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run([sys.executable, "-m", "toolkit", "--help"], env=env, cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout
    assert out.startswith("Использование: toolkit")
    assert _flat(translations("ru").gettext(
        "Offline, glossary-aware translation and localization for Russian, English and "
        "Chinese.")) in _flat(out)


def _all_commands() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        paths.append(path)
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(click.Context(cmd)):
                walk(_command([*path, name]), [*path, name])

    walk(cli, [])
    return paths


@pytest.mark.parametrize("lang", ["ru", "zh_Hans"])
def test_every_help_text_is_translated(lang: str) -> None:
    """Every command's help and every option's help has a translation (a help text kept in a
    variable needs N_() to be extracted; this finds one that has none)."""
    t = translations(lang)
    missing = {m for path in _all_commands() for m in _messages(_command(path))
               if t.gettext(m) == m}
    assert not missing, sorted(missing)


def test_chinese_help_is_wrapped_by_terminal_columns() -> None:
    """Click breaks lines only at spaces and counts a Chinese character as one column; the
    localized formatter breaks between characters and counts two, so no line passes 80."""
    import unicodedata

    def columns(line: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    for path in _all_commands():
        result = CliRunner().invoke(cli, [*path, "--help"], env={"LANGUAGE": "zh_CN",
                                                                 "COLUMNS": "80"},
                                    prog_name="toolkit", terminal_width=80)
        wide = [line for line in result.output.splitlines()
                if any(unicodedata.east_asian_width(c) in "WF" for c in line)]
        assert wide, path
        assert max(map(columns, wide)) <= 80, (path, max(wide, key=columns))
        assert "--\n" not in result.output  # option names are never split


@pytest.mark.parametrize(("lang", "usage"), [
    ("ru", "Использование: toolkit [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]..."),
    ("zh_CN.UTF-8", "toolkit [选项] 命令 [参数]..."),
    ("en", "Usage: toolkit [OPTIONS] COMMAND [ARGS]..."),
])
def test_usage_metavars_are_translated(lang: str, usage: str) -> None:
    assert usage in _help([], lang)
    sub = _help(["translate"], lang)
    assert ("[OPTIONS]" in sub) == (lang == "en") and "[FILE|-]" in sub


def _run(args: list[str], lang: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, env={"LANGUAGE": lang})
    return result.exit_code, result.stderr


def test_glossary_and_memory_errors_are_translated(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("concept_id,lang,term\nfoo,en,Fo\x01o\n", encoding="utf-8")
    out = tmp_path / "out.tbx"
    code, err = _run(["glossary", "import", str(bad), str(out)], "ru")
    assert code == 2 and err == (f"toolkit: ошибка: {out}: символ U+0001 нельзя записать в XML "
                                 f"(в 'Fo\\x01o'): понятие 'foo' (прочитано из {bad}:2), "
                                 f"термин 'Fo\\x01o' (en) (прочитано из {bad}:2)\n")
    code, err = _run(["glossary", "import", str(bad), str(out)], "zh_CN.UTF-8")
    assert code == 2 and "字符 U+0001 无法写入 XML" in err and "概念 'foo'" in err
    tbx = tmp_path / "broken.tbx"
    tbx.write_text('<?xml version="1.0"?>\n<tbx><text><body><conceptEntry>'
                   '</conceptEntry></body></text></tbx>\n', encoding="utf-8")
    code, err = _run(["glossary", "list", "-g", str(tbx), "--no-shipped"], "ru")
    assert code == 2 and "нет атрибута id (в" in err, err
    tmx = tmp_path / "bad.tmx"
    tmx.write_text('<?xml version="1.0"?>\n<notmx/>\n', encoding="utf-8")
    code, err = _run(["memory", "import", str(tmx), "--memory", str(tmp_path / "m.db")],
                     "zh_CN.UTF-8")
    assert code == 2 and err == f"toolkit：错误：{tmx}: 不是 TMX 文件（没有 <tmx> 根元素）\n"
    csv = tmp_path / "dnt.csv"
    csv.write_text("concept_id,lang,term,dnt\nfoo,en,Foo,perhaps\n", encoding="utf-8")
    code, err = _run(["glossary", "list", "-g", str(csv), "--no-shipped"], "ru")
    assert code == 2 and "столбец 'dnt': ожидалось yes/no, получено 'perhaps'" in err, err
    # English stays English
    code, err = _run(["memory", "import", str(tmx), "--memory", str(tmp_path / "m.db")], "en")
    assert err == f"toolkit: error: {tmx}: not a TMX file (no <tmx> root)\n"


@pytest.mark.parametrize(("lang", "script"), [("ru", "[а-яё]"), ("zh_CN", "[\u4e00-\u9fff]")])
def test_comments_of_help_examples_are_translated(lang: str, script: str) -> None:
    """`toolkit models install en ru   # from the Argos index` kept its English comment under
    LANGUAGE=ru: an example line was verbatim, comment and all. The command stays verbatim,
    the comment is in the user's language."""
    import re

    seen = 0
    for path in _all_commands():
        for line in _help(path, lang).splitlines():
            found = re.match(r"\s+toolkit .*?\s{2,}#\s+(.*)$", line)
            if found:
                seen += 1
                assert re.search(script, found.group(1)), (path, line)
    assert seen >= 4


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", "toolkit, версия {v}\n"), ("zh_CN", "toolkit，版本 {v}\n"),
    ("en", "toolkit, version {v}\n")])
def test_version_is_in_the_users_language(lang: str, expected: str) -> None:
    from toolkit import __version__

    result = CliRunner().invoke(cli, ["--version"], env={"LANGUAGE": lang})
    assert result.exit_code == 0 and result.output == expected.format(v=__version__)


def test_more_errors_are_translated(tmp_path: Path) -> None:
    """Errors that were English f-strings inside a Russian line ("toolkit: ошибка: unknown
    format 'xml'; choose from ..."), found by running commands with bad values under
    LANGUAGE=ru; --json and str() stay English."""
    catalog = ROOT / "tests" / "data" / "newuser" / "ru.po"
    code, err = _run(["check", "--format", "xml", str(catalog)], "ru")
    assert code == 2 and err == ("toolkit: ошибка: неизвестный формат 'xml'; используйте один "
                                 "из: github, json, junit, sarif, text\n")
    code, err = _run(["models", "install", str(tmp_path)], "ru")
    assert code == 2 and err == f"toolkit: ошибка: {tmp_path}: это не файл\n"
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    code, err = _run(["memory", "stats", "--memory", str(blocked / "m.db")], "ru")
    assert code == 2 and err.startswith(f"toolkit: ошибка: {blocked / 'm.db'}: не удаётся "
                                        "открыть: "), err
    code, err = _run(["memory", "stats", "--memory", "/dev/null"], "zh_CN")
    assert code == 2 and err.startswith("toolkit：错误：/dev/null: 不是翻译记忆库："), err
    code, err = _run(["memory", "stats", "--memory", "/dev/null"], "en")
    assert err.startswith("toolkit: error: /dev/null: not a translation memory: "), err
