"""An edit of a TBX concept (`glossary add/edit/remove`) regenerates only what it changed: every
element of that concept the toolkit does not model (subjectField, transactional and admin data,
a definition inside a langSec, cross-references, a second note) survives, compared after XML
canonicalisation, and the edit itself is applied."""

from __future__ import annotations

import copy
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary import read_glossary_file

SAMPLE = Path(__file__).resolve().parent / "data" / "edit-v3.tbx"
NS = "{urn:iso:std:iso:30042:ed-2}"
#: what the sample holds that the model does not: (element, type)
UNKNOWN = {("descrip", "subjectField"), ("transacGrp", None), ("admin", "source"),
           ("xref", "externalCrossReference"), ("descrip", "definition"),
           ("admin", "customerSubset"), ("note", None)}
FULL = "Peter the Great St. Petersburg Polytechnic University"


def _kept(path: Path) -> Counter[str]:
    """Each unmodelled element of the concept (and each note), canonicalised."""
    found: Counter[str] = Counter()

    def walk(elem: ET.Element) -> None:
        for child in elem:
            if (child.tag.removeprefix(NS), child.get("type")) in UNKNOWN:
                alone = copy.deepcopy(child)
                alone.tail = None
                found[ET.canonicalize(ET.tostring(alone, encoding="unicode"),
                                      strip_text=True)] += 1
            else:
                walk(child)

    walk(ET.parse(path).getroot())
    return found


def _edit(tmp_path: Path, force: list[str], *args: str) -> Path:
    path = tmp_path / "g.tbx"
    shutil.copy(SAMPLE, path)
    result = CliRunner().invoke(cli, ["glossary", *args[:1], str(path), *args[1:], *force])
    assert result.exit_code == 0, result.output
    assert _kept(path) == _kept(SAMPLE)
    return path


FORCE = pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])


@FORCE
def test_adding_a_term_keeps_the_concept(tmp_path: Path, force: list[str]) -> None:
    path = _edit(tmp_path, force, "add", "spbpu", "ru", "СПбПУ", "--type", "acronym")
    ru = read_glossary_file(path).get("spbpu").terms_for("ru")
    assert [t.text for t in ru][-1] == "СПбПУ" and ru[-1].type == "acronym"


@FORCE
def test_adding_a_language_keeps_the_concept(tmp_path: Path, force: list[str]) -> None:
    path = _edit(tmp_path, force, "add", "spbpu", "zh", "圣彼得堡彼得大帝理工大学")
    assert read_glossary_file(path).get("spbpu").preferred("zh").text == "圣彼得堡彼得大帝理工大学"


@FORCE
def test_editing_a_term_keeps_the_concept(tmp_path: Path, force: list[str]) -> None:
    path = _edit(tmp_path, force, "edit", "spbpu", "en", FULL, "--pos", "noun")
    term = read_glossary_file(path).get("spbpu").preferred("en")
    assert term.text == FULL and term.pos == "noun"
    assert term.note == "Official name since 2015.\nSpell out on first mention."


@FORCE
def test_renaming_a_term_keeps_its_own_fields(tmp_path: Path, force: list[str]) -> None:
    path = _edit(tmp_path, force, "edit", "spbpu", "en", "SPbPU", "--text", "SPbSTU")
    texts = [t.text for t in read_glossary_file(path).get("spbpu").terms_for("en")]
    assert texts == [FULL, "SPbSTU", "St. Petersburg Polytechnic"]


@FORCE
def test_removing_a_term_keeps_the_concept(tmp_path: Path, force: list[str]) -> None:
    path = _edit(tmp_path, force, "remove", "spbpu", "en", "St. Petersburg Polytechnic")
    texts = [t.text for t in read_glossary_file(path).get("spbpu").terms_for("en")]
    assert texts == [FULL, "SPbPU"]


def test_a_concept_level_change_is_still_guarded(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    shutil.copy(SAMPLE, path)
    result = CliRunner().invoke(cli, ["glossary", "add", str(path), "spbpu", "ru", "СПбПУ",
                                      "--type", "acronym", "--concept-note", "A university."])
    assert result.exit_code == 2 and "descrip[subjectField] x1" in result.stderr
    assert path.read_bytes() == SAMPLE.read_bytes()
