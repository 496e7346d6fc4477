"""The toolkit's own UI messages in the user's language, from the gettext catalogs in locales/.

Catalogs are the ``.po`` files under ``locales/<lang>/LC_MESSAGES/toolkit.po`` (the source of
truth, checked by ``toolkit check`` in CI; ``toolkit/data/locales`` links to them so wheels ship
them). They are read with the toolkit's own PO reader straight into a dictionary on first use:
no build step, no stale ``.mo``, and no Babel import at run time (Babel's read + write_mo +
GNUTranslations cost ~40 ms of start-up; the reader is a few ms for our catalog, see
``bench/i18n_startup.py``). Like msgfmt, only translated, non-fuzzy entries count.

The language comes from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, like every gettext program;
anything we have no catalog for falls back to English.

Click help texts (command docstrings, ``help=`` of options) are translated when shown, paragraph
by paragraph (:func:`help_text`); ``toolkit catalog extract`` takes the same paragraphs from the
source (:func:`help_messages`, used by :mod:`toolkit.catalog.docstrings`), so both agree.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path

DOMAIN = "toolkit"
_PACKAGE = Path(__file__).resolve().parent
LOCALE_DIRS = (_PACKAGE.parent / "locales", _PACKAGE / "data" / "locales")


@cache
def width(c: str) -> int:
    """Terminal columns the character *c* takes: two for Chinese and full-width forms, none
    for a combining mark or an invisible format character (the zero-width non-joiner of
    Persian "افزونه‌ی"), one for the rest, as wcwidth and libunistring's uc_width count."""
    import unicodedata  # only text that is not ASCII asks

    if unicodedata.east_asian_width(c) in "WF":
        return 2
    if c != "\u00ad" and unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 1


def wide(c: str) -> bool:
    """Whether the character *c* takes two terminal columns (Chinese, full-width forms)."""
    return width(c) == 2


def columns(text: str) -> int:
    """Terminal columns *text* takes (a wide character, e.g. Chinese, takes two, a combining
    mark none): what lines up tables and help in Chinese, and wraps catalog lines
    (:mod:`toolkit.po.writer`)."""
    return len(text) if text.isascii() else sum(map(width, text))


def padded(texts: list[str]) -> list[str]:
    """*texts* padded with spaces to one width in terminal columns: labels in a column
    (severities, OK/FAIL) that line up whatever language they are in."""
    most = max(map(columns, texts), default=0)
    return [text + " " * (most - columns(text)) for text in texts]


def ui_language(env: Mapping[str, str] | None = None) -> str | None:
    """The UI language the environment asks for, as a catalog folder name (ru, zh_Hans).

    Asked on every message (a test or a caller may change the environment between runs), so
    it reads the four variables in place rather than copying the environment."""
    env = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").split(":")[0].split(".")[0].strip()
        if not value:
            continue
        if value in ("C", "POSIX"):
            return None
        lang = value.replace("-", "_")
        base = lang.split("_")[0].lower()
        if base == "zh":
            traditional = any(t in lang for t in ("Hant", "TW", "HK", "MO"))
            return "zh_Hant" if traditional else "zh_Hans"
        return base
    return None


class CatalogTranslations(gettext.NullTranslations):
    """Translations held in a dictionary built from a parsed ``.po`` (no ``.mo`` needed)."""

    def __init__(self, messages: dict[str, str], plurals: dict[str, list[str]],
                 plural: Callable[[int], int]) -> None:
        super().__init__()
        self._messages = messages
        self._plurals = plurals
        self._plural = plural

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._plurals.get(msgid1)
        if forms:
            index = int(self._plural(n))
            if 0 <= index < len(forms) and forms[index]:
                return forms[index]
        return msgid1 if n == 1 else msgid2


def load_catalog(path: str | os.PathLike[str]) -> CatalogTranslations:
    """The translated, non-fuzzy entries of the catalog at *path* (OSError if unreadable)."""
    from toolkit.po.plurals import parse_plural_forms
    from toolkit.po.reader import read_po

    po, _decoded = read_po(path)
    info = parse_plural_forms(po.header.get("Plural-Forms", "nplurals=2; plural=(n != 1);"))
    plural: Callable[[int], int] = (
        info.func if not isinstance(info, str) else (lambda n: int(n != 1)))
    messages: dict[str, str] = {}
    plurals: dict[str, list[str]] = {}
    for entry in po.entries:
        if entry.obsolete or entry.is_header or entry.fuzzy or entry.msgctxt is not None:
            continue
        if entry.msgid_plural is not None:
            forms = entry.msgstr_plural
            if forms and all(forms.values()):
                plurals[entry.msgid] = [forms.get(i, "") for i in range(max(forms) + 1)]
        elif entry.msgstr:
            messages[entry.msgid] = entry.msgstr
    return CatalogTranslations(messages, plurals, plural)


@lru_cache(maxsize=8)
def translations(lang: str | None) -> gettext.NullTranslations:
    """Translations for *lang* (NullTranslations when there is no catalog)."""
    if not lang:
        return gettext.NullTranslations()
    for folder in LOCALE_DIRS:
        po = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            return load_catalog(po)
    return gettext.NullTranslations()


def _(message: str) -> str:
    """Translate a UI message into the user's language."""
    return translations(ui_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a UI message with a count (Russian has three plural forms)."""
    return translations(ui_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, do not translate"
    """Mark *message* for extraction only; it is translated where it is shown."""
    return message


class Message(str):
    """An English message that can also be shown in the user's language.

    The string itself is the English text: what JSON, SARIF, JUnit, baselines and their
    fingerprints hold, whatever the UI language, so machine output and a baseline written
    under ``LANGUAGE=ru`` match one written in English. :func:`localized` gives the
    translation of its template with the same values, for text meant for people. Marked for
    extraction by name (``Message`` is a keyword of ``[tool.toolkit.catalog]``).
    """

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Message:
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template = template
        self.values = values
        return self

    def __reduce__(self) -> tuple[object, ...]:  # findings cross processes (check -j)
        return (_message, (self.template, self.values))


def _message(template: str, values: dict[str, object]) -> Message:
    return Message(template, **values)


class PluralMessage(Message):
    """A :class:`Message` with a count: translated through ``ngettext`` (Russian has three
    forms), while the English text stays its one *template* ("... {count} time(s) ...") so
    machine output and baseline fingerprints do not change. *plural* is the English plural
    the catalogs need as ``msgid_plural``; *n* the count that picks the form. Marked for
    extraction as ``PluralMessage:1,2``."""

    plural: str
    n: int

    def __new__(cls, template: str, plural: str, n: int, /, **values: object) -> PluralMessage:
        self = super().__new__(cls, template, **values)
        self.plural = plural
        self.n = n
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (_plural_message, (self.template, self.plural, self.n, self.values))


def _plural_message(template: str, plural: str, n: int,
                    values: dict[str, object]) -> PluralMessage:
    return PluralMessage(template, plural, n, **values)


def joined(items: list[str], separator: str = ", ") -> Message:
    """*items* (messages or plain text) as one message: ``a, b`` in English, each item
    translated when shown (a list a message holds: date fields, download failures)."""
    keys = [f"i{n}" for n in range(len(items))]
    return Message(separator.join("{" + key + "}" for key in keys),
                   **dict(zip(keys, items, strict=True)))


def localized(text: str | None) -> str | None:
    """*text* in the user's language: a :class:`Message` through its template (its
    :class:`Message` values too), another string as a catalog lookup of the whole string."""
    if text is None:
        return None
    if isinstance(text, Message):
        if isinstance(text, PluralMessage):
            pattern = ngettext(text.template, text.plural, text.n)
            if pattern == text.plural:  # no translation: the English text as it always was
                pattern = text.template
        else:
            pattern = _(text.template)
        if not text.values:  # as the English text: a template without values is not formatted
            return pattern
        return pattern.format(**{k: localized(v) if isinstance(v, Message) else v
                                 for k, v in text.values.items()})
    return _(text)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@cache
def _example_comment() -> re.Pattern[str]:
    """An example line of help with a comment after it (``toolkit models install en ru   #
    from the Argos index``): the command stays verbatim, the comment is a message. Compiled
    on first use (about 1 ms): only help output needs it, not every command's start-up."""
    return re.compile(r"^(\s+\S.*?\s{2,}#\s+)(\S.*)$")


def _help_pieces(text: str) -> list[list[tuple[bool, str]]]:
    """Click help *text* as paragraphs of (is_message, text) pieces.

    A normal paragraph is one message, its lines joined (Click rewraps it anyway, so rewrapping
    the source does not change the message). A ``\\b`` paragraph keeps its lines: runs of
    unindented lines are messages ("Examples:"), indented lines (commands) stay verbatim but
    for a comment at their end (:func:`_example_comment`, see :func:`_verbatim`).
    """
    import inspect  # Click has imported it; a plain `toolkit.i18n` user need not

    text = inspect.cleandoc(text).partition("\f")[0]
    paragraphs = []
    for para in _BLANK_LINE.split(text):
        lines = para.split("\n")
        if lines[0].strip() != "\b":
            paragraphs.append([(True, " ".join(line.strip() for line in lines).strip())])
            continue
        pieces: list[tuple[bool, str]] = [(False, "\b")]
        for line in lines[1:]:
            message = bool(line) and not line[0].isspace()
            if message and pieces[-1][0]:
                pieces[-1] = (True, pieces[-1][1] + "\n" + line)
            else:
                pieces.append((message, line))
        paragraphs.append(pieces)
    return paragraphs


def _verbatim(line: str, gettext_: Callable[[str], str]) -> str:
    """An indented help line (an example command) with the comment at its end, if any,
    translated by *gettext_*: ``# as configured`` is words for people, the command is not."""
    found = _example_comment().match(line)
    return found.group(1) + gettext_(found.group(2)) if found else line


def help_messages(text: str) -> list[str]:
    """The messages of a Click help text, as :func:`help_text` looks them up."""
    out: list[str] = []
    for para in _help_pieces(text):
        for is_msg, piece in para:
            if is_msg:
                out += [piece] if piece else []
            elif found := _example_comment().match(piece):
                out.append(found.group(2))
    return out


def help_text(text: str) -> str:
    """A Click help text in the user's language, paragraph by paragraph."""
    gettext_ = translations(ui_language()).gettext
    return "\n\n".join(
        "\n".join((gettext_(piece) if piece else piece) if is_msg else _verbatim(piece, gettext_)
                  for is_msg, piece in para)
        for para in _help_pieces(text))
