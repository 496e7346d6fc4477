"""The translation memory: lookups, TMX round trip, two writers at once, the real CLI."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.cli.main import cli
from toolkit.errors import InputError
from toolkit.memory.store import Memory, Unit, normalize
from toolkit.memory.tmx import read_tmx, split_writable, write_tmx
from toolkit.xmlio import unwritable


def test_exact_lookup_masks_placeholders_and_whitespace(tmp_path: Path) -> None:
    with Memory(tmp_path / "tm.sqlite3") as mem:
        assert mem.add([Unit("en", "ru", "Delete %(name)s?", "Удалить %(name)s?")]) == 1
        assert mem.add([Unit("en", "ru", "Delete %(name)s?", "Удалить %(name)s?")]) == 0
        (hit,) = mem.exact("en", "ru", "Delete  %(item)s?")
        assert hit.exact and hit.target == "Удалить %(item)s?"
        assert mem.exact("en", "zh-Hans", "Delete %(name)s?") == []
        assert mem.exact("en", "ru", "Delete it?") == []


@pytest.mark.parametrize("asked", [1000, 1300])  # look-ups in chunks; the pair read once
def test_exact_many_answers_as_exact_one_by_one(tmp_path: Path, asked: int) -> None:
    # repeated and placeholder-masked queries, two units for one key (most recent first),
    # misses and another language pair in between
    units = [Unit("en", "ru", f"Item {i} of %(n)s", f"Пункт {i} из %(n)s") for i in range(5000)]
    units += [Unit("en", "ru", "Item 7 of %(n)s", "Элемент 7 из %(n)s", "machine:demo"),
              Unit("en", "zh-Hans", "Item 3 of %(n)s", "第 3 项")]
    queries = [f"Item {i} of %(count)s" for i in range(asked - 4)] + [
        "Item 7 of %(n)s", "Item  7 of %(n)s", "Item 3 of %(n)s", "nothing like it"]
    with Memory(tmp_path / "tm.sqlite3") as mem:
        mem.add(units)
        many = mem.exact_many("en", "ru", queries)
        one_by_one = [[Unit("en", "ru", *row) for row in mem.db.execute(
            "SELECT source, target, origin FROM units WHERE src_lang = 'en' AND "
            "tgt_lang = 'ru' AND key = ? ORDER BY id DESC", (normalize(q),))] for q in queries]
        assert [[h.unit for h in hits] for hits in many] == one_by_one
        assert all(h.exact for hits in many for h in hits)
        assert [h.target for h in many[-4]] == ["Элемент 7 из %(n)s", "Пункт 7 из %(n)s"]
        assert many[0][0].target == "Пункт 0 из %(count)s"
        assert many[-1] == [] and mem.exact_many("en", "ru", []) == []


def test_fuzzy_lookup_scores(tmp_path: Path) -> None:
    with Memory(tmp_path / "tm.sqlite3") as mem:
        mem.add([Unit("en", "ru", "Open the file", "Открыть файл"),
                  Unit("en", "ru", "Close the window", "Закрыть окно")])
        hits = mem.fuzzy("en", "ru", "Open the files")
        assert [h.target for h in hits] == ["Открыть файл"]
        assert 75 <= hits[0].score < 100


def _writer(path: str, tag: str, n: int) -> None:
    with Memory(path) as mem:
        for i in range(n):
            mem.add([Unit("en", "ru", f"{tag} {i}", f"{tag} перевод {i}")])


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "tm.sqlite3")
    Memory(path).close()
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(path, tag, 100)) for tag in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with Memory(path) as mem:
        assert mem.stats() == [{"source": "en", "target": "ru", "units": 200}]


# Control characters included: a catalog's \r\n, \t or \v ends up in the memory.
_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1,
                max_size=60).filter(str.strip)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_text, _text, st.sampled_from(["ru", "zh-Hans", "en"])),
                max_size=8))
def test_tmx_round_trip(tmp_path_factory: pytest.TempPathFactory, rows: list) -> None:
    """What TMX can hold comes back exactly (carriage returns too); the rest is set apart,
    never written into a file that cannot be read."""
    units = [Unit("en" if lang != "en" else "ru", lang, s, t, "x") for s, t, lang in rows]
    ok, bad = split_writable(units)
    assert ok == [u for u in units if not unwritable(u.source + u.target)]
    assert [u for u, _ in bad] == [u for u in units if unwritable(u.source + u.target)]
    path = tmp_path_factory.mktemp("tmx") / "m.tmx"
    path.write_bytes(write_tmx(ok))
    assert list(read_tmx(path)) == ok
    for unit, _ in bad:
        with pytest.raises(InputError, match="TMX cannot hold U\\+"):
            write_tmx([unit])


def test_cli_export_leaves_out_what_tmx_cannot_hold_and_keeps_carriage_returns(
        tmp_path: Path) -> None:
    """Found by tools/fuzz_cli.py: a catalog entry with \\v made `memory export` write a TMX
    that `memory import` refused, and \\r\\n came back as \\n."""
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "a.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Open\\r\\nfile"\nmsgstr "Открыть\\r\\nфайл"\n\n'
        'msgid "Close\\vnow"\nmsgstr "Закрыть\\vсейчас"\n', encoding="utf-8")
    first, again, tmx = (str(tmp_path / n) for n in ("a.sqlite3", "b.sqlite3", "out.tmx"))

    def run(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli, ["memory", *args], env={"LANGUAGE": "en"})

    assert run("import", str(tmp_path / "ru"), "--from", "en", "--memory", first).exit_code == 0
    exported = run("export", "-o", tmx, "--memory", first)
    assert exported.exit_code == 0, exported.output
    assert "left out 1 unit(s) TMX cannot hold (first: U+000B in 'Close\\x0bnow')" \
        in exported.stderr
    reread = run("import", tmx, "--memory", again)
    assert reread.exit_code == 0, reread.output
    with Memory(again) as mem:
        assert [(u.source, u.target) for u in mem.units()] == [("Open\r\nfile",
                                                               "Открыть\r\nфайл")]


def test_tmx_golden_and_malformed(tmp_path: Path) -> None:
    data = write_tmx([Unit("en", "zh-Hans", "Open", "打开", "")])
    assert data == (b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                    b'  <header creationtool="toolkit" creationtoolversion="0.1.0" '
                    b'segtype="sentence" adminlang="en" srclang="*all*" datatype="plaintext" '
                    b'o-tmf="toolkit" />\n  <body>\n    <tu srclang="en">\n'
                    b'      <tuv xml:lang="en">\n        <seg>Open</seg>\n      </tuv>\n'
                    b'      <tuv xml:lang="zh-Hans">\n        <seg>\xe6\x89\x93\xe5\xbc\x80</seg>\n'
                    b'      </tuv>\n    </tu>\n  </body>\n</tmx>')
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx>\n<body>\n<tu>\n</body>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["memory", "import", str(bad), "--memory",
                                      str(tmp_path / "tm.sqlite3")])
    assert result.exit_code == 2 and f"{bad}:4:" in result.output


def test_cli_imports_vendor_tmx_in_gb18030_and_names_a_bad_encoding(tmp_path: Path) -> None:
    """Found by tools/fuzz_cli.py: a TMX declared as GB18030 or Big5 (what Chinese CAT tools
    write) or in an unknown encoding gave a traceback (expat reads neither)."""
    units = [Unit("en", "zh-Hans", "Nanjing University", "南京大学", "vendor")]
    text = write_tmx(units).decode().replace('encoding="UTF-8"', 'encoding="GB18030"')
    vendor = tmp_path / "vendor.tmx"
    vendor.write_bytes(text.encode("gb18030"))
    memory = str(tmp_path / "tm.sqlite3")
    result = CliRunner().invoke(cli, ["memory", "import", str(vendor), "--memory", memory])
    assert result.exit_code == 0, result.output
    with Memory(memory) as mem:
        assert list(mem.units()) == units
    vendor.write_bytes(text.replace("GB18030", "full").encode())
    result = CliRunner().invoke(cli, ["memory", "import", str(vendor), "--memory", memory])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"toolkit: error: {vendor}:1: unknown encoding 'full' in "
                                     "the XML declaration")


def test_normalize() -> None:
    assert normalize("Hello,  {name}\n!") == normalize("Hello, {user} !")


def test_cli_import_catalogs_lookup_export_stats(tmp_path: Path, django_locale: Path) -> None:
    for lang in ("ru", "zh_Hans"):
        dest = tmp_path / "locale" / lang / "LC_MESSAGES"
        dest.mkdir(parents=True)
        shutil.copy(django_locale / lang / "LC_MESSAGES" / "django.po", dest)
    db = str(tmp_path / "tm.sqlite3")
    run = CliRunner().invoke
    result = run(cli, ["memory", "import", str(tmp_path / "locale"), "--memory", db, "--json"])
    assert result.exit_code == 0, result.output
    assert all(row["added"] > 200 for row in json.loads(result.stdout))
    result = run(cli, ["memory", "stats", "--memory", db, "--json"])
    pairs = {(r["source"], r["target"]) for r in json.loads(result.stdout)["pairs"]}
    assert pairs == {("en", "ru"), ("en", "zh-Hans")}
    result = run(cli, ["memory", "lookup", "--from", "en", "--to", "ru", "Enter a valid value",
                       "--memory", db, "--json"])
    hits = json.loads(result.stdout)
    assert hits and hits[0]["target"].startswith("Введите")
    assert run(cli, ["memory", "add", "--from", "en", "--to", "ru", "Open", "Открыть",
                     "--memory", db]).exit_code == 0
    out = tmp_path / "all.tmx"
    assert run(cli, ["memory", "export", "-o", str(out), "--memory", db]).exit_code == 0
    fresh = str(tmp_path / "fresh.sqlite3")
    assert run(cli, ["memory", "import", str(out), "--memory", fresh]).exit_code == 0
    with Memory(db) as a, Memory(fresh) as b:
        assert a.stats() == b.stats()


def test_lookup_puts_a_persons_translation_before_a_machine_one_and_says_which(
        tmp_path: Path) -> None:
    """After a fill, the model's draft and the approved catalog translation score alike:
    lookup listed the machine one first, unmarked."""
    from toolkit.memory.store import machine_origin

    db = str(tmp_path / "tm.sqlite3")
    source = "Welcome to Harbin Institute of Technology, %(name)s!"
    with Memory(db) as mem:
        mem.add([Unit("en", "ru", source,
                      "Добро пожаловать в Харбинский политехнический университет, %(name)s!",
                      "catalog")])
        mem.add([Unit("en", "ru", source, "Добро Харбинский институт %(name)s!",
                      machine_origin("translate-en_ru-demo"))])
    run = CliRunner().invoke
    for text in (source, "Welcome to Harbin Institute of Technology"):  # exact, fuzzy
        result = run(cli, ["memory", "lookup", "--from", "en", "--to", "ru", text,
                           "--memory", db])
        assert result.exit_code == 0, result.output
        first, second = result.stdout.splitlines()
        assert "Добро пожаловать" in first and "machine" not in first
        assert "Добро Харбинский" in second and "machine: translate-en_ru-demo" in second
        result = run(cli, ["memory", "lookup", "--from", "en", "--to", "ru", text,
                           "--memory", db, "--json"])
        hits = json.loads(result.stdout)
        assert [h["machine"] for h in hits] == [False, True]
        assert hits[1]["origin"] == "machine:translate-en_ru-demo"


def test_memory_config_is_checked_like_every_table(tmp_path: Path, monkeypatch) -> None:
    """[tool.toolkit.memory] went through its own reader: unknown keys were ignored and a
    bad path had no file:line."""
    from toolkit.errors import ConfigError
    from toolkit.memory.store import default_path

    monkeypatch.delenv("TOOLKIT_MEMORY", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit.memory]\npaht = "tm.db"\n',
                                             encoding="utf-8")
    with pytest.raises(ConfigError, match="paht"):
        default_path()
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit.memory]\npath = 3\n',
                                             encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        default_path()
    assert info.value.line == 2
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit.memory]\npath = "tm.db"\n',
                                             encoding="utf-8")
    assert default_path() == tmp_path / "tm.db"


def test_import_of_a_catalog_in_an_unserved_language_names_the_file(tmp_path: Path) -> None:
    # 'unknown language code ...' came without the file that gave the code (found by fuzzing)
    catalog = tmp_path / "fr" / "LC_MESSAGES" / "app.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('\nmsgid ""\nmsgstr "Language: fr\\n"\n\n'
                       'msgid "Save"\nmsgstr "Enregistrer"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["memory", "import", str(catalog), "--memory",
                                      str(tmp_path / "m.db"), "--from", "en"],
                                env={"LANGUAGE": "en"})
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"toolkit: error: {catalog}:2: ") and "'fr'" in result.output
    assert "Traceback" not in result.output


def test_cli_imports_vendor_tmx_with_regional_codes_and_says_what_it_skipped(
        tmp_path: Path) -> None:
    """Found by a new user's trial: a CAT tool's TMX with header srclang="en-US", variants
    "EN-GB"/"zh-CN" and TMX 1.1's lang= kept 1 unit of 4 and said nothing of the rest: the
    source variant was found by comparing the codes as strings."""
    vendor = tmp_path / "vendor.tmx"
    vendor.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header creationtool="x" creationtoolversion="1" segtype="sentence" adminlang="en-US"'
        ' srclang="en-US" datatype="html" o-tmf="x"/>\n<body>\n'
        '<tu><tuv xml:lang="en-US"><seg>Save</seg></tuv>'
        '<tuv xml:lang="ru-RU"><seg>Сохранить</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="EN-GB"><seg>Tomsk</seg></tuv><tuv xml:lang="zh-CN"><seg>托木斯克'
        '</seg></tuv><tuv xml:lang="ru"><seg>Томск</seg></tuv></tu>\n'
        '<tu><tuv lang="EN"><seg>Old style</seg></tuv><tuv lang="RU"><seg>Старый стиль</seg>'
        '</tuv></tu>\n'
        '<tu><tuv xml:lang="en-US"><seg>Hello</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg>'
        '</tuv></tu>\n'
        '<tu><tuv xml:lang="de"><seg>Tschüss</seg></tuv><tuv xml:lang="ru"><seg>Пока</seg>'
        '</tuv></tu>\n</body></tmx>\n', encoding="utf-8")
    memory = str(tmp_path / "tm.sqlite3")
    result = CliRunner().invoke(cli, ["memory", "import", str(vendor), "--memory", memory])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{vendor}: 4 new units\n"
    assert result.stderr.splitlines() == [
        f"{vendor}: note: 1 translation unit(s) skipped: no variant in another language the "
        "toolkit serves (en, ru, zh)",
        f"{vendor}: note: 1 translation unit(s) skipped: no variant in the source language "
        "'en-US'"]
    with Memory(memory) as mem:
        assert list(mem.units()) == [
            Unit("en", "ru", "Save", "Сохранить", "tmx"),
            Unit("en", "zh-Hans", "Tomsk", "托木斯克", "tmx"),
            Unit("en", "ru", "Tomsk", "Томск", "tmx"),
            Unit("en", "ru", "Old style", "Старый стиль", "tmx")]


def test_a_memory_written_before_contexts_gains_them_and_keeps_its_units(tmp_path: Path
                                                                          ) -> None:
    """Units keep their entry's msgctxt: "May" the month and "May" the verb are two
    translations. A memory file made before that is brought up to date when opened."""
    import sqlite3

    db = tmp_path / "old.sqlite3"
    old = sqlite3.connect(db)
    old.executescript("""
        CREATE TABLE units (id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL,
            tgt_lang TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
            key TEXT NOT NULL, origin TEXT NOT NULL DEFAULT '', created TEXT NOT NULL,
            UNIQUE (src_lang, tgt_lang, source, target));
        CREATE INDEX units_key ON units (src_lang, tgt_lang, key);
        INSERT INTO units (src_lang, tgt_lang, source, target, key, origin, created)
            VALUES ('en', 'ru', 'May', 'Май', 'May', 'catalog', '2026-01-01T00:00:00Z');""")
    old.commit()
    old.close()
    run = CliRunner().invoke
    for context in ("month", "verb"):  # the same words for two contexts: two units
        result = run(cli, ["memory", "add", "--from", "en", "--to", "ru", "--context",
                           context, "May", "Май", "--memory", str(db)])
        assert result.exit_code == 0 and result.stdout == "added\n", result.output
    result = run(cli, ["memory", "lookup", "--from", "en", "--to", "ru", "May", "--memory",
                       str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert sorted(h["context"] for h in json.loads(result.stdout)) == ["", "month", "verb"]
    result = run(cli, ["memory", "lookup", "--from", "en", "--to", "ru", "May", "--memory",
                       str(db)])
    assert "[msgctxt: month]" in result.stdout
    with Memory(db) as mem:  # opened again: nothing left to do, nothing lost
        assert [u.context for u in mem.units()] == ["", "month", "verb"]
        assert {r[0] for r in mem.db.execute("SELECT name FROM sqlite_master")} == {
            "units", "units_key", "sqlite_autoindex_units_1"}
