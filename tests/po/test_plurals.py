"""toolkit.po.plurals: the CLDR categories kept for en/ru/zh are Babel's."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.po.plurals import (
    PluralInfo,
    _cldr,
    _table_entry,
    babel_answers,
    babel_cldr,
    cldr_problem,
    cldr_table,
    cldr_table_babel,
    parse_plural_forms,
    sample_numbers,
)


def _django_locales() -> list[str]:
    import django

    root = Path(django.__file__).parent / "conf" / "locale"
    return sorted(p.name for p in root.iterdir() if (p / "LC_MESSAGES").is_dir())


#: The project's own languages: their rules must be the installed Babel's whatever its release.
OWN_LOCALES = ["en", "en_GB", "ru", "ru_RU", "zh", "zh_Hans", "zh_Hant", "zh_TW"]


# every locale Django ships a catalog for, every region the table lists on its own, and a
# spread of the rest; all 1,100 take ~20 s (python tools/update_cldr_plurals.py --check)
SAMPLE_LOCALES = sorted({*_django_locales(), *(k for k in cldr_table() if "_" in k),
                         *sorted(cldr_table())[::7], *OWN_LOCALES, "pt_BR"})


def _same_babel() -> bool:
    from importlib.metadata import version

    return version("babel") == cldr_table_babel()


@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_kept_table_is_babels(locale: str) -> None:
    """The table of toolkit/data/cldr_plurals.json says what the installed Babel says.

    The table is pinned to the Babel release it was written from (its "babel" field): a newer
    CLDR may move a rule of some other language (Babel 2.19 gave Turkish a second form), and
    a fresh install with the newest Babel must not fail for that; the table is then one
    release behind until tools/update_cldr_plurals.py is re-run. en/ru/zh are always checked.
    """
    if locale not in OWN_LOCALES and not _same_babel():
        pytest.skip(f"table written from Babel {cldr_table_babel()}; compared with that release")
    expected = babel_answers(locale)
    if expected is None:
        return  # Babel does not know it (Django's "io"): checked through Babel, as before
    assert _table_entry(locale) == expected, (
        f"Babel's CLDR data changed for {locale}: run python tools/update_cldr_plurals.py")



@pytest.mark.parametrize("locale", ["ru", "ru_RU", "zh_Hans", "zh-TW", "en_GB", "de", "pt_PT",
                                    "pt_BR", "sr_Latn", "uk"])
def test_locales_use_the_kept_table(locale: str) -> None:
    if locale.replace("-", "_") not in OWN_LOCALES and not _same_babel():
        pytest.skip(f"table written from Babel {cldr_table_babel()}; compared with that release")
    assert _cldr(locale) == babel_cldr(locale)


RU_3 = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);")
RU_4 = ("nplurals=4; plural=(n % 1 != 0 ? 3 : n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
        "n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);")


@pytest.mark.parametrize("value,lang,ok", [
    (RU_3, "ru", True), (RU_4, "ru", True), ("nplurals=2; plural=(n != 1);", "ru", False),
    (RU_3.replace("n%100!=11", "n%100!=12"), "ru", False),
    ("nplurals=1; plural=0;", "zh_Hans", True), ("nplurals=2; plural=(n != 1);", "en", True),
    ("nplurals=2; plural=(n > 1);", "en", False),
    ("nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);", "uk", False),  # through Babel
])
def test_plural_forms_against_cldr(value: str, lang: str, ok: bool) -> None:
    info = parse_plural_forms(value)
    assert isinstance(info, PluralInfo)
    assert (cldr_problem(info, lang) is None) is ok


@pytest.mark.parametrize(("header", "first"), [
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
     "(n%100<10 || n%100>=20) ? 1 : 2);", {0: 21, 1: 22, 2: 10}),
    ("nplurals=2; plural=(n != 1);", {1: 10}),  # English "one" is 1 alone: no sample
    ("nplurals=1; plural=0;", {0: 10}),
    # a form only small numbers select (Slovenian "two": n%100==2) takes one of them
    ("nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
     {1: 2, 2: 3, 3: 10}),
])
def test_sample_numbers_select_their_form(header: str, first: dict[int, int]) -> None:
    info = parse_plural_forms(header)
    assert isinstance(info, PluralInfo)
    samples = sample_numbers(info)
    assert {form: ns[0] for form, ns in samples.items()} == first
    assert all(info.func(n) == form for form, ns in samples.items() for n in ns)
