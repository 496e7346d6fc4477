"""TK5xx: glossary terms, via the glossary matcher (Russian inflections, Chinese without
spaces, Traditional folded to Simplified).

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


def _mentions(ctx, side: str, text: str) -> list:
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


@rule("TK501", "glossary-term-missing", "warning", "pair", langs=_LANGS)
def glossary_term_missing(src: str, tgt: str, e, ctx):
    """A glossary term in the source whose approved target-language term is missing from the
    translation (inflected Russian forms and Chinese without spaces count as present)."""
    if not _applies(ctx):
        return None
    source = _mentions(ctx, "source", src)
    if not source:
        return None
    target = _mentions(ctx, "target", tgt)
    present = {m.concept_id for m in target}
    hits = []
    reported: set[str] = set()
    for m in source:
        if m.concept_id in present or m.concept_id in reported or m.term.dnt:
            continue
        concept = ctx.glossary.get(m.concept_id)
        if concept is None:
            continue
        expected = concept.suggestion(ctx.lang, like=m.term)
        if expected is None:
            continue
        reported.add(m.concept_id)
        hits.append(Hit(f"glossary term {m.surface!r} ({m.concept_id}) not rendered as "
                        f"{expected.text!r}", expected.text))
    return hits or None


@rule("TK502", "glossary-rejected-term", "error", "pair", langs=_LANGS)
def glossary_rejected_term(src: str, tgt: str, e, ctx):
    """The translation uses a term the glossary marks forbidden (error) or deprecated
    (warning)."""
    if not _applies(ctx):
        return None
    hits = []
    for m in _mentions(ctx, "target", tgt):
        if m.term.status not in ("forbidden", "deprecated"):
            continue
        concept = ctx.glossary.get(m.concept_id)
        better = concept.suggestion(ctx.lang, like=m.term) if concept is not None else None
        sev = Severity.ERROR if m.term.status == "forbidden" else Severity.WARNING
        hits.append(Hit(f"{m.term.status} term {m.surface!r} ({m.concept_id})"
                        + (f"; use {better.text!r}" if better else ""),
                        better.text if better else None, column=1, severity=sev))
    return hits or None


@rule("TK503", "glossary-dnt-translated", "error", "pair", langs=_LANGS)
def glossary_dnt_translated(src: str, tgt: str, e, ctx):
    """A do-not-translate term of the source is not kept verbatim in the translation."""
    if not _applies(ctx):
        return None
    hits = []
    for m in _mentions(ctx, "source", src):
        if m.term.dnt and m.term.text not in tgt and m.surface not in tgt:
            hits.append(Hit(f"do-not-translate term {m.surface!r} changed or missing",
                            m.term.text))
    return hits or None
