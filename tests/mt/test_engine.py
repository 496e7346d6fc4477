"""The CTranslate2 engine through the real demo packages (ctranslate2 + sentencepiece)."""

from __future__ import annotations

import re

import pytest

from toolkit.mt.engine import Engine, EngineSettings, get_engine, tidy_output
from toolkit.mt.packages import find_package

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def en_ru() -> Engine:
    package = find_package("en", "ru")
    assert package is not None and package.demo
    return Engine(package, EngineSettings())


class CountingTranslator:
    """Delegates to the real Translator and records each call's batch and options."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.calls: list[tuple[list[list[str]], dict]] = []

    def translate_batch(self, batch: list[list[str]], **options: object) -> object:
        self.calls.append((batch, options))
        return self.real.translate_batch(batch, **options)  # type: ignore[attr-defined]


def test_translates_into_russian(en_ru: Engine) -> None:
    (out,) = en_ru.translate(["The university signed an agreement with JITRI."])
    assert CYRILLIC.search(out), out
    assert "JITRI" in out


def test_one_batched_call_for_all_unique_sentences(en_ru: Engine) -> None:
    en_ru._load()
    spy = CountingTranslator(en_ru._translator)
    en_ru._translator = spy
    try:
        sentences = ["Nanjing is a city in China.", "", "The forum opened today.",
                     "Nanjing is a city in China.", "  The forum opened today.  "]
        out = en_ru.translate(sentences)
    finally:
        en_ru._translator = spy.real
    assert len(spy.calls) == 1
    batch, options = spy.calls[0]
    assert len(batch) == 2  # duplicates and blanks sent once / not at all
    assert [len(b) for b in batch] == sorted(len(b) for b in batch)
    assert options["batch_type"] == "tokens"
    assert options["max_input_length"] == 0
    assert options["max_decoding_length"] > len(batch[-1])
    assert out[0] == out[3] and out[2] == out[4] and out[1] == ""


def test_long_sentence_is_not_cut(en_ru: Engine) -> None:
    clauses = ["the university signed an agreement with the institute"] * 12
    long_sentence = ", and ".join(clauses) + "."
    en_ru._load()
    spy = CountingTranslator(en_ru._translator)
    en_ru._translator = spy
    try:
        (out,) = en_ru.translate([long_sentence])
    finally:
        en_ru._translator = spy.real
    source_len = len(spy.calls[-1][0][0])
    assert spy.calls[-1][1]["max_decoding_length"] >= 2 * source_len
    assert len(out.split()) > len(long_sentence.split()) / 3


def test_underscores_survive_sentencepiece_decoding(en_ru: Engine) -> None:
    pieces = en_ru.tokenize(["open config_file_name.txt"])[0]
    assert en_ru.detokenize([pieces])[0] == "open config_file_name.txt"


def test_engine_is_cached_per_package_and_settings() -> None:
    package = find_package("en", "zh")
    assert package is not None
    settings = EngineSettings(beam_size=1)
    assert get_engine(package, settings) is get_engine(package, settings)
    assert get_engine(package, settings) is not get_engine(package, EngineSettings(beam_size=2))


def test_chinese_output_has_no_spaces_between_han() -> None:
    package = find_package("en", "zh")
    assert package is not None
    (out,) = get_engine(package).translate(["The university signed an agreement with JITRI."])
    assert HAN.search(out), out
    assert not re.search(r"[\u4e00-\u9fff，。] +[\u4e00-\u9fff，。]", out), out


def test_tidy_output_keeps_spaces_around_latin_in_chinese() -> None:
    assert tidy_output("南京 是 GlobalTech IP 的 伙伴 。", "zh") == "南京是 GlobalTech IP 的伙伴。"
    assert tidy_output(" Нанкин — город. ", "ru") == "Нанкин — город."


def test_settings_from_env_and_pyproject(tmp_path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.toolkit.translate]\nbeam-size = 4\ndevice = 'cpu'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert EngineSettings.load(env={}).beam_size == 4
    assert EngineSettings.load(env={"TOOLKIT_BEAM_SIZE": "1"}).beam_size == 1


def test_bad_setting_is_a_config_error(tmp_path, monkeypatch) -> None:
    from toolkit.errors import ConfigError

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="beam_size"):
        EngineSettings.load(env={"TOOLKIT_BEAM_SIZE": "many"})
