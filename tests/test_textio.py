"""toolkit.textio: one decoder for text input and glossary files; errors that say what to do."""

from __future__ import annotations

import pytest

from toolkit.errors import InputError
from toolkit.textio import decode, guess_encoding

RU = "Политехнический университет и город Нанкин.\nВторая строка: альянс РКИА.\n"
ZH = "南京市科学技术局与圣彼得堡理工大学签署协议。\n第二行：江苏省产业技术研究院。\n"


@pytest.mark.parametrize(("text", "encoding"), [(RU, "cp1251"), (ZH, "gb18030"),
                                               (ZH, "gbk"), ("Nanjing and Jiangsu\n", "utf-16-le")])
def test_guess_names_the_encoding(text: str, encoding: str) -> None:
    guess = guess_encoding(text.encode(encoding))
    expected = {"gbk": "gb18030"}.get(encoding, encoding)
    assert guess == expected


def test_error_names_file_line_encoding_and_flag() -> None:
    data = ("first line is ASCII\n" + RU).encode("cp1251")
    with pytest.raises(InputError) as info:
        decode(data, "release.ru.txt")
    message = str(info.value)
    assert message.startswith("release.ru.txt:2: not valid UTF-8")
    assert "cp1251" in message and "--encoding cp1251" in message


def test_given_encoding_decodes_and_a_wrong_one_is_named() -> None:
    assert decode(RU.encode("cp1251"), "a.txt", "cp1251") == RU
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"x", "a.txt", "klingon")


def test_boms_declare_their_encoding() -> None:
    assert decode("\ufeff".encode() + RU.encode(), "a") == RU
    assert decode(RU.encode("utf-16"), "a") == RU
    assert decode(ZH.encode("utf-32"), "a") == ZH


def test_clean_utf8_without_bom_is_untouched() -> None:
    assert decode(ZH.encode(), "a") == ZH
    assert guess_encoding(ZH.encode()) == "utf-8"


@pytest.mark.parametrize(("encoding", "data", "message"), [
    ("rot13", "Нанкин".encode(), "unknown encoding 'rot13'"),  # a codec, not for text
    ("base64", b"TmFua2luZw==", "unknown encoding 'base64'"),
    ("punycode", b"a..b", "cannot be read as punycode"),  # UnicodeError, no position
    ("idna", b"xn--abc-", "cannot be read as idna"),
])
def test_encodings_that_are_no_text_encodings_are_named(encoding: str, data: bytes,
                                                        message: str) -> None:
    """Found by trying --encoding values: LookupError and UnicodeError tracebacks."""
    with pytest.raises(InputError, match=message):
        decode(data, "a.txt", encoding)
