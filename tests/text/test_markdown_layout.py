"""Markdown layout: golden skeletons (sentences as markers) and the bundled press release."""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from toolkit.text.markdown import inline_spans, text_blocks
from toolkit.text.segment import rejoin, split_document

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LANGS = ("en", "ru", "zh")


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _skeleton(text: str, lang: str, target: str | None = None) -> str:
    pieces = split_document(text, lang, "markdown")
    marks = [f"⟦{i}⟧" for i in range(sum(p.translatable for p in pieces))]
    return rejoin(pieces, marks, target or lang)


@pytest.fixture(scope="module")
def layout_md() -> str:
    return _read(DATA / "layout.md")


def test_layout_round_trip(layout_md):
    pieces = split_document(layout_md, "en", "markdown")
    assert "".join(p.text for p in pieces) == layout_md
    assert rejoin(pieces, [p.text for p in pieces if p.translatable], "en") == layout_md


def test_layout_skeleton_golden(layout_md):
    assert _skeleton(layout_md, "en") == _read(DATA / "layout.md.skeleton")


def test_layout_sentences_golden(layout_md):
    expected = [
        tuple(json.loads(line)) for line in _read(DATA / "layout.md.sentences.jsonl").splitlines()
    ]
    pieces = split_document(layout_md, "en", "markdown")
    assert [(p.para, p.text) for p in pieces if p.translatable] == expected


@pytest.mark.parametrize(
    "verbatim",
    [
        'title: "Layout test. Not translated"',
        'print("Not. Translated.")',
        "tilde fence. Also verbatim.",
        "    indented code. Not translated.",
        "<!-- A comment. Not\ntranslated. -->",
        '[site]: https://english.spbstu.ru/ "Title"',
        "|:---------|---------:|",
        '<div align="center">',
    ],
)
def test_layout_verbatim_parts_are_never_translatable(layout_md, verbatim):
    pieces = split_document(layout_md, "en", "markdown")
    start = layout_md.index(verbatim)
    pos = 0
    for p in pieces:
        end = pos + len(p.text)
        if p.translatable:
            assert end <= start or pos >= start + len(verbatim), p.text
        pos = end


def test_layout_with_crlf_line_endings(layout_md):
    crlf = layout_md.replace("\n", "\r\n")
    assert _skeleton(crlf, "en") == _read(DATA / "layout.md.skeleton").replace("\n", "\r\n")


def test_layout_into_chinese_drops_spaces_between_sentences_only(layout_md):
    skeleton = _skeleton(layout_md, "en", target="zh")
    assert "# ⟦0⟧⟦1⟧ ##" in skeleton
    assert "* ⟦6⟧⟦7⟧\n" in skeleton
    assert "| ⟦21⟧⟦22⟧ | ⟦23⟧ |" in skeleton
    assert "⟦3⟧⟦4⟧\n⟦5⟧" in skeleton
    assert skeleton.replace("⟦", "").count("⟧") == _skeleton(layout_md, "en").count("⟧")


def test_link_text_stays_in_the_sentence_and_the_url_is_an_inline_span():
    text = 'Read [the site. Really](https://english.spbstu.ru/ "T. t") now. Then ![logo](a.png).'
    sentences = [p.text for p in split_document(text, "en", "markdown") if p.translatable]
    assert sentences == [
        'Read [the site. Really](https://english.spbstu.ru/ "T. t") now.',
        "Then ![logo](a.png).",
    ]
    spans = [text[s:e] for s, e in inline_spans(text)]
    assert spans == ['](https://english.spbstu.ru/ "T. t")', "](a.png)"]


def test_inline_spans_cover_code_html_autolinks_and_references():
    text = "Use `a | b`, <b>bold</b>, <https://x.ru/a>, <me@x.ru>, [ref][id] and <!-- c -->."
    assert [text[s:e] for s, e in inline_spans(text)] == [
        "`a | b`",
        "<b>",
        "</b>",
        "<https://x.ru/a>",
        "<me@x.ru>",
        "][id]",
        "<!-- c -->",
    ]


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("", []),
        ("---\na: 1\n---\nBody.", ["Body."]),
        ("---\nnot closed\n\nBody.", ["not closed", "Body."]),
        ("+++\nx = 1\n+++\n# T", ["T"]),
        ("```\ncode\n", []),
        ("Para\n```\ncode\n```\nAfter", ["Para", "After"]),
        ("> ```\n> code\n> ```\n> after", ["after"]),
        ("- a\n\n    still in the list", ["a", "still in the list"]),
        ("para\n    not code, a continuation", ["para\n    not code, a continuation"]),
        ("Title\n---\nText", ["Title", "Text"]),
        ("- - -\n* * *", []),
        ("#hashtag is prose", ["#hashtag is prose"]),
        ("# C#", ["C#"]),
        ("a | b\n--|--\n1 | 2", ["a", "b", "1", "2"]),
        ("| a \\| b | c |\n|---|---|", ["a \\| b", "c"]),
        ("<!-- x --> tail text", ["tail text"]),
        ("<br/>\n<p>Hello.</p>", ["<p>Hello.</p>"]),
        ("-\n- \n-  x", ["x"]),
        ("Para line\n#\nNext", ["Para line", "Next"]),
        ("Para line\n| a | b |\n|---|---|\nNext", ["Para line", "a", "b", "Next"]),
    ],
)
def test_text_blocks(text, blocks):
    assert [text[s:e] for s, e in text_blocks(text)] == blocks


# --- the bundled press release -------------------------------------------------------------


def _example(lang: str) -> str:
    path = EXAMPLES / f"press-release.{lang}.md"
    if not path.exists():
        pytest.skip(f"{path} not present")
    return _read(path)


@pytest.mark.parametrize("lang", LANGS)
def test_press_release_round_trip(lang):
    text = _example(lang)
    pieces = split_document(text, lang, "markdown")
    assert "".join(p.text for p in pieces) == text
    if lang != "zh":
        assert rejoin(pieces, [p.text for p in pieces if p.translatable], lang) == text


@pytest.mark.parametrize("lang", LANGS)
def test_press_release_sentences_golden(lang):
    pieces = split_document(_example(lang), lang, "markdown")
    got = [f"{p.para}\t{p.text}" for p in pieces if p.translatable]
    assert got == _read(DATA / f"press-release.{lang}.sentences.txt").splitlines()


def test_press_release_layout_is_parallel_across_languages():
    """The three versions share one layout: same skeleton with one marker per block."""
    skeletons = {}
    per_block = {}
    for lang in LANGS:
        pieces = split_document(_example(lang), lang, "markdown")
        skeletons[lang] = re.sub(r"⟦\d+⟧(?:\s*⟦\d+⟧)*", "⟦⟧", _skeleton(_example(lang), lang))
        per_block[lang] = Counter(p.para for p in pieces if p.translatable)
    assert skeletons["en"] == skeletons["ru"] == skeletons["zh"]
    assert per_block["en"] == per_block["ru"] == per_block["zh"]


def test_press_release_translated_into_chinese_and_back():
    en = _example("en")
    pieces = split_document(en, "en", "markdown")
    n = sum(p.translatable for p in pieces)
    zh = rejoin(pieces, [f"句{i}。" for i in range(n)], "zh")
    assert "句1。句2。" in zh  # "St. Petersburg, 24.06.2026. Peter the Great ..." paragraph
    back = split_document(zh, "zh", "markdown")
    assert sum(p.translatable for p in back) == n
    en_again = rejoin(back, [f"S{i}." for i in range(n)], "en")
    assert "S1. S2." in en_again
    assert en_again.count("\n") == en.count("\n")


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("width", [60, 72, 90])
def test_hard_wrapped_plain_text_gives_the_same_sentences(lang, width):
    """Hard-wrapping prose (as in e-mails) must not change where sentences end."""
    text = _example(lang)
    wrapper = textwrap.TextWrapper(width, break_on_hyphens=False)
    paragraphs = [
        p if p.startswith(("#", "-", ">")) else "\n".join(wrapper.wrap(p))
        for p in text.split("\n\n")
    ]
    wrapped = "\n\n".join(paragraphs)
    assert wrapped.count("\n") > text.count("\n") + 10

    def sentences(doc: str, fmt: str) -> list[str]:
        return [" ".join(p.text.split()) for p in split_document(doc, lang, fmt) if p.translatable]

    expected = sentences(text, "markdown")
    assert sentences(wrapped, "markdown") == expected
    plain = sentences(wrapped, "text")  # plain text knows no headings: "# " stays in it
    assert plain[0] == "# " + expected[0]
    assert plain[1:] == expected[1:]
