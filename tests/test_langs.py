"""toolkit.langs: user language codes -> en/ru/zh."""

from __future__ import annotations

import pytest
from babel import Locale

from toolkit.errors import LanguageError
from toolkit.langs import _COMMON, _TRADITIONAL_TERRITORIES, Lang, parse_lang


@pytest.mark.parametrize("raw", sorted(_COMMON))
def test_common_spellings_parse_as_babel_does(raw: str) -> None:
    """The table that spares Babel's import agrees with Babel on every spelling it holds."""
    loc = Locale.parse(raw)
    traditional = loc.language == "zh" and (
        loc.script == "Hant" or (loc.script is None
                                 and (loc.territory or "") in _TRADITIONAL_TERRITORIES))
    assert parse_lang(raw) == Lang(loc.language, traditional)
    assert parse_lang(raw.replace("_", "-")) == parse_lang(raw)


@pytest.mark.parametrize("raw,expected", [("ru_UA", Lang("ru")), ("zh_Hant_HK", Lang("zh", True)),
                                          ("en_SG", Lang("en"))])
def test_other_spellings_go_through_babel(raw: str, expected: Lang) -> None:
    assert parse_lang(raw) == expected


@pytest.mark.parametrize("raw", ["", "fr", "xx", "ru_XX_YY"])
def test_unsupported_or_unknown_is_an_error(raw: str) -> None:
    with pytest.raises(LanguageError):
        parse_lang(raw)
