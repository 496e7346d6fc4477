"""The CTranslate2 engine through the real demo packages (ctranslate2 + sentencepiece)."""

from __future__ import annotations

import re

import pytest

from toolkit.mt.engine import (
    MAX_WORKERS,
    Engine,
    EngineSettings,
    _cores,
    get_engine,
    tidy_output,
)
from toolkit.mt.store import find_package

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
        self.results: list[list] = []

    def translate_batch(self, batch: list[list[str]], **options: object) -> object:
        self.calls.append((batch, options))
        results = self.real.translate_batch(batch, **options)  # type: ignore[attr-defined]
        # The engine asks for asynchronous results (to stay interruptible): keep them resolved.
        self.results.append([r.result() for r in results] if options.get("asynchronous")
                            else results)
        return results


def test_translates_into_russian(en_ru: Engine) -> None:
    (out,) = en_ru.translate(["The university signed an agreement with JITRI."])
    assert CYRILLIC.search(out), out
    assert "JITRI" in out


def test_one_batched_call_for_all_unique_sentences(en_ru: Engine) -> None:
    sentences = ["Nanjing is a city in China.", "", "The forum opened today.",
                 "Nanjing is a city in China.", "  The forum opened today.  "]
    out, spy = _translate_spied(en_ru, sentences)
    assert len(spy.calls) == 1
    batch, options = spy.calls[0]
    assert len(batch) == 2  # duplicates and blanks sent once / not at all
    assert [len(b) for b in batch] == sorted(len(b) for b in batch)
    assert options["batch_type"] == "tokens"
    assert options["max_input_length"] == 0
    assert options["max_decoding_length"] > len(batch[-1])
    assert out[0] == out[3] and out[2] == out[4] and out[1] == ""


LONG_SENTENCE = ", and ".join(["the university signed an agreement with the institute"] * 12) + "."


def _translate_spied(engine: Engine, sentences: list[str]) -> tuple[list[str], CountingTranslator]:
    engine._load()
    spy = CountingTranslator(engine._translator)
    engine._translator = spy
    try:
        return engine.translate(sentences), spy
    finally:
        engine._translator = spy.real


def test_long_sentence_is_cut_into_pieces_the_model_can_take(en_ru: Engine) -> None:
    (out,), spy = _translate_spied(en_ru, [LONG_SENTENCE])
    limit = en_ru._source_limit()
    assert limit and len(en_ru.tokenize([LONG_SENTENCE])[0]) > limit
    # one call, or one per worker when several translate side by side
    assert 1 <= len(spy.calls) <= en_ru.settings.threads()[0]
    batch = [unit for units, _options in spy.calls for unit in units]
    options = spy.calls[0][1]
    assert len(batch) > 1 and all(len(unit) <= limit for unit in batch)
    assert options["max_decoding_length"] > max(len(unit) for unit in batch)
    # Nothing is cut off: every piece came back translated and is in the output.
    pieces = en_ru.detokenize([r.hypotheses[0] for r in spy.results[0]])
    assert all(pieces) and all(piece in out for piece in pieces)
    assert CYRILLIC.search(out)


def test_position_limit_is_learnt_from_the_model_when_metadata_lacks_it() -> None:
    from dataclasses import replace

    package = find_package("en", "ru")
    assert package is not None
    meta = {k: v for k, v in package.metadata.items() if k != "max_positions"}
    engine = Engine(replace(package, metadata=meta), EngineSettings(inter_threads=1))
    assert engine._source_limit() == 0
    (out,), spy = _translate_spied(engine, [LONG_SENTENCE])
    assert len(spy.calls) == 2  # the first call hits the limit, the second fits
    assert engine._source_limit() > 0
    assert len(spy.calls[1][0]) > 1
    assert all(piece in out for piece in engine.detokenize(
        [r.hypotheses[0] for r in spy.results[0]]))


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
    with pytest.raises(ConfigError, match="TOOLKIT_BEAM_SIZE=many: beam-size must be a whole"):
        EngineSettings.load(env={"TOOLKIT_BEAM_SIZE": "many"})


def _corpus(lang_column: int, count: int) -> list[str]:
    from pathlib import Path

    tsv = Path(__file__).resolve().parents[2] / "tools" / "demo_corpus" / "en-ru.tsv"
    lines = tsv.read_text(encoding="utf-8").splitlines()
    texts = [line.split("\t")[lang_column].strip() for line in lines if "\t" in line]
    return list(dict.fromkeys(t for t in texts if t and "｟" not in t))[:count]


def test_progress_is_real_and_output_unchanged() -> None:
    """Chunks of the sorted job report progress as they finish; the text is the same as one
    translate_batch call over the whole job gives (byte for byte)."""
    package = find_package("en", "ru")
    assert package is not None
    engine = Engine(package, EngineSettings(max_batch_tokens=512))
    sentences = _corpus(0, 120)
    calls: list[tuple[int, int]] = []
    out = engine.translate(sentences, progress=lambda done, total: calls.append((done, total)))
    total = len(sentences)
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert len(calls) > 4  # several chunks, each reported when it is done
    counts = [done for done, _ in calls]
    assert counts == sorted(counts) and len(set(counts)) == len(counts)
    # The same job as ONE translate_batch over the sorted sentences, as before the chunks.
    engine._load()
    pieces = sorted(engine.tokenize(sentences), key=len)
    one_call = engine._translator.translate_batch(
        pieces, max_batch_size=512, batch_type="tokens", beam_size=2, max_input_length=0,
        max_decoding_length=max(32, 3 * len(pieces[-1]) + 16))
    by_source = dict(zip(map(tuple, pieces), engine.detokenize(
        [r.hypotheses[0] for r in one_call]), strict=True))
    expected = [by_source[tuple(p)] for p in engine.tokenize(sentences)]
    assert out == expected
    assert engine.translate(sentences) == out  # no progress callback: the same text


def test_model_that_loads_but_cannot_translate_is_a_model_error(tmp_path) -> None:
    """Found by tools/fuzz_cli.py (archive family): a package whose model/config.json lacks
    decoder_start_token installs (the model loads), then every translation raised
    CTranslate2's ValueError (a traceback)."""
    import json
    import shutil

    demo = find_package("en", "ru")
    assert demo is not None
    pkg = tmp_path / "packages" / "translate-en_ru-2_0"
    shutil.copytree(demo.path, pkg)
    meta = json.loads((pkg / "metadata.json").read_text(encoding="utf-8"))
    meta.update(demo=False, package_version="2.0")
    (pkg / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    config = json.loads((pkg / "model" / "config.json").read_text(encoding="utf-8"))
    del config["decoder_start_token"]  # what the fuzzer's mutated key amounted to
    (pkg / "model" / "config.json").write_text(json.dumps(config), encoding="utf-8")
    # in its own process: CTranslate2 failing every batch once brought the whole test run
    # down with a segmentation fault (about 1 full run in 10, never alone)
    import os
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "translate", "--from", "en", "--to", "ru",
         "--no-glossary"], input="Hello.", capture_output=True, text=True, timeout=120,
        env={**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "packages")})
    assert proc.returncode == 2, proc.stderr
    assert "translation failed" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(("inter", "intra", "expected"), [
    (None, None, (min(_cores(), MAX_WORKERS), 1)),   # by job size
    (None, 0, (1, 0)),                               # TOOLKIT_THREADS=0: all cores, as before
    (None, 3, (1, 3)),
    (2, None, (2, 1)),
    (2, 2, (2, 2)),
])
def test_threads_follow_the_job_unless_configured(inter: int | None, intra: int | None,
                                                  expected: tuple[int, int]) -> None:
    assert EngineSettings(inter_threads=inter, intra_threads=intra).threads() == expected


def test_a_large_job_is_shared_between_workers_and_translates_the_same() -> None:
    """Two workers side by side: the job goes out as a chunk per worker, and the output is
    byte for byte that of one worker."""
    package = find_package("en", "ru")
    assert package is not None
    sentences = [f"The forum number {i} will be held in Nanjing." for i in range(60)]
    one = Engine(package, EngineSettings(inter_threads=1, intra_threads=1))
    two = Engine(package, EngineSettings(inter_threads=2, intra_threads=1))
    out_two, spy = _translate_spied(two, sentences)
    assert len(spy.calls) >= 2
    assert out_two == one.translate(sentences)


def test_a_small_job_is_one_batch_whatever_the_workers() -> None:
    package = find_package("en", "ru")
    assert package is not None
    engine = Engine(package, EngineSettings(inter_threads=4, intra_threads=1))
    _out, spy = _translate_spied(engine, ["The forum will be held in Nanjing."])
    assert len(spy.calls) == 1


# --- long unbroken runs -------------------------------------------------------------------

ZH_RUN = ("南京大学与圣彼得堡理工大学签署合作协议双方将共同建设联合实验室并开展学生交流项目"
          "江苏省产业技术研究院代表团访问了学校并参观了新的技术园区") * 20


def test_a_long_chinese_run_goes_to_the_model_in_sentence_sized_chunks() -> None:
    """1,400 Han characters without punctuation: cut to CHUNK_PIECES pieces a chunk (the
    position limit's 150-piece chunks came back as a dozen pieces each: the rest dropped)."""
    from toolkit.mt.engine import CHUNK_PIECES

    package = find_package("zh", "en")
    assert package is not None
    engine = Engine(package, EngineSettings())
    (out,), spy = _translate_spied(engine, [ZH_RUN])
    batch = [unit for units, _options in spy.calls for unit in units]
    assert len(batch) > 1 and all(len(unit) <= CHUNK_PIECES for unit in batch)
    assert sum(map(len, batch)) >= len(engine.tokenize([ZH_RUN])[0])  # nothing left out
    assert len(out.split()) > 150 and not HAN.search(out)  # 150-piece chunks gave ~80


def test_a_sentence_with_a_long_run_keeps_its_words_around_it(en_ru: Engine) -> None:
    from toolkit.mt.engine import CHUNK_PIECES

    run = "南京大学签署合作协议" * 30
    (out,), spy = _translate_spied(en_ru, [f"The forum {run} opened today."])
    units = [unit for batch, _options in spy.calls for unit in batch]
    texts = [en_ru._sp.decode(unit) for unit in units]
    assert "The forum" in texts and "opened today." in texts  # the words around, on their own
    assert len(units) > 3 and all(len(unit) <= CHUNK_PIECES for unit in units)


def test_a_hypothesis_that_reaches_the_decoding_limit_is_decoded_again_wider() -> None:
    """Found by a new user's trial: zh->en '双方将建立联合实验室。' (6 source pieces) came out
    '... will create a jo': the limit (3 x the longest source + 16 pieces, per batch) cut the
    demo model's long output mid-word; in a document with a longer sentence it was whole."""
    package = find_package("zh", "en")
    assert package is not None and package.demo
    engine = Engine(package, EngineSettings())
    sentence = "双方将建立联合实验室。"
    engine._load()
    (pieces,) = engine.tokenize([sentence])
    options = engine.options([pieces])
    raw = engine._translator.translate_batch([pieces], **options)[0].hypotheses[0]
    assert len(raw) == options["max_decoding_length"]  # the case: cut by the limit
    wide = engine._translator.translate_batch(
        [pieces], **dict(options, max_decoding_length=2 * options["max_decoding_length"]))
    whole = engine.detokenize([wide[0].hypotheses[0]])[0]
    assert len(wide[0].hypotheses[0]) < 2 * options["max_decoding_length"]
    assert engine.translate([sentence]) == [whole]
    assert whole.endswith(".") and whole.startswith(engine.detokenize([raw])[0])
