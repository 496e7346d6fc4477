"""Plural-Forms headers checked against CLDR (via Babel), without evaluating untrusted code.

A gettext ``plural=`` expression is correct for a language when, over the integers, it splits
numbers exactly as CLDR's integer categories do: every CLDR category maps to one form and
every form used by integers to one category. So Russian's classic ``nplurals=3`` and
Transifex's CLDR-style ``nplurals=4`` (the 4th form for fractions) are both accepted, while a
formula that sends 11 to the "one" form is not.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["PluralInfo", "parse_plural_forms", "cldr_problem", "expected_plural_forms",
           "sample_numbers"]

# every residue mod 10 and mod 100 (what CLDR integer rules look at) and a few thousands; not
# millions: CLDR's "many" for 1000000 in French/Spanish/Italian is about compact notation
_SAMPLE = tuple(range(0, 230)) + (1000, 1001, 1011, 1021, 1101, 10001)
_HEADER_RE = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)


@dataclass(frozen=True)
class PluralInfo:
    """A parsed Plural-Forms header."""

    nplurals: int
    expression: str
    func: Callable[[int], int]
    #: forms chosen by exactly one integer (English "one" = n==1): a form may drop the number
    single_value_forms: frozenset[int]


@lru_cache(maxsize=64)
def parse_plural_forms(value: str) -> PluralInfo | str:
    """Parse ``nplurals=N; plural=EXPR;`` -> PluralInfo, or an error message."""
    m = _HEADER_RE.match(value)
    if not m:
        return "Plural-Forms must look like 'nplurals=N; plural=EXPR;'"
    nplurals = int(m.group(1))
    expr = m.group(2).strip()
    if nplurals < 1:
        return "nplurals must be at least 1"
    try:
        func = gettext.c2py(expr)
    except (ValueError, RecursionError) as exc:
        return f"plural expression {expr!r} is invalid: {exc}"
    counts: dict[int, int] = {}
    try:
        for n in _SAMPLE:
            idx = int(func(n))
            counts[idx] = counts.get(idx, 0) + 1
    except (ZeroDivisionError, ValueError, TypeError) as exc:
        return f"plural expression {expr!r} fails: {exc}"
    bad = sorted(i for i in counts if i < 0 or i >= nplurals)
    if bad:
        return f"plural expression gives form {bad[0]} but nplurals={nplurals}"
    single = frozenset(i for i, c in counts.items() if c == 1)
    return PluralInfo(nplurals, expr, func, single)


def sample_numbers(info: PluralInfo, limit: int = 4) -> dict[int, tuple[int, ...]]:
    """For each form, the first *limit* numbers that select it, two-digit ones first (then
    2..9; a form only 0 or 1 selects, like English "one", has none): numbers to put in a
    source sentence so that a model writes the words of that form (Russian 22 -> "few", 10 ->
    "many", 21 -> "one"). Two digits because a model spells small numbers as words or
    repeats them (the en-ru demo model writes "2 laboratories" as "22 лаборатории")."""
    out: dict[int, list[int]] = {}
    for n in (*range(10, 101), *range(2, 10)):
        found = out.setdefault(int(info.func(n)), [])
        if len(found) < limit:
            found.append(n)
    return {form: tuple(ns) for form, ns in sorted(out.items())}


# CLDR's integer category of each _SAMPLE number (one letter each: Zero One Two Few Many
# other=X) and the number of categories, for the toolkit's own languages: their catalogs are
# checked without importing Babel and loading its locale data (~30-50 ms of every `toolkit
# check` start-up). A copy of Babel's answer, not a second source: tests/po/test_plurals.py
# compares it with the installed Babel (and prints the replacement if it ever differs).
CLDR_CATEGORY_LETTERS = {"zero": "z", "one": "o", "two": "t", "few": "f", "many": "m",
                         "other": "x"}
CLDR_SIGNATURES: dict[str, tuple[int, str]] = {
    "en": (2, "xoxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    "ru": (4, "mofffmmmmmmmmmmmmmmmmofffmmmmmmofffmmmmmmofffmmmmmmofffmmmmmmofffmmmmmmofffmmmmm"
              "mofffmmmmmmofffmmmmmmofffmmmmmmmmmmmmmmmmofffmmmmmmofffmmmmmmofffmmmmmmofffmmmmm"
              "mofffmmmmmmofffmmmmmmofffmmmmmmofffmmmmmmofffmmmmmmmmmmmmmmmmofffmmmmmmomooo"),
    "zh": (1, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
}
_LETTER_CATEGORY = {v: k for k, v in CLDR_CATEGORY_LETTERS.items()}


@lru_cache(maxsize=64)
def _cldr(lang: str) -> tuple[tuple[str, ...], int] | None:
    """CLDR's category of each _SAMPLE number for *lang*, and how many categories it has."""
    from toolkit.langs import common_base

    base = common_base(lang)
    if base in CLDR_SIGNATURES:
        ncategories, letters = CLDR_SIGNATURES[base]
        return tuple(_LETTER_CATEGORY[c] for c in letters), ncategories
    return babel_cldr(lang)


def babel_cldr(lang: str) -> tuple[tuple[str, ...], int] | None:
    """:func:`_cldr` computed by Babel (any language CLDR knows)."""
    from babel import Locale, UnknownLocaleError

    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    rule = loc.plural_form
    return tuple(rule(n) for n in _SAMPLE), len(rule.tags | {"other"})


def expected_plural_forms(lang: str) -> str | None:
    """The usual gettext Plural-Forms for *lang* (Babel's table), as a suggestion."""
    from babel import UnknownLocaleError
    from babel.messages.plurals import get_plural

    try:
        p = get_plural(lang.replace("-", "_"))
    except (ValueError, KeyError, UnknownLocaleError):
        return None
    return f"nplurals={p[0]}; plural={p[1]};"


@lru_cache(maxsize=256)
def cldr_problem(info: PluralInfo, lang: str) -> str | None:
    """Why *info* does not match CLDR's integer categories for *lang* (None: it does).

    The long-standing gettext formula for the language (Babel's table, e.g. Turkish
    ``nplurals=1`` or Portuguese ``n != 1``) is accepted too: catalogs and tools use it.
    """
    problem = _cldr_problem(info, lang)
    if problem is not None and _is_convention(info, lang):
        return None
    return problem


def _is_convention(info: PluralInfo, lang: str) -> bool:
    usual = expected_plural_forms(lang)
    parsed = parse_plural_forms(usual) if usual else None
    if not isinstance(parsed, PluralInfo) or parsed.nplurals != info.nplurals:
        return False
    return all(parsed.func(n) == info.func(n) for n in _SAMPLE)


def _cldr_problem(info: PluralInfo, lang: str) -> str | None:
    cldr = _cldr(lang)
    if cldr is None:
        return None
    categories, ncategories = cldr
    cat_to_form: dict[str, int] = {}
    form_to_cat: dict[int, str] = {}
    for n, cat in zip(_SAMPLE, categories, strict=True):
        form = int(info.func(n))
        if cat_to_form.setdefault(cat, form) != form:
            return (f"n={n} is CLDR category '{cat}' but gets form {form}, "
                    f"while other '{cat}' numbers get form {cat_to_form[cat]}")
        if form_to_cat.setdefault(form, cat) != cat:
            return (f"form {form} mixes CLDR categories '{form_to_cat[form]}' and '{cat}' "
                    f"(n={n})")
    used = len(cat_to_form)
    if info.nplurals < used:
        return f"nplurals={info.nplurals} but {lang} needs {used} forms for integers"
    if info.nplurals > max(used, ncategories):
        return f"nplurals={info.nplurals} but {lang} has only {ncategories} CLDR categories"
    return None
