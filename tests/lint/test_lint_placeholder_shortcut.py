"""TK101's shortcut for named placeholders reordered (``%(a)s ... %(b)s`` ->
``%(b)s ... %(a)s``) gives what the full comparison gives, on any mix of placeholders, lone
``%``, ``%%``, length modifiers and braces (the full comparison as reference: the shortcut's
pattern made to match nothing)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.lint.checks import content
from toolkit.po.reader import PoEntry

PIECES = ["%(a)s", "%(b)d", "%(b)s", "%(a)hd", "%(a)hx", "%(c d)s", "%(a)**s", "%(a%b)s", "%%",
          "%", "%s", "%d", "% ", "{x}", "{", "}", " ", "x", "5", "%Y", "%(", ")s"]
# pieces the quick pattern reads alike (a length modifier ends its token) while placeholders
# differ, or that differ only in prose
SIBLING = {"%(a)hd": "%(a)hx", "%(a)hx": "%(a)hd", "x": "5", "5": "x", " ": "x"}
FLAGS = [[], ["python-format"], ["c-format"], ["python-brace-format"], ["no-python-format"]]


def _both(src: str, tgt: str, flags: list[str], monkeypatch: pytest.MonkeyPatch):
    e = PoEntry(1, src, None, None, tgt, {}, list(flags))
    ctx = SimpleNamespace(plural=None, form=None)
    fast = content.placeholders(src, tgt, e, ctx)
    with monkeypatch.context() as m:
        m.setattr(content, "_NAMED", re.compile(r"(?!)"))
        full = content.placeholders(src, tgt, e, ctx)
    return fast, full


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), st.randoms(),
       st.lists(st.sampled_from(PIECES), max_size=2), st.sampled_from(FLAGS), st.booleans())
def test_shortcut_agrees_with_the_full_comparison(pieces, rnd, extra, flags, swap) -> None:
    with pytest.MonkeyPatch.context() as mp:
        moved = [SIBLING.get(p, p) for p in pieces] if swap else pieces[:]
        rnd.shuffle(moved)
        fast, full = _both("".join(pieces), "".join(moved + extra), flags, mp)
        assert fast == full


def test_shortcut_is_taken_for_named_placeholders_reordered(
        monkeypatch: pytest.MonkeyPatch) -> None:
    src = "%(total_count)s selected of %(module_name)s"
    tgt = "%(module_name)s: выбрано %(total_count)s"
    calls = []
    monkeypatch.setattr(content, "_strftime_fields",
                        lambda text: calls.append(text))  # the full comparison's first step
    assert _both(src, tgt, ["python-format"], monkeypatch)[0] is None
    assert calls == [src]  # once: by the reference run, not by the shortcut


NAMED = ["%(a)s", "%(b)d", "%(b)s", "%(a)hd", "%(c d)s", "%(a)**s", " ", "x"]
NOISE = ["%", "%%", "{x}", "5", "%(", "%s", "% ", "{"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NAMED), min_size=2, max_size=5), st.randoms(),
       st.lists(st.sampled_from(NOISE), max_size=1), st.lists(st.sampled_from(NOISE), max_size=1),
       st.sampled_from(FLAGS), st.booleans())
def test_shortcut_agrees_on_named_placeholders_with_noise(pieces, rnd, src_extra, tgt_extra,
                                                          flags, swap) -> None:
    with pytest.MonkeyPatch.context() as mp:
        moved = [SIBLING.get(p, p) for p in pieces] if swap else pieces[:]
        rnd.shuffle(moved)
        at = rnd.randrange(len(moved) + 1)
        fast, full = _both("".join(pieces + src_extra),
                           "".join(moved[:at] + tgt_extra + moved[at:]), flags, mp)
        assert fast == full


# the lone-% test's pattern as first spelled out, before its conversions and length modifiers
# came from toolkit.text.placeholders
_PLAIN_PRINTF_ANY = re.compile(
    r"%(?:%|(?:\d+\$|\([^()]*\))?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAb])")
PRINTF_TEXT = st.lists(st.sampled_from(list("%()$.*-+ #0'19Lsdhlqjztab\n") + [
    "%(", "hh", "ll", "%%", ")s"]), max_size=12).map("".join)


@settings(max_examples=1000, deadline=None)
@given(PRINTF_TEXT)
def test_lone_percent_pattern_reads_as_first_written(text) -> None:
    assert content._PRINTF_ANY.sub("", text) == _PLAIN_PRINTF_ANY.sub("", text)
    assert content._lone_percent(text) == ("%" in _PLAIN_PRINTF_ANY.sub("", text))
