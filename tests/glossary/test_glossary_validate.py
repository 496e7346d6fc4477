"""`validate_glossary`: each problem found, located by file and line or element."""

from __future__ import annotations

from pathlib import Path

from toolkit.glossary import load_glossary
from toolkit.glossary.model import Glossary
from toolkit.glossary.validate import validate_glossary

BAD_CSV = """concept_id,lang,term,term_type,status
alpha,en,Alpha,full,preferred
alpha,ru,Альфа,full,preferred
alpha,en,Alfa,full,preferred
beta,en,Alpha,full,preferred
beta,ru,Бета,full,preferred
gamma,en,Gamma ,full,preferred
gamma,ru,,full,preferred
gamma,en,Alfa,variant,forbidden
delta,en,Delta,full,preferred
epsilon,en,Eps,full,admitted
epsilon,ru,Эпсилон,full,preferred
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_kind_of_problem_with_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.csv", BAD_CSV)
    found = [(f.code, f.concept_id, f.origin.line if f.origin else None)
             for f in validate_glossary(load_glossary([path]))]
    assert sorted(found) == sorted([
        ("GL203", "alpha", 4),   # two preferred en full terms
        ("GL201", "beta", 5),    # Alpha names alpha and beta
        ("GL206", "gamma", 7),   # padded
        ("GL205", "gamma", 8),   # empty
        ("GL204", "gamma", 9),   # Alfa approved for alpha, forbidden for gamma
        ("GL202", "delta", 10),  # no ru term
        ("GL207", "epsilon", 11),  # en terms, none preferred
    ])
    assert all(f.location().startswith(f"{path}:") for f in validate_glossary(
        load_glossary([path])))


def test_tbx_findings_name_the_element(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.tbx", """<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="x"><langSec xml:lang="en">
<termSec><term> X</term></termSec></langSec>
<langSec xml:lang="ru"><termSec><term>Икс</term></termSec></langSec></conceptEntry>
</body></text></tbx>
""")
    [finding] = validate_glossary(load_glossary([path]))
    assert finding.code == "GL206"
    assert finding.location() == (f"{path}:4 (conceptEntry[@id='x']/langSec[@xml:lang='en']"
                                  "/termSec[1])")


def test_dnt_concept_needs_no_other_languages(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.csv", "concept_id,lang,term,dnt\nco,en,GlobalTech IP,yes\n"
                  "city,en,Nanjing,no\ncity,ru,Нанкин,no\n")
    assert validate_glossary(load_glossary([path])) == []


def test_override_between_files_is_reported(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.csv", "concept_id,lang,term\ncity,en,Nanjing\n")
    b = _write(tmp_path, "b.csv", "concept_id,lang,term\ncity,en,Nanking\n")
    [finding] = validate_glossary(load_glossary([a, b]))
    assert (finding.code, finding.origin.path) == ("GL208", str(b))


def test_shipped_glossary_is_clean(shipped: Glossary) -> None:
    assert validate_glossary(shipped) == []
