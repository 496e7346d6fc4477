"""Do-not-translate said in words: TBX notes (concept, language or term level) and CSV note
columns that start with a marker make the term do-not-translate, like ``x-doNotTranslate``;
the translation then keeps it verbatim in every language."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.glossary.model import DNT_MARKERS, Glossary, says_do_not_translate
from toolkit.glossary.tabular import read_locale_header, read_long
from toolkit.glossary.tbx import read_tbx


@pytest.mark.parametrize("note", [*DNT_MARKERS, "Brand name: DO NOT TRANSLATE.",
                                  "dnt", "Do-Not-Translate", "Не переводить!",
                                  "此名称不翻译", "请不要翻译", "do  not\ttranslate"])
def test_markers_in_any_case_as_words(note: str) -> None:
    assert says_do_not_translate(note)


@pytest.mark.parametrize("note", ["DNTs are rare", "redo not translate", "translate, do not "
                                  "transliterate", "do not translated", "ADNT", "翻译", ""])
def test_not_markers(note: str) -> None:
    assert not says_do_not_translate(note)


def test_a_csv_note_counts_only_when_it_starts_with_a_marker() -> None:
    assert says_do_not_translate("DNT: brand", at_start=True)
    assert says_do_not_translate("  «Не переводить» (бренд)", at_start=True)
    assert not says_do_not_translate("brand name, DNT", at_start=True)


def _tbx(body: str) -> Glossary:
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<tbx type="TBX-Basic" style="dca" xml:lang="en" '
            'xmlns="urn:iso:std:iso:30042:ed-2"><text><body>' + body + "</body></text></tbx>")
    return read_tbx(io.BytesIO(text.encode()), "mem.tbx")


def _entry(cid: str, concept: str = "", lang: str = "", term: str = "",
           explicit: str = "") -> str:
    return (f'<conceptEntry id="{cid}">{concept}'
            f'<langSec xml:lang="en">{lang}<termSec><term>{cid.title()} One</term>'
            f'{term}{explicit}</termSec></langSec>'
            f'<langSec xml:lang="ru"><termSec><term>{cid} один</term></termSec></langSec>'
            "</conceptEntry>")


def test_tbx_notes_at_every_level() -> None:
    glossary = _tbx(
        _entry("usage", term='<termNote type="usageNote">Brand: do not translate</termNote>')
        + _entry("plain_note", term="<note>не переводить</note>")
        + _entry("descrip", term='<descrip type="context">DNT</descrip>')
        + _entry("usage_element", term="<usageNote>不翻译</usageNote>")
        + _entry("concept_level", concept="<note>Do-not-translate: a brand.</note>")
        + _entry("lang_level", lang='<descrip type="context">不要翻译</descrip>')
        + _entry("ordinary", term="<note>a research institute</note>")
        + _entry("explicit_no", term="<note>DNT</note>",
                 explicit='<termNote type="x-doNotTranslate">no</termNote>')
        + _entry("definition", concept='<descrip type="definition">DNT</descrip>'))
    dnt = {c.id: [t.dnt for t in c.terms] for c in glossary}
    assert dnt == {
        "usage": [True, False], "plain_note": [True, False], "descrip": [True, False],
        "usage_element": [True, False],
        "concept_level": [True, True],   # the concept's note marks every term of it
        "lang_level": [True, False],     # a language section's note, the terms of that section
        "ordinary": [False, False],
        "explicit_no": [False, False],   # x-doNotTranslate on the term has the last word
        "definition": [True, True]}
    # a term marked in words keeps its case like any do-not-translate term
    assert glossary.get("usage").terms[0].case_sensitive


def test_csv_note_columns() -> None:
    text = ("concept_id,lang,term,dnt,note,concept_note\n"
            "brand,en,Polytech Works,,DNT: brand name,\n"
            "brand,ru,Политех Воркс,,,\n"
            "whole,en,Tech Park,,,\n"
            "whole,ru,Технопарк,,,do not translate anywhere\n"
            "late,en,Late Note,,brand name; DNT,\n"
            "explicit,en,Explicit,no,DNT,\n")
    glossary = read_long(io.StringIO(text, newline=""), "mem.csv", ",")
    dnt = {c.id: [t.dnt for t in c.terms] for c in glossary}
    assert dnt == {"brand": [True, False], "whole": [True, True], "late": [False],
                   "explicit": [False]}


def test_language_header_csv_note_column() -> None:
    text = "en,ru,note\nPolytech Works,Политех Воркс,DNT\nNanjing,Нанкин,city\n"
    glossary = read_locale_header(io.StringIO(text, newline=""), "mem.csv")
    assert [[t.dnt for t in c.terms] for c in glossary] == [[True, True], [False, False]]


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="science_park">
      <langSec xml:lang="en">
        <termSec>
          <term>Science Park</term>
          <termNote type="usageNote">Brand name: do not translate.</termNote>
        </termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


@pytest.mark.parametrize("target", ["ru", "zh"])
def test_a_term_marked_in_words_stays_verbatim_through_translation(tmp_path: Path,
                                                                   target: str) -> None:
    glossary = tmp_path / "park.tbx"
    glossary.write_text(TBX, encoding="utf-8")
    source = "The university opened the Science Park in Nanjing.\n"
    plain = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", target,
                                     "--no-glossary"], input=source)
    assert "Science Park" not in plain.stdout  # the demo model translates it otherwise
    report = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", target, "-g",
                                      str(glossary), "--report", str(report)], input=source)
    assert result.exit_code == 0, result.output
    assert "Science Park" in result.stdout
    (mention,) = [m for m in json.loads(report.read_text("utf-8"))["documents"][0]["mentions"]
                  if m["concept"] == "science_park"]
    assert mention["how"] == "do-not-translate" and mention["target"]["text"] == "Science Park"


def test_x_do_not_translate_on_the_concept_or_language_section() -> None:
    """Found by a new user's trial: ``<descrip type="x-doNotTranslate">yes</descrip>`` on the
    concept (where ``x-fullFormFirst`` goes) was read as nothing at all, so the brand had no
    ru/zh term and the model translated it away. On a language section it marks that
    section's terms; an explicit value on the term still has the last word."""
    yes = '<descrip type="x-doNotTranslate">yes</descrip>'
    no = '<termNote type="x-doNotTranslate">no</termNote>'
    glossary = _tbx(
        _entry("concept_yes", concept=yes)
        + _entry("lang_yes", lang='<admin type="x-doNotTranslate">true</admin>')
        + _entry("term_no", concept=yes, explicit=no)
        + _entry("concept_no", concept='<descrip type="x-doNotTranslate">no</descrip>'
                 '<note>DNT</note>'))
    dnt = {c.id: [t.dnt for t in c.terms] for c in glossary}
    assert dnt == {"concept_yes": [True, True], "lang_yes": [True, False],
                   "term_no": [False, True], "concept_no": [False, False]}


def test_a_concept_marked_x_do_not_translate_stays_verbatim_through_translation(
        tmp_path: Path) -> None:
    glossary = tmp_path / "park.tbx"
    glossary.write_text(TBX.replace(
        '<termNote type="usageNote">Brand name: do not translate.</termNote>', "").replace(
        '<conceptEntry id="science_park">',
        '<conceptEntry id="science_park"><descrip type="x-doNotTranslate">yes</descrip>'),
        encoding="utf-8")
    listed = CliRunner().invoke(cli, ["glossary", "show", "science_park", "-g", str(glossary),
                                      "--no-shipped"])
    assert listed.exit_code == 0 and "dnt" in listed.stdout, listed.output
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru", "-g",
                                      str(glossary)],
                                input="The university opened the Science Park in Nanjing.\n")
    assert result.exit_code == 0, result.output
    assert "Science Park" in result.stdout
