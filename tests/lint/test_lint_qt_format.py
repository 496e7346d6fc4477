"""Qt's ``%1`` placeholders (``qt-format``, ``kde-format``) through ``toolkit check`` and
``toolkit catalog compile``, against what GNU ``msgfmt -c`` refuses."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Language: ru\\n"\n\n')


def _catalog(tmp_path: Path, flag: str | None, *entries: tuple[str, str]) -> Path:
    flags = f"#, {flag}\n" if flag else ""
    body = "\n".join(f'{flags}msgid "{src}"\nmsgstr "{tgt}"\n' for src, tgt in entries)
    path = tmp_path / "ru.po"
    path.write_text(HEADER + body, "utf-8")
    return path


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _findings(output: str) -> list[tuple[str, str, str]]:
    """(line, rule, message) of each finding of ``check``'s text output."""
    out = []
    for row in output.splitlines():
        parts = row.split(None, 3)
        if len(parts) == 4 and parts[2].startswith("TK"):
            out.append((parts[0].split(":")[0], parts[2], parts[3].split("  (msgid")[0]))
    return out


REPRO = (("Copy %1 to %2", "Копировать %1"), ("File %1 not found", "Файл %2 не найден"))


def test_check_reports_lost_and_added_qt_arguments_as_placeholders(tmp_path: Path) -> None:
    path = _catalog(tmp_path, "qt-format", *REPRO)
    result = _run("check", str(path))
    assert result.exit_code == 1, result.output
    assert _findings(result.output) == [
        ("7", "TK101", "missing placeholder %2"),
        ("11", "TK101", "missing placeholder %1"),
        ("11", "TK101", "unexpected placeholder %2 (not in the source)"),
    ]  # and not as TK105 numbers


def test_compile_refuses_broken_qt_arguments_unless_forced(tmp_path: Path) -> None:
    path = _catalog(tmp_path, "qt-format", *REPRO)
    mo = tmp_path / "ru.mo"
    result = _run("catalog", "compile", str(path), "-o", str(mo))
    assert result.exit_code == 2
    assert "ru.po:7: placeholder %2 of the source is missing (qt-format)" in result.output
    assert not mo.exists()
    assert _run("catalog", "compile", str(path), "-o", str(mo), "--force").exit_code == 0
    assert mo.exists()


def test_unflagged_percent_digits_stay_numbers(tmp_path: Path) -> None:
    path = _catalog(tmp_path, None, *REPRO)
    result = _run("check", str(path))
    assert result.exit_code == 0, result.output
    assert _findings(result.output) == [("6", "TK105", "number 2 missing"),
                                        ("9", "TK105", "number 1 missing")]
    assert _run("catalog", "compile", str(path), "-o", str(tmp_path / "ru.mo")).exit_code == 0


def test_localized_qt_argument_in_a_simple_string_is_refused(tmp_path: Path) -> None:
    """msgfmt -c: "'msgid' is a simple format string, but 'msgstr' is not: it contains an
    'L' flag or a double-digit argument number" -- a multi-argument arg() leaves %L1 as it
    is. A plural form is held to the msgid_plural the same way."""
    path = _catalog(tmp_path, "qt-format", ("Copied %1 files", "Скопировано файлов: %L1"),
                    ("Size %L1", "Размер %1"))
    plural_forms = ('"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 '
                    '&& n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n')
    text = path.read_text("utf-8").replace('"Language: ru\\n"\n', '"Language: ru\\n"\n'
                                           + plural_forms, 1)
    path.write_text(text + '\n#, qt-format\nmsgid "%1 file"\nmsgid_plural "%1 files"\n'
                    'msgstr[0] "%1 файл"\nmsgstr[1] "%L1 файла"\nmsgstr[2] "%1 файлов"\n',
                    "utf-8")
    message = ("placeholder %L1 where the source has only plain %1..%9 (qt-format): "
               "a multi-argument arg() leaves it unfilled")
    result = _run("check", str(path), "--select", "TK101")
    assert result.exit_code == 1, result.output
    assert _findings(result.output) == [("8", "TK101", message), ("16", "TK101", message)]
    compiled = _run("catalog", "compile", str(path), "-o", str(tmp_path / "ru.mo"))
    assert compiled.exit_code == 2
    assert f"ru.po:8: {message} (and 1 more)" in compiled.output


# (flag, msgid, msgstr): msgfmt -c refuses some, accepts the others
CASES = [
    ("qt-format", "Copy %1 to %2", "%2: копировать %1"),  # reordered
    ("qt-format", "Copy %1 to %2", "Копировать %1"),
    ("qt-format", "File %1", "Файл %1 %2"),
    ("qt-format", "File %1", "Файл %1, снова %1"),  # an argument printed twice
    ("qt-format", "Size %L1", "Размер %1"),  # %L1 is argument 1
    ("qt-format", "Size %L1", "Размер %L2"),
    ("qt-format", "%1 %2 %3 %4 %5 %6 %7 %8 %9 %10", "%1 %2 %3 %4 %5 %6 %7 %8 %9 %1"),
    ("qt-format", "%10", "%1"),
    ("qt-format", "%100 x", "%10 x"),  # two digits at most: argument 10 and a 0
    ("qt-format", "%0 and %1", "%1"),  # %0 is an argument
    ("qt-format", "%1 %3", "%3 %1"),
    # a simple msgid (plain %1..%9) needs a simple translation: no %L, no two digits
    ("qt-format", "Copied %1 files", "Скопировано файлов: %L1"),
    ("qt-format", "Copied %1 files", "Скопировано файлов: %01"),
    ("qt-format", "Copied %1 files", "Скопировано файлов: %L01"),
    ("qt-format", "Size %L1 of %2", "Размер %L1 из %L2"),  # the msgid is not simple
    ("qt-format", "%1 %2 %3 %4 %5 %6 %7 %8 %9 %10", "%10 %9 %8 %7 %6 %5 %4 %3 %2 %L1"),
    ("kde-format", "Copy %1 to %2", "Копировать %2"),
    ("kde-format", "Copy %1 to %2", "Копировать %1 %2 %3"),
    ("kde-format", "Copy %L1", "Копировать %1"),  # no %L in KDE: %1 is not in the msgid
    ("kde-format", "%0 and %1", "%1"),  # nor %0
]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt missing")
@pytest.mark.parametrize(("flag", "source", "translation"), CASES)
def test_check_and_compile_refuse_what_msgfmt_refuses(tmp_path: Path, flag: str, source: str,
                                                       translation: str) -> None:
    path = _catalog(tmp_path, flag, (source, translation))
    refused = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)],
                             capture_output=True).returncode != 0
    check = _run("check", str(path), "--select", "TK101")
    assert check.exit_code == (1 if refused else 0), check.output
    compiled = _run("catalog", "compile", str(path), "-o", str(tmp_path / "ru.mo"))
    assert compiled.exit_code == (2 if refused else 0), compiled.output
