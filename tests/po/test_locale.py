"""A catalog's locale from its path: only names that are locales count."""

from __future__ import annotations

import pytest

from toolkit.po.locale import detect_locale, gettext_locale, locale_from_path


@pytest.mark.parametrize(("path", "locale"), [
    ("locales/ru/LC_MESSAGES/django.po", "ru"),
    ("locale/zh_Hans/LC_MESSAGES/messages.po", "zh_Hans"),
    ("po/ru.po", "ru"),
    ("i18n/messages.pt_BR.po", "pt_BR"),
    ("translations/zh-Hant/app.po", "zh-Hant"),
    ("ok.po", None),            # a file name that only looks like a code
    ("bad/fix.po", None),
    ("catalogs/new.po", None),
])
def test_locale_from_path(path: str, locale: str | None) -> None:
    assert locale_from_path(path) == locale


@pytest.mark.parametrize(("code", "spelled"), [
    ("zh-Hant", "zh_Hant"), ("zh_hant", "zh_Hant"), ("ZH-tw", "zh_TW"), ("pt-br", "pt_BR"),
    ("sr-latn-rs", "sr_Latn_RS"), ("es-419", "es_419"), ("ru_RU", "ru_RU"), ("ru", "ru"),
    ("sr_RS@latin", "sr_RS@latin"), ("de_DE.UTF-8", "de_DE.UTF-8"), (" ru ", "ru"),
    ("Russian language", "Russian language"), ("", ""),
])
def test_gettext_locale(code: str, spelled: str) -> None:
    assert gettext_locale(code) == spelled


def test_detect_locale_spells_header_and_path_alike() -> None:
    assert detect_locale("x.po", {"Language": "zh-Hant"}) == "zh_Hant"
    assert detect_locale("translations/zh-Hant/app.po", {}) == "zh_Hant"
    assert detect_locale("x.po", {}) is None


def test_a_file_name_is_not_a_language_contradiction(tmp_path) -> None:
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    po = tmp_path / "ok.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; '
                  'charset=UTF-8\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 '
                  '? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
                  'msgid "File"\nmsgstr "Файл"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(po), "--format", "json"])
    assert "TK010" not in result.stdout, result.stdout


@pytest.mark.parametrize(("locale", "lang"), [
    ("ru", "ru"), ("ru_RU", "ru"), ("zh_Hans", "zh"), ("zh-TW", "zh"), ("en_AU", "en"),
    ("de", None), ("pt_BR", None), ("sr@latin", None), ("xx", None), ("", None), (None, None),
    ("ru_XX_YY", None),
])
def test_toolkit_lang(locale: str | None, lang: str | None) -> None:
    from toolkit.po.locale import toolkit_lang

    assert toolkit_lang(locale) == lang
