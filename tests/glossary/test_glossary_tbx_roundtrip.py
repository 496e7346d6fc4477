"""TBX keeps what it is given: a real TBX-Basic file read and written back is the same document
after XML canonicalisation; an edit changes only the concept edited."""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary import read_glossary_file
from toolkit.glossary.files import render

SAMPLE = Path(__file__).resolve().parent / "data" / "basic-v3.tbx"


def _c14n(text: str) -> str:
    return ET.canonicalize(text, strip_text=False)


def test_round_trip_is_canonically_identical() -> None:
    original = SAMPLE.read_text(encoding="utf-8")
    written = render(read_glossary_file(SAMPLE), "tbx")
    assert _c14n(written) == _c14n(original)
    for kept in ("subjectField", "xml-model", "<title>", "sourceDesc", "type=\"definition\"",
                 "<note>Official name since 2011.</note>", "<xref", "urn:iso:std:iso:30042:ed-2"):
        assert kept in written


def test_import_then_export_keeps_everything(tmp_path: Path) -> None:
    dest = tmp_path / "copy.tbx"
    result = CliRunner().invoke(cli, ["glossary", "import", str(SAMPLE), str(dest)])
    assert result.exit_code == 0, result.output
    assert _c14n(dest.read_text(encoding="utf-8")) == _c14n(SAMPLE.read_text(encoding="utf-8"))


def test_an_edit_changes_only_its_concept(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    shutil.copy(SAMPLE, path)
    result = CliRunner().invoke(cli, ["glossary", "add", str(path), "harbin", "ru", "Харбин",
                                      "--force"])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "Харбин" in text
    urfu = text.split('<conceptEntry id="urfu">', 1)[1].split("</conceptEntry>", 1)[0]
    assert urfu == SAMPLE.read_text(encoding="utf-8").split(
        '<conceptEntry id="urfu">', 1)[1].split("</conceptEntry>", 1)[0]
    assert text.startswith(SAMPLE.read_text(encoding="utf-8").split("<body>", 1)[0])
    assert read_glossary_file(path).get("harbin").terms_for("ru")[0].text == "Харбин"


def test_tbx2008_export_of_a_v3_file_is_written_anew() -> None:
    out = io.StringIO()
    from toolkit.glossary.tbx import write_tbx

    write_tbx(read_glossary_file(SAMPLE), out, "2008")
    assert out.getvalue().count("<termEntry") == 2 and "<martif" in out.getvalue()
