"""Russian term inflection into the case and number of an observed form."""

from __future__ import annotations

import pytest

from toolkit.glossary.morph import head_lemma, inflect, inflect_like, observed_form, observed_forms


@pytest.mark.parametrize("term, observed, expected", [
    ("Политехнический университет", "Политехнического университета",
     "Политехнического университета"),
    ("Санкт-Петербургский политехнический университет Петра Великого",
     "политехническим университетом",
     "Санкт-Петербургским политехническим университетом Петра Великого"),
    ("Российско-китайский инновационный альянс", "альянсе",
     "Российско-китайском инновационном альянсе"),
    ("Институт промышленных технологий провинции Цзянсу", "Институтом",
     "Институтом промышленных технологий провинции Цзянсу"),
    ("технопарк «Ингрия»", "технопарка", "технопарка «Ингрия»"),
    ("Андрей Рудской", "Андрея", "Андрея Рудского"),
    ("Дмитрий Арсеньев", "Дмитрию", "Дмитрию Арсеньеву"),
    ("Фонд развития интернет-инициатив", "фондом", "Фондом развития интернет-инициатив"),
    ("Нанкин", "в Нанкине", "Нанкине"),
    ("железная дорога", "железных дорог", "железных дорог"),
    # a name keeps its own number: a plural the model wrote for it is its mistake
    ("Комитет по науке", "Комитетов", "Комитета по науке"),
    ("Министерство науки", "министерствами", "Министерством науки"),
])
def test_inflect_like(term: str, observed: str, expected: str) -> None:
    assert inflect_like(term, observed) == expected


@pytest.mark.parametrize("term", ["СПбПУ", "Цзянсу", "GlobalTech IP", "Ван Лэй"])
def test_acronyms_foreign_and_unknown_words_stay(term: str) -> None:
    assert inflect_like(term, "университетом") == term


@pytest.mark.parametrize("term, case, expected", [
    # a plural name stays plural (it was made singular: Объединённого Арабского Эмирата)
    ("Объединённые Арабские Эмираты", "gent", "Объединённых Арабских Эмиратов"),
    ("Нанкинские ворота", "ablt", "Нанкинскими воротами"),
    # a capitalised complement in its own case stays (the whole term was left in the nominative)
    ("Соединённые Штаты Америки", "loct", "Соединённых Штатах Америки"),
    ("Институт Конфуция", "ablt", "Институтом Конфуция"),
    ("Андрей Рудской", "datv", "Андрею Рудскому"),
])
def test_inflect_keeps_the_terms_own_number(term: str, case: str, expected: str) -> None:
    assert inflect(term, case) == expected


def test_observed_form_uses_adjective_agreement() -> None:
    assert observed_form("новыми технологиями") == ("ablt", "plur")
    assert observed_form("Российско-Китайском ЭКСПО") == ("loct", "sing")
    assert observed_form("СПбПУ") is None


def test_inflect_rejects_unknown_case() -> None:
    with pytest.raises(ValueError):
        inflect("университет", "dative")


@pytest.mark.parametrize("term, expected", [
    # an inanimate head: adjectives take the nominative-like accusative
    ("Российско-китайский инновационный альянс", "Российско-китайский инновационный альянс"),
    ("Санкт-Петербургский политехнический университет Петра Великого",
     "Санкт-Петербургский политехнический университет Петра Великого"),
    ("новое здание", "новое здание"),
    # an animate head: the genitive-like accusative; feminine: its own ending
    ("молодой учёный", "молодого учёного"),
    ("Андрей Рудской", "Андрея Рудского"),
    ("Неделя инноваций в Нанкине", "Неделю инноваций в Нанкине"),
])
def test_accusative_adjectives_follow_the_nouns_animacy(term: str, expected: str) -> None:
    assert inflect(term, "accs") == expected


def test_plural_accusative_follows_animacy() -> None:
    assert inflect("Российско-китайский инновационный альянс", "accs", "plur") == \
        "Российско-китайские инновационные альянсы"


@pytest.mark.parametrize("term, expected", [
    ("Неделя инноваций в Нанкине", "неделя"), ("технопарк «Ингрия»", "технопарк"),
    ("Российско-китайский инновационный форум", "форум"), ("СПбПУ", None), ("Цзянсу", None),
])
def test_head_lemma(term: str, expected: str | None) -> None:
    assert head_lemma(term) == expected


def test_observed_forms_lists_every_reading() -> None:
    # a feminine noun in -ии is genitive, dative or prepositional: all three are readings
    cases = {case for case, number in observed_forms("мэрии") if number == "sing"}
    assert {"gent", "datv", "loct"} <= cases
    assert observed_form("мэрии") == observed_forms("мэрии")[0]
    assert observed_forms("JITRI") == ()


@pytest.mark.parametrize("term, case, expected", [
    # 'Казанский' is also a surname (a noun): it agrees with the noun after it
    ("Казанский федеральный университет", "gent", "Казанского федерального университета"),
    ("Иван Казанский", "gent", "Ивана Казанского"),
    ("Рабочий посёлок", "ablt", "Рабочим посёлком"),
    # an adjective pymorphy3 only guesses at agrees too
    ("Чжэцзянский университет", "loct", "Чжэцзянском университете"),
    ("Хэйлунцзянская провинция", "datv", "Хэйлунцзянской провинции"),
    # the feminine and neuter accusative has no animacy to ask for
    ("Российская академия наук", "accs", "Российскую академию наук"),
    ("Новое здание", "accs", "Новое здание"),
    ("Столовая университета", "accs", "Столовую университета"),
    ("Ван Лэй", "gent", "Ван Лэй"),
    # an acronym head stays; its adjectives keep their own gender and number
    ("Российско-Китайское ЭКСПО", "loct", "Российско-Китайском ЭКСПО"),
    ("Уральский НИИ", "gent", "Уральского НИИ"),
    ("Красноярская ГЭС", "accs", "Красноярскую ГЭС"),
    ("Российские РЖД", "accs", "Российские РЖД"),
    ("Российские РЖД", "datv", "Российским РЖД"),
])
def test_adjectives_before_the_head_agree(term: str, case: str, expected: str) -> None:
    assert inflect(term, case) == expected
