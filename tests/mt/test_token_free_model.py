"""A model that never saw our ｟N｠ tokens (tests/data/models/translate-en_ru-notokens, built by
`python tools/build_demo_models.py --no-tokens en-ru` from the same corpus without them) stands
for a full Argos model: whatever it does with a protected span, the span is put back or reported,
never lost without a word, and no token leaks into the output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.pipeline import resolve_route, translate_text

PACKAGE = Path(__file__).resolve().parents[1] / "data" / "models" / "translate-en_ru-notokens"

SENTENCES = [
    "More information is available at https://example.org/news/2026. "
    "Contact press@spbstu.ru for details.",
    "Students of the Polytechnic University will read config_file.toml and "
    "https://www.spbstu.ru/ today.",
    "Hello {name}, the forum on %(date)s will be held in Nanjing.",
    "The university signed an agreement with JITRI; see https://a.example/x, "
    "https://b.example/y and https://c.example/z.",
]
SPANS = ["https://example.org/news/2026", "press@spbstu.ru", "config_file.toml",
         "https://www.spbstu.ru/", "{name}", "%(date)s", "https://a.example/x",
         "https://b.example/y", "https://c.example/z"]


@pytest.fixture()
def token_free_en_ru(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "packages"
    shutil.copytree(PACKAGE, folder / PACKAGE.name)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder / PACKAGE.name


def test_the_route_takes_the_token_free_package(token_free_en_ru: Path) -> None:
    route = resolve_route("en", "ru")
    assert [p.path for p in route.packages] == [token_free_en_ru]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_protected_span_is_restored_or_reported(token_free_en_ru: Path,
                                                      sentence: str) -> None:
    result = translate_text(sentence, "en", "ru")
    assert "｟" not in result.text and "｠" not in result.text  # no token leaks
    spans = [s for s in SPANS if s in sentence]
    for span in spans:
        assert span in result.text, (span, result.text)  # put back, never lost
    # this model never copies a token, so the spans it dropped are named in a warning
    reported = [s for s in spans
                if any(w.kind == "dropped-span" and s in w.message for w in result.warnings)]
    assert reported, [w.message for w in result.warnings]
