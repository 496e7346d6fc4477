"""``catalog init``: a new catalog for one locale from a template, Plural-Forms from CLDR."""

from __future__ import annotations

from toolkit.errors import CatalogError
from toolkit.i18n import Message
from toolkit.po.header import header_fields, set_header_field
from toolkit.po.plurals import expected_plural_forms, parse_plural_forms
from toolkit.po.reader import PoEntry, PoFile

__all__ = ["init_catalog", "plural_forms"]


def plural_forms(locale: str) -> tuple[str, int]:
    """The gettext ``Plural-Forms`` value for *locale* from Babel's CLDR data, and nplurals
    (ru: 3 forms, zh_Hans: 1, en: 2)."""
    value = expected_plural_forms(locale)
    info = parse_plural_forms(value) if value else None
    if value is None or isinstance(info, str) or info is None:
        raise CatalogError(Message("unknown locale {locale!r} (CLDR has no plural rules for it)",
                                   locale=locale))
    return value, info.nplurals


def _copy_entry(src: PoEntry, nplurals: int) -> PoEntry:
    e = PoEntry(0, msgid=src.msgid, msgctxt=src.msgctxt, msgid_plural=src.msgid_plural,
                flags=[f for f in src.flags if f != "fuzzy"], comments=src.comments,
                auto_comments=src.auto_comments, references=src.references)
    if e.msgid_plural is None:
        e.msgstr = ""
    else:
        e.msgstr_plural = dict.fromkeys(range(nplurals), "")
    return e


#: A template's placeholder header values (xgettext's and Babel's) and what a new catalog
#: gets instead, as msginit --no-translator fills them in: msgfmt -c warns on every one left.
_DEFAULTS = {"PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
             "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
             "Language-Team": "LANGUAGE <LL@li.org>"}


def _fill_in(text: str, comments: list[str], name: str) -> tuple[str, list[str]]:
    """The template's header with its placeholder values filled in for the language called
    *name* in English (the team; now as the revision date, 'Automatically generated' as the
    translator) and its comments' title, copyright year and first author as msginit
    --no-translator writes them."""
    import datetime

    fields = header_fields(text)
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M+0000")
    values = {"PO-Revision-Date": now, "Last-Translator": "Automatically generated",
              "Language-Team": name}
    for field, default in _DEFAULTS.items():
        if fields.get(field, "").strip() == default:
            text = set_header_field(text, field, values[field])
    if comments and comments[0].strip().startswith("Translations template for "):
        comments[0] = comments[0].replace("Translations template for ",
                                          f"{name} translations for ", 1)
    elif comments and comments[0].strip() == "SOME DESCRIPTIVE TITLE.":
        # xgettext's title: msginit names the language and the package
        package = fields.get("Project-Id-Version", "").split(" ")[0] or "PACKAGE"
        comments[0] = comments[0].replace("SOME DESCRIPTIVE TITLE.",
                                          f"{name} translations for {package} package.", 1)
    year = now[:4]
    for i, line in enumerate(comments):
        # xgettext's 'Copyright (C) YEAR ...' and 'FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.',
        # Babel's 'FIRST AUTHOR <EMAIL@ADDRESS>, 2026.': msginit --no-translator's values
        line = line.replace("FIRST AUTHOR <EMAIL@ADDRESS>", "Automatically generated", 1)
        if line.strip().startswith(("Copyright (C) YEAR", "Automatically generated, YEAR")):
            line = line.replace("YEAR", year, 1)
        comments[i] = line
    return text, comments


def init_catalog(template: PoFile, locale: str) -> PoFile:
    """A catalog for *locale* with every live entry of *template* untranslated; its
    ``Language`` spelled as gettext does (``zh-Hant`` -> ``zh_Hant``)."""
    from babel import Locale, UnknownLocaleError

    from toolkit.po.locale import gettext_locale

    locale = gettext_locale(locale)
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise CatalogError(Message("unknown locale {locale!r}", locale=locale)) from None
    forms, nplurals = plural_forms(locale)
    source = template.header_entry
    header = PoEntry(0, msgid="", msgstr=source.msgstr if source else "",
                     comments=source.comments if source else (),
                     flags=[f for f in (source.flags if source else []) if f != "fuzzy"])
    text = header.msgstr or ""
    text, comments = _fill_in(text, list(header.comments), parsed.english_name or locale)
    header.comments = type(header.comments)(comments)
    text = set_header_field(text, "Language", locale)
    text = set_header_field(text, "Content-Type", "text/plain; charset=UTF-8")
    text = set_header_field(text, "Plural-Forms", forms)
    header.msgstr = text
    entries = [header] + [_copy_entry(e, nplurals) for e in template.live_entries]
    return PoFile(entries, [], header_fields(text), header)
