"""``toolkit translate`` through the real CLI and demo models on releases written for the
new-user review (tests/data/hit: another partner, cities and glossary than the bundled
ones): whatever the demo model writes, what the toolkit promises holds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from html_tags import html_tags

from toolkit.cli.main import cli
from toolkit.text.placeholders import find_emails, find_placeholders, find_urls

HIT = Path(__file__).parents[1] / "data" / "hit"


@pytest.mark.parametrize(("name", "target"), [
    ("release1.en.md", "ru"), ("release3.zh.md", "en"), ("release2.ru.md", "zh"),
    ("page.en.html", "ru"), ("notice.en.txt", "zh")])
def test_new_releases_keep_links_placeholders_terms_and_markup(tmp_path: Path, name: str,
                                                               target: str) -> None:
    source = (HIT / "releases" / name).read_text(encoding="utf-8")
    out, report = tmp_path / f"out{Path(name).suffix}", tmp_path / "report.json"
    result = CliRunner().invoke(cli, [
        "translate", str(HIT / "releases" / name), "--to", target, "-g", str(HIT / "hit.tbx"),
        "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert not re.search("[｟｠]", text)  # no protection token, whole or in part
    kept = find_urls(source) + find_emails(source) + find_placeholders(source)
    assert [s.text for s in kept if s.text not in text] == []
    doc = json.loads(report.read_text(encoding="utf-8"))["documents"][0]
    assert doc["summary"]["not_applied"] == 0
    # each applied mention's target is in the output as reported (not glued into a URL,
    # not replaced inside a token)
    assert [m["target"]["text"] for m in doc["mentions"]
            if m["applied"] and m["target"]["text"] not in text] == []
    if name.endswith(".html"):
        assert html_tags(text) == html_tags(source)


@pytest.mark.parametrize("target", ["ru", "zh", "zh-Hant"])
def test_telephone_numbers_come_back_as_written(tmp_path: Path, target: str) -> None:
    """New-user trial: every press release ends with a contact number, and the demo models
    turned '+7 (343) 375-44-44' into 'более 7343 участников' (reported as lost numbers, but
    gone). Telephone numbers are now protected spans (kind 'phone' in the report); a year
    in brackets, a date and a number with a thousands space are not phone numbers."""
    source = tmp_path / "contacts.en.md"
    source.write_text("Contacts: press@urfu.ru, +7 (343) 375-44-44.\n\n"
                      "Call +86 25 8431 1234 or 8 (800) 555-35-35 for details.\n\n"
                      "The forum (2026) gathered 120 000 visitors on 12.03.2026.\n",
                      encoding="utf-8")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["translate", str(source), "--to", target, "--no-glossary",
                                      "--report", str(report)])
    assert result.exit_code == 0, result.output
    for phone in ("+7 (343) 375-44-44", "+86 25 8431 1234", "8 (800) 555-35-35"):
        assert result.stdout.count(phone) == 1, result.stdout
    spans = json.loads(report.read_text(encoding="utf-8"))["documents"][0]["protected"]
    assert sorted(s["text"] for s in spans if s["kind"] == "phone") == [
        "+7 (343) 375-44-44", "+86 25 8431 1234", "8 (800) 555-35-35"]
    assert "375" not in result.stderr and "8431" not in result.stderr, result.stderr


def test_a_token_the_model_repeated_leaves_no_space_before_the_stop(tmp_path: Path) -> None:
    """New-user trial: 'Use OrbitLab to view the data.' with OrbitLab a do-not-translate
    name gave 'Укажите OrbitLab посетила .': the demo model wrote the name's token twice,
    the second was removed, its space stayed."""
    glossary = tmp_path / "ours.csv"
    glossary.write_text("concept_id,lang,term,note\norbitlab,en,OrbitLab,DNT: product\n"
                        "orbitlab,ru,OrbitLab,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru", "-g",
                                      str(glossary), "--no-shipped"],
                                input="Use OrbitLab to view the data.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("OrbitLab") == 1, result.stdout
    assert not re.search(r"\s[.,!?]", result.stdout), result.stdout
