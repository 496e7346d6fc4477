"""Model rules: defaults, preferred-term lookup, suggestions, merge semantics."""

from __future__ import annotations

import pytest

from toolkit.errors import GlossaryError, LanguageError
from toolkit.glossary.model import Concept, Glossary, Term, merge


def test_term_normalises_codes_and_aliases() -> None:
    term = Term("南京", "zh-Hant", type="fullForm", status="preferredTerm-admn-sts",
                pos="propernoun", gender="m")
    assert (term.lang, term.type, term.status, term.pos, term.gender) == (
        "zh", "full", "preferred", "properNoun", "masculine")


@pytest.mark.parametrize("text, kind, dnt, expected", [
    ("SPbPU", "acronym", False, True), ("GlobalTech IP", "full", True, True),
    ("GlobalTech", "full", False, True), ("Nanjing", "full", False, False),
    ("technology park", "full", False, False),
])
def test_case_sensitivity_default(text: str, kind: str, dnt: bool, expected: bool) -> None:
    assert Term(text, "en", type=kind, dnt=dnt).case_sensitive is expected
    assert Term(text, "en", type=kind, dnt=dnt, case_sensitive=not expected).case_sensitive \
        is (not expected)


def test_bad_values_raise() -> None:
    with pytest.raises(GlossaryError, match="unknown status"):
        Term("x", "en", status="approved")
    with pytest.raises(LanguageError):
        Term("x", "de")
    with pytest.raises(GlossaryError, match="bad concept id"):
        Concept("two words")
    with pytest.raises(GlossaryError, match="duplicate concept id"):
        Glossary((Concept("a"), Concept("a")))


def test_preferred_and_suggestion(shipped: Glossary) -> None:
    spbpu = shipped.get("spbpu")
    assert spbpu.preferred("en").text == "Peter the Great St. Petersburg Polytechnic University"
    assert spbpu.preferred("ru", "acronym").text == "СПбПУ"
    assert spbpu.preferred("zh", "acronym") is None
    assert spbpu.preferred("zh", None).text == "圣彼得堡彼得大帝理工大学"
    assert [t.text for t in spbpu.terms_for("zh_CN")][:2] == ["圣彼得堡彼得大帝理工大学",
                                                              "圣彼得堡理工大学"]
    gt = shipped.get("globaltech_ip")
    assert gt.dnt
    nanking = shipped.get("nanjing").terms_for("en")[1]
    assert shipped.get("nanjing").suggestion("en", like=nanking).text == "Nanjing"


def test_dnt_term_stands_in_for_missing_language() -> None:
    concept = Concept("co", (Term("GlobalTech IP", "en", dnt=True),))
    assert concept.preferred("zh").text == "GlobalTech IP"


def test_merge_overrides_in_place_and_keeps_order() -> None:
    a = Glossary((Concept("x", (Term("X", "en"),)), Concept("y", (Term("Y", "en"),))))
    b = Glossary((Concept("x", (Term("Ex", "en"),)), Concept("z", (Term("Z", "en"),))))
    merged = merge([a, b])
    assert [c.id for c in merged] == ["x", "y", "z"]
    assert merged.get("x").preferred("en").text == "Ex"
    assert [c.kind for c in merged.conflicts] == ["override"]
    assert merge([a, a]).conflicts == ()


def test_terms_are_grouped_by_language_in_first_seen_order() -> None:
    concept = Concept("x", (Term("A", "en"), Term("Б", "ru"), Term("C", "en", status="admitted")))
    assert [t.text for t in concept.terms] == ["A", "C", "Б"]


def test_closest_concept_suggests_by_id_or_term_text() -> None:
    from toolkit.glossary import load_glossary, shipped_glossary_paths
    from toolkit.glossary.model import closest_concept

    gl = load_glossary(shipped_glossary_paths())
    assert closest_concept(gl, "Nanking") == "nanjing"
    assert closest_concept(gl, "spbu") == "spbpu"
    assert closest_concept(gl, "Политех") == "spbpu"
    assert closest_concept(gl, "zzzqqq") is None


def test_show_unknown_concept_says_did_you_mean() -> None:
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    result = CliRunner().invoke(cli, ["glossary", "show", "Nanking"])
    assert result.exit_code == 2
    assert "did you mean 'nanjing'" in result.stderr
