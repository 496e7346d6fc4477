"""Finding the model's own rendering of a term: the Chinese fuzzy search skips windows by a
bound, never by a guess (it finds what scoring every window finds); attention in Chinese
takes whole Latin words and no part of a number."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from toolkit.glossary.match import Mention
from toolkit.glossary.model import Term
from toolkit.mt.translator import Hypothesis, Span
from toolkit.terms.locate import _CJK, FUZZY_CHARS, _overlaps, by_alignment, fuzzy

HAN = st.sampled_from("江苏省产业技术研究院南京市政府圣彼得堡理工大学的与在")
TEXT = st.lists(st.one_of(HAN, st.sampled_from("，。 A1")), max_size=20).map("".join)


def _every_window(text: str, term: str, taken: list[Span]) -> Span | None:
    best: tuple[float, Span] | None = None
    n = len(term)
    for size in range(max(2, n - 2), n + 2):
        for i in range(0, len(text) - size + 1):
            span = (i, i + size)
            if not _CJK.match(text[i]) or _overlaps(span, taken):
                continue
            score = fuzz.ratio(text[i:i + size], term)
            if score >= FUZZY_CHARS and (best is None or score > best[0]):
                best = (score, span)
    return best[1] if best else None


@given(st.data())
def test_zh_fuzzy_finds_what_scoring_every_window_finds(data: st.DataObject) -> None:
    term = data.draw(st.lists(HAN, min_size=2, max_size=9).map("".join))
    # the term written with a few characters changed, dropped or added, amid other text
    near = list(term)
    for _ in range(data.draw(st.integers(0, 3))):
        at = data.draw(st.integers(0, len(near)))
        how = data.draw(st.sampled_from("+-="))
        if how == "+" or not near[at:]:
            near.insert(at, data.draw(HAN))
        elif how == "-":
            del near[at]
        else:
            near[at] = data.draw(HAN)
    text = data.draw(TEXT) + "".join(near) + data.draw(TEXT)
    spans = [(start, start + width) for start, width in data.draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.integers(1, 6)), max_size=2))]
    assert fuzzy(text, term, "zh", spans) == _every_window(text, term, spans)


def test_zh_fuzzy_finds_a_rendering_one_character_off() -> None:
    text = "我们与江苏省产业技朮研究院签署了协议。"
    assert fuzzy(text, "江苏省产业技术研究院", "zh", []) == (3, 13)


def _chinese(text: str, pieces: list[str], aligned: set[str]) -> tuple[Hypothesis, Mention]:
    """A Chinese hypothesis of ``GlobalTech IP signed it``, cut into *pieces*, those in
    *aligned* tied by attention to the mention ``GlobalTech IP``."""
    source = "GlobalTech IP signed it"
    spans, at = [], 0
    for piece in pieces:
        at = text.index(piece, at)
        spans.append((at, at + len(piece)))
        at += len(piece)
    hyp = Hypothesis(text, 0.0, ((0, 10), (11, 13), (14, 20), (21, 23)), tuple(spans),
                     tuple(0 if p in aligned else 2 for p in pieces), source)
    term = Term("GlobalTech IP", "en", dnt=True)
    return hyp, Mention("globaltech_ip", term, "en", 0, 13, "GlobalTech IP")


def test_zh_attention_ending_inside_a_number_leaves_the_number() -> None:
    hyp, mention = _chinese("协议于2003年签署。", ["协议", "于", "2", "003", "年", "签署", "。"],
                            {"协议", "于", "2"})
    assert by_alignment(hyp, mention, "zh", "GlobalTech IP", []) == (0, 3)


def test_zh_attention_on_part_of_a_latin_word_takes_all_of_it() -> None:
    hyp, mention = _chinese("GlobalTech签署。", ["G", "lobal", "Tech", "签署", "。"],
                            {"lobal", "Tech"})
    assert by_alignment(hyp, mention, "zh", "GlobalTech IP", []) == (0, 10)


def _aligned(source: str, mention: str, pieces: list[tuple[str, str | None]]
             ) -> tuple[Hypothesis, Mention]:
    """A hypothesis written as (target piece, source word it is aligned to or None) pairs,
    pieces joined as they are (a piece carries its own leading space), and the *mention* of
    *source*: attention as a small model gives it, tied to words around the rendering too."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", source)]
    text, spans, alignment = "", [], []
    for piece, word in pieces:
        start = len(text) + len(piece) - len(piece.lstrip(" "))
        text += piece
        spans.append((start, len(text)))
        alignment.append(-1 if word is None else next(
            i for i, (s, e) in enumerate(words) if source[s:e].strip(".,") == word))
    at = source.index(mention)
    hyp = Hypothesis(text, source_spans=tuple(words), target_spans=tuple(spans),
                     alignment=tuple(alignment), source=source)
    return hyp, Mention("c", Term(mention, "en"), "en", at, at + len(mention), mention)


def _rendering(hyp: Hypothesis, mention: Mention, lang: str, term: str) -> str | None:
    span = by_alignment(hyp, mention, lang, term, [])
    return None if span is None else hyp.text[span[0]:span[1]]


def test_ru_predicate_and_governing_noun_before_an_object_stay() -> None:
    # 'является членом' tied to the mention: the verb and the noun that governs it stay
    source = "Zhejiang University is a member of the Russian Academy of Sciences."
    hyp, mention = _aligned(source, "Russian Academy of Sciences", [
        ("Университет", "University"), (" явля", "is"), ("ется", "Sciences"),
        (" ч", "Russian"), ("леном", "of"), (" Российско", "Russian"),
        ("-китайского", "Academy"), (" альянса", "Sciences"), (".", None)])
    assert _rendering(hyp, mention, "ru", "Российская академия наук") == \
        "Российско-китайского альянса"


def test_ru_verb_tied_by_one_piece_after_a_preposition_stays() -> None:
    # 'открыл': its last letter aligned to the mention, the rest to 'opened'
    source = "The lab was opened with Kazan Federal University."
    hyp, mention = _aligned(source, "Kazan Federal University", [
        ("Лабораторию", "lab"), (" откры", "opened"), ("л", "University"),
        (" с", "with"), (" Казанским", "Kazan"), (" университетом", "University"),
        (".", None)])
    assert _rendering(hyp, mention, "ru", "Казанский федеральный университет") == \
        "Казанским университетом"
    # and where the model left the name out, the verb is not its rendering
    hyp, mention = _aligned(source, "Kazan Federal University", [
        ("Соглашение", "lab"), (" было", "was"), (" откры", "opened"), ("л", "University"),
        (" новую", "lab"), (" лабораторию", "lab"), (".", None)])
    assert _rendering(hyp, mention, "ru", "Казанский федеральный университет") is None


def test_ru_subject_keeps_its_verb() -> None:
    source = "Kazan Federal University opened a new lab."
    hyp, mention = _aligned(source, "Kazan Federal University", [
        ("Приволжский", "Kazan"), (" университет", "University"), (" откры", "University"),
        ("л", "Federal"), (" лабораторию", "lab"), (".", None)])
    assert _rendering(hyp, mention, "ru", "Казанский федеральный университет") == \
        "Приволжский университет"


def test_ru_rendering_that_is_another_name_is_taken_whole() -> None:
    # a capitalised first word and a lower-case modifier open a name: nothing is trimmed
    source = "The forum was held by Nanjing City Hall."
    hyp, mention = _aligned(source, "Nanjing City Hall", [
        ("Форум", "forum"), (" провела", "held"), (" городская", "City"),
        (" управа", "Hall"), (" Наньцзина", "Nanjing"), (".", None)])
    assert _rendering(hyp, mention, "ru", "мэрия Нанкина") == "городская управа Наньцзина"


def test_en_governing_noun_before_an_object_stays() -> None:
    source = "Он стал членом Российской академии наук."
    hyp, mention = _aligned(source, "Российской академии наук", [
        ("He", "Он"), (" became", "стал"), (" a", None), (" member", "Российской"),
        (" of", "академии"), (" the", "академии"), (" Russian", "Российской"),
        (" Academy", "академии"), (".", None)])
    assert _rendering(hyp, mention, "en", "Russian Academy of Sciences") == "Russian Academy"


def test_en_subject_keeps_its_verb() -> None:
    source = "Казанский федеральный университет открыл лабораторию."
    hyp, mention = _aligned(source, "Казанский федеральный университет", [
        ("Volga", "Казанский"), (" Federal", "федеральный"), (" University", "университет"),
        (" open", "открыл"), ("ed", "университет"), (" a", "лабораторию"),
        (" lab", "лабораторию"), (".", None)])
    assert _rendering(hyp, mention, "en", "Kazan Federal University") == \
        "Volga Federal University"
