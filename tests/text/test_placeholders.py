"""Placeholder, tag, URL and e-mail finders shared by the checker and the protect step."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.text.placeholders import (
    Span,
    argument_keys,
    argument_names,
    count_placeholder,
    find_brace,
    find_emails,
    find_placeholders,
    find_printf,
    find_protected,
    find_tags,
    find_urls,
    has_words,
    placeholder_signatures,
    same_arguments,
    same_placeholders,
    strip_protected,
)


def texts(spans: list[Span]) -> list[str]:
    return [s.text for s in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello %s", ["%s"]),
        ("%1$s of %2$d", ["%1$s", "%2$d"]),
        ("Hi %(name)s, %(count)d left", ["%(name)s", "%(count)d"]),
        ("%.2f%% done", ["%.2f"]),
        ("%-10s|%5d|%lu", ["%-10s", "%5d", "%lu"]),
        ("100%% sure", []),
        ("50% of users", []),  # Babel's false positive: "% o" is prose
        ("Save 5%off today", []),
        ("Invalid %-encoding in URI", []),  # glib: a flag glued to a word is prose
        ("took %.2fms, %5sabc", ["%.2f", "%5s"]),  # precision or width: still printf
        ("%s%s", ["%s", "%s"]),
        ("no percent", []),
    ],
)
def test_printf_content_detection(text: str, expected: list[str]) -> None:
    assert texts(find_printf(text)) == expected


def test_printf_flagged_accepts_rare_conversions() -> None:
    assert texts(find_printf("%o items", flagged=True)) == ["%o"]
    assert texts(find_printf("%o items")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{name} and {0}", ["{name}", "{0}"]),
        ("{0:.2f} {} {obj.attr!r} {items[0]}", ["{0:.2f}", "{}", "{obj.attr!r}", "{items[0]}"]),
        ("{{escaped}} {real}", ["{real}"]),
        ("{n, plural, one {# file} other {# files}}", []),
        ("{this is prose}", []),
    ],
)
def test_brace(text: str, expected: list[str]) -> None:
    assert texts(find_brace(text)) == expected


def test_flags_enable_and_disable_kinds() -> None:
    text = "%(a)s {b}"
    assert texts(find_placeholders(text)) == ["%(a)s", "{b}"]
    assert texts(find_placeholders(text, ["no-python-format"])) == ["{b}"]
    assert texts(find_placeholders(text, ["no-python-brace-format"])) == ["%(a)s"]
    # "50% of" stays prose even when the entry is flagged python-format
    assert find_placeholders("50% of", ["python-format"]) == []


def test_tags_urls_emails() -> None:
    text = '<a href="https://x.org/a?b=1">link</a><br/> at www.ex.com. Mail: a.b@ex.co.uk!'
    assert texts(find_tags(text)) == ['<a href="https://x.org/a?b=1">', "</a>", "<br/>"]
    assert texts(find_urls(text)) == ["https://x.org/a?b=1", "www.ex.com"]
    assert texts(find_emails(text)) == ["a.b@ex.co.uk"]
    assert find_tags("if a < b and c > d") == []
    assert texts(find_urls("см. https://ru.wikipedia.org/wiki/Foo_(bar).")) == [
        "https://ru.wikipedia.org/wiki/Foo_(bar)"
    ]
    assert texts(find_urls("详见https://example.cn/页面。")) == ["https://example.cn/页面"]


def test_protected_merges_without_overlap() -> None:
    text = '<a href="http://x.org/%(id)s">%(name)s</a> {n} press@spbstu.ru'
    spans = find_protected(text)
    assert [(s.kind, s.text) for s in spans] == [
        ("tag", '<a href="http://x.org/%(id)s">'),
        ("printf", "%(name)s"),
        ("tag", "</a>"),
        ("brace", "{n}"),
        ("email", "press@spbstu.ru"),
    ]


@given(st.text(alphabet="%s(){}<>/ab1.:@ 文ж$-\n", max_size=60))
def test_protected_spans_are_sorted_disjoint_slices(text: str) -> None:
    spans = find_protected(text)
    end = 0
    for span in spans:
        assert span.start >= end
        assert text[span.start:span.end] == span.text
        assert span.end > span.start
        end = span.end


@pytest.mark.parametrize(("text", "flags", "count"), [
    ("%d files", ("c-format",), "%d"),
    ("%(count)d files in %(name)s", ("python-format",), "%(count)d"),
    ("{count} files", ("python-brace-format",), "{count}"),
    ("{0} files", (), "{0}"),
    ("{n:d} files", (), "{n:d}"),
    ("{name} has {count} files", (), None),  # two untyped fields: which one counts?
    ("%d of %d files", ("c-format",), None),
    ("%(name)s and {v:.2f}", (), None),
    ("5 files", (), None),
])
def test_count_placeholder_is_the_one_numeric_placeholder(text: str, flags: tuple[str, ...],
                                                          count: str | None) -> None:
    found = count_placeholder(text, flags)
    assert (found.text if found else None) == count


# placeholders, escapes and near-misses; prose that can sit around them (digits and letters
# next to a "%" are what unflagged printf detection looks at)
_TOKENS = st.sampled_from(["%s", "%d", "%%", "%(name)s", "%1$s", "%2$d", "%o", "%.2f", "%*d",
                           "{}", "{0}", "{name}", "{{", "}}", "{x: y}", "{n:d}", "%", "{", "}"])
_PROSE = st.sampled_from(["", "5", "off", " ", "a", "Ы", "$", "(", ")", "1", "x"])
_PRINTF_FLAGS = st.sampled_from([("python-format",), ("c-format",), ("python-format", "c-format"),
                                 ("c-format", "python-brace-format"), ("php-format",)])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_TOKENS, _PROSE, _PROSE), max_size=10), _PROSE, _PROSE,
       _PRINTF_FLAGS)
def test_equal_signatures_mean_equal_placeholders_under_a_printf_flag(
        parts: list[tuple[str, str, str]], head1: str, head2: str,
        flags: tuple[str, ...]) -> None:
    """What the compile check's quick path relies on (toolkit.catalog.compile)."""
    first = head1 + "".join(token + prose for token, prose, _ in parts)
    second = head2 + "".join(token + prose for token, _, prose in parts)
    if same_placeholders(first, second):
        assert _by_kind(first, flags) == _by_kind(second, flags)
        if "%" not in first + second:  # then any formats, a brace flag alone too
            for formats in (("python-brace-format",), (), None):
                assert _by_kind(first, formats) == _by_kind(second, formats)


def _by_kind(text: str, formats: tuple[str, ...] | None) -> tuple[list[str], list[str], dict]:
    """Each kind's placeholders in order and the arguments they print: what the compile
    check compares (printf and brace spans may interleave differently: '%o{}' / '{}%o')."""
    spans = find_placeholders(text, formats)
    return ([s.text for s in spans if s.kind == "printf"],
            [s.text for s in spans if s.kind == "brace"], argument_names(spans, formats))


def test_same_placeholders_tells_escapes_from_placeholders() -> None:
    assert same_placeholders("{} and %s", "%s, {}")
    assert not same_placeholders("{} x", "{{ x")
    assert not same_placeholders("100%% %s", "100% %s")
    assert not same_placeholders("%s %d", "%d %s")  # order counts (the full check may agree)
    assert same_placeholders("no placeholders", "")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_TOKENS, _PROSE, _PROSE), max_size=10), st.randoms(), _PROSE, _PROSE,
       _PRINTF_FLAGS)
def test_same_arguments_in_any_order_mean_the_same_argument_keys(
        parts: list[tuple[str, str, str]], rnd, head1: str, head2: str,
        flags: tuple[str, ...]) -> None:
    """What the compile check's quick path relies on for a translation that moves its
    source's placeholders (toolkit.catalog.compile_check)."""
    first = head1 + "".join(token + prose for token, prose, _ in parts)
    moved = parts[:]
    rnd.shuffle(moved)
    second = head2 + "".join(token + prose for token, _, prose in moved)
    one, other = placeholder_signatures((first, second))
    if same_arguments(one, other, flags):
        assert (Counter(argument_keys(find_placeholders(first, flags), flags))
                == Counter(argument_keys(find_placeholders(second, flags), flags)))


@pytest.mark.parametrize(("first", "second", "flags", "same"), [
    ("%(a)s of %(b)s", "%(b)s из %(a)s", ("c-format",), True),
    ("%s of %d", "%d из %s", ("c-format",), False),  # numbered: %1$s %2$d vs %1$d %2$s
    ("%s of %d", "%d из %s", ("python-format",), True),  # as argument_keys has it
    ("%1$s of %2$d", "%2$d из %1$s", ("c-format",), True),
    ("{a} of {b}", "{b} из {a}", ("python-format",), True),
    ("%(a)s of %(b)s", "%(b)s из %(a)s %(a)s", ("python-format",), False),
    ("%(a)s of %(b)s", "%(b)s из %%(a)s", ("python-format",), False),
])
def test_same_arguments_tells_moved_placeholders(first: str, second: str,
                                                 flags: tuple[str, ...], same: bool) -> None:
    assert same_arguments(*placeholder_signatures((first, second)), flags) is same


def test_web_addresses_without_a_scheme() -> None:
    from toolkit.text.patterns import DOMAIN_RE

    def found(text: str) -> list[str]:
        return [m.group() for m in DOMAIN_RE.finditer(text)]

    assert found("Details at urfu.example.ru.") == ["urfu.example.ru"]
    assert found("访问hit.edu.cn/news/2026获取") == ["hit.edu.cn/news/2026"]
    assert found("сайт (urfu.ru), почта") == ["urfu.ru"]
    # file names, abbreviations, numbers, e-mails and links with a scheme are not
    assert found("setup.py, messages.mo, e.g. U.S. St.Petersburg 3.5 Ph.D. Node.js") == []
    assert found("ivan.petrov@urfu.ru https://urfu.ru/x") == []


# pieces of strings that hold protected spans and words around them, and every kind of
# whitespace (a span never crosses one but a tag's or a brace placeholder's)
_PIECES = ["%s", "%(name)s", "%1$d", "%", "%%", "% d", "%L1", "{0}", "{ x }", "{n:>5 d}", "{",
           "}", "<b>", "<a href=\"x y\">", "</a>", "<", "https://x.ru/a", "HTTP://X", "www.x.ru",
           "WwW.", "mailto:a@b.ru", "a@b.ru", "@", ":", "://", "文", "中文", "слово", "word",
           "x", "1", "2,5", ".", "-", "(", ")", " ", "  ", "\t", "\n", "\u00a0", "\u3000",
           "\u2028", "\u200b", "\u0301", "\x1c", "\x85", "%(<b>)s", ">", "<!-- c d -->",
           "<a href=\"https://x.ru/a b\">", "<br/>", "</"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12),
       st.sampled_from([None, ("python-format",), ("no-python-format",),
                        ("python-brace-format",), ("qt-format",), ("kde-format",)]))
def test_has_words_is_a_letter_left_by_strip_protected(pieces: list[str],
                                                       formats: tuple[str, ...] | None) -> None:
    text = "".join(pieces)
    assert has_words(text, formats) == any(c.isalpha() for c in strip_protected(text, formats))
