"""Ordinary wrong input to the glossary commands gets a clear error, never a wrong import."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary import read_glossary_file

LONG = ("concept_id,lang,term\n"
        "rudskoi,en,Andrei Rudskoi\n"
        "rudskoi,ru,Андрей Рудской\n")


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.stdout, result.stderr


def test_cp1251_glossary_names_file_line_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(LONG.encode("cp1251"))
    code, _, err = run("glossary", "list", "-g", str(path))
    assert code == 2
    assert f"{path}:3: not valid UTF-8" in err and "--encoding cp1251" in err
    code, out, err = run("glossary", "show", "rudskoi", "-g", str(path), "--encoding", "cp1251")
    assert code == 0 and "Андрей Рудской" in out


def test_encoding_applies_to_user_files_not_to_the_shipped_glossary(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(LONG.encode("cp1251"))
    code, out, _ = run("glossary", "show", "spbpu", "-g", str(path), "--encoding", "cp1251")
    assert code == 0 and "Санкт-Петербургский политехнический университет" in out


def test_non_utf8_text_input_gets_line_and_hint(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_bytes("南京市\n江苏省产业技术研究院与南京市科学技术局。\n".encode("gbk"))
    code, _, err = run("glossary", "find", str(path))
    assert code == 2 and f"{path}:1: not valid UTF-8" in err and "gb18030" in err
    code, out, _ = run("glossary", "find", str(path), "--encoding", "gbk")
    assert code == 0 and "jitri" in out


def test_import_takes_encoding(tmp_path: Path) -> None:
    src, dest = tmp_path / "excel.csv", tmp_path / "out.csv"
    src.write_bytes(LONG.encode("cp1251"))
    code, _, err = run("glossary", "import", str(src), str(dest), "--encoding", "cp1251")
    assert code == 0, err
    assert read_glossary_file(dest).get("rudskoi").terms[1].text == "Андрей Рудской"


def test_translate_has_the_same_flag() -> None:
    code, out, _ = run("translate", "--help")
    assert code == 0 and "--encoding" in out


def test_wide_csv_with_id_column_is_imported(tmp_path: Path) -> None:
    src, dest = tmp_path / "wide.csv", tmp_path / "out.csv"
    src.write_text("id,en,ru,zh\nrudskoi,Andrei Rudskoi,Андрей Рудской,安德烈·鲁德斯科伊\n"
                   "nanjing,Nanjing,Нанкин,南京\n", encoding="utf-8")
    code, _, err = run("glossary", "import", str(src), str(dest))
    assert code == 0, err
    gl = read_glossary_file(dest)
    assert [c.id for c in gl] == ["rudskoi", "nanjing"]
    assert [t.text for t in gl.get("nanjing").terms] == ["Nanjing", "Нанкин", "南京"]


def test_wide_csv_with_a_bad_column_names_it(tmp_path: Path) -> None:
    src = tmp_path / "wide.csv"
    src.write_text("key,en,ru\nx,Nanjing,Нанкин\n", encoding="utf-8")
    code, _, err = run("glossary", "import", str(src), str(tmp_path / "out.csv"))
    assert code == 2
    assert f"{src}:1: header cell 'key' is neither a language code" in err
    assert "source and target" not in err


def test_pair_header_row_is_not_a_term(tmp_path: Path) -> None:
    src, dest = tmp_path / "deepl.csv", tmp_path / "out.csv"
    src.write_text("term,translation\nNanjing,Нанкин\n", encoding="utf-8")
    code, _, err = run("glossary", "import", str(src), str(dest), "--source-lang", "en",
                       "--target-lang", "ru")
    assert code == 0, err
    gl = read_glossary_file(dest)
    assert [t.text for c in gl for t in c.terms] == ["Nanjing", "Нанкин"]


def test_a_pair_that_only_looks_like_a_header_is_kept(tmp_path: Path) -> None:
    src, dest = tmp_path / "deepl.csv", tmp_path / "out.csv"
    src.write_text("source,источник\nNanjing,Нанкин\n", encoding="utf-8")
    code, _, _ = run("glossary", "import", str(src), str(dest), "--source-lang", "en",
                     "--target-lang", "ru")
    assert code == 0 and len(read_glossary_file(dest)) == 2


def test_add_refuses_an_empty_term(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    for text in ("", "   "):
        code, _, err = run("glossary", "add", str(path), "nanjing", "en", text)
        assert code == 2 and "empty term" in err
    assert not path.exists()
    run("glossary", "add", str(path), "nanjing", "en", "Nanjing")
    code, _, err = run("glossary", "edit", str(path), "nanjing", "en", "Nanjing", "--text", "")
    assert code == 2 and "empty term" in err


TBX_BODY = ('<text><body><conceptEntry id="c"><langSec xml:lang="en"><termSec>'
            '{term}</termSec></langSec></conceptEntry></body></text></tbx>\n')


def _tbx_with_doctype(tmp_path: Path, dtd: str, term: str) -> Path:
    path = tmp_path / "g.tbx"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "{dtd}">\n'
                    '<tbx xmlns="urn:iso:std:iso:30042:ed-2">'
                    + TBX_BODY.format(term=term), encoding="utf-8")
    return path


def test_tbx_external_dtd_is_refused(tmp_path: Path) -> None:
    path = _tbx_with_doctype(tmp_path, "http://example.org/terms.dtd", "<term>Nanjing</term>")
    code, _, err = run("glossary", "list", "--no-shipped", "-g", str(path))
    assert code == 2 and f"{path}:2: refused: external DTD" in err


def test_tbx_standard_structure_dtd_is_read_but_its_entities_are_refused(tmp_path: Path) -> None:
    path = _tbx_with_doctype(tmp_path, "TBXcoreStructV02.dtd", "<term>Nanjing</term>")
    code, out, _ = run("glossary", "list", "--no-shipped", "-g", str(path))
    assert code == 0 and "Nanjing" in out
    path = _tbx_with_doctype(tmp_path, "TBXcoreStructV02.dtd", "<term>&city;</term>")
    code, _, err = run("glossary", "list", "--no-shipped", "-g", str(path))
    assert code == 2 and "refused: entity &city;" in err


def test_tbx_xinclude_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text('<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" '
                    'xmlns:xi="http://www.w3.org/2001/XInclude">\n'
                    + TBX_BODY.format(term='<term><xi:include href="name.xml"/></term>'),
                    encoding="utf-8")
    code, _, err = run("glossary", "import", str(path), str(tmp_path / "out.csv"))
    assert code == 2 and "refused: XInclude" in err and "name.xml" in err
    assert not (tmp_path / "out.csv").exists()
