"""Across languages (two or three versions, paragraph alignment), nested mentions, full form
first read from a note, headlines of plain-text releases."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary import Glossary, load_glossary
from toolkit.glossary.align import Version, check_versions
from toolkit.glossary.consistency import check_monolingual, check_translation
from toolkit.glossary.model import Concept, Term

BENCH = Path(__file__).resolve().parents[2] / "bench" / "data" / "entities"


def _bench() -> tuple[Glossary, dict[str, str]]:
    gl = load_glossary([BENCH / "glossary.csv"])
    return gl, {lang: (BENCH / f"r1.{lang}.md").read_text(encoding="utf-8")
                for lang in ("en", "ru", "zh")}


def test_three_clean_versions_agree() -> None:
    gl, docs = _bench()
    versions = [Version(docs[lang], lang, lang) for lang in ("en", "ru", "zh")]
    assert check_versions(gl, versions) == []


def test_the_version_that_lacks_a_concept_is_named_with_the_probable_span() -> None:
    gl, docs = _bench()
    ru = docs["ru"].replace("Российский научный фонд", "Российский исследовательский центр")
    zh = docs["zh"].replace("俄罗斯科学基金会", "基金")
    findings = check_versions(gl, [Version(docs["en"], "en", "en"), Version(ru, "ru", "ru"),
                                   Version(zh, "zh", "zh")])
    lacking = {(f.span.side, f.concept_id, f.span.text) for f in findings
               if f.kind == "missing-in-paragraph"}
    assert ("ru", "rsf", "Российский исследовательский центр") in lacking
    assert any(side == "zh" and cid == "rsf" for side, cid, _ in lacking)
    assert not any(side == "en" for side, _, _ in lacking)


def test_cli_accepts_three_files(tmp_path: Path) -> None:
    _, docs = _bench()
    ru = tmp_path / "r1.ru.md"
    ru.write_text(docs["ru"].replace("финансирует Российский научный фонд",
                                     "финансирует государство"), encoding="utf-8")
    args = ["glossary", "check", "--no-shipped", "-g", str(BENCH / "glossary.csv"),
            str(BENCH / "r1.en.md"), str(ru), str(BENCH / "r1.zh.md")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert f"{ru}:7:" in result.stdout and "GL110" in result.stdout
    clean = [*args[:-2], str(BENCH / "r1.ru.md"), str(BENCH / "r1.zh.md")]
    assert CliRunner().invoke(cli, clean).exit_code == 0


def test_nested_mention_counts(shipped: Glossary) -> None:
    source = "The forum met in Nanjing."
    target = "Форум прошёл в Комитете по науке и технологиям города Нанкина."
    kinds = [f.kind for f in check_translation(shipped, source, "en", target, "ru")]
    assert "missing-term" not in kinds


def _fff_glossary(note: str) -> Glossary:
    return Glossary((Concept("urfu", (
        Term("Ural Federal University", "en"), Term("UrFU", "en", "acronym", note=note))),),)


def test_full_form_first_from_a_note() -> None:
    text = "Headline\n\nUrFU opened a laboratory. Ural Federal University said so.\n"
    assert check_monolingual(_fff_glossary(""), text, "en") == []
    [finding] = check_monolingual(_fff_glossary("spell out on first mention"), text, "en")
    assert finding.kind == "acronym-before-full-form"


def test_plain_text_headline_is_exempt() -> None:
    gl = _fff_glossary("full form first")
    text = "UrFU opens a laboratory\n\nUral Federal University (UrFU) opened a laboratory.\n"
    assert check_monolingual(gl, text, "en") == []
