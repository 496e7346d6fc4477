"""TBX v3 / TBX 2008 / long CSV / vendor CSV: golden files, round trips, malformed input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from toolkit.errors import GlossaryError
from toolkit.glossary import load_glossary
from toolkit.glossary.files import (
    import_file,
    read_glossary_file,
    render,
    write_glossary_file,
)
from toolkit.glossary.model import (
    GENDERS,
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    Concept,
    Glossary,
    Term,
)
from toolkit.glossary.tabular import read_long, write_locale_header, write_pairs
from toolkit.glossary.tbx import read_tbx

# --- golden files -----------------------------------------------------------------------------

def test_the_three_native_formats_read_to_the_same_glossary(data_dir: Path) -> None:
    csv_g = read_glossary_file(data_dir / "small.csv")
    assert read_glossary_file(data_dir / "small.tbx") == csv_g
    assert read_glossary_file(data_dir / "small-2008.tbx") == csv_g
    rcia = csv_g.get("rcia")
    assert rcia.full_form_first
    assert rcia.terms_for("ru")[0].status == "forbidden"
    assert rcia.terms_for("ru")[0].note == "multi\nline note"


@pytest.mark.parametrize("fmt, golden", [("tbx", "small.tbx"), ("csv", "small.csv")])
def test_writers_match_golden_files(data_dir: Path, fmt: str, golden: str) -> None:
    g = read_glossary_file(data_dir / "small.csv")
    assert render(g, fmt) == (data_dir / golden).read_text(encoding="utf-8")


def test_tbx2008_writer_reads_back(data_dir: Path, tmp_path: Path) -> None:
    g = read_glossary_file(data_dir / "small.csv")
    out = tmp_path / "out.tbx"
    write_glossary_file(g, out, "tbx2008")
    assert out.read_text(encoding="utf-8").count("<termEntry") == 2
    assert read_glossary_file(out) == g


def test_origins_point_at_lines(data_dir: Path) -> None:
    g = read_glossary_file(data_dir / "small.tbx")
    nanking = g.get("nanjing").terms_for("en")[1]
    assert nanking.origin.line == 18
    assert "termSec[2]" in nanking.origin.element
    g2 = read_glossary_file(data_dir / "small.csv")
    assert g2.get("rcia").terms_for("ru")[0].origin.line == 8


def test_later_files_override_per_concept_and_report_it(data_dir: Path, tmp_path: Path) -> None:
    project = tmp_path / "project.csv"
    project.write_text("concept_id,lang,term\nnanjing,en,Nanjing City\nnew,en,Fresh\n",
                       encoding="utf-8")
    g = load_glossary([data_dir / "small.csv", project])
    assert [c.id for c in g] == ["nanjing", "rcia", "new"]
    assert [t.text for t in g.get("nanjing").terms] == ["Nanjing City"]
    assert [c.kind for c in g.conflicts] == ["override"]
    assert "project.csv" in g.conflicts[0].message


def test_term_clash_between_files_is_reported(data_dir: Path, tmp_path: Path) -> None:
    project = tmp_path / "p.csv"
    project.write_text("concept_id,lang,term\nother,en,Nanjing\n", encoding="utf-8")
    g = load_glossary([data_dir / "small.csv", project])
    assert [c.kind for c in g.conflicts] == ["term_clash"]


# --- malformed input --------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, fragment", [
    ("concept,term\nx,y\n", 1, "not a long-format glossary"),
    ("concept_id,lang,term,status\nx,en,Foo,preferred\ny,en,Bar,approved\n", 3,
     "unknown status 'approved'"),
    ("concept_id,lang,term\nx,xx,Foo\n", 2, "unknown language code"),
    ("concept_id,lang,term\nx,en,Foo,extra\n", 2, "4 fields"),
    ("concept_id,lang,term\n,en,Foo\n", 2, "empty concept_id"),
    ("concept_id,lang,term,dnt\nx,en,Foo,maybe\n", 2, "expected yes/no"),
    ("concept_id,lang,term,colour\nx,en,Foo,red\n", 1, "unknown column"),
    ("", 1, "empty glossary file"),
])
def test_malformed_csv_names_the_line(tmp_path: Path, text: str, line: int,
                                      fragment: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as err:
        read_glossary_file(path)
    assert err.value.line == line
    assert fragment in str(err.value)
    assert str(err.value).startswith(f"{path}:{line}: ")


_TBX_HEAD = ('<tbx type="TBX-Basic" style="dca" xml:lang="en" '
             'xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n')


@pytest.mark.parametrize("body, line, fragment", [
    ('<conceptEntry id="a">\n<langSec xml:lang="en"><termSec><term>A</term>\n</langSec>', 4,
     "malformed XML"),
    ('<conceptEntry>\n<langSec xml:lang="en"><termSec><term>A</term></termSec></langSec>'
     "</conceptEntry>", 2, "missing id"),
    ('<conceptEntry id="a">\n<langSec><termSec><term>A</term></termSec></langSec>'
     "</conceptEntry>", 3, "missing xml:lang"),
    ('<conceptEntry id="a"><langSec xml:lang="en">\n<termSec><termNote type="termType">'
     "fullForm</termNote></termSec></langSec></conceptEntry>", 3, "missing <term>"),
    ('<conceptEntry id="a"><langSec xml:lang="en">\n<termSec><term>A</term>'
     '<termNote type="termType">weird</termNote></termSec></langSec></conceptEntry>', 3,
     "unknown termType"),
    ('<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>A</term></termSec></langSec>'
     '</conceptEntry>\n<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>B</term>'
     "</termSec></langSec></conceptEntry>", 3, "duplicate concept id"),
])
def test_malformed_tbx_names_line_and_element(body: str, line: int, fragment: str) -> None:
    data = (_TBX_HEAD + body + "</body></text></tbx>").encode()
    with pytest.raises(GlossaryError) as err:
        read_tbx(io.BytesIO(data), "bad.tbx")
    assert fragment in str(err.value)
    assert err.value.line == line


def test_tbx2008_ntig_and_superseded_status() -> None:
    data = b"""<martif type="TBX"><text><body><termEntry id="n"><langSet xml:lang="en">
    <ntig><termGrp><term>Nanking</term>
    <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termGrp></ntig>
    </langSet></termEntry></body></text></martif>"""
    [term] = read_tbx(io.BytesIO(data), "x.tbx").get("n").terms
    assert (term.text, term.status) == ("Nanking", "deprecated")


def test_wrong_root_element() -> None:
    with pytest.raises(GlossaryError, match="neither <tbx>"):
        read_tbx(io.BytesIO(b"<html><body/></html>"), "x.tbx")


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en">
<termSec><term>&e;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en">
<termSec><term>&secret;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""


@pytest.mark.parametrize("data", [BOMB, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_entity_declarations_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "evil.tbx"
    path.write_bytes(data)
    with pytest.raises(GlossaryError, match="refused unsafe XML") as err:
        read_glossary_file(path)
    assert err.value.line is not None


# --- vendor formats ---------------------------------------------------------------------------

def test_import_deepl_pairs_needs_languages(tmp_path: Path) -> None:
    path = tmp_path / "deepl.csv"
    path.write_text("Nanjing,Нанкин\nPolytechnic University,Политехнический университет\n",
                    encoding="utf-8")
    with pytest.raises(GlossaryError, match="give its languages with --from and --to"):
        import_file(path)
    g = import_file(path, source_lang="en", target_lang="ru")
    assert [(c.id, c.preferred("ru").text) for c in g] == [
        ("nanjing", "Нанкин"), ("polytechnic_university", "Политехнический университет")]


def test_import_locale_header_csv_google_and_amazon(tmp_path: Path) -> None:
    path = tmp_path / "amazon.csv"
    path.write_text("en,ru,zh-CN,description\nNanjing,Нанкин,南京,city\n"
                    "Jiangsu,Цзянсу,,province\n", encoding="utf-8")
    g = import_file(path, "amazon")
    assert [c.id for c in g] == ["nanjing", "jiangsu"]
    assert g.get("nanjing").preferred("zh").text == "南京"
    assert g.get("nanjing").note == "city"
    assert g.get("jiangsu").languages == ("en", "ru")


def test_import_tsv_pairs(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("SPbPU\tСПбПУ\n", encoding="utf-8")
    g = import_file(path, "pairs", source_lang="en", target_lang="ru")
    term = g.get("spbpu").preferred("ru", None)
    assert (term.text, term.type) == ("СПбПУ", "acronym")  # a pair names no type: guessed


def test_import_bad_pairs_row_names_line(tmp_path: Path) -> None:
    path = tmp_path / "deepl.csv"
    path.write_text("a,b\nc,d,e\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as err:
        import_file(path, "deepl", source_lang="en", target_lang="ru")
    assert err.value.line == 2


def test_export_deepl_and_amazon(shipped: Glossary) -> None:
    out = io.StringIO()
    write_pairs(shipped, out, "en", "ru")
    lines = out.getvalue().splitlines()
    assert "SPbPU,СПбПУ" in lines
    assert "Polytechnic University,Политехнический университет" in lines
    # preferred with preferred: no admitted spelling paired with a full name, nothing rejected
    assert not any(line.startswith(("Polytech,", "Rudskoy,", "A. Rudskoy,")) for line in lines)
    assert not any(line.startswith("Nanking,") for line in lines)  # deprecated: not a source
    assert "Andrei Rudskoy,Андрей Рудской" in lines
    assert not any("Наньцзин" in line or "СПбГПУ" in line for line in lines)
    out = io.StringIO()
    write_locale_header(shipped, out, ["en", "ru", "zh"])
    rows = out.getvalue().splitlines()
    assert rows[0] == "en,ru,zh,description"
    assert rows[1].startswith("Peter the Great St. Petersburg Polytechnic University,"
                              "Санкт-Петербургский политехнический университет Петра Великого,"
                              "圣彼得堡彼得大帝理工大学,")


def test_export_then_import_keeps_preferred_terms(shipped: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "amazon.csv"
    path.write_text(render(shipped, "amazon", langs=["en", "ru", "zh"]), encoding="utf-8")
    back = import_file(path, "amazon")
    pairs = {(t.lang, t.text) for c in back for t in c.terms}
    for concept in shipped:
        for lang in ("en", "ru", "zh"):
            term = concept.preferred(lang, "full")
            if term:
                assert (lang, term.text) in pairs


# --- round trip property ----------------------------------------------------------------------

_alphabet = (st.characters(blacklist_categories=("Cs", "Cc"),
                           blacklist_characters="\ufffe\uffff")
             | st.sampled_from(["\n", "\r", "\t", " ", ",", '"', "<", "&", "]", ">", "Ё", "南"]))
_text = st.text(alphabet=_alphabet, max_size=12)
_term = st.builds(
    Term, text=st.text(alphabet=_alphabet, min_size=1, max_size=12),
    lang=st.sampled_from(["en", "ru", "zh"]),
    type=st.sampled_from(TERM_TYPES), status=st.sampled_from(STATUSES),
    case_sensitive=st.booleans(), dnt=st.booleans(),
    pos=st.none() | st.sampled_from(PARTS_OF_SPEECH), gender=st.none() | st.sampled_from(GENDERS),
    note=_text)


@st.composite
def glossaries(draw: st.DrawFn) -> Glossary:
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), unique=True,
                        max_size=4))
    concepts = []
    for cid in ids:
        terms = draw(st.lists(_term, min_size=1, max_size=4))
        concepts.append(Concept(cid, tuple(terms), draw(_text), draw(st.booleans())))
    return Glossary(tuple(concepts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])
@given(glossaries(), st.sampled_from(["csv", "tsv", "tbx", "tbx2008"]))
def test_round_trip_read_write_read(glossary: Glossary, fmt: str) -> None:
    text = render(glossary, fmt)
    if fmt.startswith("tbx"):
        back = read_tbx(io.BytesIO(text.encode()), "mem.tbx")
    else:
        back = read_long(io.StringIO(text, newline=""), "mem", "\t" if fmt == "tsv" else ",")
    assert back == glossary
    assert render(back, fmt) == text


@pytest.mark.parametrize("fmt", ["csv", "tbx", "tbx2008"])
def test_a_translatable_term_whose_note_says_dnt_stays_translatable(fmt: str) -> None:
    # a note in words counts as do-not-translate on reading; a term explicitly marked
    # translatable must not turn into a DNT term after a write and a read (hypothesis found it)
    glossary = Glossary((
        Concept("a", (Term("Foo", "en", dnt=False, note="DNT"),), ""),
        Concept("b", (Term("Bar", "en", dnt=False), Term("Бар", "ru", dnt=True)),
                "do not translate"),
    ))
    text = render(glossary, fmt)
    if fmt.startswith("tbx"):
        back = read_tbx(io.BytesIO(text.encode()), "mem.tbx")
    else:
        back = read_long(io.StringIO(text, newline=""), "mem", ",")
    assert back == glossary


def test_vendor_export_says_what_it_cannot_hold() -> None:
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    result = CliRunner().invoke(cli, ["glossary", "export", "-", "--format", "deepl",
                                      "--source-lang", "en", "--target-lang", "ru"])
    assert result.exit_code == 0
    assert "the deepl format cannot hold" in result.stderr
    assert "deprecated or forbidden terms" in result.stderr



@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "cannot hold 1 term of other languages; only"),
    ("ru", "не может хранить 1 термин на других языках; в пары"),
    ("zh_CN", "无法保存 1 个其他语言的术语；")])
def test_vendor_export_counts_in_the_users_language(tmp_path: Path, lang: str,
                                                     expected: str) -> None:
    """The note's counts were English f-strings ("1 terms of other languages") inside a
    Russian or Chinese sentence; they are counted messages now."""
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    mine = tmp_path / "mine.csv"
    mine.write_text("concept_id,lang,term\nzju,en,Zhejiang University\n"
                    "zju,ru,Чжэцзянский университет\nzju,zh,浙江大学\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "export", "-", "--format", "deepl", "--from",
                                      "en", "--to", "ru", "--no-shipped", "-g", str(mine)],
                                env={"LANGUAGE": lang})
    assert result.exit_code == 0, result.output
    assert expected in result.stderr, result.stderr

_ZH_TBX = ('<?xml version="1.0" encoding="{enc}"?>\n<tbx type="TBX-Basic" style="dca" '
           'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
           '<conceptEntry id="nj"><langSec xml:lang="zh"><termSec><term>{term}</term>'
           '</termSec></langSec></conceptEntry>\n</body></text></tbx>\n')


@pytest.mark.parametrize(("enc", "term"), [("GB18030", "南京"), ("Big5", "臺北")])
def test_tbx_declared_in_a_chinese_encoding_is_read(tmp_path: Path, enc: str, term: str) -> None:
    """Found by tools/fuzz_cli.py: expat alone reads neither GB18030 nor Big5 (what Chinese
    tools write): ValueError traceback."""
    path = tmp_path / "zh.tbx"
    path.write_bytes(_ZH_TBX.format(enc=enc, term=term).encode(enc))
    assert [t.text for t in read_glossary_file(path).get("nj").terms] == [term]


@pytest.mark.parametrize("enc", ["bogus", "rot13", "idna", "punycode"])
def test_tbx_unreadable_encoding_names_the_file(tmp_path: Path, enc: str) -> None:
    """Found by tools/fuzz_cli.py: LookupError/UnicodeError tracebacks."""
    path = tmp_path / "x.tbx"
    path.write_bytes(_ZH_TBX.format(enc=enc, term="é").encode())
    with pytest.raises(GlossaryError) as info:
        read_glossary_file(path)
    assert info.value.path == str(path) and info.value.line


def test_tbx_writer_refuses_a_concept_id_xml_cannot_hold(tmp_path: Path) -> None:
    """Found by tools/fuzz_cli.py (round trip): a concept id with U+000E from a CSV was
    written into the id attribute unchecked, giving a TBX no reader can parse."""
    gl = Glossary((Concept("rci\x0ea", terms=(Term("RCIA", "en"),)),))
    with pytest.raises(GlossaryError, match="U\\+000E cannot be written to XML"):
        write_glossary_file(gl, tmp_path / "out.tbx")
    assert not (tmp_path / "out.tbx").exists()


def test_a_term_without_a_type_that_is_mostly_capitals_is_an_acronym(tmp_path: Path) -> None:
    # Trial: a glossary with no term_type column typed IRNITU as a full form, so GL105
    # (acronym before the full form) never fired for a full-form-first concept.
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    glossary = tmp_path / "g.csv"
    glossary.write_text("concept_id,lang,term,full_form_first\n"
                        "irnitu,en,Irkutsk National Research Technical University,yes\n"
                        "irnitu,en,IRNITU,yes\n"
                        "urfu,en,UrFU,\nurfu,ru,УрФУ,\nsense,en,BaikalSense,\n",
                        encoding="utf-8")
    g = load_glossary([glossary])
    types = {t.text: t.type for c in g for t in c.terms}
    assert types == {"Irkutsk National Research Technical University": "full", "IRNITU": "acronym",
                     "UrFU": "acronym", "УрФУ": "acronym", "BaikalSense": "full"}
    text = tmp_path / "news.md"
    text.write_text("# News\n\nIRNITU opened a laboratory. Irkutsk National Research Technical "
                    "University thanked its partners.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "check", str(text), "-g", str(glossary),
                                      "--no-shipped"])
    assert result.exit_code == 1, result.output
    assert "GL105" in result.output and "'IRNITU'" in result.output
