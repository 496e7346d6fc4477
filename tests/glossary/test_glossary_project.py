"""A user's glossary on top of the shipped one: where it names the shipped terms under its own
concept ids, the user's concepts win, silently (one summary line), and no mention is lost
to the tie; ``--no-shipped`` on every command that loads glossaries; ``glossary = [...]``
in ``[tool.toolkit.translate]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary import load_glossary, shipped_glossary_paths
from toolkit.glossary.match import find_mentions

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# "SPbPU" and "Nanjing" are shipped terms (concepts spbpu, nanjing); this project names them
# under ids of its own that sort after the shipped ones (a tie broken by id went to the
# shipped concept), with a Russian acronym of its own.
USER_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="univ_polytech">
      <langSec xml:lang="en">
        <termSec><term>SPbPU</term><termNote type="termType">acronym</termNote></termSec>
      </langSec>
      <langSec xml:lang="ru">
        <termSec><term>ПетрПолитех</term><termNote type="termType">acronym</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="the_city_of_nanjing">
      <langSec xml:lang="en"><termSec><term>Nanjing</term></termSec></langSec>
      <langSec xml:lang="ru"><termSec><term>Нанкин</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

TEXT = "SPbPU opened an office in Nanjing. SPbPU and Nanjing signed an agreement.\n"


@pytest.fixture()
def user_tbx(tmp_path: Path) -> Path:
    path = tmp_path / "project.tbx"
    path.write_text(USER_TBX, encoding="utf-8")
    return path


def test_the_users_concepts_replace_the_shipped_ones_that_name_the_same_terms(
        user_tbx: Path) -> None:
    glossary = load_glossary([*shipped_glossary_paths(), user_tbx])
    assert glossary.shadowed == ("spbpu", "nanjing")
    assert "spbpu" not in glossary and "univ_polytech" in glossary
    assert "jitri" in glossary  # the rest of the shipped glossary stays
    assert not [c for c in glossary.conflicts if c.kind == "term_clash"]
    # every mention found, each the user's concept's
    mentions = find_mentions(glossary, TEXT, "en")
    assert [(m.surface, m.concept_id) for m in mentions] == [
        ("SPbPU", "univ_polytech"), ("Nanjing", "the_city_of_nanjing"),
        ("SPbPU", "univ_polytech"), ("Nanjing", "the_city_of_nanjing")]


def test_the_same_id_still_overrides_and_shipped_alone_is_unchanged(tmp_path: Path) -> None:
    alone = load_glossary(shipped_glossary_paths())
    assert alone.shadowed == () and "spbpu" in alone
    path = tmp_path / "same-id.csv"
    path.write_text("concept_id,lang,term,term_type\nspbpu,en,SPbPU,acronym\n"
                    "spbpu,ru,ПетрПолитех,acronym\n", encoding="utf-8")
    glossary = load_glossary([*shipped_glossary_paths(), path])
    assert glossary.shadowed == ()
    assert [t.text for t in glossary.get("spbpu").terms] == ["SPbPU", "ПетрПолитех"]


def _translate(*args: str, text: str = TEXT) -> object:
    return CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru", *args],
                              input=text)


def test_translate_enforces_the_users_term_with_one_summary_line(user_tbx: Path,
                                                                 tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = _translate("-g", str(user_tbx), "--report", str(report), "--strict")
    assert result.exit_code == 0, result.output
    assert "ПетрПолитех" in result.stdout and "СПбПУ" not in result.stdout
    mentions = json.loads(report.read_text("utf-8"))["documents"][0]["mentions"]
    assert [m["concept"] for m in mentions] == [
        "univ_polytech", "the_city_of_nanjing", "univ_polytech", "the_city_of_nanjing"]
    assert all(m["applied"] for m in mentions)
    notes = [line for line in result.stderr.splitlines() if "shipped" in line]
    assert len(notes) == 1 and "2 shipped concepts" in notes[0], result.stderr
    assert "warning" not in result.stderr


def test_glossary_commands_say_it_once_too(user_tbx: Path, tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "find", str(source), "--lang", "en",
                                      "-g", str(user_tbx), "--json"])
    assert result.exit_code == 0, result.output
    assert {m["concept"] for m in json.loads(result.stdout)} == {
        "univ_polytech", "the_city_of_nanjing"}
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_no_shipped_on_translate(tmp_path: Path) -> None:
    text = "GlobalTech IP opened an office.\n"
    report = tmp_path / "r.json"
    with_shipped = _translate("-g", str(_empty(tmp_path)), "--report", str(report), text=text)
    assert with_shipped.exit_code == 0, with_shipped.output
    concepts = [m["concept"] for m in json.loads(report.read_text("utf-8"))["documents"][0][
        "mentions"]]
    assert concepts == ["globaltech_ip"]
    without = _translate("-g", str(_empty(tmp_path)), "--no-shipped", "--report", str(report),
                         "--force", text=text)
    assert without.exit_code == 0, without.output
    assert json.loads(report.read_text("utf-8"))["documents"][0]["mentions"] == []


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.csv"
    path.write_text("concept_id,lang,term\nnothing_here,en,Zyxwv Qux\n", encoding="utf-8")
    return path


def test_no_shipped_on_check(tmp_path: Path) -> None:
    po = tmp_path / "ru.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: ru\\n"\n\n'
                  'msgid "Welcome to Nanjing"\nmsgstr "Добро пожаловать в Наньцзин"\n',
                  encoding="utf-8")
    args = ["check", str(po), "--glossary", "shipped", "--json", "--select", "TK5"]
    found = CliRunner().invoke(cli, args)
    codes = {f["code"] for f in json.loads(found.stdout)["findings"]}
    assert codes & {"TK501", "TK502"}, found.output
    none = CliRunner().invoke(cli, [*args, "--no-shipped"])
    assert json.loads(none.stdout)["findings"] == [], none.output


def test_the_config_names_the_projects_glossary(user_tbx: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "site"
    (project / "terms").mkdir(parents=True)
    (project / "terms" / "project.tbx").write_text(USER_TBX, encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[tool.toolkit.translate]\nbeam-size = 2\nglossary = ["terms/project.tbx"]\n',
        encoding="utf-8")
    (project / "docs").mkdir()
    monkeypatch.chdir(project / "docs")  # the nearest pyproject.toml is one folder up
    result = _translate()
    assert result.exit_code == 0, result.output
    assert "ПетрПолитех" in result.stdout  # enforced: a configured glossary is the project's
    assert len([ln for ln in result.stderr.splitlines() if "shipped" in ln]) == 1
    # and glossary commands see it as well
    listed = CliRunner().invoke(cli, ["glossary", "show", "univ_polytech"])
    assert listed.exit_code == 0 and "ПетрПолитех" in listed.stdout, listed.output


def test_a_bad_config_glossary_names_the_file_and_line(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.toolkit.translate]\n\nglossary = ["missing.tbx"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _translate()
    assert result.exit_code == 2
    assert "pyproject.toml:3:" in result.stderr and "missing.tbx" in result.stderr
    assert "Traceback" not in result.output


def test_a_shipped_concept_replaced_by_id_is_no_warning_on_glossary_commands(
        tmp_path: Path) -> None:
    """glossaries/README's own example, `glossary add project.csv spbpu en Polytechnic ...`,
    copies SPbPU into project.csv by design; after it every `glossary list/show/find -g
    project.csv` warned 'concept spbpu from project.csv:2 overrides the one from
    .../entities.csv:2' (one warning per such concept: 10 for a DeepL import), while
    translate says nothing. Two user files redefining one concept still warn."""
    project = tmp_path / "project.csv"
    added = CliRunner().invoke(cli, ["glossary", "add", str(project), "spbpu", "en",
                                     "Polytechnic", "--type", "short", "--status", "admitted"])
    assert added.exit_code == 0, added.output
    for argv in (["list"], ["show", "spbpu"], ["find", str(EXAMPLES / "press-release.en.md")]):
        result = CliRunner().invoke(cli, ["glossary", *argv, "-g", str(project)],
                                    env={"LANGUAGE": "en"})
        assert result.exit_code == 0, result.output
        assert "warning" not in result.stderr, result.stderr
    other = tmp_path / "other.csv"
    other.write_text("concept_id,lang,term\nspbpu,en,SPbPU\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "list", "-g", str(project), "-g", str(other)],
                                env={"LANGUAGE": "en"})
    assert f"concept 'spbpu' from {other}:2 overrides the one from {project}:2" in result.stderr
