"""TK5xx: glossary terms: thin wrappers over the glossary checks
(:mod:`toolkit.glossary.consistency`), so ``glossary check``, the translation verify step and
these rules report the same findings from one implementation.

Active only when a glossary is configured (``glossary = [...]`` or ``--glossary``). The
matchers are built once per glossary and language (``matcher_for`` caches them) and each
source string is matched once even when several plural forms translate it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from toolkit.lint.model import Severity
from toolkit.lint.registry import Hit, rule

_LANGS = ("en", "ru", "zh")


def build_index(paths: Iterable[str | os.PathLike[str]]) -> Any:
    """Load the glossary files (``"shipped"`` = the bundled glossary) for the TK5xx rules."""
    from toolkit.glossary import load_glossary, shipped_glossary_paths

    files: list[Any] = []
    for p in paths:
        if str(p) == "shipped":
            files.extend(shipped_glossary_paths())
        else:
            files.append(p)
    return load_glossary(files)


def glossary_mentions(ctx, side: str, text: str) -> list:
    """Mentions of glossary terms in *text* (cached per file for the source side)."""
    from toolkit.glossary.match import matcher_for

    lang = ctx.settings.source_lang if side == "source" else ctx.lang
    cache = ctx.cache.setdefault(f"glossary-{side}", {})
    found = cache.get(text)
    if found is None:
        key = f"matcher-{side}"
        matcher = ctx.cache.get(key)
        if matcher is None:
            matcher = ctx.cache[key] = matcher_for(ctx.glossary, lang)
        found = matcher.find(text)
        if side == "source":
            if len(cache) > 4096:
                cache.clear()
            cache[text] = found
    return found


def _applies(ctx) -> bool:
    return ctx.glossary is not None and ctx.lang in _LANGS and ctx.lang != \
        ctx.settings.source_lang


def _hits(findings: list) -> list[Hit] | None:
    """The glossary checks' findings as rule hits (one finding type: the glossary's)."""
    return [Hit(f.message, f.suggestion, severity=Severity(f.severity))
            for f in findings] or None


@rule("TK501", "glossary-term-missing", "warning", "pair", langs=_LANGS)
def glossary_term_missing(src: str, tgt: str, e, ctx):
    """A glossary term in the source whose approved target-language term is missing from the
    translation (inflected Russian forms and Chinese without spaces count as present)."""
    from toolkit.glossary.consistency import missing_terms

    if not _applies(ctx):
        return None
    source = glossary_mentions(ctx, "source", src)
    if not source:
        return None
    found = missing_terms(ctx.glossary, source, glossary_mentions(ctx, "target", tgt), ctx.lang,
                          tgt)
    # at the rule's severity (a warning, as the rule table says), not GL101's error
    return [Hit(f.message, f.suggestion) for f in found if f.kind == "missing-term"] or None


@rule("TK502", "glossary-rejected-term", "error", "pair", langs=_LANGS)
def glossary_rejected_term(src: str, tgt: str, e, ctx):
    """The translation uses a term the glossary marks forbidden (error) or deprecated
    (warning)."""
    from toolkit.glossary.consistency import rejected_terms

    if not _applies(ctx):
        return None
    return _hits(rejected_terms(ctx.glossary, glossary_mentions(ctx, "target", tgt), ctx.lang))


@rule("TK503", "glossary-dnt-translated", "error", "pair", langs=_LANGS)
def glossary_dnt_translated(src: str, tgt: str, e, ctx):
    """A do-not-translate term of the source is not kept verbatim in the translation."""
    from toolkit.glossary.consistency import missing_terms

    if not _applies(ctx):
        return None
    found = missing_terms(ctx.glossary, glossary_mentions(ctx, "source", src), [], ctx.lang, tgt)
    return _hits([f for f in found if f.kind == "dnt-changed"])
