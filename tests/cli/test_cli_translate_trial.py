"""``toolkit translate`` through the real CLI and demo models on text written for the third
new-user trial (another university, province and partner institute than the shipped glossary
and the earlier trials): what the toolkit promises holds whatever the demo model writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from html_tags import html_tags

from toolkit.cli.main import cli
from toolkit.text.placeholders import find_emails, find_placeholders, find_urls
from toolkit.text.scripts import HAN
from toolkit.text.zh import NAME_ENDS


@pytest.mark.parametrize(("city", "target", "stop"), [("Москва", "en", "."),
                                                     ("Казань", "zh", "。")])
def test_a_russian_dateline_keeps_its_full_stop(city: str, target: str, stop: str) -> None:
    """The point of ``2026 г.`` ending a sentence is also its full stop. The date was
    protected with it, so the model saw a sentence without a stop and the dateline ran into
    the next sentence: 'Irkutsk 14 May 2026 Ural Federal University ...'."""
    date = {"en": "14 May 2026", "zh": "2026年5月14日"}[target]
    for source in (f"{city}, 14 мая 2026 г. Университет подписал соглашение.\n",
                   f"{city}, 14 мая 2026 г.\n\nУниверситет подписал соглашение.\n"):
        result = CliRunner().invoke(cli, ["translate", "-", "--from", "ru", "--to", target,
                                          "--no-shipped", "-q"], input=source)
        assert result.exit_code == 0, result.output
        assert re.search(re.escape(date + stop), result.stdout), result.stdout
    # a date inside a sentence keeps its abbreviation's point in the protected span
    inside = "Соглашение подписано 14 мая 2026 г. в Москве.\n"
    result = CliRunner().invoke(cli, ["translate", "-", "--from", "ru", "--to", target,
                                      "--no-shipped", "-q"], input=inside)
    assert result.exit_code == 0, result.output
    assert date in result.stdout and "г." not in result.stdout


TRIAL = Path(__file__).parents[1] / "data" / "trial"


def _translate(tmp_path: Path, text: str, target: str, *extra: str) -> tuple[str, dict]:
    report = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["translate", "-", "--to", target, "-g",
                                      str(TRIAL / "irnitu.csv"), "--no-shipped", "-q",
                                      "--report", str(report), "--force", *extra], input=text)
    assert result.exit_code == 0, result.output
    return result.stdout, json.loads(report.read_text(encoding="utf-8"))["documents"][0]


@pytest.mark.parametrize("source", [
    "Sichuan University and Ural Federal University signed an agreement.",
    # as the ru->en demo model wrote a sentence of irnitu.ru.txt (the middle of ru->zh)
    "Ural Federal University (Irkutsk National Research Technical University signed a Sichuan"
    " University cooperation agreement with the IRNITU Munivered and the Joint Laser Research"
    " Centre."])
def test_a_chinese_term_replaces_a_whole_rendering_not_a_piece(tmp_path: Path,
                                                                source: str) -> None:
    """The demo model wrote 清华大学 for Sichuan University, and the fuzzy search took its
    大学 (what every university's name ends with) for the rendering: 清华四川大学, a hybrid
    of two names. The attention tied the Joint Laser Research Centre to 中 of the model's
    联合中心, and replacing that piece left 联合联合激光研究中心心."""
    out, doc = _translate(tmp_path, source + "\n", "zh")
    for mention in doc["mentions"]:
        assert mention["applied"], mention
        term = mention["target"]["text"]
        assert term in out
        # no piece of the model's rendering of the term left beside it
        for k in range(1, len(term)):
            assert term[:k] + term not in out and term + term[-k:] not in out, (term, out)
        if mention["found_by"] == "fuzzy":
            # a rendering found by its likeness to the term shares more with it than the
            # kind of organisation (大学, 中心)
            kind = max((e for e in NAME_ENDS if term.endswith(e)), key=len, default="")
            assert set(mention["replaced"]) & set(term[:len(term) - len(kind)]), mention


@pytest.mark.parametrize(("name", "data"), [
    ("photo.md", bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256))),
    ("release.md.gz", bytes.fromhex("1f8b0800000000000003") + b"\x8b\xe5\x02\x00"),
    ("notes.txt", b"IRNITU and Sichuan University\x00\x01\x02 signed an agreement.\n" * 3)])
def test_a_binary_file_is_called_binary_not_an_encoding_problem(tmp_path: Path, name: str,
                                                                 data: bytes) -> None:
    """A picture or an archive given by mistake was 'not valid UTF-8 ... pass --encoding
    NAME (e.g. cp1251, gb18030, utf-16)', which sends the user after an encoding no text has;
    text with NUL bytes that is valid UTF-8 was translated, NULs and all. As a glossary too."""
    path = tmp_path / name
    path.write_bytes(data)
    line = data[:data.index(0)].count(b"\n") + 1  # the line of the first NUL
    want = f"{path}:{line}: binary data (a NUL byte): not a text file"
    result = CliRunner().invoke(cli, ["translate", str(path), "--to", "ru", "-q"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [f"toolkit: error: {want}"]
    glossary = tmp_path / "terms.csv"
    glossary.write_bytes(data)
    result = CliRunner().invoke(cli, ["translate", "-", "--to", "ru", "-q", "-g", str(glossary)],
                                input="Hello.\n")
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == "toolkit: error: " + want.replace(
        str(path), str(glossary))


def test_strict_counts_one_failure_in_the_singular(tmp_path: Path) -> None:
    """'--strict: 1 glossary terms or protected spans could not be applied'."""
    glossary = tmp_path / "terms.csv"
    glossary.write_text("concept_id,lang,term,term_type,status\n"
                        "crane,en,Sichuan Tower Crane,full,preferred\n"
                        "crane,zh,四川塔机,full,preferred\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["translate", "-", "--from", "en", "--to", "ru", "-g",
                                      str(glossary), "--no-shipped", "--strict"],
                                input="Sichuan Tower Crane opened an office in Irkutsk.\n")
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        "--strict: 1 glossary term or protected span could not be applied")


@pytest.mark.parametrize(("name", "text", "opener", "closer"), [
    ("one.md", "**Professor Zhou Hong** presented the results of the Joint Laser Research Centre"
     " in Chengdu.\n", "**", "**"),
    ("one.html", "<p><b>Professor Zhou Hong</b> presented the results of the Joint Laser"
     " Research Centre in Chengdu.</p>\n", "<b>", "</b>")])
def test_markup_around_a_title_and_a_short_name_goes_around_the_name(
        tmp_path: Path, name: str, text: str, opener: str, closer: str) -> None:
    """``**Professor Zhou Hong**`` into Chinese came out ``未找到**文件**周红``: the
    emphasis went around the model's word for 'Professor', not around the name. A mark whose
    text is not found goes around the glossary names it holds when they make most of it;
    'Zhou Hong' is two of its three words but not half of its characters."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["translate", str(path), "--to", "zh", "-g",
                                      str(TRIAL / "irnitu.tbx"), "--no-shipped", "-q"])
    assert result.exit_code == 0, result.output
    assert f"{opener}周红{closer}" in result.stdout, result.stdout


@pytest.mark.parametrize("glossary", ["irnitu.tbx", "irnitu.csv"])
@pytest.mark.parametrize(("name", "target"), [
    ("irnitu.en.md", "ru"), ("irnitu.en.md", "zh"), ("irnitu.en.html", "ru"),
    ("irnitu.en.html", "zh"), ("irnitu.ru.txt", "en"), ("irnitu.ru.txt", "zh"),
    ("irnitu.zh.md", "en"), ("irnitu.zh.md", "ru")])
def test_the_trial_releases_keep_their_promises(tmp_path: Path, glossary: str, name: str,
                                                target: str) -> None:
    """Every pair the README offers (ru<->zh pivoting), with the trial's own TBX and CSV
    glossary: every mention applied and in the output as reported, do-not-translate names
    verbatim, links, e-mails, placeholders and phone numbers kept, no protection token left,
    the page's tags as they were, no space put beside a Chinese term, and --strict content."""
    source = (TRIAL / "releases" / name).read_text(encoding="utf-8")
    out, report = tmp_path / f"out{Path(name).suffix}", tmp_path / "report.json"
    result = CliRunner().invoke(cli, [
        "translate", str(TRIAL / "releases" / name), "--to", target, "-g",
        str(TRIAL / glossary), "-o", str(out), "--report", str(report), "--strict"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    text = out.read_text(encoding="utf-8")
    assert not re.search("[｟｠]", text)
    kept = find_urls(source) + find_emails(source) + find_placeholders(source)
    assert [s.text for s in kept if s.text not in text] == []
    doc = json.loads(report.read_text(encoding="utf-8"))["documents"][0]
    assert doc["summary"]["not_applied"] == 0 and doc["summary"]["protected"]["lost"] == 0
    for mention in doc["mentions"]:
        term = mention["target"]["text"]
        assert term in text, mention
        if mention["how"] == "do-not-translate":
            assert term == mention["source"]["text"]
        if target == "zh":
            assert not re.search(rf"[{HAN}] {re.escape(term)}|{re.escape(term)} [{HAN}]",
                                 text), (term, text)
    for phone in ("+7 3952 40-51-00",):
        assert source.count(phone) == text.count(phone)
    if name.endswith(".html"):
        assert html_tags(text) == html_tags(source)
        # the comment, the script and the code come back byte for byte
        for kept_part in ("<!-- press release 2026/041, do not edit by hand -->",
                          '<script>var x = "Irkutsk";</script>', "<code>2.4.1</code>",
                          '<span translate="no">PhotoniX Lab</span>'):
            assert kept_part in text


@pytest.mark.parametrize("target", ["ru", "zh"])
def test_a_markdown_image_not_found_does_not_swallow_the_sentence(tmp_path: Path,
                                                                   target: str) -> None:
    """'See the ![logo of IRNITU](img/logo.png) and [the centre](URL).' into Russian came
    out '![[<the whole sentence>](URL)](img/logo.png).': the image whose alt text was not
    found covered the whole sentence, which a page then shows as nothing but a picture (its
    text became the alt text), and the lost link inside it. The image now goes at the end
    of the sentence, around its alt text's translation, and is reported."""
    source = tmp_path / "news.md"
    source.write_text("See the ![logo of IRNITU](img/logo.png) and [the centre]"
                      "(https://www.istu.edu/centre).\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["translate", str(source), "--to", target, "-g",
                                      str(TRIAL / "irnitu.tbx"), "--no-shipped"])
    assert result.exit_code == 0, result.output
    out = result.stdout.strip()
    images = re.findall(r"!\[([^\[\]]*)\]\(img/logo\.png\)", out)
    assert len(images) == 1, out  # one image, nothing nested in its alt text
    alt = images[0]
    assert len(alt) < len(out) / 2, out  # the sentence is not the image's alt text
    assert "[" not in alt and "https://www.istu.edu/centre" in out
