"""The toolkit's own UI catalogs are used at run time and follow the environment's language."""

from __future__ import annotations

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.i18n import translations, ui_language


def test_ui_language_from_environment() -> None:
    assert ui_language({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert ui_language({"LANGUAGE": "zh_CN:en", "LANG": "ru_RU.UTF-8"}) == "zh_Hans"
    assert ui_language({"LC_ALL": "zh_TW.UTF-8"}) == "zh_Hant"
    assert ui_language({"LANG": "C.UTF-8"}) is None
    assert ui_language({}) is None


def test_catalogs_translate_cli_messages() -> None:
    assert translations("ru").gettext("toolkit: error: {message}") != "toolkit: error: {message}"
    assert "{message}" in translations("zh_Hans").gettext("toolkit: error: {message}")
    assert translations("de").gettext("Translating") == "Translating"


def test_error_message_in_russian(monkeypatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ru")
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "de"], input="Hi.")
    assert result.exit_code == 2
    expected = translations("ru").gettext("toolkit: error: {message}").split("{")[0]
    assert result.stderr.startswith(expected)
    assert "toolkit: error:" not in result.stderr
