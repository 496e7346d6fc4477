"""bench/terms.py counts the model's work (sentences decoded and scored) at the engine."""

from __future__ import annotations

from types import ModuleType

from toolkit.mt.engine import EngineSettings
from toolkit.mt.store import find_package
from toolkit.mt.translator import translator_for


def test_model_work_counts_each_leg_and_puts_the_engine_back(bench_terms: ModuleType) -> None:
    bench = bench_terms
    packages = [find_package("ru", "en"), find_package("en", "zh")]
    translator = translator_for(packages, EngineSettings(intra_threads=1))  # type: ignore[arg-type]
    sources = ["Форум пройдёт в Нанкине.", "СПбПУ подписал соглашение."]

    def run() -> None:
        translator.translate(sources)
        translator.score(sources[:1], ["论坛将在南京举行。", "论坛。"])

    work = bench._model_work(translator, run)
    assert work["decoded"] == 2 * len(sources)  # each leg (the score reuses the middle)
    assert work["scored"] == 2 and work["pieces"] > 0
    assert "decode" not in vars(translator.first.engine)  # the engine's own method again
    assert "score" not in vars(translator.second)
