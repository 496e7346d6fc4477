"""The case of a term put into a Russian sentence: what the source and the Russian context say."""

from __future__ import annotations

import pytest

from toolkit.terms.inflect import choose_form, coordinated, source_preposition, with_preposition


@pytest.mark.parametrize("source, mention, expected", [
    ("Journalists met with Wang Lei.", "Wang Lei", ("ablt", "с")),
    ("The report was prepared for the Alliance.", "Alliance", ("gent", "для")),
    ("The forum will be held in Nanjing.", "Nanjing", ("loct", "в")),
    ("The delegation arrived in Nanjing on Monday.", "Nanjing", ("accs", "в")),
    ("Students travelled to Jiangsu.", "Jiangsu", ("accs", "в")),
    ("A letter was sent to Wang Lei.", "Wang Lei", ("datv", None)),
    ("Nanjing hosted the forum.", "Nanjing", ("nomn", None)),
    ("The delegation of the Alliance left.", "Alliance", ("gent", None)),
    ("He spoke well.", "well", (None, None)),
])
def test_source_preposition_en(source: str, mention: str, expected: tuple) -> None:
    start = source.index(mention)
    assert source_preposition(source, start, start + len(mention), "en") == expected


@pytest.mark.parametrize("source, mention, expected", [
    ("记者在南京会见了王磊。", "南京", ("loct", "в")),
    ("他们介绍了在南京的工作。", "南京", ("loct", "в")),          # work in Nanjing
    ("实验室在科技部的支持下开设。", "科技部", ("gent", None)),    # with the support of
    ("南京的学生参观了论坛。", "南京", ("gent", None)),          # opening, yet a possessor
    ("南京欢迎学生。", "南京", ("nomn", None)),
    ("学生参观了南京的工厂。", "南京", ("gent", None)),
])
def test_source_preposition_zh(source: str, mention: str, expected: tuple) -> None:
    start = source.index(mention)
    assert source_preposition(source, start, start + len(mention), "zh") == expected


def test_coordination() -> None:
    assert coordinated(" and ") and coordinated("和") and coordinated(", ")
    assert not coordinated(" signed with ")


@pytest.mark.parametrize("preposition, word, expected", [
    ("в", "Владивостоке", "во"), ("в", "Нанкине", "в"), ("в", "Ванкувере", "в"),
    ("с", "СПбПУ", "со"), ("с", "Санкт-Петербургом", "с"), ("о", "альянсе", "об"),
])
def test_with_preposition(preposition: str, word: str, expected: str) -> None:
    assert with_preposition(preposition, word) == expected


def _frame(form: str) -> str:
    return f"Делегация прибыла в {form}."


def test_after_a_verb_of_motion_v_takes_the_accusative() -> None:
    # the source's "in" suggests the prepositional; the Russian verb of motion decides
    form, how = choose_form("мэрия Нанкина", None, _frame, None, "Делегация прибыла в ", "loct")
    assert (form, how) == ("мэрию Нанкина", "governed")


def test_a_source_preposition_beats_the_genitive_guess_after_a_noun() -> None:
    form, how = choose_form("Андрей Рудской", None, "Журналисты встреча {}.".format, None,
                            "Журналисты встреча ", "ablt")
    assert (form, how) == ("Андреем Рудским", "source")


def test_a_preposition_in_the_russian_sentence_beats_the_source() -> None:
    form, _how = choose_form("Нанкин", None, "Форум пройдёт в {}.".format, None,
                             "Форум пройдёт в ", "datv")
    assert form in ("Нанкине", "Нанкин")
