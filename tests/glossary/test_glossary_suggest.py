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
