"""One place that turns user language codes into the toolkit's three languages.

Users write ``en``, ``ru``, ``zh``, ``zh-Hans``, ``zh_CN``, ``zh-Hant``, ``zh_TW``, ``ru_RU``,
``en-GB``... Babel's ``Locale`` parses them; we keep the base language and, for Chinese,
whether the script is Traditional (the models are Simplified; OpenCC converts around them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from toolkit.errors import LanguageError

SUPPORTED = ("en", "ru", "zh")
_TRADITIONAL_TERRITORIES = {"TW", "HK", "MO"}


@dataclass(frozen=True)
class Lang:
    """A supported language: ``code`` is en/ru/zh; ``traditional`` only for Chinese."""

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
        raise LanguageError("empty language code")
    try:
        loc = Locale.parse(raw.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as exc:
        raise LanguageError(
            f"unknown language code {code!r}; supported: {', '.join(SUPPORTED)}"
        ) from exc
    if loc.language not in SUPPORTED:
        raise LanguageError(
            f"unsupported language {code!r}; supported: {', '.join(SUPPORTED)} "
            "(Chinese also as zh-Hans, zh-Hant, zh_CN, zh_TW)"
        )
    traditional = False
    if loc.language == "zh":
        traditional = loc.script == "Hant" or (
            loc.script is None and (loc.territory or "") in _TRADITIONAL_TERRITORIES
        )
    return Lang(loc.language, traditional)


def normalize(code: str) -> str:
    """Return the base code (en/ru/zh) of a user language code."""
    return parse_lang(code).code
