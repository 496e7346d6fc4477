"""TK0xx: the file as a whole: syntax, encoding, header, Plural-Forms, obsolete entries."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from toolkit.i18n import Message, PluralMessage
from toolkit.lint.model import Severity
from toolkit.lint.registry import Hit, rule
from toolkit.po.msgfmt import BYTE_ORDER_MARK, starts_with_bom
from toolkit.po.plurals import (
    PluralInfo,
    cldr_problem,
    cldr_sample,
    expected_plural_forms,
    parse_plural_forms,
)

_DUPLICATE = "duplicate message definition"


@rule("TK001", "syntax-error", "error", "file")
def syntax_error(ctx) -> Iterator[Hit]:
    """PO syntax error: unterminated string, bad escape, msgstr without msgid, stray text."""
    for err in ctx.po.errors:
        if not err.message.startswith(_DUPLICATE):
            yield Hit(err.message, line=err.line, column=err.column)


@rule("TK002", "duplicate-entry", "error", "file")
def duplicate_entry(ctx) -> Iterator[Hit]:
    """The same msgctxt + msgid defined twice (msgfmt refuses the file)."""
    for err in ctx.po.errors:
        if err.message.startswith(_DUPLICATE):
            yield Hit(err.message, line=err.line, column=err.column)


@rule("TK003", "invalid-encoding", "error", "file")
def invalid_encoding(ctx) -> Iterator[Hit]:
    """Bytes that are not valid in the file's charset (UTF-8 unless declared otherwise)."""
    dec = ctx.decoded
    for line in dec.bad_utf8_lines[:20]:
        yield Hit(Message("invalid {charset} byte sequence", charset=dec.used_charset),
                  line=line)
    if len(dec.bad_utf8_lines) > 20:
        more = len(dec.bad_utf8_lines) - 20
        yield Hit(PluralMessage("... and {count} more lines with invalid bytes",
                                "... and {count} more lines with invalid bytes", more,
                                count=more),
                  line=dec.bad_utf8_lines[20])


@rule("TK004", "byte-order-mark", "error", "file")
def byte_order_mark(ctx) -> Iterator[Hit]:
    """A UTF-8 byte-order mark at the start (msgfmt and Django's compilemessages fail on it)."""
    if starts_with_bom(ctx.po):
        yield Hit(BYTE_ORDER_MARK, Message("remove the BOM"),
                  line=1)


@rule("TK005", "crlf-line-endings", "warning", "file")
def crlf_line_endings(ctx) -> Iterator[Hit]:
    """Windows CRLF line endings (mixed endings confuse diffs and some tools)."""
    crlf = ctx.decoded.crlf_lines
    if crlf:
        yield Hit(PluralMessage("{count} line(s) end with CRLF", "{count} lines end with CRLF",
                                len(crlf), count=len(crlf)),
                  Message("convert to LF line endings"),
                  line=crlf[0])


def _header_line(ctx) -> int:
    e = ctx.po.header_entry
    return e.line if e is not None else 1


@rule("TK010", "header-language", "warning", "file")
def header_language(ctx) -> Iterator[Hit]:
    """Header has no Language, or one that contradicts the file's path."""
    from toolkit.po.locale import locale_from_path

    if ctx.po.header_entry is None:
        yield Hit(Message("catalog has no header entry (msgid \"\")"), line=1)
        return
    value = ctx.po.header.get("Language", "").strip()
    from_path = locale_from_path(ctx.path)
    if not value:
        yield Hit(Message("header has no Language field"),
                  Message("add \"Language: {locale}\\n\"", locale=from_path) if from_path
                  else None,
                  line=_header_line(ctx))
        return
    if from_path and (_base(from_path) != _base(value) or
                      None is not _script(from_path) != _script(value) is not None):
        yield Hit(Message("header Language {value!r} contradicts the path ({locale!r})",
                          value=value, locale=from_path),
                  line=_header_line(ctx))


def _base(locale: str) -> str:
    return re.split(r"[_@.-]", locale, maxsplit=1)[0].lower()


def _script(locale: str) -> bool | None:
    """For Chinese, whether *locale* names Traditional script (``zh_TW``, ``zh-Hant``) or
    Simplified (``zh_CN``, ``zh_Hans``): a ``zh_TW/`` catalog headed ``Language: zh_CN``
    is read by the wrong users. None for bare ``zh`` and any other language."""
    from toolkit.errors import LanguageError
    from toolkit.langs import parse_lang

    if _base(locale) != "zh" or not re.search(r"[_-]", locale.split(".")[0]):
        return None
    try:
        return parse_lang(locale.split(".")[0].split("@")[0]).traditional
    except LanguageError:
        return None


_CT_RE = re.compile(r"^text/plain;\s*charset=([A-Za-z0-9_.:-]+)\s*$", re.I)


@rule("TK011", "header-charset", "error", "file")
def header_charset(ctx) -> Iterator[Hit]:
    """Content-Type missing or malformed, or its charset does not match the file's bytes."""
    if ctx.po.header_entry is None:
        return
    line = _header_line(ctx)
    ct = ctx.po.header.get("Content-Type")
    if ct is None:
        yield Hit(Message("header has no Content-Type"),
                  Message('add "Content-Type: text/plain; charset=UTF-8\\n"'), line=line)
        return
    m = _CT_RE.match(ct)
    if not m:
        yield Hit(Message("malformed Content-Type {value!r}", value=ct),
                  "text/plain; charset=UTF-8", line=line)
        return
    charset = m.group(1)
    if charset.upper() == "CHARSET":
        yield Hit(Message("charset is the template placeholder CHARSET"), "charset=UTF-8",
                  line=line)
        return
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        yield Hit(Message("unknown charset {charset!r}", charset=charset), "charset=UTF-8",
                  line=line)
        return
    text = ctx.decoded.text
    if name == "ascii" and not text.isascii():
        yield Hit(Message("charset is ASCII but the file has non-ASCII text"), "charset=UTF-8",
                  line=line)
    elif name != "utf-8" and not text.isascii() and not ctx.decoded.bad_utf8_lines:
        # decoded with the declared charset; if the same bytes are valid UTF-8 with
        # non-ASCII text, the declaration is almost certainly wrong (mojibake in msgfmt)
        try:
            raw = text.encode(name)
            raw.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return
        yield Hit(Message("charset {charset} declared but the content is UTF-8",
                          charset=charset), "charset=UTF-8",
                  line=line)


@rule("TK012", "header-plural-forms", "error", "file")
def header_plural_forms(ctx) -> Iterator[Hit]:
    """Plural-Forms missing, malformed, or wrong for the language per CLDR."""
    if ctx.po.header_entry is None:
        return
    line = _header_line(ctx)
    value = ctx.po.header.get("Plural-Forms")

    def suggestion() -> str | None:  # Babel's plural table costs ~0.1 s to import: only on need
        return expected_plural_forms(ctx.locale) if ctx.locale else None

    if not value:
        has_plurals = any(e.msgid_plural is not None and not e.obsolete for e in ctx.po.entries)
        if has_plurals:
            yield Hit(Message("plural entries but no Plural-Forms header"), suggestion(),
                      line=line)
        return
    parsed = parse_plural_forms(value)
    if not isinstance(parsed, PluralInfo):
        yield Hit(parsed, suggestion(), line=line)
        return
    if ctx.locale:
        problem = cldr_problem(parsed, ctx.locale)
        if problem:
            yield Hit(Message("Plural-Forms wrong for {locale}: {problem}", locale=ctx.locale,
                              problem=problem), suggestion(), line=line,
                      severity=None if _plural_output_wrong(ctx, parsed) else Severity.WARNING)


def _plural_output_wrong(ctx, info: PluralInfo) -> bool:
    """Whether a Plural-Forms formula CLDR calls wrong shows a wrong form today: a plural
    entry exists and one form serves numbers of two CLDR categories, or numbers of one
    category get forms that read differently. A catalog with no plural entry (django-axes,
    sphinx-book-theme) or a Chinese one whose ``n != 1`` forms all read alike (WTForms) shows
    every number right; its header is still worth fixing (a warning)."""
    plurals = [e for e in ctx.po.entries if e.msgid_plural is not None and not e.obsolete
               and not e.fuzzy and any(e.msgstr_plural.values())]
    if not plurals:
        return False
    sample = cldr_sample(ctx.locale)
    if sample is None:
        return True
    forms_of: dict[str, set[int]] = {}
    categories_of: dict[int, set[str]] = {}
    for n, category in sample:
        form = int(info.func(n))
        forms_of.setdefault(category, set()).add(form)
        categories_of.setdefault(form, set()).add(category)
    if any(len(c) > 1 for c in categories_of.values()):
        return True  # one form for two categories: wrong for one of them
    return any(len({e.msgstr_plural.get(i, "") for i in forms}) > 1
               for forms in forms_of.values() if len(forms) > 1 for e in plurals)


@rule("TK020", "obsolete-entries", "warning", "file")
def obsolete_entries(ctx) -> Iterator[Hit]:
    """More obsolete (#~) entries than max-obsolete percent of the catalog."""
    entries = ctx.po.entries
    obsolete = sum(1 for e in entries if e.obsolete)
    if not obsolete:
        return
    live = len(entries) - obsolete
    pct = 100.0 * obsolete / max(live, 1)
    if pct > ctx.settings.max_obsolete:
        first = next(e.line for e in entries if e.obsolete)
        percent, limit = f"{pct:.0f}", f"{ctx.settings.max_obsolete:g}"
        yield Hit(PluralMessage("{count} obsolete entries ({percent}% of {live} live entries, "
                                "limit {limit}%)", "{count} obsolete entries ({percent}% of "
                                "{live} live entries, limit {limit}%)", obsolete, count=obsolete,
                                percent=percent, live=live, limit=limit),
                  Message("remove them (msgattrib --no-obsolete)"),
                  line=first)
