"""One place that turns user language codes into the toolkit's three languages.

Users write ``en``, ``ru``, ``zh``, ``zh-Hans``, ``zh_CN``, ``zh-Hant``, ``zh_TW``, ``ru_RU``,
``en-GB``... Babel's ``Locale`` parses them; we keep the base language and, for Chinese,
whether the script is Traditional (the models are Simplified; OpenCC converts around them).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from toolkit.errors import LanguageError
from toolkit.i18n import _

SUPPORTED = ("en", "ru", "zh")
_TRADITIONAL_TERRITORIES = {"TW", "HK", "MO"}
# The spellings catalogs and users write most, all CLDR locales: parsed without loading Babel
# (~20-40 ms of a `toolkit check` start-up); anything else goes through Babel's Locale.
_COMMON = {"en": ("en", False), "en_US": ("en", False), "en_GB": ("en", False),
           "en_AU": ("en", False), "en_CA": ("en", False), "en_IE": ("en", False),
           "en_IN": ("en", False), "en_NZ": ("en", False), "en_ZA": ("en", False),
           "ru": ("ru", False), "ru_RU": ("ru", False),
           "zh": ("zh", False), "zh_Hans": ("zh", False), "zh_CN": ("zh", False),
           "zh_SG": ("zh", False), "zh_Hans_CN": ("zh", False),
           "zh_Hant": ("zh", True), "zh_TW": ("zh", True), "zh_HK": ("zh", True),
           "zh_MO": ("zh", True), "zh_Hant_TW": ("zh", True)}


class Lang(NamedTuple):
    """A supported language: ``code`` is en/ru/zh; ``traditional`` only for Chinese.

    A named tuple, not a frozen dataclass, which compiles its methods when this module is
    imported: every catalog command that reads a language pays that at start-up."""

    code: str
    traditional: bool = False

    @property
    def tag(self) -> str:
        """BCP 47 tag for display and metadata (``zh-Hant`` for Traditional)."""
        if self.code == "zh":
            return "zh-Hant" if self.traditional else "zh-Hans"
        return self.code

    def __str__(self) -> str:
        return self.tag


@lru_cache(maxsize=256)
def parse_lang(code: str) -> Lang:
    """Parse a user language code; raise :class:`LanguageError` for anything unsupported."""
    raw = (code or "").strip()
    if not raw:
        raise LanguageError(_("empty language code"))
    common = _COMMON.get(raw.replace("-", "_"))
    if common is not None:
        return Lang(*common)  # the common spellings without Babel (common_base)
    from babel import Locale, UnknownLocaleError

    try:
        loc = Locale.parse(raw.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as exc:
        raise LanguageError(_("unknown language code {code!r}; supported: {supported}").format(
            code=code, supported=", ".join(SUPPORTED))) from exc
    if loc.language not in SUPPORTED:
        raise LanguageError(_("unsupported language {code!r}; supported: {supported} (Chinese "
                              "also as zh-Hans, zh-Hant, zh_CN, zh_TW)").format(
            code=code, supported=", ".join(SUPPORTED)))
    traditional = False
    if loc.language == "zh":
        traditional = loc.script == "Hant" or (
            loc.script is None and (loc.territory or "") in _TRADITIONAL_TERRITORIES
        )
    return Lang(loc.language, traditional)


def common_base(code: str) -> str | None:
    """en/ru/zh for the common spellings of :data:`_COMMON` (``ru``, ``zh_Hans``, ``zh-TW``),
    without Babel; None for anything else (ask :func:`parse_lang`)."""
    common = _COMMON.get(code.strip().replace("-", "_"))
    return common[0] if common else None


def normalize(code: str) -> str:
    """Return the base code (en/ru/zh) of a user language code."""
    return parse_lang(code).code
