"""``toolkit translate`` through the real CLI and demo models on text written for the fourth
translation trial (tests/data/trial2: a university, cities, a ministry and people that the
shipped glossary and the earlier trials do not have)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli

TRIAL2 = Path(__file__).parents[1] / "data" / "trial2"


def _translate(tmp_path: Path, text: str, *args: str) -> tuple[str, dict]:
    report = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["translate", "-", *args, "-g", str(TRIAL2 / "tpu.csv"),
                                      "--no-shipped", "-q", "--report", str(report),
                                      "--force"], input=text)
    assert result.exit_code == 0, result.output
    return result.stdout, json.loads(report.read_text(encoding="utf-8"))["documents"][0]


@pytest.mark.parametrize("source", [
    "Rector Andrei Yakovlev signed the agreement.",
    "Andrei Yakovlev gave a lecture to students.",
    "Students met Andrei Yakovlev in Tomsk."])
def test_a_chinese_name_replaces_the_models_whole_name(tmp_path: Path, source: str) -> None:
    """The demo model writes 安德烈·鲁德斯科伊 for any Andrei. 烈 of 安德烈 (Андрей, the
    commonest transliteration of the name) was missing from the transliteration table, so
    the model's name was not seen as one and the term replaced a part of it:
    安德烈·雅科夫列夫·鲁德斯科伊, 安德烈·安德烈·雅科夫列夫."""
    out, doc = _translate(tmp_path, source + "\n", "--from", "en", "--to", "zh")
    (mention,) = [m for m in doc["mentions"] if m["concept"] == "yakovlev"]
    term = mention["target"]["text"]
    assert mention["applied"] and term in out
    given, family = term.split("·")
    assert out.count(given) == 1 and out.count(family) == 1, out
    assert "鲁德斯科伊" not in out, out
