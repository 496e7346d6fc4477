"""A model that never saw our ｟N｠ tokens (tests/data/models/translate-en_ru-notokens, built by
`python tools/build_demo_models.py --no-tokens en-ru` from the same corpus without them) stands
for a full Argos model: whatever it does with a protected span, the span is put back or reported,
never lost without a word, and no token leaks into the output."""

from __future__ import annotations

import re
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
    # this model never copies a token: every span was placed by the toolkit and says so
    for span in spans:
        assert any(w.kind in ("placed-span", "dropped-span") and span in w.message
                   for w in result.warnings), (span, [w.message for w in result.warnings])


def test_the_probe_tells_a_token_free_model_from_one_that_copies_tokens(
        token_free_en_ru: Path) -> None:
    from toolkit.mt.engine import EngineSettings, get_engine
    from toolkit.mt.probe import copies_tokens
    from toolkit.mt.store import demo_models_dir, read_package

    settings = EngineSettings(intra_threads=1)
    assert not copies_tokens(get_engine(read_package(token_free_en_ru), settings))
    demo = read_package(demo_models_dir() / "translate-en_ru-demo")
    assert copies_tokens(get_engine(demo, settings))


def test_no_token_reaches_a_model_that_never_saw_one(token_free_en_ru: Path) -> None:
    from toolkit.mt.engine import get_engine
    from toolkit.mt.store import read_package

    engine = get_engine(read_package(token_free_en_ru))
    engine._load()
    real, sent = engine._translator, []

    class Spy:
        def translate_batch(self, batch, **options):  # type: ignore[no-untyped-def]
            sent.extend(batch)
            return real.translate_batch(batch, **options)

    from toolkit.mt import probe

    probe.copies_tokens(engine)  # the probe itself is the one place tokens go
    engine._translator = Spy()
    try:
        result = translate_text(SENTENCES[2], "en", "ru")
    finally:
        engine._translator = real
    # (this model's SentencePiece spells an unknown ｟ in bytes: look at the decoded text)
    assert sent and not any("｟" in engine._sp.decode(pieces) for pieces in sent)
    assert "{name}" in result.text and "%(date)s" in result.text


@pytest.mark.parametrize(("sentence", "placed"), [
    # the span follows the translation of the word before it ...
    ("The summer school in Harbin, https://hit.edu.cn/summer, accepts students from Russia.",
     r"Харбин\w* https://hit\.edu\.cn/summer "),
    ("Function get_term_list() returns every approved term.", r"^Функция get_term_list "),
    # ... or replaces the link the model wrote there instead of the one it never saw
    ("Send your application to apply@jitri.cn or call the press office.",
     r"по адресу apply@jitri\.cn\.$"),
    ("The programme of the forum is published at https://forum.spbstu.ru/program.",
     r"опубликована по адресу https://forum\.spbstu\.ru/program\.$"),
])
def test_spans_come_back_next_to_the_translation_of_their_neighbours(
        token_free_en_ru: Path, sentence: str, placed: str) -> None:
    """Before: every span of this model went to the end of its sentence."""
    result = translate_text(sentence, "en", "ru")
    assert re.search(placed, result.text), result.text
    assert not any(w.kind in ("dropped-span", "invented-link") for w in result.warnings)
