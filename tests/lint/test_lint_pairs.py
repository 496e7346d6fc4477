"""The pair pre-filter's scans (toolkit.lint.prefilter.Pairs) equal their definitions.

They find pairs in strings joined into one text; a string holding the separator (or the
character between matches) is tested string by string: both ways are compared here with the
plain Python meaning, on text that mixes those characters in.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.lint.checks.content import _QUICK, _placeholders_may_differ, _quick_tokens
from toolkit.lint.prefilter import Pairs

# the characters the scans look for and the two they join with, among ordinary ones
# (…, — and © share their first UTF-8 byte with \u200b and «: the byte scan's near misses)
ALPHABET = st.sampled_from(list("ab (){}%@<\n  «\"1١…—©я") + [
    "\x1f", "\x1e", "\u200b", "://", "%(", "%L1", "%1$", "5s", ").2f"])
STRINGS = st.lists(ALPHABET, max_size=8).map("".join)
PAIRS = st.lists(st.tuples(STRINGS, STRINGS), max_size=12)
NEEDLES = st.lists(st.sampled_from(["(", ")", "%", "{", "@", "\x1f", "\u200b", "1", "١", "«",
                                    "://", "  ", "2", "»", "\u2060"]), min_size=1, max_size=8)
SIDE = st.sampled_from(["source", "translation", "either"])


def _holding(pairs: list[tuple[str, str]], needles: list[str], side: str) -> list[int]:
    sides = {"source": (0,), "translation": (1,), "either": (0, 1)}[side]
    return [i for i, p in enumerate(pairs) if any(n in p[k] for k in sides for n in needles)]


@settings(max_examples=300, deadline=None)
@given(PAIRS, st.lists(NEEDLES, min_size=1, max_size=4), SIDE, st.booleans())
def test_holding_each_is_membership(pairs, needle_sets, side, frequent) -> None:
    p = Pairs([s for s, _ in pairs], [t for _, t in pairs])
    assert p.holding_each(needle_sets, side, frequent=frequent) == [
        _holding(pairs, n, side) for n in needle_sets]
    assert p.holding(needle_sets[0], side) == _holding(pairs, needle_sets[0], side)


@settings(max_examples=300, deadline=None)
@given(st.lists(STRINGS, max_size=12))
def test_quick_tokens_are_the_quick_patterns_findall(strings) -> None:
    # TK101's pre-filter reads a string without "{" with the %-tokens alone
    assert _quick_tokens(strings) == [_QUICK.findall(s) for s in strings]


@settings(max_examples=500, deadline=None)
@given(PAIRS)
def test_placeholder_prefilter_is_its_definition(pairs) -> None:
    # TK101 is called on exactly the pairs whose quick tokens differ or whose translation
    # has a % no token takes; the pre-filter reads %-tokens and {-tokens apart
    p = Pairs([s for s, _ in pairs], [t for _, t in pairs])
    assert _placeholders_may_differ(p) == [
        i for i, (s, t) in enumerate(pairs)
        if _QUICK.findall(s) != (found := _QUICK.findall(t))
        or t.count("%") != "".join(found).count("%")]


# the quick pattern as first written: optional parts as '(...)?', no possessive runs
_PLAIN_QUICK = re.compile(r"%L\d\d?|%(?:\([^()]*\)|\d+\$)?[-+ #0']*[\d*]*(?:\.[\d*]*)?[A-Za-z%]"
                          r"|\{[^{}]*\}|%\d\d?")
TOKEN_TEXT = st.lists(st.sampled_from(list("%()$.*-+ #0'19Lsd{}a\n") + ["%(", "%L", "%0",
                                                                       ")s", "12$", ".2f"]),
                      max_size=12).map("".join)


@settings(max_examples=2000, deadline=None)
@given(TOKEN_TEXT)
def test_quick_pattern_finds_what_its_plain_form_finds(text) -> None:
    assert _QUICK.findall(text) == _PLAIN_QUICK.findall(text)


def test_a_catalog_holding_the_separator_is_tested_string_by_string() -> None:
    p = Pairs(["a\x1fb", "c", "(x"], ["d", "e{", "f"])
    assert p.holding("({") == [1, 2]
    assert p.holding(["\x1f"], "source") == [0]


@settings(max_examples=300, deadline=None)
@given(PAIRS)
def test_with_edge_space_is_strip(pairs) -> None:
    p = Pairs([s for s, _ in pairs], [t for _, t in pairs])
    # a superset (an empty string between two separators may be taken); every pair strip()
    # changes is in it
    chosen = set(p.with_edge_space())
    assert {i for i, (s, t) in enumerate(pairs) if s.strip() != s or t.strip() != t} <= chosen
    assert all(s.strip() != s or t.strip() != t or "" in (s, t)
               for i, (s, t) in enumerate(pairs) if i in chosen)


@settings(max_examples=300, deadline=None)
@given(PAIRS, st.sampled_from([r"ab|\(", r"[{%]", r"\bab?\b", "1|١"]),
       st.sampled_from(["source", "translation"]))
def test_matching_is_a_search_of_each_string(pairs, pattern, side) -> None:
    p = Pairs([s for s, _ in pairs], [t for _, t in pairs])
    k = 0 if side == "source" else 1
    assert p.matching(pattern, side) == [i for i, pair in enumerate(pairs)
                                         if re.search(pattern, pair[k])]


@settings(max_examples=300, deadline=None)
@given(PAIRS, st.sampled_from([r"ab|\(", r"[{%]", r"\bab?\b", r"(?:a(?<!\w.)b|b(?<!\w.)a)\b",
                               "1|١"]),
       st.sampled_from(["source", "translation"]))
def test_findall_each_is_a_findall_of_each_string(pairs, pattern, side) -> None:
    # the lookbehind one is TK305's whole-word search: its leading \b after the first letter
    p = Pairs([s for s, _ in pairs], [t for _, t in pairs])
    k = 0 if side == "source" else 1
    expected = {i: found for i, pair in enumerate(pairs) if (found := re.findall(pattern, pair[k]))}
    got = p.findall_each(pattern, side)
    assert got == expected and list(got) == sorted(got)
    assert p.identical() == [i for i, (s, t) in enumerate(pairs) if s == t]
    if "(?<!" in pattern:  # the same words as the leading \b would find
        assert all(re.findall(pattern, x) == re.findall(r"\b(?:ab|ba)\b", x)
                   for pair in pairs for x in pair)


@settings(max_examples=300, deadline=None)
@given(PAIRS, SIDE.filter(lambda s: s != "either"))
def test_unbalanced_is_a_count_of_each_string(pairs, side) -> None:
    # TK205's pre-filter: round brackets counted in the side's bytes, others deleted
    p = Pairs([s for s, _ in pairs], [t for _, t in pairs])
    k = 0 if side == "source" else 1
    assert p.unbalanced("(", ")", side) == [
        i for i, pair in enumerate(pairs) if pair[k].count("(") != pair[k].count(")")]
