"""``toolkit translate`` through the real CLI and demo models on the second new-user review's
releases and glossary (tests/data/newuser: Zhejiang, Kazan and Shanghai universities, a TBX
2008 glossary and a CSV one): what the toolkit promises holds on names nobody tuned for."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli

DATA = Path(__file__).parents[1] / "data" / "newuser"
GLOSSARY = ["-g", str(DATA / "campus.tbx"), "-g", str(DATA / "campus.csv")]

#: Every singular case form of the Russian terms, written out by hand.
RUSSIAN_FORMS = {
    "zju": {"Чжэцзянский университет", "Чжэцзянского университета", "Чжэцзянскому университету",
            "Чжэцзянским университетом", "Чжэцзянском университете"},
    "kfu": {"Казанский федеральный университет", "Казанского федерального университета",
            "Казанскому федеральному университету", "Казанским федеральным университетом",
            "Казанском федеральном университете", "КФУ"},
    "ras": {"Российская академия наук", "Российской академии наук", "Российскую академию наук",
            "Российской академией наук", "РАН"},
}


def _mentions(tmp_path: Path, name: str, target: str) -> tuple[str, list[dict]]:
    out, report = tmp_path / "out.txt", tmp_path / "report.json"
    result = CliRunner().invoke(cli, [
        "translate", str(DATA / "releases" / name), "--to", target, *GLOSSARY,
        "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    doc = json.loads(report.read_text(encoding="utf-8"))["documents"][0]
    return out.read_text(encoding="utf-8"), doc["mentions"]


def test_inserted_russian_terms_are_real_case_forms(tmp_path: Path) -> None:
    # the demo model put 'Чжэцзянский университета' (the adjective left in the nominative:
    # pymorphy3 does not know it) and the surname reading of 'Казанский' made it the head
    text, mentions = _mentions(tmp_path, "zju.en.md", "ru")
    checked = [m for m in mentions if m["concept"] in RUSSIAN_FORMS and m["applied"]]
    assert checked
    assert [(m["concept"], m["target"]["text"]) for m in checked
            if m["target"]["text"] not in RUSSIAN_FORMS[m["concept"]]] == []
    assert "Чжэцзянский университета" not in text and "Чжэцзянский университете" not in text


def test_inline_tag_found_around_its_fragment_despite_the_models_stop(tmp_path: Path) -> None:
    # the fragment 'Zhejiang University' (an <em> inside a figcaption) came back from the
    # model as '浙江大学与托木斯克。': with that stop its core was too short a match, and the
    # <em> went around the whole caption with a 'not found' warning
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, [
        "translate", str(DATA / "releases" / "hangzhou.en.html"), "--to", "zh", *GLOSSARY,
        "-o", str(out)])
    assert result.exit_code == 0, result.output
    caption = next(line for line in out.read_text(encoding="utf-8").splitlines()
                   if "<figcaption>" in line)
    assert "<em>浙江大学</em>" in caption
    assert "<em> 'Zhejiang University' not found" not in result.output


def test_emphasis_around_a_latin_name_that_abuts_chinese(tmp_path: Path) -> None:
    # '_Kazan Robotics Cluster_' (a do-not-translate name) into Chinese: the name stands
    # right before Chinese characters with no space, which counted as one word with it, so
    # the emphasis closed after 'Robotics' ('_Kazan Robotics_ Cluster上海...')
    text, _found = _mentions(tmp_path, "zju.en.md", "zh")
    assert "*Kazan Robotics Cluster*" in text
    assert "_Kazan Robotics_" not in text
