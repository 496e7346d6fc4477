"""One convention for every file a command writes: ``-`` is stdout (never a file named "-",
never two writers on stdout), and missing parent directories are created."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli

POT = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
       'msgid "Open the file"\nmsgstr ""\n')
PO = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
      '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
      '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
      'msgid "Open the file"\nmsgstr "Открыть файл"\n\nmsgid "Save {name}"\nmsgstr "Сохранить"\n')


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with a text, a template, a catalog, sources to extract from and a
    release with its translation."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text("The forum opened today.\n", encoding="utf-8")
    (tmp_path / "messages.pot").write_text(POT, encoding="utf-8")
    (tmp_path / "ru.po").write_text(PO, encoding="utf-8")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text('from gettext import gettext as _\n'
                                               'print(_("Hello"))\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.toolkit.catalog]\nsources = ["app"]\ntemplate = "messages.pot"\n'
        'mapping = [{pattern = "**.py", method = "python"}]\n', encoding="utf-8")
    (tmp_path / "news.en.txt").write_text("Harbin Polytechnic signed it.\n", encoding="utf-8")
    (tmp_path / "news.ru.txt").write_text("Харбин Политехник подписал его.\n",
                                          encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout (bytes as latin-1: a .mo goes there too) and stderr."""
    result = CliRunner().invoke(cli, list(args), env={"LANGUAGE": "en"})
    return result.exit_code, result.stdout_bytes.decode("latin-1"), result.stderr


def _text(out: str) -> str:
    return out.encode("latin-1").decode("utf-8")


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


TRANSLATE = ("translate", "in.txt", "--from", "en", "--to", "ru", "--no-glossary")

#: command -> (arguments with {out} for the file to write, what stdout holds when it is '-')
WRITERS: dict[str, tuple[tuple[str, ...], Callable[[str], bool]]] = {
    "translate -o": ((*TRANSLATE, "-o", "{out}"), _cyrillic),
    "translate --report": ((*TRANSLATE, "-o", "t.txt", "--report", "{out}"),
                           lambda out: json.loads(out)["documents"][0]["document"] == "in.txt"),
    "check -o": (("check", "ru.po", "-o", "{out}", "--format", "json"),
                 lambda out: json.loads(out)["summary"]["files"] == 1),
    "check --write-baseline": (("check", "ru.po", "--write-baseline", "{out}"),
                               lambda out: json.loads(out)["tool"] == "toolkit check"),
    "catalog extract -o": (("catalog", "extract", "-o", "{out}"),
                           lambda out: 'msgid "Hello"' in out),
    "catalog init -o": (("catalog", "init", "messages.pot", "-l", "ru", "-o", "{out}"),
                        lambda out: "nplurals=3" in out and 'msgid "Open the file"' in out),
    "catalog compile -o": (("catalog", "compile", "ru.po", "-o", "{out}"),
                           lambda out: out[:4] == "\xde\x12\x04\x95"),
    "memory export -o": (("memory", "export", "--memory", "m.sqlite", "-o", "{out}"),
                         lambda out: '<tmx version="1.4">' in out),
    "glossary suggest --csv": (("glossary", "suggest", "news.en.txt", "news.ru.txt",
                                "--csv", "{out}"),
                               lambda out: out.startswith("concept_id,lang,term,")),
    "glossary export": (("glossary", "export", "{out}", "--format", "csv"),
                        lambda out: out.startswith("concept_id,lang,term,")),
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_dash_is_stdout_for_every_file_a_command_writes(project: Path, name: str) -> None:
    args, holds = WRITERS[name]
    code, out, err = run(*(a.format(out="-") for a in args))
    assert code in (0, 1), err
    assert not (project / "-").exists()
    assert holds(out if "compile" in name else _text(out)), out[:300]


@pytest.mark.parametrize("name", [n for n in WRITERS if "compile" in n or "export" in n])
def test_bytes_to_stdout_use_no_deprecated_click_api(project: Path, name: str) -> None:
    """The .mo and TMX bytes went to stdout through click.get_binary_stream, deprecated in
    Click 8.5 and gone in 9.0 (a fresh install gets the newest Click)."""
    import warnings

    args, holds = WRITERS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        code, out, err = run(*(a.format(out="-") for a in args))
    assert code in (0, 1), err
    assert holds(out if "compile" in name else _text(out)), out[:300]


@pytest.mark.parametrize("name", list(WRITERS))
def test_missing_parent_directories_are_created(project: Path, name: str) -> None:
    args, holds = WRITERS[name]
    target = project / "new" / "deeper" / "result.csv"  # suggest --csv wants .csv
    code, _out, err = run(*(a.format(out=str(target)) for a in args))
    assert code in (0, 1), err
    data = target.read_bytes()
    assert holds(data.decode("latin-1" if "compile" in name else "utf-8"))


@pytest.mark.parametrize("command", [("translate",), ("check",), ("catalog", "extract"),
                                     ("catalog", "init"), ("catalog", "compile"),
                                     ("memory", "export"), ("glossary", "suggest")])
def test_help_states_the_convention(command: tuple[str, ...]) -> None:
    code, out, _err = run(*command, "--help")
    flat = " ".join(out.split())
    assert code == 0 and "'-' is stdout" in flat and "missing directories are created" in flat


def test_report_to_stdout_needs_the_translation_in_a_file(project: Path) -> None:
    code, out, err = run(*TRANSLATE, "--report", "-")
    assert code == 2 and out == ""
    assert "--report -: stdout already carries the translation" in err and "-o FILE" in err
    assert not (project / "-").exists()
    assert run(*TRANSLATE, "--report", "-", "-o", "-")[0] == 2
    assert run(*TRANSLATE, "--report", "-", "-o", "t.txt", "--json")[0] == 2
    assert not (project / "t.txt").exists()  # refused before any work
    code, out, err = run(*TRANSLATE, "--report", "-", "-o", "t.txt")
    assert code == 0, err
    assert json.loads(_text(out))["documents"][0]["summary"]
    assert _cyrillic((project / "t.txt").read_text(encoding="utf-8"))


def test_two_outputs_to_stdout_or_one_file_are_refused(project: Path) -> None:
    code, _out, err = run(*TRANSLATE, "-o", "same.txt", "--report", "./same.txt")
    assert code == 2 and "--output and --report name the same file" in err
    code, _out, err = run("glossary", "suggest", "news.en.txt", "news.ru.txt", "--csv", "-",
                          "--json")
    assert code == 2 and "--csv -: stdout already carries --json" in err


def test_counts_of_one_are_singular_in_english_and_inflected_in_russian(tmp_path: Path) -> None:
    """'ru.po: 1 messages for ru', 'memory.tmx: 1 units', 'imported 1 concepts': the counting
    lines of catalog init/extract, memory import/export/stats and glossary import/export
    were one message for every number; now ngettext, with the catalog's forms (ru: one, few,
    many)."""
    pot = tmp_path / "messages.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Open file"\nmsgstr ""\n', encoding="utf-8")
    po, memory, tmx = tmp_path / "ru.po", str(tmp_path / "tm.sqlite3"), tmp_path / "tm.tmx"
    glossary = tmp_path / "terms.csv"
    glossary.write_text("en,ru\nHarbin,Харбин\n", encoding="utf-8")

    def said(language: str, *args: object) -> str:
        result = CliRunner().invoke(cli, [str(a) for a in args], env={"LANGUAGE": language})
        assert result.exit_code == 0, result.output
        return result.output

    assert said("en", "catalog", "init", pot, "-l", "ru", "-o", po) == (
        f"{po}: 1 message for ru\n")
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Open file"\nmsgstr ""', 'msgid "Open file"\nmsgstr "Открыть файл"'),
        encoding="utf-8")
    assert said("en", "memory", "import", po, "--memory", memory) == f"{po}: 1 new unit\n"
    assert said("en", "memory", "export", "-o", tmx, "--memory", memory) == f"{tmx}: 1 unit\n"
    assert said("en", "memory", "stats", "--memory", memory).endswith("en -> ru: 1 unit\n")
    assert said("en", "glossary", "import", glossary, tmp_path / "g.csv") == (
        f"imported 1 concept from {glossary} into {tmp_path / 'g.csv'}\n")
    assert said("en", "glossary", "export", tmp_path / "e.csv", "--no-shipped", "-g",
                tmp_path / "g.csv") == f"exported 1 concept to {tmp_path / 'e.csv'} (csv)\n"
    assert said("ru", "memory", "export", "-o", tmx, "--memory", memory, "--force") == (
        f"{tmx}: 1 единица\n")
    assert said("ru", "memory", "import", po, "--memory", memory) == (
        f"{po}: 0 новых единиц\n")
