"""Sentence and paragraph segmentation: golden splits, layout round trips, rejoin, detection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import LanguageError
from toolkit.text.segment import (
    Piece,
    detect_language,
    rejoin,
    sentence_spans,
    split_document,
    split_sentences,
)

DATA = Path(__file__).parent / "data"


def _load_cases() -> list[tuple[str, str, list[str]]]:
    cases, current = [], None
    for line in (DATA / "sentences.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        header = re.fullmatch(r"\[(en|ru|zh)\] (.+)", line)
        if header:
            current = (header.group(1), header.group(2), [])
            cases.append(current)
        elif line.strip():
            current[2].append(line)
    return cases


CASES = _load_cases()


def test_case_file_is_substantial():
    assert len(CASES) >= 60
    assert {lang for lang, _, _ in CASES} == {"en", "ru", "zh"}


@pytest.mark.parametrize(("lang", "name", "expected"), CASES, ids=[c[1] for c in CASES])
def test_golden_split(lang, name, expected):
    text = ("" if lang == "zh" else " ").join(expected)
    assert split_sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "name", "expected"), CASES, ids=[c[1] for c in CASES])
def test_spans_point_at_the_sentences(lang, name, expected):
    text = ("" if lang == "zh" else "  ").join(expected)
    spans = sentence_spans(text, lang)
    assert [text[s:e] for s, e in spans] == expected
    assert all(
        s < e <= s2 for (s, e), (s2, _) in zip(spans, spans[1:] + [(len(text), 0)], strict=True)
    )


def test_language_codes_are_normalized():
    text = "Dr. Smith came. He left."
    assert split_sentences(text, "en-GB") == split_sentences(text, "en")
    assert split_sentences("你好。再见。", "zh-Hant") == ["你好。", "再见。"]
    with pytest.raises(LanguageError):
        split_sentences(text, "fr")


def test_newlines_inside_a_paragraph():
    text = (
        "Press release\nSt. Petersburg, June 24\n"
        "The university signed an agreement with\nits partner today."
    )
    assert split_sentences(text, "en") == [
        "Press release",
        "St. Petersburg, June 24",
        "The university signed an agreement with\nits partner today.",
    ]
    wrapped = (
        "The Polytechnic University signed a cooperation agreement with\n"
        "Huawei on Thursday. It covers research."
    )
    assert split_sentences(wrapped, "en") == [
        "The Polytechnic University signed a cooperation agreement with\nHuawei on Thursday.",
        "It covers research.",
    ]
    assert split_sentences("Save\nCancel\nOpen file", "en") == ["Save", "Cancel", "Open file"]
    assert split_sentences("标题\n正文第一句。第二句。", "zh") == [
        "标题",
        "正文第一句。",
        "第二句。",
    ]


@pytest.mark.parametrize(
    "protected",
    ["https://english.spbstu.ru/", "press@spbstu.ru", "｟7｠", "www.spbstu.ru/a.b?x=1!"],
)
def test_never_split_inside_urls_emails_tokens(protected):
    for lang in ("en", "ru", "zh"):
        text = f"First sentence. See {protected} Now. Second {protected}. Third."
        for s in split_sentences(text, lang):
            assert protected not in text or s.count(protected[:5]) == s.count(protected)
        joined = "".join(split_sentences(text, lang))
        assert protected in joined


def test_markdown_link_and_code_are_not_split():
    text = 'Read [Dr. Smith. Notes](https://x.ru/a.b "T. t") now. Run `make. All` then. Done.'
    assert split_document(text, "en", "markdown")[0].text.startswith("Read [Dr. Smith. Notes](")
    sentences = [p.text for p in split_document(text, "en", "markdown") if p.translatable]
    assert sentences == [
        'Read [Dr. Smith. Notes](https://x.ru/a.b "T. t") now.',
        "Run `make. All` then.",
        "Done.",
    ]


def _layout(pieces: list[Piece]) -> list[tuple[bool, str]]:
    return [(p.translatable, p.text) for p in pieces]


def test_plain_text_layout_pieces():
    text = (
        "  Title\n\n- First item. Second.\n  continued line\n"
        "> quoted. Line.\n1) Step one.  \r\n\n\tEnd.\n"
    )
    pieces = split_document(text, "en")
    assert "".join(p.text for p in pieces) == text
    assert _layout(pieces) == [
        (False, "  "),
        (True, "Title"),
        (False, "\n\n- "),
        (True, "First item."),
        (False, " "),
        (True, "Second.\n  continued line"),
        (False, "\n> "),
        (True, "quoted."),
        (False, " "),
        (True, "Line."),
        (False, "\n1) "),
        (True, "Step one."),
        (False, "  \r\n\n\t"),
        (True, "End."),
        (False, "\n"),
    ]
    assert [p.para for p in pieces if p.translatable] == [0, 1, 1, 2, 2, 3, 4]


def test_empty_and_blank_documents():
    assert split_document("", "en") == []
    assert _layout(split_document(" \n\n\t", "ru", "markdown")) == [(False, " \n\n\t")]


def test_unknown_format():
    with pytest.raises(ValueError, match="format"):
        split_document("x", "en", "html")


def test_rejoin_replaces_sentences_and_keeps_layout():
    text = "- Hello there. How are you?\n\n> Fine.\n"
    pieces = split_document(text, "en", "markdown")
    out = rejoin(pieces, ["Привет.", "Как дела?", "Хорошо."], "ru")
    assert out == "- Привет. Как дела?\n\n> Хорошо.\n"


def test_rejoin_into_chinese_drops_spaces_between_sentences_of_a_paragraph():
    text = "Hello there. How are you?\nFine. Thanks.\n\nNext paragraph."
    pieces = split_document(text, "en")
    out = rejoin(pieces, ["你好。", "你好吗？", "很好。", "谢谢。", "下一段。"], "zh")
    assert out == "你好。你好吗？\n很好。谢谢。\n\n下一段。"


def test_rejoin_from_chinese_inserts_a_space():
    text = "你好。你好吗？\n\n“好！”他说。下一句。"
    pieces = split_document(text, "zh")
    out = rejoin(pieces, ["Hello.", "How are you?", '"Good!" he said.', "Next."], "en")
    assert out == 'Hello. How are you?\n\n"Good!" he said. Next.'
    assert rejoin(pieces, [p.text for p in pieces if p.translatable], "zh") == text
    spaced = "你好。 你好吗？ 好！"
    assert rejoin(split_document(spaced, "zh"), ["你好。", "你好吗？", "好！"], "zh") == spaced


def test_rejoin_with_explicit_source_language():
    pieces = [Piece("A.", True, 0), Piece("B.", True, 0)]
    assert rejoin(pieces, ["X.", "Y."], "en", source_lang="zh") == "X. Y."
    assert rejoin(pieces, ["X.", "Y."], "en", source_lang="en") == "X.Y."


def test_rejoin_counts_translations():
    pieces = split_document("One. Two.", "en")
    with pytest.raises(ValueError, match="1 translations for 2 sentences"):
        rejoin(pieces, ["Один."], "ru")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Санкт-Петербургский политехнический университет Петра Великого", "ru"),
        ("上海交通大学与 SPbPU 签署合作协议", "zh"),
        ("The Polytechnic University signed an agreement", "en"),
        ("Пишите на press@spbstu.ru или https://english.spbstu.ru/news", "ru"),
        ("Привет, {name}! У вас %(count)d новых сообщений.", "ru"),
        ('<p class="lead">欢迎</p>', "zh"),
        ("[Подробнее](https://english.spbstu.ru/about/history)", "ru"),
        ("`make install` установит пакет", "ru"),
        ("---\ntitle: Press release about the new lab\nlayout: post\n---\nНовости.", "ru"),
        ("```python\nprint('hello world')\n```\n你好", "zh"),
        ("", "en"),
        ("12345 !!!", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


# --- properties ---------------------------------------------------------------------------

_WORDS = """Dr. St. etc. т.е. г. А. A. S. U.S. 3.5 24.06.2021 v2.0 Hello world Привет мир 你好 世界
。 ！ ？ ； …… ” 」 . ! ? ... … « » " ( ) [a](b) `x. y` ｟3｠ https://english.spbstu.ru/
press@spbstu.ru # ## - * 1. • > ``` ~~~ --- | |---| <!-- --> <div> [ ] === +++""".split()
_SPACES = [" ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "    ", "  \n", "\\\n", "\u3000", "\xa0"]
_ATOMS = st.sampled_from(_WORDS + _SPACES)
_TEXT = st.one_of(
    st.lists(st.one_of(_ATOMS, st.text(max_size=4)), max_size=40).map("".join),
    st.text(max_size=80),
)
_NO_CJK_TERMINATORS = _TEXT.filter(lambda t: not re.search(r"[。！？；\u3400-\u9fff]", t))


@settings(max_examples=300, deadline=None)
@given(
    text=_TEXT, lang=st.sampled_from(["en", "ru", "zh"]), fmt=st.sampled_from(["text", "markdown"])
)
def test_pieces_rebuild_the_document(text, lang, fmt):
    pieces = split_document(text, lang, fmt)
    assert "".join(p.text for p in pieces) == text
    for p in pieces:
        assert p.text
        if p.translatable:
            assert p.text == p.text.strip()
    for a, b in zip(pieces, pieces[1:], strict=False):
        assert a.translatable or b.translatable, "two layout pieces in a row"
        if a.translatable and b.translatable:
            assert a.para == b.para, "sentences of two blocks with no layout between them"


@settings(max_examples=300, deadline=None)
@given(
    text=_TEXT, lang=st.sampled_from(["en", "ru", "zh"]), fmt=st.sampled_from(["text", "markdown"])
)
def test_rejoin_identity_with_source_language(text, lang, fmt):
    pieces = split_document(text, lang, fmt)
    same = [p.text for p in pieces if p.translatable]
    assert rejoin(pieces, same, lang, source_lang=lang) == text


@settings(max_examples=200, deadline=None)
@given(
    text=_NO_CJK_TERMINATORS,
    lang=st.sampled_from(["en", "ru"]),
    fmt=st.sampled_from(["text", "markdown"]),
)
def test_rejoin_identity(text, lang, fmt):
    pieces = split_document(text, lang, fmt)
    assert rejoin(pieces, [p.text for p in pieces if p.translatable], lang) == text


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, lang=st.sampled_from(["en", "ru", "zh"]))
def test_sentences_are_stripped_slices_in_order(text, lang):
    spans = sentence_spans(text, lang)
    pos = 0
    for s, e in spans:
        assert pos <= s < e
        assert text[s:e] == text[s:e].strip()
        assert not text[pos:s].strip(), "text outside every sentence"
        pos = e
    assert not text[pos:].strip()


def test_emphasis_over_a_sentence_end_is_one_unit() -> None:
    # Cut inside, each half had one "**" that no translation could pair up again.
    from toolkit.text.segment import split_sentences as split

    assert split("Wang Lei arrived on 3 September **2030. Nanjing Innovation** Week opened. "
                 "Next one.", "en") == [
        "Wang Lei arrived on 3 September **2030. Nanjing Innovation** Week opened.",
        "Next one."]
    assert split("Use 2 * 3. Then __init__. Next.", "en") == ["Use 2 * 3.", "Then __init__.",
                                                              "Next."]
