"""TK3xx: translation state: untranslated, fuzzy, plural form count, blank, unchanged,
completeness."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from toolkit.i18n import Message
from toolkit.lint.prefilter import Pairs, singular_pairs
from toolkit.lint.registry import Hit, locale_pass, rule
from toolkit.po.plurals import form_gaps
from toolkit.text.placeholders import strip_protected


@rule("TK301", "untranslated", "info", "entry", when=("untranslated",))
def untranslated(e, ctx):
    """Entry has no translation."""
    if e.msgid_plural is None:
        if not e.msgstr and e.msgid:
            return Message("untranslated")
        return None
    if not any(e.msgstr_plural.values()):
        return Message("untranslated")
    return None


@rule("TK302", "fuzzy", "info", "entry", when=("fuzzy",))
def fuzzy(e, ctx):
    """Entry is marked fuzzy (not used at run time until reviewed)."""
    if e.flags and "fuzzy" in e.flags:
        return Hit(Message("fuzzy translation (not used until reviewed)"),
                   Message("review it and remove the flag"))
    return None


@rule("TK303", "plural-form-count", "error", "entry", when=("plural",))
def plural_form_count(e, ctx):
    """A plural entry's msgstr[i] forms do not match nplurals (missing forms are not padded).

    As msgfmt: only a translation that will be used counts. An untranslated entry (every form
    empty: Weblate writes two empty forms whatever nplurals says) is TK301's; a fuzzy one is
    checked only with ``check-fuzzy`` (``msgfmt -c --use-fuzzy``)."""
    if e.msgid_plural is None or not any(e.msgstr_plural.values()):
        return None
    if e.flags and "fuzzy" in e.flags and not ctx.settings.check_fuzzy:
        return None
    forms = sorted(e.msgstr_plural)
    n = ctx.plural.nplurals if ctx.plural is not None else None
    expected = list(range(n)) if n is not None else list(range(len(forms)))
    if forms == expected:
        return None
    missing, extra = form_gaps(forms, len(expected))
    parts = []
    if missing:
        parts.append(Message("missing {forms}",
                             forms=", ".join(f"msgstr[{i}]" for i in missing)))
    if extra:
        parts.append(Message("unexpected {forms}",
                             forms=", ".join(f"msgstr[{i}]" for i in extra)))
    if n is None:
        return Message("plural forms {problems}", problems=parts[0]) if len(parts) == 1 else \
            Message("plural forms {missing}; {unexpected}", missing=parts[0], unexpected=parts[1])
    if len(parts) == 1:
        return Message("plural forms {problems} (nplurals={n})", problems=parts[0], n=n)
    return Message("plural forms {missing}; {unexpected} (nplurals={n})", missing=parts[0],
                   unexpected=parts[1], n=n)


@rule("TK304", "blank", "warning", "entry", when=("plural", "leading-space"))
def blank(e, ctx):
    """Translation is only whitespace, or some plural forms are empty while others are not."""
    if e.flags and "fuzzy" in e.flags:
        return None
    if e.msgid_plural is None:
        if e.msgstr and not e.msgstr.strip() and e.msgid.strip():
            return Message("translation is only whitespace")
        return None
    values = e.msgstr_plural.values()
    empty = [i for i, v in sorted(e.msgstr_plural.items()) if not v.strip()]
    if empty and len(empty) < len(values):
        return Message("plural form(s) {forms} empty",
                       forms=", ".join(f"msgstr[{i}]" for i in empty))
    return None


_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_NAME_JOINERS = frozenset({"and", "of", "the", "for", "in", "on", "to", "a", "an", "with", "de"})


def legitimately_unchanged(text: str) -> bool:
    """Text a translation may keep as is: numbers, symbols, placeholders, URLs, e-mails,
    acronyms (``URL``, ``JSON``), names (``Django``, ``PostgreSQL``, ``GeoJSON``),
    identifiers (``utf-8``, ``file_name``), units glued to a placeholder (``%(t)0.2fms``)
    and regular expressions (``^account/$``)."""
    if _LETTER.search(text) is None:
        return True
    tokens = strip_protected(text, sep="\x00").split()
    words = []
    for tok in tokens:
        if (re.search(r"[_./\\@#:=\x00]\w", tok) or re.search(r"\d", tok)
                or tok.startswith("^") or tok.endswith("$")):
            continue  # identifiers, file names, versions, codes, units glued to a
            # placeholder (%(cum)0.2fms), regular expressions (^account/$)
        words.extend(_WORD.findall(tok))
    if not words:
        return True
    # every word an acronym or a capitalised name (no ordinary lowercase word but the small
    # words of a name: Common Vulnerabilities and Exposures)
    return all(w[0].isupper() or len(w) == 1 or w in _NAME_JOINERS for w in words) and any(
        w[0].isupper() for w in words)


_TITLE_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def _title_words(text: str) -> list[str]:
    """Capitalised ordinary-looking words (``Save``, ``Django``): a name or an English word,
    which only the catalog can tell (acronyms, ``PostgreSQL``, ``GeoJSON`` are names)."""
    return [w for w in _WORD.findall(strip_protected(text)) if _TITLE_WORD.fullmatch(w)]


def _name_evidence(ctx) -> dict[str, list[int]]:
    """Per capitalised word of the catalog's sources: [kept, translated], counting the
    translated entries whose translation keeps the word verbatim or not (``Django
    administration`` -> ``Администрирование Django`` keeps a name; ``Save and add another``
    -> ``Сохранить и добавить другой объект`` translates a word). Built once per file."""
    evidence = ctx.cache.get("TK305")
    if evidence is None:
        evidence = ctx.cache["TK305"] = {}
        pairs, skip = singular_pairs(ctx)
        srcs, tgts = pairs.srcs, pairs.tgts
        # only the words of entries left unchanged are ever asked about: count those alone
        # (splitting every translation into words was most of a large catalog's TK305 time)
        asked = {w for i in pairs.identical() if i not in skip
                 for w in _TITLE_WORD.findall(srcs[i])}
        if not asked:
            return evidence
        # the asked words as whole words: the asked title words of a source (a title word is
        # a whole run of letters, so the matches are the same), found by one scan of all the
        # sources. Each word's leading \b is asked after its first letter, (?<!\w.): an
        # alternation whose branches all start with a letter is searched for by those first
        # letters, fast, where one starting with \b is tried at every position (3x slower).
        # One branch per first letter, the words' rests inside it: at a capital, re tries the
        # rests of its words alone, not every word in turn (one word at most is followed by
        # \b there, so the matches are the same)
        alternatives = "|".join(
            first + r"(?<!\w.)(?:" + "|".join(w[1:] for w in group) + ")"
            for first, group in groupby(sorted(asked), key=itemgetter(0)))
        for i, words in pairs.findall_each(rf"(?:{alternatives})\b").items():
            msgid = srcs[i]
            msgstr = tgts[i]
            if msgstr == msgid or i in skip:
                continue
            # a word not even inside the translation is not kept: split it only when needed
            kept = (set(_WORD.findall(msgstr)) if any(w in msgstr for w in words)
                    else ())
            for w in set(words):
                counts = evidence.setdefault(w, [0, 0])
                counts[0 if w in kept else 1] += 1
    return evidence


def _glossary_keeps(ctx, text: str) -> bool:
    """Whether the configured glossary names all of *text* by a term that the target
    language writes the same (``Python`` -> ``Python``) or that is not to be translated."""
    if ctx.glossary is None:
        return False
    from toolkit.lint.checks.glossary import glossary_mentions

    whole = text.strip()
    for m in glossary_mentions(ctx, "source", text):
        if m.surface != whole:
            continue
        concept = ctx.glossary.get(m.concept_id)
        if m.term.dnt or (concept is not None and any(
                t.text == whole and t.approved for t in concept.terms_for(ctx.lang))):
            return True
    return False


@rule("TK305", "unchanged", "warning", "pair", langs=("ru", "zh"), select=Pairs.identical)
def unchanged(src: str, tgt: str, e, ctx):
    """Translation identical to the source (names, acronyms, numbers, URLs excepted); for
    Russian and Chinese targets, where an English string left as is cannot be a cognate.

    A capitalised word (``Save``, ``Django``) is a name when other entries of the catalog
    keep it verbatim in their translations; one they translate, or a single word with no
    such evidence, is English left untranslated."""
    if src != tgt:
        return None
    if (ctx.lang or (ctx.locale or "")[:2]) == ctx.settings.source_lang:
        return None
    if legitimately_unchanged(src):
        words = _title_words(src)
        if not words:
            return None
        evidence = _name_evidence(ctx)
        counts = [evidence.get(w, [0, 0]) for w in words]
        translated = [w for w, (kept, tr) in zip(words, counts, strict=True) if tr > kept]
        if translated:
            return Hit(Message("translation is identical to the source; {word!r} is "
                               "translated in other entries of this catalog",
                               word=translated[0]),
                       Message("translate it, or add '# toolkit-ignore: TK305' if it is a "
                               "name"))
        if len(words) > 1 or counts[0][0] or len(_WORD.findall(src)) > 1:
            return None
        if _glossary_keeps(ctx, src):
            return None  # the project's glossary writes it so in the target: a name
        return Hit(Message("translation is identical to the source: the English word "
                           "{word!r} (no other entry keeps it as a name)", word=words[0]),
                   Message("translate it, or add '# toolkit-ignore: TK305' if it is a name"))
    return Hit(Message("translation is identical to the source"),
               Message("translate it, or add '# toolkit-ignore: TK305' if it is right as is"))


def percent_pair(value: float, limit: float) -> tuple[str, str]:
    """*value* and *limit* as percentages, *value* with as many decimals (1 to 6) as it takes
    to show it below the limit (not "88.3 % ... below the required 88.3 %")."""
    for digits in range(1, 7):
        if round(value, digits) < limit:
            return f"{round(value, digits):.{digits}f}", f"{limit:g}"
    return f"{math.floor(value * 1e6) / 1e6:.6f}", f"{limit:g}"


@rule("TK306", "completeness", "error", "catalog")
def completeness(ctx) -> Iterator[Hit]:
    """Translated share below --min-translated percent (per file and per locale)."""
    result = ctx.cache.get("result")
    limit = ctx.settings.min_translated
    if result is None or limit is None or ctx.template:
        return
    if result.percent_translated < limit:
        pct, need = percent_pair(result.percent_translated, limit)
        yield Hit(Message("{percent}% translated ({done} of {total}), below the required "
                          "{need}%", percent=pct, done=result.translated, total=result.total,
                          need=need), line=0)


@locale_pass("TK306")
def locale_completeness(contexts) -> Iterator[tuple[object, Hit]]:
    """One finding on each catalog of a locale below the limit (so SARIF and annotations
    point at files, not at a folder)."""
    limit = contexts[0].settings.min_translated
    if limit is None:
        return
    results = [c.cache["result"] for c in contexts if "result" in c.cache]
    total = sum(r.total for r in results)
    done = sum(r.translated for r in results)
    pct = 100.0 * done / total if total else 100.0
    if pct < limit:
        shown, need = percent_pair(pct, limit)
        for ctx in contexts:
            yield ctx, Hit(Message("locale {locale}: {percent}% translated ({done} of "
                                   "{total} entries in {files} files), below the required "
                                   "{need}%", locale=contexts[0].locale, percent=shown,
                                   done=done, total=total, files=len(contexts), need=need),
                           line=0)
