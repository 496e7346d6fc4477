"""`glossary suggest`: names the glossary lacks, with their renderings, on releases written for
the benchmark (bench/data/entities) with some concepts held out of the glossary."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary import load_glossary, read_glossary_file
from toolkit.glossary.model import Glossary
from toolkit.glossary.suggest import suggest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "data" / "entities"
HELD_OUT = {"voronova", "kiselev", "hit"}


def _reduced(tmp_path: Path) -> Path:
    full = load_glossary([BENCH / "glossary.csv"])
    path = tmp_path / "reduced.csv"
    from toolkit.glossary.files import write_glossary_file

    write_glossary_file(Glossary(tuple(c for c in full if c.id not in HELD_OUT)), path)
    return path


def _docs(name: str) -> list[tuple[str, str]]:
    return [((BENCH / f"{name}.{lang}.md").read_text(encoding="utf-8"), lang)
            for lang in ("en", "ru", "zh")]


def test_held_out_names_are_proposed_with_renderings(tmp_path: Path) -> None:
    gl = load_glossary([_reduced(tmp_path)])
    found = {p.terms["en"]: p.terms for p in suggest(gl, _docs("r2"))}
    assert found["Elena Voronova"] == {"en": "Elena Voronova", "ru": "Елена Воронова",
                                       "zh": "叶连娜·沃罗诺娃"}
    assert found["HIT"]["ru"] == "ХПУ"
    assert found["Mikhail Kiselev"]["ru"] == "Михаил Киселев"  # back in the nominative


def test_known_names_and_words_without_rendering_are_not_proposed() -> None:
    gl = load_glossary([BENCH / "glossary.csv"])
    proposed = {p.terms["en"] for p in suggest(gl, _docs("r2"))}
    assert not proposed & {"Elena Voronova", "HIT", "Russian Science Foundation", "Chinese"}


def test_cli_json_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "new.csv"
    args = ["glossary", "suggest", "--no-shipped", "-g", str(_reduced(tmp_path)),
            *(str(BENCH / f"r2.{lang}.md") for lang in ("en", "ru", "zh")), "--json",
            "--csv", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert any(p["terms"].get("zh") == "叶连娜·沃罗诺娃" for p in data)
    written = read_glossary_file(out)
    assert any(t.text == "Елена Воронова" for c in written for t in c.terms)


HEADLINE_EN = """# UrFU and HIT Launch a Joint Arctic Research Centre

Ural Federal University (UrFU) and Harbin Institute of Technology (HIT) signed an agreement
in Yekaterinburg on 12 March 2026.
"""
HEADLINE_RU = """# УрФУ и ХПИ запускают совместный арктический исследовательский центр

Уральский федеральный университет (УрФУ) и Харбинский политехнический институт (ХПИ)
подписали соглашение в Екатеринбурге 12 марта 2026 г.
"""


def _suggest_cli(tmp_path: Path, *texts: tuple[str, str]) -> dict[str, dict[str, str]]:
    paths = []
    for text, name in texts:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result = CliRunner().invoke(cli, ["glossary", "suggest", *paths, "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {p["terms"]["en"]: p["terms"] for p in json.loads(result.stdout)}


def test_a_title_case_headlines_verb_is_no_name(tmp_path: Path) -> None:
    """'Launch' is capitalised only because the headline is in title case, 'March' because
    months are: with no translation to confirm them (one release alone), they are no names
    to propose; the headline's real names still are."""
    found = _suggest_cli(tmp_path, (HEADLINE_EN, "news.en.md"))
    assert "Launch" not in found and "March" not in found
    assert {"UrFU", "HIT", "Joint Arctic Research Centre", "Yekaterinburg"} <= set(found)


def test_a_russian_acronym_is_proposed_as_written(tmp_path: Path) -> None:
    """pymorphy3 reads УрФУ as the dative of Урфа (a Turkish city): the acronym was 'put back
    in the nominative' as a word the release does not have."""
    found = _suggest_cli(tmp_path, (HEADLINE_EN, "news.en.md"), (HEADLINE_RU, "news.ru.md"))
    assert found["UrFU"]["ru"] == "УрФУ"
    assert found["HIT"]["ru"] == "ХПИ"
    assert found["Yekaterinburg"]["ru"] == "Екатеринбург"  # a word is still declined back


def test_a_latin_brand_in_a_russian_version_keeps_its_spelling(tmp_path: Path) -> None:
    """A Latin-script name in the Russian version (a brand: UralSmart, QuantumGrid) is no
    Russian word to put back in the nominative: pymorphy3 lowercased it, 'Uralsmart'."""
    found = _suggest_cli(
        tmp_path,
        ("The data will go through the UralSmart platform of QuantumGrid.\n", "news.en.md"),
        ("Данные пойдут через платформу UralSmart компании QuantumGrid.\n", "news.ru.md"))
    assert found["UralSmart"]["ru"] == "UralSmart"
    assert found["QuantumGrid"]["ru"] == "QuantumGrid"
