"""`toolkit glossary ...` end to end through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary import read_glossary_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["glossary", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_list_and_json() -> None:
    code, out, _ = run("list", "--lang", "en", "--lang", "ru")
    assert code == 0
    assert "spbpu" in out and "Санкт-Петербургский политехнический университет" in out
    code, out, _ = run("list", "--json")
    data = json.loads(out)
    assert {"concept": "nanjing", "terms": {"en": "Nanjing", "ru": "Нанкин", "zh": "南京"}} in data


def test_show_and_unknown_concept() -> None:
    code, out, _ = run("show", "nanjing")
    assert code == 0 and "Nanking" in out and "deprecated" in out
    code, out, _ = run("show", "nanjing", "--json")
    assert json.loads(out)["terms"][0]["text"] == "Nanjing"
    code, _, err = run("show", "atlantis")
    assert code == 2 and "no concept 'atlantis'" in err


@pytest.mark.parametrize("name", ["project.csv", "project.tbx", "project.tsv"])
def test_add_edit_remove_round(tmp_path: Path, name: str) -> None:
    path = str(tmp_path / name)
    assert run("add", path, "lab", "en", "Joint Laboratory", "--concept-note", "a lab",
               "--full-form-first")[0] == 0
    assert run("add", path, "lab", "ru", "совместная лаборатория", "--gender", "feminine")[0] == 0
    assert run("add", path, "lab", "en", "JL", "--type", "acronym")[0] == 0
    code, _, err = run("add", path, "lab", "en", "Shared Lab")
    assert code == 2 and "already has the preferred en full term" in err
    assert run("add", path, "lab", "en", "Shared Lab", "--status", "forbidden")[0] == 0
    g = read_glossary_file(path)
    lab = g.get("lab")
    assert lab.note == "a lab" and lab.full_form_first
    assert lab.preferred("en", "acronym").case_sensitive
    assert run("edit", path, "lab", "en", "Shared Lab", "--status", "deprecated",
               "--text", "Shared Laboratory")[0] == 0
    assert [t.text for t in read_glossary_file(path).get("lab").terms_for("en")] == [
        "Joint Laboratory", "JL", "Shared Laboratory"]
    code, _, err = run("edit", path, "lab", "en", "Nope", "--status", "admitted")
    assert code == 2 and "has no en term 'Nope'" in err
    assert run("remove", path, "lab", "en", "JL")[0] == 0
    assert [t.text for t in read_glossary_file(path).get("lab").terms] == [
        "Joint Laboratory", "Shared Laboratory", "совместная лаборатория"]
    assert run("remove", path, "lab")[0] == 0
    assert len(read_glossary_file(path)) == 0
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary files left


def test_edit_missing_file_and_bad_extension(tmp_path: Path) -> None:
    code, _, err = run("edit", str(tmp_path / "none.csv"), "x", "en", "X", "--status",
                       "admitted")
    assert code == 2 and "no such glossary file" in err
    code, _, err = run("add", str(tmp_path / "g.docx"), "x", "en", "X")
    assert code == 2 and "unknown glossary extension" in err


def test_import_deepl_then_use_it(tmp_path: Path) -> None:
    src = tmp_path / "deepl.csv"
    src.write_text("Joint Laboratory,совместная лаборатория\n", encoding="utf-8")
    dest = tmp_path / "project.tbx"
    code, _, err = run("import", str(src), str(dest))
    assert code == 2 and "give its languages with --from and --to" in err
    assert run("import", str(src), str(dest), "--source-lang", "en",
               "--target-lang", "ru")[0] == 0
    assert run("import", str(src), str(dest), "--source-lang", "en",
               "--target-lang", "ru")[0] == 2  # exists, no --force
    code, out, _ = run("find", "-", "--lang", "ru", "-g", str(dest), "--json",
                       input="Открыта совместная лаборатория в Нанкине.")
    assert [(m["concept"], m["surface"]) for m in json.loads(out)] == [
        ("joint_laboratory", "совместная лаборатория"), ("nanjing", "Нанкине")]


def test_export_formats(tmp_path: Path) -> None:
    code, out, _ = run("export", "-", "--format", "deepl", "--source-lang", "en",
                       "--target-lang", "zh")
    assert code == 0 and "Nanjing,南京" in out.splitlines()
    code, out, _ = run("export", "-", "--format", "tbx2008")
    assert code == 0 and out.startswith('<?xml version="1.0"') and "<martif" in out
    dest = tmp_path / "all.tbx"
    assert run("export", str(dest))[0] == 0
    assert len(read_glossary_file(dest)) >= 16
    code, _, err = run("export", "-")
    assert code == 2 and "--format" in err


def test_validate_exit_codes_and_locations(tmp_path: Path) -> None:
    assert run("validate")[0] == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("concept_id,lang,term\nx,en,X \nx,ru,Икс\n", encoding="utf-8")
    code, out, _ = run("validate", str(bad))
    assert code == 1 and f"{bad}:2: GL206 padded-term" in out
    code, out, _ = run("validate", str(bad), "--json")
    assert code == 1 and json.loads(out)[0]["line"] == 2


def test_malformed_glossary_exits_2_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("concept_id,lang,term\nx,en,X\ny,fr,Y\n", encoding="utf-8")
    code, _, err = run("list", "-g", str(bad))
    assert code == 2
    assert err.startswith(f"toolkit: error: {bad}:3: ")
    assert "Traceback" not in err


def test_every_bad_row_of_a_csv_is_named_in_one_run(tmp_path: Path) -> None:
    """Trial: loading stopped at the first bad row, so a user with three typos fixed one per
    run; every bad row is named now (file:line each), exit 2 as before."""
    bad = tmp_path / "bad.csv"
    bad.write_text("concept_id,lang,term,term_type,dnt\n"
                   "c1,en,Tomsk Polytechnic University,fullForm,\n"
                   "c1,ru,Томский политехнический университет,fullForm,maybe\n"
                   "c1,zh,托木斯克理工大学,fullForm,\n"
                   ",en,Shenzhen,,\n"
                   "c2,en,Skoltech,acronym,no,extra\n", encoding="utf-8")
    for args in (("validate", str(bad)), ("list", "-g", str(bad))):
        code, _, err = run(*args)
        assert code == 2 and "Traceback" not in err
        lines = err.strip().splitlines()
        assert lines[0].startswith(f"toolkit: error: {bad}:3: ") and "'maybe'" in lines[0]
        assert lines[1].startswith(f"{bad}:5: ") and "concept_id" in lines[1]
        assert lines[2].startswith(f"{bad}:6: ") and len(lines) == 3, lines


def test_entity_bomb_via_cli(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tbx"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;">]><tbx>&b;</tbx>', encoding="utf-8")
    code, _, err = run("validate", str(bomb))
    assert code == 2 and "refused unsafe XML" in err


def test_find_table_and_language_guess() -> None:
    path = EXAMPLES / "press-release.ru.md"
    if not path.exists():
        pytest.skip("example not present")
    code, out, err = run("find", str(path))
    assert code == 0 and "(ru)" in err
    assert "Политехнического университета" in out
    assert out.splitlines()[0].split() == ["line:col", "concept", "type", "status", "text"]


def test_find_says_when_nothing_matched() -> None:
    # it printed the table's header alone, which looked like output cut short
    code, out, err = run("find", "-", "--lang", "en", input="The weather was fine today.\n")
    assert code == 0  # as memory lookup's 'no match': finding nothing is no failure
    assert out == "no match\n"
    assert "0 mention(s)" in err


def test_find_traditional_from_stdin() -> None:
    code, out, _ = run("find", "-", "--lang", "zh-Hant", "--json",
                       input="江蘇省產業技術研究院位於南京。")
    assert code == 0
    assert [(m["concept"], m["line"], m["column"]) for m in json.loads(out)] == [
        ("jitri", 1, 1), ("nanjing", 1, 13)]


def test_check_translation_and_monolingual(tmp_path: Path) -> None:
    src = tmp_path / "doc.en.txt"
    tgt = tmp_path / "doc.ru.txt"
    src.write_text("The forum took place in Nanjing.\n", encoding="utf-8")
    tgt.write_text("Форум прошёл\nв Наньцзине.\n", encoding="utf-8")
    code, out, _ = run("check", str(src), str(tgt))
    assert code == 1
    assert out.startswith(f"{tgt}:2:3: GL102 error:")
    assert "[suggest: Нанкине]" in out
    code, out, _ = run("check", str(src), str(tgt), "--json")
    [finding] = json.loads(out)
    assert finding["spans"][0] | {"path": str(tgt)} == finding["spans"][0]
    assert (finding["spans"][0]["line"], finding["spans"][0]["column"]) == (2, 3)
    tgt.write_text("Форум прошёл в Нанкине.\n", encoding="utf-8")
    assert run("check", str(src), str(tgt))[0] == 0
    assert run("check", str(tgt))[0] == 0


def test_check_bundled_example_is_clean() -> None:
    if not (EXAMPLES / "press-release.en.md").exists():
        pytest.skip("example not present")
    for lang in ("ru", "zh"):
        code, _, err = run("check", str(EXAMPLES / "press-release.en.md"),
                           str(EXAMPLES / f"press-release.{lang}.md"))
        assert code == 0, err


def test_no_glossary_at_all() -> None:
    code, _, err = run("list", "--no-shipped")
    assert code == 2 and "no glossary" in err


def test_editing_a_foreign_tbx_refuses_to_drop_unmodelled_data(tmp_path: Path) -> None:
    path = tmp_path / "theirs.tbx"
    path.write_text("""<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="city"><descrip type="subjectField">geography</descrip>
<langSec xml:lang="en"><termSec><term>Nanjing</term>
<termNote type="termType">fullForm</termNote></termSec></langSec></conceptEntry>
</body></text></tbx>
""", encoding="utf-8")
    before = path.read_bytes()
    # a concept-level change regenerates the whole concept, which would drop subjectField
    code, _, err = run("add", str(path), "city", "ru", "Нанкин", "--concept-note", "A city.")
    assert code == 2 and "descrip[subjectField] x1" in err and "--force" in err
    assert path.read_bytes() == before
    assert run("add", str(path), "city", "ru", "Нанкин", "--concept-note", "A city.",
               "--force")[0] == 0
    assert read_glossary_file(path).get("city").preferred("ru").text == "Нанкин"
    assert "subjectField" not in path.read_text(encoding="utf-8")
    # a file the toolkit wrote itself round-trips without --force
    assert run("add", str(path), "city", "zh", "南京")[0] == 0


def test_import_header_with_a_bare_carriage_return_is_an_error(tmp_path: Path) -> None:
    """Found by tools/fuzz_cli.py: the format sniffing read the header line with its own
    csv.reader and a bare CR in it gave a csv.Error traceback."""
    src = tmp_path / "terms.csv"
    src.write_bytes("en,ru\r,zh\nNanjing,Нанкин,南京\n".encode())
    for fmt in (["--from", "google"], []):
        result = CliRunner().invoke(cli, ["glossary", "import", *fmt, str(src),
                                          str(tmp_path / "out.tbx")])
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"toolkit: error: {src}:"), result.stderr


def test_tbx_write_error_names_the_file_and_the_term(tmp_path: Path) -> None:
    """A value XML cannot hold: the error names the file being written, the concept and the
    term, and where the term was read (it named only the value)."""
    bad = tmp_path / "bad.csv"
    bad.write_text("concept_id,lang,term\nfoo,ru,Фу\nfoo,en,Fo\x01o\n", encoding="utf-8")
    out = tmp_path / "out.tbx"
    code, _out, err = run("import", str(bad), str(out))
    assert code == 2 and not out.exists()
    assert err == (f"toolkit: error: {out}: character U+0001 cannot be written to XML "
                   f"(in 'Fo\\x01o'): concept 'foo' (read from {bad}:2), en term 'Fo\\x01o' "
                   f"(read from {bad}:3)\n")
    code, _out, err = run("export", "-", "--format", "tbx", "-g", str(bad), "--no-shipped")
    assert code == 2 and err.startswith("toolkit: error: <stdout>: character U+0001")
    good = tmp_path / "good.tbx"
    bad.write_text("concept_id,lang,term\nfoo,en,Foo\n", encoding="utf-8")
    assert run("import", str(bad), str(good))[0] == 0
    before = good.read_bytes()
    code, _out, err = run("add", str(good), "foo", "zh", "a\x02b")
    assert code == 2 and good.read_bytes() == before
    assert err.startswith(f"toolkit: error: {good}: character U+0002 cannot be written to XML")
    assert "concept 'foo' (read from" in err and err.endswith(", zh term 'a\\x02b'\n")


HIT_TBX = Path(__file__).parents[1] / "data" / "hit" / "hit.tbx"


def test_a_tbx_status_spelled_with_the_plain_value_and_admn_sts_is_read(tmp_path: Path) -> None:
    """'preferred-admn-sts' (the status without 'Term') was refused as unknown although
    the '-admn-sts' suffix is taken off every other spelling."""
    text = HIT_TBX.read_text(encoding="utf-8")
    for status in ("preferred", "admitted", "deprecated"):
        text = text.replace(f"{status}Term-admn-sts", f"{status}-admn-sts")
    plain = tmp_path / "plain.tbx"
    plain.write_text(text, encoding="utf-8")
    code, out, err = run("validate", "-g", str(plain), "--no-shipped")
    assert code == 0, err
    code, out, err = run("show", "hit", "-g", str(plain), "--no-shipped")
    assert code == 0, err
    assert "deprecated" in out and "Харбинский технологический институт" in out
    code, out, err = run("show", "arcticgrid", "-g", str(HIT_TBX), "--no-shipped")
    assert code == 0 and "case,dnt" in out  # 'Product name: DNT' in a concept note


NEWUSER = Path(__file__).resolve().parents[1] / "data" / "newuser"


def test_names_inside_urls_and_emails_are_no_mentions(tmp_path: Path) -> None:
    # the review's release has 'https://apply.zju.edu.cn/ru-2028': 'glossary check' reported
    # "GL107 'zju' is written 'ZJU'" inside it, and 'glossary find' listed 'nanjing' in
    # www.nanjing.gov.cn as a mention of Nanjing
    release = NEWUSER / "releases" / "zju.en.md"
    code, out, _err = run("check", str(release), "-g", str(NEWUSER / "campus.tbx"),
                          "--json")
    assert code == 0, out
    assert [f for f in json.loads(out) if f["code"] == "GL107"] == []
    page = tmp_path / "links.en.txt"
    page.write_text("Nanjing news: https://www.nanjing.gov.cn/jitri, or write to "
                    "jitri@spbstu.ru. JITRI is in Nanjing.\n", encoding="utf-8")
    code, out, _err = run("find", str(page), "--json")
    assert code == 0, out
    found = [(m["surface"], m["column"]) for m in json.loads(out)]
    assert found == [("Nanjing", 1), ("JITRI", 78), ("Nanjing", 90)]


def test_names_inside_web_addresses_without_a_scheme_are_no_mentions(tmp_path: Path) -> None:
    # a press release writes its site as 'urfu.example.ru' (no https://, no www.): 'glossary
    # check' reported "GL107 'urfu' is written 'UrFU'" inside it
    glossary = tmp_path / "urfu.csv"
    glossary.write_text("concept_id,lang,term,term_type,status,case_sensitive\n"
                        "urfu,en,UrFU,acronym,preferred,yes\n"
                        "urfu,ru,УрФУ,acronym,preferred,yes\n", encoding="utf-8")
    page = tmp_path / "site.en.txt"
    page.write_text("UrFU opens a centre. Details: urfu.example.ru and "
                    "lab.urfu.edu.cn/news/2026.\n", encoding="utf-8")
    code, out, _err = run("check", str(page), "-g", str(glossary), "--no-shipped", "--json")
    assert code == 0, out
    assert json.loads(out) == []
    code, out, _err = run("find", str(page), "-g", str(glossary), "--no-shipped", "--json")
    assert [(m["surface"], m["column"]) for m in json.loads(out)] == [("UrFU", 1)]


def test_html_pages_are_read_as_their_text_at_the_pages_own_positions(tmp_path: Path) -> None:
    # A name in a <script> (or a comment, or an href) is no mention: the translation leaves
    # it as it is, and 'glossary check' called that an English term in a Russian text
    # (GL108). Mentions after tags and entities keep the page's line and column.
    en = tmp_path / "news.en.html"
    ru = tmp_path / "news.ru.html"
    en.write_text('<p><b>Jiangsu</b> &amp; partners opened a lab in <a href="/nanjing" '
                  'title="Nanjing">Nanjing</a>.</p>\n<!-- Nanjing -->\n'
                  '<script>var city = "Nanjing";</script>\n', encoding="utf-8")
    ru.write_text('<p><b>Цзянсу</b> &amp; партнёры открыли лабораторию в <a href="/nanjing" '
                  'title="Нанкин">Нанкине</a>.</p>\n<!-- Nanjing -->\n'
                  '<script>var city = "Nanjing";</script>\n', encoding="utf-8")
    check = CliRunner().invoke(cli, ["glossary", "check", str(en), str(ru)])
    assert check.exit_code == 0, check.output
    found = CliRunner().invoke(cli, ["glossary", "find", str(en), "--json"])
    assert found.exit_code == 0, found.output
    page = en.read_text(encoding="utf-8")
    places = [(m["line"], m["column"]) for m in json.loads(found.stdout)]
    expected = [(1, page.index(word, after) + 1) for word, after in
                (("Jiangsu", 0), ("Nanjing", page.index("title")),
                 ("Nanjing", page.index(">Nanjing")))]
    assert places == expected


def test_a_term_added_to_a_shipped_concept_in_a_project_file_keeps_the_shipped_terms(
        tmp_path: Path) -> None:
    """A concept in a project file replaces the shipped one of the same id whole. `glossary
    add project.csv spbpu en Polytechnic` (the help's example) wrote a spbpu of that one
    term: with the file loaded SPbPU had no Russian or Chinese name and no preferred English
    one, and translations lost its approved terms. `glossary edit project.csv nanjing en
    Nanking ...` said "no concept 'nanjing'". Both now start from a copy of the shipped
    concept, and say so."""
    path = str(tmp_path / "project.csv")
    code, _, err = run("add", path, "spbpu", "en", "Polytechnic", "--type", "short",
                       "--status", "admitted")
    assert code == 0, err
    assert "note: spbpu is a concept of the shipped glossary" in err
    _, out, _ = run("show", "spbpu", "-g", path, "--json")
    terms = {(t["lang"], t["text"]): t["status"] for t in json.loads(out)["terms"]}
    assert terms[("en", "Polytechnic")] == "admitted"
    assert terms[("ru", "Санкт-Петербургский политехнический университет Петра Великого")] == (
        "preferred")
    assert terms[("zh", "圣彼得堡彼得大帝理工大学")] == "preferred" and len(terms) > 10
    code, _, err = run("edit", path, "nanjing", "en", "Nanking", "--status", "forbidden")
    assert code == 0, err
    _, out, _ = run("show", "nanjing", "-g", path, "--json")
    terms = {(t["lang"], t["text"]): t["status"] for t in json.loads(out)["terms"]}
    assert terms[("en", "Nanking")] == "forbidden" and terms[("ru", "Нанкин")] == "preferred"
    code, _, err = run("remove", path, "jiangsu", "en", "Jiangsu")
    assert code == 0, err
    jiangsu = read_glossary_file(path).get("jiangsu")
    assert "Jiangsu" not in [t.text for t in jiangsu.terms] and jiangsu.terms_for("zh")
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru", "-g", path,
                                      "--report", str(tmp_path / "r.json")],
                                input="Peter the Great St. Petersburg Polytechnic University "
                                      "(SPbPU) signed an agreement.\n")
    assert result.exit_code == 0, result.output
    assert "Санкт-Петербургский политехнический университет Петра Великого" in result.stdout
    # a concept the shipped glossary lacks starts empty, as before, with no note
    code, _, err = run("add", path, "orbitlab", "en", "OrbitLab", "--dnt")
    assert code == 0 and "note:" not in err
    assert len(read_glossary_file(path).get("orbitlab").terms) == 1


def test_edit_explains_the_term_options_as_add_does() -> None:
    """`glossary edit --help` listed --dnt/--no-dnt, --pos, --gender and --note bare: what
    they mean was only in `glossary add --help`."""
    from toolkit.cli.glossary import add_cmd, edit_cmd

    helps = {p.name: getattr(p, "help", None) for p in add_cmd.params}
    for param in edit_cmd.params:
        if param.name in ("dnt", "pos", "gender", "note"):
            assert param.help and param.help == helps[param.name], param.name
    code, out, _ = run("edit", "--help")
    assert code == 0 and "Part of speech" in out and "Do not translate" in out


@pytest.mark.parametrize("args", [("add", "{f}", "ingria", "zh", "英格里亚"),
                                  ("edit", "{f}", "ingria", "ru", "Ингрия", "--status",
                                   "admitted"),
                                  ("remove", "{f}", "ingria", "ru", "Ингрия")],
                         ids=lambda a: a[0])
def test_add_edit_remove_read_a_non_utf8_file_with_the_encoding_they_ask_for(
        tmp_path: Path, args: tuple[str, ...]) -> None:
    """A cp1251 glossary: add/edit/remove said 'pass --encoding NAME' but had no --encoding
    (README: --encoding on every glossary command that reads files); now they take it, and
    write the file back in UTF-8, as every glossary the toolkit writes, saying so."""
    path = tmp_path / "cp.csv"
    path.write_bytes("concept_id,lang,term\ningria,en,Ingria\ningria,ru,Ингрия\n"
                     "ingria,ru,Технопарк Ингрия\n".encode("cp1251"))
    argv = [a.format(f=path) for a in args]
    code, _, err = run(*argv)
    assert code == 2 and "pass --encoding" in err
    code, _, err = run(*argv, "--encoding", "cp1251")
    assert code == 0, err
    assert f"note: {path}: read as cp1251, written in UTF-8\n" in err
    text = path.read_bytes().decode("utf-8")
    assert "Ingria" in text and "Технопарк Ингрия" in text


def test_a_two_column_file_without_languages_says_which_flags_give_them(tmp_path: Path) -> None:
    """'give the source and target languages' did not say how (--from/--to, whose old names
    were --source-lang/--target-lang)."""
    src = tmp_path / "deepl.csv"
    src.write_text("Joint Laboratory,совместная лаборатория\n", encoding="utf-8")
    code, _, err = run("import", str(src), str(tmp_path / "out.csv"))
    assert (code, err) == (2, f"toolkit: error: {src}: a two-column glossary has no language "
                              "header: give its languages with --from and --to (e.g. --from en "
                              "--to ru)\n")
