"""``toolkit translate`` through the real CLI and demo models on text written for the third
new-user trial (another university, province and partner institute than the shipped glossary
and the earlier trials): what the toolkit promises holds whatever the demo model writes."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli


@pytest.mark.parametrize(("city", "target", "stop"), [("Москва", "en", "."),
                                                     ("Казань", "zh", "。")])
def test_a_russian_dateline_keeps_its_full_stop(city: str, target: str, stop: str) -> None:
    """The point of ``2026 г.`` ending a sentence is also its full stop. The date was
    protected with it, so the model saw a sentence without a stop and the dateline ran into
    the next sentence: 'Irkutsk 14 May 2026 Ural Federal University ...'."""
    date = {"en": "14 May 2026", "zh": "2026年5月14日"}[target]
    for source in (f"{city}, 14 мая 2026 г. Университет подписал соглашение.\n",
                   f"{city}, 14 мая 2026 г.\n\nУниверситет подписал соглашение.\n"):
        result = CliRunner().invoke(cli, ["translate", "-", "--from", "ru", "--to", target,
                                          "--no-shipped", "-q"], input=source)
        assert result.exit_code == 0, result.output
        assert re.search(re.escape(date + stop), result.stdout), result.stdout
    # a date inside a sentence keeps its abbreviation's point in the protected span
    inside = "Соглашение подписано 14 мая 2026 г. в Москве.\n"
    result = CliRunner().invoke(cli, ["translate", "-", "--from", "ru", "--to", target,
                                      "--no-shipped", "-q"], input=inside)
    assert result.exit_code == 0, result.output
    assert date in result.stdout and "г." not in result.stdout
