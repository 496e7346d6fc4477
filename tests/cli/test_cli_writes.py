"""Files the commands write: existing files refused without --force, the input never
overwritten by surprise, targets checked before the work, concurrent edits serialized."""

from __future__ import annotations

import multiprocessing
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary import read_glossary_file

SOURCE = "The forum opened today.\n"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def _translate(*args: str, input: str | None = None) -> tuple[int, str, str]:
    return run("translate", "--from", "en", "--to", "ru", "--no-glossary", *args, input=input)


# ------------------------------------------------------------------------ translate -o


def test_translate_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    src = tmp_path / "news.txt"
    src.write_text(SOURCE)
    code, _, err = _translate(str(src), "-o", str(src))
    assert code == 2 and err == f"toolkit: error: {src}: is the input file; pass --force " \
                                "to overwrite it\n"
    assert src.read_text() == SOURCE
    alias = tmp_path / "alias.txt"
    alias.symlink_to(src)
    assert "is the input file" in _translate(str(alias), "-o", str(src))[2]
    code, _, err = _translate(str(src), "-o", str(src), "--force")
    assert code == 0, err
    assert src.read_text() != SOURCE and any("\u0400" <= c <= "\u04ff" for c in src.read_text())


def test_translate_refuses_an_existing_output_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    code, _, err = _translate("-o", str(out), input=SOURCE)
    assert code == 2 and "exists; pass --force to overwrite it" in err
    assert out.read_text() == "keep me"
    assert _translate("-o", str(out), "--force", input=SOURCE)[0] == 0
    assert out.read_text() != "keep me"


def test_translate_writes_through_a_symlink_and_into_a_fifo(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert _translate("-o", str(link), input=SOURCE)[0] == 0
    assert link.is_symlink() and real.read_text().strip()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, _, err = _translate("-o", str(fifo), input=SOURCE)
        assert code == 0, err
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert os.read(reader, 10_000).decode() == real.read_text()
    finally:
        os.close(reader)


def test_bad_target_fails_before_any_translation(tmp_path: Path, monkeypatch) -> None:
    import toolkit.pipeline

    def boom(*args, **kwargs):
        raise AssertionError("translated before checking the target")

    monkeypatch.setattr(toolkit.pipeline, "translate_text", boom)
    blocker = tmp_path / "file.txt"
    blocker.write_text("")
    target = blocker / "out.txt"
    code, _, err = _translate("-o", str(target), input=SOURCE)
    assert code == 2
    assert err == f"toolkit: error: {target}: cannot write: {blocker} is not a directory\n"


def test_write_error_names_the_output_not_a_temp_file(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    code = textwrap.dedent("""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10, 10))
        from toolkit.cli.main import main
        sys.argv = ["toolkit", *sys.argv[1:]]
        main()
    """)
    proc = subprocess.run([sys.executable, "-c", code, "translate", "--from", "en", "--to",
                           "ru", "--no-glossary", "-o", str(out)], input=SOURCE * 3,
                          capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.endswith(f"toolkit: error: {out}: File too large\n")
    assert os.listdir(tmp_path) == []


# ------------------------------------------------------------------------ glossary import/export


def test_export_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    dest = tmp_path / "project.csv"
    assert run("glossary", "add", str(dest), "lab", "en", "Laboratory")[0] == 0
    before = dest.read_text()
    code, _, err = run("glossary", "export", str(dest))
    assert code == 2 and "exists; pass --force" in err and dest.read_text() == before
    code, _, err = run("glossary", "export", "--no-shipped", "-g", str(dest), str(dest))
    assert code == 2 and "is the input file" in err
    assert run("glossary", "export", str(dest), "--force")[0] == 0
    assert len(read_glossary_file(dest)) > 1  # the shipped glossary, now
    assert "Overwrite DEST" in run("glossary", "export", "--help")[1]


def test_import_refuses_an_existing_file_and_its_source(tmp_path: Path) -> None:
    src = tmp_path / "pairs.csv"
    src.write_text("Polytech,Политех\n", encoding="utf-8")
    code, _, err = run("glossary", "import", str(src), str(src), "--source-lang", "en",
                       "--target-lang", "ru")
    assert code == 2 and "is the input file; pass --force" in err


def test_glossary_edit_of_an_unwritable_place_names_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("")
    target = blocker / "terms.csv"
    code, _, err = run("glossary", "add", str(target), "lab", "en", "Laboratory")
    assert code == 2
    assert err == f"toolkit: error: {target}: cannot write: {blocker} is not a directory\n"


# ------------------------------------------------------------------------ concurrent edits


def _add_terms(path: str, worker: int, barrier: multiprocessing.synchronize.Barrier,
               codes: multiprocessing.Queue) -> None:
    barrier.wait()
    for i in range(10):
        codes.put(run("glossary", "add", path, f"c{worker}-{i}", "en",
                      f"Term {worker} {i}")[0])


@pytest.mark.parametrize("name", ["terms.csv", "terms.tbx"])
def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2)
    codes = ctx.Queue()
    workers = [ctx.Process(target=_add_terms, args=(str(path), n, barrier, codes))
               for n in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    assert sorted(codes.get(timeout=5) for _ in range(20)) == [0] * 20
    assert len(read_glossary_file(path)) == 20
    assert sorted(os.listdir(tmp_path)) == [name]  # no lock or temp file left


# ------------------------------------------------------------------------ check -o


def test_check_report_never_overwrites_a_catalog_by_surprise(tmp_path: Path) -> None:
    po = tmp_path / "ru.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: ru\\n"\n\nmsgid "Hello"\nmsgstr "Привет"\n', encoding="utf-8")
    before = po.read_text(encoding="utf-8")
    code, _, err = run("check", str(po), "-o", str(po))
    assert code == 2 and "is the input file; pass --force" in err
    assert po.read_text(encoding="utf-8") == before
    report = tmp_path / "report.json"
    assert run("check", str(po), "--format", "json", "-o", str(report))[0] in (0, 1)
    code, _, err = run("check", str(po), "--format", "json", "-o", str(report))
    assert code == 2 and "exists; pass --force" in err
    assert run("check", str(po), "--format", "json", "-o", str(report), "--force")[0] in (0, 1)
