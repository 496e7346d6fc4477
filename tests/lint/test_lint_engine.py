"""The engine's promise: one failing rule (or reader) on one entry never ends the run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import catalog_text, entry_text, run, write_catalog

from toolkit.cli.main import cli
from toolkit.lint import RULES
from toolkit.lint.model import Severity


def _boom_on(word: str):
    def func(src, tgt, e, ctx):
        if word in src:
            raise KeyError(word)
        return None
    return func


def test_a_rule_raising_on_one_entry_becomes_a_finding_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(RULES, "TK203", dataclasses.replace(RULES["TK203"], select=None,
                                                            func=_boom_on("Boom")))
    path = write_catalog(tmp_path, "ru", catalog_text("ru", [
        entry_text("Boom here", "Бум"),
        entry_text("Hello %(name)s", "Привет", flags=["python-format"]),
    ]))
    report = run([path])
    crash = [f for f in report.findings if f.code == "TK203"]
    assert len(crash) == 1 and crash[0].severity is Severity.ERROR
    assert crash[0].msgid == "Boom here" and crash[0].line == 4
    assert "KeyError" in crash[0].message and "toolkit bug" in crash[0].message
    # the other rules still ran on every entry
    assert [f.msgid for f in report.findings if f.code == "TK101"] == ["Hello %(name)s"]


def test_a_pre_filter_raising_costs_time_not_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule's select that raises: the rule is called on every pair instead."""
    def broken(pairs):
        raise ValueError("bad pre-filter")

    path = write_catalog(tmp_path, "ru", catalog_text("ru", [
        entry_text("Two  spaces", "Два  пробела"),
        entry_text("One space", "Один  пробел"),
        entry_text("Hello %(name)s", "Привет", flags=["python-format"]),
    ]))
    expected = run([path]).findings
    assert [f.msgid for f in expected if f.code in ("TK101", "TK203")] == [
        "One space", "Hello %(name)s"]
    for code in ("TK101", "TK203"):
        monkeypatch.setitem(RULES, code, dataclasses.replace(RULES[code], select=broken))
    assert run([path]).findings == expected


def test_a_file_rule_raising_becomes_a_file_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(ctx):
        yield from ()
        raise RuntimeError("bad day")

    monkeypatch.setitem(RULES, "TK010", dataclasses.replace(RULES["TK010"], func=boom))
    path = write_catalog(tmp_path, "ru", catalog_text("ru", [entry_text("Hello %s", "Привет")]))
    report = run([path])
    assert [(f.code, f.line) for f in report.findings if "bad day" in f.message] == [
        ("TK010", 0)]
    assert any(f.code == "TK101" for f in report.findings)


PLURAL_EMPTY = entry_text("%d file", msgid_plural="", msgstr_plural=["%d файл", "%d файла",
                                                                      "%d файлов"])
BAD_HEX = 'msgid "a\\xzz"\nmsgstr "b"\n'


@pytest.mark.parametrize("entry", [PLURAL_EMPTY, BAD_HEX], ids=["empty-msgid_plural", "bad-x"])
def test_the_fuzzer_inputs_give_no_traceback(entry: str, tmp_path: Path) -> None:
    """The two inputs that crashed `toolkit check` (hardening issue, section 4)."""
    bad = write_catalog(tmp_path / "a", "ru", catalog_text("ru", [entry]))
    good = write_catalog(tmp_path / "b", "ru", catalog_text("ru", [entry_text("Hi %s", "Привет")]))
    result = CliRunner().invoke(cli, ["check", str(bad), str(good), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1
    import json

    findings = json.loads(result.stdout)["findings"]
    assert any(f["code"] == "TK101" for f in findings)  # the other file was still checked
    if entry is PLURAL_EMPTY:
        assert not any("toolkit bug" in f["message"] for f in findings)
    else:  # a reader problem reported on the file, never a traceback
        assert any(f["code"] == "TK001" and f["path"].endswith("a/ru/LC_MESSAGES/messages.po")
                   for f in findings)


def test_a_reader_failure_is_a_finding_on_that_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit.lint.engine as engine

    real = engine.read_po

    def read_po(path: str):
        if "broken" in path:
            raise ValueError("reader bug")
        return real(path)

    monkeypatch.setattr(engine, "read_po", read_po)
    bad = write_catalog(tmp_path / "broken", "ru", catalog_text("ru", [entry_text("a", "б")]))
    good = write_catalog(tmp_path / "fine", "ru", catalog_text("ru", [entry_text("%s", "x")]))
    report = run([bad, good])
    assert [(f.code, f.line) for f in report.findings if "reader bug" in f.message] == [
        ("TK001", 0)]
    assert any(f.code == "TK101" for f in report.findings)


def _die(bounds):
    import os

    os._exit(9)  # as a worker killed by the OOM killer or kill -9


def test_a_killed_worker_costs_time_not_the_run(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The hand-written fork raised EOFError when a worker died; the pool's slice is now
    checked in the main process and the findings are the same."""
    import toolkit.lint.engine as engine

    entries = [entry_text(f"Hello {i} %s", "Привет") for i in range(40)]
    path = write_catalog(tmp_path, "ru", catalog_text("ru", entries))
    from toolkit.lint import CheckConfig, check_paths

    serial = check_paths([path], CheckConfig(), jobs=1)
    monkeypatch.setattr(engine, "_check_chunk", _die)
    pooled = check_paths([path], CheckConfig(), jobs=3)
    assert pooled.findings == serial.findings and len(serial.findings) >= 40
    assert pooled.files[0].total == 40


def test_a_checked_file_is_freed_without_the_cyclic_collector(tmp_path: Path) -> None:
    """No reference cycle holds a file's context (and through it every parsed entry): the
    collector that freed one walked all of them at the exit of the process, 0.2 s of a
    55,000-entry catalog. TK306, which reads the result through the context, still works."""
    import gc
    import weakref

    from toolkit.lint import check_file, load_check_config

    path = write_catalog(tmp_path, "ru", catalog_text("ru", [
        entry_text("Hello", "Привет"), entry_text("Bye", None)]))
    config = load_check_config(None).with_options(**{"min-translated": 90})
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        result = check_file(path, config)
        assert [f.code for f in result.findings if f.code == "TK306"] == ["TK306"]
        context = weakref.ref(result.context)
        del result
        assert context() is None
    finally:
        if was_enabled:
            gc.enable()


def test_forms_of_one_plural_entry_with_the_same_defect_give_one_finding(
        tmp_path: Path) -> None:
    """Every form of a plural entry is checked; when several forms have the same defect the
    report listed the same finding (same line, message and fingerprint) once per form
    (django-import-export's and Django's Hebrew catalogs: 'source ends with a full stop' two
    and three times on one entry). A defect of one form alone is still reported."""
    path = write_catalog(tmp_path, "ru", catalog_text("ru", [
        entry_text("Export %(len)s selected item.", msgid_plural="Export %(len)s selected items.",
                   msgstr_plural=["Экспорт %(len)s элемента", "Экспорт %(len)s элементов",
                                  "Экспорт %(len)s элементов"], flags=["python-format"]),
        entry_text("%(n)s row deleted.", msgid_plural="%(n)s rows deleted.",
                   msgstr_plural=["%(n)s строка удалена.", "строки удалены.",
                                  "%(n)s строк удалено."], flags=["python-format"]),
    ]))
    report = run([path])
    keys = [(f.line, f.code, f.message) for f in report.findings]
    assert len(keys) == len(set(keys)), keys
    assert [f.msgid for f in report.findings if f.code == "TK204"] == [
        "Export %(len)s selected item."]
    assert [f.msgid for f in report.findings if f.code == "TK101"] == ["%(n)s row deleted."]
