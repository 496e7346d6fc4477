"""The shipped entity glossary: one copy, reachable from the repo and from the package."""

from __future__ import annotations

from pathlib import Path

from toolkit.glossary import shipped_glossary_paths
from toolkit.glossary.model import Glossary

REPO = Path(__file__).resolve().parents[2]


def test_repo_glossaries_dir_is_the_package_copy() -> None:
    [packaged] = shipped_glossary_paths()
    repo_copy = REPO / "glossaries" / "entities.csv"
    assert repo_copy.read_bytes() == packaged.read_bytes()
    assert packaged.is_relative_to(REPO / "toolkit" / "data" / "glossaries")


def test_every_domain_entity_in_three_languages(shipped: Glossary) -> None:
    expected = {"spbpu", "rcia", "jitri", "globaltech_ip", "ingria", "iidf", "nanjing",
                "jiangsu", "nanjing_stb", "most_prc", "st_petersburg", "rudskoy", "arseniev",
                "wang_lei", "nanjing_innovation_week", "rc_innovation_forum"}
    assert {c.id for c in shipped} == expected
    for concept in shipped:
        for lang in ("en", "ru", "zh"):
            assert concept.preferred(lang) is not None, (concept.id, lang)


def test_known_wrong_variants_are_rejected(shipped: Glossary) -> None:
    rejected = {(c.id, t.lang, t.text) for c, t in shipped.terms() if not t.approved}
    assert {("spbpu", "en", "SPBPU"), ("spbpu", "en", "SPbSPU"),
            ("spbpu", "en", "St. Petersburg State Polytechnic University"),
            ("spbpu", "zh", "圣彼得堡国立理工大学"), ("nanjing", "en", "Nanking"),
            ("nanjing", "ru", "Наньцзин")} <= rejected


def test_globaltech_is_do_not_translate_everywhere(shipped: Glossary) -> None:
    concept = shipped.get("globaltech_ip")
    assert all(t.dnt and t.text == "GlobalTech IP" for t in concept.terms)
