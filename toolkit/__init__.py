"""toolkit: offline, glossary-aware translation and localization for ru, en and zh.

The public API, importable from the top level; each name loads its module on first use so
``import toolkit`` stays cheap (no ctranslate2, pymorphy3 or OpenCC until needed)::

    from toolkit import translate_text, load_glossary, check_paths
    result = translate_text(text, "en", "ru", fmt="markdown")
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "translate_text": "toolkit.pipeline",
    "translate_sentences": "toolkit.pipeline",
    "resolve_route": "toolkit.pipeline",
    "TranslationResult": "toolkit.pipeline",
    "EngineSettings": "toolkit.mt.engine",
    "find_package": "toolkit.mt.store",
    "installed_packages": "toolkit.mt.store",
    "install_archive": "toolkit.mt.store",
    "load_glossary": "toolkit.glossary",
    "shipped_glossary_paths": "toolkit.glossary",
    "find_mentions": "toolkit.glossary.match",
    "check_translation": "toolkit.glossary.consistency",
    "check_paths": "toolkit.lint",
    "split_document": "toolkit.text.segment",
    "split_sentences": "toolkit.text.segment",
    "detect_language": "toolkit.text.scripts",
    "parse_lang": "toolkit.langs",
    "ToolkitError": "toolkit.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
