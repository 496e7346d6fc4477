"""XML in and out: declared encodings read with Python's codecs; what XML 1.0 can hold."""

from __future__ import annotations

import codecs

import pytest
from defusedxml import ElementTree as SafeET

from toolkit.errors import InputError
from toolkit.xmlio import unwritable, utf8_document

DOC = '<?xml version="1.0" encoding="{enc}"?>\n<a>\n<b>{text}</b>\n</a>\n'


@pytest.mark.parametrize(("enc", "text"), [("GB18030", "南京大学"), ("Big5", "臺北"),
                                           ("cp1251", "Москва"), ("koi8-r", "Нанкин"),
                                           ("ISO-8859-1", "café")])
def test_declared_encodings_expat_cannot_read_alone(enc: str, text: str) -> None:
    data = DOC.format(enc=enc, text=text).encode(enc)
    root = SafeET.fromstring(utf8_document(data, "x.tbx"))
    assert root.find("b").text == text


def test_byte_order_mark_wins_and_utf8_passes_through() -> None:
    data = codecs.BOM_UTF16_LE + DOC.format(enc="UTF-16", text="南京").encode("utf-16-le")
    assert SafeET.fromstring(utf8_document(data)).find("b").text == "南京"
    plain = DOC.format(enc="UTF-8", text="南京").encode()
    assert utf8_document(plain) is plain


@pytest.mark.parametrize(("enc", "message"), [
    ("bogus", "unknown encoding 'bogus' in the XML declaration"),
    ("rot13", "unknown encoding 'rot13' in the XML declaration"),  # a codec, not for text
    ("idna", "not valid idna"),
])
def test_unreadable_declarations_name_the_file(enc: str, message: str) -> None:
    data = DOC.format(enc=enc, text="é").encode()
    with pytest.raises(InputError, match=message) as info:
        utf8_document(data, "vendor.tmx")
    assert info.value.path == "vendor.tmx" and info.value.line


def test_bytes_not_in_the_declared_encoding_give_their_line() -> None:
    data = DOC.format(enc="utf-16", text="x").encode("utf-8")[:-1]
    with pytest.raises(InputError, match="not valid utf-16"):
        utf8_document(data, "x.tmx")


def test_unwritable() -> None:
    assert unwritable("tab\there, new\nline, cr\r, NEL\x85") is None
    assert unwritable("a\x0bb") == "\x0b"
    assert unwritable("\ufffe") == "\ufffe"
