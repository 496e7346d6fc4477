"""Which locale a catalog is for: its ``Language`` header, else its path.

Shared by the checker and the catalog commands, so both name a catalog's locale the same way.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

__all__ = ["detect_locale", "gettext_locale", "known_locale", "locale_from_path", "toolkit_lang"]

_LOCALE_DIR = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")
_LOCALE_CODE = re.compile(r"^([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*)([.@][^\s]*)?$")


def gettext_locale(code: str) -> str:
    """*code* spelled as gettext names locales (the ``Language`` header, the folder above
    ``LC_MESSAGES``): ``zh-Hant`` -> ``zh_Hant``, ``pt-br`` -> ``pt_BR``, ``sr-latn-rs`` ->
    ``sr_Latn_RS``. The language in lower case, a script in title case, a region in upper
    case, joined by ``_``; a ``.charset`` or ``@modifier`` is kept as written. Users and
    BCP 47 write ``zh-Hant``, but gettext looks for ``zh_Hant``; one spelling also keeps a
    ``zh-Hant`` and a ``zh_Hant`` catalog in one locale. Anything not shaped like a locale
    code comes back as given (stripped)."""
    raw = code.strip()
    m = _LOCALE_CODE.match(raw)
    if not m:
        return raw
    parts = re.split(r"[-_]", m.group(1))
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())  # script: Hant, Latn
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())  # region: TW, BR, 419
        else:
            out.append(part)  # a variant, as written
    return "_".join(out) + (m.group(2) or "")


def detect_locale(path: str | os.PathLike[str], header: dict[str, str]) -> str | None:
    """The catalog's locale: the header's ``Language``, else the path (``ru/LC_MESSAGES``,
    ``ru.po``, ``messages.zh_Hans.po``), spelled as gettext does (:func:`gettext_locale`)."""
    value = header.get("Language", "").strip() or locale_from_path(path)
    return gettext_locale(value) if value else None


@functools.lru_cache(maxsize=512)
def known_locale(piece: str) -> bool:
    """A name that looks like a locale AND that CLDR knows (so ``ok.po`` or ``bad/`` is not;
    also a URL's language segment: ``/en/`` -> ``/ru/``)."""
    if not _LOCALE_DIR.match(piece):
        return False
    from toolkit.langs import common_base

    if common_base(piece):
        return True  # ru, zh_Hans...: no need to load Babel
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(piece.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


def locale_from_path(path: str | os.PathLike[str]) -> str | None:
    """The locale a catalog's path names: the folder above ``LC_MESSAGES`` (any locale-shaped
    name: the layout says so), else a file-name part or the parent folder that CLDR knows."""
    p = Path(path)
    parts = p.parts
    if "LC_MESSAGES" in parts:
        i = parts.index("LC_MESSAGES")
        if i > 0 and _LOCALE_DIR.match(parts[i - 1]):
            return parts[i - 1]
    for piece in reversed(p.stem.split(".")):
        if known_locale(piece):
            return piece
    if len(parts) > 1 and known_locale(parts[-2]):
        return parts[-2]
    return None


def toolkit_lang(locale: str | None) -> str | None:
    """en/ru/zh for a locale the toolkit knows, else None (rules then stay generic)."""
    if not locale:
        return None
    from toolkit.errors import LanguageError
    from toolkit.langs import SUPPORTED, normalize

    if locale.replace("-", "_").split("_")[0].lower() not in SUPPORTED:
        return None  # de, pt_BR...: not ours, whatever Babel would say of the rest of the name

    try:
        return normalize(locale)
    except LanguageError:
        return None
