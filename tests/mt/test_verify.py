"""toolkit.mt.verify: the checks mean something (real demo packages pass, broken ones fail)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.mt import store
from toolkit.mt import verify as V

RU = "Делегацию СПбПУ возглавил ректор Андрей Рудской."
EN = "The SPbPU delegation was headed by Rector Andrei Rudskoy."


def _failed(checks: list[V.Check]) -> list[str]:
    return [c.name for c in checks if not c.ok]


def test_a_good_translation_passes_every_check() -> None:
    checks = V.check_translation(EN, RU, "ru")
    assert [c.name for c in checks] == ["words", "target script", "not a copy",
                                        "no repetition"]
    assert _failed(checks) == []
    assert V.round_trip_check(EN, EN, "en").ok


@pytest.mark.parametrize(("output", "to", "failed"), [
    (EN, "ru", ["target script", "not a copy"]),  # the input handed back
    ("The SPbPU delegation was headed by rector Andrei Rudskoi.", "zh",
     ["target script", "not a copy"]),  # nearly a copy, in the source's script
    ("ректор ректор ректор ректор ректор", "ru", ["no repetition"]),
    ("Делегацию возглавил возглавил возглавил возглавил ректор.", "ru", ["no repetition"]),
    ("代表团代表团代表团代表团代表团", "zh", ["no repetition"]),
    ("Rector Андрей SPbPU delegation headed", "ru", ["target script"]),
    ("....", "ru", ["words", "target script"]),
])
def test_broken_translations_fail_the_right_check(output: str, to: str, failed) -> None:
    assert _failed(V.check_translation(EN, output, to)) == failed


def test_round_trip_that_lost_the_sentence_fails() -> None:
    check = V.round_trip_check(EN, "Copy of the weather is nice today.", "en")
    assert not check.ok and "of the source's character 3-grams came back" in check.detail


def test_shipped_demo_packages_pass_with_a_round_trip(argos_dir: Path, shipped_demo) -> None:
    for pair in ("en_ru", "ru_en", "en_zh", "zh_en"):
        pkg = store.read_package(shipped_demo(pair))
        reverse = store.find_package(pkg.to_code, pkg.from_code)
        result = V.verify_package(pkg, reverse=reverse)
        assert result.ok, result.to_dict()
        assert [c.name for c in result.checks][-1] == "round trip"
        assert result.back and result.to_dict()["checks"][1]["name"] == "target script"


def test_a_package_with_random_weights_fails(argos_dir: Path, make_package) -> None:
    """It loads and answers with words, which is all the old verify asked for."""
    broken = store.read_package(make_package(argos_dir, "ru", "en"))
    result = V.verify_package(broken)
    assert not result.ok and result.output
    assert "target script" in _failed(list(result.checks)), result.to_dict()


def test_verify_reports_a_package_that_does_not_load(argos_dir: Path, make_package) -> None:
    bad = store.read_package(make_package(argos_dir, "en", "ru", corrupt_model=True))
    result = V.verify_package(bad)
    assert not result.ok and result.output is None and result.checks == ()
    assert "cannot load model" in result.error
    assert result.to_dict()["ok"] is False and result.to_dict()["pair"] == "en->ru"


def test_verify_fails_a_model_that_outputs_no_words(argos_dir: Path, make_package) -> None:
    pkg = store.read_package(make_package(argos_dir, "zh", "en", dots_only=True))
    result = V.verify_package(pkg)
    assert not result.ok and set(result.output) == {"."}
    assert result.error.startswith("words: 0 letters")
    assert result.source == V.SAMPLE_SENTENCES["zh"]


def test_loops() -> None:
    from toolkit.mt.verify import loops

    assert loops("took part in the) has St. Petersburg) and) and) and) and) and)", "en")
    assert not loops("smart cities cities cities.", "en")  # three times is no loop yet
    assert not loops("Форум открылся в Нанкине.", "ru")
