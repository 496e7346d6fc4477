"""Every rule's pass/fail cases from rule_cases.toml, one generated test per case."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import catalog_text, entry_text, header_for, run, write_catalog

from toolkit.lint import RULES

CASES = tomllib.loads((Path(__file__).parent / "rule_cases.toml").read_text("utf-8"))["case"]
_SETTING_KEYS = {"min-translated": "min_translated", "max-obsolete": "max_obsolete",
                 "accelerator": "accelerator"}


def _case_id(case: dict) -> str:
    return f"{case['rule']}-{case['expect']}-{case['name']}"


def _build(case: dict, root: Path) -> Path:
    lang = case.get("lang")
    if "raw" in case:
        data = case["raw"].encode("utf-8") + bytes.fromhex(case.get("tail_hex", ""))
        return write_catalog(root, lang, data)
    entry = entry_text(case["msgid"], case.get("msgstr"), msgid_plural=case.get("msgid_plural"),
                       msgstr_plural=case.get("msgstr_plural"), flags=case.get("flags"),
                       comments=case.get("comments"), msgctxt=case.get("msgctxt"))
    header = case.get("header")
    if "header_lang" in case:
        header = header_for(case["header_lang"])
    return write_catalog(root, lang, catalog_text(lang, [entry], header))


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_rule_case(case: dict, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    path = _build(case, tmp_path)
    settings = {_SETTING_KEYS[k]: v for k, v in case.get("config", {}).items()}
    code = case["rule"]
    settings["select"] = (code,)
    if case.get("glossary"):
        settings["glossary"] = request.getfixturevalue("shipped_glossary")
    report = run([path], **settings)
    hits = [f for f in report.findings if f.code == code]
    assert all(f.code == code for f in report.findings)
    if case["expect"] == "pass":
        assert hits == [], [f.message for f in hits]
        return
    assert hits, f"{code} did not fire"
    if "message" in case:
        assert any(case["message"] in f.message for f in hits), [f.message for f in hits]
    if "severity" in case:
        assert any(f.severity.value == case["severity"] for f in hits), [
            (f.severity.value, f.message) for f in hits]
    if "line" in case:
        assert any(f.line == case["line"] for f in hits), [(f.line, f.message) for f in hits]


def test_every_rule_has_pass_and_fail_cases() -> None:
    kinds: dict[str, set[str]] = {}
    for case in CASES:
        kinds.setdefault(case["rule"], set()).add(case["expect"])
    missing = {code: {"pass", "fail"} - kinds.get(code, set()) for code in RULES}
    assert {c: k for c, k in missing.items() if k} == {}
