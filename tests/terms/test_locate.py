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


RU_WORDS = st.sampled_from(["Нанкин", "Нанкина", "мэрия", "мэрией", "города", "в", "с",
                            "университет", "Санкт-Петербургский", "политехнический",
                            "технопарк", "Ингрия", "и", "форум", "открыл", "Петра"])
EN_WORDS = st.sampled_from(["Nanjing", "City", "Hall", "the", "of", "University", "Peter",
                            "Great", "St", "Petersburg", "Polytechnic", "forum", "in", "a"])


def _every_word_window(text: str, term: str, lang: str, taken: list[Span]) -> Span | None:
    from toolkit.terms.locate import _WORD, FUZZY_WORDS, _function_word, _key

    best: tuple[float, Span] | None = None
    words = [(m.start(), m.end(), _key(m.group())) for m in _WORD.finditer(text)
             if not _function_word(m.group(), lang)]
    want = " ".join(_key(w) for w in _WORD.findall(term) if not _function_word(w, lang))
    n = len(_WORD.findall(term))
    for size in range(max(1, n - 2), n + 2):
        for i in range(0, len(words) - size + 1):
            window = words[i:i + size]
            span = (window[0][0], window[-1][1])
            if _overlaps(span, taken):
                continue
            score = fuzz.ratio(" ".join(w[2] for w in window), want)
            if score >= FUZZY_WORDS and (best is None or score > best[0]):
                best = (score, span)
    return best[1] if best else None


@given(st.data())
def test_word_fuzzy_finds_what_scoring_every_window_finds(data: st.DataObject) -> None:
    # windows too short or too long to reach the threshold are skipped by a bound
    lang, words = data.draw(st.sampled_from([("ru", RU_WORDS), ("en", EN_WORDS)]))
    term = " ".join(data.draw(st.lists(words, min_size=1, max_size=6)))
    text = " ".join(data.draw(st.lists(words, max_size=14)))
    spans = [(start, start + width) for start, width in data.draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.integers(1, 12)), max_size=2))]
    assert fuzzy(text, term, lang, spans) == _every_word_window(text, term, lang, spans)


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
    # and no function word either: the preposition 于 before the number is not the name
    assert by_alignment(hyp, mention, "zh", "GlobalTech IP", []) == (0, 2)


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


def _zh_rendering(source: str, mention: str, pieces: list[tuple[str, str | None]], term: str,
                  strays: tuple[str, ...] = ()) -> str | None:
    """What :func:`by_alignment` takes as the Chinese rendering of *mention* (pieces as in
    :func:`_aligned`), with the names in *strays* known as other concepts' renderings."""
    hyp, found = _aligned(source, mention, pieces)
    spans = [(hyp.text.index(s), hyp.text.index(s) + len(s)) for s in strays]
    span = by_alignment(hyp, found, "zh", term, [], (), spans)
    return None if span is None else hyp.text[span[0]:span[1]]


def test_zh_aspect_particle_and_verb_tied_to_a_name_stay_the_sentences() -> None:
    # one piece holds the (garbled) name, the verb and its particle: 签署了 stays
    source = "Ingria Technopark signed an agreement with Tomsk University."
    pieces = [("英格里亚科学园签署了", "Technopark"), ("合作协议", "agreement"), ("。", None)]
    assert _zh_rendering(source, "Ingria Technopark", pieces, "英格里亚科技园") == "英格里亚科学园"


def test_zh_conjunction_after_a_wrong_name_stays() -> None:
    # no character of the term: the model wrote another name, all of it (but 与) goes
    source = "MOST signed an agreement with Tomsk University."
    pieces = [("喀山联邦大学与", "MOST"), ("托木斯克大学", "Tomsk"), ("签署", "signed"),
              ("了", "signed"), ("协议", "agreement"), ("。", None)]
    assert _zh_rendering(source, "MOST", pieces, "中华人民共和国科学技术部") == "喀山联邦大学"


def test_zh_date_unit_and_preposition_before_a_name_stay() -> None:
    source = "The agreement was signed in Nanking on 3 May."
    pieces = [("协议", "agreement"), ("于", "on"), ("5", "May"), ("月", "May"), ("3", "3"),
              ("日在南京市", "Nanking"), ("签署", "signed"), ("。", None)]
    assert _zh_rendering(source, "Nanking", pieces, "南京") == "南京市"


def test_zh_the_part_like_the_term_is_the_rendering() -> None:
    # 为 ... 的学生作了关于: a preposition, and the words after 的, are no part of the name
    source = "Dmitry Arseniev gave a lecture at Nanjing Municipal Science and Technology Bureau."
    pieces = [("德米特里·阿尔谢尼耶夫", "Dmitry"), ("为南京理工大学的学生作了关于", "Bureau"),
              ("物流", "lecture"), ("的讲座", "lecture"), ("。", None)]
    assert _zh_rendering(source, "Nanjing Municipal Science and Technology Bureau", pieces,
                         "南京市科学技术局") == "南京理工大学"


def test_zh_a_piece_tied_elsewhere_inside_a_name_does_not_cut_it_short() -> None:
    # 科学 is tied to another word, but 园 after it is the term's: all three stay
    source = "Ingria Technopark hosts science teams."
    pieces = [("英格里亚", "Ingria"), ("科学", "science"), ("园", "Technopark"),
              ("接待", "hosts"), ("团队", "teams"), ("。", None)]
    assert _zh_rendering(source, "Ingria Technopark", pieces, "英格里亚科技园") == "英格里亚科学园"


def test_zh_a_known_name_inside_the_span_is_the_rendering() -> None:
    # the model wrote 圣彼得堡 (a concept the source does not name) for Nanking
    source = "The agreement was signed in Nanking."
    pieces = [("协议", "agreement"), ("在圣彼得堡签", "Nanking"), ("署", "signed"), ("。", None)]
    assert _zh_rendering(source, "Nanking", pieces, "南京", ("圣彼得堡",)) == "圣彼得堡"
    # but a known name sharing two characters with the term is part of its rendering
    pieces = [("协议", "agreement"), ("在南京科学局", "Bureau"), ("签署", "signed"), ("。", None)]
    assert _zh_rendering(source.replace("Nanking", "Bureau"), "Bureau", pieces,
                         "南京市科学技术局", ("南京",)) == "南京科学局"


def test_zh_function_character_of_a_two_character_name_stays() -> None:
    source = "The forum opened in Nanking."
    pieces = [("论坛", "forum"), ("在", "in"), ("成都", "Nanking"), ("开幕", "opened"),
              ("。", None)]
    assert _zh_rendering(source, "Nanking", pieces, "南京") == "成都"
    # a function word alone is no rendering at all
    pieces = [("论坛", "forum"), ("在", "Nanking"), ("开幕", "opened"), ("。", None)]
    assert _zh_rendering(source, "Nanking", pieces, "南京") is None


def test_zh_a_function_character_of_the_term_is_kept() -> None:
    # 和 of 共和国 is the name's own
    source = "MOST hosted the forum."
    pieces = [("中华人民共和国科技部", "MOST"), ("举办", "hosted"), ("论坛", "forum"), ("。", None)]
    assert _zh_rendering(source, "MOST", pieces, "中华人民共和国科学技术部") == \
        "中华人民共和国科技部"


def test_zh_a_known_name_inside_a_longer_name_is_not_the_rendering_alone() -> None:
    # 南京 (a concept the source does not name) begins 南京大学, the model's wrong name
    source = "Students of Ingria Technopark visited Wuxi."
    pieces = [("南京大学", "Ingria"), ("的学生", "Students"), ("访问了", "visited"),
              ("无锡", "Wuxi"), ("。", None)]
    assert _zh_rendering(source, "Ingria Technopark", pieces, "英格里亚科技园", ("南京",)) == \
        "南京大学"
    # a name that ends with its kind (联盟) is whole: 框架 after it is the sentence's
    source = "The agreement was signed within MOST."
    pieces = [("协议", "agreement"), ("在中俄创新联盟框架内", "MOST"), ("签署", "signed"),
              ("。", None)]
    assert _zh_rendering(source, "MOST", pieces, "中华人民共和国科学技术部",
                         ("中俄创新联盟",)) == "中俄创新联盟"



def test_zh_a_lone_character_beside_a_function_character_is_no_rendering() -> None:
    # the attention's span ends inside 关于 ('about'): its 关 is a word with 于, not the name
    source = "Dmitry Arseniev gave a lecture about logistics to students of Ingria Technopark."
    pieces = [("德米特里·阿尔谢尼耶夫", "Dmitry"), ("为", "to"), ("学生", "Technopark"),
              ("作", "Technopark"), ("了", "gave"), ("关", "Technopark"), ("于", "about"),
              ("物流", "logistics"), ("的讲座", "lecture"), ("。", None)]
    assert _zh_rendering(source, "Ingria Technopark", pieces, "英格里亚科技园") == "学生作"


def test_zh_an_attention_edge_inside_a_word_is_no_edge_of_the_rendering() -> None:
    # 帮|助: the span began inside 帮助 ('help'); the part after 的 is whole
    source = "The fund will help our scientists at Ingria Technopark."
    pieces = [("基金", "fund"), ("将", "will"), ("帮", "help"), ("助", "Technopark"),
              ("我们", "Technopark"), ("的", "our"), ("科学家", "Technopark"),
              ("更快", "will"), ("。", None)]
    assert _zh_rendering(source, "Ingria Technopark", pieces, "英格里亚科技园") == "科学家"
    # where the attention's edges are word boundaries (a preposition, a stop), they stay
    pieces = [("基金", "fund"), ("在", "at"), ("我们", "Technopark"), ("的", "our"),
              ("科学家", "Technopark"), ("。", None)]
    assert _zh_rendering(source, "Ingria Technopark", pieces, "英格里亚科技园") == \
        "我们的科学家"
