"""``toolkit catalog fill`` through the real CLI, on real PO files and the real demo models."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from catalog_helpers import run
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.memory.store import Memory, Unit
from toolkit.po.reader import read_po
from toolkit.text.placeholders import find_placeholders

RU_PLURAL = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
             "(n%100<10 || n%100>=20) ? 1 : 2);")
HEADER = f'''msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {RU_PLURAL}\\n"
'''
RU = HEADER + '''
#: app.py:10
#, python-format
msgid "Welcome to the university, %(name)s!"
msgstr ""

#: app.py:11
#, python-brace-format
msgid "The university has {count} students."
msgstr ""

#: app.py:12
#, python-brace-format
msgid "Total: {value: >8} points"
msgstr ""

#: app.c:3
#, c-format
msgid "%d files were deleted."
msgstr ""

#: app.py:20
#, python-format
msgid "%(count)d student"
msgid_plural "%(count)d students"
msgstr[0] ""
msgstr[1] ""
msgstr[2] ""

#. already translated by a person: must keep its bytes
#: app.py:30
msgid "The press office"
msgstr "Пресс-служба"
'''
MODEL = "translate-en_ru-demo"
MT_COMMENT = f"machine translation (toolkit, {MODEL})"


def _entry(po, msgid: str):  # noqa: ANN202
    return next(e for e in po.live_entries if e.msgid == msgid)


def _placeholders(text: str, flags) -> list[str]:  # noqa: ANN001
    return sorted(s.text for s in find_placeholders(text, flags))


@pytest.fixture
def ru_po(tmp_path: Path) -> Path:
    path = tmp_path / "ru" / "LC_MESSAGES" / "demo.po"
    path.parent.mkdir(parents=True)
    path.write_text(RU, encoding="utf-8")
    return path


@pytest.fixture
def memory(tmp_path: Path) -> Path:
    return tmp_path / "memory.sqlite3"


def _refuse_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, loading any model (or the glossary, which only the model step needs)
    fails the test."""
    import toolkit.glossary
    import toolkit.mt.engine as engine

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("fill loaded a model (or the glossary) with nothing to translate")

    monkeypatch.setattr(engine, "_ENGINES", {})  # no engine loaded by earlier tests
    monkeypatch.setattr(engine, "_load_package", refuse)
    monkeypatch.setattr(toolkit.glossary, "load_glossary", refuse)


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_models(monkeypatch)


def _fill(*args: object) -> dict:
    result = run("fill", *args, "--json")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    return report


def test_ru_three_forms_placeholders_by_flag_fuzzy_and_one_comment(ru_po: Path,
                                                                   memory: Path) -> None:
    before = ru_po.read_text(encoding="utf-8")
    report = _fill(ru_po, "--memory", memory)
    assert (report["to"], report["mt"], report["memory_exact"], report["skipped"]) == (
        "ru", 5, 0, 1)
    # the plural entry's msgid and msgid_plural, and its msgid_plural with 21, 22 and 10 for
    # %(count)d (a number of each Russian form)
    assert report["strings_translated"] == 9
    po, _ = read_po(ru_po)
    assert po.errors == []
    for e in po.live_entries:
        if e.msgid == "The press office":
            continue
        assert e.fuzzy and e.translated, e
        assert e.comments == (MT_COMMENT,)
        for text in e.translations:
            assert _placeholders(text, e.flags) == _placeholders(e.msgid, e.flags), text
    plural = _entry(po, "%(count)d student")
    assert sorted(plural.msgstr_plural) == [0, 1, 2]
    with Memory(memory) as mem:
        made = {u.source: u.target for u in mem.units("en", "ru")}
    # the memory keeps the catalog's strings only, not the ones with sample numbers
    assert sorted(made) == sorted([*(e.msgid_plural or e.msgid for e in po.live_entries
                                     if e.msgid != "The press office"), "%(count)d student"])
    # the format flag decides: a brace field with a space in its spec is a placeholder only
    # because the entry says python-brace-format
    assert "{value: >8}" in _entry(po, "Total: {value: >8} points").msgstr
    assert not find_placeholders("Total: {value: >8} points")
    # the person's entry keeps its bytes; the others' lines are new
    kept = before[before.index("#. already translated"):]
    assert ru_po.read_text(encoding="utf-8").endswith(kept)

    # a second fill (of fuzzy entries too) changes nothing and adds no second comment
    after = ru_po.read_bytes()
    report = _fill(ru_po, "--memory", memory, "--fuzzy")
    assert report["strings_translated"] == 0 and report["memory_exact"] == 5
    assert ru_po.read_bytes() == after


def test_no_fuzzy_leaves_machine_translations_unmarked(ru_po: Path, memory: Path) -> None:
    _fill(ru_po, "--memory", memory, "--no-fuzzy")
    po, _ = read_po(ru_po)
    filled = [e for e in po.live_entries if e.msgid != "The press office"]
    assert filled and all(e.translated and not e.fuzzy for e in filled)
    assert all(e.comments == (MT_COMMENT,) for e in filled)


def test_zh_one_form_from_msgid_plural_on_djangos_catalog(tmp_path: Path,
                                                          django_locale: Path,
                                                          memory: Path) -> None:
    from toolkit.po.writer import render_po

    po, _ = read_po(django_locale / "zh_Hans" / "LC_MESSAGES" / "django.po")
    assert po.header["Plural-Forms"].startswith("nplurals=1;")
    plural = next(e for e in po.live_entries if e.msgid_plural and "python-format" in e.flags)
    single = next(e for e in po.live_entries if e.msgid_plural is None and e.msgstr
                  and "python-format" in e.flags and "%(" in e.msgid)
    plural.msgstr_plural = {0: ""}
    single.msgstr = ""
    empty = sum(not e.translated for e in po.live_entries)  # 2 and Django's own
    path = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(render_po(po), encoding="utf-8")

    report = _fill(path, "--memory", memory)
    assert (report["to"], report["mt"]) == ("zh-Hans", empty)
    assert report["skipped"] == len(po.live_entries) - empty
    out, _ = read_po(path)
    assert out.errors == []
    got = _entry(out, plural.msgid)
    assert sorted(got.msgstr_plural) == [0] and got.fuzzy
    with Memory(memory) as mem:
        made = {u.source: u.target for u in mem.units("en", "zh-Hans")}
    assert got.msgstr_plural[0] == made[plural.msgid_plural]  # the plural text, one form
    assert plural.msgid not in made  # the singular was not even translated
    for e in (got, _entry(out, single.msgid)):
        source = e.msgid_plural or e.msgid
        assert _placeholders(e.translations[0], e.flags) == _placeholders(source, e.flags)


def test_exact_memory_hits_need_no_model(ru_po: Path, memory: Path, no_model: None) -> None:
    approved = {
        "Welcome to the university, %(name)s!": "Добро пожаловать в университет, %(name)s!",
        "The university has {count} students.": "В университете {count} студентов.",
        "Total: {value: >8} points": "Итого: {value: >8} баллов",
        "%d files were deleted.": "Удалено файлов: %d.",
        "%(count)d student": "%(count)d студент",
        "%(count)d students": "%(count)d студентов",
    }
    with Memory(memory) as mem:
        mem.add(Unit("en", "ru", s, t, "team") for s, t in approved.items())
    report = _fill(ru_po, "--memory", memory)
    assert (report["memory_exact"], report["mt"], report["strings_translated"]) == (5, 0, 0)
    po, _ = read_po(ru_po)
    for e in po.live_entries:  # approved translations: not fuzzy, no machine comment
        assert e.translated and not e.fuzzy and e.comments == (), e
    assert _entry(po, "%(count)d student").msgstr_plural == {
        0: "%(count)d студент", 1: "%(count)d студентов", 2: "%(count)d студентов"}


def test_second_fill_of_an_unchanged_catalog_does_no_mt_work(ru_po: Path, memory: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             ) -> None:
    original = ru_po.read_bytes()
    first = _fill(ru_po, "--memory", memory)
    assert first["strings_translated"] == 9
    filled, _ = read_po(ru_po)
    ru_po.write_bytes(original)
    _refuse_models(monkeypatch)
    second = _fill(ru_po, "--memory", memory)
    assert (second["strings_translated"], second["memory_exact"], second["mt"]) == (0, 5, 0)
    again, _ = read_po(ru_po)
    # the same fuzzy entries, the same comments; a plural entry's forms are the memory's
    # translations of its msgid and msgid_plural (it keeps no translation with a sample
    # number in it)
    with Memory(memory) as mem:
        made = {u.source: u.target for u in mem.units("en", "ru")}
    for old, new in zip(filled.live_entries, again.live_entries, strict=True):
        assert (new.msgstr, new.flags, new.comments) == (old.msgstr, old.flags, old.comments)
        if new.msgid_plural:
            assert new.msgstr_plural == {0: made[new.msgid], 1: made[new.msgid_plural],
                                         2: made[new.msgid_plural]}


def test_a_line_separator_in_a_translation_does_not_move_the_other_entries(
        tmp_path: Path, memory: Path, no_model: None) -> None:
    # U+2028 inside an approved msgstr: the writer cut lines there too (str.splitlines), so
    # the fill's write put every later entry's bytes one line off
    path = tmp_path / "ru.po"
    kept = '#: app.py:1\nmsgid "Line one"\nmsgstr "Строка\u2028один"\n'
    path.write_text(HEADER + "\n" + kept + '\nmsgid "Open"\nmsgstr ""\n\n'
                    '#: app.py:3\nmsgid "Close"\nmsgstr "Закрыть"\n', encoding="utf-8")
    with Memory(memory) as mem:
        mem.add([Unit("en", "ru", "Open", "Открыть", "team")])
    assert _fill(path, "--memory", memory)["memory_exact"] == 1
    assert path.read_text(encoding="utf-8") == (
        HEADER + "\n" + kept + '\nmsgid "Open"\nmsgstr "Открыть"\n\n'
        '#: app.py:3\nmsgid "Close"\nmsgstr "Закрыть"\n')


_CONTEXTS = [("month name", "May", "Май"), ("verb", "May", "Может"), (None, "Open", "Открыть"),
             ("status", "Open", "Открыт")]


def _contexts_catalog(path: Path, rows: list) -> Path:
    path.write_text(HEADER + "".join(
        (f'\nmsgctxt "{ctxt}"\n' if ctxt is not None else "\n") + f'msgid "{msgid}"\n'
        f'msgstr "{msgstr}"\n' for ctxt, msgid, msgstr in rows), encoding="utf-8")
    return path


def test_memory_keeps_each_contexts_translation_and_tmx_carries_it(
        tmp_path: Path, memory: Path, no_model: None) -> None:
    # the memory kept no msgctxt: "May" (the month) and "May" (the verb) were one source, so a
    # fill gave both entries the newer one, as approved translations (not even fuzzy), and
    # a plain "Open" took a "status" context's "Открыт"
    _contexts_catalog(tmp_path / "approved.po", _CONTEXTS)
    new = [(ctxt, msgid, "") for ctxt, msgid, _ in _CONTEXTS]
    result = CliRunner().invoke(cli, ["memory", "import", str(tmp_path / "approved.po"),
                                      "--memory", str(memory)])
    assert result.exit_code == 0, result.output
    tmx = tmp_path / "memory.tmx"
    result = CliRunner().invoke(cli, ["memory", "export", "-o", str(tmx), "--memory",
                                      str(memory)])
    assert result.exit_code == 0, result.output
    again = tmp_path / "again.sqlite3"  # the TMX round trip keeps the contexts
    result = CliRunner().invoke(cli, ["memory", "import", str(tmx), "--memory", str(again)])
    assert result.exit_code == 0, result.output
    for db in (memory, again):
        path = _contexts_catalog(tmp_path / "ru.po", new)
        assert _fill(path, "--memory", db)["memory_exact"] == 4
        po, _ = read_po(path)
        assert [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy) for e in po.live_entries] == [
            (ctxt, msgid, msgstr, False) for ctxt, msgid, msgstr in _CONTEXTS]
    # a context the memory has no translation for: another context's is only a suggestion
    path = _contexts_catalog(tmp_path / "ru.po", [("button", "Open", "")])
    assert _fill(path, "--memory", memory)["memory_fuzzy"] == 1
    (entry,) = read_po(path)[0].live_entries
    assert entry.fuzzy and entry.msgstr in ("Открыть", "Открыт")

def test_the_model_translates_a_string_of_many_contexts_once(tmp_path: Path,
                                                             memory: Path) -> None:
    """The strings of entries in different contexts are needs of their own (a person's
    translation is per context), but the model sees no context: it translated "May" once
    per context, 2,227 strings of a 2,000-entry catalog where 846 differ."""
    rows = [(ctxt, msgid, "") for ctxt, msgid, _ in _CONTEXTS]
    path = _contexts_catalog(tmp_path / "ru.po", rows)
    preview = _fill(path, "--dry-run", "--no-memory")
    assert (preview["mt"], preview["strings_translated"]) == (4, 2)
    report = _fill(path, "--memory", memory)
    assert (report["mt"], report["strings_translated"]) == (4, 2)
    po, _ = read_po(path)
    texts = {(e.msgctxt, e.msgid): e.msgstr for e in po.live_entries}
    assert texts[("month name", "May")] == texts[("verb", "May")] != ""
    assert texts[(None, "Open")] == texts[("status", "Open")] != ""
    assert all(e.fuzzy for e in po.live_entries)
    again = _fill(_contexts_catalog(tmp_path / "ru.po", rows), "--memory", memory)
    assert (again["memory_exact"], again["strings_translated"]) == (4, 0)


def test_a_fill_from_memory_alone_imports_no_translation_machinery(tmp_path: Path,
                                                                   memory: Path) -> None:
    """The pipeline (model engine, segmenter, glossary enforcement) costs a fill whose every
    string the memory has a tenth of a second of imports: the real CLI in its own process
    must not load it. Nor a dataclass: each compiles its methods when its module is
    imported (the fill's records, the catalog stats and the language were 38 M instructions
    of its start-up)."""
    path = tmp_path / "ru.po"
    path.write_text(HEADER + '\nmsgid "Open"\nmsgstr ""\n', encoding="utf-8")
    with Memory(memory) as mem:
        mem.add([Unit("en", "ru", "Open", "Открыть", "team")])
    # the CLI as in-process callers run it: the console entry point leaves at once after a
    # fill (toolkit.cli.common.keep_until_exit), before anything could be printed here
    code = ("import sys, contextlib\n"
            f"sys.argv = ['toolkit', 'catalog', 'fill', {str(path)!r}, '--memory', "
            f"{str(memory)!r}]\n"
            "from toolkit.cli.main import main\n"
            "with contextlib.suppress(SystemExit):\n"
            "    main()\n"
            "print([m for m in ('toolkit.pipeline', 'toolkit.mt.engine', 'toolkit.text.segment',"
            " 'toolkit.glossary.model', 'toolkit.glossary.match', 'ctranslate2', 'sentencepiece',"
            " 'pymorphy3', 'rapidfuzz', 'dataclasses') if m in sys.modules])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "1 filled (1 from memory" in out and out.rstrip().endswith("[]"), out
    assert 'msgstr "Открыть"' in path.read_text(encoding="utf-8")


def test_an_approved_translation_replaces_an_earlier_machine_one(
        ru_po: Path, memory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(ru_po, "--memory", memory)
    result = CliRunner().invoke(cli, ["memory", "add", "--from", "en", "--to", "ru",
                                      "--memory", str(memory), "%d files were deleted.",
                                      "Удалено файлов: %d."])
    assert result.exit_code == 0, result.output
    _refuse_models(monkeypatch)
    report = _fill(ru_po, "--memory", memory)  # no --fuzzy: only the upgrade happens
    assert (report["memory_exact"], report["mt"], report["strings_translated"]) == (1, 0, 0)
    po, _ = read_po(ru_po)
    e = _entry(po, "%d files were deleted.")
    assert (e.msgstr, e.fuzzy, e.comments) == ("Удалено файлов: %d.", False, ())
    assert all(x.fuzzy for x in po.live_entries if x.msgid not in (e.msgid, "The press office"))


def test_fuzzy_memory_hit_is_marked_fuzzy(tmp_path: Path, memory: Path, no_model: None) -> None:
    path = tmp_path / "ru.po"
    path.write_text(HEADER + '\nmsgid "Delete the selected file"\nmsgstr ""\n',
                    encoding="utf-8")
    with Memory(memory) as mem:
        mem.add([Unit("en", "ru", "Delete the selected files", "Удалить выбранные файлы")])
    report = _fill(path, "--memory", memory)
    assert (report["memory_fuzzy"], report["mt"]) == (1, 0)
    e = _entry(read_po(path)[0], "Delete the selected file")
    assert e.msgstr == "Удалить выбранные файлы" and e.fuzzy
    assert len(e.comments) == 1 and e.comments[0].startswith("translation memory, ")
    # above the threshold only
    path.write_text(HEADER + '\nmsgid "Delete the selected file"\nmsgstr ""\n',
                    encoding="utf-8")
    report = _fill(path, "--memory", memory, "--min-score", "99", "--dry-run")
    assert (report["memory_fuzzy"], report["mt"], report["written"]) == (0, 1, False)


def test_a_byte_order_mark_is_dropped_with_a_note(tmp_path: Path, memory: Path,
                                                 no_model: None) -> None:
    # fill kept the mark, and compile, check and msgfmt refuse a catalog that starts with one
    text = HEADER + '\nmsgid "The press office"\nmsgstr "Пресс-служба"\n'
    path = tmp_path / "ru.po"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = run("fill", path, "--memory", memory)
    assert result.exit_code == 0, result.output
    assert (f"{path}: note: removed the UTF-8 byte-order mark at the start of the file "
            "(msgfmt refuses a catalog that starts with one)\n") in result.stderr
    assert path.read_bytes() == text.encode()
    assert run("compile", path).exit_code == 0
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    report = _fill(path, "--memory", memory)
    assert report["written"] and report["notes"] == [
        "removed the UTF-8 byte-order mark at the start of the file (msgfmt refuses a "
        "catalog that starts with one)"]
    assert _fill(path, "--memory", memory)["notes"] == []


def _no_plural_forms(lang: str, plural_forms: str | None, forms: int) -> str:
    """A catalog as msginit leaves it for zh_CN: no Plural-Forms header (or the template's
    placeholder), plural entries with the template's two empty forms."""
    line = f'"Plural-Forms: {plural_forms}\\n"\n' if plural_forms else ""
    return ('msgid ""\nmsgstr ""\n"Project-Id-Version: demo 1.0\\n"\n'
            f'"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n{line}\n'
            '#, python-format\nmsgid "%(n)d file was deleted"\n'
            'msgid_plural "%(n)d files were deleted"\n'
            + "".join(f'msgstr[{i}] ""\n' for i in range(forms))
            + '\nmsgid "Open the file"\nmsgstr ""\n')


@pytest.mark.parametrize("placeholder", [None, "nplurals=INTEGER; plural=EXPRESSION;"])
@pytest.mark.parametrize(("lang", "forms"), [("zh_CN", 1), ("ru", 3)])
def test_a_catalog_without_plural_forms_is_filled_by_cldrs_rule_and_says_so(
        tmp_path: Path, memory: Path, lang: str, forms: int, placeholder: str | None) -> None:
    # fill filled msgstr[0] of a zh_CN catalog msginit made, left msgstr[1] and no header,
    # and said nothing; check and compile then reported the header missing
    from babel.messages.plurals import get_plural

    path = tmp_path / "messages.po"
    path.write_text(_no_plural_forms(lang, placeholder, 2), encoding="utf-8")
    dry = run("fill", path, "--memory", memory, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "plural entries would be filled by CLDR's rule for " + lang in dry.stderr
    assert path.read_text(encoding="utf-8") == _no_plural_forms(lang, placeholder, 2)
    result = run("fill", path, "--memory", memory)
    assert result.exit_code == 0, result.output
    expected = "nplurals={}; plural={};".format(*get_plural(lang))
    said = [line for line in result.stderr.splitlines() if "Plural-Forms" in line]
    assert said == [f"{path}: note: "
                    + ("Plural-Forms was the template's placeholder" if placeholder
                       else "no Plural-Forms header")
                    + f": plural entries filled by CLDR's rule for {lang}, now in the header: "
                    + expected]
    po, _ = read_po(path)
    assert po.header["Plural-Forms"] == expected
    plural = _entry(po, "%(n)d file was deleted")
    assert sorted(plural.msgstr_plural) == list(range(forms))
    assert all(plural.msgstr_plural.values())
    check = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    rules = {f["rule"] for f in json.loads(check.stdout)["findings"]}
    assert not rules & {"header-plural-forms", "plural-form-count"}, rules
    plural_dropped = path.read_text(encoding="utf-8").replace("#, fuzzy, ", "#, ")
    path.write_text(plural_dropped.replace("#, fuzzy\n", ""), encoding="utf-8")
    assert run("compile", path).exit_code == 0


def test_a_catalog_without_a_header_gets_one_with_the_plural_forms(tmp_path: Path,
                                                                   memory: Path) -> None:
    from babel.messages.plurals import get_plural

    path = tmp_path / "ru" / "LC_MESSAGES" / "messages.po"  # the locale from the path
    path.parent.mkdir(parents=True)
    body = _no_plural_forms("ru", None, 3).split("\n\n", 1)[1]
    path.write_text(body, encoding="utf-8")
    result = run("fill", path, "--memory", memory)
    assert result.exit_code == 0, result.output
    assert f"{path}: note: no Plural-Forms header: plural entries filled by CLDR's rule" in (
        result.stderr)
    po, _ = read_po(path)
    assert po.errors == [] and po.header_entry is po.entries[0]
    assert po.header == {"Plural-Forms": "nplurals={}; plural={};".format(*get_plural("ru"))}
    assert path.read_text(encoding="utf-8").endswith(body.split("\n\n")[-1].replace(
        'msgstr ""', 'msgstr "' + _entry(po, "Open the file").msgstr + '"'))


def test_a_broken_plural_forms_stops_the_fill_naming_the_file(tmp_path: Path,
                                                              memory: Path) -> None:
    path = tmp_path / "ru.po"
    text = _no_plural_forms("ru", "nplurals=3; plural=n >;", 3)
    path.write_text(text, encoding="utf-8")
    result = run("fill", path, "--memory", memory)
    assert result.exit_code == 2
    assert result.output.startswith(f"toolkit: error: {path}:1: Plural-Forms "
                                    "'nplurals=3; plural=n >;': plural expression")
    assert path.read_text(encoding="utf-8") == text


def test_dry_run_writes_nothing(ru_po: Path, memory: Path, no_model: None) -> None:
    before = ru_po.read_bytes()
    report = _fill(ru_po, "--memory", memory, "--dry-run")
    assert (report["mt"], report["strings_translated"], report["dry_run"]) == (5, 9, True)
    assert ru_po.read_bytes() == before
    with Memory(memory) as mem:
        assert list(mem.units()) == []


def test_a_broken_catalog_exits_2_and_nothing_is_touched(ru_po: Path, tmp_path: Path,
                                                         memory: Path) -> None:
    broken = tmp_path / "zh_Hans.po"
    broken.write_text('msgid ""\nmsgstr "Language: zh_Hans\\n"\n\nmsgid "Hello\nmsgstr ""\n',
                      encoding="utf-8")
    good, bad = ru_po.read_bytes(), broken.read_bytes()
    result = run("fill", ru_po, broken, "--memory", memory)
    assert result.exit_code == 2
    assert f"{broken}:4:" in result.output and "Traceback" not in result.output
    assert ru_po.read_bytes() == good and broken.read_bytes() == bad  # neither one written


def test_two_fills_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two processes fill one catalog at once, each with a memory that has approved
    translations for half of it: both halves end up approved, whichever writes last."""
    messages = [f"The laboratory opened room {n}." for n in range(1, 13)]
    path = tmp_path / "ru.po"
    path.write_text(HEADER + "".join(f'\nmsgid "{m}"\nmsgstr ""\n' for m in messages),
                    encoding="utf-8")
    halves = (messages[:6], messages[6:])
    for k, half in enumerate(halves):
        with Memory(tmp_path / f"m{k}.sqlite3") as mem:
            mem.add(Unit("en", "ru", m, f"Лаборатория {k}: {m[-3:]}", "team") for m in half)
    procs = [subprocess.Popen([sys.executable, "-m", "toolkit", "catalog", "fill", str(path),
                               "--memory", str(tmp_path / f"m{k}.sqlite3"), "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "TOOLKIT_THREADS": "1"})
             for k in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    po, _ = read_po(path)
    assert po.errors == []
    got = {e.msgid: e for e in po.live_entries}
    for k, half in enumerate(halves):
        for m in half:
            assert got[m].msgstr == f"Лаборатория {k}: {m[-3:]}", got[m]
            assert not got[m].fuzzy and got[m].comments == ()


def test_same_language_catalog_is_skipped(tmp_path: Path, memory: Path,
                                          no_model: None) -> None:
    path = tmp_path / "en.po"
    path.write_text(HEADER.replace("Language: ru", "Language: en")
                    + '\nmsgid "Hello"\nmsgstr ""\n', encoding="utf-8")
    before = path.read_bytes()
    report = _fill(path, "--memory", memory)
    assert (report["filled"], report["skipped"], report["written"]) == (0, 1, False)
    assert path.read_bytes() == before


def _units_in(memory: Path) -> int:
    """Units in the memory file as another process sees it now (0 before it exists)."""
    import sqlite3

    if not memory.exists():
        return 0
    db = sqlite3.connect(memory, timeout=5)
    try:
        return db.execute("SELECT count(*) FROM units").fetchone()[0]
    except sqlite3.OperationalError:  # the table is not made yet
        return 0
    finally:
        db.close()


def test_ctrl_c_while_the_model_works_exits_130_leaves_the_catalog_and_keeps_finished_work(
        tmp_path: Path) -> None:
    """Ctrl-C once the model has finished part of the job: exit 130, the catalog byte for
    byte as it was, and what the model finished is in the memory, so a re-run translates
    only the rest."""
    import signal
    import time

    corpus = Path(__file__).resolve().parents[2] / "tools" / "demo_corpus" / "en-ru.tsv"
    lines = list(dict.fromkeys(
        line.split("\t")[0] for line in corpus.read_text(encoding="utf-8").splitlines()
        if "\t" in line and "｟" not in line and '"' not in line and "\\" not in line))[:1500]
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    path = folder / "big.po"
    path.write_text(HEADER + "".join(f'\nmsgid "{m}"\nmsgstr ""\n' for m in lines),
                    encoding="utf-8")
    before = path.read_bytes()
    memory = tmp_path / "memory.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "catalog", "fill", str(path), "--memory",
         str(memory)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TOOLKIT_THREADS": "1"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and not _units_in(memory):
            time.sleep(0.05)  # until the model has finished some of the job
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "toolkit: interrupted" and "Traceback" not in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["big.po"]  # no temp file, no lock
    with Memory(memory) as mem:
        kept = list(mem.units())
    assert 0 < len(kept) < len(lines)
    assert all(u.machine and u.source in lines and u.target.strip() for u in kept)
    again = _fill(str(path), "--memory", str(memory), "--dry-run")
    assert again["memory_exact"] == len(kept)
    assert again["strings_translated"] == len(lines) - len(kept)


def test_a_long_job_shows_one_progress_bar_on_a_terminal(tmp_path: Path, memory: Path,
                                                         progress_bars: list[dict]) -> None:
    made = progress_bars
    messages = [f"The university opened laboratory number {n}." for n in range(25)]
    path = tmp_path / "ru.po"
    path.write_text(HEADER + "".join(f'\nmsgid "{m}"\nmsgstr ""\n' for m in messages),
                    encoding="utf-8")
    result = run("fill", path, "--memory", memory)
    assert result.exit_code == 0, result.output
    assert "translating 25 strings" in result.output
    assert len(made) == 1 and made[0]["length"] == 25


def test_a_catalog_of_no_known_language_exits_2_before_any_work(ru_po: Path, tmp_path: Path,
                                                                memory: Path) -> None:
    nameless = tmp_path / "messages.po"
    nameless.write_text(HEADER.replace('"Language: ru\\n"\n', "") + '\nmsgid "Hello"\nmsgstr ""\n',
                        encoding="utf-8")
    before = ru_po.read_bytes()
    result = run("fill", ru_po, nameless, "--memory", memory)
    assert result.exit_code == 2
    assert f"{nameless}: cannot tell the catalog's language" in result.output
    assert ru_po.read_bytes() == before


LABS = HEADER + '''
#, python-format
msgid "SPbPU has %(count)d laboratory and 18 research centers."
msgid_plural "SPbPU has %(count)d laboratories and 18 research centers."
msgstr[0] ""
msgstr[1] ""
msgstr[2] ""

#, python-brace-format
msgid "SPbPU has {count} laboratory and 18 research centers."
msgid_plural "SPbPU has {count} laboratories and 18 research centers."
msgstr[0] ""
msgstr[1] ""
msgstr[2] ""
'''


def test_ru_plural_forms_take_the_words_of_their_numbers(tmp_path: Path, memory: Path) -> None:
    """Each form is the translation of the msgid_plural with a number of that form (21, 22,
    10) for the count, the number then turned back into the placeholder: the demo model
    writes "21 лаборатория", "22 лаборатории", "10 лабораторий"."""
    path = tmp_path / "ru" / "LC_MESSAGES" / "labs.po"
    path.parent.mkdir(parents=True)
    path.write_text(LABS, encoding="utf-8")
    report = _fill(path, "--memory", memory)
    # each entry's msgid and msgid_plural (deduplicated by text and flags: 4) and its three
    # samples; the two entries' samples differ in their flags only
    assert (report["mt"], report["strings_translated"]) == (2, 4 + 6)
    po, _ = read_po(path)
    assert po.errors == []
    for e, count in zip(po.live_entries, ("%(count)d", "{count}"), strict=True):
        forms = e.msgstr_plural
        assert sorted(forms) == [0, 1, 2] and e.fuzzy and e.comments == (MT_COMMENT,)
        for text in forms.values():
            assert _placeholders(text, e.flags) == [count], text
            assert text.count(count) == 1 and "18 научных центров" in text
        assert f"{count} лаборатория " in forms[0]
        assert f"{count} лаборатории " in forms[1]
        assert f"{count} лабораторий " in forms[2]
    with Memory(memory) as mem:  # the memory has the catalog's strings, no sample numbers
        sources = {u.source for u in mem.units("en", "ru")}
    assert sources == {s for e in po.live_entries for s in (e.msgid, e.msgid_plural)}


SEATS = HEADER + '''
#: src/hitapp/views.py:17
#, python-brace-format
msgid "{n} seat left at the summer school"
msgid_plural "{n} seats left at the summer school"
msgstr[0] ""
msgstr[1] ""
msgstr[2] ""
'''


def test_warnings_name_the_catalogs_text_not_the_plural_samples(tmp_path: Path,
                                                                memory: Path) -> None:
    """The samples (the msgid_plural with 21, 22, 10 for its count) are the fill's own
    sentences: a number the model lost in one is the fill's business (the form then keeps
    its source's translation), not a warning about a number the catalog never had."""
    path = tmp_path / "ru" / "LC_MESSAGES" / "seats.po"
    path.parent.mkdir(parents=True)
    path.write_text(SEATS, encoding="utf-8")
    report = _fill(path, "--memory", memory)
    messages = [w["message"] for w in report["warnings"]]
    assert not [m for m in messages if any(n in m for n in ("21", "22", "10"))], messages
    assert not [w for w in report["warnings"] if w["source"] not in (
        "{n} seat left at the summer school", "{n} seats left at the summer school")]
    assert len(messages) == len(set(messages))


DATA = Path(__file__).parent / "data"


def test_a_fill_keeps_the_bytes_of_every_part_it_does_not_write(tmp_path: Path, memory: Path,
                                                                no_model: None) -> None:
    """Golden file: msgids, a msgctxt and a msgid_plural wrapped where no tool wraps them,
    comments and references spaced oddly, an indented keyword, two blank lines: all of it
    stays byte for byte; fill writes only the msgstr lines, the flags line and its comment
    (GNU gettext's layout), and drops the ``#|`` lines of an entry it fills."""
    path = tmp_path / "ru.po"
    path.write_bytes((DATA / "odd_layout.po").read_bytes())
    with Memory(memory) as mem:
        mem.add([Unit("en", "ru", "Welcome to the university, %(name)s!",
                      "Добро пожаловать в университет, %(name)s!", f"machine:{MODEL}")])
        mem.add(Unit("en", "ru", s, t, "team") for s, t in {
            "The press office publishes the news of the university every morning, in three "
            "languages.": "Пресс-служба публикует новости университета каждое утро, на трёх "
                          "языках: русском, английском и китайском.",
            "New source": "Новый источник",
            "Indented and spaced": "С отступом и пробелами"}.items())
        mem.add([Unit("en", "ru", "%(count)d students", "%(count)d студентов", "team",
                      "students")])  # the entry's msgctxt
    report = _fill(path, "--memory", memory)
    assert (report["memory_exact"], report["skipped"]) == (5, 1), report
    assert path.read_bytes() == (DATA / "odd_layout.filled.po").read_bytes()


def test_the_model_runs_with_the_garbage_collector_on(ru_po: Path, memory: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The command pauses the collector (catalog work makes no cycles), not the model's run;
    and the caller's collector is as it was afterwards."""
    import gc

    import toolkit.pipeline

    states: list[bool] = []
    real = toolkit.pipeline.translate_sentences

    def spy(*args: object, **kwargs: object) -> object:
        states.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(toolkit.pipeline, "translate_sentences", spy)
    was = gc.isenabled()
    assert _fill(str(ru_po), "--memory", str(memory))["mt"] == 5
    assert states == [True]
    assert gc.isenabled() is was


def test_the_model_work_in_groups_gives_what_one_call_gives(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """The groups a fill's model work is cut into (so a Ctrl-C keeps the finished ones)
    change nothing: the same translations, and the same warnings in the same order, the
    catalog's (the groups go by length)."""
    import toolkit.catalog.fill as fill
    from toolkit.catalog.files import load_catalog
    from toolkit.glossary import load_glossary, shipped_glossary_paths

    corpus = Path(__file__).resolve().parents[2] / "tools" / "demo_corpus" / "en-ru.tsv"
    lines = list(dict.fromkeys(
        line.split("\t")[0] for line in corpus.read_text(encoding="utf-8").splitlines()
        if "\t" in line and '"' not in line and "\\" not in line))[:60]
    # placeholders inside the sentences: the model loses some, and they are put back with a
    # warning on the entry's line; longest first, so the groups go against the file's order
    lines[:30] = sorted(lines[:30], key=len, reverse=True)
    path = tmp_path / "ru.po"
    path.write_text(RU + "".join(
        f'\n#, python-format\nmsgid "%(who)s: {m[:len(m) // 2]} %(name)s {m[len(m) // 2:]}"'
        '\nmsgstr ""\n' for m in lines[:30]) + "".join(
        f'\nmsgid "{m}"\nmsgstr ""\n' for m in lines[30:]), encoding="utf-8")
    glossary = load_glossary(shipped_glossary_paths())
    made = []
    for least in (10**9, 1):  # one group; then as many as GROUPS
        monkeypatch.setattr(fill, "_MIN_GROUP_CHARS", least)
        job = fill.plan(load_catalog(path), path, fill.FillOptions(), None)
        assert len(fill._groups(job.pending)) == (1 if least > 1 else fill.GROUPS)
        fill.run_model(job, glossary=glossary)
        made.append(([n.result.text if n.result else None for n in job.needs],
                     [(w.line, w.source, w.kind, str(w.message)) for w in job.warnings]))
    assert made[0][1]  # warnings to keep in order
    assert len({line for line, *_ in made[0][1]}) > 5
    warned = [line for line, *_ in made[0][1]]
    assert warned == sorted(warned)  # in the catalog's order, as one call gives them
    assert made[1] == made[0]


def test_a_locale_folder_of_many_languages_gives_its_ru_and_zh(tmp_path: Path,
                                                                django_locale: Path) -> None:
    """A package's locale/ folder holds dozens of languages. ``catalog fill locale/`` and
    ``memory import locale/`` stopped with exit 2 at the first catalog in a language the
    toolkit does not translate (django-import-export's ``ar``) and did neither ru nor zh.
    Now such catalogs found by the folder search are passed over with one note; one named
    on the command line is still an error."""
    import shutil

    locale = tmp_path / "locale"
    for lang in ("ar", "de", "ru", "zh_Hans"):
        dest = locale / lang / "LC_MESSAGES" / "django.po"
        dest.parent.mkdir(parents=True)
        shutil.copy(django_locale / lang / "LC_MESSAGES" / "django.po", dest)
    before = {p: p.read_bytes() for p in locale.rglob("*.po")}

    result = run("fill", locale, "--dry-run", "--no-memory", "--json")
    assert result.exit_code == 0, result.output
    assert [r["to"] for r in json.loads(result.stdout)] == ["ru", "zh-Hans"]
    assert "2 catalogs skipped" in result.stderr and "ar, de" in result.stderr

    memory = tmp_path / "memory.sqlite3"
    result = CliRunner().invoke(cli, ["memory", "import", str(locale), "--memory", str(memory),
                                      "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [Path(r["file"]).parts[-3] for r in rows] == ["ru", "zh_Hans"]
    assert all(r["added"] > 100 for r in rows)
    assert "2 catalogs skipped" in result.stderr and "ar, de" in result.stderr

    named = locale / "ar" / "LC_MESSAGES" / "django.po"
    for args in (["catalog", "fill", str(named), "--dry-run", "--no-memory"],
                 ["memory", "import", str(named), "--memory", str(memory)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and "'ar'" in result.output, result.output
        assert f"{named}:" in result.output and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in locale.rglob("*.po")} == before


def test_a_catalog_in_the_source_language_gives_no_memory_units(tmp_path: Path,
                                                                 django_locale: Path) -> None:
    """``memory import`` of Django's en_GB catalog stored its entries as en -> en units: the
    region is no language the memory tells apart, so they held nothing a lookup or a fill
    asks for, and their TMX export had two ``en`` variants per unit, which the toolkit's own
    TMX import skips. A folder search passes such catalogs over with one note (as fill does
    now too), a catalog named on the command line is an error with its file."""
    import shutil

    locale = tmp_path / "locale"
    for lang in ("en", "en_GB", "ru"):
        dest = locale / lang / "LC_MESSAGES" / "django.po"
        dest.parent.mkdir(parents=True)
        shutil.copy(django_locale / lang / "LC_MESSAGES" / "django.po", dest)
    memory = tmp_path / "memory.sqlite3"
    result = CliRunner().invoke(cli, ["memory", "import", str(locale), "--memory", str(memory),
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert [Path(r["file"]).parts[-3] for r in json.loads(result.stdout)] == ["ru"]
    assert "2 catalogs skipped" in result.stderr
    assert "en (the source language), en_GB (the source language)" in result.stderr
    stats = CliRunner().invoke(cli, ["memory", "stats", "--memory", str(memory), "--json"])
    assert [(p["source"], p["target"]) for p in json.loads(stats.stdout)["pairs"]] == [
        ("en", "ru")]

    result = run("fill", locale, "--dry-run", "--no-memory", "--json")
    assert result.exit_code == 0, result.output
    assert [r["to"] for r in json.loads(result.stdout)] == ["ru"]
    assert "en_GB (the source language)" in result.stderr

    named = locale / "en_GB" / "LC_MESSAGES" / "django.po"
    result = CliRunner().invoke(cli, ["memory", "import", str(named), "--memory", str(memory)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"toolkit: error: {named}:")
    assert "en_GB is the source language en" in result.output
    assert "Traceback" not in result.output


def test_a_machine_translation_a_person_approves_unchanged_is_approved_in_the_memory(
        ru_po: Path, memory: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reviewer who finds the model's draft right removes the fuzzy flag and keeps the
    text. Importing that catalog (or `memory add` of the same text) said '0 new units' /
    'already there': the memory kept the unit as the model's draft, so every later fill
    marked the string fuzzy for review again and lookup called it [machine: ...]."""
    _fill(ru_po, "--memory", memory)
    po, _ = read_po(ru_po)
    drafts = {e.msgid: e.msgstr for e in po.live_entries if e.fuzzy and e.msgid_plural is None}
    # the reviewer approves every singular draft as it is: flag and our comment removed
    text = ru_po.read_text(encoding="utf-8").replace(f"# {MT_COMMENT}\n", "")
    ru_po.write_text(text.replace("#, fuzzy, ", "#, ").replace("#, fuzzy\n", ""),
                     encoding="utf-8")
    invoke = CliRunner().invoke
    result = invoke(cli, ["memory", "import", str(ru_po), "--memory", str(memory), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["added"] >= len(drafts)  # approved: news to it
    for msgid, msgstr in drafts.items():
        result = invoke(cli, ["memory", "lookup", "--from", "en", "--to", "ru", msgid,
                              "--memory", str(memory), "--json"])
        assert [(h["target"], h["machine"]) for h in json.loads(result.stdout)
                if h["score"] == 100] == [(msgstr, False)], msgid
    # `memory add` of a draft as it is approves it too
    msgid, msgstr = "Approve me", "Одобри меня"
    with Memory(memory) as mem:
        mem.add([Unit("en", "ru", msgid, msgstr, f"machine:{MODEL}")])
    args = ["memory", "add", "--from", "en", "--to", "ru", msgid, msgstr, "--memory", memory]
    assert invoke(cli, args).stdout == "added\n"
    assert invoke(cli, args).stdout == "already there\n"
    with Memory(memory) as mem:
        assert [u.machine for u in mem.units() if u.source == msgid] == [False]
    _refuse_models(monkeypatch)
    again = tmp_path / "ru2" / "again.po"
    again.parent.mkdir()
    again.write_text(RU, encoding="utf-8")
    report = _fill(again, "--memory", memory)
    assert (report["memory_exact"], report["mt"]) == (len(drafts) + 1, 0)
    for e in read_po(again)[0].live_entries:
        if e.msgid in drafts:
            assert (e.msgstr, e.fuzzy, e.comments) == (drafts[e.msgid], False, ())


@pytest.mark.parametrize("meanwhile", ["nothing", "same bytes", "an edit"])
def test_commit_edits_the_catalog_plan_read_only_while_the_file_holds_its_bytes(
        tmp_path: Path, memory: Path, no_model: None, meanwhile: str) -> None:
    """commit reuses the catalog plan parsed when the file still holds the bytes it was
    read from (rewritten with them too); a file edited meanwhile is read again, and the
    entry edited keeps the edit."""
    from toolkit.catalog.files import load_catalog
    from toolkit.catalog.fill import FillOptions, commit, plan

    path = tmp_path / "ru.po"
    path.write_text(HEADER + '\nmsgid "Open file"\nmsgstr ""\n\nmsgid "Save file"\nmsgstr ""\n',
                    encoding="utf-8")
    with Memory(memory) as mem:
        mem.add([Unit("en", "ru", "Open file", "Открыть файл", "team"),
                 Unit("en", "ru", "Save file", "Сохранить файл", "team")])
        job = plan(load_catalog(path), path, FillOptions(), mem)
    before = path.read_bytes()
    if meanwhile == "same bytes":
        path.write_bytes(before)
    elif meanwhile == "an edit":
        path.write_bytes(before.replace(b'"Save file"\nmsgstr ""', b'"Save file"\nmsgstr "Mine"'))
    report = commit(job, FillOptions())
    po, _ = read_po(path)
    got = {e.msgid: e.msgstr for e in po.live_entries}
    assert got["Open file"] == "Открыть файл"
    if meanwhile == "an edit":
        assert got["Save file"] == "Mine"
        assert (report.memory_exact, report.changed_meanwhile) == (1, 1)
    else:
        assert got["Save file"] == "Сохранить файл"
        assert (report.memory_exact, report.changed_meanwhile) == (2, 0)
