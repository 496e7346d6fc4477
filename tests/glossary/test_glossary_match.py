"""Matching real sentences in en, ru (inflected) and zh (Simplified and Traditional)."""

from __future__ import annotations

import pytest

from toolkit.glossary.match import Matcher, find_mentions, matcher_for, tokenize, zh_normalize
from toolkit.glossary.model import Concept, Glossary, Term


def _found(glossary: Glossary, text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.concept_id, m.surface) for m in find_mentions(glossary, text, lang)]


def _glossary(*concepts: Concept) -> Glossary:
    return Glossary(concepts)


# --- Russian ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, surface", [
    ("Студенты Политехнического университета уехали.", "Политехнического университета"),
    ("Он учился в Политехническом университете.", "Политехническом университете"),
    ("Договор с Политехническим университетом подписан.", "Политехническим университетом"),
    ("Санкт-Петербургскому политехническому университету Петра Великого исполнилось 125 лет.",
     "Санкт-Петербургскому политехническому университету Петра Великого"),
])
def test_ru_inflected_multiword_terms(shipped: Glossary, sentence: str, surface: str) -> None:
    assert ("spbpu", surface) in _found(shipped, sentence, "ru")


@pytest.mark.parametrize("sentence, concept, surface", [
    ("Форум прошёл в Нанкине.", "nanjing", "Нанкине"),
    ("Делегация вылетела из Нанкина.", "nanjing", "Нанкина"),
    ("Делегацию СПбПУ возглавил ректор.", "spbpu", "СПбПУ"),
    ("Провинция Цзянсу известна заводами.", "jiangsu", "Провинция Цзянсу"),
    ("Интервью с Андреем Рудским вышло вчера.", "rudskoy", "Андреем Рудским"),
    ("Слово предоставили Ван Лэю.", "wang_lei", "Ван Лэю"),
    ("Выступление Ван Лэя было коротким.", "wang_lei", "Ван Лэя"),
    ("Речь Андрея Рудского длилась час.", "rudskoy", "Андрея Рудского"),
    ("Письмо Дмитрию Арсеньеву отправлено.", "arseniev", "Дмитрию Арсеньеву"),
    ("Стартапы работают в технопарке «Ингрия».", "ingria", "технопарке «Ингрия»"),
    ("Стартапы работают в технопарке \"Ингрия\".", "ingria", "технопарке \"Ингрия\""),
    ("Участники Российско-китайского инновационного альянса", "rcia",
     "Российско-китайского инновационного альянса"),
    ("при поддержке Министерства науки и технологий КНР", "most_prc",
     "Министерства науки и технологий КНР"),
    ("письмо в Комитет по науке и технологиям города Нанкина", "nanjing_stb",
     "Комитет по науке и технологиям города Нанкина"),
    ("поддержка Фонда развития интернет-инициатив", "iidf", "Фонда развития интернет-инициатив"),
    ("на Неделе инноваций в Нанкине", "nanjing_innovation_week", "Неделе инноваций в Нанкине"),
])
def test_ru_real_sentences(shipped: Glossary, sentence: str, concept: str, surface: str) -> None:
    assert (concept, surface) in _found(shipped, sentence, "ru")


def test_ru_yo_folding_and_line_breaks() -> None:
    g = _glossary(Concept("tsk", (Term("Пётр Великий", "ru"),)))
    assert _found(g, "памятник Петру\nВеликому", "ru") == [("tsk", "Петру\nВеликому")]
    assert _found(g, "памятник Петру Великому", "ru") == [("tsk", "Петру Великому")]
    g2 = _glossary(Concept("tsk", (Term("Петр Великий", "ru"),)))
    assert _found(g2, "Пётр Великий", "ru") == [("tsk", "Пётр Великий")]
    g3 = _glossary(Concept("star", (Term("Звёздный городок", "ru"),)))
    assert _found(g3, "в Звездном городке", "ru") == [("star", "Звездном городке")]


def test_ru_short_words_in_terms_still_match_their_forms() -> None:
    g = _glossary(Concept("w", (Term("Неделя науки в Казани", "ru"),)))
    assert _found(g, "на Неделе науки в Казани", "ru") == [("w", "Неделе науки в Казани")]
    assert _found(g, "о Неделе науки во Казани", "ru") == [("w", "Неделе науки во Казани")]


def test_ru_word_form_shared_by_two_glossary_words() -> None:
    """«Шадринском» is Шадринск (instrumental) or шадринский: both are tried."""
    g = _glossary(Concept("city", (Term("Шадринск", "ru"),)),
                  Concept("goose", (Term("шадринский гусь", "ru"),)))
    text = "Сотрудничество с Шадринском продолжится; выставка шадринских гусей."
    assert _found(g, text, "ru") == [("city", "Шадринском"), ("goose", "шадринских гусей")]


def test_ru_general_terms_not_in_shipped_glossary() -> None:
    """Held-out style: any multiword term in any case, unknown surnames, acronym endings."""
    g = _glossary(
        Concept("msu", (Term("Московский государственный университет", "ru"),
                        Term("МГУ", "ru", type="acronym"))),
        Concept("mid", (Term("МИД", "ru", type="acronym"),)),
        Concept("pers", (Term("Сергей Шойгунский", "ru"),)),
        Concept("road", (Term("железная дорога", "ru"),)),
        Concept("rosatom", (Term("Росатом", "ru"),)),
    )
    text = ("Выпускники Московского государственного университета и МГУ, сотрудники МИДа, "
            "встреча с Сергеем Шойгунским; по железным дорогам; «Росатома», Росатому.")
    assert _found(g, text, "ru") == [
        ("msu", "Московского государственного университета"), ("msu", "МГУ"),
        ("mid", "МИДа"), ("pers", "Сергеем Шойгунским"), ("road", "железным дорогам"),
        ("rosatom", "Росатома"), ("rosatom", "Росатому")]


def test_ru_acronym_is_case_sensitive_and_word_bounded(shipped: Glossary) -> None:
    assert _found(shipped, "спбпу и СПБПУ", "ru") == []
    assert _found(shipped, "СПбПУшник", "ru") == []


def test_ru_forbidden_variant_found_with_status(shipped: Glossary) -> None:
    [m] = find_mentions(shipped, "Делегация посетила Наньцзин.", "ru")
    assert (m.concept_id, m.status, m.surface) == ("nanjing", "forbidden", "Наньцзин")


# --- English ----------------------------------------------------------------------------------

def test_en_longest_match_wins_and_no_overlaps(shipped: Glossary) -> None:
    text = "Peter the Great St. Petersburg Polytechnic University (SPbPU) is in St. Petersburg."
    assert _found(shipped, text, "en") == [
        ("spbpu", "Peter the Great St. Petersburg Polytechnic University"), ("spbpu", "SPbPU"),
        ("st_petersburg", "St. Petersburg")]


def test_en_case_rules_per_term(shipped: Glossary) -> None:
    mentions = find_mentions(shipped, "SPBPU, spbpu and SPbPU; nanjing and NANJING", "en")
    got = [(m.surface, m.status) for m in mentions]
    assert got == [("SPBPU", "forbidden"), ("SPbPU", "preferred"), ("nanjing", "preferred"),
                   ("NANJING", "preferred")]


def test_en_case_sensitive_acronym_is_not_a_common_word(shipped: Glossary) -> None:
    assert _found(shipped, "most of MOST's staff", "en") == [("most_prc", "MOST")]


def test_en_word_boundaries_and_possessive(shipped: Glossary) -> None:
    assert _found(shipped, "Nanjingese food; JITRIs", "en") == []
    assert _found(shipped, "JITRI's partners", "en") == [("jitri", "JITRI")]


def test_en_plural_only_for_common_nouns() -> None:
    g = _glossary(Concept("tp", (Term("technology park", "en", pos="noun"),)),
                  Concept("city", (Term("Nanjing", "en", pos="properNoun"),)),
                  Concept("lab", (Term("joint laboratory", "en"),)))
    text = "Two technology parks, three joint laboratories, two Nanjings."
    assert _found(g, text, "en") == [("tp", "technology parks"),
                                     ("lab", "joint laboratories")]


def test_en_whitespace_and_dash_variants(shipped: Glossary) -> None:
    text = "the Russian–Chinese Innovation\n  Alliance and the Russian Chinese Innovation Forum"
    assert _found(shipped, text, "en") == [
        ("rcia", "Russian–Chinese Innovation\n  Alliance"),
        ("rc_innovation_forum", "Russian Chinese Innovation Forum")]


def test_en_dnt_term_and_deprecated(shipped: Glossary) -> None:
    mentions = find_mentions(shipped, "GlobalTech IP opened an office in Nanking.", "en")
    assert [(m.concept_id, m.status) for m in mentions] == [("globaltech_ip", "preferred"),
                                                           ("nanjing", "deprecated")]
    assert find_mentions(shipped, "Globaltech IP", "en") == []


# --- Chinese ----------------------------------------------------------------------------------

def test_zh_simplified_sentence(shipped: Glossary) -> None:
    text = "圣彼得堡彼得大帝理工大学与江苏省产业技术研究院（JITRI）在南京签署协议。"
    assert _found(shipped, text, "zh") == [
        ("spbpu", "圣彼得堡彼得大帝理工大学"), ("jitri", "江苏省产业技术研究院"),
        ("jitri", "JITRI"), ("nanjing", "南京")]


def test_zh_traditional_text_matches_simplified_terms(shipped: Glossary) -> None:
    text = "聖彼得堡彼得大帝理工大學與江蘇省產業技術研究院在南京創新周簽署協議。"
    mentions = find_mentions(shipped, text, "zh-Hant")
    assert [(m.concept_id, m.surface) for m in mentions] == [
        ("spbpu", "聖彼得堡彼得大帝理工大學"), ("jitri", "江蘇省產業技術研究院"),
        ("nanjing_innovation_week", "南京創新周")]
    assert all(text[m.start:m.end] == m.surface for m in mentions)


def test_zh_fullwidth_latin_and_middle_dots(shipped: Glossary) -> None:
    text = "ＩＩＤＦ与安德烈・鲁德斯科伊会面"
    assert _found(shipped, text, "zh") == [("iidf", "ＩＩＤＦ"), ("rudskoy", "安德烈・鲁德斯科伊")]


def test_zh_latin_term_needs_ascii_boundaries(shipped: Glossary) -> None:
    assert _found(shipped, "XJITRI和JITRIX", "zh") == []
    assert _found(shipped, "与JITRI合作", "zh") == [("jitri", "JITRI")]


def test_zh_offsets_hold_around_astral_characters() -> None:
    g = _glossary(Concept("x", (Term("𠮷野家", "zh"),)), Concept("y", (Term("南京", "zh"),)))
    text = "😀在𠮷野家吃饭，南京😀"
    mentions = find_mentions(g, text, "zh")
    assert [(m.concept_id, m.surface) for m in mentions] == [("x", "𠮷野家"), ("y", "南京")]
    assert all(text[m.start:m.end] == m.surface for m in mentions)


def test_zh_normalize_keeps_length() -> None:
    text = "聖彼得堡　ＡＢＣ\t後來"
    assert len(zh_normalize(text)) == len(text)


# --- the bundled example ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_press_release_has_every_example_entity(shipped: Glossary, press_release: dict[str, str],
                                                lang: str) -> None:
    found = {m.concept_id for m in find_mentions(shipped, press_release[lang], lang)}
    expected = {"spbpu", "jitri", "nanjing_innovation_week", "nanjing_stb", "rcia",
                "rudskoy", "arseniev", "wang_lei", "ingria", "globaltech_ip", "iidf",
                "most_prc", "rc_innovation_forum", "nanjing", "jiangsu", "st_petersburg"}
    assert expected <= found
    for m in find_mentions(shipped, press_release[lang], lang):
        assert press_release[lang][m.start:m.end] == m.surface


# --- matcher mechanics ------------------------------------------------------------------------

def test_matcher_is_cached_per_glossary_and_language(shipped: Glossary) -> None:
    assert matcher_for(shipped, "ru") is matcher_for(shipped, "ru_RU")
    assert matcher_for(shipped, "en") is not matcher_for(shipped, "ru")


def test_empty_inputs() -> None:
    assert Matcher(Glossary(), "en").find("anything") == []
    g = _glossary(Concept("x", (Term("   ", "en"), Term("«»", "en"), Term("real", "en"))))
    assert _found(g, "", "en") == []
    assert _found(g, "a real thing", "en") == [("x", "real")]


def test_tokenize_drops_joiners_and_quotes() -> None:
    assert [t[2] for t in tokenize("«Ингрия» — Russian-Chinese")] == [
        "Ингрия", "—", "Russian", "Chinese"]


def test_same_span_prefers_better_status() -> None:
    g = _glossary(Concept("a", (Term("Alpha", "en", status="deprecated"),)),
                  Concept("b", (Term("Alpha", "en"),)))
    [m] = find_mentions(g, "Alpha", "en")
    assert m.concept_id == "b"


def test_a_russian_text_no_term_can_start_in_leaves_pymorphy3_unloaded() -> None:
    """Building the Russian matcher lemmatises every glossary word (pymorphy3: a third of a
    one-line translation); a text none of whose words begins like a term's first word never
    needs it. A fresh interpreter, so no other test has loaded it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from toolkit.glossary import load_glossary, shipped_glossary_paths\n"
        "from toolkit.glossary.match import matcher_for\n"
        "m = matcher_for(load_glossary(shipped_glossary_paths()), 'ru')\n"
        "print(m.find('Погода хорошая, форум закрыт.'), 'pymorphy3' in sys.modules)\n"
        "print([x.surface for x in m.find('Форум прошёл в Нанкине и в СПбПУ.')],"
        " 'pymorphy3' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["[] False", "['Нанкине', 'СПбПУ'] True"]
