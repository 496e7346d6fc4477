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
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from toolkit.i18n import Message

__all__ = ["PluralInfo", "parse_plural_forms", "cldr_problem", "cldr_sample",
           "expected_plural_forms", "sample_numbers", "cldr_table", "babel_answers",
           "is_template_placeholder"]

# every residue mod 10 and mod 100 (what CLDR integer rules look at) and a few thousands; not
# millions: CLDR's "many" for 1000000 in French/Spanish/Italian is about compact notation
_SAMPLE = tuple(range(0, 230)) + (1000, 1001, 1011, 1021, 1101, 10001)
_HEADER_RE = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)


class PluralInfo(NamedTuple):
    """A parsed Plural-Forms header. (A named tuple: ``toolkit check`` and ``catalog
    compile`` make this class at start-up, where a frozen dataclass, which writes and
    compiles its methods then, cost about 0.7 ms.)"""

    nplurals: int
    expression: str
    func: Callable[[int], int]
    #: forms chosen by exactly one integer (English "one" = n==1): a form may drop the number
    single_value_forms: frozenset[int]


@lru_cache(maxsize=1)
def _placeholder_re() -> re.Pattern[str]:
    """Compiled on first use: ``catalog compile`` loads this module and never asks."""
    return re.compile(r"^\s*nplurals\s*=\s*INTEGER\s*;\s*plural\s*=\s*EXPRESSION\s*;?\s*$")


def is_template_placeholder(value: str) -> bool:
    """Whether *value* is the ``nplurals=INTEGER; plural=EXPRESSION;`` a template (xgettext,
    pybabel extract) writes for the translator to fill: no rule at all. msginit leaves it in
    a catalog for a locale it has no rule for (zh_CN)."""
    return _placeholder_re().match(value) is not None


@lru_cache(maxsize=64)
def parse_plural_forms(value: str) -> PluralInfo | str:
    """Parse ``nplurals=N; plural=EXPR;`` -> PluralInfo, or an error message."""
    m = _HEADER_RE.match(value)
    if not m:
        return Message("Plural-Forms must look like 'nplurals=N; plural=EXPR;'")
    nplurals = int(m.group(1))
    expr = m.group(2).strip()
    if nplurals < 1:
        return Message("nplurals must be at least 1")
    try:
        func = gettext.c2py(expr)
    except (ValueError, RecursionError) as exc:
        return Message("plural expression {expr!r} is invalid: {error}", expr=expr, error=str(exc))
    counts: dict[int, int] = {}
    try:
        for n in _SAMPLE:
            idx = int(func(n))
            counts[idx] = counts.get(idx, 0) + 1
    except (ZeroDivisionError, ValueError, TypeError) as exc:
        return Message("plural expression {expr!r} fails: {error}", expr=expr, error=str(exc))
    bad = sorted(i for i in counts if i < 0 or i >= nplurals)
    if bad:
        return Message("plural expression gives form {form} but nplurals={nplurals}",
                       form=bad[0], nplurals=nplurals)
    single = frozenset(i for i, c in counts.items() if c == 1)
    return PluralInfo(nplurals, expr, func, single)


@lru_cache(maxsize=64)
def often_forms(info: PluralInfo) -> frozenset[int]:
    """The forms *info* chooses for at least 5 of the numbers 0..1000, the ones msgfmt -c
    takes as chosen "infinitely often": it holds a translation in such a form to every
    argument of msgid_plural, while a form for a few numbers (English "one", Turkish
    ``n > 1``'s form 0 for 0 and 1) may write the number as a word."""
    counts = [0] * info.nplurals
    short = info.nplurals  # forms still below 5: done when none is (Russian's by n = 51)
    for n in range(1001):
        try:
            form = int(info.func(n))
        except (ArithmeticError, ValueError, TypeError):  # parse_plural_forms tried fewer
            continue
        if 0 <= form < info.nplurals:
            counts[form] += 1
            if counts[form] == 5:
                short -= 1
                if not short:
                    break
    return frozenset(i for i, c in enumerate(counts) if c >= 5)


def form_gaps(indices: Any, nplurals: int) -> tuple[list[int], list[int]]:
    """(missing, unexpected) plural indices of an entry whose ``msgstr[i]`` carry *indices*,
    for a header asking for *nplurals* forms: what ``check`` (TK303) and ``compile`` both
    report, so a catalog with ``msgstr[0]``, ``[1]`` and ``[5]`` is told which ones."""
    present = set(indices)
    return ([i for i in range(nplurals) if i not in present],
            sorted(i for i in present if not 0 <= i < nplurals))


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


# CLDR's integer category of each _SAMPLE number and the usual gettext Plural-Forms, for
# every locale the installed Babel knows, in toolkit/data/cldr_plurals.json: catalogs are
# checked without importing Babel and loading its locale data (~60 ms per `toolkit check` of a
# non-en/ru/zh catalog, most of a pre-commit call). A copy of Babel's answers, not a second
# source: written by tools/update_cldr_plurals.py from the installed Babel, which
# tests/po/test_plurals.py compares it with. Rules are per language; the table lists a language
# and only those of its locales whose answers differ (pt_PT: "one" is 1 only, pt: 0 and 1).
CLDR_CATEGORY_LETTERS = {"zero": "z", "one": "o", "two": "t", "few": "f", "many": "m",
                         "other": "x"}
_LETTER_CATEGORY = {v: k for k, v in CLDR_CATEGORY_LETTERS.items()}
CLDR_TABLE = Path(__file__).resolve().parent.parent / "data" / "cldr_plurals.json"


@lru_cache(maxsize=1)
def _table_file() -> dict[str, Any]:
    import json

    return json.loads(CLDR_TABLE.read_text(encoding="utf-8"))


def cldr_table_babel() -> str:
    """The Babel release :data:`CLDR_TABLE` was written from (the data is pinned to it)."""
    return _table_file()["babel"]


@lru_cache(maxsize=1)
def cldr_table() -> dict[str, tuple[tuple[int, str], str | None]]:
    """locale -> ((number of CLDR categories, category letter of each _SAMPLE number), the
    usual gettext Plural-Forms or None), as kept in :data:`CLDR_TABLE`."""
    data = _table_file()
    signatures = [(int(n), letters) for n, letters in data["signatures"]]
    conventions = data["conventions"]
    return {locale: (signatures[sig], conventions[conv] if conv is not None else None)
            for locale, (sig, conv) in data["locales"].items()}


def _table_entry(lang: str) -> tuple[tuple[int, str], str | None] | None:
    """The table's answers for *lang*: the locale itself, else its language (a region or
    script the table does not list has its language's rules); None: ask Babel."""
    from toolkit.langs import common_base

    table = cldr_table()
    key = common_base(lang) or lang.replace("-", "_")
    found = table.get(key)
    if found is None:
        found = table.get(re.split(r"[_@.]", key, maxsplit=1)[0].lower())
    return found


def babel_answers(locale: str) -> tuple[tuple[int, str], str | None] | None:
    """What the installed Babel says of *locale*: (number of CLDR categories, category letter
    of each _SAMPLE number) and its usual Plural-Forms; None when Babel does not know it.
    What :data:`CLDR_TABLE` keeps (tools/update_cldr_plurals.py)."""
    cldr = babel_cldr(locale)
    if cldr is None:
        return None
    categories, ncategories = cldr
    letters = "".join(CLDR_CATEGORY_LETTERS[c] for c in categories)
    return (ncategories, letters), _babel_plural_forms(locale)


@lru_cache(maxsize=64)
def _cldr(lang: str) -> tuple[tuple[str, ...], int] | None:
    """CLDR's category of each _SAMPLE number for *lang*, and how many categories it has."""
    found = _table_entry(lang)
    if found is None:
        return babel_cldr(lang)
    ncategories, letters = found[0]
    return tuple(_LETTER_CATEGORY[c] for c in letters), ncategories


def cldr_sample(lang: str) -> list[tuple[int, str]] | None:
    """Sample integers with their CLDR plural category for *lang* (None: CLDR does not know
    the language): enough numbers to meet every integer category."""
    cldr = _cldr(lang)
    return None if cldr is None else list(zip(_SAMPLE, cldr[0], strict=True))


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
    found = _table_entry(lang)
    return found[1] if found is not None else _babel_plural_forms(lang)


def _babel_plural_forms(lang: str) -> str | None:
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
            return Message("n={n} is CLDR category '{category}' but gets form {form}, while "
                           "other '{category}' numbers get form {other}", n=n, category=cat,
                           form=form, other=cat_to_form[cat])
        if form_to_cat.setdefault(form, cat) != cat:
            return Message("form {form} mixes CLDR categories '{first}' and '{second}' (n={n})",
                           form=form, first=form_to_cat[form], second=cat, n=n)
    used = len(cat_to_form)
    if info.nplurals < used:
        return Message("nplurals={nplurals} but {lang} needs {used} forms for integers",
                       nplurals=info.nplurals, lang=lang, used=used)
    if info.nplurals > max(used, ncategories):
        return Message("nplurals={nplurals} but {lang} has only {count} CLDR categories",
                       nplurals=info.nplurals, lang=lang, count=ncategories)
    return None
