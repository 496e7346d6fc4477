"""``toolkit translate --report FILE`` / ``--strict`` / ``--json``: the report of every glossary
mention and protected span, through the real CLI and the real demo models."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "docs" / "report.schema.json")
                    .read_text(encoding="utf-8"))

# A URL, a placeholder, a do-not-translate term of the shipped glossary (GlobalTech IP), and
# a term of the user's glossary enforced into Russian (after "with": instrumental).
DOCUMENT = ("# News\n"
            "\n"
            "SPbPU signed an agreement with Nanjing City Hall.\n"
            "See https://spbpu.ru/news and {name}.\n"
            "SPbPU works with GlobalTech IP in Nanjing.\n")


def _glossary(tmp_path: Path, ru: bool = True) -> Path:
    path = tmp_path / "city-hall.csv"
    rows = ["concept_id,lang,term,term_type,status",
            "nanjing_city_hall,en,Nanjing City Hall,full,preferred"]
    rows.append("nanjing_city_hall,ru,мэрия Нанкина,full,preferred" if ru
                else "nanjing_city_hall,zh,南京市政府,full,preferred")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _run(tmp_path: Path, *extra: str, ru: bool = True, text: str = DOCUMENT
         ) -> tuple[object, Path, Path]:
    source = tmp_path / "news.md"
    source.write_text(text, encoding="utf-8")
    out, report = tmp_path / "news.ru.md", tmp_path / "news.report.json"
    result = CliRunner().invoke(cli, ["translate", str(source), "--from", "en", "--to", "ru",
                                      "-g", str(_glossary(tmp_path, ru)), "-o", str(out),
                                      "--report", str(report), *extra])
    return result, out, report


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, str, dict]:
    tmp = tmp_path_factory.mktemp("report")
    result, out, report = _run(tmp, "--strict")
    return result, out.read_text(encoding="utf-8"), json.loads(report.read_text("utf-8"))


def test_the_report_matches_its_schema(ran: tuple[object, str, dict]) -> None:
    _result, _out, report = ran
    jsonschema.validate(report, SCHEMA)
    (doc,) = report["documents"]
    assert doc["route"] == "en -> ru" and doc["pivoted"] is False
    assert doc["packages"] == [{"pair": "en->ru", "version": "0.1", "demo": True}]
    assert doc["segments"] == 4


def test_every_mention_points_at_its_source_and_is_in_the_translation(
        ran: tuple[object, str, dict]) -> None:
    result, translation, report = ran
    assert result.exit_code == 0, result.output  # --strict: everything was applied
    (doc,) = report["documents"]
    mentions = doc["mentions"]
    assert [m["concept"] for m in mentions] == [
        "spbpu", "nanjing_city_hall", "spbpu", "globaltech_ip", "nanjing"]
    for m in mentions:
        src = m["source"]
        assert DOCUMENT[src["start"]:src["end"]] == src["text"]
        assert src["line"] == DOCUMENT.count("\n", 0, src["start"]) + 1
        assert src["column"] == src["start"] - DOCUMENT.rfind("\n", 0, src["start"])
        assert m["applied"] and m["target"]["text"] in translation, m
    by_concept = {m["concept"]: m for m in mentions}
    dnt = by_concept["globaltech_ip"]
    assert dnt["how"] == "do-not-translate" and dnt["target"]["text"] == "GlobalTech IP"
    assert dnt["source"]["line"] == 5
    hall = by_concept["nanjing_city_hall"]
    assert hall["source"]["line"] == 3 and hall["required"] == "мэрия Нанкина"
    assert hall["how"] == "inflected" and hall["target"]["text"] == "мэрией Нанкина"
    assert {m["how"] for m in mentions} <= {"already-correct", "n-best", "token", "replaced",
                                            "inflected", "inserted", "do-not-translate"}


def test_urls_and_placeholders_are_listed_with_their_lines(ran: tuple[object, str, dict]
                                                           ) -> None:
    _result, translation, report = ran
    (doc,) = report["documents"]
    assert doc["protected"] == [
        {"kind": "url", "text": "https://spbpu.ru/news", "status": "kept", "line": 4},
        {"kind": "placeholder", "text": "{name}", "status": "kept", "line": 4}]
    assert "https://spbpu.ru/news" in translation and "{name}" in translation
    assert doc["summary"]["complete"] and report["complete"]


def test_strict_exits_1_when_a_term_cannot_be_applied_after_writing_both(tmp_path: Path
                                                                          ) -> None:
    result, out, report = _run(tmp_path, "--strict", ru=False)
    assert result.exit_code == 1, result.output
    assert "--strict" in result.stderr
    assert out.read_text(encoding="utf-8").strip()  # the translation is written all the same
    data = json.loads(report.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    (missed,) = [m for m in data["documents"][0]["mentions"] if not m["applied"]]
    assert missed["concept"] == "nanjing_city_hall" and missed["how"] is None
    assert missed["reason"]["code"] == "no-target-term"
    assert "no approved term in ru" in missed["reason"]["message"]
    assert missed["source"]["line"] == 3
    assert data["complete"] is False
    # without --strict the same run succeeds
    again, _out, _report = _run(tmp_path, "--force", ru=False)
    assert again.exit_code == 0, again.output


def test_the_shipped_glossary_alone_is_enforced(tmp_path: Path) -> None:
    # Without a project glossary the shipped one was only checked, not enforced (catalog fill
    # enforced it): the demo model's sentence lacked 'технопарк «Ингрия»', which was printed
    # as '1 error' (GL101) and failed --strict, though the toolkit could have put it in.
    source = tmp_path / "in.txt"
    source.write_text("The lab opened in Ingria Technopark.\n", encoding="utf-8")
    report = tmp_path / "r.json"
    out = tmp_path / "out.txt"
    args = ["translate", str(source), "--from", "en", "--to", "ru", "-o", str(out),
            "--report", str(report), "--strict"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "GL101" not in result.stderr
    assert "«Ингрия»" in out.read_text(encoding="utf-8")
    data = json.loads(report.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    doc = data["documents"][0]
    assert [(m["concept"], m["applied"]) for m in doc["mentions"]] == [("ingria", True)]
    assert doc["consistency"] == []
    # --no-glossary: nothing enforced, nothing checked, nothing to fail
    none = CliRunner().invoke(cli, [*args, "--force", "--no-glossary"])
    assert none.exit_code == 0, none.output
    assert "«Ингрия»" not in out.read_text(encoding="utf-8")


def test_json_carries_the_same_report(tmp_path: Path) -> None:
    result, _out, report = _run(tmp_path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["report"] == json.loads(report.read_text("utf-8"))


def test_an_existing_report_is_not_overwritten_without_force(tmp_path: Path) -> None:
    report = tmp_path / "news.report.json"
    report.write_text("keep me", encoding="utf-8")
    result, out, _report = _run(tmp_path)
    assert result.exit_code == 2
    assert "news.report.json" in result.stderr
    assert report.read_text(encoding="utf-8") == "keep me" and not out.exists()
    forced, _out, _report = _run(tmp_path, "--force")
    assert forced.exit_code == 0, forced.output
    jsonschema.validate(json.loads(report.read_text(encoding="utf-8")), SCHEMA)


def test_report_and_output_may_not_be_one_file(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Nanjing.\n", encoding="utf-8")
    same = str(tmp_path / "b.txt")
    result = CliRunner().invoke(cli, ["translate", str(source), "--to", "ru", "-o", same,
                                      "--report", same])
    assert result.exit_code == 2
    assert not Path(same).exists()


def test_spans_a_token_free_model_dropped_are_reported_as_repaired(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # tests/data/models/translate-en_ru-notokens never saw protection tokens (a full Argos
    # model's stand-in): restore puts back what it drops, and the report says so.
    import shutil

    package = Path(__file__).resolve().parent / "data" / "models" / "translate-en_ru-notokens"
    shutil.copytree(package, tmp_path / "packages" / package.name)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    text = "Hello {name}, the forum will be held in Nanjing, see https://example.org/news.\n"
    result, out, report = _run(tmp_path, "--strict", text=text)
    data = json.loads(report.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    (doc,) = data["documents"]
    spans = {p["text"]: p["status"] for p in doc["protected"]}
    assert spans.keys() == {"{name}", "https://example.org/news"}
    assert "repaired" in spans.values() and "lost" not in spans.values()
    # placed by the alignment (or in place of a link the model made up), not at the end
    placed = {p["text"]: p.get("placed") for p in doc["protected"] if p["status"] == "repaired"}
    assert placed and set(placed.values()) <= {"aligned", "replaced"}, placed
    translation = out.read_text(encoding="utf-8")
    assert all(s in translation for s in spans)
    # reinserted spans are applied (in the output), so --strict fails only on terms
    assert result.exit_code == (0 if doc["summary"]["not_applied"] == 0 else 1)


def test_the_documented_example_matches_the_schema() -> None:
    import re

    doc = (Path(__file__).resolve().parent.parent / "docs" / "report.md").read_text("utf-8")
    example = re.search(r"```json\n(.*?)```", doc, re.S)
    assert example is not None
    jsonschema.validate(json.loads(example.group(1)), SCHEMA)


def test_the_schema_knows_every_way_enforcement_applies_a_term() -> None:
    from toolkit.terms.model import HOW

    enum = SCHEMA["$defs"]["mention"]["properties"]["how"]["enum"]
    assert {*HOW, "already-correct", None} <= set(enum)


def test_each_mention_points_at_its_own_occurrence(tmp_path: Path) -> None:
    # "Nanjing" stands in a URL and inside "Nanjing City Hall" before the mention of Nanjing
    text = "See https://example.org/Nanjing today.\nNanjing City Hall met SPbPU in Nanjing.\n"
    result, _out, report = _run(tmp_path, text=text)
    assert result.exit_code == 0, result.output
    mentions = json.loads(report.read_text("utf-8"))["documents"][0]["mentions"]
    where = {m["concept"]: m["source"] for m in mentions}
    assert where["nanjing"]["start"] == text.rindex("Nanjing")
    assert where["nanjing_city_hall"]["start"] == text.index("Nanjing City Hall")
    assert where["nanjing"]["line"] == 2 and where["nanjing"]["column"] == 32
    for m in mentions:
        assert text[m["source"]["start"]:m["source"]["end"]] == m["source"]["text"]


def test_html_mentions_point_at_the_page_not_at_the_text_without_its_tags(
        tmp_path: Path) -> None:
    # Inline tags, character references and an attribute naming the same concept stand
    # before the mentions: each mention's offsets must still cut its own text out of the
    # page (they pointed into '</b>' and 'mp;' before), in document order.
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><body>\n"
            "<p><b>SPbPU</b> &amp; <a href=\"https://a.example/\" title=\"Nanjing City Hall "
            "site\">Nanjing City Hall</a> &mdash; signed an agreement in Nanjing.</p>\n"
            "<p><img src=\"x.png\" alt=\"SPbPU in Nanjing\"> SPbPU &laquo;works&raquo;"
            "\n   with Nanjing City Hall.</p>\n</body></html>\n")
    source = tmp_path / "news.html"
    source.write_text(page, encoding="utf-8")
    report = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["translate", str(source), "--from", "en", "--to", "ru",
                                      "-g", str(_glossary(tmp_path)),
                                      "-o", str(tmp_path / "o.html"), "--report", str(report)])
    assert result.exit_code == 0, result.output
    doc = json.loads(report.read_text("utf-8"))["documents"][0]
    jsonschema.validate({"version": 1, "documents": [doc], "complete": True}, SCHEMA)
    places = [(m["concept"], m["source"]) for m in doc["mentions"]]
    assert len(places) == 8, places
    for _concept, src in places:
        assert src["start"] is not None, places
        assert src["text"] in ("SPbPU", "Nanjing", "Nanjing City Hall"), places
        assert page[src["start"]:src["end"]] == src["text"]
        assert src["line"] == page.count("\n", 0, src["start"]) + 1
        assert src["column"] == src["start"] - page.rfind("\n", 0, src["start"])
    starts = [src["start"] for _c, src in places]
    assert starts == sorted(starts)  # the title attribute's mention comes before the link's
    hall = [src["start"] for c, src in places if c == "nanjing_city_hall"]
    assert hall == [page.index("Nanjing City Hall"), page.index(">Nanjing City Hall") + 1,
                    page.rindex("Nanjing City Hall")]


def test_a_traditional_chinese_report_quotes_the_terms_as_written(tmp_path: Path) -> None:
    # zh-Hant is the Simplified translation converted by OpenCC at the end; the report's
    # targets and required terms were the Simplified ones, found nowhere in the output
    glossary = tmp_path / "whu.csv"
    glossary.write_text("concept_id,lang,term\nwhu,en,Wuhan University\nwhu,zh,武汉大学\n",
                        encoding="utf-8")
    source = tmp_path / "in.txt"
    source.write_text("Students of Wuhan University visited SPbPU.\n", encoding="utf-8")
    out, report = tmp_path / "out.txt", tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["translate", str(source), "--from", "en", "--to",
                                      "zh-Hant", "-g", str(glossary), "-o", str(out),
                                      "--report", str(report)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    mentions = json.loads(report.read_text("utf-8"))["documents"][0]["mentions"]
    assert {m["concept"] for m in mentions} >= {"whu", "spbpu"}
    for m in mentions:
        assert m["applied"] and m["target"]["text"] in text, (m, text)
    [whu] = [m for m in mentions if m["concept"] == "whu"]
    assert whu["required"] == whu["target"]["text"] == "武漢大學"


def test_a_traditional_chinese_source_gives_each_mention_its_place(tmp_path: Path) -> None:
    # the mentions are found in the Simplified text MT reads; the report said '武汉大学' with
    # no column for a page that says '武漢大學'
    glossary = tmp_path / "whu.csv"
    glossary.write_text("concept_id,lang,term\nwhu,en,Wuhan University\nwhu,zh,武汉大学\n",
                        encoding="utf-8")
    text = "新聞\n\n<p>聖彼得堡理工大學與<b>武漢大學</b>簽署了協議。</p>\n"
    source = tmp_path / "in.html"
    source.write_text(text, encoding="utf-8")
    report = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["translate", str(source), "--from", "zh-Hant", "--to",
                                      "en", "-g", str(glossary), "-o", str(tmp_path / "o.html"),
                                      "--report", str(report)])
    assert result.exit_code == 0, result.output
    mentions = json.loads(report.read_text("utf-8"))["documents"][0]["mentions"]
    [whu] = [m["source"] for m in mentions if m["concept"] == "whu"]
    assert whu["text"] == "武漢大學" and whu["start"] == text.index("武漢大學")
    assert (whu["line"], whu["column"]) == (3, text.index("武漢大學") - text.rindex("\n", 0, 12))


def test_a_date_is_listed_as_the_source_writes_it(tmp_path: Path) -> None:
    # a date comes back in the target's form (24.06.2026 -> 2026年6月24日); the report
    # listed that form, which the source does not have, as the protected span's text
    source = tmp_path / "in.txt"
    source.write_text("News\n\nSPbPU signed the agreement on 24.06.2026.\n", encoding="utf-8")
    report = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["translate", str(source), "--from", "en", "--to", "zh",
                                      "-o", str(tmp_path / "out.txt"), "--report", str(report)])
    assert result.exit_code == 0, result.output
    dates = [p for p in json.loads(report.read_text("utf-8"))["documents"][0]["protected"]
             if p["kind"] == "date"]
    assert [(p["text"], p["line"]) for p in dates] == [("24.06.2026", 3)]
    assert "2026年6月24日" in (tmp_path / "out.txt").read_text(encoding="utf-8")
