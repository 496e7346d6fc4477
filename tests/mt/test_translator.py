"""The Translator seam over the real demo packages: n-best, scores, alignment, pivot."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.mt.engine import Engine, EngineSettings
from toolkit.mt.store import find_package
from toolkit.mt.translator import (
    CTranslate2Translator,
    Hypothesis,
    PivotTranslator,
    Translator,
    _char_spans,
    _piece_spans,
    translator_for,
)

SETTINGS = EngineSettings(intra_threads=1)


@pytest.fixture(scope="module")
def en_ru() -> CTranslate2Translator:
    package = find_package("en", "ru")
    assert package is not None
    return CTranslate2Translator(package, SETTINGS)


def test_is_a_translator(en_ru: CTranslate2Translator) -> None:
    assert isinstance(en_ru, Translator)
    assert (en_ru.source, en_ru.target) == ("en", "ru")


def test_n_best_are_distinct_and_ordered_by_score(en_ru: CTranslate2Translator) -> None:
    [hyps] = en_ru.translate(["The forum will be held in Nanjing."], num_hypotheses=4)
    assert len(hyps) == 4
    assert len({h.text for h in hyps}) == 4
    scores = [h.score for h in hyps]
    assert scores == sorted(scores, reverse=True)
    assert "Нанкин" in hyps[0].text


def test_best_hypothesis_is_the_engines_translation(en_ru: CTranslate2Translator) -> None:
    sentence = "SPbPU signed an agreement with Fudan University."
    [hyps] = en_ru.translate([sentence], num_hypotheses=1)
    assert hyps[0].text == en_ru.engine.translate([sentence])[0]


def test_score_prefers_the_models_own_translation(en_ru: CTranslate2Translator) -> None:
    source = "The forum will be held in Nanjing."
    best = en_ru.translate([source])[0][0].text
    broken = best.replace("Нанкине", "Нанкин")
    assert broken != best
    good, bad = en_ru.score([source, source], [best, broken])
    assert good < 0 and good > bad


def test_alignment_spans_point_into_the_texts(en_ru: CTranslate2Translator) -> None:
    source = "SPbPU signed an agreement with Fudan University."
    [[hyp]] = en_ru.translate([source], return_alignment=True)
    assert len(hyp.alignment) == len(hyp.target_spans) > 0
    assert all(0 <= s <= e <= len(source) for s, e in hyp.source_spans)
    assert all(0 <= s <= e <= len(hyp.text) for s, e in hyp.target_spans)
    assert all(-1 <= i < len(hyp.source_spans) for i in hyp.alignment)
    # the acronym is copied and aligned to itself
    span = hyp.aligned(0, 5)
    assert span is not None and hyp.text[span[0]:span[1]] == "СПбПУ"


def test_chinese_spans_survive_the_tidying_of_spaces() -> None:
    package = find_package("en", "zh")
    assert package is not None
    [[hyp]] = CTranslate2Translator(package, SETTINGS).translate(
        ["SPbPU signed an agreement with Fudan University."], return_alignment=True)
    assert " " not in hyp.text
    assert all(0 <= s <= e <= len(hyp.text) for s, e in hyp.target_spans)
    assert hyp.target_spans[-1][1] == len(hyp.text)


def test_pivot_composes_two_translators_and_their_alignment() -> None:
    first, second = find_package("ru", "en"), find_package("en", "zh")
    assert first is not None and second is not None
    pivot = translator_for([first, second], SETTINGS)
    assert isinstance(pivot, PivotTranslator)
    assert (pivot.source, pivot.target) == ("ru", "zh")
    source = "Делегацию СПбПУ возглавил ректор Андрей Рудской."
    [hyps] = pivot.translate([source], num_hypotheses=2, return_alignment=True)
    assert "鲁德斯科伊" in hyps[0].text
    assert hyps[0].source_spans and max(e for _s, e in hyps[0].source_spans) <= len(source)
    assert all(-1 <= i < len(hyps[0].source_spans) for i in hyps[0].alignment)
    [score] = pivot.score([source], [hyps[0].text])
    assert score < 0


def test_pivot_refuses_a_broken_chain(en_ru: CTranslate2Translator) -> None:
    with pytest.raises(ValueError, match="cannot pivot"):
        PivotTranslator(en_ru, en_ru)


def test_aligned_and_insertion_point_on_a_hand_made_hypothesis() -> None:
    # source "a b c" -> target "X Y Z" with b -> Z and c -> Y
    hyp = Hypothesis("X Y Z", 0.0, ((0, 1), (2, 3), (4, 5)), ((0, 1), (2, 3), (4, 5)),
                     (0, 2, 1))
    assert hyp.aligned(2, 3) == (4, 5)
    assert hyp.aligned(2, 5) == (2, 5)
    assert hyp.insertion_point(4, 5) == 5      # after what b became
    # nothing before a: before what the next word b became
    assert hyp.insertion_point(0, 1) == 4
    assert Hypothesis("X Y Z", 0.0, ((0, 1),), ((0, 1),), (0,)).insertion_point(0, 0) == 0
    assert Hypothesis("X").aligned(0, 1) is None


def test_insertion_point_snaps_to_word_boundaries_and_skips_punctuation() -> None:
    # source "see it now." -> target "смотри-ка это сейчас." (see -> "смот", it -> "это",
    # now -> "сейчас"; the "." piece attended to "see": punctuation anchors nothing)
    source = "see it now."
    hyp = Hypothesis("смотри-ка это сейчас.", 0.0, ((0, 3), (4, 6), (7, 10), (10, 11)),
                     ((0, 4), (4, 9), (10, 13), (14, 20), (20, 21)), (0, -1, 1, 2, 0), source)
    assert hyp.insertion_point(4, 6) == 9        # after the whole word "смотри-ка"
    assert hyp.insertion_point(0, 3) == 10       # nothing before: before what "it" became
    assert hyp.insertion_point(11, 11) == 20     # it ended the sentence: before the stop
    assert hyp.insertion_point(3, 4) == 9


def test_insertion_point_tries_the_next_neighbours_out() -> None:
    # "a b X c": b and c went nowhere, a -> "А": X goes after "А" rather than nowhere
    source = "a b X c"
    hyp = Hypothesis("А В", 0.0, ((0, 1), (2, 3), (4, 5), (6, 7)), ((0, 1), (2, 3)), (0, -1),
                     source)
    assert hyp.insertion_point(4, 5) == 1


def test_a_sentence_too_long_for_the_model_is_cut_by_the_engine(en_ru: CTranslate2Translator
                                                                ) -> None:
    long = " ".join(["SPbPU signed an agreement with Fudan University, and"] * 12) + " so on."
    short = "The forum will be held in Nanjing."
    [[cut], hyps] = en_ru.translate([long, short], num_hypotheses=2, return_alignment=True)
    assert cut.text == en_ru.engine.translate([long])[0]
    assert not cut.alignment  # the engine's path: cut into pieces the model can take
    assert len(hyps) == 2 and hyps[0].alignment


def test_translator_decodes_with_the_engines_options(en_ru: CTranslate2Translator) -> None:
    """One place builds translate_batch's options: what the translator sends is exactly what
    Engine.options gives for that batch (plus the hypotheses asked for)."""
    engine = en_ru.engine
    engine._load()
    real, calls = engine._translator, []

    class Spy:
        def translate_batch(self, batch, **options):  # type: ignore[no-untyped-def]
            calls.append((batch, options))
            return real.translate_batch(batch, **options)

    engine._translator = Spy()
    try:
        en_ru.translate(["The forum will be held in Nanjing."], num_hypotheses=3,
                        return_alignment=True)
    finally:
        engine._translator = real
    [(batch, options)] = calls
    assert options.pop("asynchronous") is True
    assert options == engine.options(batch, num_hypotheses=3, return_scores=True,
                                     return_attention=True)
    assert options["beam_size"] >= 3


LONG = ", and ".join(["the university signed an agreement with the institute"] * 12) + "."


def _without_position_limit() -> CTranslate2Translator:
    """The demo en->ru package with max_positions taken out of its metadata (its own engine)."""
    from dataclasses import replace

    package = find_package("en", "ru")
    assert package is not None
    meta = {k: v for k, v in package.metadata.items() if k != "max_positions"}
    package = replace(package, metadata=meta)
    return CTranslate2Translator(package, SETTINGS, engine=Engine(package, SETTINGS))


def test_translator_learns_the_position_limit_like_the_engine() -> None:
    """A package whose metadata lacks max_positions: the first long sentence makes the model
    name its limit; the translator fits the sentence and answers instead of failing."""
    translator = _without_position_limit()
    long = LONG
    [[hyp]] = translator.translate([long], return_alignment=True)
    assert translator.engine._source_limit() > 0
    assert len(hyp.text) > 100


def test_align_gives_the_models_own_output_its_own_alignment(
        en_ru: CTranslate2Translator) -> None:
    """Forced decoding of the model's own best translation reproduces its alignment; any
    other target gets one too (how an edited translation is aligned)."""
    source = "SPbPU signed an agreement with Fudan University."
    [[hyp]] = en_ru.translate([source], return_alignment=True)
    [again] = en_ru.align([source], [hyp.text])
    assert (again.text, again.alignment, again.source_spans) == (
        hyp.text, hyp.alignment, hyp.source_spans)
    [other] = en_ru.align([source], ["СПбПУ подписал соглашение."])
    assert other.text == "СПбПУ подписал соглашение." and len(other.alignment) == len(
        other.target_spans) > 0


def test_a_pivot_aligns_a_target_back_to_its_source() -> None:
    ru_en, en_zh = find_package("ru", "en"), find_package("en", "zh")
    assert ru_en is not None and en_zh is not None
    pivot = translator_for([ru_en, en_zh], SETTINGS)
    [hyp] = pivot.align(["Форум пройдёт в Москве."], ["论坛将在莫斯科举行。"])
    assert hyp.source == "Форум пройдёт в Москве." and hyp.alignment
    assert all(-1 <= i < len(hyp.source_spans) for i in hyp.alignment)


def test_align_leaves_a_pair_too_long_for_the_model_unaligned() -> None:
    """A package whose metadata lacks max_positions: the model names its limit on the first
    long pair, and align answers (that pair without alignment) instead of failing."""
    translator = _without_position_limit()
    long = LONG
    short = "The forum will be held in Nanjing."
    hyps = translator.align([long, short], ["Университет " * 150, "Форум пройдёт в Нанкине."])
    assert not hyps[0].alignment and hyps[1].alignment


class _Piece:
    def __init__(self, begin: int, end: int):
        self.begin, self.end = begin, end


@given(st.text(alphabet=st.sampled_from("ab Я中😀\u00e9 "), max_size=30))
def test_char_spans_map_utf8_offsets_to_characters(text: str) -> None:
    """Each character's own bytes map back to it, whatever its UTF-8 length."""
    starts = [len(text[:i].encode("utf-8")) for i in range(len(text) + 1)]
    pieces = [_Piece(starts[i], starts[i + 1]) for i in range(len(text))]
    want = [(i + 1 if text[i].isspace() else i, i + 1) for i in range(len(text))]
    assert _char_spans(text, pieces) == want


def test_a_pivot_aligns_through_the_middle_the_target_was_translated_from() -> None:
    """Term enforcement edits the middle sentence; the target is aligned to the source
    through that middle (force-aligned to the source), not through a fresh translation."""
    ru_en, en_zh = find_package("ru", "en"), find_package("en", "zh")
    assert ru_en is not None and en_zh is not None
    first, second = CTranslate2Translator(ru_en, SETTINGS), CTranslate2Translator(en_zh, SETTINGS)
    translated: list[str] = []

    class Recording(CTranslate2Translator):
        def translate(self, sentences, **kw):  # type: ignore[no-untyped-def]
            translated.extend(sentences)
            return super().translate(sentences, **kw)

    pivot = PivotTranslator(Recording(ru_en, SETTINGS, first.engine), second)
    source, middle = "Форум пройдёт в Москве.", "The forum will be held in Moscow."
    target = "论坛将在莫斯科举行。"
    [hyp] = pivot.align([source], [target], middles=[middle])
    assert not translated
    [to_middle] = first.align([source], [middle])
    [to_target] = second.align([middle], [target])
    assert hyp.source == source and hyp.text == to_target.text
    assert hyp.source_spans == to_middle.source_spans
    assert hyp.alignment and all(-1 <= i < len(hyp.source_spans) for i in hyp.alignment)


@functools.cache
def _sentencepiece(pair: tuple[str, str]):  # type: ignore[no-untyped-def]
    import sentencepiece as spm

    package = find_package(*pair)
    assert package is not None
    return spm.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))


@pytest.mark.parametrize("pair", [("en", "ru"), ("ru", "en"), ("en", "zh"), ("zh", "en")])
@given(text=st.text(alphabet=st.sampled_from("ab Ая中京师（）,，😀\u00e9 ｟0｠-.Ё"), max_size=40))
def test_piece_spans_are_the_protos_spans_or_none(pair: tuple[str, str], text: str) -> None:
    """The spans read off the pieces themselves, source side and decoded target side, are
    those of the protos' offsets wherever the pieces spell the text; otherwise none (the
    normalizer changed it, or a byte piece): never a wrong span."""
    sp = _sentencepiece(pair)
    proto = sp.encode(text, return_type="proto")
    pieces = [p.piece for p in proto.pieces]
    spans = _piece_spans(text, pieces)
    assert spans is None or spans == _char_spans(text, proto.pieces)
    decoded = sp.decode_pieces(pieces, out_type="proto")
    spans = _piece_spans(decoded.text, pieces)
    assert spans is None or spans == _char_spans(decoded.text, decoded.pieces)
    if text == " ".join(text.split()) and text.isascii() and "-" not in text:
        assert _piece_spans(text, sp.encode(text, out_type=str)) is not None  # the usual case


@pytest.mark.parametrize("pair", [("en", "ru"), ("zh", "en")])
@pytest.mark.parametrize("text", ["南京市的工程师参加了。", "Ёлка 😀 на форуме", "师"])
def test_piece_spans_read_byte_pieces_as_the_protos_do(pair: tuple[str, str], text: str) -> None:
    """A character the vocabulary lacks comes in byte pieces (``<0xE5>``): its last byte
    piece carries it, as in the protos, so the spans are read off the pieces (a Chinese
    source with such a character was encoded a second time, for its protos)."""
    sp = _sentencepiece(pair)
    proto = sp.encode(text, return_type="proto")
    pieces = [p.piece for p in proto.pieces]
    assert any(p.startswith("<0x") for p in pieces)
    assert _piece_spans(text, pieces) == _char_spans(text, proto.pieces)
    decoded = sp.decode_pieces(pieces, out_type="proto")
    assert _piece_spans(decoded.text, pieces) == _char_spans(decoded.text, decoded.pieces)
    assert _piece_spans(text, [*pieces[:-1], "<0xE5>"]) is None  # a character cut short
