"""The toolkit's own UI messages in the user's language, from the gettext catalogs in locales/.

Catalogs are the ``.po`` files under ``locales/<lang>/LC_MESSAGES/toolkit.po`` (the source of
truth, checked by ``toolkit check`` in CI; ``toolkit/data/locales`` links to them so wheels ship
them); they are compiled in memory on first use, so there is no build step and no stale ``.mo``.
The language comes from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, like every gettext program;
anything we have no catalog for falls back to English.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "toolkit"
_PACKAGE = Path(__file__).resolve().parent
LOCALE_DIRS = (_PACKAGE.parent / "locales", _PACKAGE / "data" / "locales")


def ui_language(env: dict[str, str] | None = None) -> str | None:
    """The UI language the environment asks for, as a catalog folder name (ru, zh_Hans)."""
    env = dict(os.environ if env is None else env)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").split(":")[0].split(".")[0].strip()
        if not value:
            continue
        if value in ("C", "POSIX"):
            return None
        lang = value.replace("-", "_")
        base = lang.split("_")[0].lower()
        if base == "zh":
            traditional = any(t in lang for t in ("Hant", "TW", "HK", "MO"))
            return "zh_Hant" if traditional else "zh_Hans"
        return base
    return None


@lru_cache(maxsize=8)
def translations(lang: str | None) -> gettext.NullTranslations:
    """Compiled translations for *lang* (NullTranslations when there is no catalog)."""
    if not lang:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for folder in LOCALE_DIRS:
        po = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            buf = io.BytesIO()
            write_mo(buf, catalog)
            buf.seek(0)
            return gettext.GNUTranslations(buf)
    return gettext.NullTranslations()


def _(message: str) -> str:
    """Translate a UI message into the user's language."""
    return translations(ui_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a UI message with a count (Russian has three plural forms)."""
    return translations(ui_language()).ngettext(singular, plural, n)
