"""Fixtures for glossary tests: the shipped glossary, the bundled example, small files."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.glossary import Glossary, load_glossary, shipped_glossary_paths

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shipped() -> Glossary:
    """The entity glossary shipped with the toolkit."""
    return load_glossary(shipped_glossary_paths())


@pytest.fixture(scope="session")
def press_release() -> dict[str, str]:
    """The bundled press release in en, ru and zh (skips if another helper's file is absent)."""
    texts = {}
    for lang in ("en", "ru", "zh"):
        path = EXAMPLES / f"press-release.{lang}.md"
        if not path.exists():
            pytest.skip(f"{path} not present")
        texts[lang] = path.read_text(encoding="utf-8")
    return texts


@pytest.fixture()
def data_dir() -> Path:
    """Golden and malformed glossary files."""
    return DATA
