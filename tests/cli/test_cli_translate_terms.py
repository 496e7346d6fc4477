"""``toolkit translate --glossary`` enforces the glossary's terms (toolkit.terms)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli

SOURCE = "SPbPU signed an agreement with Nanjing City Hall.\n"


def _glossary(tmp_path: Path) -> Path:
    path = tmp_path / "city-hall.csv"
    path.write_text("concept_id,lang,term,term_type,status\n"
                    "nanjing_city_hall,en,Nanjing City Hall,full,preferred\n"
                    "nanjing_city_hall,ru,мэрия Нанкина,full,preferred\n", encoding="utf-8")
    return path


def test_glossary_option_puts_the_term_in_the_right_case(tmp_path: Path) -> None:
    runner = CliRunner()
    plain = runner.invoke(cli, ["translate", "--from", "en", "--to", "ru", "--no-glossary"],
                          input=SOURCE)
    enforced = runner.invoke(cli, ["translate", "--from", "en", "--to", "ru", "--glossary",
                                   str(_glossary(tmp_path))], input=SOURCE)
    assert plain.exit_code == enforced.exit_code == 0, enforced.output
    assert "мэри" not in plain.stdout
    assert "с мэрией Нанкина" in enforced.stdout  # instrumental after "с"
    # SPbPU is full-form-first in the shipped glossary: its first mention is spelled out
    assert "Санкт-Петербургский политехнический университет Петра Великого" in enforced.stdout


def test_a_term_that_cannot_be_applied_is_reported(tmp_path: Path) -> None:
    # A concept with no Russian term cannot be put into a Russian translation: --json says so.
    path = tmp_path / "no-ru.csv"
    path.write_text("concept_id,lang,term,term_type,status\n"
                    "city_hall,en,Nanjing City Hall,full,preferred\n"
                    "city_hall,zh,南京市政府,full,preferred\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru", "--json",
                                      "--glossary", str(path)], input=SOURCE)
    assert result.exit_code == 0, result.output
    kinds = [w["kind"] for w in json.loads(result.stdout)["warnings"]]
    assert "term-not-applied" in kinds
