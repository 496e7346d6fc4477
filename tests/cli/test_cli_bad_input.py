"""Bad values on the command line: one line, exit 2, nothing written or lost. Found by
trying each command's options with values a hurried user or a broken script gives (empty,
negative, NaN, the wrong file), after tools/fuzz_cli.py found no traceback in the files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli.main import cli

DATA = Path(__file__).parents[1] / "data" / "newuser"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env={"LANGUAGE": "en"})


def _catalog(tmp_path: Path) -> Path:
    catalog = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    shutil.copy(DATA / "ru.po", catalog)
    return catalog


@pytest.mark.parametrize("how", ["file", "folder"])
def test_write_baseline_never_replaces_a_checked_catalog(tmp_path: Path, how: str) -> None:
    # `check --write-baseline ru.po ru.po` (the arguments swapped) wrote the JSON baseline
    # over the catalog: rewriting a baseline needs no --force, but a catalog is not one
    catalog = _catalog(tmp_path)
    before = catalog.read_bytes()
    checked = catalog if how == "file" else tmp_path / "locales"
    result = run("check", "--write-baseline", catalog, checked)
    assert result.exit_code == 2, result.output
    assert result.output == (f"toolkit: error: {catalog}: is the input file; pass --force to "
                             "overwrite it\n")
    assert catalog.read_bytes() == before
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{}", encoding="utf-8")  # an existing baseline is rewritten freely
    assert run("check", "--write-baseline", baseline, checked).exit_code == 0
    assert baseline.read_text(encoding="utf-8") != "{}"


@pytest.mark.parametrize("lang", ["xx", "", "ru_RU_bogus!"])
def test_check_refuses_a_language_cldr_does_not_know(lang: str) -> None:
    # --lang xx silently turned off every language rule and passed
    result = run("check", "--lang", lang, DATA / "ru.po")
    assert result.exit_code == 2, result.output
    assert result.output == f"toolkit: error: unknown locale {lang!r}\n"


@pytest.mark.parametrize("lang", ["ru", "zh_Hans", "uk", "pt-BR"])
def test_check_takes_any_locale_cldr_knows(lang: str) -> None:
    assert run("check", "--lang", lang, DATA / "ru.po").exit_code in (0, 1)


@pytest.mark.parametrize("codes", [",", " ", ", ,"])
def test_a_select_that_names_no_rule_is_refused(codes: str) -> None:
    # --select , selected no rule at all, so a catalog with findings passed the gate
    result = run("check", "--select", codes, DATA / "ru.po")
    assert result.exit_code == 2, result.output
    assert "select names no rule code" in result.output


def test_an_empty_ignore_ignores_nothing() -> None:
    assert run("check", "--ignore", ",", DATA / "ru.po").output == \
        run("check", DATA / "ru.po").output


@pytest.mark.parametrize("args", [
    ("catalog", "fill", "{po}", "--dry-run", "--min-score", "nan"),
    ("check", "{po}", "--min-translated", "nan"),
    ("models", "install", "en", "ru", "--dry-run", "--timeout", "nan"),
    ("models", "install", "en", "ru", "--dry-run", "--max-time", "nan"),
])
def test_nan_is_not_a_number_anywhere(tmp_path: Path, args: tuple[str, ...]) -> None:
    # FloatRange lets NaN through (every comparison with it is false): fill took
    # --min-score nan as "no fuzzy match is good enough" and models install tried the network
    catalog = _catalog(tmp_path)
    result = run(*(a.format(po=catalog) for a in args))
    assert result.exit_code == 2, result.output
    assert "nan" in result.output and "number" in result.output
    assert "Traceback" not in result.output and "cannot download" not in result.output


def test_memory_lookup_refuses_a_negative_limit(tmp_path: Path) -> None:
    memory = tmp_path / "m.sqlite3"
    assert run("memory", "add", "-f", "en", "-t", "ru", "News", "Новости", "--memory",
               memory).exit_code == 0
    result = run("memory", "lookup", "-f", "en", "-t", "ru", "Newz", "--limit", "-1",
                 "--memory", memory)
    assert result.exit_code == 2, result.output
    assert run("memory", "lookup", "-f", "en", "-t", "ru", "News", "--limit", "0",
               "--memory", memory).exit_code == 0


@pytest.mark.parametrize(("source", "target"), [("", "Новости"), ("News", " "), ("", "")])
def test_memory_add_refuses_empty_text(tmp_path: Path, source: str, target: str) -> None:
    # said "already there" (exit 0) and stored nothing
    result = run("memory", "add", "-f", "en", "-t", "ru", source, target, "--memory",
                 tmp_path / "m.sqlite3")
    assert result.exit_code == 2, result.output
    assert "empty" in result.output and "already there" not in result.output


def test_check_minus_f_without_a_value_still_says_format() -> None:
    result = run("check", DATA / "ru.po", "-f")
    assert result.exit_code == 2
    assert result.output == ("toolkit: error: check has no -f (elsewhere -f is --from, the "
                             "source language): write --format FORMAT\n")


GLOSSARY_READERS = [
    ("translate", "{text}", "--to", "ru"),
    ("catalog", "fill", "{catalog}", "--dry-run", "--no-memory"),
    ("catalog", "fill", "{catalog}", "--no-memory"),  # nothing left to translate
    ("glossary", "list"),
    ("glossary", "show", "spbpu"),
    ("glossary", "find", "{text}"),
    ("glossary", "check", "{text}"),
    ("glossary", "validate"),
    ("glossary", "export", "-"),
    ("glossary", "suggest", "{text}"),
]


@pytest.mark.parametrize("args", GLOSSARY_READERS, ids=" ".join)
@pytest.mark.parametrize("bad", ["missing.tbx", "folder"])
def test_a_glossary_that_is_missing_or_a_folder_is_one_line_on_every_command(
        tmp_path: Path, args: tuple[str, ...], bad: str) -> None:
    """-g with a mistyped name: `catalog fill` said nothing and exited 0 when no string went
    to the model (the glossary is read only then), `translate` and every -g given a folder
    printed Click's usage block with "File 'x' does not exist." (English in every UI
    language); the rest printed one line. Now all: `toolkit: error: FILE: ...`, exit 2."""
    catalog = tmp_path / "ru.po"
    catalog.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; '
                       'charset=UTF-8\\n"\n\nmsgid "Open"\nmsgstr "Открыть"\n', encoding="utf-8")
    text = tmp_path / "a.en.md"
    text.write_text("Nanjing is a city.\n", encoding="utf-8")
    glossary = tmp_path / bad
    if bad == "folder":
        glossary.mkdir()
    argv = [a.format(catalog=catalog, text=text) for a in args]
    before = catalog.read_bytes()
    result = run(*argv, "-g", glossary)
    said = "is a directory" if bad == "folder" else "no such file"
    assert (result.exit_code, result.output) == (2, f"toolkit: error: {glossary}: {said}\n")
    assert catalog.read_bytes() == before
    result = CliRunner().invoke(cli, [*argv, "-g", str(glossary)], env={"LANGUAGE": "ru"})
    said = "это каталог" if bad == "folder" else "нет такого файла"
    assert (result.exit_code, result.output) == (2, f"toolkit: ошибка: {glossary}: {said}\n")


@pytest.mark.parametrize("args", [("glossary", "import", "{path}", "{dest}"),
                                  ("glossary", "find", "{path}")])
@pytest.mark.parametrize("bad", ["missing.csv", "folder"])
def test_a_glossary_command_input_missing_or_a_folder_is_one_line(
        tmp_path: Path, args: tuple[str, ...], bad: str) -> None:
    path = tmp_path / bad
    if bad == "folder":
        path.mkdir()
    argv = [a.format(path=path, dest=tmp_path / "out.csv") for a in args]
    result = run(*argv)
    said = "is a directory" if bad == "folder" else "no such file"
    assert (result.exit_code, result.output) == (2, f"toolkit: error: {path}: {said}\n")
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("args", [("translate", "{path}", "--to", "ru"),
                                  ("glossary", "check", "{path}"),
                                  ("glossary", "check", "{text}", "{path}"),
                                  ("glossary", "suggest", "{path}")], ids=" ".join)
def test_a_missing_text_file_is_said_as_everywhere_else(
        tmp_path: Path, args: tuple[str, ...]) -> None:
    """`translate nofile.txt` said the OS's 'No such file or directory', in English in every
    UI language, where every other command says 'no such file' in the user's language."""
    text = tmp_path / "a.en.md"
    text.write_text("Nanjing is a city.\n", encoding="utf-8")
    path = tmp_path / "missing.md"
    argv = [a.format(path=path, text=text) for a in args]
    result = run(*argv)
    assert (result.exit_code, result.output) == (2, f"toolkit: error: {path}: no such file\n")
    result = CliRunner().invoke(cli, argv, env={"LANGUAGE": "ru"})
    assert (result.exit_code, result.output) == (2, f"toolkit: ошибка: {path}: нет такого файла\n")


@pytest.mark.parametrize("args", [
    ("catalog", "init", "{dir}", "-l", "ru", "-o", "{tmp}/x.po"),
    ("catalog", "update", "{dir}", "{po}"),
    ("catalog", "compile", "{po}", "-o", "{dir}"),
    ("catalog", "fill", "{po}", "--dry-run", "--memory", "{dir}"),
    ("memory", "export", "-o", "{dir}"),
    ("memory", "stats", "--memory", "{dir}"),
    ("translate", "{text}", "--to", "ru", "-o", "{dir}"),
    ("translate", "{text}", "--to", "ru", "--report", "{dir}"),
    ("check", "{po}", "-o", "{dir}"),
    ("check", "{po}", "--baseline", "{dir}"),
    ("check", "{po}", "--config", "{dir}"),
    ("check", "{po}", "-g", "{dir}"),
    ("glossary", "export", "{dir}"),
    ("glossary", "add", "{dir}", "x", "en", "X"),
    ("glossary", "validate", "{dir}"),
    ("glossary", "check", "{dir}"),
], ids=" ".join)
def test_a_folder_where_a_file_goes_is_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    """`catalog init /tmp ...`, `translate -o out/` (a folder), `memory export -o out/` ...
    printed Click's usage block ending "File 'out' is a directory.", in English whatever
    the UI language; every other bad path is one line. Now these are too."""
    po = _catalog(tmp_path)
    text = tmp_path / "a.en.md"
    text.write_text("Nanjing is a city.\n", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    argv = [a.format(dir=folder, tmp=tmp_path, po=po, text=text) for a in args]
    result = run(*argv)
    assert (result.exit_code, result.output) == (2, f"toolkit: error: {folder}: is a directory\n")
    result = CliRunner().invoke(cli, argv, env={"LANGUAGE": "zh_CN"})
    assert (result.exit_code, result.output) == (2, f"toolkit：错误：{folder}: 是一个文件夹\n")


@pytest.mark.parametrize("command", [["check"], ["catalog", "compile"], ["catalog", "stats"],
                                     ["catalog", "fill", "--dry-run"], ["memory", "import"],
                                     ["catalog", "update", "t.pot"], ["catalog", "extract"]])
def test_an_empty_path_is_refused_not_read_as_the_current_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    """'toolkit catalog compile "$LOCALES"' with the variable unset: Path('') is '.', so the
    command compiled every catalog under the working directory (and check checked them, the
    memory imported them). Now one line, exit 2, nothing read or written."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TOOLKIT_MEMORY", str(tmp_path / "memory.sqlite3"))
    po = _catalog(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(cli, [*command, ""], env={"LANGUAGE": "en"})
    assert result.exit_code == 2, result.output
    assert result.stderr == "toolkit: error: '': no such file or directory\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert po.exists()


@pytest.mark.parametrize("args", [
    ("catalog", "compile", "{dir}"),
    ("catalog", "stats", "{dir}"),
    ("catalog", "fill", "{dir}", "--no-memory"),
    ("catalog", "update", "{pot}", "{dir}"),
    ("memory", "import", "{dir}", "--memory", "{tmp}/tm.sqlite3"),
    ("check", "{dir}"),
], ids=" ".join)
def test_a_folder_without_catalogs_is_said_by_every_catalog_command(
        tmp_path: Path, args: tuple[str, ...]) -> None:
    """`catalog compile src/` (the wrong folder) compiled nothing, said nothing and exited 0:
    a CI step passed having done nothing. So did stats, fill, update and memory import;
    only check warned. Now all give check's warning."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "app.py").write_text("print('hi')\n", encoding="utf-8")
    pot = tmp_path / "messages.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                   encoding="utf-8")
    result = run(*[a.format(dir=folder, pot=pot, tmp=tmp_path) for a in args])
    assert result.exit_code == 0, result.output
    assert f"toolkit: warning: no .po files under {folder}\n" in result.stderr
