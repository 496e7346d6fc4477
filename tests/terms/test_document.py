"""Full form first (toolkit.terms.document): a concept the glossary marks full-form-first is
introduced by its full form in the first mention of the document's body, whatever the source
wrote there; headlines are exempt; later mentions keep their acronym. Through the real CLI
and the demo models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary import load_glossary
from toolkit.glossary.match import find_mentions
from toolkit.terms.document import full_form_first, headline_flags

TERMS = {"en": ("Nanjing Innovation Week", "NIW"), "ru": ("Нанкинская неделя инноваций", "ННИ"),
         "zh": ("南京创新周", "南创周")}


def _tbx(tmp_path: Path, marked: str) -> Path:
    """The concept ``niw`` in three languages; *marked* is the concept-level element that says
    full form first (or nothing)."""
    secs = "".join(
        f'<langSec xml:lang="{lang}">'
        f'<termSec><term>{full}</term><termNote type="termType">fullForm</termNote></termSec>'
        f'<termSec><term>{acronym}</term><termNote type="termType">acronym</termNote></termSec>'
        "</langSec>" for lang, (full, acronym) in TERMS.items())
    path = tmp_path / "niw.tbx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" '
                    'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
                    f'<conceptEntry id="niw">{marked}{secs}</conceptEntry>'
                    "</body></text></tbx>\n", encoding="utf-8")
    return path


DOCUMENT = "# NIW opens\n\nNIW opened in Nanjing. NIW ends on Friday.\n"
FULL_FORM_FIRST = ['<descrip type="x-fullFormFirst">yes</descrip>',
                   "<note>Spell out on first mention.</note>"]


def _mentions(tmp_path: Path, glossary: Path, target: str, text: str = DOCUMENT,
              name: str = "news.md") -> tuple[str, list[dict]]:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    report = tmp_path / f"{name}.{target}.json"
    result = CliRunner().invoke(cli, ["translate", str(source), "--from", "en", "--to", target,
                                      "-g", str(glossary), "--report", str(report), "--force",
                                      "--strict"])
    assert result.exit_code == 0, result.output
    mentions = json.loads(report.read_text("utf-8"))["documents"][0]["mentions"]
    return result.stdout, [m for m in mentions if m["concept"] == "niw"]


@pytest.mark.parametrize("target", ["ru", "zh"])
@pytest.mark.parametrize("marked", FULL_FORM_FIRST, ids=["x-fullFormFirst", "note"])
def test_the_first_body_mention_is_spelled_out(tmp_path: Path, target: str, marked: str
                                               ) -> None:
    full, acronym = TERMS[target]
    out, mentions = _mentions(tmp_path, _tbx(tmp_path, marked), target)
    headline, first, later = mentions
    assert headline["source"]["line"] == 1 and headline["target"]["text"] == acronym
    assert first["source"]["text"] == "NIW" and first["source"]["line"] == 3
    assert first["required"] == full and first["target"]["text"] == full
    assert later["target"]["text"] == acronym
    heading, _blank, body = out.splitlines()[:3]
    assert acronym in heading and full not in heading
    assert body.index(full) < body.index(acronym)


def test_without_the_marking_the_acronym_stays(tmp_path: Path) -> None:
    out, mentions = _mentions(tmp_path, _tbx(tmp_path, ""), "ru")
    assert [m["target"]["text"] for m in mentions] == ["ННИ"] * 3
    assert "Нанкинская неделя инноваций" not in out


def test_a_source_that_spells_it_out_first_is_left_alone(tmp_path: Path) -> None:
    text = "Nanjing Innovation Week opened in Nanjing. NIW ends on Friday.\n"
    _out, mentions = _mentions(tmp_path, _tbx(tmp_path, FULL_FORM_FIRST[0]), "ru", text,
                               "plain.txt")
    assert [m["required"] for m in mentions] == ["Нанкинская неделя инноваций", "ННИ"]


def test_plain_text_first_paragraph_is_the_headline(tmp_path: Path) -> None:
    glossary = load_glossary([_tbx(tmp_path, FULL_FORM_FIRST[0])])
    text = "NIW opens\n\nNIW opened in Nanjing.\nNIW ends on Friday.\n"
    offsets = [0, text.index("NIW opened"), text.index("NIW ends")]
    headlines = headline_flags(text, offsets)
    assert headlines == [True, False, False]
    mentions = [find_mentions(glossary, text[o:].split("\n")[0], "en") for o in offsets]
    prefer = full_form_first(glossary, mentions, headlines, "ru")
    assert {k: t.text for k, t in prefer.items()} == {(1, 0): "Нанкинская неделя инноваций"}
    # a single paragraph is all body
    assert headline_flags("NIW opened. NIW ends.", [0, 12]) == [False, False]
